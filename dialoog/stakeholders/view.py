"""The stakeholder register in the workbook: `RegisterView(session, mode="map"|"select")`.

Mode "map" (step 3): the ranked register with an edit form for one stakeholder at a time,
import with preview and confirm, the analyst's tables, the map and ranking chart, and export.
Mode "select" (step 5a): the ranked register with a tick box and a reason per stakeholder.

The view asks the register's API for every edit (`session.edit("stakeholders", api.…)`); it
follows changes of the register only (another view, another tab, or an opened file) and
`session.language` (it re-labels itself without losing anything).
"""

from __future__ import annotations

import html
from importlib import resources
from typing import Literal
from urllib.parse import quote

import ipywidgets as w
import pandas as pd

from ..i18n import t
from ..problems import Problem
from ..session import TOKEN_PARAM, Change, Session
from ..ui import Notice, accessible_name, button, guarded, isolate, show, view_only
from . import api
from .choices import norm, register_data
from .priority import prioritise, rule_text
from .record import Stakeholder
from .register import to_frame
from .view_editor import StakeholderForm
from .view_import import ImportPanel
from .view_outputs import ChartsPanel, ExportPanel, TablesPanel
from .view_select import SelectionPanel
from .view_table import Pager, html_table, number_text

Mode = Literal["map", "select"]
TABS = ("register", "import", "tables", "charts", "export")
SORTS = ("rank", "name", "entered")


def _css() -> str:
    return resources.files(__package__).joinpath("register.css").read_text(encoding="utf-8")


def _row(children: list[w.Widget]) -> w.HBox:
    """Widgets side by side with some room between them, wrapping on narrow screens."""
    box = w.HBox(children, layout=w.Layout(flex_flow="row wrap", align_items="center"))
    box.add_class("sh-row")
    return box


