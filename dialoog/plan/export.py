"""The plan and the follow-up registers as files: one call each, from JupyterLab or the app.

    from dialoog.plan.export import export_plan
    export_plan(workbook, "uit/")   # the plan as .docx, .html and .pdf, and the registers

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
from ..formatting import file_stamp, short_date
from ..i18n import t
from ..model import Workbook
from ..spreadsheets import add_sheet
from . import agreements, evaluation
from .blocks import Table, clean
from .document import build_document
from .texts import plan_texts


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


class PdfUnavailable(RuntimeError):
    """This server cannot make PDFs (Pango, which WeasyPrint draws text with, is missing)."""


def plan_pdf(
    workbook: Workbook, content: Content | None = None, lang: str | None = None,
    today: date | None = None,
) -> bytes:  # fmt: skip
    """The plan as a PDF (A4), drawn by WeasyPrint from the printable HTML: a fixed document
    for a company without Word. PdfUnavailable when the server lacks Pango."""
    try:
        from weasyprint import CSS, HTML
    except OSError as exc:  # the Python package is there, the system library is not
        raise PdfUnavailable(str(exc)) from exc
    lang = lang or workbook.language
    page = plan_html(workbook, content, lang, today)
    paged = CSS(string=_paged_css(workbook.organisation.name, lang))
    return HTML(string=page.decode("utf-8"), base_url=None).write_pdf(stylesheets=[paged])


def _css_string(text: str) -> str:
    """Text as a CSS string literal: quotes and backslashes escaped, on one line."""
    flat = re.sub(r"[\r\n\t\f\v]+", " ", str(text))[:120]
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _paged_css(organisation: str, lang: str) -> str:
    """What only a printed page has: the organisation and 'pagina 3 van 30' in the margin, and
    the page of each section in the table of contents."""
    title = t("plan.pdf.running_title", lang)
    running = f"{title} — {organisation}" if organisation else title
    page = _css_string(t("plan.pdf.page", lang) + " ")
    of = _css_string(" " + t("plan.pdf.of", lang) + " ")
    return (
        "@page { font-family: 'Segoe UI', Calibri, Arial, sans-serif; font-size: 8pt; color: #666;"
        f" @bottom-left {{ content: {_css_string(running)}; }}"
        f" @bottom-right {{ content: {page} counter(page) {of} counter(pages); }} }}\n"
        "@page :first { @bottom-left { content: none; } @bottom-right { content: none; } }\n"
        "nav.contents a::after { content: leader('.') target-counter(attr(href), page); }\n"
        "nav.contents li { margin: .15em 0; }\n"
    )


def filename(workbook: Workbook, kind: str, ext: str, lang: str, today: date | None = None) -> str:
    """'plan-van-aanpak-zeegers-werkkleding-2026-06-25.docx': safe on every file system."""
    name = unicodedata.normalize("NFKD", workbook.organisation.name or "")
    name = re.sub(r"[^a-z0-9]+", "-", name.encode("ascii", "ignore").decode().lower()).strip("-")
    stem = t(f"plan.file.{kind}", lang)
    if len(name) > 40:
        name = name[:40].rsplit("-", 1)[0]
    parts = [stem, name, file_stamp(today or date.today())]
    return "-".join(p for p in parts if p) + f".{ext}"


def _sheet(book, title: str, table: Table, taken: set[str]) -> None:
    add_sheet(
        book,
        clean(title),
        [clean(h) for h in table.headers],
        ([clean(v) if isinstance(v, str) else v for v in row] for row in table.rows),
        taken,
        table.flags,
        {"overdue": "FBE9E9", "differs": "FBE9E9"},
    )


def registers_xlsx(workbook: Workbook, lang: str | None = None, today: date | None = None) -> bytes:
    """The follow-up registers for the analyst: agreements, per stakeholder, evaluation."""
    from openpyxl import Workbook as Book

    lang = lang or workbook.language
    today = today or date.today()
    book = Book()
    book.remove(book.active)
    taken: set[str] = set()
    sheets = (
        ("plan.sheet.agreements", agreements.register_table(workbook, lang, today)),
        ("plan.sheet.parties", agreements.per_stakeholder_table(workbook, lang, today)),
        ("plan.sheet.evaluation", evaluation.comparison_table(workbook, lang)),
        ("plan.sheet.open_answers", evaluation.open_answers(workbook, lang)),
        ("plan.sheet.responses", responses_table(workbook, lang)),
    )
    for key, table in sheets:
        _sheet(book, t(key, lang), table, taken)
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
                short_date(r.taken, lang) if r.taken else "",
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
    """Write the plan (.docx, .html, and .pdf where the server can) and the registers (.xlsx)
    into `folder`; returns the paths."""
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
    try:
        pdf = plan_pdf(workbook, content, lang, today)
    except PdfUnavailable:
        pdf = None
    if pdf is not None:
        paths["pdf"] = out / filename(workbook, "plan", "pdf", lang, today)
        paths["pdf"].write_bytes(pdf)
    paths["xlsx"] = out / filename(workbook, "registers", "xlsx", lang, today)
    paths["xlsx"].write_bytes(registers_xlsx(workbook, lang, today))
    return paths
