"""The page header: the page's title and the Nederlands/English switch, shared by every page."""

from __future__ import annotations

import html

import ipywidgets as w

from ..i18n import language_options, t
from .lock import accessible_name


class Header(w.HBox):
    """Title and language switch; the switch is linked to the session's language."""

    def __init__(self, session, title_key: str) -> None:
        super().__init__(
            layout=w.Layout(
                justify_content="space-between", align_items="center", flex_flow="row wrap"
            )
        )
        self.add_class("dialoog-header")
        self.session, self.title_key = session, title_key
        self.title = w.HTML()
        self.language = w.ToggleButtons(options=language_options())
        accessible_name(self.language, "Taal / Language")
        self.language.add_class("dialoog-language")
        self.language.add_class("dialoog-view")  # choosing a language edits nothing
        w.link((session, "language"), (self.language, "value"))  # the workbook decides
        self.children = [self.title, self.language]
        session.observe(self._relabel, "language")
        self._relabel()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        text = html.escape(t(self.title_key, lang))
        # the page's main heading; the browser tab shows the same (see the page script)
        self.title.value = f'<h1 class="dialoog-title" data-page-title="{text}">{text}</h1>'
        self.language.tooltips = [t("app.language_switch", lang)] * len(self.language.options)
