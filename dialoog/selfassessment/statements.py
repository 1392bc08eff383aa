"""The self-assessment as data: statements per element, the answer scale and the scoring rule.

Read from `data/selfassessment/` (statements.yaml, scale.yaml, rule.yaml) once per process and
validated against the nine elements in `data/content/elements.yaml`; an error names the file,
the entry and the problem, so that a content editor can fix it without reading code.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..content import Content, ContentError, load_content
from ..datafiles import read_yaml, validate
from ..i18n import Localized
from ..paths import data_dir

MIN_STATEMENTS, MAX_STATEMENTS = 3, 6
_ID = re.compile(r"^[a-z0-9_]+$")


class SelfAssessmentDataError(ContentError):
    """The files in `data/selfassessment` are invalid; the message says where and what."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Statement(_Strict):
    """One statement; `reversed` ones are phrased negatively, so agreeing lowers the score."""

    id: str
    element: str
    text: Localized
    reversed: bool = False

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id '{value}' must be lower-case letters, digits and '_'")
        return value


class ElementStatements(_Strict):
    """An element's statements and what to work on when it scores orange."""

    element: str
    attention: Localized
    statements: tuple[Statement, ...]


class ScaleOption(_Strict):
    """One answer; `value` None means "weet ik niet / n.v.t.": an answer that is never scored."""

    id: str
    value: int | None
    label: Localized

    @property
    def counts(self) -> bool:
        return self.value is not None


class Scale(_Strict):
    prompt: Localized
    options: tuple[ScaleOption, ...]

    @field_validator("options")
    @classmethod
    def _usable(cls, options: tuple[ScaleOption, ...]) -> tuple[ScaleOption, ...]:
        ids = [o.id for o in options]
        if len(set(ids)) != len(ids):
            raise ValueError("option ids must be unique")
        if len({o.value for o in options if o.counts}) < 2:
            raise ValueError("needs at least two options with different values")
        return options

    @cached_property
    def low(self) -> int:
        return min(o.value for o in self.options if o.value is not None)

    @cached_property
    def high(self) -> int:
        return max(o.value for o in self.options if o.value is not None)

    def option(self, option_id: str | None) -> ScaleOption | None:
        return next((o for o in self.options if o.id == option_id), None)


class Rule(_Strict):
    """The thresholds of the scoring rule; the rule itself is written out in rule.yaml."""

    green_from: float = Field(ge=0, le=100)
    min_answered: int = Field(ge=1)
    min_share: float = Field(ge=0, le=1)

    def enough(self, answered: int, total: int) -> bool:
        """Whether an element has enough counted answers to be judged."""
        share = Fraction(str(self.min_share)) * total
        return answered >= self.min_answered and answered >= share

    def needs_attention(self, score: float | Fraction) -> bool:
        """The orange band: a score below the threshold (also used for a group's median)."""
        return Fraction(score) < Fraction(str(self.green_from))


class SelfAssessmentData(_Strict):
    """Statements grouped per element in SER's order, the scale and the rule."""

    groups: tuple[ElementStatements, ...]
    scale: Scale
    rule: Rule

    @property
    def elements(self) -> tuple[str, ...]:
        return tuple(g.element for g in self.groups)

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for g in self.groups for s in g.statements)

    def group(self, element_id: str) -> ElementStatements:
        for group in self.groups:
            if group.element == element_id:
                return group
        raise KeyError(element_id)

    def for_element(self, element_id: str) -> tuple[Statement, ...]:
        return self.group(element_id).statements

    def statement(self, statement_id: str) -> Statement | None:
        return self._by_id.get(statement_id)

    @cached_property
    def _by_id(self) -> dict[str, Statement]:
        return {s.id: s for s in self.statements}


def load_statements(
    folder: Path | None = None, content: Content | None = None
) -> SelfAssessmentData:
    """Read and validate the self-assessment data; an error names file, entry and problem."""
    content = content or load_content()
    order = tuple(e.id for e in content.elements)
    return _load(str(folder or data_dir() / "selfassessment"), order)


@lru_cache(maxsize=4)
def _load(folder: str, element_order: tuple[str, ...]) -> SelfAssessmentData:
    base = Path(folder)
    scale = _validate(base / "scale.yaml", Scale, _read(base / "scale.yaml"))
    rule = _validate(base / "rule.yaml", Rule, _read(base / "rule.yaml"))
    if rule.min_answered > MIN_STATEMENTS:
        raise SelfAssessmentDataError(
            f"rule.yaml: min_answered is {rule.min_answered}, but an element may have only "
            f"{MIN_STATEMENTS} statements; use at most {MIN_STATEMENTS}"
        )
    groups = _groups(base / "statements.yaml", element_order)
    return SelfAssessmentData(groups=groups, scale=scale, rule=rule)


def _groups(path: Path, element_order: tuple[str, ...]) -> tuple[ElementStatements, ...]:
    raw = _read(path).get("elements")
    if not isinstance(raw, list):
        raise SelfAssessmentDataError(f"{path.name}: expected a top-level list 'elements'")
    found: dict[str, ElementStatements] = {}
    seen: set[str] = set()
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise SelfAssessmentDataError(f"{path.name}: entry #{index + 1} is not a mapping")
        element = str(item.get("element") or f"#{index + 1}")
        where = f"element '{element}'"
        if element not in element_order:
            raise SelfAssessmentDataError(
                f"{path.name}: {where} is not one of the elements in elements.yaml "
                f"({', '.join(element_order)})"
            )
        if element in found:
            raise SelfAssessmentDataError(f"{path.name}: {where} appears twice")
        items = item.get("statements")
        if not isinstance(items, list) or not MIN_STATEMENTS <= len(items) <= MAX_STATEMENTS:
            count = len(items) if isinstance(items, list) else 0
            raise SelfAssessmentDataError(
                f"{path.name}: {where} has {count} statements; give {MIN_STATEMENTS} to "
                f"{MAX_STATEMENTS}"
            )
        statements = []
        for number, entry in enumerate(items):
            name = entry.get("id") if isinstance(entry, dict) else None
            label = f"statement {name!r}" if name else f"statement #{number + 1} of '{element}'"
            data = {**entry, "element": element} if isinstance(entry, dict) else entry
            statement = _validate(path, Statement, data, label)
            if statement.id in seen:
                raise SelfAssessmentDataError(f"{path.name}: {label}: id is used twice")
            seen.add(statement.id)
            statements.append(statement)
        group = {"element": element, "attention": item.get("attention"), "statements": statements}
        found[element] = _validate(path, ElementStatements, group, where)
    missing = [e for e in element_order if e not in found]
    if missing:
        raise SelfAssessmentDataError(
            f"{path.name}: no statements for element(s) {', '.join(missing)}"
        )
    return tuple(found[e] for e in element_order)


def _read(path: Path) -> dict:
    return read_yaml(path, SelfAssessmentDataError)


def _validate(path: Path, model: type[BaseModel], raw: object, entry: str = "") -> BaseModel:
    """Validate one entry; the error names the file, the entry and the field."""
    return validate(path, model, raw, SelfAssessmentDataError, entry)
