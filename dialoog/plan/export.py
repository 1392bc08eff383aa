"""The plan and the follow-up registers as files: one call each, from JupyterLab or the app.

    from dialoog.plan.export import export_plan
    export_plan(workbook, "uit/")   # writes the .docx and .html of the plan, and the registers

Every function builds bytes from the workbook and never changes it, so an export can neither
block nor lose the work; a failure raises and leaves the workbook as it was.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from pathlib import Path

from ..content import Content, load_content
from ..i18n import t
from ..model import Workbook
from . import agreements, evaluation
from .blocks import Table, clean
from .document import build_document
from .texts import plan_texts

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def plan_html(
    workbook: Workbook, content: Content | None = None, lang: str | None = None,
    today: date | None = None,
) -> bytes:  # fmt: skip
    """The plan as a self-contained, printable HTML page (UTF-8)."""
    from .html import html_bytes

    return html_bytes(build_document(workbook, content or load_content(), lang, today))


def plan_docx(
    workbook: Workbook, content: Content | None = None, lang: str | None = None,
    today: date | None = None,
) -> bytes:  # fmt: skip
    """The plan as a Word document."""
    from .docx import render_docx

    return render_docx(build_document(workbook, content or load_content(), lang, today))


def filename(workbook: Workbook, kind: str, ext: str, lang: str, today: date | None = None) -> str:
    """'plan-van-aanpak-zeegers-werkkleding-2026-06-25.docx': safe on every file system."""
    name = unicodedata.normalize("NFKD", workbook.organisation.name or "")
    name = re.sub(r"[^a-z0-9]+", "-", name.encode("ascii", "ignore").decode().lower()).strip("-")
    stem = t(f"plan.file.{kind}", lang)
    if len(name) > 40:
        name = name[:40].rsplit("-", 1)[0]
    parts = [stem, name, (today or date.today()).isoformat()]
    return "-".join(p for p in parts if p) + f".{ext}"


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str):
        value = clean(value)[:32000]  # Excel's limit per cell is 32,767 characters
        if value.startswith(_DANGEROUS):
            return "'" + value
    return value


def _sheet(book, title: str, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", clean(title))[:31] or "Sheet")
    sheet.append([_cell(h) for h in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    late = PatternFill("solid", fgColor="FBE9E9")
    for i, row in enumerate(table.rows):
        sheet.append([_cell(v) for v in row])
        if i < len(table.flags) and table.flags[i] in ("overdue", "differs"):
            for cell in sheet[sheet.max_row]:
                cell.fill = late
    for column in sheet.columns:
        width = max((len(str(c.value or "")) for c in column), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8) + 2, 60)
        for cell in column[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def registers_xlsx(workbook: Workbook, lang: str | None = None, today: date | None = None) -> bytes:
    """The follow-up registers for the analyst: agreements, per stakeholder, evaluation."""
    from openpyxl import Workbook as Book

    lang = lang or workbook.language
    today = today or date.today()
    book = Book()
    book.remove(book.active)
    _sheet(book, t("plan.sheet.agreements", lang), agreements.register_table(workbook, lang, today))
    _sheet(
        book, t("plan.sheet.parties", lang), agreements.per_stakeholder_table(workbook, lang, today)
    )
    _sheet(book, t("plan.sheet.evaluation", lang), evaluation.comparison_table(workbook, lang))
    _sheet(book, t("plan.sheet.open_answers", lang), evaluation.open_answers(workbook, lang))
    _sheet(book, t("plan.sheet.responses", lang), responses_table(workbook, lang))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def responses_table(workbook: Workbook, lang: str) -> Table:
    """Every evaluation form as one row, scores as labels, for the analyst."""
    form = plan_texts().evaluation
    headers = (
        t("plan.eval.respondent", lang),
        t("plan.eval.perspective", lang),
        t("plan.fact.date", lang),
        *(q.label.get(lang) for q in form.questions),
    )
    rows = []
    for r in workbook.followup.evaluations:
        answers = [
            form.scale_label(r.answers.get(q.id, ""), lang) if q.kind == "statement"
            else r.answers.get(q.id, "")
            for q in form.questions
        ]  # fmt: skip
        rows.append(
            (
                r.respondent,
                t(f"plan.eval.perspective.{r.perspective}", lang),
                r.taken.isoformat() if r.taken else "",
                *answers,
            )
        )
    return Table(headers, tuple(rows))


def export_plan(
    workbook: Workbook,
    folder: str | Path,
    lang: str | None = None,
    today: date | None = None,
    content: Content | None = None,
) -> dict[str, Path]:
    """Write the plan (.docx, .html) and the registers (.xlsx) into `folder`; returns the paths."""
    lang = lang or workbook.language
    today = today or date.today()
    content = content or load_content()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "docx": (filename(workbook, "plan", "docx", lang, today), plan_docx),
        "html": (filename(workbook, "plan", "html", lang, today), plan_html),
    }
    paths = {}
    for kind, (name, build) in files.items():
        paths[kind] = out / name
        paths[kind].write_bytes(build(workbook, content, lang, today))
    paths["xlsx"] = out / filename(workbook, "registers", "xlsx", lang, today)
    paths["xlsx"].write_bytes(registers_xlsx(workbook, lang, today))
    return paths
