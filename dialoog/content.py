"""The method as data: phases, steps, forms, elements, tools and pitfalls.

Loaded from `data/content/*.yaml` once per process and validated; a content error names the
file, the entry and what is wrong, so that a content editor can fix it without reading code.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from .datafiles import read_yaml, validate
from .i18n import Localized
from .paths import data_dir

FieldKind = Literal[
    "text",
    "longtext",
    "choice",
    "multichoice",
    "checklist",
    "date",
    "number",
    "table",
    "stakeholder_register",
    "engagement_log",
]
ColumnKind = Literal["text", "choice", "date"]
KINDS_WITH_OPTIONS = {"choice", "multichoice", "checklist"}
_ID = re.compile(r"^[a-z0-9_]+$")

# What the code needs to find in the content, by role rather than by id: each role is given
# to exactly one field (or, for the last three, one step or sub-step) in steps.yaml, so that
# ids can be renamed there without touching code.
FIELD_ROLES: dict[str, str] = {
    "register_map": "the stakeholder register, mapped and ranked (step 3)",
    "register_selection": "the stakeholders selected for dialogue (step 5a)",
    "meeting_places": "where the dialogue takes place (step 7)",
    "checklist_netherlands": "the checklist for a meeting in the Netherlands (step 7)",
    "checklist_abroad": "the checklist for a meeting in a producing country (step 7)",
    "facilitator_signals": "the signs that call for a facilitator (step 7)",
    "facilitator_choice": "whether a facilitator is engaged (step 7)",
    "interpreter_choice": "whether an interpreter is engaged (step 7)",
    "dialogue_date": "the date of the dialogue (step 8a)",
    "discussed": "what was discussed (step 8b)",
    "follow_up": "the follow-up agreed (step 8b)",
    "integration": "how the outcomes are used in the company (step 9a)",
    "not_followed_up": "what is not followed up, and why (step 9a)",
    "engagement_log": "the log of contacts with stakeholders (step 8b)",
}
FORM_ROLES: dict[str, str] = {
    "agreements": "the step that keeps the register of agreements (step 9a)",
    "evaluation": "the step that holds the evaluation (step 9b)",
}


class ContentError(ValueError):
    """The content in `data/content` is invalid."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"id '{value}' must be lower-case letters, digits and '_'")
    return value


class Option(_Strict):
    id: str
    label: Localized

    _id = field_validator("id")(_check_id)


def option_label(options: tuple[Option, ...], option_id: str, lang: str) -> str:
    """The label of a chosen option; an id no option has is shown as it is."""
    for option in options:
        if option.id == option_id:
            return option.label.get(lang)
    return option_id


class Column(_Strict):
    id: str
    kind: ColumnKind = "text"
    label: Localized
    options: tuple[Option, ...] = ()

    _id = field_validator("id")(_check_id)

    def option_label(self, option_id: str, lang: str) -> str:
        return option_label(self.options, option_id, lang)

    @model_validator(mode="after")
    def _options_fit_kind(self) -> Column:
        if (self.kind == "choice") != bool(self.options):
            raise ValueError(f"column '{self.id}': options are needed for, and only for, 'choice'")
        return self


class FieldSpec(_Strict):
    """One question of a form; `kind` decides the widget and the type of the answer."""

    id: str
    kind: FieldKind
    label: Localized
    help: Localized | None = None
    required: bool = True
    options: tuple[Option, ...] = ()
    columns: tuple[Column, ...] = ()
    role: str | None = None
    # what the plan says of an optional field left empty in a step that is under way, where
    # empty is an answer in itself ("no sign ticked"), instead of marking the question open
    when_empty: Localized | None = None

    _id = field_validator("id")(_check_id)

    @model_validator(mode="after")
    def _parts_fit_kind(self) -> FieldSpec:
        if (self.kind in KINDS_WITH_OPTIONS) != bool(self.options):
            raise ValueError(
                f"field '{self.id}': options are needed for, and only for, "
                f"{sorted(KINDS_WITH_OPTIONS)}"
            )
        if (self.kind == "table") != bool(self.columns):
            raise ValueError(f"field '{self.id}': columns are needed for, and only for, 'table'")
        if self.when_empty is not None and self.required:
            raise ValueError(f"field '{self.id}': when_empty is only for optional fields")
        _unique([o.id for o in self.options], f"field '{self.id}' option")
        _unique([c.id for c in self.columns], f"field '{self.id}' column")
        return self

    def option_label(self, option_id: str, lang: str) -> str:
        return option_label(self.options, option_id, lang)


