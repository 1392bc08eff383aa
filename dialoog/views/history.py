"""The "Geschiedenis" page: every saved version, in words, to look at and to restore."""

from __future__ import annotations

import html
import json

import ipywidgets as w

from .. import history
from ..formatting import format_moment
from ..i18n import link_label, t
from ..plan.blocks import Table
from ..problems import Problem
from ..session import KEEP_EVERY_REVISION_DAYS, Change, Session
from ..ui import Notice, button, guarded, table_html, view_only

SHOWN = 100  # the latest versions listed
CELL = 160  # characters of a value shown in a table cell


def _text(value: object) -> str:
    """A unit's value as a reader sees it: the text itself, or a short form of a record."""
    if value is None:
        return "—"
    if isinstance(value, str):
        text = value
    elif isinstance(value, dict) and "name" in value:
        text = str(value["name"])
    elif isinstance(value, dict) and "what" in value:
        text = str(value["what"])
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    else:
        text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= CELL else text[: CELL - 1] + "…"


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
        self.restore.on_click(self._restore)
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.notice = Notice()
        self.detail = w.HTML()
        self.children = [
            self.title, self.intro, self.refresh_button, self.table,
            w.HBox([self.pick, self.show, self.restore],
                   layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.notice, self.detail,
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
        revision, lang = self._revision(), self.session.language
        if revision is None:
            return
        content = self.session.content
        rows = tuple(
            (history.unit_name(key, content, lang), _text(old), _text(new))
            for key, (old, new) in revision.changes.items()
            if not key.endswith("/@order") and not key.startswith("meta/")
        )
        headers = tuple(t(f"history.col.{c}", lang) for c in ("part", "before", "after"))
        intro = html.escape(t("history.shown", lang, number=revision.number))
        lines = "".join(
            f"<li>{html.escape(x)}</li>" for x in history.describe(revision.changes, content, lang)
        )
        self.detail.value = f"<p>{intro}</p><ul>{lines}</ul>" + table_html(Table(headers, rows))

    @guarded
    def _restore(self, _button: object = None) -> None:
        revision, lang = self._revision(), self.session.language
        if revision is None:
            return
        problem = self.session.restore_revision(revision.number)
        if problem:
            self.notice.show(problem.message(lang), "error")
            return
        self.session.save_now()
        self.notice.show(t("history.restored", lang, number=revision.number), "success")
        self.refresh()
