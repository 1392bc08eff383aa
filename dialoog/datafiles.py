"""Reading the data files under data/: one loader for every feature's YAML.

An error always names the file, the entry and the problem, in words a content editor can act
on; each feature raises it as its own error class (a `ValueError`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
# libyaml's parser where PyYAML was built with it (its wheels are): the same YAML, read about
# ten times faster, which is most of a fresh process's first page
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """YAML refuses nothing when a key is written twice: the second silently wins. In a data
    file that is always a mistake (a message or a step overwritten unseen), so it is an error."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_LOADER = _Loader


def read_yaml(path: Path, error: type[Exception] = ValueError, *, top: type = dict) -> object:
    """The parsed YAML of `path`; a missing or malformed file is `error` naming the file."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (safe)
    except FileNotFoundError as exc:
        raise error(f"{path.name}: file is missing") from exc
    except OSError as exc:
        raise error(f"{path.name}: cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise error(f"{path.name}: not valid YAML: {exc}") from exc
    if raw is None and top is dict:
        raw = {}
    if not isinstance(raw, top):
        kind = "a mapping" if top is dict else "a list"
        raise error(f"{path.name}: expected {kind} at the top level")
    return raw


def validation_message(exc: ValidationError, entry: str = "") -> str:
    """'entry 'x': field.sub: what is wrong' from pydantic's first error."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    msg = first["msg"].removeprefix("Value error, ")
    prefix = f"{entry}: " if entry else ""
    return f"{prefix}{where + ': ' if where else ''}{msg}"


def validate(
    path: Path, model: type[M], raw: object, error: type[Exception] = ValueError, entry: str = ""
) -> M:
    """`raw` as a `model`; the error names the file, the entry and the field."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise error(f"{path.name}: {validation_message(exc, entry)}") from exc


def load_yaml(path: Path, model: type[M], error: type[Exception] = ValueError) -> M:
    """Read and validate a whole file as one `model`."""
    return validate(path, model, read_yaml(path, error), error)