class _FormParts(_Strict):
    guidance: Localized | None = None
    pitfalls: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    fields: tuple[FieldSpec, ...] = ()
    role: str | None = None


class SubStep(_FormParts):
    id: str
    title: Localized
    summary: Localized
    elements: tuple[str, ...] = ()


class Step(_FormParts):
    id: str
    phase: str
    title: Localized
    summary: Localized
    elements: tuple[str, ...] = ()
    substeps: tuple[SubStep, ...] = ()

    @model_validator(mode="after")
    def _either_form_or_substeps(self) -> Step:
        if self.substeps and (self.fields or self.guidance):
            raise ValueError(
                f"step {self.id}: give fields and guidance on its sub-steps, not on both"
            )
        if not self.substeps and not self.fields:
            raise ValueError(f"step {self.id}: has neither fields nor sub-steps")
        return self


class Phase(_Strict):
    id: str
    number: int
    title: Localized
    summary: Localized


class Element(_Strict):
    id: str
    title: Localized
    summary: Localized


class Tool(_Strict):
    id: str
    kind: Literal["tool", "kennisdocument"] = "tool"
    title: Localized
    url: Localized

    @field_validator("url")
    @classmethod
    def _https(cls, value: Localized) -> Localized:
        for url in (value.nl, value.en):
            if not url.startswith("https://"):
                raise ValueError(f"url '{url}' must start with https://")
        return value


class Pitfall(_Strict):
    id: str
    title: Localized
    summary: Localized


class Form(BaseModel):
    """A unit the user fills in: a step without sub-steps, or one sub-step."""

    model_config = ConfigDict(frozen=True)

    id: str
    step: Step
    phase: Phase
    title: Localized
    summary: Localized
    guidance: Localized | None
    pitfalls: tuple[Pitfall, ...]
    tools: tuple[Tool, ...]
    elements: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    role: str | None = None

    @property
    def is_substep(self) -> bool:
        return self.id != self.step.id

    def field(self, field_id: str) -> FieldSpec:
        for spec in self.fields:
            if spec.id == field_id:
                return spec
        raise KeyError(field_id)


class Content(BaseModel):
    """Everything the workbook shows, validated and cross-checked."""

    model_config = ConfigDict(frozen=True)

    phases: tuple[Phase, ...]
    steps: tuple[Step, ...]
    elements: tuple[Element, ...]
    tools: tuple[Tool, ...] = ()
    pitfalls: tuple[Pitfall, ...] = ()

    @cached_property
    def forms(self) -> tuple[Form, ...]:
        """The forms in workbook order: 1, 2, 3, 4a, 4b, …, 9b."""
        phases = {p.id: p for p in self.phases}
        tools = {t.id: t for t in self.tools}
        pitfalls = {p.id: p for p in self.pitfalls}
        out = []
        for step in self.steps:
            for part in step.substeps or (step,):
                out.append(
                    Form(
                        id=part.id,
                        step=step,
                        phase=phases[step.phase],
                        title=part.title,
                        summary=part.summary,
                        guidance=part.guidance,
                        pitfalls=tuple(pitfalls[i] for i in part.pitfalls),
                        tools=tuple(tools[i] for i in part.tools),
                        elements=part.elements or step.elements,
                        fields=part.fields,
                        role=part.role,
                    )
                )
        return tuple(out)

    def form(self, form_id: str) -> Form:
        for form in self.forms:
            if form.id == form_id:
                return form
        raise KeyError(form_id)

    def element(self, element_id: str) -> Element:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def field_with_role(self, role: str) -> tuple[Form, FieldSpec]:
        """The form and field that play `role` (see FIELD_ROLES); checked when loaded."""
        if role not in FIELD_ROLES:
            raise KeyError(role)
        for form in self.forms:
            for spec in form.fields:
                if spec.role == role:
                    return form, spec
        raise KeyError(role)  # pragma: no cover - load validation makes this impossible

    def form_with_role(self, role: str) -> Form:
        """The form that plays `role` (see FORM_ROLES); checked when loaded."""
        if role not in FORM_ROLES:
            raise KeyError(role)
        return next(f for f in self.forms if f.role == role)

    def forms_for_element(self, element_id: str) -> tuple[Form, ...]:
        """The forms whose steps this element bears on (the step ↔ element mapping)."""
        return tuple(f for f in self.forms if element_id in f.elements)

    @model_validator(mode="after")
    def _cross_references(self) -> Content:
        _unique([p.id for p in self.phases], "phase")
        _unique([e.id for e in self.elements], "element")
        _unique([t.id for t in self.tools], "tool")
        _unique([p.id for p in self.pitfalls], "pitfall")
        _unique([s.id for s in self.steps] + [x.id for s in self.steps for x in s.substeps], "step")
        phases = {p.id for p in self.phases}
        elements = {e.id for e in self.elements}
        tools = {t.id for t in self.tools}
        pitfalls = {p.id for p in self.pitfalls}
        for step in self.steps:
            if step.phase not in phases:
                raise ValueError(f"step {step.id}: unknown phase '{step.phase}'")
            for part in (step, *step.substeps):
                where = f"step {part.id}"
                _known(part.elements, elements, f"{where}: unknown element")
                _known(part.tools, tools, f"{where}: unknown tool")
                _known(part.pitfalls, pitfalls, f"{where}: unknown pitfall")
                _unique([f.id for f in part.fields], f"{where}: field")
            if not step.elements and not all(s.elements for s in step.substeps):
                raise ValueError(f"step {step.id}: names no self-assessment element")
        _check_roles(self.steps)
        return self


