"""Bring an analyst's spreadsheet (CSV or .xlsx) into the register, row by row, losing nothing.

Reading is forgiving about the file and strict about the values:

- files: UTF-8 with or without BOM, Excel's Windows-1252 CSV, UTF-16 "Unicode text", semicolon,
  comma, tab or pipe separated; .xlsx with title rows above the heading, merged header and body
  cells (the merged value fills the whole range) and several sheets (the one whose headings fit
  best is read);
- headings: matched by name in Dutch or English, or an alias, ignoring case, accents and
  punctuation; unknown columns are listed and ignored; computed columns are recalculated;
- values: options by label, id or alias in either language; scores as a number or the label of
  the level; countries by name, ISO code or alias (unknown ones kept as written).

`read_table` turns bytes into cells (or raises `ImportFailed` with a message for the user);
`interpret` turns cells into an `ImportResult`: the good rows as a typed register frame plus a
`Problem` (row number and reason) for every row left out. Nothing touches the workbook until the
user confirms and `api.apply_import` returns the new list of stakeholders, whole.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import re
import threading
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from ..formatting import format_count, format_number, short_date
from ..i18n import Count, LocalizedError, t, tn
from ..preview import NOTES, ColumnPreview, samples
from ..problems import Problem
from .api import name_keys
from .choices import RegisterData, norm, register_data
from .readings import (
    MODES,
    RESCALED,
    Bad,
    ColumnReading,
    Mode,
    guess_mode,
    read_scores,
    without_scale,
)
from .readings import readings as readings_rules
from .register import typed

MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# What reading one file may cost, counted while it is read (a small .xlsx can unpack to millions
# of cells, a small CSV can be 50,000 columns wide): more is refused with a message, and the
# kernel's memory stays bounded (tests/stakeholders/test_budget.py measures it).
MAX_ROWS = 200_000
MAX_COLUMNS = 500
MAX_CELLS = 2_500_000  # rows × columns of the sheet read, empty cells included
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_STRINGS_BYTES = 64 * 1024 * 1024  # an .xlsx's table of texts, read whole by openpyxl
MAX_MERGED = 100_000
HEADER_SCAN_ROWS = 30
# From this size on, columns whose values repeat are read as categories: on a large file that
# is quicker than text cells factorised afterwards; on a smaller one, slower (measured).
CATEGORY_BYTES = 16 * 1024 * 1024
DELIMITERS = (";", ",", "\t", "|")
_PLAIN_BYTES = bytes([*range(9, 14), *range(32, 256)])  # all but control characters
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ISSUE_SPLIT = re.compile(r"\s*[;,|\n\r]+\s*")
_NEUTRALISED = re.compile(r"^'[=+\-@\t\r]")
TRUE_WORDS = {"ja", "j", "yes", "y", "x", "1", "true", "waar", "wel", "geselecteerd", "selected",
              "gekozen", "chosen", "v", "ok"}  # fmt: skip
FALSE_WORDS = {"nee", "n", "no", "0", "false", "onwaar", "niet", "niet geselecteerd",
               "not selected", "-"}  # fmt: skip
_TICKS = {"✓", "✔", "☑", "✅", "√"}


class ImportFailed(LocalizedError):
    """The file as a whole cannot be read; `message(lang)` tells the user why and what to do."""


@dataclass
class Table:
    """The cells of a file as text; `cells` row i is row i + 1 of the spreadsheet."""

    cells: pd.DataFrame
    kind: Literal["csv", "xlsx"]
    filename: str = ""
    sheet: str | None = None
    detail: str = ""  # encoding and separator, or the sheet chosen
    formulas: dict[int, set[int]] = field(default_factory=dict)  # row -> columns with a formula
    uncached: int = 0  # formula cells saved without their calculated value


@dataclass
class ImportResult:
    """What an import would bring in, and a report of everything that was not read as written.

    A row is refused only when it has no usable name (missing, too long, or a name already
    in the file); a cell that cannot be read is left empty and reported (`emptied`), and the
    stakeholder comes in. Summary rows (totals, averages) are skipped and reported.
    """

    frame: pd.DataFrame  # good rows as a typed register frame; `source_row` gives the row number
    refused: list[Problem]  # one per row that is not brought in, and why
    emptied: list[Problem]  # one per cell left empty, with its row, column, value and why
    skipped: list[Problem]  # summary rows (totals, averages, formula-only rows)
    notes: list[Problem]  # things worth knowing about the file or a column
    headings: list[str]  # the file's column headings
    mapping: list[str | None]  # field id per column, None when the column is not read
    header_row: int  # spreadsheet row number of the headings
    table: Table
    source_rows: int  # data rows with anything in them (summary rows not counted)
    blank_rows: int
    readings: dict[int, ColumnReading] = field(default_factory=dict)  # position -> how read
    missing_name: bool = False  # no column holds the names: the preview asks which one does
    columns: list[ColumnPreview] = field(default_factory=list)  # per column, for the preview

    @property
    def asks(self) -> list[ColumnPreview]:
        """Columns whose reading the user must choose before anything comes in."""
        return [c for c in self.columns if c.question]

    @property
    def ready(self) -> bool:
        """Whether the import can be confirmed: names found, nothing asked, rows to add."""
        return not self.missing_name and not self.asks and not self.frame.empty

    @property
    def errors(self) -> list[Problem]:
        """Every row and cell problem, in row order (the downloadable report)."""
        return sorted([*self.refused, *self.emptied], key=lambda p: (p.row or 0, p.column or ""))

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({p.row for p in self.refused if p.row is not None})

    @property
    def mapped_fields(self) -> list[str]:
        return [f for f in self.mapping if f is not None and not f.startswith("=")]

    def emptied_per_column(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for problem in self.emptied:
            counts[problem.column or ""] = counts.get(problem.column or "", 0) + 1
        return counts

    def summary(self, lang: str) -> str:
        return t(
            "sh.import.summary",
            lang,
            good=format_count(len(self.frame), lang),
            bad=format_count(len(self.rejected_rows), lang),
            total=format_count(self.source_rows, lang),
            file=self.table.filename or "—",
            emptied=format_count(len(self.emptied), lang),
            skipped=format_count(len(self.skipped), lang),
        )


# -- reading bytes into cells --------------------------------------------------------------
def read_table(
    data: bytes, filename: str = "", *, max_bytes: int | None = MAX_IMPORT_BYTES
) -> Table:
    """The cells of a CSV or .xlsx file, judged by content, not by the file name."""
    if not data or data.isspace():
        raise ImportFailed("sh.import.empty")
    if max_bytes is not None and len(data) > max_bytes:
        raise ImportFailed(
            "sh.import.too_large",
            mb=round(len(data) / 1024 / 1024, 1),
            limit=max_bytes // (1024 * 1024),
        )
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ImportFailed("sh.import.encrypted")
        raise ImportFailed("sh.import.old_excel")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, filename)
    return _read_text(data, filename)


_OPENING = threading.Lock()


def _open_book(data: bytes, data_only: bool):
    """An .xlsx opened read-only: its sheets are streamed, not built as millions of cell
    objects. openpyxl would read each sheet's whole XML at opening when the sheet does not state
    its size (a bomb takes a minute that way); dialoog ignores the stated size anyway
    (`reset_dimensions`), so that look is skipped while opening."""
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    with _OPENING, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        measure = ReadOnlyWorksheet._get_size
        ReadOnlyWorksheet._get_size = lambda _sheet: None
        try:
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
        finally:
            ReadOnlyWorksheet._get_size = measure


class _Budget:
    """Rows and cells of one sheet, counted as they are read: past a limit the file is
    refused at once, before the rest is read."""

    def __init__(self) -> None:
        self.rows = 0
        self.cells = 0

    def take(self, width: int) -> None:
        self.rows += 1
        self.cells += width
        if width > MAX_COLUMNS:
            raise ImportFailed("sh.import.file_columns", count=width, limit=MAX_COLUMNS)
        if self.rows > MAX_ROWS:
            raise ImportFailed("sh.import.file_rows", limit=Count(MAX_ROWS))
        if self.cells > MAX_CELLS:
            raise ImportFailed("sh.import.file_cells", limit=Count(MAX_CELLS))


def _read_xlsx(data: bytes, filename: str) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = {info.filename: info for info in archive.infolist()}
        unpacked = sum(info.file_size for info in infos.values())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFailed("sh.import.bad_excel") from exc
    if "xl/workbook.xml" not in infos:
        if "content.xml" in infos:
            raise ImportFailed("sh.import.ods")
        raise ImportFailed("sh.import.not_table")
    strings = infos.get("xl/sharedStrings.xml")
    if unpacked > MAX_UNPACKED_BYTES or (strings and strings.file_size > MAX_STRINGS_BYTES):
        raise ImportFailed("sh.import.too_large_unpacked")
    try:
        book = _open_book(data, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise ImportFailed("sh.import.bad_excel") from exc
    best: tuple[int, int, Table] | None = None
    too_big: ImportFailed | None = None
    try:
        active = book.active
        for position, sheet in enumerate(book.worksheets):
            try:
                cells = _sheet_cells(sheet, archive)
            except ImportFailed as error:
                if error.key in (
                    "sh.import.file_rows",
                    "sh.import.file_columns",
                    "sh.import.file_cells",
                ):
                    too_big = error  # another sheet may hold the register
                    continue
                raise
            except Exception as exc:  # a damaged sheet
                raise ImportFailed("sh.import.bad_excel") from exc
            if cells.empty:
                continue
            score = best_header(cells, _register_match(register_data()))[1]
            preference = (score, -position if sheet is not active else 1)
            table = Table(cells, "xlsx", filename, sheet.title, sheet.title)
            if best is None or preference > best[:2]:
                best = (*preference, table)
    finally:
        book.close()
    if best is None:
        raise too_big or ImportFailed("sh.import.empty")
    table = best[2]
    _find_formulas(data, table)
    return table


def _find_formulas(data: bytes, table: Table) -> None:
    """Which cells of the chosen sheet hold a formula, and how many lack a calculated value
    (a file written by a program, or saved by Excel without calculating)."""
    book = _open_book(data, data_only=False)
    try:
        sheet = book[table.sheet]
        sheet.reset_dimensions()  # the sheet's own claim of its size is not trusted
        for r, values in enumerate(sheet.iter_rows(values_only=True)):
            if r >= MAX_ROWS:
                break
            found = {c for c, v in enumerate(values) if isinstance(v, str) and v.startswith("=")}
            if found:
                table.formulas[r] = found
    finally:
        book.close()
    if not table.formulas:
        return
    cells = table.cells
    missing = max(table.formulas) + 1 - len(cells)
    if missing > 0:  # rows whose formulas have no value were trimmed as blank: put them back
        blank = pd.DataFrame([[""] * cells.shape[1]] * missing, dtype=object)
        cells = table.cells = pd.concat([cells, blank], ignore_index=True)
    table.uncached = sum(
        1
        for r, columns in table.formulas.items()
        for c in columns
        if c < cells.shape[1] and not cells.iat[r, c]
    )


_MERGE = re.compile(
    rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"'
)
_PREFIXED_CELL = re.compile(rb"<\w+:c[\s/>]")
_PREFIXED_ROW = re.compile(rb"<\w+:row[\s/>]")
_TOO_BIG = ("sh.import.file_rows", "sh.import.file_columns", "sh.import.file_cells")


def _scan_sheet(archive: zipfile.ZipFile, path: str) -> list[tuple[int, int, int, int]]:
    """One quick pass over a sheet's XML as a stream, before it is read cell by cell: its rows
    and cells are counted (a sheet over the budget is refused in a second, not after a minute
    of building cells), and its merged ranges (min row, min col, max row, max col) are taken,
    which read-only sheets do not give."""
    from openpyxl.utils.cell import range_boundaries

    merged: list[tuple[int, int, int, int]] = []
    rows = cells = 0
    tail = b""
    with archive.open(path.lstrip("/")) as stream:
        while chunk := stream.read(1 << 20):
            text = tail + chunk
            cut = text.rfind(b"<")
            if cut <= 0:
                cut = len(text)
            part, tail = text[:cut], text[cut:]
            cells += part.count(b"<c ") + part.count(b"<c>") + part.count(b"<c/>")
            rows += part.count(b"<row ") + part.count(b"<row>")
            if b":c" in part:  # a writer that prefixes the sheet's namespace
                cells += len(_PREFIXED_CELL.findall(part))
                rows += len(_PREFIXED_ROW.findall(part))
            if rows > MAX_ROWS:
                raise ImportFailed("sh.import.file_rows", limit=Count(MAX_ROWS))
            if cells > MAX_CELLS:
                raise ImportFailed("sh.import.file_cells", limit=Count(MAX_CELLS))
            if b"mergeCell" in part:
                for ref in _MERGE.findall(part):
                    min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
                    merged.append((min_row, min_col, max_row or min_row, max_col or min_col))
                if len(merged) > MAX_MERGED:
                    raise ImportFailed("sh.import.file_cells", limit=Count(MAX_CELLS))
    return merged


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _sheet_cells(sheet, archive: zipfile.ZipFile) -> pd.DataFrame:
    """A worksheet as text cells, read within the budget; every cell of a merged range gets
    the range's value."""
    path = getattr(sheet, "_worksheet_path", None)
    merged = _scan_sheet(archive, path) if path else []
    sheet.reset_dimensions()  # the sheet's own claim of its size is not trusted
    budget = _Budget()
    grid: list[list[str]] = []
    blank_run = 0
    for values in sheet.iter_rows(values_only=True):
        budget.take(len(values))
        row = [_cell_text(v) for v in values]
        grid.append(row)
        blank_run = 0 if any(row) else blank_run + 1
        if blank_run > 10_000:  # formatting that reaches to the sheet's end
            break
    while grid and not any(grid[-1]):
        grid.pop()
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend([""] * (width - len(row)))
    for min_row, min_col, max_row, max_col in merged:
        top, left = min_row - 1, min_col - 1
        if top >= len(grid) or left >= width:
            continue
        value = grid[top][left]
        for r in range(top, min(max_row, len(grid))):
            for c in range(left, min(max_col, width)):
                grid[r][c] = value
    return pd.DataFrame(grid, dtype=object) if grid else pd.DataFrame()


