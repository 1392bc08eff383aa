"""Bring an engagement log kept in a spreadsheet (CSV or .xlsx) into the workbook.

The register's importer rules, for contacts: the file is read by `stakeholders.importer.
read_table` (encodings, separators, title rows, merged cells, Excel's own dates); headings are
matched in Dutch or English (data/engagement/columns.yaml), and the user can read any column
otherwise in the preview; summary rows ("Totaal") are skipped and reported. A row is refused only
when it has no readable date or names no stakeholder; a cell that cannot be read is left empty
and reported with its row, column, value and why. A date in the future or before 2000 is
questioned: such rows come in only when the user says so. A row that is already in the log is not
brought in twice.

What a contact is, as CRM exports write it: a kind by its label, an alias or a word stem
('Telefonisch', 'Gebeld' → a call; 'Bedrijfsbezoek' → a visit); a summary is what was raised,
notes what was said, a next step ('Vervolgactie') becomes an agreement in the agreements register,
linked to the contact. A status column is the status of that next step; it is a complaint's status
only on a row that is a complaint (its kind, a case number, or a column that says so): a CRM's
"Open" does not make every contact a complaint. Nothing touches the workbook until the user
confirms and `api.apply_import` adds the contacts (and `api.import_follow_ups` the agreements).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from ..datafiles import load_yaml
from ..i18n import t, tn
from ..paths import data_dir
from ..plan.records import Agreement
from ..preview import ColumnPreview, samples
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
          "interpreter", "topics", "raised", "response", "follow_up", "contact_status", "case",
          "concern_status", "complaint", "answered_on")  # fmt: skip
_SPLIT = re.compile(r"\s*[;|\n\r]+\s*|\s*,\s*(?=\S)")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T].*)?$")
_WORD_DATE = re.compile(r"^(?:(\d{1,2})\.?\s+([^\W\d]+)\.?|([^\W\d]+)\.?\s+(\d{1,2}),?)\s+(\d{4})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class Columns(BaseModel):
    columns: dict[str, list[str]]
    months: dict[int, list[str]] = Field(default_factory=dict)
    contact_statuses: dict[str, list[str]] = Field(default_factory=dict)


@lru_cache(maxsize=2)
def _statuses(folder: str) -> dict[str, str]:
    data = load_yaml(Path(folder) / "columns.yaml", Columns, EngagementDataError)
    return {norm(word): status for status, words in data.contact_statuses.items()
            for word in words}  # fmt: skip


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


def _stems() -> list[tuple[str, str]]:
    """(stem, kind id), longest stems first."""
    found = [(norm(stem), c.id) for c in engagement_data().kinds for stem in c.stems]
    return sorted(found, key=lambda pair: -len(pair[0]))


def kind_of(text: str, kinds: dict[str, str], stems: list[tuple[str, str]]) -> str | None:
    """The kind a cell names: by label or alias, else by the stem of one of its words
    ('Telefonisch overleg' → call: the first word that names a kind decides)."""
    key = norm(text)
    if key in kinds:
        return kinds[key]
    for word in key.split():
        for stem, kind in stems:
            if word.startswith(stem) or (len(stem) >= 5 and stem in word):
                return kind
    return None


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
    agreements: list[Agreement] = field(default_factory=list)  # the next steps, as agreements
    columns: list[ColumnPreview] = field(default_factory=list)  # per column, for the preview

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
    overrides: dict[int, str | None] | None = None,
    lang: str = "nl",
) -> LogImport:
    """The rows of `table` as contacts, checked by the log's own rules (`api.validate`);
    `overrides` reads a column (by position) as another field, or not at all (None)."""
    r, _score = best_header(table.cells, match_heading)
    headings = heading_row(table.cells, r, match_heading)
    mapping = map_row(headings, match_heading)
    for position, field_id in (overrides or {}).items():
        if 0 <= position < len(mapping):
            if field_id:
                mapping = [None if f == field_id else f for f in mapping]
            mapping[position] = field_id
    if "contact_date" not in mapping or "stakeholders" not in mapping:
        raise ImportFailed("eng.import.no_columns")
    column = {f: c for c, f in enumerate(mapping) if f}
    by_name = {name_key(s.name): s for s in register}
    issues = register_data().option_keys.get("issues", {})
    existing = {_fingerprint(e) for e in log}
    by_id = {s.id: s for s in register}
    kinds, statuses, stems = _choices("kinds"), _choices("concern_statuses"), _stems()
    contact_statuses = _statuses(str(data_dir() / "engagement"))
    result = LogImport([], [], [], [], [], [], [], headings, mapping, r + 1, 0, table)
    unknown_names: dict[str, int] = {}
    unknown_topics: dict[str, int] = {}
    stems_used: Counter = Counter()  # (as written, kind): how each word for a kind was read
    status_unused: Counter = Counter()  # statuses of contacts with no next step or complaint
    filled: Counter = Counter()  # cells with something in them, per column
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
        for position, value in enumerate(values):
            if value:
                filled[position] += 1

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
        kind = kind_of(kind_text, kinds, stems) if kind_text else "meeting"
        if kind is None:
            kind = "other"
            empty("kind", "eng.import.unknown_kind", kind_text)
        elif kind_text:
            stems_used[(kind_text, kind)] += 1
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
        status_text = cell("contact_status")
        status = contact_statuses.get(norm(status_text)) if status_text else None
        if status_text and status is None:
            empty("contact_status", "eng.import.unknown_status", status_text)
        said_complaint = read_flag(cell("complaint")) is True if "complaint" in column else False
        complaint = (
            kind == "grievance"
            or said_complaint
            or bool(cell("case"))
            or bool(cell("concern_status"))
        )
        if complaint:
            concern = _concern(cell, empty, statuses, status)
            values_in["concern"] = concern
        follow_up = " ".join(cell("follow_up").split())[:5000]
        if status and not complaint and not follow_up:
            status_unused[status_text] += 1
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
        if follow_up:
            agreement = _agreement(entry, follow_up, status)
            entry = entry.model_copy(update={"agreement_ids": [agreement.id]})
            result.agreements.append(agreement)
        result.entries.append(entry)
    for name, row in list(unknown_names.items())[:20]:
        result.notes.append(Problem("eng.import.not_in_register", {"value": name[:80]}, row))
    if len(unknown_names) > 20:
        result.notes.append(Problem("eng.import.more_not_in_register",
                                    {"count": len(unknown_names) - 20}))  # fmt: skip
    if unknown_topics:
        shown = ", ".join(list(unknown_topics)[:10])
        result.notes.append(Problem("eng.import.unknown_topics", {"value": shown}))
    if status_unused:
        shown = ", ".join(f"{v} ({n}×)" for v, n in status_unused.most_common(6))
        result.notes.append(Problem("eng.import.status_without_follow_up", {"value": shown},
                                    column=headings[column["contact_status"]]))  # fmt: skip
    result.columns = _previews(result, filled, stems_used, sum(status_unused.values()), lang)
    return result


def _agreement(entry: Engagement, what: str, status: str | None) -> Agreement:
    """A contact's next step as an agreement, linked both ways, with the row's status."""
    return Agreement(
        what=what,
        stakeholder_ids=list(entry.stakeholder_ids),
        with_whom=", ".join(entry.stakeholder_names)[:500],
        status="done" if status == "done" else "open",
        engagement_id=entry.id,
    )


def _concern(cell, empty, statuses: dict[str, str], status: str | None) -> Concern:
    """A complaint's record: its case number, its status (its own column, else the row's
    status: open or done → closed), and when it was answered."""
    case, status_text, answered_text = cell("case"), cell("concern_status"), cell("answered_on")
    found = statuses.get(norm(status_text)) if status_text else None
    if status_text and found is None:
        empty("concern_status", "eng.import.unknown_status", status_text)
    if found is None:
        found = "closed" if status == "done" else "open"
    answered = read_date(answered_text) if answered_text else None
    if answered_text and answered is None:
        empty("answered_on", "eng.import.bad_date", answered_text)
    return Concern(case=case[:60], status=found, answered_on=answered)


def _previews(
    result: LogImport, filled: Counter, stems_used: Counter, unused_status: int, lang: str
):
    """Per column: what it was read as, how, a sample and the counts (the import preview)."""
    emptied: Counter = Counter(p.column for p in result.emptied)
    cells = result.table.cells
    body = cells.iloc[result.header_row :]
    out = []
    for position, (heading, field_id) in enumerate(zip(result.headings, result.mapping,
                                                        strict=True)):  # fmt: skip
        count = filled.get(position, 0)
        if not heading and not count:
            continue
        values = [undo_neutralise(str(v)) for v in body.iloc[:, position].tolist()[:200]]
        shown = heading or "—"
        if field_id is None:
            how = t("sh.import.how.unused", lang)
        else:
            how = t(f"eng.import.how.{field_id}", lang)
            if field_id == "kind" and stems_used:
                data = engagement_data()
                read = [
                    (v, data.label("kinds", k, lang)) for (v, k), _n in stems_used.most_common()
                ]
                words = [f"{v} → {label}" for v, label in read if norm(v) != norm(label)]
                if words:
                    more = f" (+{len(words) - 8})" if len(words) > 8 else ""
                    how += " · " + ", ".join(words[:8]) + more
        bad = emptied.get(heading, 0)
        if field_id == "contact_status":  # a status with no next step or complaint is not kept
            bad += unused_status
        out.append(
            ColumnPreview(
                position=position,
                heading=shown,
                field=field_id,
                how=how,
                sample=samples(values, [bool(v.strip()) for v in values]),
                read=0 if field_id is None else max(count - bad, 0),
                emptied=bad,
            )
        )
    return out


def _fingerprint(entry: Engagement) -> tuple:
    names = tuple(sorted(name_key(n) for n in entry.stakeholder_names))
    return (entry.contact_date, entry.kind, names, " ".join(entry.raised.split()))
