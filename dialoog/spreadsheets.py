"""Spreadsheets that are safe to open: CSV and .xlsx for every export of the product.

Text that a spreadsheet would run as a formula (it begins with =, +, -, @, a tab or a return)
must stay text:

- in .xlsx it is written as a text cell with Excel's "quote prefix" style: it shows exactly as
  written (no visible apostrophe), and Excel neither runs it nor turns it into a formula when
  the cell is edited;
- in CSV, which has no types, it gets a leading apostrophe (the importer removes it again).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

import pandas as pd

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_DANGEROUS = re.compile(r"^[=+\-@\t\r]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
HEADER_FILL = "1F4E79"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
MAX_CELL = 32_000
MAX_SHEET_TITLE = 31  # Excel's limit  # Excel's limit per cell is 32,767 characters


def neutralise(value: object) -> object:
    """For CSV: text that a spreadsheet would run as a formula, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """For CSV: a copy with every dangerous text cell neutralised; headings too."""
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


def csv_bytes(frame: pd.DataFrame, sep: str = ";", decimal: str = ",") -> bytes:
    """One table as CSV: UTF-8 with a byte-order mark (Excel shows accents), neutralised."""
    text = neutralise_frame(frame).to_csv(
        index=False, sep=sep, lineterminator="\r\n", decimal=decimal
    )
    return ("\ufeff" + text).encode("utf-8")


def cell_value(value: object) -> object:
    """A value openpyxl writes as data: missing values empty, numpy numbers as Python ones."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, str):
        return _XML_UNSAFE.sub("", value)[:MAX_CELL]
    return value


def append_row(sheet, values: Iterable[object]) -> list:
    """Append a row and return its cells; text that looks like a formula becomes a text cell
    (quote prefix). The cells are made here, not looked up by row afterwards: openpyxl's
    `sheet[row]` scans every cell of the sheet, which made large exports quadratic."""
    from openpyxl.cell import Cell

    row = sheet._current_row + 1  # what `append` will use; `max_row` scans every cell
    cells = []
    for column, value in enumerate(values, start=1):
        cell = Cell(sheet, row=row, column=column, value=cell_value(value))
        if isinstance(cell.value, str) and cell.value.startswith(DANGEROUS_START):
            cell.data_type = "s"
            cell.quotePrefix = True
        cells.append(cell)
    sheet.append(cells)
    return cells


def sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (no []:*?/\\). Titles come from the message data and
    must fit Excel's 31 characters as written: a cut title ('Verantwoording stakeholderbetro')
    is refused here, so that a test finds it, rather than shipped."""
    base = _SHEET_FORBIDDEN.sub("-", title).strip("'") or "Sheet"
    if len(base) > MAX_SHEET_TITLE:
        raise ValueError(f"sheet title longer than {MAX_SHEET_TITLE} characters: {base!r}")
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def add_sheet(
    book,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    taken: set[str],
    flags: Sequence[str] = (),
    flagged: Mapping[str, str] | None = None,
    *,
    preamble: Sequence[Sequence[object]] = (),
    date_format: str = "yyyy-mm-dd",
) -> None:
    """A sheet with a bold coloured heading row, frozen and filtered, columns sized to fit.

    `flags[i]` marks row i; `flagged` maps a flag to a fill colour (e.g. overdue -> red).
    `preamble` rows come above the table (a title first, in bold; then label and value: who,
    which period, on what basis), with an empty row between. Dates are date cells shown in
    `date_format`; numbers stay numbers.
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(sheet_title(title, taken))
    for i, line in enumerate(preamble):
        for cell in append_row(sheet, line):
            _date_cell(cell, date_format)
            if i == 0 or cell.column == 1:
                cell.font = Font(bold=True, size=13 if i == 0 else 11)
    if preamble:
        sheet.append([])
    top = len(preamble) + 1 if preamble else 0  # rows above the heading row
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in append_row(sheet, headers):
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    fills = {k: PatternFill("solid", fgColor=v) for k, v in (flagged or {}).items()}
    count = 0
    widths = [len(str(h)) * 0.9 for h in headers]
    for i, row in enumerate(rows):
        row = [cell_value(v) for v in row]
        cells = append_row(sheet, row)
        count += 1
        if i < 200:
            widths = [
                max(w, len("" if v is None else str(v))) for w, v in zip(widths, row, strict=False)
            ]
        flag = flags[i] if i < len(flags) else ""
        for cell in cells:
            _date_cell(cell, date_format)
            if flag in fills:
                cell.fill = fills[flag]
    heading = top + 1
    sheet.freeze_panes = f"{'B' if len(headers) > 1 else 'A'}{heading + 1}"
    if headers:
        sheet.auto_filter.ref = f"A{heading}:{get_column_letter(len(headers))}{heading + count}"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)


def _date_cell(cell, date_format: str) -> None:
    if isinstance(cell.value, date) and not isinstance(cell.value, datetime):
        cell.number_format = date_format


def xlsx_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """DataFrames as one .xlsx, one sheet each."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for title, table in tables.items():
        add_sheet(
            book,
            title,
            [str(c) for c in table.columns],
            table.itertuples(index=False, name=None),
            taken,
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
