"""The register as a pandas DataFrame with typed columns, and back to workbook records.

The workbook stores a list of `Stakeholder` records; analysis (priority, tables, plots, export)
works on a DataFrame with one column per field:

- text and choice fields: `str`, '' when empty (choice columns hold option ids);
- `issues`: a tuple of issue ids or own words per row;
- scores: nullable `Int8` (<NA> when not assessed);
- `selected`: `bool`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .choices import register_data
from .record import Stakeholder


def field_ids() -> list[str]:
    """The register's fields in display order (from data/stakeholders/fields.yaml)."""
    return [f.id for f in register_data().fields]


def columns() -> list[str]:
    return ["id", *field_ids()]


def dtypes() -> dict[str, str]:
    """The pandas dtype of every column of a register frame."""
    kinds = {f.id: f.kind for f in register_data().fields}
    out: dict[str, str] = {"id": "str"}
    for name, kind in kinds.items():
        out[name] = {"score": "Int8", "flag": "bool", "multichoice": "object"}.get(kind, "str")
    return out


def typed(data: dict[str, Iterable]) -> pd.DataFrame:
    """A register frame from column data (lists or arrays of one length), in the canonical
    column order and dtypes. Each column is made once in its final type, then the frame."""
    size = len(next(iter(data.values()))) if data else 0
    out = {}
    for name, dtype in dtypes().items():
        values = data.get(name)
        if dtype == "object":  # tuples, one per row (not a second dimension of the array)
            if not (isinstance(values, np.ndarray) and values.dtype == object):
                given = [()] * size if values is None else values
                values = np.fromiter((tuple(v) for v in given), dtype=object, count=size)
            out[name] = values
        elif values is None:
            default = {"bool": False, "Int8": None, "str": ""}[dtype]
            out[name] = pd.array([default] * size, dtype=dtype)
        elif dtype == "Int8" and _whole_floats(values):  # scores read as floats, as they are
            missing = np.isnan(values)
            out[name] = pd.arrays.IntegerArray(np.where(missing, 0, values).astype("int8"), missing)
        else:
            out[name] = pd.array(values, dtype=dtype)
    return pd.DataFrame(out, copy=False)


def _whole_floats(values: object) -> bool:
    """Floats that are whole numbers a score can hold, or missing."""
    if not (isinstance(values, np.ndarray) and values.dtype.kind == "f"):
        return False
    known = values[~np.isnan(values)]
    return bool(((known % 1 == 0) & (np.abs(known) < 128)).all())


def empty_frame() -> pd.DataFrame:
    return typed({})


def to_frame(stakeholders: Iterable[Stakeholder]) -> pd.DataFrame:
    """The workbook's stakeholders as a typed frame, one row each, in register order."""
    rows = [s.model_dump() for s in stakeholders]
    if not rows:
        return empty_frame()
    data: dict[str, list] = {name: [row[name] for row in rows] for name in columns()}
    for name, values in data.items():
        if name == "issues":
            data[name] = [tuple(v) for v in values]
        elif dtypes()[name] == "str":
            data[name] = ["" if v is None else v for v in values]
    return typed(data)


def to_records(frame: pd.DataFrame) -> list[Stakeholder]:
    """Frame rows as validated records; raises pydantic.ValidationError on a bad value."""
    kinds = dtypes()
    names = [n for n in columns() if n in frame.columns]
    records = []
    for values in frame[names].itertuples(index=False, name=None):
        row = {}
        for name, value in zip(names, values, strict=True):
            if kinds[name] == "Int8":
                value = None if pd.isna(value) else int(value)
            elif name == "issues":
                value = list(value) if isinstance(value, (tuple, list)) else []
            elif name == "id" and not value:
                continue
            elif kinds[name] == "bool":
                value = bool(value)
            elif name in ("group", "chain", "relationship", "reach"):
                value = value or None
            row[name] = value
        records.append(Stakeholder.model_validate(row))
    return records
