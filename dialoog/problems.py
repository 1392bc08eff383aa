"""What an operation says when it cannot do what was asked: a `Problem` the user can read.

Operations of the feature APIs return either the new value or a `Problem`; views show
`problem.message(lang)`. Library texts (pydantic's "String should have at most 200
characters", pandas' or openpyxl's errors) never reach the page: `from_validation` turns a
pydantic error into a message of our own catalogue that names the field in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from .i18n import Localized, t

T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """A message key with its parameters, and where it applies (a row and column of a file)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    row: int | None = None
    column: str | None = None

    def text(self, lang: str) -> str:
        """The message without its place."""
        return t(self.key, lang, **self.params)

    def message(self, lang: str) -> str:
        """The message, preceded by the row and column it concerns, if any."""
        where = []
        if self.row is not None:
            where.append(t("problem.at_row", lang, row=self.row))
        if self.column:
            where.append(t("problem.in_column", lang, column=self.column))
        text = self.text(lang)
        return f"{', '.join(where)}: {text}" if where else text


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """An operation's new value together with what the caller wants to report about it."""

    value: T
    info: Mapping[str, Any] = field(default_factory=dict)


# pydantic error type -> our message key; {field} and, where known, {limit} are filled in
_KEYS = {
    "string_too_long": "problem.too_long",
    "too_long": "problem.too_many",
    "string_too_short": "problem.required",
    "missing": "problem.required",
    "string_pattern_mismatch": "problem.invalid",
    "literal_error": "problem.not_an_option",
    "enum": "problem.not_an_option",
    "int_parsing": "problem.not_a_number",
    "int_from_float": "problem.not_whole",
    "float_parsing": "problem.not_a_number",
    "date_parsing": "problem.not_a_date",
    "date_from_datetime_parsing": "problem.not_a_date",
    "greater_than_equal": "problem.out_of_range",
    "less_than_equal": "problem.out_of_range",
}


def from_validation(
    error: ValidationError, label: Callable[[str], Localized | str] | None = None
) -> Problem:
    """The first problem of a pydantic error, as a message of our own naming the field.

    `label(field_id)` gives the field's name as the user knows it; without it the id is shown.
    """
    first = error.errors()[0]
    location = [str(p) for p in first.get("loc", ()) if not isinstance(p, int)]
    field_id = location[0] if location else ""
    name: Localized | str = field_id
    if label is not None and field_id:
        try:
            name = label(field_id)
        except KeyError:
            name = field_id
    context = first.get("ctx") or {}
    limit = context.get("max_length", context.get("le", context.get("min_length", "")))
    key = _KEYS.get(first.get("type", ""), "problem.invalid")
    return Problem(key, {"field": name, "limit": limit})
