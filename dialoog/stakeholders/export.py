"""The register and its views as CSV and .xlsx files that are safe to open in a spreadsheet.

A cell that begins with '=', '+', '-', '@', a tab or a carriage return would be read by Excel or
LibreOffice as a formula (CSV injection); every such text cell gets a leading apostrophe, which
spreadsheets show as text and which the importer removes again on re-import.

CSV files are UTF-8 with a byte-order mark, so that Excel shows accents correctly, separated by
';' in Dutch (what Excel expects with Dutch regional settings) and ',' in English.
"""

from __future__ import annotations

import io
import re

import pandas as pd

from .tables import views

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_DANGEROUS = re.compile(r"^[=+\-@\t\r]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
HEADER_FILL = "1F4E79"


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every dangerous text cell neutralised; headings too. Numbers stay numbers."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            text = column.astype(object)
            is_text = text.map(lambda v: isinstance(v, str))
            dangerous = is_text & text.where(is_text, "").astype(str).str.match(_DANGEROUS)
            if dangerous.any():
                out[name] = text.where(~dangerous, "'" + text.where(dangerous, "").astype(str))
    out.columns = [neutralise(str(c)) for c in out.columns]
    if out.index.name:
        out.index.name = neutralise(out.index.name)
    return out


def separator(lang: str) -> str:
    return ";" if lang == "nl" else ","


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """One table as CSV (UTF-8 with BOM), neutralised."""
    text = neutralise_frame(frame).to_csv(
        index=False,
        sep=separator(lang),
        lineterminator="\r\n",
        decimal="," if lang == "nl" else ".",
    )
    return ("\ufeff" + text).encode("utf-8")


def register_csv(frame: pd.DataFrame, lang: str) -> bytes:
    """The register (every field, ranked, with computed values) as CSV."""
    return csv_bytes(next(iter(views(frame, lang).values())), lang)


def sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (≤ 31 characters, no []:*?/\\)."""
    base = _SHEET_FORBIDDEN.sub("-", title).strip("'") or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """Tables as one .xlsx, one sheet each: bold coloured heading, frozen, filtered, sized."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    for title, table in tables.items():
        sheet = book.create_sheet(sheet_title(title, taken))
        safe = neutralise_frame(table)
        headings = [str(c) for c in safe.columns]
        sheet.append(headings)
        for values in safe.itertuples(index=False, name=None):
            sheet.append([_cell(v) for v in values])
        for cell in sheet[1]:
            cell.font, cell.fill, cell.alignment = bold, fill, wrap
        sheet.freeze_panes = "B2" if len(headings) > 1 else "A2"
        if headings:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{len(safe) + 1}"
        for i, name in enumerate(headings, start=1):
            width = max(
                [len(name) * 0.9, *(len(str(v)) for v in safe.iloc[:200, i - 1])], default=8
            )
            sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    """A value openpyxl writes as data: missing values empty, numpy numbers as Python numbers."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def register_xlsx(frame: pd.DataFrame, lang: str) -> bytes:
    """The register and all its views as one .xlsx, one sheet per view."""
    return xlsx_bytes({k: v for k, v in views(frame, lang).items() if not v.empty})
