"""The engagement log as a spreadsheet: the evidence per party, every contact, the open
concerns. Counts are number cells and dates date cells; the evidence sheet says whose it is,
which period it covers and on what basis. Text that looks like a formula is stored as text
(see `dialoog.spreadsheets`).

The rows are made once, typed (`_log_rows`, `_concern_rows`); the tables of the page and the
plan document are the same rows written as text.
"""

from __future__ import annotations

import io
from datetime import date

from ..formatting import MISSING, sheet_date_format, short_date
from ..i18n import t
from ..model import Workbook
from ..plan.blocks import Table, clean
from ..spreadsheets import add_sheet
from .pseudonyms import Pseudonymiser
from .record import engagement_data
from .timeline import EVIDENCE_COLUMNS, evidence, evidence_period, open_concerns

LOG_COLUMNS = ("list.col.date", "list.col.kind", "list.col.who", "field.company_people",
               "field.place", "field.raised", "field.response", "list.col.concern")  # fmt: skip


def _text(value: object, lang: str) -> str:
    if isinstance(value, date):
        return short_date(value, lang)
    return "" if value is None else str(value)


def _log_rows(workbook: Workbook, lang: str) -> list[tuple[object, ...]]:
    """Every contact, oldest first, with its choices as labels."""
    data = engagement_data()
    registered = {s.name for s in workbook.stakeholders}
    rows = []
    for e in sorted(workbook.engagements, key=lambda e: e.contact_date or date.min):
        who = ", ".join(
            n + (f" {t('eng.removed_stakeholder', lang)}" if n not in registered else "")
            for n in e.stakeholder_names
        )
        concern = ""
        if e.concern is not None:
            concern = f"{e.concern.case} {data.label('concern_statuses', e.concern.status, lang)}"
        rows.append(
            (e.contact_date, data.label("kinds", e.kind, lang), who,
             e.company_people, e.place, e.raised, e.response, concern.strip())
        )  # fmt: skip
    return rows


def log_table(workbook: Workbook, lang: str) -> Table:
    """Every contact, oldest first, as text."""
    headers = tuple(t(f"eng.{k}", lang) for k in LOG_COLUMNS)
    rows = tuple(tuple(_text(v, lang) for v in row) for row in _log_rows(workbook, lang))
    return Table(headers, rows)


def _concern_headers(lang: str) -> tuple[str, ...]:
    return (
        t("eng.list.col.date", lang), t("eng.list.col.who", lang), t("eng.field.case", lang),
        t("eng.field.status", lang), t("eng.concerns.days", lang), t("eng.field.raised", lang),
    )  # fmt: skip


def _concern_rows(workbook: Workbook, lang: str, today: date) -> list[tuple[object, ...]]:
    """The concerns and complaints still open, oldest first, with how many days."""
    data = engagement_data()
    return [
        (e.contact_date, ", ".join(e.stakeholder_names), e.concern.case or None,
         data.label("concern_statuses", e.concern.status, lang), days, e.raised)
        for e, days in open_concerns(workbook, today)
    ]  # fmt: skip


def concerns_table(workbook: Workbook, lang: str, today: date) -> Table:
    rows = tuple(
        tuple(MISSING if i == 2 and v is None else _text(v, lang) for i, v in enumerate(row))
        for row in _concern_rows(workbook, lang, today)
    )
    return Table(_concern_headers(lang), rows, numeric=(4,))


def evidence_preamble(workbook: Workbook, lang: str, today: date) -> list[tuple[object, ...]]:
    """What the evidence sheet says above its table: title, organisation, the period covered
    (first and last contact in the log), how many contacts, the basis, when it was made."""
    first, last = evidence_period(workbook)
    name = workbook.organisation.name.strip() or t("eng.evidence.no_organisation", lang)

    def line(key: str, value: object) -> tuple[object, ...]:
        return (t(f"eng.evidence.head.{key}", lang), value)

    return [
        (t("eng.evidence.title", lang),),
        line("organisation", name),
        line("first", first or MISSING),
        line("last", last or MISSING),
        line("contacts", len(workbook.engagements)),
        line("basis", t("eng.evidence.basis", lang)),
        line("made", today),
        line("about", t("eng.evidence.caption", lang)),
    ]


def engagement_xlsx(
    workbook: Workbook, lang: str, today: date, *, pseudonymise: bool = False
) -> bytes:
    """The evidence, every contact and the open concerns, one sheet each; with `pseudonymise`
    the persons named (not the groups and organisations) become "Persoon 1", "Persoon 2", …"""
    from openpyxl import Workbook as Book

    hide = Pseudonymiser.of(workbook, lang) if pseudonymise else (lambda value: value)
    book = Book()
    book.remove(book.active)
    taken: set[str] = set()
    evidence_headers = [t(f"eng.evidence.col.{c}", lang) for c in EVIDENCE_COLUMNS]
    for key, headers, rows, preamble in (
        ("evidence", evidence_headers, [r.cells() for r in evidence(workbook, lang)],
         evidence_preamble(workbook, lang, today)),
        ("log", [t(f"eng.{k}", lang) for k in LOG_COLUMNS], _log_rows(workbook, lang), ()),
        ("concerns", _concern_headers(lang), _concern_rows(workbook, lang, today), ()),
    ):  # fmt: skip
        add_sheet(
            book, t(f"eng.sheet.{key}", lang), [clean(h) for h in headers],
            ([hide(clean(v)) if isinstance(v, str) else v for v in row] for row in rows),
            taken,
            preamble=[[hide(clean(v)) if isinstance(v, str) else v for v in line]
                      for line in preamble],
            date_format=sheet_date_format(lang),
        )  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
