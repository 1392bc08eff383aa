"""What the engagement log says per stakeholder, per group, issue and quarter, and as evidence
for reporting: computed from the workbook, never stored (so it can never disagree with it).

Model code: plain data and pandas, no widgets. A contact counts for every stakeholder it names;
a stakeholder chosen for dialogue with no contact for `no_contact_months` (data) is flagged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..formatting import short_date
from ..i18n import t
from ..model import Workbook
from ..plan.blocks import Table
from ..stakeholders.choices import register_data
from .record import Engagement, engagement_data


@dataclass(frozen=True)
class Contact:
    """One stakeholder's engagement so far."""

    stakeholder_id: str
    name: str
    group: str
    selected: bool
    contacts: int
    last: date | None
    open_follow_ups: int
    overdue: int
    no_contact_since: date | None  # set when selected and not contacted for too long

    @property
    def flagged(self) -> bool:
        return self.no_contact_since is not None or (self.selected and self.contacts == 0)


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, 28))


def per_stakeholder(workbook: Workbook, today: date, months: int | None = None) -> list[Contact]:
    """Every stakeholder of the register with their contacts, in register order."""
    months = months or engagement_data().no_contact_months
    cutoff = _months_before(today, months)
    contacts: Counter[str] = Counter()
    last: dict[str, date] = {}
    for entry in workbook.engagements:
        for sid in entry.stakeholder_ids:
            contacts[sid] += 1
            if entry.contact_date and (sid not in last or entry.contact_date > last[sid]):
                last[sid] = entry.contact_date
    open_, overdue = Counter(), Counter()
    for agreement in workbook.followup.agreements:
        for sid in agreement.stakeholder_ids:
            if not agreement.closed:
                open_[sid] += 1
            if agreement.is_overdue(today):
                overdue[sid] += 1
    out = []
    for s in workbook.stakeholders:
        seen = last.get(s.id)
        stale = s.selected and seen is not None and seen < cutoff
        out.append(
            Contact(
                s.id, s.name, s.group or "", s.selected, contacts[s.id], seen,
                open_[s.id], overdue[s.id], seen if stale else None,
            )
        )  # fmt: skip
    return out


def never_engaged(workbook: Workbook) -> set[str]:
    """Ids of the stakeholders chosen for dialogue that no contact in the log names."""
    engaged = {i for entry in workbook.engagements for i in entry.stakeholder_ids}
    return {s.id for s in workbook.stakeholders if s.selected and s.id not in engaged}


def open_concerns(workbook: Workbook, today: date) -> list[tuple[Engagement, int]]:
    """Contacts with a concern that is open or in progress, and for how many days, oldest
    first."""
    found = [
        (e, (today - e.contact_date).days if e.contact_date else 0)
        for e in workbook.engagements
        if e.concern is not None and e.concern.is_open
    ]
    return sorted(found, key=lambda pair: -pair[1])


def quarter_of(day: date | None) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}" if day else "?"


