"""The register of agreements and commitments (steps 8b and 9a), and the feedback letter.

An agreement is overdue when its due date lies before `today` and it is neither done nor
dropped; `today` is always passed in, so the register reads the same in a test as on any day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..content import Content
from ..formatting import format_date
from ..i18n import t
from ..model import Workbook
from .blocks import Table
from .records import AGREEMENT_STATUSES, Agreement
from .texts import plan_texts


def status_label(status: str, lang: str) -> str:
    return t(f"plan.status.{status}", lang) if status in AGREEMENT_STATUSES else status


def stakeholder_names(workbook: Workbook) -> dict[str, str]:
    return {s.id: s.name for s in workbook.stakeholders}


def with_whom(agreement: Agreement, names: dict[str, str]) -> list[str]:
    """The parties to an agreement: linked stakeholders by name, then the free text."""
    parties = [names[i] for i in agreement.stakeholder_ids if i in names]
    if agreement.with_whom:
        parties.append(agreement.with_whom)
    return parties


def overdue(workbook: Workbook, today: date) -> list[Agreement]:
    return [a for a in workbook.followup.agreements if a.is_overdue(today)]


def sorted_agreements(workbook: Workbook, today: date) -> list[Agreement]:
    """Overdue first, then open by due date, then closed ones; the order of entry breaks ties."""

    def key(item: tuple[int, Agreement]) -> tuple:
        index, a = item
        group = 0 if a.is_overdue(today) else 2 if a.closed else 1
        return (group, a.due or date.max, index)

    return [a for _i, a in sorted(enumerate(workbook.followup.agreements), key=key)]


def register_table(workbook: Workbook, lang: str, today: date) -> Table:
    """The register as the plan and the spreadsheet show it; overdue rows are flagged."""
    names = stakeholder_names(workbook)
    headers = tuple(
        t(f"plan.agreements.{c}", lang)
        for c in ("what", "with_whom", "owner", "due", "status", "reported_back")
    )
    rows, flags = [], []
    for a in sorted_agreements(workbook, today):
        late = a.is_overdue(today)
        status = status_label(a.status, lang)
        if late:
            status = f"{status} — {t('plan.agreements.overdue', lang)}"
        reported = a.reported_back
        if a.reported_on:
            reported = f"{reported} ({format_date(a.reported_on, lang)})".strip()
        rows.append(
            (
                a.what,
                "; ".join(with_whom(a, names)),
                a.owner,
                format_date(a.due, lang) if a.due else "",
                status,
                reported,
            )
        )
        flags.append("overdue" if late else "done" if a.closed else "")
    return Table(headers, tuple(rows), tuple(flags))


@dataclass(frozen=True)
class PartyOverview:
    party: str
    total: int
    open: int
    overdue: int
    done: int
    items: tuple[str, ...]


def per_stakeholder(workbook: Workbook, today: date) -> list[PartyOverview]:
    """For every party: how many agreements, open, overdue and done, and what they are.

    Parties are the linked stakeholders (by name) and the free-text 'with whom'; parties with
    overdue agreements come first.
    """
    names = stakeholder_names(workbook)
    groups: dict[str, list[Agreement]] = {}
    for a in workbook.followup.agreements:
        for party in with_whom(a, names) or [""]:
            groups.setdefault(party, []).append(a)
    out = []
    for party, items in groups.items():
        late = sum(a.is_overdue(today) for a in items)
        done = sum(a.closed for a in items)
        out.append(
            PartyOverview(
                party, len(items), len(items) - done, late, done, tuple(a.what for a in items)
            )
        )
    return sorted(out, key=lambda p: (-p.overdue, -p.open, p.party.casefold()))


def per_stakeholder_table(workbook: Workbook, lang: str, today: date) -> Table:
    headers = tuple(
        t(f"plan.parties.{c}", lang) for c in ("party", "total", "open", "overdue", "done", "what")
    )
    rows, flags = [], []
    for p in per_stakeholder(workbook, today):
        party = p.party or t("plan.parties.unnamed", lang)
        rows.append(
            (party, str(p.total), str(p.open), str(p.overdue), str(p.done), "; ".join(p.items))
        )
        flags.append("overdue" if p.overdue else "")
    return Table(headers, tuple(rows), tuple(flags))


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(template: str, values: dict[str, str]) -> str:
    """Fill `{name}` placeholders; user text is inserted as it is and never read as a template."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def draft_letter(
    workbook: Workbook,
    content: Content,
    lang: str,
    today: date,
    recipient: str = "",
    stakeholder_id: str | None = None,
) -> str:
    """A feedback letter to stakeholders drafted from steps 8a–9a and the register (the
    answers are found by their role in the content).

    With `stakeholder_id`, only the agreements with that stakeholder are listed. Missing answers
    become a visible '[to be completed]', so the user sees what still needs writing.
    """
    letter = plan_texts().letter
    missing = letter.missing.get(lang)
    names = stakeholder_names(workbook)

    def answer(role: str) -> str:
        form, spec = content.field_with_role(role)
        value = workbook.answer(form.id, spec.id)
        return value.strip() if isinstance(value, str) and value.strip() else missing

    agreements = [
        a
        for a in sorted_agreements(workbook, today)
        if a.status != "dropped" and (stakeholder_id is None or stakeholder_id in a.stakeholder_ids)
    ]
    lines = []
    for a in agreements:
        parts = [a.what]
        if a.owner:
            parts.append(t("plan.letter.by", lang, owner=a.owner))
        if a.due:
            parts.append(t("plan.letter.before", lang, date=format_date(a.due, lang)))
        if a.status == "done":
            parts.append(t("plan.letter.done", lang))
        lines.append("- " + ", ".join(parts))
    held_form, held_spec = content.field_with_role("dialogue_date")
    held = workbook.answer(held_form.id, held_spec.id)
    org = workbook.organisation
    values = {
        "place_date": format_date(today, lang),
        "dialogue_date": t("plan.letter.on", lang, date=format_date(held, lang)) if held else "",
        "recipient": recipient.strip()
        or (names.get(stakeholder_id or "", "") if stakeholder_id else "")
        or t("plan.letter.recipient", lang),
        "organisation": org.name.strip() or missing,
        "discussed": answer("discussed"),
        "agreements": "\n".join(lines) or letter.no_agreements.get(lang),
        "integration": answer("integration"),
        "not_followed_up": answer("not_followed_up"),
        "contact": org.contact.strip() or org.authors.strip() or missing,
        "authors": org.authors.strip() or missing,
    }
    return fill(letter.template.get(lang), values)
