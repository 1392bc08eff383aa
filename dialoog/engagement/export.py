"""The engagement log as a spreadsheet: the evidence per stakeholder, every contact, the open
concerns. Text that looks like a formula is stored as text (see `dialoog.spreadsheets`)."""

from __future__ import annotations

import io
from datetime import date

from ..formatting import short_date
from ..i18n import t
from ..model import Workbook
from ..plan.blocks import Table, clean
from ..spreadsheets import add_sheet
from .pseudonyms import Pseudonymiser
from .record import engagement_data
from .timeline import evidence, open_concerns


def log_table(workbook: Workbook, lang: str) -> Table:
    """Every contact, oldest first, with its choices as labels."""
    data = engagement_data()
    registered = {s.name for s in workbook.stakeholders}
    rows = []
    for e in sorted(workbook.engagements, key=lambda e: e.contact_date or date.min):
        gone = [n for n in e.stakeholder_names if n not in registered]
        who = ", ".join(
            n + (f" {t('eng.removed_stakeholder', lang)}" if n in gone else "")
            for n in e.stakeholder_names
        )
        concern = ""
        if e.concern is not None:
            concern = f"{e.concern.case} {data.label('concern_statuses', e.concern.status, lang)}"
        rows.append(
            (short_date(e.contact_date, lang), data.label("kinds", e.kind, lang), who,
             e.company_people, e.place, e.raised, e.response, concern.strip())
        )  # fmt: skip
    headers = tuple(
        t(f"eng.{k}", lang)
        for k in ("list.col.date", "list.col.kind", "list.col.who", "field.company_people",
                  "field.place", "field.raised", "field.response", "list.col.concern")
    )  # fmt: skip
    return Table(headers, tuple(rows))


def concerns_table(workbook: Workbook, lang: str, today: date) -> Table:
    data = engagement_data()
    rows = tuple(
        (short_date(e.contact_date, lang), ", ".join(e.stakeholder_names), e.concern.case,
         data.label("concern_statuses", e.concern.status, lang), str(days), e.raised)
        for e, days in open_concerns(workbook, today)
    )  # fmt: skip
    headers = (
        t("eng.list.col.date", lang), t("eng.list.col.who", lang), t("eng.field.case", lang),
        t("eng.field.status", lang), t("eng.concerns.days", lang),
        t("eng.field.raised", lang),
    )  # fmt: skip
    return Table(headers, rows)


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
    for title, table in (
        (t("eng.evidence.title", lang), evidence(workbook, lang, today)),
        (t("eng.title", lang), log_table(workbook, lang)),
        (t("eng.concerns.heading", lang), concerns_table(workbook, lang, today)),
    ):
        add_sheet(
            book, clean(title)[:31], [clean(h) for h in table.headers],
            ([hide(clean(v)) if isinstance(v, str) else v for v in row] for row in table.rows),
            taken,
        )  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