def contacts_by(workbook: Workbook, by: str, lang: str) -> list[tuple[str, int]]:
    """Number of contacts per stakeholder group, issue discussed or quarter."""
    groups = {s.id: s.group for s in workbook.stakeholders}
    data = register_data()
    counts: Counter[str] = Counter()
    for entry in workbook.engagements:
        if by == "quarter":
            counts[quarter_of(entry.contact_date)] += 1
        elif by == "issue":
            for issue in entry.topics or ["—"]:
                counts[data.option_label("issues", issue, lang) if issue != "—" else "—"] += 1
        else:
            seen = {groups.get(sid) for sid in entry.stakeholder_ids} - {None, ""}
            for group in seen or {""}:
                label = data.option_label("group", group, lang) if group else "—"
                counts[label] += 1
    if by == "quarter":
        return sorted(counts.items())
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _evidence_rows(workbook: Workbook, lang: str) -> list[tuple[str, ...]]:
    """Per stakeholder of the register: name, group, contacts, kinds, last, raised, committed
    and done, and (when not engaged) why not."""
    data, reg = engagement_data(), register_data()
    by_stakeholder: dict[str, list[Engagement]] = {}
    for entry in workbook.engagements:
        for sid in entry.stakeholder_ids:
            by_stakeholder.setdefault(sid, []).append(entry)
    agreements = {a.id: a for a in workbook.followup.agreements}
    rows = []
    for s in workbook.stakeholders:
        entries = sorted(by_stakeholder.get(s.id, []), key=lambda e: e.contact_date or date.min)
        group = reg.option_label("group", s.group, lang) if s.group else ""
        if not entries:
            rows.append((s.name, group, "0", "", "", "", "", _why_not(s, lang)))
            continue
        kinds = Counter(data.label("kinds", e.kind, lang) for e in entries)
        raised = " | ".join(e.raised for e in entries if e.raised)
        said = " | ".join(e.response for e in entries if e.response)
        linked = dict.fromkeys(i for e in entries for i in e.agreement_ids if i in agreements)
        done = "; ".join(
            f"{agreements[i].what} ({t(f'plan.status.{agreements[i].status}', lang)})"
            for i in linked
        )
        rows.append(
            (s.name, group, str(len(entries)),
             ", ".join(f"{k} ({n})" for k, n in kinds.items()),
             short_date(entries[-1].contact_date, lang) if entries[-1].contact_date else "",
             raised[:2000], said[:2000] + (f" — {done}" if done else ""), "")
        )  # fmt: skip
    return rows


def _why_not(stakeholder, lang: str) -> str:
    """Chosen for dialogue and not reached yet, or not chosen; with the reason given for the
    choice, if any."""
    text = t("eng.evidence.chosen_not_yet" if stakeholder.selected else "eng.evidence.not_chosen",
             lang)  # fmt: skip
    if stakeholder.selection_reason:
        text += " — " + t("eng.evidence.reason", lang, reason=stakeholder.selection_reason)
    return text


def evidence(workbook: Workbook, lang: str, today: date) -> Table:
    """'Verantwoording stakeholderbetrokkenheid': per stakeholder who was engaged, how often
    and how, what they raised, what the company committed and did; then the stakeholders
    identified as affected (in the register) who were not engaged yet, and why. Columns name
    the ESRS disclosures they support (SBM-2, IRO-1). One wide table, for the spreadsheet."""
    headers = tuple(
        t(f"eng.evidence.col.{c}", lang)
        for c in ("name", "group", "contacts", "kinds", "last", "raised", "committed", "why_not")
    )
    rows = tuple(_evidence_rows(workbook, lang))
    return Table(headers, rows, caption=t("eng.evidence.caption", lang))


def evidence_for_document(workbook: Workbook, lang: str) -> tuple[Table, Table]:
    """The same evidence in two tables that fit a page: the stakeholders engaged (five
    columns), and those identified but not engaged yet, with why (chosen ones first)."""
    rows = _evidence_rows(workbook, lang)
    engaged = tuple(
        (f"{name} ({group})" if group else name, f"{n}: {kinds}", last, raised, done)
        for name, group, n, kinds, last, raised, done, _why in rows
        if n != "0"
    )
    headers = tuple(t(f"eng.evidence.col.{c}", lang)
                    for c in ("name", "how_often", "last", "raised", "committed"))  # fmt: skip
    chosen = {s.name for s in workbook.stakeholders if s.selected}
    waiting = sorted((r for r in rows if r[2] == "0"), key=lambda r: r[0] not in chosen)
    missing = tuple((name, group, why) for name, group, *_rest, why in waiting)
    missing_headers = tuple(t(f"eng.evidence.col.{c}", lang) for c in ("name", "group", "why_not"))
    return (
        Table(headers, engaged, caption=t("eng.evidence.caption", lang)),
        Table(missing_headers, missing, caption=t("eng.evidence.missing_caption", lang)),
    )
