"""What the analyst takes away: the tables, the map and ranking chart, and the export files."""

from __future__ import annotations

import html
import re

import ipywidgets as w
import pandas as pd

from ..formatting import file_stamp
from ..i18n import t
from ..session import Session
from ..spreadsheets import CSV_MIME, XLSX_MIME
from ..ui import DownloadLink, ImageView, SvgDownload, button, guarded, view_only
from . import tables
from .export import register_csv, register_xlsx
from .plots import map_description, ranking_chart, ranking_description, stakeholder_map
from .view_table import html_table

VIEWS = ("ranking", "selection", "group", "country", "issues", "chain", "crosstab")
# from the engagement log, shown when the register is the workbook's and the log has contacts
LOG_VIEWS = ("contacts_group", "contacts_issue", "contacts_quarter", "never_engaged")


def file_stem(session: Session, lang: str) -> str:
    """'stakeholderregister-groen-garen-bv-2025-03-12': safe for every file system."""
    organisation = re.sub(r"[^a-z0-9]+", "-", session.workbook.organisation.name.lower()).strip("-")
    parts = [t("sh.export.stem", lang), organisation[:40], file_stamp()]
    return "-".join(p for p in parts if p)


def _row(children: list[w.Widget]) -> w.HBox:
    box = w.HBox(children, layout=w.Layout(flex_flow="row wrap", align_items="center"))
    box.add_class("sh-row")
    return box


class TablesPanel(w.VBox):
    """One table at a time, chosen from a dropdown, as escaped HTML."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("sh-tables")
        self.choice = w.Dropdown(options=[("", v) for v in VIEWS], value="ranking")
        self.choice.observe(lambda _c: self.refresh(), "value")
        view_only(self.choice)
        self.table = w.HTML()
        self.table.add_class("sh-scroll")
        self.children = [self.choice, self.table]
        self.ranked: pd.DataFrame | None = None
        self.of_workbook = True  # False while the analyst looks at a file of their own
        session.watch(self._log_changed, "engagements")

    def _views(self) -> tuple[str, ...]:
        with_log = self.of_workbook and bool(self.session.workbook.engagements)
        return VIEWS + (LOG_VIEWS if with_log else ())

    def relabel(self, lang: str) -> None:
        value = self.choice.value
        views = self._views()
        self.choice.options = [(t(f"sh.view.{v}", lang), v) for v in views]
        self.choice.value = value if value in views else "ranking"
        self.choice.description = t("sh.view.label", lang)
        self.refresh()

    def _menu_stale(self) -> bool:
        """The log's tables are offered exactly when there is a log to count."""
        return tuple(v for _label, v in self.choice.options) != self._views()

    def update(self, ranked: pd.DataFrame, of_workbook: bool = True) -> None:
        self.ranked, self.of_workbook = ranked, of_workbook
        if self._menu_stale():
            self.relabel(self.session.language)  # rebuilds the menu, then shows the table
        else:
            self.refresh()

    def _log_changed(self, _change: object) -> None:
        if self._menu_stale():
            self.relabel(self.session.language)
        elif self.choice.value in LOG_VIEWS:  # other tables do not read the log
            self.refresh()

    def refresh(self) -> None:
        if self.ranked is None:
            return
        lang, view = self.session.language, self.choice.value
        ranked = self.ranked
        if view in LOG_VIEWS:
            self.table.value = self._log_table(view, ranked, lang)
        elif ranked.empty:
            self.table.value = f"<p>{html.escape(t('sh.register.empty', lang))}</p>"
        elif view == "ranking":
            table = tables.ranking(ranked, lang)
            band = tables.heading("band", lang)
            self.table.value = html_table(table, lang, band_column=band, bands=ranked["band"])
        elif view == "selection":
            table = tables.selection(ranked, lang)
            self.table.value = (
                html_table(table, lang)
                if len(table)
                else f"<p>{html.escape(t('sh.select.none', lang))}</p>"
            )
        elif view == "crosstab":
            table = tables.crosstab(ranked, lang)
            self.table.value = (
                html_table(table, lang, index=True)
                if len(table)
                else f"<p>{html.escape(t('sh.view.no_issues', lang))}</p>"
            )
        else:
            self.table.value = html_table(tables.counts(ranked, view, lang), lang)

    def _log_table(self, view: str, ranked: pd.DataFrame, lang: str) -> str:
        """Contacts per group, issue or quarter, or the stakeholders chosen for dialogue that
        were never engaged (highest priority first)."""
        from ..engagement.timeline import contacts_by, never_engaged

        workbook = self.session.workbook
        if view != "never_engaged":
            by = view.removeprefix("contacts_")
            rows = contacts_by(workbook, by, lang)
            frame = pd.DataFrame(rows, columns=[t(f"eng.by.{by}", lang), t("eng.by.count", lang)])
            return html_table(frame, lang)
        chosen = ranked[ranked["id"].isin(never_engaged(workbook))]
        if chosen.empty:
            return f"<p>{html.escape(t('sh.view.none_never_engaged', lang))}</p>"
        return html_table(tables.selection(chosen, lang), lang)


