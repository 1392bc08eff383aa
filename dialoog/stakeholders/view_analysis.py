"""The analyst's page in the app (`notebooks/stakeholders.ipynb`): a register read from the
user's own file, or the register of this workbook, as tables, the map and ranking chart, and
spreadsheets to take away.

Reading a file here changes nothing: not the workbook (bringing a file into the workbook is
the import in step 3) and not the server (every result is a download, no path is shown).
"""

from __future__ import annotations

import html
from typing import Literal

import ipywidgets as w
import pandas as pd

from ..i18n import t
from ..session import Change, Session
from ..ui import Notice, accessible_name, guarded, show, take_upload, view_only
from ..views.import_preview import ColumnsPreview
from .choices import register_data
from .importer import MAX_IMPORT_BYTES, ImportFailed, ImportResult, Table, read_table
from .priority import prioritise
from .register import to_frame
from .rereading import Rereading
from .view_outputs import ChartsPanel, ExportPanel, TablesPanel

Source = Literal["workbook", "file"]
TABS = ("tables", "charts", "export")
SHOWN_PROBLEMS = 8  # problems listed on the page; the import in step 3 reports every one


class AnalysisPage(Rereading, w.VBox):
    """Choose a source, read it, and see what the register says; nothing is stored."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("sh-analysis")
        self.intro = w.HTML()
        self.source = w.ToggleButtons(
            options=[("", "workbook"), ("", "file")],
            value="workbook",
            style={"button_width": "auto"},  # the labels are whole sentences: never cut them
        )
        self.source.add_class("sh-analysis-source")
        self.source.observe(self._source_changed, "value")
        self.upload = w.FileUpload(accept=".csv,.xlsx,.txt,.tsv", multiple=False)
        self.upload.add_class("sh-analysis-upload")
        self.upload.observe(self._uploaded, "value")
        view_only(self.source, self.upload)  # reading a file for a look edits nothing
        self.notice = Notice()
        self.problems = w.HTML()
        # the same preview as the import in step 3: how each column was read, and a menu
        self.columns = ColumnsPreview(self._remap, self._remode)
        view_only(self.columns)
        self.table: Table | None = None
        self.overrides: dict[int, str | None] = {}
        self.modes: dict[int, str] = {}
        self.summary = w.HTML()
        self.tables = TablesPanel(session)
        self.charts = ChartsPanel(session)
        self.export = ExportPanel(session)
        self.panels = [self.tables, self.charts, self.export]
        self.tabs = w.Tab(children=self.panels)
        self.tabs.observe(self._tab, "selected_index")
        self.result: ImportResult | None = None
        self.ranked = pd.DataFrame()
        self.children = [
            self.intro,
            self.source,
            self.upload,
            self.notice,
            self.columns,
            self.problems,
            self.summary,
            self.tabs,
        ]
        session.observe(self._on_language, "language")
        session.watch(self._on_change, "stakeholders")
        self.relabel()
        self.refresh()

    # -- following the session -------------------------------------------------------------------
    @guarded
    def _on_language(self, _change: object = None) -> None:
        self.relabel()

    @guarded
    def _on_change(self, _change: Change) -> None:
        if self.source.value == "workbook":
            self.refresh()

    def relabel(self) -> None:
        lang = self.session.language
        self.intro.value = f"<p>{html.escape(t('an.intro', lang))}</p>"
        count = len(self.session.workbook.stakeholders)
        value = self.source.value
        self.source.options = [
            (t("an.source.workbook", lang, count=count), "workbook"),
            (t("an.source.file", lang), "file"),
        ]
        self.source.value = value
        accessible_name(self.source, t("an.source.label", lang))
        self.upload.description = t("sh.import.choose", lang)
        for i, name in enumerate(TABS):
            self.tabs.set_title(i, t(f"sh.tab.{name}", lang))
        for panel in self.panels:
            panel.relabel(lang)
        self._report()
        self._summarise()

    # -- reading ---------------------------------------------------------------------------------
    @guarded
    def _source_changed(self, _change: object = None) -> None:
        self.refresh()

    @guarded
    def _uploaded(self, _change: dict) -> None:
        if (chosen := take_upload(self.upload)) is not None:
            self.read(chosen[1], chosen[0])

    def read(self, data: bytes, filename: str) -> None:
        """Read a file for analysis. One that cannot be read gets a message; the register of
        the file read before stays in the tables, said to be that one, and its problems and
        preview go (they would seem to be the new file's)."""
        lang = self.session.language
        try:
            table = read_table(data, filename, max_bytes=MAX_IMPORT_BYTES)
        except ImportFailed as failed:
            self.source.value = "file"
            self.refresh()
            self.problems.value = ""
            show(self.columns, False)
            message = failed.message(lang)
            if self.result is not None and self.result.ready:
                name = self.result.table.filename or "—"
                message += " " + t("an.still_shown", lang, file=name)
            self.notice.show(message, "error")
            return
        self.table, self.overrides, self.modes = table, {}, {}
        self.source.value = "file"
        self._interpret()

    def _read(self, failed: str | None) -> None:
        self.refresh()
        if failed:
            self.notice.show(failed, "error")

    def refresh(self) -> None:
        """Source -> view: prioritise once, then every panel shows that register."""
        from_file = self.source.value == "file"
        show(self.upload, from_file)
        result = self.result if from_file else None
        show(self.columns, result is not None)
        if result is not None:
            lang = self.session.language
            fields = [(f.label.get(lang), f.id) for f in register_data().fields]
            question = t("sh.import.ask_name", lang) if result.missing_name else ""
            self.columns.show(result.columns, fields, lang, question=question)
        if from_file:
            ready = self.result is not None and self.result.ready
            frame = self.result.frame if ready else to_frame([])
        else:
            frame = to_frame(self.session.workbook.stakeholders)
        self.ranked = prioritise(frame)
        self.tables.update(self.ranked, of_workbook=not from_file)
        self.charts.update(self.ranked)
        self.export.update(self.ranked)
        self._report()
        self._summarise()

    # -- telling ---------------------------------------------------------------------------------
    def _report(self) -> None:
        """What the file brought: the import's summary and its first problems, as text."""
        lang = self.session.language
        if self.source.value != "file" or self.result is None:
            if self.notice.kind != "error":
                self.notice.clear()
            self.problems.value = ""
            if self.source.value == "file" and self.result is None:
                self.notice.show(t("an.choose_file", lang), "info")
            return
        result = self.result
        kind = "success" if result.ready else "error"
        self.notice.show(result.summary(lang), kind)
        problems = [*result.errors, *result.skipped, *result.notes]
        lines = [p.message(lang) for p in problems[:SHOWN_PROBLEMS]]
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(t("an.more_problems", lang, count=len(problems) - SHOWN_PROBLEMS))
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        self.problems.value = f'<ul class="sh-analysis-problems">{items}</ul>' if items else ""

    def _summarise(self) -> None:
        lang = self.session.language
        ranked = self.ranked
        text = t(
            "sh.register.summary",
            lang,
            total=len(ranked),
            assessed=int(ranked["priority"].notna().sum()) if len(ranked) else 0,
            high=int((ranked["band"] == "high").sum()) if len(ranked) else 0,
            selected=int(ranked["selected"].sum()) if len(ranked) else 0,
        )
        self.summary.value = f'<p class="sh-summary">{html.escape(text)}</p>'

    @guarded
    def _tab(self, change: dict) -> None:
        self.charts.show(change["new"] == TABS.index("charts"))

    def open_tab(self, name: str) -> None:
        self.tabs.selected_index = TABS.index(name)
