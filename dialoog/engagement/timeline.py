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
from ..stakeholders.api import name_key
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


def contacts_of(workbook: Workbook) -> dict[str, list[Engagement]]:
    """The contacts of each stakeholder of the register: those that name it by id, and those
    that name it only as written (logged or imported before it was in the register)."""
    by_key = {name_key(s.name): s.id for s in workbook.stakeholders}
    found: dict[str, list[Engagement]] = {}
    for entry in workbook.engagements:
        ids = dict.fromkeys(entry.stakeholder_ids)
        for name in entry.stakeholder_names:
            if (sid := by_key.get(name_key(name))) is not None:
                ids.setdefault(sid)
        for sid in ids:
            found.setdefault(sid, []).append(entry)
    return found


def per_stakeholder(workbook: Workbook, today: date, months: int | None = None) -> list[Contact]:
    """Every stakeholder of the register with their contacts, in register order."""
    months = months or engagement_data().no_contact_months
    cutoff = _months_before(today, months)
    by_stakeholder = contacts_of(workbook)
    open_, overdue = Counter(), Counter()
    for agreement in workbook.followup.agreements:
        for sid in agreement.stakeholder_ids:
            if not agreement.closed:
                open_[sid] += 1
            if agreement.is_overdue(today):
                overdue[sid] += 1
    out = []
    for s in workbook.stakeholders:
        entries = by_stakeholder.get(s.id, [])
        seen = max((e.contact_date for e in entries if e.contact_date), default=None)
        stale = s.selected and seen is not None and seen < cutoff
        out.append(
            Contact(
                s.id, s.name, s.group or "", s.selected, len(entries), seen,
                open_[s.id], overdue[s.id], seen if stale else None,
            )
        )  # fmt: skip
    return out


def never_engaged(workbook: Workbook) -> set[str]:
    """Ids of the stakeholders chosen for dialogue that no contact in the log names."""
    engaged = contacts_of(workbook)
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


@dataclass(frozen=True)
class Evidence:
    """One party's engagement, as the evidence reports it: a stakeholder of the register, or a
    party the log names that is not in the register (`in_register` False)."""

    name: str
    group: str
    contacts: int
    kinds: str
    first: date | None
    last: date | None
    raised: str
    committed: str
    why_not: str
    in_register: bool = True
    selected: bool = False

    def cells(self) -> tuple[object, ...]:
        """The row of the evidence sheet: counts as numbers and dates as dates."""
        return (self.name, self.group, self.contacts, self.kinds, self.first, self.last,
                self.raised, self.committed, self.why_not)  # fmt: skip


EVIDENCE_COLUMNS = (
    "name", "group", "contacts", "kinds", "first", "last", "raised", "committed", "why_not",
)  # fmt: skip


def outside_register(workbook: Workbook) -> dict[str, list[Engagement]]:
    """Parties the log names that no stakeholder of the register carries (never added, or
    removed since): their name as first written, with the contacts that name them."""
    registered = {name_key(s.name) for s in workbook.stakeholders}
    found: dict[str, tuple[str, list[Engagement]]] = {}
    for entry in workbook.engagements:
        for name in dict.fromkeys(entry.stakeholder_names):
            key = name_key(name)
            if key and key not in registered:
                found.setdefault(key, (name, []))[1].append(entry)
    return dict(found.values())


def _engaged(name: str, group: str, entries: list[Engagement], agreements: dict,
             lang: str, **kwargs) -> Evidence:  # fmt: skip
    data = engagement_data()
    entries = sorted(entries, key=lambda e: e.contact_date or date.min)
    kinds = Counter(data.label("kinds", e.kind, lang) for e in entries)
    raised = " | ".join(e.raised for e in entries if e.raised)
    said = " | ".join(e.response for e in entries if e.response)
    linked = dict.fromkeys(i for e in entries for i in e.agreement_ids if i in agreements)
    done = "; ".join(
        f"{agreements[i].what} ({t(f'plan.status.{agreements[i].status}', lang)})" for i in linked
    )
    dates = [e.contact_date for e in entries if e.contact_date]
    return Evidence(
        name, group, len(entries), ", ".join(f"{k} ({n})" for k, n in kinds.items()),
        min(dates, default=None), max(dates, default=None), raised[:2000],
        (said[:2000] + (f" — {done}" if said and done else done)), "", **kwargs,
    )  # fmt: skip


def evidence(workbook: Workbook, lang: str) -> list[Evidence]:
    """'Verantwoording stakeholderbetrokkenheid': every party engaged, how often and how, what
    they raised, what the company committed and did (stakeholders of the register in its
    order, then parties the log names that are not in the register); then the stakeholders
    identified as affected who were not engaged yet, and why, those chosen for dialogue first.
    """
    reg = register_data()
    by_stakeholder = contacts_of(workbook)
    agreements = {a.id: a for a in workbook.followup.agreements}
    engaged, waiting = [], []
    for s in workbook.stakeholders:
        group = reg.option_label("group", s.group, lang) if s.group else ""
        entries = by_stakeholder.get(s.id)
        if entries:
            engaged.append(_engaged(s.name, group, entries, agreements, lang, selected=s.selected))
        else:
            waiting.append(
                Evidence(s.name, group, 0, "", None, None, "", "", _why_not(s, lang),
                         selected=s.selected)
            )  # fmt: skip
    outside = t("eng.evidence.not_in_register", lang)
    for name, entries in sorted(outside_register(workbook).items(), key=lambda i: -len(i[1])):
        engaged.append(_engaged(name, outside, entries, agreements, lang, in_register=False))
    return engaged + sorted(waiting, key=lambda e: not e.selected)


def evidence_period(workbook: Workbook) -> tuple[date | None, date | None]:
    """The first and the last contact the log holds: the period the evidence covers."""
    dates = [e.contact_date for e in workbook.engagements if e.contact_date]
    return min(dates, default=None), max(dates, default=None)


def _why_not(stakeholder, lang: str) -> str:
    """Chosen for dialogue and not reached yet, or not chosen; with the reason given for the
    choice, if any."""
    text = t("eng.evidence.chosen_not_yet" if stakeholder.selected else "eng.evidence.not_chosen",
             lang)  # fmt: skip
    if stakeholder.selection_reason:
        text += " — " + t("eng.evidence.reason", lang, reason=stakeholder.selection_reason)
    return text


def evidence_for_document(workbook: Workbook, lang: str) -> tuple[Table, Table]:
    """The same evidence in two tables that fit a page: the parties engaged (five columns),
    and those identified but not engaged yet, with why (chosen ones first)."""
    rows = evidence(workbook, lang)
    engaged = tuple(
        (f"{r.name} ({r.group})" if r.group else r.name, f"{r.contacts}: {r.kinds}",
         short_date(r.last, lang) if r.last else "", r.raised, r.committed)
        for r in rows
        if r.contacts
    )  # fmt: skip
    headers = tuple(t(f"eng.evidence.col.{c}", lang)
                    for c in ("name", "how_often", "last", "raised", "committed"))  # fmt: skip
    missing = tuple((r.name, r.group, r.why_not) for r in rows if not r.contacts)
    missing_headers = tuple(t(f"eng.evidence.col.{c}", lang) for c in ("name", "group", "why_not"))
    return (
        Table(headers, engaged, caption=t("eng.evidence.caption", lang)),
        Table(missing_headers, missing, caption=t("eng.evidence.missing_caption", lang)),
    )
