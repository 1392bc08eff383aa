"""The stand-alone self-assessment page (notebooks/selfassessment.ipynb): one call, no logic there.

For people who only want the self-assessment. It works on the same autosaved workbook as the
guided workbook (same address token), so the answers and the priority steps carry over.
"""

from __future__ import annotations

import html
from importlib import resources

import ipywidgets as w

from ..i18n import t
from ..session import Session, open_session
from ..views.common import Notice
from ..views.files import FilePanel
from .view import SelfAssessmentView


class SelfAssessmentPage(w.VBox):
    """Title and language switch, the workbook file bar, and the self-assessment."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-app")
        css = resources.files("dialoog.views").joinpath("app.css").read_text(encoding="utf-8")
        self.title = w.HTML()
        self.language = w.ToggleButtons(options=[("Nederlands", "nl"), ("English", "en")])
        self.language.add_class("dialoog-language")
        w.link((session, "language"), (self.language, "value"))
        header = w.HBox(
            [self.title, self.language],
            layout=w.Layout(
                justify_content="space-between", align_items="center", flex_flow="row wrap"
            ),
        )
        header.add_class("dialoog-header")
        self.files = FilePanel(session)
        self.notice = Notice()
        self.view = SelfAssessmentView(session)
        self.children = [
            w.HTML(f"<style>{css}</style>"),
            header,
            self.files,
            self.notice,
            self.view,
        ]
        session.observe(self._relabel, "language")
        session.observe(self._show_error, "error_count")
        self._relabel()

    def _relabel(self, _change: object = None) -> None:
        text = html.escape(t("sa.page.title", self.session.language))
        self.title.value = f'<div class="dialoog-title">{text}</div>'

    def _show_error(self, _change: object = None) -> None:
        if self.session.error:
            self.notice.show(t(self.session.error, self.session.language), "error")


def selfassessment(session: Session | None = None) -> SelfAssessmentPage:
    """The self-assessment on its own, resuming the workbook named in the page's URL."""
    return SelfAssessmentPage(session or open_session())
