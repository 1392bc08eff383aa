"""Telling the user when two pages changed the same thing: who, what, and the other text."""

from __future__ import annotations

import html

import ipywidgets as w

from ..changes import value_text
from ..history import unit_name
from ..i18n import link_label, t
from ..session import Notice as ConflictNotice
from ..session import Session
from ..ui import button, guarded, show, view_only


class ConflictBar(w.VBox):
    """The latest conflict of this page, with the other text to look at or to put back."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-conflict")
        self.message = w.HTML()
        self.other = w.HTML()
        self.show_other = button("", icon="eye")
        self.restore = button("", icon="undo")
        self.dismiss = button("", icon="times")
        view_only(self.show_other, self.dismiss)
        self.show_other.on_click(self._show_other)
        self.restore.on_click(self._restore)
        self.dismiss.on_click(lambda _b: self.clear())
        self.current: ConflictNotice | None = None
        self.children = [self.message, w.HBox([self.show_other, self.restore, self.dismiss]),
                         self.other]  # fmt: skip
        show(self, False)
        session.observe(self._notice, "notice_count")
        session.observe(self._relabel, "language")

    def clear(self) -> None:
        self.current = None
        self.other.value = ""
        show(self, False)

    def _notice(self, _change: object = None) -> None:
        if self.session.notices:
            self.current = self.session.notices[-1]
            self.other.value = ""
            self._relabel()
            show(self, True)

    def _relabel(self, _change: object = None) -> None:
        lang, notice = self.session.language, self.current
        self.show_other.description = t("conflict.show", lang)
        self.restore.description = t("conflict.restore", lang)
        self.dismiss.description = t("conflict.dismiss", lang)
        if notice is None:
            return
        conflict = notice.conflict
        what = unit_name(conflict.key, self.session.content, lang)
        who = link_label(conflict.by, lang) if conflict.by else t("conflict.someone", lang)
        text = t(f"conflict.{notice.kind}", lang, who=who, what=what, revision=conflict.revision)
        self.message.value = (
            f'<div class="dialoog-notice-info" role="alert">{html.escape(text)}</div>'
        )

    @guarded
    def _show_other(self, _button: object = None) -> None:
        if self.current is None:
            return
        lang, conflict = self.session.language, self.current.conflict
        other = value_text(conflict.key, conflict.replaced, self.session.content, lang)
        self.other.value = (
            f"<p><b>{html.escape(t('conflict.other_text', lang))}</b></p>"
            f'<blockquote class="dialoog-conflict-text">{html.escape(other)}</blockquote>'
        )

    @guarded
    def _restore(self, _button: object = None) -> None:
        if self.current is None:
            return
        conflict = self.current.conflict
        self.session.restore_units({conflict.key: conflict.replaced})
        self.clear()
