"""A workbook as units: the smallest parts that two people can change without a conflict.

One answer of one question, one detail of the organisation, one answer of the self-assessment,
one stakeholder, one agreement, one evaluation, the letter, one contact of the engagement log:
each is a unit with a key such as `answers/4c/goal` or `stakeholders/3f9a1c2b0d4e`. Lists keep
their order in a unit of its own (`stakeholders/@order`). The store saves the units a change
touched (not the whole workbook), and merges two people's saves unit by unit: different units
never conflict; the same unit changed by both is a conflict, which the later save wins (the
earlier value stays in the history). Values are JSON (what pydantic dumps); an empty value is no
unit at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from .model import SECTIONS, Workbook

ORDER = "@order"
META = "meta"
ALL = (META, *SECTIONS)
SECTIONS_ONLY = tuple(SECTIONS)  # the content, without the workbook's own details
Units = dict[str, Any]


def section_of(key: str) -> str:
    return key.split("/", 1)[0]


def form_of(key: str) -> str | None:
    """The form of an answer's key ('answers/4c/goal' -> '4c')."""
    parts = key.split("/")
    return parts[1] if parts[0] == "answers" and len(parts) > 2 else None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _items(prefix: str, items: list[dict]) -> Units:
    out: Units = {f"{prefix}/{item['id']}": item for item in items}
    if items:
        out[f"{prefix}/{ORDER}"] = [item["id"] for item in items]
    return out


def _flatten_section(section: str, value: Any) -> Units:
    if section == META:
        return {f"meta/{k}": v for k, v in value.items() if not _empty(v)}
    if section == "organisation":
        return {f"organisation/{k}": v for k, v in value.items() if not _empty(v)}
    if section == "answers":
        return {
            f"answers/{form}/{field}": answer
            for form, fields in value.items()
            for field, answer in fields.items()
            if not _empty(answer)
        }
    if section == "selfassessment":
        current = dict(value["current"])
        answers = current.pop("answers")
        out: Units = {"selfassessment/current": current}
        out |= {f"selfassessment/answers/{k}": v for k, v in answers.items() if not _empty(v)}
        return out | _items("selfassessment/earlier", value["earlier"])
    if section in ("stakeholders", "engagements"):
        return _items(section, value)
    if section == "followup":
        out = _items("followup/agreements", value["agreements"])
        out |= _items("followup/evaluations", value["evaluations"])
        if value["letter"]:
            out["followup/letter"] = value["letter"]
        return out
    raise KeyError(section)


def flatten(workbook: Workbook, sections: Iterable[str] = ALL) -> Units:
    """The units of the given sections of a workbook."""
    wanted = [s for s in sections if s != META]
    doc = workbook.model_dump(mode="json", include=set(wanted))
    out: Units = {}
    for section in wanted:
        out |= _flatten_section(section, doc[section])
    if META in sections:
        meta = workbook.model_dump(mode="json", include={"id", "created", "language"})
        out |= _flatten_section(META, meta)
    return out


def _ordered(units: Mapping[str, Any], prefix: str) -> list[dict]:
    """The items under `prefix` in their stored order; items missing from the order (a merge
    that kept both) follow it, sorted by id so every server builds the same list."""
    found = {
        key.rsplit("/", 1)[1]: value
        for key, value in units.items()
        if key.startswith(prefix + "/") and key.count("/") == prefix.count("/") + 1
        and not key.endswith(ORDER)
    }  # fmt: skip
    order = [i for i in units.get(f"{prefix}/{ORDER}", []) if i in found]
    rest = sorted(set(found) - set(order))
    return [found[i] for i in [*order, *rest]]


def _document_section(section: str, units: Mapping[str, Any]) -> Any:
    prefix = section + "/"
    mine = {k[len(prefix) :]: v for k, v in units.items() if k.startswith(prefix)}
    if section in (META, "organisation"):
        return mine
    if section == "answers":
        out: dict[str, dict] = {}
        for key, value in mine.items():
            form, field = key.split("/", 1)
            out.setdefault(form, {})[field] = value
        return out
    if section == "selfassessment":
        current = dict(units.get("selfassessment/current") or {})
        current["answers"] = {
            k.split("/", 1)[1]: v for k, v in mine.items() if k.startswith("answers/")
        }
        return {"current": current, "earlier": _ordered(units, "selfassessment/earlier")}
    if section in ("stakeholders", "engagements"):
        return _ordered(units, section)
    if section == "followup":
        return {
            "agreements": _ordered(units, "followup/agreements"),
            "evaluations": _ordered(units, "followup/evaluations"),
            "letter": units.get("followup/letter", ""),
        }
    raise KeyError(section)


@cache
def _adapter(section: str) -> TypeAdapter:
    return TypeAdapter(Workbook.model_fields[section].annotation)


def build_section(section: str, units: Mapping[str, Any]) -> Any:
    """The value of one section (an Organisation, a list of stakeholders …) from its units."""
    return _adapter(section).validate_python(_document_section(section, units))


def build(units: Mapping[str, Any]) -> Workbook:
    """A whole workbook from its units (validated: a unit that does not fit is an error)."""
    doc = {section: _document_section(section, units) for section in SECTIONS}
    meta = _document_section(META, units)
    return Workbook.model_validate({**doc, **meta})


def diff(old: Mapping[str, Any], new: Mapping[str, Any], sections: Iterable[str]) -> Units:
    """What changed from `old` to `new` within `sections`: key -> new value (None: gone)."""
    wanted = tuple(s + "/" for s in sections)
    changes: Units = {}
    for key, value in new.items():
        if key.startswith(wanted) and old.get(key) != value:
            changes[key] = value
    for key in old:
        if key.startswith(wanted) and key not in new:
            changes[key] = None
    return changes


def merge_order(base: list | None, mine: list | None, theirs: list | None) -> list:
    """Both people's lists: theirs, without what I removed, then what I added (in my order)."""
    base, mine, theirs = base or [], mine or [], theirs or []
    removed = set(base) - set(mine)
    out = [i for i in theirs if i not in removed]
    out += [i for i in mine if i not in set(base) and i not in out]
    return out


def is_order(key: str) -> bool:
    return key.endswith("/" + ORDER)
