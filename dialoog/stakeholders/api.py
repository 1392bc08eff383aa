"""The register's operations: add, update, remove, restore, select, and confirm an import.

Pure functions on the list of stakeholders: each returns the new list (or an `Outcome` with it,
or a `Problem` the user can read), never changes the list it is given. `Session.edit(
"stakeholders", …)` applies them. The rules live here once: a stakeholder needs a name, names
are unique (ignoring case and spacing), texts have the lengths the record allows, the register
has at most MAX_REGISTER_ROWS stakeholders.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import ValidationError

from ..problems import Outcome, Problem, from_validation
from .choices import register_data
from .record import Stakeholder

Register = list[Stakeholder]
Mode = Literal["replace", "merge"]
MAX_REGISTER_ROWS = 5000


def name_key(name: str) -> str:
    """Names that differ only in case or spacing are the same stakeholder."""
    return " ".join(str(name).split()).casefold()


def name_keys(names: Iterable[str]) -> list[str]:
    """`name_key` of many names of text at once (an import of 100,000 rows).

    Most registers space their names plainly: no space at either end or doubled, no tab or
    other white space (all of which are unprintable). Then folding the case is all there is to
    do, and whether that is so is asked of all names at once.
    """
    names = list(names)
    joined = "\x00".join(names)  # a printable name holds no NUL: the NULs are the joins
    if all(map(str.isprintable, names)) and not any(
        gap in joined for gap in ("  ", " \x00", "\x00 ")
    ) and joined[:1] != " " and joined[-1:] != " ":  # fmt: skip
        return list(map(str.casefold, names))
    return [" ".join(n.split()).casefold() for n in names]


def _label(field_id: str):
    return register_data().field(field_id).label


def validate(
    register: Register, values: Mapping[str, Any], *, current: Stakeholder | None = None
) -> Stakeholder | Problem:
    """`values` as a record (on top of `current`, if given), or why that cannot be.

    The name is needed and must not be taken by another stakeholder of `register`.
    """
    data = {**(current.model_dump() if current else {}), **values}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        return Problem("sh.form.name_required")
    limit = register_data().field("name").max_length
    if limit and len(name) > limit:
        return Problem("problem.too_long", {"field": _label("name"), "limit": limit})
    key = name_key(name)
    for other in register:
        if (current is None or other.id != current.id) and name_key(other.name) == key:
            return Problem("sh.form.name_taken", {"name": name})
    try:
        return Stakeholder.model_validate({**data, "name": name})
    except ValidationError as exc:
        return from_validation(exc, _label)


def add(register: Register, values: Mapping[str, Any]) -> Outcome[Register] | Problem:
    """A new stakeholder at the end; `Outcome.info["id"]` is its id."""
    if len(register) >= MAX_REGISTER_ROWS:
        return Problem("sh.import.too_many_rows", {"rows": len(register) + 1,
                                                   "limit": MAX_REGISTER_ROWS})  # fmt: skip
    record = validate(register, {k: v for k, v in values.items() if k != "id"})
    if isinstance(record, Problem):
        return record
    return Outcome([*register, record], {"id": record.id})


def _find(register: Register, stakeholder_id: str) -> int | None:
    return next((i for i, s in enumerate(register) if s.id == stakeholder_id), None)


def update(
    register: Register, stakeholder_id: str, values: Mapping[str, Any]
) -> Register | Problem:
    """The stakeholder with `stakeholder_id` changed; its id and place stay."""
    index = _find(register, stakeholder_id)
    if index is None:
        return Problem("sh.form.gone")
    record = validate(
        register, {k: v for k, v in values.items() if k != "id"}, current=register[index]
    )
    if isinstance(record, Problem):
        return record
    if record == register[index]:
        return register
    out = list(register)
    out[index] = record
    return out


def remove(register: Register, stakeholder_id: str) -> Outcome[Register] | Problem:
    """The register without that stakeholder; `info["removed"]`, `info["index"]` for Undo."""
    index = _find(register, stakeholder_id)
    if index is None:
        return Problem("sh.form.gone")
    out = list(register)
    removed = out.pop(index)
    return Outcome(out, {"removed": removed, "index": index})


def restore(register: Register, record: Stakeholder, index: int) -> Register | Problem:
    """A removed stakeholder back in its place (Undo); refused if its name was taken since."""
    if _find(register, record.id) is not None:
        return register
    if any(name_key(s.name) == name_key(record.name) for s in register):
        return Problem("sh.form.name_taken", {"name": record.name})
    out = list(register)
    out.insert(min(index, len(out)), record)
    return out


def select(
    register: Register, stakeholder_id: str, selected: bool, reason: str
) -> Register | Problem:
    """Step 5a: whether a stakeholder is chosen for dialogue, and why."""
    return update(register, stakeholder_id, {"selected": selected, "selection_reason": reason})


def apply_import(register: Register, result, mode: Mode) -> Outcome[Register] | Problem:
    """The register after confirming an import (`importer.ImportResult`).

    'replace': the imported rows become the register. 'merge': a row whose name is already in
    the register updates that stakeholder's fields that the file has columns for (its other
    fields, id and place stay); other rows are added at the end. `info` has `added`, `updated`.
    """
    from .register import columns, to_records

    frame = result.frame[[c for c in columns() if c in result.frame.columns]]
    records = to_records(frame)
    if mode == "replace":
        merged, added, updated = records, len(records), 0
    else:
        fields = set(result.mapped_fields) - {"name"}
        merged = list(register)
        position = {name_key(s.name): i for i, s in enumerate(merged)}
        added = updated = 0
        for record in records:
            key = name_key(record.name)
            if key in position:
                i = position[key]
                changes = {f: getattr(record, f) for f in fields}
                merged[i] = Stakeholder.model_validate(merged[i].model_dump() | changes)
                updated += 1
            else:
                position[key] = len(merged)
                merged.append(record)
                added += 1
    if len(merged) > MAX_REGISTER_ROWS:
        return Problem("sh.import.too_many_rows", {"rows": len(merged),
                                                   "limit": MAX_REGISTER_ROWS})  # fmt: skip
    return Outcome(merged, {"added": added, "updated": updated})