def _check_roles(steps: tuple[Step, ...]) -> None:
    """Every role of FIELD_ROLES on exactly one field, of FORM_ROLES on exactly one step."""
    seen: dict[str, str] = {}
    for step in steps:
        for part in (step, *step.substeps):
            places = [(part.role, f"step {part.id}", FORM_ROLES)]
            places += [
                (f.role, f"step {part.id}: field '{f.id}'", FIELD_ROLES) for f in part.fields
            ]
            for role, where, known in places:
                if role is None:
                    continue
                if role not in known:
                    kind = "a step" if known is FORM_ROLES else "a field"
                    raise ValueError(f"{where}: '{role}' is not a role of {kind}")
                if role in seen:
                    raise ValueError(f"{where}: role '{role}' is also given to {seen[role]}")
                seen[role] = where
    for role, what in {**FIELD_ROLES, **FORM_ROLES}.items():
        if role not in seen:
            raise ValueError(f"role '{role}' ({what}) is given to no field or step")


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} id '{item}' is used twice")
        seen.add(item)


def _known(ids: tuple[str, ...], known: set[str], what: str) -> None:
    for item in ids:
        if item not in known:
            raise ValueError(f"{what} '{item}'")


def _read(path: Path, key: str) -> list:
    raw = read_yaml(path, ContentError)
    if not isinstance(raw.get(key), list):
        raise ContentError(f"{path.name}: expected a top-level list '{key}'")
    return raw[key]


def load_content(folder: Path | None = None) -> Content:
    """Read and validate the content; raises ContentError naming file, entry and problem."""
    return _load(str(folder or data_dir() / "content"))


@lru_cache(maxsize=4)
def _load(folder: str) -> Content:
    base = Path(folder)
    files = {
        "phases": (base / "steps.yaml", Phase),
        "steps": (base / "steps.yaml", Step),
        "elements": (base / "elements.yaml", Element),
        "tools": (base / "tools.yaml", Tool),
        "pitfalls": (base / "pitfalls.yaml", Pitfall),
    }
    raw = {
        key: [_entry(path, model, i, item) for i, item in enumerate(_read(path, key))]
        for key, (path, model) in files.items()
    }
    for key in ("elements", "tools", "pitfalls"):
        try:
            _unique([entry.id for entry in raw[key]], key[:-1])
        except ValueError as exc:
            raise ContentError(f"{files[key][0].name}: {exc}") from exc
    try:
        return Content(**raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ContentError(f"steps.yaml: {first['msg'].removeprefix('Value error, ')}") from exc


def _entry(path: Path, model: type[BaseModel], index: int, item: object) -> BaseModel:
    """Validate one entry; the error names the file, the entry's id (or number) and the field."""
    name = item.get("id") if isinstance(item, dict) else None
    label = repr(name) if name else f"#{index + 1}"
    return validate(path, model, item, ContentError, f"entry {label}")
