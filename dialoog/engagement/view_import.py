"""Reading an engagement log from a spreadsheet on the page: choose, preview, then add.

Nothing reaches the log until the user presses "add"; then `api.apply_import` adds the contacts
in one edit (one step in the history, undone as one).
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as w

from ..i18n import t, tn
from ..plan.blocks import Table
from ..problems import Problem
from ..session import Session
from ..stakeholders import importer as files
from ..ui import Notice, button, guarded, show, table_html, take_upload
from ..views.import_preview import ColumnsPreview
from . import api
from .importer import FIELDS, ImportFailed, LogImport, interpret

SHOWN_PROBLEMS = 30


class LogImportPanel(w.VBox):
    """File upload, a preview with every problem by row, the choice for questioned dates, and
    add or cancel."""

    def __init__(self, session: Session, today: date | None = None) -> None:
        super().__init__()
        self.session = session
        self.today = today
        self.table: files.Table | None = None
        self.result: LogImport | None = None
        self.overrides: dict[int, str | None] = {}
        self.add_class("eng-import")
        self.intro = w.HTML()
        self.upload = w.FileUpload(accept=".csv,.xlsx,.txt,.tsv", multiple=False)
        self.upload.add_class("eng-import-upload")
        self.upload.layout.width = "max-content"
        self.upload.observe(self._uploaded, "value")
        self.notice = Notice()
        self.summary = w.HTML()
        self.columns = ColumnsPreview(self._remap, lambda _p, _m: None, notes=False)
        self.follow_ups = w.HTML()
        self.problems = w.HTML()
        self.dates = w.Checkbox(value=False, indent=False)
        self.dates.observe(lambda _c: self._interpret(), "value")
        self.confirm = button("", icon="check", style="success")
        self.confirm.add_class("eng-import-confirm")
        self.confirm.on_click(self._confirm)
        self.cancel = button("", icon="times")
        self.cancel.on_click(lambda _b: self.clear())
        self.preview = w.VBox([self.summary, self.columns, self.follow_ups, self.problems,
                               self.dates, w.HBox([self.confirm, self.cancel])])  # fmt: skip
        show(self.preview, False)
        self.children = [self.intro, self.upload, self.notice, self.preview]
        session.observe(self._relabel, "language")
        self._relabel()

    @property
    def day(self) -> date:
        return self.today or date.today()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.intro.value = (
            f"<h4>{html.escape(t('eng.import.title', lang))}</h4>"
            f'<p class="dialoog-hint">{html.escape(t("eng.import.intro", lang))}</p>'
        )
        self.upload.description = t("eng.import.upload", lang)
        self.dates.description = t("eng.import.confirm_dates", lang)
        self.cancel.description = t("eng.import.cancel", lang)
        if self.result is not None:
            self._render()

    @guarded
    def _uploaded(self, _change: dict) -> None:
        if (chosen := take_upload(self.upload)) is not None:
            self.read(chosen[1], chosen[0])

    def read(self, data: bytes, filename: str) -> None:
        """Read a file into a preview; one that cannot be read gets a message and no preview."""
        self.clear()
        try:
            self.table = files.read_table(data, filename, max_bytes=files.MAX_IMPORT_BYTES)
        except ImportFailed as failed:
            self.notice.show(failed.message(self.session.language), "error")
            return
        self.overrides = {}
        self._interpret()

    @guarded
    def _remap(self, position: int, field: str | None) -> None:
        self.overrides[position] = field
        self._interpret()

    def _interpret(self) -> None:
        if self.table is None:
            return
        wb, lang = self.session.workbook, self.session.language
        try:
            self.result = interpret(self.table, wb.stakeholders, wb.engagements, today=self.day,
                                    confirm_dates=self.dates.value, overrides=self.overrides,
                                    lang=lang)  # fmt: skip
        except ImportFailed as failed:
            self.result = None
            self.notice.show(failed.message(lang), "error")
            show(self.preview, False)
            return
        self.notice.clear()
        self._render()

    def _render(self) -> None:
        result, lang = self.result, self.session.language
        self.summary.value = f"<p><b>{html.escape(result.summary(lang))}</b></p>"
        fields = [(t(f"eng.import.field.{f}", lang), f) for f in FIELDS]
        self.columns.show(result.columns, fields, lang)
        count = len(result.agreements)
        self.follow_ups.value = (
            f"<p>{html.escape(tn('eng.import.follow_ups', lang, count))}</p>" if count else ""
        )
        found = [*result.problems, *result.notes]
        rows = tuple(
            (str(p.row or ""), p.column or "", p.text(lang)) for p in found[:SHOWN_PROBLEMS]
        )
        headers = tuple(t(f"eng.import.col_{c}", lang) for c in ("row", "column", "problem"))
        more = len(found) - SHOWN_PROBLEMS
        self.problems.value = (
            table_html(Table(headers, rows, numeric=(0,)))
            + (f"<p>… +{more}</p>" if more > 0 else "")
            if rows else ""
        )  # fmt: skip
        show(self.dates, bool(result.questioned))
        self.confirm.description = tn("eng.import.confirm", lang, len(result.entries))
        self.confirm.disabled = not result.entries
        show(self.preview, True)

    @guarded
    def _confirm(self, _button: object = None) -> None:
        if self.result is None or not self.result.entries:
            return
        lang = self.session.language
        agreements = list(self.result.agreements)
        outcome = self.session.edit("engagements", api.apply_import, self.result.entries)
        if isinstance(outcome, Problem):
            self.notice.show(outcome.text(lang), "error")
            return
        if agreements:  # the next steps, linked to the contacts just added
            self.session.edit("followup", api.import_follow_ups, agreements)
        self.clear()
        self.notice.show(tn("eng.import.done", lang, outcome.info["added"]), "success")

    def clear(self) -> None:
        self.table = self.result = None
        self.columns.cards.children = []
        self.notice.clear()
        show(self.preview, False)
        self.summary.value = self.problems.value = ""