def _encoding(data: bytes) -> str:
    """UTF-16 (with BOM), UTF-8 (with or without BOM) or else Windows-1252 (Excel's 'CSV')."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:8192]
    controls = len(head.translate(None, _PLAIN_BYTES))
    if b"\x00" in head or controls > len(head) // 100:
        raise ImportFailed("sh.import.not_table")
    try:  # the start only (a character cut at its end is fine): the parser checks the rest
        codecs.getincrementaldecoder("utf-8-sig")().decode(data[:65536], final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return _single_byte(data)


def _single_byte(data: bytes) -> str:
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _sniff(text: str) -> tuple[str, int]:
    """The separator whose field count is most consistent over the first lines, and the widest
    line's field count (title lines above the heading may have fewer fields)."""
    lines = [line for line in text[:65536].splitlines()[:60] if line.strip()][:50]
    best: tuple[int, int] = (0, 1)
    chosen = ","
    for delimiter in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        if not counts:
            continue
        modal = max(set(counts), key=lambda c: (counts.count(c), c))
        if modal > 1 and (counts.count(modal), modal) > best:
            best, chosen = (counts.count(modal), modal), delimiter
    widest = max((len(r) for r in csv.reader(lines, delimiter=chosen)), default=1)
    return chosen, widest


def _parse(data: bytes, encoding: str, delimiter: str, width: int, repeating: set[int]):
    """The cells of a text file; raises UnicodeDecodeError when the bytes are not `encoding`."""
    # pandas reads UTF-8 straight from the bytes (and drops a leading BOM itself); any other
    # encoding it decodes through a slower text wrapper, so that is done here in one go
    utf8 = data if encoding == "utf-8-sig" else data.decode(encoding).encode("utf-8")
    try:
        return pd.read_csv(
            io.BytesIO(utf8),
            sep=delimiter,
            header=None,
            names=range(width),
            dtype={c: "category" if c in repeating else object for c in range(width)}
            if repeating
            else object,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            encoding="utf-8",
        )
    except UnicodeDecodeError:
        raise
    except (pd.errors.ParserError, ValueError):
        pass
    try:  # what the fast parser refuses (a stray quote, a ragged row) Python's reader may take
        rows = list(csv.reader(io.StringIO(data.decode(encoding)), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFailed("sh.import.not_table") from exc
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)


def _repeating_columns(head: str, delimiter: str) -> set[int]:
    """Columns whose values repeat in the first rows (groups, countries, scores): the parser
    reads those as categories, handing over each distinct value once with a code per row,
    which is what `interpret` needs. Names and notes, nearly all different, stay text."""
    rows = list(csv.reader(head.splitlines()[1:-1][:1000], delimiter=delimiter))
    if len(rows) < 10:
        return set()
    width = max(map(len, rows))
    seen = [set() for _ in range(width)]
    for row in rows:
        for c, value in enumerate(row):
            seen[c].add(value)
    return {c for c, values in enumerate(seen) if len(values) <= len(rows) // 4}


def _text_budget(rows: int, width: int) -> None:
    """A text file's rows, columns and cells within the budget (before and after parsing:
    a line further on may be wider than the first ones)."""
    if width > MAX_COLUMNS:
        raise ImportFailed("sh.import.file_columns", count=width, limit=MAX_COLUMNS)
    if rows > MAX_ROWS:
        raise ImportFailed("sh.import.file_rows", limit=Count(MAX_ROWS))
    if rows * width > MAX_CELLS:
        raise ImportFailed("sh.import.file_cells", limit=Count(MAX_CELLS))


def _may_hold_a_long_line(data: bytes) -> bool:
    """Whether a line of the file may be longer than a cell may be. When every stretch of half
    that many bytes holds a line break, no line (and no cell) can reach it: a look at a few
    thousand places instead of measuring every line."""
    step = (MAX_CELL_CHARS + 1) // 2
    return any(data.find(b"\n", i, i + step) < 0 for i in range(0, len(data) - step + 1, step))


def _check_cell_lengths(cells: pd.DataFrame) -> None:
    for column in cells.columns:
        lengths = cells[column].astype(str).str.len()
        if lengths.max() > MAX_CELL_CHARS:
            row = int(lengths.to_numpy().argmax()) + 1
            raise ImportFailed(
                "sh.import.file_cell_length",
                row=row,
                length=Count(int(lengths.max())),
                limit=Count(MAX_CELL_CHARS),
            )


def _read_text(data: bytes, filename: str) -> Table:
    encoding = _encoding(data)
    head = data[:65536].decode(encoding, errors="ignore")
    if head.lstrip("\ufeff \t\r\n")[:1] in ("{", "[", "<"):  # JSON, HTML, XML: not a table
        raise ImportFailed("sh.import.not_table")
    delimiter, width = _sniff(head)
    lines = data.count(b"\n") + 1
    _text_budget(lines, width)
    repeating = _repeating_columns(head, delimiter) if len(data) > CATEGORY_BYTES else set()
    try:
        cells = _parse(data, encoding, delimiter, width, repeating)
    except UnicodeDecodeError:  # UTF-8 at the start but not further on: Excel's own encoding
        encoding = _single_byte(data)
        cells = _parse(data, encoding, delimiter, width, repeating)
    if cells.empty:
        raise ImportFailed("sh.import.empty")
    _text_budget(*cells.shape)
    if _may_hold_a_long_line(data):  # only then can one cell be too long
        _check_cell_lengths(cells)
    cells.columns = range(cells.shape[1])
    names = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
    separator = {"\t": "tab"}.get(delimiter, delimiter)
    return Table(cells, "csv", filename, None, f"{names.get(encoding, encoding)}, '{separator}'")


# -- headings ------------------------------------------------------------------------------
def match_heading(heading: str, data: RegisterData | None = None) -> str | None:
    """The field a column heading names ('Naam', 'Ernst: schaal (1-5)', 'Type' …), or None.

    Computed columns come back as '=id' (e.g. '=priority'): recognised, but not read.
    """
    data = data or register_data()
    text = str(heading)
    cache = data.heading_cache
    if text in cache:
        return cache[text]
    found = match_in(text, data.heading_index)
    if len(cache) < 5000:
        cache[text] = found
    return found


def match_in(text: str, index: dict[str, str]) -> str | None:
    """The field that `index` (normalised heading -> field) gives a heading, also when the
    heading carries a note in brackets ('Ernst (1-5)') or a prefix ('Ernst: schaal')."""
    candidates = [text, re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)]
    if ":" in text:
        candidates.append(text.split(":", 1)[1])
    candidates.append(without_scale(candidates[1]))
    for candidate in candidates:
        key = norm(candidate)
        if key in index:
            return index[key]
    return None


# The heading rules below take `match` (heading -> field id or None), so that the engagement
# log's import finds its headings the same way as the register's.
Match = Callable[[str], "str | None"]


def _register_match(data: RegisterData) -> Match:
    return functools.partial(match_heading, data=data)


def map_row(values: list[str], match: Match) -> list[str | None]:
    """Field per column; a field named twice is read from its first column only."""
    seen: set[str] = set()
    out: list[str | None] = []
    for value in values:
        found = match(value) if value.strip() else None
        if found is not None and found in seen:
            found = None
        if found is not None:
            seen.add(found)
        out.append(found)
    return out


def best_header(cells: pd.DataFrame, match: Match) -> tuple[int, int]:
    """The row (0-based) that names most fields among the first rows, and how many it names."""
    best = (0, 0)
    for r, values in enumerate(cells.iloc[:HEADER_SCAN_ROWS].to_numpy(dtype=object).tolist()):
        row = [str(v) for v in values]
        score = sum(1 for f in map_row(row, match) if f is not None)
        if score > best[1]:
            best = (r, score)
    return best


def heading_row(cells: pd.DataFrame, r: int, match: Match) -> list[str]:
    """The heading row. A blank heading takes the known heading above it (a merged header); a
    group row above the headings (a merged "Ernst" over "Schaal · Reikwijdte ·
    Onomkeerbaarheid") is joined to the headings below it: "Ernst: Schaal"."""
    rows = cells.iloc[max(r - 1, 0) : r + 1].to_numpy(dtype=object).tolist()
    row = [str(v).strip() for v in rows[-1]]
    if r == 0:
        return row
    above = [str(v).strip() for v in rows[0]]
    taken = {match(h) for h in row if h}
    for c, heading in enumerate(row):
        if not heading and above[c]:
            found = match(above[c])
            if found is not None and found not in taken:
                row[c] = above[c]
                taken.add(found)
    groups = _group_labels(above, row)
    for c, group in enumerate(groups):
        if group and row[c] and group != row[c]:
            joined = f"{group}: {row[c]}"
            # joined only where the group says what the heading is about, or adds nothing wrong
            if match(joined) is not None or match(row[c]) is None:
                row[c] = joined
    return row


def _group_labels(above: list[str], row: list[str]) -> list[str]:
    """The group each heading stands under, from the row above the headings, or "" where that
    row is no group row. A group row labels some of the headings (a label merged over several
    columns fills each of them); a title (one text at the far left, or one text over every
    column) is no group row. A label written once in a CSV labels its own column only: where
    a group ends cannot be told."""
    under = [c for c, h in enumerate(row) if h]
    filled = [c for c, v in enumerate(above) if v and c < len(row)]
    texts = {above[c] for c in filled}
    if not filled or filled == [0] or (len(texts) == 1 and len(filled) >= len(under) * 0.8):
        return [""] * len(row)
    return [above[c] if c < len(above) and row[c] else "" for c in range(len(row))]


def headings_of(table: Table, data: RegisterData | None = None) -> list[str]:
    """The column headings of a table as the importer finds them (for choosing fields)."""
    match = _register_match(data or register_data())
    row, _ = best_header(table.cells, match)
    return heading_row(table.cells, row, match)


# -- values --------------------------------------------------------------------------------
# Each column is factorised once; parsers run on its distinct values only, and the results are
# spread back over the rows with numpy, so that 100,000 rows cost little more than reading them.

SUMMARY_WORDS = {"totaal", "totalen", "subtotaal", "gemiddelde", "gemiddeld", "som", "aantal",
                 "total", "totals", "subtotal", "sum", "average", "mean", "count",
                 "grand total", "totaal generaal", "eindtotaal"}  # fmt: skip


# a quick first look at names (the words are plain ASCII); `is_summary` decides
_SUMMARY_FIRST = (
    "(?:" + "|".join(sorted({w.split()[0] for w in SUMMARY_WORDS}, key=len, reverse=True)) + ")"
)
_SUMMARY_START = re.compile(r"\s*" + _SUMMARY_FIRST, re.IGNORECASE)
# on names joined, each after a NUL: a search that starts with a plain character is quick
_SUMMARY_ANY = re.compile(
    "\x00(?=[" + "".join(sorted({w[0] for w in SUMMARY_WORDS})) + "])" + _SUMMARY_FIRST,
    re.IGNORECASE,
)  # the look at the first letter spares trying every word on most names


def _with_overrides(mapping: list, overrides: dict[int, str | None] | None) -> list:
    """The fields of the columns as the user set them: a field chosen for one column leaves
    the column that had it."""
    mapping = list(mapping)
    for position, field_id in (overrides or {}).items():
        if 0 <= position < len(mapping):
            if field_id and field_id != NOTES:
                mapping = [None if f == field_id else f for f in mapping]
            mapping[position] = field_id
    return mapping


def _names(column: np.ndarray, limit: int | None) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The name column at once: names as read (stripped, our exports' quote undone), which are
    blank, which too long. A register's names are nearly all different, so each question is
    asked once of the whole column (one search through the names joined) and only where that
    finds something, of each name."""
    raw = column.tolist()
    try:
        names = list(map(str.strip, raw))
    except TypeError:  # a missing cell (None, NaN) among the text
        names = ["" if u is None or u != u else str(u).strip() for u in raw]
    if "\x00'" in "\x00" + "\x00".join(names):  # a quote at the start of some name
        names = [undo_neutralise(n) for n in names]
    lengths = np.fromiter(map(len, names), np.int64, len(names))
    return names, lengths == 0, (lengths > limit) if limit else np.zeros(len(names), bool)


def _maybe_summary(names: list[str]) -> np.ndarray:
    """Positions of the names that start like a summary row ('Totaal', 'Sum …')."""
    joined = "\x00".join(names)
    if joined.count("\x00") != len(names) - 1:  # a name holds the separator: look one by one
        quick = _SUMMARY_START.match
        return np.flatnonzero(np.fromiter((quick(n) is not None for n in names), bool, len(names)))
    starts = [m.start() for m in _SUMMARY_ANY.finditer("\x00" + joined)]
    if not starts:
        return np.zeros(0, dtype=np.int64)
    sizes = np.fromiter(map(len, names), np.int64, len(names)) + 1  # a name and its NUL
    offsets = np.cumsum(sizes) - sizes
    return np.searchsorted(offsets, starts, side="right") - 1


def _factorize(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of a column of text (a missing cell is a value of its own),
    in the order they first appear; a column read as categories has them already (only those
    used below the headings are kept)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        if not len(codes) or codes.min() >= 0:
            used = pd.unique(codes)  # in the order they first appear
            renumber = np.zeros(len(column.cat.categories), dtype=np.int64)
            renumber[used] = np.arange(len(used))
            return renumber[codes], column.cat.categories.to_numpy(dtype=object)[used]
    values = column.to_numpy(dtype=object)
    codes, found = pd.factorize(values)  # quicker than use_na_sentinel=False, which checks first
    if len(codes) and codes.min() < 0:
        codes, found = pd.factorize(values, use_na_sentinel=False)
    return np.asarray(codes), found


def undo_neutralise(value: str) -> str:
    """Our own exports put ' before =, +, -, @; importing such a file gives the text back."""
    return value[1:] if value[:1] == "'" and _NEUTRALISED.match(value) else value


def _texts(uniques: list[str], max_length: int | None) -> list[object]:
    out: list[object] = [undo_neutralise(u.strip()) for u in uniques]
    if max_length:
        for i, value in enumerate(out):
            if len(value) > max_length:
                out[i] = Bad("sh.import.too_long", length=len(value), limit=max_length)
    return out


def read_flag(raw: str) -> object:
    """Yes or no as people write it (ja, x, ✓, nee, -, blank); `Bad` for anything else."""
    value = raw.strip()
    if value in _TICKS:
        return True
    key = norm(value) if value != "-" else value
    if key in TRUE_WORDS:
        return True
    if not key or key in FALSE_WORDS:
        return False
    return Bad("sh.import.not_a_flag", value=value)


def _countries(uniques, keys, max_length, unknown: set[str]) -> list[object]:
    out: list[object] = []
    for value in _texts(uniques, max_length):
        if value and not isinstance(value, Bad):
            code = keys.get(norm(value))
            if code is None:
                unknown.add(value)
            value = code or value
        out.append(value)
    return out


def _issues(uniques, keys, max_length, unknown: set[str]) -> list[object]:
    out: list[object] = []
    for value in _texts(uniques, max_length):
        if isinstance(value, Bad):
            out.append(value)
            continue
        found: list[str] = []
        for part in _ISSUE_SPLIT.split(value):
            part = part.strip()
            if not part:
                continue
            issue = keys.get(norm(part))
            if issue is None:
                unknown.add(part)
            if (issue or part) not in found:
                found.append(issue or part)
        out.append(tuple(found))
    return out


def _spread(parsed: list[object], codes: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Per-row values and a per-row 'bad' mask from per-unique results (bad cells empty)."""
    bad_u = np.fromiter((isinstance(v, Bad) for v in parsed), bool, len(parsed))
    if kind == "score":
        numbers = np.array(
            [np.nan if v is None or isinstance(v, Bad) else v for v in parsed], dtype="float64"
        )
        values = numbers[codes]
    elif kind == "flag":
        flags = np.array([v is True for v in parsed], dtype=bool)
        values = flags[codes]
    else:
        table = np.empty(len(parsed), dtype=object)
        empty = () if kind == "multichoice" else ""
        table[:] = [empty if isinstance(v, Bad) or v is None else v for v in parsed]
        values = table[codes]
    return values, bad_u[codes]


def is_summary(name: str) -> bool:
    """'Totaal', 'Subtotaal:', 'Gemiddelde ernst', 'Total (42)': a row that sums up others."""
    key = norm(name)
    if not key:
        return False
    return (
        key in SUMMARY_WORDS
        or key.split()[0] in SUMMARY_WORDS
        or (" ".join(key.split()[:2]) in SUMMARY_WORDS)
    )


# -- interpreting cells --------------------------------------------------------------------
class _Kept:
    """A cell of a choice column that matches no choice: kept as written, in the notes."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value


def _choices_or_kept(uniques: list[str], keys: dict[str, str]) -> list[object]:
    out: list[object] = []
    for raw in uniques:
        value = undo_neutralise(raw.strip())
        found = keys.get(norm(value)) if value else ""
        out.append(found if found is not None else _Kept(value[:500]))
    return out


def interpret(
    table: Table,
    overrides: dict[int, str | None] | None = None,
    *,
    lang: str = "nl",
    data: RegisterData | None = None,
    modes: dict[int, Mode | None] | None = None,
) -> ImportResult:
    """The register rows in `table`: headings matched, values read, a report of the rest.

    `overrides` sets what a column is read as, by position (a field id, `NOTES`, or None: not
    used), and `modes` the reading of a score column (see `readings`), as the user corrects
    them in the preview. A column no field claims is kept in the notes; a choice that matches
    no option is kept as written, in the notes. When no column holds the names, or a score
    column does not say its scale, the result asks (`missing_name`, `asks`) and nothing comes
    in until the user answers. `lang` is the language of the preview's words.
    """
    data = data or register_data()
    modes = modes or {}
    cells = table.cells
    match = _register_match(data)
    header, _score = best_header(cells, match)
    headings = heading_row(cells, header, match)
    mapping: list[str | None] = map_row(headings, match)

    body = cells.iloc[header + 1 :]
    size_all = len(body)
    factorised = []
    blank = np.ones(size_all, dtype=bool)
    name_limit = data.field("name").max_length
    names_at = _with_overrides(mapping, overrides)
    names_at = names_at.index("name") if "name" in names_at else -1
    for position in range(body.shape[1]):
        if position == names_at:  # nearly all distinct: read at once, not factorised
            column = body.iloc[:, position].to_numpy(dtype=object)
            name_cells, name_empty, too_long = _names(column, name_limit)
            factorised.append((np.arange(len(column)), name_cells, name_empty))
            blank &= name_empty
            continue
        codes, found = _factorize(body.iloc[:, position])
        uniques = ["" if u is None or u != u else str(u) for u in found.tolist()]
        empty_u = np.fromiter((not u.strip() for u in uniques), bool, len(uniques))
        blank &= empty_u[codes] if len(uniques) else True
        factorised.append((codes, uniques, empty_u))
    if not (~blank).any():
        raise ImportFailed("sh.import.no_rows", row=header + 1)
    for position, field_id in enumerate(mapping):  # a column no field claims: kept in notes
        if field_id is None and not factorised[position][2][factorised[position][0]].all():
            mapping[position] = NOTES
    mapping = _with_overrides(mapping, overrides)
    numbers_all = np.arange(header + 2, header + 2 + size_all)
    if "name" not in mapping:
        recognised = any(f and f != NOTES and not f.startswith("=") for f in mapping)
        if not recognised and body.shape[1] < 2:  # one column of text: no table at all
            raise ImportFailed("sh.import.no_columns", expected=_expected(data, lang))
        return _asking_for_names(table, headings, mapping, header, factorised, blank, lang, data)
    name_position = mapping.index("name")
    assert name_position == names_at  # read as names above

    # summary rows: totals and averages by name, formula-only rows, nameless rows at the end
    summary = np.zeros(size_all, dtype=bool)
    for i in _maybe_summary(name_cells):  # a quick look first; `is_summary` decides
        summary[i] = is_summary(name_cells[i])
    for r, columns in table.formulas.items():  # a row of formulas only (saved with or
        i = r - header - 1  # without their values) sums up the rows above it
        if 0 <= i < size_all:
            filled = {c for c in range(body.shape[1]) if factorised[c][1][factorised[c][0][i]]}
            if filled <= columns:
                summary[i] = True
                blank[i] = False
    named = ~name_empty
    last_named = int(np.flatnonzero(named & ~summary).max()) if (named & ~summary).any() else -1
    summary[last_named + 1 :] |= ~blank[last_named + 1 :]
    skipped = [
        Problem("sh.import.summary_row", {"name": name_cells[i].strip() or "—"},
                row=int(numbers_all[i]))
        for i in np.flatnonzero(summary & ~blank)
    ]  # fmt: skip
    keep = ~blank & ~summary
    row_numbers = numbers_all[keep]
    size = int(keep.sum())

    notes: list[Problem] = []
    computed = [h for h, f in zip(headings, mapping, strict=True) if f and f.startswith("=")]
    if computed:
        notes.append(Problem("sh.import.recalculated", {"columns": ", ".join(computed)}))
    if table.uncached:
        notes.append(Problem("sh.import.uncached", {"count": table.uncached}))

    column_data: dict[str, np.ndarray] = {}
    refused: dict[int, list[Problem]] = {}
    emptied: list[Problem] = []
    readings: dict[int, ColumnReading] = {}
    kept_as_written: dict[int, Counter] = {}
    extra_notes = np.full(size, "", dtype=object)  # "Heading: value" lines, per row
    for position, field_id in enumerate(mapping):
        if field_id is None or field_id.startswith("="):
            continue
        codes, uniques, _empty = factorised[position]
        codes = codes[keep]
        heading = headings[position] or t("sh.import.column_letter", lang, letter=_letter(position))
        if field_id == NOTES:
            lines = np.array(
                [f"{heading}: {as_shown(undo_neutralise(u.strip()), table, lang)}"
                 if u.strip() else "" for u in uniques], dtype=object,
            )  # fmt: skip
            extra_notes = _add_lines(extra_notes, lines[codes])
            continue
        spec = data.field(field_id)
        if field_id == "name":  # read in `_names` already, as one column
            values = np.array(uniques, dtype=object)[keep]
            long_rows = np.flatnonzero(too_long[keep])
            values[long_rows] = ""
            for i in long_rows:
                refused[int(i)] = [
                    Problem("sh.import.name_too_long",
                            {"length": len(uniques[codes[i]]), "limit": name_limit},
                            row=int(row_numbers[i]), column=heading)
                ]  # fmt: skip
            column_data[field_id] = values
            continue
        unknown: set[str] = set()
        if spec.kind in ("text", "longtext"):
            parsed = _texts(uniques, spec.max_length)
        elif spec.kind == "choice":
            parsed = _choices_or_kept(uniques, data.option_keys[spec.choices])
        elif spec.kind == "score":
            counts = np.bincount(codes, minlength=len(uniques)).tolist()
            given = [u for u, n in zip(uniques, counts, strict=True) if n and u.strip()]
            if position in modes:
                mode, why, highest = modes[position], "chosen", None
            else:
                mode, why, highest = guess_mode(heading, given)
            reading = ColumnReading(mode, chosen=position in modes, why=why, highest=highest)
            parsed = read_scores(uniques, data.level_keys[field_id], mode, data.score_min,
                                 data.score_max, reading, counts)  # fmt: skip
            readings[position] = reading
        elif spec.kind == "flag":
            parsed = [read_flag(u) for u in uniques]
        elif spec.kind == "country":
            parsed = _countries(uniques, data.country_keys, spec.max_length, unknown)
        else:  # multichoice
            parsed = _issues(uniques, data.option_keys[spec.choices], spec.max_length, unknown)
        if unknown:
            kept_as_written[position] = Counter({value: 0 for value in unknown})
        kept = [v for v in parsed if isinstance(v, _Kept)]
        if kept:  # a choice that matches no option: kept as written, in the notes
            counter = kept_as_written.setdefault(position, Counter())
            lines = np.array([f"{heading}: {v.value}" if isinstance(v, _Kept) else ""
                              for v in parsed], dtype=object)  # fmt: skip
            extra_notes = _add_lines(extra_notes, lines[codes])
            for code in codes:
                value = parsed[code]
                if isinstance(value, _Kept):
                    counter[value.value] += 1
            parsed = ["" if isinstance(v, _Kept) else v for v in parsed]
        values, bad = _spread(parsed, codes, spec.kind)
        for i in np.flatnonzero(bad):
            problem = parsed[codes[i]]
            where = {"row": int(row_numbers[i]), "column": heading}
            emptied.append(Problem(problem.key, problem.params, **where))
        column_data[field_id] = values
    for position, counter in kept_as_written.items():
        shown = [f"{v} ({n}×)" if n else v for v, n in counter.most_common()]
        more = f" (+{len(shown) - 12})" if len(shown) > 12 else ""
        where = "sh.import.kept_in_notes" if any(counter.values()) else "sh.import.kept_as_written"
        notes.append(Problem(where, {"values": ", ".join(shown[:12]) + more},
                             column=headings[position]))  # fmt: skip
    if any(extra_notes):
        notes_field = data.field("notes")
        before = column_data.get("notes", np.full(size, "", dtype=object))
        column_data["notes"] = np.array(
            [_joined(a, b, notes_field.max_length) for a, b in zip(before, extra_notes,
                                                                    strict=True)],
            dtype=object,
        )  # fmt: skip

    names = column_data["name"]
    name_heading = headings[name_position]
    for i in np.flatnonzero(name_empty[keep]):
        if int(i) not in refused:
            refused[int(i)] = [
                Problem("sh.import.no_name_in_row", row=int(row_numbers[i]), column=name_heading)
            ]
    ok = np.ones(size, dtype=bool)
    if refused:
        ok[list(refused)] = False
    asked = [p for p, r in readings.items() if r.asks]
    if asked:
        ok[:] = False  # nothing comes in while a column's reading is asked
    keys = np.array(name_keys(names), dtype=object)
    duplicate = pd.Series(np.where(ok, keys, None), dtype=object).duplicated().to_numpy() & ok
    if duplicate.any():
        first: dict[str, int] = {}
        for i in np.flatnonzero(ok):
            first.setdefault(keys[i], int(row_numbers[i]))
        for i in np.flatnonzero(duplicate):
            refused.setdefault(int(i), []).append(
                Problem("sh.import.duplicate", {"name": names[i], "first": first[keys[i]]},
                        row=int(row_numbers[i]), column=name_heading)
            )  # fmt: skip
        ok &= ~duplicate
    refused_rows = {int(row_numbers[i]) for i in refused}

    frame = typed({name: values[ok] for name, values in column_data.items()})
    frame.insert(0, "source_row", row_numbers[ok])
    result = ImportResult(
        frame=frame,
        refused=[p for i in sorted(refused) for p in refused[i]],
        emptied=sorted((p for p in emptied if p.row not in refused_rows), key=lambda p: p.row),
        skipped=skipped,
        notes=notes,
        headings=headings,
        mapping=mapping,
        header_row=header + 1,
        table=table,
        source_rows=size,
        blank_rows=int(blank.sum()),
        readings=readings,
    )
    result.columns = column_previews(result, factorised, keep, kept_as_written, lang, data)
    return result


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def as_shown(value: str, table: Table, lang: str) -> str:
    """A number or date cell of an .xlsx written the way its reader writes it ('12.000',
    '10-03-2026' in Dutch) rather than as the file stores it ('12000', '2026-03-10'); a CSV
    holds text, which stays as written. Thousands are not grouped: '12.000' reads as twelve in
    English, '12000' reads the same in both languages."""
    if table.kind != "xlsx" or not value:
        return value
    if _ISO_DAY.match(value):
        return short_date(value, lang)
    if _PLAIN_NUMBER.match(value):
        return format_number(float(value), lang, digits=6)
    return value


def _add_lines(current: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """Per row: the lines so far and one more (where it has something)."""
    return np.array(
        [f"{a}\n{b}" if a and b else a or b for a, b in zip(current, lines, strict=True)],
        dtype=object,
    )


def _joined(notes: object, extra: str, limit: int) -> str:
    text = "\n".join(part for part in (str(notes or "").strip(), extra) if part)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _asking_for_names(table, headings, mapping, header, factorised, blank, lang, data):
    """No column holds the names: nothing can come in; the preview asks which column does."""
    keep = ~blank
    result = ImportResult(
        frame=typed({}).assign(source_row=pd.Series(dtype="int64")),
        refused=[],
        emptied=[],
        skipped=[],
        notes=[Problem("sh.import.ask_name")],
        headings=headings,
        mapping=mapping,
        header_row=header + 1,
        table=table,
        source_rows=int(keep.sum()),
        blank_rows=int(blank.sum()),
        missing_name=True,
    )
    result.columns = column_previews(result, factorised, keep, {}, lang, data)
    return result


def column_previews(
    result: ImportResult, factorised, keep: np.ndarray, kept: dict[int, Counter], lang: str,
    data: RegisterData,
) -> list[ColumnPreview]:  # fmt: skip
    """Per column of the file: what it was read as, how, a sample, and the counts."""
    rules = readings_rules()
    emptied = result.emptied_per_column()
    out = []
    for position, (heading, field_id) in enumerate(zip(result.headings, result.mapping,
                                                        strict=True)):  # fmt: skip
        codes, uniques, empty_u = factorised[position]
        codes = codes[keep]
        present = ~empty_u[codes] if len(uniques) else np.zeros(0, bool)
        filled = int(present.sum())
        if not heading and not filled:
            continue
        used = np.bincount(codes[present], minlength=len(uniques)) > 0  # O(n), no sort
        shown = heading or t("sh.import.column_letter", lang, letter=_letter(position))
        reading = result.readings.get(position)
        question, modes, mode = "", (), None
        if field_id is None:
            how = t("sh.import.how.unused", lang)
        elif field_id == NOTES:
            how = t("sh.import.how.notes", lang)
        elif field_id.startswith("="):
            how = t("sh.import.how.computed", lang)
        else:
            how = _how(data.field(field_id), reading, lang, rules)
            if reading is not None:
                modes = tuple((rules.label(m, lang), m) for m in MODES)
                mode = reading.mode
                if reading.asks:
                    question = t("sh.import.ask_scale", lang,
                                 highest=format_number(reading.highest, lang, 1)
                                 if reading.highest is not None else "?")  # fmt: skip
        bad = emptied.get(heading, 0)
        kept_cells = sum(kept.get(position, Counter()).values())
        unassessed = sum(reading.not_assessed.values()) if reading is not None else 0
        out.append(
            ColumnPreview(
                position=position,
                heading=shown,
                field=field_id,
                how=how,
                sample=tuple(as_shown(v, result.table, lang)
                             for v in samples(uniques, used.tolist())),
                read=0 if field_id is None or (reading and reading.asks)
                else max(filled - bad - kept_cells - unassessed, 0),
                emptied=bad,
                kept=kept_cells if field_id != NOTES else filled,
                question=question,
                modes=modes,
                mode=mode,
            )
        )  # fmt: skip
    return out


def _how(spec, reading: ColumnReading | None, lang: str, rules) -> str:
    """How a column of a field was read, in words."""
    if reading is None:
        return t(f"sh.import.how.{spec.kind}", lang)
    if reading.asks:
        return t("sh.import.how.asked", lang)
    parts = [rules.label(reading.mode, lang)]
    mode = rules.modes[reading.mode]
    if reading.mode in RESCALED:
        parts.append(mode.rule())
    if reading.mode == "percent":
        parts.append(", ".join(f"{b['from']}+ → {b['score']}" for b in mode.bands))
    if reading.words:
        words = ", ".join(
            f"{value} → {score}" for (value, score), _n in sorted(
                reading.words.items(), key=lambda x: x[0][1])
        )[:200]  # fmt: skip
        parts.append(t("sh.import.reading_words", lang, words=words))
    if reading.rounded:
        parts.append(tn("sh.import.reading_rounded", lang, reading.rounded))
    if reading.not_assessed:
        values = ", ".join(f"{v} ({n}×)" for v, n in reading.not_assessed.most_common(4))
        parts.append(t("sh.import.reading_not_assessed", lang, values=values))
    why = {"heading": "sh.import.why.heading", "cells": "sh.import.why.cells",
           "chosen": "sh.import.why.chosen"}.get(reading.why)  # fmt: skip
    if why:
        parts.append(t(why, lang))
    return "; ".join(parts)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _expected(data: RegisterData, lang: str) -> str:
    return ", ".join(f.label.get(lang) for f in data.fields[:6]) + ", …"


def import_file(
    data: bytes,
    filename: str = "",
    *,
    overrides: dict[int, str | None] | None = None,
    lang: str = "nl",
    max_bytes: int | None = MAX_IMPORT_BYTES,
) -> ImportResult:
    """Read and interpret a file in one go (see `read_table` and `interpret`)."""
    return interpret(read_table(data, filename, max_bytes=max_bytes), overrides, lang=lang)
