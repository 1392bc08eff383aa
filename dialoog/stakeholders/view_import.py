"""Importing a spreadsheet in the workbook: read, preview, correct the columns, then confirm.

Nothing reaches the workbook until the user presses confirm; then the register's API applies
the whole import at once (replace, or merge by name), so it is never lost or half-replaced.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
import pandas as pd

from ..formatting import format_count
from ..i18n import t
from ..paths import REPO_ROOT
from ..problems import Problem
from ..session import Session
from ..spreadsheets import CSV_MIME
from ..ui import DownloadLink, Notice, button, guarded, take_upload
from ..views.import_preview import ColumnsPreview
from . import api
from .api import name_key
from .choices import register_data
from .export import csv_bytes
from .importer import MAX_IMPORT_BYTES, ImportFailed, ImportResult, Table, read_table
from .rereading import Rereading
from .tables import labels
from .view_table import html_table

EXAMPLE = REPO_ROOT / "data" / "examples" / "stakeholders.csv"
SHOWN_PROBLEMS = 30
SAMPLE_ROWS = 8


def _row(children: list[w.Widget]) -> w.HBox:
    box = w.HBox(children, layout=w.Layout(flex_flow="row wrap", align_items="center"))
    box.add_class("sh-row")
    return box


class ImportPanel(Rereading, w.VBox):
    """File upload, preview with column mapping and problems, and confirm or cancel."""

    def __init__(self, session: Session, on_done: Callable[[str], None]) -> None:
        super().__init__()
        self.session = session
        self._on_done = on_done
        self.table: Table | None = None
        self.result: ImportResult | None = None
        self.overrides: dict[int, str | None] = {}
        self.modes: dict[int, str] = {}
        self.add_class("sh-import")

        self.intro = w.HTML()
        self.upload = w.FileUpload(accept=".csv,.xlsx,.txt,.tsv", multiple=False)
        self.upload.observe(self._uploaded, "value")
        self.example = button("", icon="table")
        self.example.on_click(self._load_example)
        self.notice = Notice()
        self.summary = w.HTML()
        self.columns = ColumnsPreview(self._remap, self._remode)
        self.problems = w.HTML()
        self.notes = w.HTML()
        self.sample = w.HTML()
        self.mode = w.RadioButtons(options=[("", "replace"), ("", "merge")], value="merge")
        self.mode.layout.width = "auto"
        self.confirm = button("", icon="check", style="success")
        self.cancel = button("", icon="times")
        self.confirm.on_click(self._confirm)
        self.cancel.on_click(self._cancel)
        self.skipped = DownloadLink()
        self.preview = w.VBox(
            [
                self.summary,
                self.columns,
                self.problems,
                self.notes,
                self.sample,
                self.mode,
                w.HBox([self.confirm, self.cancel]),
                self.skipped,
            ]
        )
        self.preview.add_class("sh-preview")
        self.preview.layout.display = "none"
        self.children = [
            self.intro,
            _row([self.upload, self.example]),
            self.notice,
            self.preview,
        ]

    # -- reading -------------------------------------------------------------------------------
    @guarded
    def _uploaded(self, _change: dict) -> None:
        if (chosen := take_upload(self.upload)) is not None:
            self.read(chosen[1], chosen[0])

    @guarded
    def _load_example(self, _button: object = None) -> None:
        self.read(EXAMPLE.read_bytes(), EXAMPLE.name)

    def read(self, data: bytes, filename: str) -> None:
        """Read a file into a preview; a file that cannot be read gets a message and no preview."""
        lang = self.session.language
        self._cancel()
        try:
            self.table = read_table(data, filename, max_bytes=MAX_IMPORT_BYTES)
        except ImportFailed as failed:
            self.notice.show(failed.message(lang), "error")
            return
        self.overrides = {}
        self.modes = {}
        self._interpret()

    def _read(self, failed: str | None) -> None:
        if failed:
            self.notice.show(failed, "error")
            self.preview.layout.display = "none"
            return
        self.notice.clear()
        self._render()

    # -- preview -------------------------------------------------------------------------------
    def _render(self) -> None:
        result, lang = self.result, self.session.language
        self.summary.value = f"<p><b>{html.escape(result.summary(lang))}</b> " + html.escape(
            t("sh.import.where", lang, detail=result.table.detail, row=result.header_row)
        ) + "</p>"  # fmt: skip
        data = register_data()
        fields = [(f.label.get(lang), f.id) for f in data.fields]
        question = t("sh.import.ask_name", lang) if result.missing_name else ""
        self.columns.show(result.columns, fields, lang, question=question)
        self.problems.value = self._problem_list(result, lang)
        self.notes.value = "".join(
            f'<p class="sh-note">{html.escape(n.message(lang))}</p>'
            for n in result.notes
            if n.key != "sh.import.ask_name"
        )
        self.sample.value = self._sample(result, lang)
        existing = {name_key(s.name) for s in self.session.workbook.stakeholders}
        names = [name_key(n) for n in result.frame["name"]] if "name" in result.frame else []
        updates = sum(1 for n in names if n in existing)
        self.mode.options = [
            (t("sh.import.mode_merge", lang, new=len(names) - updates, updated=updates), "merge"),
            (t("sh.import.mode_replace", lang, count=len(names),
               current=len(self.session.workbook.stakeholders)), "replace"),
        ]  # fmt: skip
        shown = bool(self.session.workbook.stakeholders) and result.ready
        self.mode.layout.display = "flex" if shown else "none"
        self.mode.value = "merge" if self.session.workbook.stakeholders else "replace"
        self.confirm.disabled = not result.ready
        self.confirm.description = t("sh.import.confirm", lang, count=len(result.frame))
        self.cancel.description = t("sh.import.cancel", lang)
        if result.errors:
            rows = pd.DataFrame(
                {
                    t("sh.import.col_row", lang): [p.row for p in result.errors],
                    t("sh.import.col_column", lang): [p.column or "" for p in result.errors],
                    t("sh.import.col_value", lang): [
                        str(p.params.get("value", p.params.get("name", ""))) for p in result.errors
                    ],
                    t("sh.import.col_problem", lang): [
                        t(p.key, lang, **p.params) for p in result.errors
                    ],
                }
            )
            self.skipped.set(
                t("sh.import.skipped_file", lang),
                csv_bytes(rows, lang),
                CSV_MIME,
                t("sh.import.skipped_link", lang, count=len(result.errors)),
            )
        else:
            self.skipped.clear()
        self.preview.layout.display = "flex"

    def _problem_list(self, result: ImportResult, lang: str) -> str:
        parts = []
        for title, problems in (
            (t("sh.import.problems", lang, count=len(result.rejected_rows)), result.refused),
            (t("sh.import.emptied", lang, count=len(result.emptied)), result.emptied),
            (t("sh.import.skipped_title", lang), result.skipped),
        ):
            if not problems:
                continue
            items = "".join(
                f"<li>{html.escape(p.message(lang))}</li>" for p in problems[:SHOWN_PROBLEMS]
            )
            more = len(problems) - SHOWN_PROBLEMS
            if more > 0:
                items += f"<li>{html.escape(t('sh.import.more', lang, count=more))}</li>"
            parts.append(f"<b>{html.escape(title)}</b><ul>{items}</ul>")
        per_column = result.emptied_per_column()
        if per_column:
            columns = ", ".join(f"{c} {n}" for c, n in per_column.items())
            parts.append(
                f"<p>{html.escape(t('sh.import.emptied_per_column', lang, columns=columns))}</p>"
            )
        return f'<div class="sh-problems">{"".join(parts)}</div>' if parts else ""

    def _sample(self, result: ImportResult, lang: str) -> str:
        frame = result.frame.head(SAMPLE_ROWS)
        if frame.empty or not result.ready:
            return ""
        data = register_data()
        shown = [f for f in ("name", "group", "country", "issues", "scale", "scope",
                             "irremediability", "likelihood", "vulnerability", "selected")
                 if f in result.mapped_fields]  # fmt: skip
        table = pd.DataFrame(
            {t("sh.import.col_row", lang): frame["source_row"]}
            | {data.field(f).label.get(lang): labels(frame, f, lang, data) for f in shown}
        )
        total = format_count(len(result.frame), lang)
        caption = t("sh.import.sample", lang, shown=len(frame), total=total)
        return html_table(table, lang, caption=caption)

    # -- confirming ----------------------------------------------------------------------------
    @guarded
    def _confirm(self, _button: object = None) -> None:
        if self.result is None or not self.result.ready:
            return
        lang = self.session.language
        mode = self.mode.value if self.session.workbook.stakeholders else "replace"
        skipped = len(self.result.rejected_rows)
        outcome = self.session.edit("stakeholders", api.apply_import, self.result, mode)
        if isinstance(outcome, Problem):
            self.notice.show(outcome.message(lang), "error")
            return
        self._cancel()
        info = outcome.info
        self._on_done(
            t("sh.import.done", lang, added=info["added"], updated=info["updated"], skipped=skipped)
        )

    @guarded
    def _cancel(self, _button: object = None) -> None:
        self.result = None
        self.preview.layout.display = "none"
        self.columns.cards.children = []
        self.skipped.clear()
        self.notice.clear()

    def relabel(self, lang: str) -> None:
        limit = MAX_IMPORT_BYTES // (1024 * 1024)
        self.intro.value = f"<p>{html.escape(t('sh.import.intro', lang, limit=limit))}</p>"
        self.upload.description = t("sh.import.choose", lang)
        self.example.description = t("sh.import.example", lang)
        self.example.tooltip = t("sh.import.example_hint", lang)
        if self.result is not None:
            self._interpret()
