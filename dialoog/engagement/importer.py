"""Bring an engagement log kept in a spreadsheet (CSV or .xlsx) into the workbook.

The register's importer rules, for contacts: the file is read by `stakeholders.importer.
read_table` (encodings, separators, title rows, merged cells, Excel's own dates); headings are
matched in Dutch or English (data/engagement/columns.yaml); summary rows ("Totaal") are skipped
and reported. A row is refused only when it has no readable date or names no stakeholder; a cell
that cannot be read is left empty (an unknown kind becomes "other") and reported with its row,
column, value and why. A date in the future or before 2000 is questioned: such rows come in only
when the user says so. A row that is already in the log is not brought in twice. Nothing touches
the workbook until the user confirms and `api.apply_import` adds the contacts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from ..datafiles import load_yaml
from ..i18n import t, tn
from ..paths import data_dir
from ..problems import Problem
from ..stakeholders.api import name_key
from ..stakeholders.choices import norm, register_data
from ..stakeholders.importer import (
    ImportFailed,
    Table,
    best_header,
    heading_row,
    is_summary,
    map_row,
    match_in,
    read_flag,
    undo_neutralise,
)
from ..stakeholders.readings import Bad
from ..stakeholders.record import Stakeholder
from . import api
from .record import Concern, Engagement, EngagementDataError, engagement_data

FIELDS = ("contact_date", "kind", "stakeholders", "company_people", "place", "language",
          "interpreter", "topics", "raised", "response", "case", "concern_status",
          "answered_on")  # fmt: skip
_SPLIT = re.compile(r"\s*[;|\n\r]+\s*|\s*,\s*(?=\S)")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T].*)?$")
_WORD_DATE = re.compile(r"^(?:(\d{1,2})\.?\s+([^\W\d]+)\.?|([^\W\d]+)\.?\s+(\d{1,2}),?)\s+(\d{4})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class Columns(BaseModel):
    columns: dict[str, list[str]]
    months: dict[int, list[str]] = Field(default_factory=dict)


@lru_cache(maxsize=2)
def _load(folder: str) -> tuple[dict[str, str], dict[str, int]]:
    data = load_yaml(Path(folder) / "columns.yaml", Columns, EngagementDataError)
    if unknown := set(data.columns) - set(FIELDS):
        raise EngagementDataError(f"columns.yaml: unknown fields {sorted(unknown)}")
    if missing := set(FIELDS) - set(data.columns):
        raise EngagementDataError(f"columns.yaml: no headings for {sorted(missing)}")
    headings: dict[str, str] = {}
    for field_id, names in data.columns.items():
        for name in names:
            key = norm(name)
            if headings.setdefault(key, field_id) != field_id:
                raise EngagementDataError(f"columns.yaml: heading '{name}' names two fields")
    months = {norm(name): month for month, names in data.months.items() for name in names}
    return headings, months


def _data() -> tuple[dict[str, str], dict[str, int]]:
    return _load(str(data_dir() / "engagement"))


def match_heading(heading: str) -> str | None:
    """The field a heading names ('Datum', 'Met wie', 'Onderwerpen (issues)'), or None."""
    return match_in(str(heading), _data()[0])


def read_date(text: str) -> dt.date | None:
    """A date as people write it: 2026-03-10, 10-03-2026, 10/3/26, 10.03.2026, 10 maart 2026,
    March 10, 2026, or an Excel day number. Day before month where it is ambiguous (Dutch)."""
    value = text.strip()
    if not value:
        return None
    if value.isdigit() and 36_000 <= int(value) <= 80_000:  # Excel's day number
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    try:
        if match := _NUMERIC_DATE.match(value):
            a, b, c = (int(g) for g in match.groups())
            if len(match.group(1)) == 4:
                return dt.date(a, b, c)
            year = c + 2000 if c < 100 else c
            return dt.date(year, b, a) if b <= 12 else dt.date(year, a, b)
        if match := _WORD_DATE.match(value):
            day, word = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
            month = _data()[1].get(norm(word))
            return dt.date(int(match.group(5)), month, int(day)) if month else None
    except ValueError:  # 31-02-2026
        return None
    return None


def _choices(group: str) -> dict[str, str]:
    """Every way of writing a choice of `group` (id, labels, aliases, normalised) -> its id."""
    return {
        norm(name): choice.id
        for choice in getattr(engagement_data(), group)
        for name in (choice.id, choice.label.nl, choice.label.en, *choice.aliases)
    }


@dataclass
class LogImport:
    """What an import would add to the log, and a report of everything not read as written."""

    entries: list[Engagement]  # the contacts to add (questioned ones only when confirmed)
    refused: list[Problem]  # rows not brought in, and why
    emptied: list[Problem]  # cells left empty (or read otherwise), with row, column and value
    questioned: list[Problem]  # rows with a date in the future or before 2000
    duplicates: list[int]  # rows already in the log
    skipped: list[Problem]  # summary rows
    notes: list[Problem]  # stakeholders not in the register, topics not in the issue list
    headings: list[str]
    mapping: list[str | None]
    header_row: int
    source_rows: int
    table: Table

    @property
    def problems(self) -> list[Problem]:
        """Every row and cell problem in row order (for the report)."""
        found = [*self.refused, *self.emptied, *self.questioned, *self.skipped]
        return sorted(found, key=lambda p: (p.row or 0, p.column or ""))

    def summary(self, lang: str) -> str:
        """'log.csv: 2 van 3 contacten kunnen worden overgenomen; 1 rij geweigerd.'"""
        text = t("eng.import.summary", lang, good=len(self.entries), total=self.source_rows,
                 file=self.table.filename or "—")  # fmt: skip
        counts = (("refused", self.refused), ("emptied", self.emptied),
                  ("questioned", self.questioned), ("duplicates", self.duplicates))  # fmt: skip
        parts = [tn(f"eng.import.count.{k}", lang, len(v)) for k, v in counts if v]
        return text + ("; " + ", ".join(parts) if parts else "") + "."


def interpret(
    table: Table,
    register: list[Stakeholder],
    log: list[Engagement],
    *,
    today: dt.date,
    confirm_dates: bool = False,
) -> LogImport:
    """The rows of `table` as contacts, checked by the log's own rules (`api.validate`)."""
    r, _score = best_header(table.cells, match_heading)
    headings = heading_row(table.cells, r, match_heading)
    mapping = map_row(headings, match_heading)
    if "contact_date" not in mapping or "stakeholders" not in mapping:
        raise ImportFailed("eng.import.no_columns")
    column = {f: c for c, f in enumerate(mapping) if f}
    by_name = {name_key(s.name): s for s in register}
    issues = register_data().option_keys.get("issues", {})
    existing = {_fingerprint(e) for e in log}
    by_id = {s.id: s for s in register}
    kinds, statuses = _choices("kinds"), _choices("concern_statuses")
    result = LogImport([], [], [], [], [], [], [], headings, mapping, r + 1, 0, table)
    unknown_names: dict[str, int] = {}
    unknown_topics: dict[str, int] = {}
    grid = table.cells.to_numpy(dtype=object).tolist()  # one conversion, not one per row
    for index in range(r + 1, len(grid)):
        values = [undo_neutralise(str(v).strip()) for v in grid[index]]
        if not any(values):
            continue
        row = index + 1

        def cell(field_id: str, values: list[str] = values) -> str:
            return values[column[field_id]] if field_id in column else ""

        first = next(v for v in values if v)
        if is_summary(first):
            result.skipped.append(Problem("eng.import.summary_row", {"value": first[:60]}, row))
            continue
        result.source_rows += 1

        def empty(field_id: str, key: str, value: str, row: int = row) -> None:
            result.emptied.append(
                Problem(key, {"value": value[:80]}, row, headings[column[field_id]])
            )

        contact_date = read_date(cell("contact_date"))
        if contact_date is None:
            key = "eng.import.no_date" if not cell("contact_date") else "eng.import.bad_date"
            result.refused.append(
                Problem(
                    key, {"value": cell("contact_date")[:80]}, row, headings[column["contact_date"]]
                )
            )
            continue
        ids, names = [], []
        whole = cell("stakeholders")  # a name with a comma in it is one name
        for part in [whole] if name_key(whole) in by_name else _SPLIT.split(whole):
            part = " ".join(part.split())
            if not part:
                continue
            found = by_name.get(name_key(part))
            if found is not None:
                ids.append(found.id)
            else:
                names.append(part)
                unknown_names.setdefault(part, row)
        values_in = {"contact_date": contact_date, "stakeholder_ids": ids,
                     "stakeholder_names": names}  # fmt: skip
        kind_text = cell("kind")
        kind = kinds.get(norm(kind_text)) if kind_text else "meeting"
        if kind is None:
            kind = "other"
            empty("kind", "eng.import.unknown_kind", kind_text)
        values_in["kind"] = kind
        for field_id, limit in (("company_people", 500), ("place", 300), ("language", 100),
                                ("raised", 10_000), ("response", 10_000)):  # fmt: skip
            text = cell(field_id)
            if len(text) > limit:
                empty(field_id, "eng.import.too_long", text)
                text = ""
            values_in[field_id] = text
        if "interpreter" in column:
            flag = read_flag(cell("interpreter"))
            if isinstance(flag, Bad):
                empty("interpreter", "eng.import.not_a_flag", cell("interpreter"))
            values_in["interpreter"] = flag is True
        topics = []
        for part in _SPLIT.split(cell("topics")):
            if part.strip():
                issue = issues.get(norm(part))
                if issue is None:
                    unknown_topics.setdefault(part.strip(), row)
                topics.append(issue or part.strip()[:100])
        values_in["topics"] = list(dict.fromkeys(topics))[:50]
        concern = _concern(cell, empty, statuses)
        if concern is not None:
            values_in["concern"] = concern
        entry = api.validate(register, values_in, today=today, confirm=True, by_id=by_id)
        if isinstance(entry, Problem):
            result.refused.append(Problem(entry.key, entry.params, row, entry.column))
            continue
        if _fingerprint(entry) in existing:
            result.duplicates.append(row)
            continue
        existing.add(_fingerprint(entry))
        if contact_date > today or contact_date.year < api.EARLIEST_YEAR:
            result.questioned.append(
                Problem(
                    "eng.import.questioned",
                    {"value": cell("contact_date")},
                    row,
                    headings[column["contact_date"]],
                )  # fmt: skip
            )
            if not confirm_dates:
                continue
        result.entries.append(entry)
    for name, row in list(unknown_names.items())[:20]:
        result.notes.append(Problem("eng.import.not_in_register", {"value": name[:80]}, row))
    if len(unknown_names) > 20:
        result.notes.append(Problem("eng.import.more_not_in_register",
                                    {"count": len(unknown_names) - 20}))  # fmt: skip
    if unknown_topics:
        shown = ", ".join(list(unknown_topics)[:10])
        result.notes.append(Problem("eng.import.unknown_topics", {"value": shown}))
    return result


def _concern(cell, empty, statuses: dict[str, str]) -> Concern | None:
    case, status_text, answered_text = cell("case"), cell("concern_status"), cell("answered_on")
    if not (case or status_text or answered_text):
        return None
    status = statuses.get(norm(status_text)) if status_text else "open"
    if status is None:
        empty("concern_status", "eng.import.unknown_status", status_text)
        status = "open"
    answered = read_date(answered_text) if answered_text else None
    if answered_text and answered is None:
        empty("answered_on", "eng.import.bad_date", answered_text)
    return Concern(case=case[:60], status=status, answered_on=answered)


def _fingerprint(entry: Engagement) -> tuple:
    names = tuple(sorted(name_key(n) for n in entry.stakeholder_names))
    return (entry.contact_date, entry.kind, names, " ".join(entry.raised.split()))
