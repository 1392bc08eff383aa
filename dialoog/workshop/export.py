"""The facilitator's export: every submission, pseudonymised, as CSV and as an .xlsx workbook.

Names never leave the store: rows carry the pseudonym (P01, P02, … in join order). An answer
like "=HYPERLINK(…)" stays text (see `dialoog.spreadsheets`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from ..formatting import sheet_moment
from ..spreadsheets import csv_bytes, xlsx_bytes
from .store import Snapshot


def flatten(answers: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested answers as one level: {'sa': {'s1': 'x'}} -> {'sa.s1': 'x'}."""
    flat: dict[str, Any] = {}
    for key, value in answers.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        parts = [
            "; ".join(f"{k}: {v}" for k, v in item.items()) if isinstance(item, Mapping) else item
            for item in value
        ]
        return " | ".join(str(p) for p in parts)
    return value


def answers_frame(
    snapshot: Snapshot,
    columns: Sequence[tuple[str, str]],
    *,
    describe: Callable[[str, Any], Any] = lambda _key, value: value,
    scores: Mapping[str, Mapping[str, float | None]] | None = None,
    score_columns: Sequence[tuple[str, str]] = (),
    headers: tuple[str, str] = ("participant", "submitted"),
) -> pd.DataFrame:
    """One row per submission: pseudonym, time, each answer (`columns`: key, header), scores.

    `describe(key, value)` turns a stored option id into the text people read; `scores` maps a
    participant id to element scores, shown under `score_columns` (element id, header).
    """
    pseudonyms = snapshot.pseudonyms()
    rows = []
    for participant in sorted(snapshot.submitted, key=lambda p: p.seq):
        flat = flatten(participant.answers or {})
        row: dict[str, Any] = {
            headers[0]: pseudonyms[participant.participant_id],
            headers[1]: sheet_moment(participant.submitted_at),
        }
        for key, header in columns:
            row[header] = _text(describe(key, flat.get(key)))
        own = (scores or {}).get(participant.participant_id, {})
        for element, header in score_columns:
            value = own.get(element)
            row[header] = round(value, 1) if value is not None else None
        rows.append(row)
    header_names = [*headers, *(h for _, h in columns), *(h for _, h in score_columns)]
    return pd.DataFrame(rows, columns=header_names)


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens accents correctly; formulas neutralised."""
    return csv_bytes(frame, sep=",", decimal=".")


def to_xlsx(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx file with one sheet per frame; formula-like text stays text."""
    return xlsx_bytes(sheets)