class RegisterPanel(w.VBox):
    """The ranked register page by page, a search, and the form of the stakeholder picked."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.ranked: pd.DataFrame | None = None
        self.search = w.Text(continuous_update=True, layout=w.Layout(width="21em"))
        self.group = w.Dropdown(layout=w.Layout(width="16em"))
        self.sort = w.Dropdown(options=[("", s) for s in SORTS], value="rank")
        self.sort.layout.width = "14em"
        self.add = button("", icon="plus", style="primary")
        self.add.on_click(self._add)
        for widget in (self.search, self.group, self.sort):
            widget.observe(self._filter_changed, "value")
            view_only(widget)
        self.table = w.HTML()
        self.table.add_class("sh-scroll")
        self.pager = Pager(self._list)
        self.picker = w.Dropdown(layout=w.Layout(width="min(36em, 100%)"))
        self.picker.add_class("sh-picker")
        view_only(self.picker)
        self.picker.observe(self._picked, "value")
        self._listing = False
        self.picker_label = w.Label()
        self.notice = Notice()
        self.undo = button("", icon="undo")
        self.undo.on_click(self._undo)
        show(self.undo, False)
        self._removed: tuple[Stakeholder, int] | None = None
        self.form = StakeholderForm(session, self._on_removed, self._on_saved)
        self.children = [
            _row([self.search, self.group, self.sort, self.add]),
            self.table,
            self.pager,
            _row([self.picker_label, self.picker]),
            w.HBox([self.notice, self.undo], layout=w.Layout(align_items="center")),
            self.form,
        ]  # fmt: skip

    @guarded
    def _filter_changed(self, _change: object = None) -> None:
        self.pager.page = 0
        self._list()

    def relabel(self, lang: str) -> None:
        self.search.placeholder = t("sh.register.search", lang)
        self.search.description = ""
        group = self.group.value
        self.group.options = [(t("sh.register.all_groups", lang), "")] + [
            (o.label.get(lang), o.id) for o in register_data().options("group")
        ]
        self.group.value = group or ""
        sort = self.sort.value
        self.sort.options = [(t(f"sh.register.sort_{s}", lang), s) for s in SORTS]
        self.sort.value = sort
        self.add.description = t("sh.register.add", lang)
        self.picker_label.value = t("sh.register.edit", lang)
        accessible_name(self.picker, t("sh.register.edit", lang))
        accessible_name(self.group, t("sh.register.all_groups", lang))
        accessible_name(self.sort, t("sh.register.sort", lang))
        self.undo.description = t("sh.register.undo", lang)
        self.pager.relabel(lang)
        self.form.relabel(lang)
        self._list()

    def update(self, ranked: pd.DataFrame) -> None:
        self.ranked = ranked
        self.form.ranked = ranked
        self._list()
        self.form.refresh()

    def _filtered(self) -> pd.DataFrame:
        ranked = self.ranked
        if self.group.value:
            ranked = ranked[ranked["group"] == self.group.value]
        query = norm(self.search.value)
        if query:
            keys = ranked["name"].map(norm) + " " + ranked["contact"].map(norm)
            ranked = ranked[keys.str.contains(query, regex=False)]
        if self.sort.value == "name":
            ranked = ranked.sort_values("name", key=lambda s: s.str.casefold(), kind="stable")
        elif self.sort.value == "entered":
            order = {s.id: i for i, s in enumerate(self.session.workbook.stakeholders)}
            ranked = ranked.iloc[ranked["id"].map(order).argsort(kind="stable")]
        return ranked

    def _list(self) -> None:
        if self.ranked is None:
            return
        lang = self.session.language
        data = register_data()
        shown = self._filtered()
        page = shown.iloc[self.pager.window(len(shown))]
        if self.ranked.empty:
            self.table.value = f"<p>{html.escape(t('sh.register.empty', lang))}</p>"
        elif page.empty:
            self.table.value = f"<p>{html.escape(t('sh.register.no_match', lang))}</p>"
        else:
            table = pd.DataFrame(
                {
                    t("sh.col.rank", lang): page["rank"],
                    data.field("name").label.get(lang): [
                        f"★ {n}" if s else n
                        for n, s in zip(page["name"], page["selected"], strict=True)
                    ],
                    data.field("group").label.get(lang): [
                        data.option_label("group", g, lang) for g in page["group"]
                    ],
                    data.field("country").label.get(lang): [
                        data.country_label(c, lang) for c in page["country"]
                    ],
                    t("sh.col.priority", lang): page["priority"],
                }
            )
            caption = t("sh.register.caption", lang)
            self.table.value = html_table(
                table,
                lang,
                band_column=t("sh.col.priority", lang),
                bands=page["band"],
                caption=caption,
            )
        current = self.form.current
        options = [(t("sh.register.pick", lang), "")] + [
            (self._option_label(row, lang), row["id"]) for _, row in shown.iterrows()
        ]
        if current and current not in {v for _, v in options}:
            record = self.form.record()
            if record is not None:  # keep the stakeholder being edited pickable
                options.append((isolate(record[1].name), current))
        self._listing = True  # re-filling the menu is not a choice of the user
        try:
            self.picker.options = options
            self.picker.value = current or ""
        finally:
            self._listing = False

    @staticmethod
    def _option_label(row: pd.Series, lang: str) -> str:
        rank = "–" if pd.isna(row["rank"]) else str(int(row["rank"]))
        priority = number_text(row["priority"], lang)
        return f"{rank}. {isolate(row['name'])}  ({priority})"

    @guarded
    def _picked(self, change: dict) -> None:
        if not self._listing:
            self.notice.clear()
            self.form.show(change["new"] or None)

    @guarded
    def _add(self, _button: object = None) -> None:
        self.notice.clear()
        self.picker.value = ""
        self.form.new()

    def _on_saved(self, stakeholder_id: str) -> None:
        self._list()
        self.picker.value = stakeholder_id
        self.notice.show(t("sh.register.added", self.session.language), "success")

    def _on_removed(self, removed: Stakeholder, index: int) -> None:
        self._removed = (removed, index)
        self.notice.show(t("sh.register.removed", self.session.language, name=removed.name), "info")
        show(self.undo, True)
        self.picker.value = ""

    @guarded
    def _undo(self, _button: object = None) -> None:
        if self._removed is None:
            return
        removed, index = self._removed
        self._removed = None
        show(self.undo, False)
        problem = self.session.edit("stakeholders", api.restore, removed, index)
        if isinstance(problem, Problem):
            self.notice.show(problem.message(self.session.language), "error")
            return
        self.notice.clear()
        self.form.show(removed.id)


class RegisterView(w.VBox):
    """The stakeholder register of the workbook, for step 3 ("map") or step 5a ("select")."""

    def __init__(self, session: Session, mode: Mode = "map") -> None:
        super().__init__()
        if mode not in ("map", "select"):
            raise ValueError(f"mode must be 'map' or 'select', not {mode!r}")
        self.session, self.mode = session, mode
        self.add_class("sh-register")
        self.css = w.HTML(f"<style>{_css()}</style>")
        self.summary = w.HTML()
        self.notice = Notice()
        self.rule = w.HTML()
        self.rule_box = w.Accordion(children=[self.rule], selected_index=None)
        self.ranked = pd.DataFrame()
        if mode == "map":
            self.register = RegisterPanel(session)
            self.importer = ImportPanel(session, self._imported)
            self.tables = TablesPanel(session)
            self.charts = ChartsPanel(session)
            self.export = ExportPanel(session)
            self.panels = [self.register, self.importer, self.tables, self.charts, self.export]
            self.tabs = w.Tab(children=self.panels)
            self.tabs.observe(self._tab, "selected_index")
            self.analysis_link = w.HTML()
            self.analysis_link.add_class("sh-analysis-link")
            body: list[w.Widget] = [self.tabs, self.analysis_link]
        else:
            self.selection = SelectionPanel(session)
            self.panels = [self.selection]
            body = [self.selection]
        self.children = [self.css, self.summary, self.notice, *body, self.rule_box]
        self.relabel()
        self.refresh()
        session.observe(self._on_language, "language")
        session.watch(self._on_change, "stakeholders")

    # -- following the session -------------------------------------------------------------------
    @guarded
    def _on_language(self, _change: object = None) -> None:
        self.relabel()

    @guarded
    def _on_change(self, _change: Change) -> None:
        self.refresh()

    def relabel(self) -> None:
        lang = self.session.language
        if self.mode == "map":
            for i, name in enumerate(TABS):
                self.tabs.set_title(i, t(f"sh.tab.{name}", lang))
            href = f"stakeholders.ipynb?{TOKEN_PARAM}={quote(self.session.token)}"
            self.analysis_link.value = (
                f'<p class="sh-hint"><a href="{html.escape(href)}" target="_blank" '
                f'rel="noopener">{html.escape(t("sh.analysis_link", lang))}</a></p>'
            )
        self.rule_box.set_title(0, t("sh.rule.title", lang))
        self.rule.value = f'<p class="sh-rule">{html.escape(rule_text(lang))}</p>'
        for panel in self.panels:
            panel.relabel(lang)
        self._summarise()

    def refresh(self) -> None:
        """Model -> view: prioritise once, then every panel shows the new register."""
        self.ranked = prioritise(to_frame(self.session.workbook.stakeholders))
        for panel in self.panels:
            if hasattr(panel, "update"):
                panel.update(self.ranked)
        self._summarise()

    def _summarise(self) -> None:
        lang = self.session.language
        ranked = self.ranked
        self.summary.value = (
            '<p class="sh-summary">'
            + html.escape(
                t(
                    "sh.register.summary",
                    lang,
                    total=len(ranked),
                    assessed=int(ranked["priority"].notna().sum()) if len(ranked) else 0,
                    high=int((ranked["band"] == "high").sum()) if len(ranked) else 0,
                    selected=int(ranked["selected"].sum()) if len(ranked) else 0,
                )
            )
            + "</p>"
        )

    @guarded
    def _tab(self, change: dict) -> None:
        self.charts.show(change["new"] == TABS.index("charts"))

    def _imported(self, message: str) -> None:
        self.notice.show(message, "success")
        self.tabs.selected_index = TABS.index("register")

    # -- for tests and notebooks -----------------------------------------------------------------
    @property
    def table_html(self) -> str:
        return self.register.table.value if self.mode == "map" else self.selection.chosen.value

    def open_tab(self, name: str) -> None:
        self.tabs.selected_index = TABS.index(name)


__all__ = ["RegisterView", "html_table"]