class ChartsPanel(w.VBox):
    """The stakeholder map (severity × likelihood, or × influence) and the ranking chart, with
    PNG and SVG downloads. Drawn only while visible: a figure takes about a second."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.axis = w.ToggleButtons(
            options=[("", "likelihood"), ("", "influence")], style={"button_width": "auto"}
        )
        self.axis.observe(lambda _c: self.draw(), "value")
        view_only(self.axis)
        self.map = ImageView()
        self.ranking = ImageView()
        self.map_png, self.map_svg = DownloadLink(), SvgDownload()
        self.ranking_png, self.ranking_svg = DownloadLink(), SvgDownload()
        self.children = [
            self.axis,
            self.map,
            _row([self.map_png, self.map_svg]),
            self.ranking,
            _row([self.ranking_png, self.ranking_svg]),
        ]
        self.ranked: pd.DataFrame | None = None
        self.visible = False
        self.stale = True

    def relabel(self, lang: str) -> None:
        value = self.axis.value
        self.axis.options = [
            (t("sh.chart.likelihood", lang), "likelihood"),
            (t("sh.chart.influence", lang), "influence"),
        ]
        self.axis.value = value
        self.stale = True
        self.draw()

    def update(self, ranked: pd.DataFrame) -> None:
        self.ranked = ranked
        self.stale = True
        self.draw()

    def show(self, visible: bool) -> None:
        self.visible = visible
        self.draw()

    @guarded
    def draw(self) -> None:
        if not self.visible or self.ranked is None:
            self.stale = True
            return
        lang = self.session.language
        figure = stakeholder_map(self.ranked, lang, y=self.axis.value)
        png = self.map.show_figure(figure, map_description(self.ranked, lang, self.axis.value))
        stem = f"{t('sh.chart.map_file', lang)}-{self.axis.value}"
        self.map_png.set(f"{stem}.png", png, "image/png", f"{stem}.png")
        again = t("files.download_again", lang)
        self.map_svg.offer(figure, f"{stem}.svg", f"{stem}.svg", f"{again} ({stem}.svg)")
        chart = ranking_chart(self.ranked, lang)
        png = self.ranking.show_figure(chart, ranking_description(self.ranked, lang))
        stem = t("sh.chart.ranking_file", lang)
        self.ranking_png.set(f"{stem}.png", png, "image/png", f"{stem}.png")
        self.ranking_svg.offer(chart, f"{stem}.svg", f"{stem}.svg", f"{again} ({stem}.svg)")
        self.stale = False


class ExportPanel(w.VBox):
    """Buttons that build the register and its views as .xlsx (one sheet per view) or CSV."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.intro = w.HTML()
        self.xlsx = button("", icon="file-excel-o")
        self.csv = button("", icon="file-text-o")
        view_only(self.xlsx, self.csv)
        self.xlsx.on_click(self._xlsx)
        self.csv.on_click(self._csv)
        self.link = DownloadLink()
        self.children = [self.intro, _row([self.xlsx, self.csv]),
                         self.link]  # fmt: skip
        self.ranked: pd.DataFrame | None = None

    def relabel(self, lang: str) -> None:
        self.intro.value = f"<p>{html.escape(t('sh.export.intro', lang))}</p>"
        self.xlsx.description = t("sh.export.xlsx", lang)
        self.csv.description = t("sh.export.csv", lang)
        self.link.clear()

    def update(self, ranked: pd.DataFrame) -> None:
        self.ranked = ranked
        self.link.clear()  # a link made before this change would hand out an old register
        self.xlsx.disabled = self.csv.disabled = ranked.empty

    @guarded
    def _xlsx(self, _button: object = None) -> None:
        lang = self.session.language
        name = f"{file_stem(self.session, lang)}.xlsx"
        self.link.set(name, register_xlsx(self.ranked, lang), XLSX_MIME, start=True)

    @guarded
    def _csv(self, _button: object = None) -> None:
        lang = self.session.language
        name = f"{file_stem(self.session, lang)}.csv"
        self.link.set(name, register_csv(self.ranked, lang), CSV_MIME, start=True)
