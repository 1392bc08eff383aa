"""The "Geschiedenis" page: every saved version, in words, to look at and to restore."""

from __future__ import annotations

import html

import ipywidgets as w

from .. import history
from ..changes import Difference, differences
from ..formatting import format_moment
from ..i18n import link_label, t, tn
from ..plan.blocks import Table
from ..problems import Problem
from ..session import KEEP_EVERY_REVISION_DAYS, Change, Session
from ..ui import Notice, button, guarded, show, table_html, view_only

SHOWN = 100  # the latest versions listed
PARTS = 40  # the parts of one change listed, the first ones


def differences_html(found: list[Difference], lang: str, headers: tuple[str, str, str]) -> str:
    """A revision's (or a restore's) parts, before → after, as a table; the rest counted."""
    if not found:
        return f'<p class="dialoog-hint">{html.escape(t("history.no_difference", lang))}</p>'
    rows = tuple((d.part, d.before, d.after) for d in found[:PARTS])
    more = ""
    if len(found) > PARTS:
        more = html.escape(t("history.more_parts", lang, count=len(found) - PARTS))
        more = f'<p class="dialoog-hint">{more}</p>'
    return table_html(Table(headers, rows)) + more


class HistoryPanel(w.VBox):
    """The versions, newest first; pick one to see what it changed, or to restore it."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-history")
        self.title = w.HTML()
        self.intro = w.HTML()
        self.table = w.HTML()
        self.pick = w.Dropdown(layout=w.Layout(width="min(36em, 100%)"))
        self.show = button("", icon="eye")
        self.restore = button("", icon="undo")
        self.refresh_button = button("", icon="refresh")
        view_only(self.pick, self.show, self.refresh_button)
        self.show.on_click(self._show)
        self.restore.on_click(self._ask)
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.notice = Notice()
        self.detail = w.HTML()
        self.detail.add_class("dialoog-history-detail")
        # a restore is asked first: what it changes, then yes or cancel
        self.question = w.HTML()
        self.yes = button("", icon="undo", style="danger")
        self.yes.add_class("dialoog-history-yes")
        self.no = button("", icon="times")
        self.yes.on_click(self._restore)
        self.no.on_click(lambda _b: self._close_question())
        self.confirm = w.VBox([self.question, w.HBox([self.yes, self.no])])
        self.confirm.add_class("dialoog-history-confirm")
        show(self.confirm, False)
        self.undo = button("", icon="undo")
        self.undo.add_class("dialoog-history-undo")
        self.undo.on_click(self._undo)
        show(self.undo, False)
        self._asked: int | None = None  # the version the question is about
        self._before: int | None = None  # the version before the last restore, to undo it
        self.children = [
            self.title, self.intro, w.HBox([self.refresh_button]), self.table,
            w.HBox([self.pick, self.show, self.restore],
                   layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.confirm, self.notice, self.undo, self.detail,
        ]  # fmt: skip
        self.revisions: list = []
        session.observe(self.refresh, "language")
        self.refresh()

    def on_change(self, _change: Change) -> None:
        self.refresh()

    def refresh(self, _change: object = None) -> None:
        lang, session = self.session.language, self.session
        content = session.content
        self.title.value = f"<h2>{html.escape(t('history.title', lang))}</h2>"
        self.intro.value = (
            f"<p>{html.escape(t('history.intro', lang, days=KEEP_EVERY_REVISION_DAYS))}</p>"
        )
        self.show.description = t("history.show", lang)
        self.restore.description = t("history.restore", lang)
        self.refresh_button.description = t("history.refresh", lang)
        self.pick.description = t("history.pick", lang)
        self.no.description = t("history.confirm.no", lang)
        self.undo.description = t("history.undo", lang)
        revisions = session.history(SHOWN)
        if isinstance(revisions, Problem):
            self.revisions = []
            self.table.value = f"<p>{html.escape(t('history.none', lang))}</p>"
            self.pick.options = []
            return
        self.revisions = revisions
        rows = []
        for r in self.revisions:
            when = format_moment(r.at, lang)
            what = history.summary(r.changes, content, lang)
            if r.kind in ("created", "restore", "thinned"):
                what = f"{what} ({t(f'history.kind.{r.kind}', lang)})"
            rows.append((str(r.number), when, link_label(r.label, lang) if r.label else "—", what))
        headers = tuple(t(f"history.col.{c}", lang) for c in ("number", "when", "who", "what"))
        self.table.value = table_html(Table(headers, tuple(rows), numeric=(0,)))
        chosen = self.pick.value
        self.pick.options = [(f"{r.number} · {rows[i][1]} · {rows[i][2]}", r.number)
                             for i, r in enumerate(self.revisions)]  # fmt: skip
        if chosen in [r.number for r in self.revisions]:
            self.pick.value = chosen

    def _revision(self):
        return next((r for r in self.revisions if r.number == self.pick.value), None)

    @guarded
    def _show(self, _button: object = None) -> None:
        """What the chosen version changed: each part, before → after, as the pages show it."""
        revision, lang = self._revision(), self.session.language
        if revision is None:
            return
        found = differences(revision.changes, self.session.content, lang)
        headers = tuple(t(f"history.col.{c}", lang) for c in ("part", "before", "after"))
        intro = html.escape(t("history.shown", lang, number=revision.number))
        self.detail.value = f"<h3>{intro}</h3>" + differences_html(found, lang, headers)

    @guarded
    def _ask(self, _button: object = None) -> None:
        """Say what restoring the chosen version would change, and ask."""
        revision, lang = self._revision(), self.session.language
        if revision is None:
            return
        self.session.save_now()  # what this page changed is in the store before comparing
        preview = self.session.restore_preview(revision.number)
        if isinstance(preview, Problem):
            self.notice.show(preview.message(lang), "error")
            return
        found = differences(preview, self.session.content, lang)
        if not preview:
            self._close_question()
            self.notice.show(t("history.same", lang, number=revision.number), "info")
            return
        self._asked = revision.number
        headers = (t("history.col.part", lang), t("history.confirm.now", lang),
                   t("history.confirm.then", lang))  # fmt: skip
        intro = tn("history.confirm.intro", lang, len(found), number=revision.number)
        self.question.value = (
            f'<p role="alert"><strong>{html.escape(intro)}</strong></p>'
            + differences_html(found, lang, headers)
        )
        self.yes.description = t("history.confirm.yes", lang, number=revision.number)
        self.notice.clear()
        show(self.confirm, True)

    def _close_question(self) -> None:
        self._asked = None
        self.question.value = ""
        show(self.confirm, False)

    @guarded
    def _restore(self, _button: object = None) -> None:
        number, lang = self._asked, self.session.language
        if number is None:
            return
        self._close_question()
        before = self.session.base_revision
        if not self._go_to(number):
            return
        self._before = before
        self.notice.show(t("history.restored", lang, number=number), "success")
        show(self.undo, True)
        self.refresh()

    def _go_to(self, number: int) -> bool:
        """Restore version `number` and save it at once; False (and why, shown) if refused."""
        problem = self.session.restore_revision(number)
        if problem:
            self.notice.show(problem.message(self.session.language), "error")
            return False
        self.session.save_now()
        return True

    @guarded
    def _undo(self, _button: object = None) -> None:
        """Back to the version before the restore: itself a restore, so nothing is lost."""
        before, lang = self._before, self.session.language
        if before is None or not self._go_to(before):
            return
        self._before = None
        show(self.undo, False)
        self.notice.show(t("history.undone", lang, number=before), "success")
        self.refresh()
