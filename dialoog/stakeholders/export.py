"""The register and its views as CSV and .xlsx files that are safe to open in a spreadsheet.

Formula-like text stays text (see `dialoog.spreadsheets`): a quote-prefixed text cell in .xlsx,
a leading apostrophe in CSV (which the importer removes again on re-import). CSV files are
UTF-8 with a byte-order mark, separated by ';' in Dutch (what Excel expects with Dutch regional
settings) and ',' in English.
"""

from __future__ import annotations

import pandas as pd

from ..spreadsheets import csv_bytes as spreadsheet_csv
from ..spreadsheets import xlsx_bytes
from .tables import views


def separator(lang: str) -> str:
    return ";" if lang == "nl" else ","


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """One table as CSV (UTF-8 with BOM), neutralised; ';' and decimal commas in Dutch."""
    return spreadsheet_csv(frame, sep=separator(lang), decimal="," if lang == "nl" else ".")


def register_csv(frame: pd.DataFrame, lang: str) -> bytes:
    """The register (every field, ranked, with computed values) as CSV."""
    return csv_bytes(next(iter(views(frame, lang).values())), lang)


def register_xlsx(frame: pd.DataFrame, lang: str) -> bytes:
    """The register and all its views as one .xlsx, one sheet per view."""
    return xlsx_bytes({k: v for k, v in views(frame, lang).items() if not v.empty})
