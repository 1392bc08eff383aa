"""The engagement log's operations: pure functions on the workbook's list of contacts.

Each returns the new list (or an `Outcome` with what it made), or a `Problem` the user can read;
`Session.edit("engagements", …)` applies them. The rules live here, once: a contact has a date
(one in the future or before 2000 is questioned, and kept only when the user confirms it), a
kind from the data, and at least one stakeholder: from the register by id, or named as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError

from ..i18n import Localized, catalogue
from ..plan.records import Agreement, FollowUp
from ..problems import Outcome, Problem, from_validation
from ..stakeholders import api as register_api
from ..stakeholders.record import Stakeholder
from .record import Concern, Engagement, engagement_data

Log = list[Engagement]
Register = list[Stakeholder]
EARLIEST_YEAR = 2000


def validate(
    register: Sequence[Stakeholder],
    values: Mapping[str, Any],
    *,
    today: date,
    confirm: bool = False,
    current: Engagement | None = None,
    by_id: Mapping[str, Stakeholder] | None = None,
) -> Engagement | Problem:
    """`values` as a contact (on top of `current`, if given), or why that cannot be.

    Stakeholder ids that are in the register get their name as written there; names that are
    not (a stakeholder removed since, or never in the register) are kept as they are. `by_id`
    is the register by id, for a caller that validates many contacts at once.
    """
    data = dict(current.model_dump() if current else {})
    data.update(values)
    contact_date = data.get("contact_date")
    if contact_date is None:
        return Problem("eng.no_date")
    if not confirm and (contact_date > today or contact_date.year < EARLIEST_YEAR):
        key = "eng.date_future" if contact_date > today else "eng.date_old"
        return Problem(key, {"date": contact_date})
    if data.get("kind", "meeting") not in _kind_ids():
        return Problem("eng.unknown_kind", {"kind": str(data.get("kind"))})
    by_id = by_id if by_id is not None else {s.id: s for s in register}
    ids = [i for i in dict.fromkeys(data.get("stakeholder_ids") or []) if i in by_id]
    named = [" ".join(str(n).split()) for n in data.get("stakeholder_names") or []]
    names = [by_id[i].name for i in ids]
    names += [n for n in dict.fromkeys(named) if n and n not in names]
    if not names:
        return Problem("eng.no_stakeholder")
    data["stakeholder_ids"], data["stakeholder_names"] = ids, names
    concern = data.get("concern")
    if isinstance(concern, Concern):
        data["concern"] = concern.model_dump()
    try:
        return Engagement.model_validate(data)
    except ValidationError as exc:
        return from_validation(exc, _field_label)


def _kind_ids() -> frozenset[str]:
    return frozenset(c.id for c in engagement_data().kinds)


def _field_label(field: str) -> Localized:
    return catalogue()[f"eng.field.{field}"]


def add(
    log: Log, register: Sequence[Stakeholder], values: Mapping[str, Any], *, today: date,
    confirm: bool = False,
) -> Outcome[Log] | Problem:  # fmt: skip
    """A new contact at the end of the log; `Outcome.info["entry"]` is the one added."""
    entry = validate(register, values, today=today, confirm=confirm)
    if isinstance(entry, Problem):
        return entry
    return Outcome([*log, entry], {"entry": entry})


def update(
    log: Log, entry_id: str, register: Sequence[Stakeholder], values: Mapping[str, Any], *,
    today: date, confirm: bool = False,
) -> Outcome[Log] | Problem:  # fmt: skip
    """One contact changed; the others as they were."""
    for index, current in enumerate(log):
        if current.id == entry_id:
            entry = validate(register, values, today=today, confirm=confirm, current=current)
            if isinstance(entry, Problem):
                return entry
            changed = list(log)
            changed[index] = entry
            return Outcome(changed, {"entry": entry})
    return Problem("eng.gone")


def remove(log: Log, entry_id: str) -> Outcome[Log] | Problem:
    """One contact removed; `Outcome.info` has it and its place, to undo."""
    for index, entry in enumerate(log):
        if entry.id == entry_id:
            return Outcome([e for e in log if e.id != entry_id], {"removed": entry, "at": index})
    return Problem("eng.gone")


def restore(log: Log, entry: Engagement, at: int) -> Log:
    """Undo a removal: the contact back in its place (if it is not there already)."""
    if any(e.id == entry.id for e in log):
        return log
    return [*log[:at], entry, *log[at:]]


def link_agreement(log: Log, entry_id: str, agreement_id: str) -> Log | Problem:
    """Record that an agreement came from this contact (the agreement names it too)."""
    for index, entry in enumerate(log):
        if entry.id == entry_id:
            if agreement_id in entry.agreement_ids:
                return log
            changed = list(log)
            changed[index] = entry.model_copy(
                update={"agreement_ids": [*entry.agreement_ids, agreement_id]}
            )
            return changed
    return Problem("eng.gone")


def follow_up(
    followup: FollowUp, entry: Engagement, what: str, owner: str = "", due: date | None = None
) -> Outcome[FollowUp] | Problem:
    """A follow-up of a contact as an agreement in the agreements register, linked to the
    contact and its stakeholders; `Outcome.info["agreement"]` is the new one."""
    what = " ".join((what or "").split())
    if not what:
        return Problem("eng.follow_up_empty")
    agreement = Agreement(
        what=what[:5000],
        stakeholder_ids=list(entry.stakeholder_ids),
        with_whom=", ".join(entry.stakeholder_names)[:500],
        owner=owner[:200],
        due=due,
        engagement_id=entry.id,
    )
    changed = followup.model_copy(update={"agreements": [*followup.agreements, agreement]})
    return Outcome(changed, {"agreement": agreement})


def apply_import(log: Log, entries: Sequence[Engagement]) -> Outcome[Log]:
    """Contacts read from a file added after the log's own (ids that are there already are not
    added twice); `Outcome.info["added"]` is how many came in."""
    known = {e.id for e in log}
    added = [e for e in entries if e.id not in known]
    return Outcome([*log, *added], {"added": len(added)})


def import_follow_ups(followup: FollowUp, agreements: Sequence[Agreement]) -> Outcome[FollowUp]:
    """The next steps of imported contacts as agreements (each already linked to its contact);
    ones that are there already are not added twice."""
    known = {a.id for a in followup.agreements}
    added = [a for a in agreements if a.id not in known]
    changed = followup.model_copy(update={"agreements": [*followup.agreements, *added]})
    return Outcome(changed, {"added": len(added)})


def add_to_register(register: Register, names: Sequence[str]) -> Outcome[Register] | Problem:
    """Parties the log names that are not in the register, added to it by name (step 3 asks
    the rest of what it needs); a name already there is left as it is.
    `Outcome.info["added"]` holds the names added."""
    out, added = list(register), []
    for name in names:
        result = register_api.add(out, {"name": name})
        if isinstance(result, Problem):
            if result.key == "sh.form.name_taken":
                continue
            return result
        out = result.value
        added.append(out[-1].name)
    return Outcome(out, {"added": added})


def link_names(log: Log, register: Sequence[Stakeholder]) -> Log:
    """Contacts that name a stakeholder of the register only as written (logged before it was
    in the register) linked to it by id, so that it counts wherever the log is summed up."""
    by_key = {register_api.name_key(s.name): s.id for s in register}
    out = []
    for entry in log:
        ids = list(entry.stakeholder_ids)
        for name in entry.stakeholder_names:
            sid = by_key.get(register_api.name_key(name))
            if sid is not None and sid not in ids:
                ids.append(sid)
        out.append(entry if ids == entry.stakeholder_ids
                   else entry.model_copy(update={"stakeholder_ids": ids}))  # fmt: skip
    return out if out != log else log
