"""Step 5a: choosing from the ranked register who to engage in dialogue, and saying why.

One row per stakeholder on the current page: a tick box, who it is with its rank and priority,
and the reason. Hints point out what the method asks to question: high priorities left out,
choices without a reason, and no one speaking for the affected people.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from ..i18n import t
from ..problems import Problem
from ..session import Session
from ..ui import Notice, guarded, user_text, view_only
from . import api
from .choices import register_data
from .priority import band_label
from .tables import selection, selection_gaps
from .view_table import Pager, html_table, number_text

FILTERS = ("all", "high", "selected", "not_selected")


class SelectRow(w.HBox):
    """Tick box and reason of one stakeholder, bound to it by id."""

    def __init__(self, panel: SelectionPanel) -> None:
        super().__init__()
        self.panel = panel
        self.session = panel.session
        self.stakeholder_id: str | None = None
        self.tick = w.Checkbox(indent=False, layout=w.Layout(width="2.2em"))
        self.who = w.HTML(layout=w.Layout(flex="2 1 260px", min_width="0"))
        self.reason = w.Textarea(rows=2, continuous_update=False)
        self.reason.layout = w.Layout(flex="3 1 260px", min_width="0")
        self.tick.observe(self._changed, "value")
        self.reason.observe(self._changed, "value")
        self.children = [self.tick, self.who, self.reason]
        self.add_class("sh-select-row")
        self._echo = False  # True while a stakeholder is shown: widget events are not edits

    def show(self, row: pd.Series, lang: str) -> None:
        data = register_data()
        self._echo = True
        try:
            self.stakeholder_id = row["id"]
            self.tick.value = bool(row["selected"])
            self.reason.value = row["selection_reason"]
        finally:
            self._echo = False
        rank = "–" if pd.isna(row["rank"]) else f"{int(row['rank'])}."
        group = data.option_label("group", row["group"], lang)
        band = row["band"]
        badge = (
            f'<span class="dialoog-table-badge dialoog-table-badge-{html.escape(band)}">'
            f"{html.escape(band_label(band, lang))} {number_text(row['priority'], lang)}</span>"
        )
        self.who.value = (
            f'<span class="sh-rank">{rank}</span> <b>{user_text(row["name"])}</b> {badge}'
            f"<br><small>{html.escape(group)}</small>"
        )
        self.tick.description = ""
        self.tick.tooltip = t("sh.form.selected", lang)
        self.reason.placeholder = t("sh.select.reason_hint", lang)

    @guarded
    def _changed(self, _change: object = None) -> None:
        if self._echo or self.stakeholder_id is None:
            return
        problem = self.session.edit(
            "stakeholders", api.select, self.stakeholder_id, self.tick.value, self.reason.value
        )
        if isinstance(problem, Problem):
            self.panel.show_problem(problem)


class SelectionPanel(w.VBox):
    """The ranked register with tick boxes, page by page, and the resulting selection."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.ranked: pd.DataFrame | None = None
        self.hints = w.HTML()
        self.filter = w.Dropdown(options=[("", f) for f in FILTERS], value="all")
        self.filter.observe(self._filter_changed, "value")
        view_only(self.filter)
        self.header = w.HTML()
        self.pager = Pager(self.refresh)
        self.rows = [SelectRow(self) for _ in range(self.pager.size)]
        self.rows_box = w.VBox()
        self.chosen = w.HTML()
        self.notice = Notice()
        self.children = [self.hints, self.filter, self.header, self.notice, self.rows_box,
                         self.pager, self.chosen]  # fmt: skip

    def show_problem(self, problem: Problem) -> None:
        self.notice.show(problem.message(self.session.language), "error")

    @guarded
    def _filter_changed(self, _change: object = None) -> None:
        self.pager.page = 0
        self.refresh()

    def relabel(self, lang: str) -> None:
        value = self.filter.value
        self.filter.options = [(t(f"sh.select.filter_{f}", lang), f) for f in FILTERS]
        self.filter.value = value
        self.filter.description = t("sh.select.show", lang)
        self.pager.relabel(lang)
        self.header.value = (
            '<div class="sh-select-head"><span>'
            + html.escape(t("sh.select.col_selected", lang))
            + "</span><span>"
            + html.escape(t("sh.select.col_who", lang))
            + "</span><span>"
            + html.escape(t("sh.select.col_reason", lang))
            + "</span></div>"
        )
        self.refresh()

    def update(self, ranked: pd.DataFrame) -> None:
        self.ranked = ranked
        self.refresh()

    def _filtered(self) -> pd.DataFrame:
        ranked, choice = self.ranked, self.filter.value
        high = register_data().rule.bands[0].id
        if choice == "high":
            return ranked[ranked["band"] == high]
        if choice == "selected":
            return ranked[ranked["selected"]]
        if choice == "not_selected":
            return ranked[~ranked["selected"]]
        return ranked

    def refresh(self) -> None:
        if self.ranked is None:
            return
        lang = self.session.language
        shown = self._filtered()
        window = self.pager.window(len(shown))
        page = shown.iloc[window]
        for row, (_, values) in zip(self.rows, page.iterrows(), strict=False):
            row.show(values, lang)
        self.rows_box.children = self.rows[: len(page)]
        self.hints.value = self._hints(lang)
        table = selection(self.ranked, lang)
        title = html.escape(t("sh.select.chosen_title", lang, count=len(table)))
        self.chosen.value = f"<h4>{title}</h4>" + (
            html_table(table, lang)
            if len(table)
            else f"<p>{html.escape(t('sh.select.none', lang))}</p>"
        )

    def _hints(self, lang: str) -> str:
        if self.ranked.empty:
            return f"<p>{html.escape(t('sh.register.empty_select', lang))}</p>"
        gaps = selection_gaps(self.ranked)
        items = []
        if gaps["high_not_selected"]:
            names = ", ".join(gaps["high_not_selected"][:8])
            more = len(gaps["high_not_selected"]) - 8
            names += f" (+{more})" if more > 0 else ""
            items.append(t("sh.select.hint_high", lang, names=names))
        if gaps["no_reason"]:
            items.append(t("sh.select.hint_reason", lang, count=len(gaps["no_reason"])))
        if gaps["no_affected_voice"]:
            items.append(t("sh.select.hint_voice", lang))
        if not items:
            return ""
        lis = "".join(f"<li>{html.escape(i)}</li>" for i in items)
        return f'<div class="dialoog-notice-info sh-hints"><ul>{lis}</ul></div>'
