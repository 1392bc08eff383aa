"""The register's schema, option lists, scales and prioritisation rule, loaded from data.

Everything a user sees or a rule depends on lives in `data/stakeholders/*.yaml`; this module
validates it once per process and fails with a message naming the file, the entry and the
problem, so that a content editor can fix it without reading code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from ..datafiles import load_yaml, read_yaml
from ..i18n import Localized
from ..paths import data_dir

FieldKind = Literal["text", "longtext", "choice", "multichoice", "country", "score", "flag"]
_ID = re.compile(r"^[a-z0-9_]+$")
_NON_WORD = re.compile(r"[^0-9a-z+#]+")


class RegisterDataError(ValueError):
    """The data in `data/stakeholders` is invalid; the message names file, entry and problem."""


@lru_cache(maxsize=20_000)  # the same options, levels and headings come by again and again
def norm(text: object) -> str:
    """A key for matching what people type: case, accents, apostrophes and punctuation ignored.

    'NGO's', 'ngos' and ' Ngo’s ' all become 'ngos'; 'Côte d'Ivoire' becomes 'cote divoire'.
    """
    value = unicodedata.normalize("NFKD", str(text)).casefold()
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = value.replace("'", "").replace("\u2019", "").replace("`", "")
    return _NON_WORD.sub(" ", value).strip()


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Option(_Strict):
    """One choice in a list (a group, a place in the chain, an issue, …)."""

    id: str
    label: Localized
    aliases: tuple[str, ...] = ()
    voice: str | None = None

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id '{value}' must be lower-case letters, digits and '_'")
        return value

    @field_validator("aliases")
    @classmethod
    def _aliases_have_words(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for alias in value:
            if not norm(alias):
                raise ValueError(f"alias '{alias}' has no letters or digits")
        return value

    def keys(self) -> set[str]:
        """Everything that names this option on import: id, both labels, aliases."""
        return {norm(k) for k in (self.id, self.label.nl, self.label.en, *self.aliases)}


class Country(_Strict):
    id: str
    nl: str
    en: str
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class FieldDef(_Strict):
    """One column of the register: its kind, labels, help and the headings that name it."""

    id: str
    kind: FieldKind
    label: Localized
    help: Localized
    aliases: tuple[str, ...] = ()
    choices: str | None = None
    max_length: int | None = None

    @model_validator(mode="after")
    def _choices_fit_kind(self) -> FieldDef:
        if (self.kind in ("choice", "multichoice")) != (self.choices is not None):
            raise ValueError(f"field '{self.id}': 'choices' is needed for, and only for, choices")
        return self


class ComputedDef(_Strict):
    id: str
    label: Localized
    aliases: tuple[str, ...] = ()


class FieldsFile(_Strict):
    fields: tuple[FieldDef, ...]
    computed: tuple[ComputedDef, ...]


class ChoicesFile(_Strict):
    groups: tuple[Option, ...]
    chain: tuple[Option, ...]
    issues: tuple[Option, ...]
    relationship: tuple[Option, ...]
    reach: tuple[Option, ...]


class ScalesFile(_Strict):
    min: int
    max: int
    scores: dict[str, tuple[Localized, ...]]

    @model_validator(mode="after")
    def _levels_fill_the_range(self) -> ScalesFile:
        if self.min >= self.max:
            raise ValueError("'min' must be below 'max'")
        for score, levels in self.scores.items():
            if len(levels) != self.max - self.min + 1:
                raise ValueError(
                    f"score '{score}': needs {self.max - self.min + 1} levels "
                    f"({self.min} to {self.max}), has {len(levels)}"
                )
        return self


class Band(_Strict):
    id: str
    min: float
    label: Localized


class SeverityRule(_Strict):
    weights: dict[str, float]


class PriorityPart(_Strict):
    weights: dict[str, float]
    assume_when_missing: dict[str, float] = {}


class PriorityRule(_Strict):
    """How severity, priority, rank and class are computed (see data/stakeholders/priority.yaml)."""

    severity: SeverityRule
    priority: PriorityPart
    tie_break: tuple[Literal["severity", "vulnerability", "likelihood", "voice"], ...]
    voice_order: tuple[str, ...]
    bands: tuple[Band, ...]

    @model_validator(mode="after")
    def _consistent(self) -> PriorityRule:
        for part, weights in (
            ("severity", self.severity.weights),
            ("priority", self.priority.weights),
        ):
            if not weights or any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
                raise ValueError(f"{part}.weights: need at least one positive weight, none below 0")
        if "severity" not in self.priority.weights:
            raise ValueError("priority.weights: must weigh 'severity'")
        mins = [band.min for band in self.bands]
        if not self.bands or mins != sorted(mins, reverse=True) or mins[-1] != 0:
            raise ValueError("bands: list from highest 'min' to lowest; the last must have min 0")
        return self


@dataclass(frozen=True, eq=False)
class RegisterData:
    """All register data, cross-checked: the single place every module reads the schema from."""

    fields: tuple[FieldDef, ...]
    computed: tuple[ComputedDef, ...]
    lists: dict[str, tuple[Option, ...]]
    score_min: int
    score_max: int
    levels: dict[str, tuple[Localized, ...]]
    countries: tuple[Country, ...]
    rule: PriorityRule

    def field(self, field_id: str) -> FieldDef:
        for spec in self.fields:
            if spec.id == field_id:
                return spec
        raise KeyError(field_id)

    def options(self, field_id: str) -> tuple[Option, ...]:
        """The options of a choice field (by field id, e.g. 'group') or of a list name."""
        name = self.field(field_id).choices if field_id not in self.lists else field_id
        return self.lists[name]

    def option_label(self, field_id: str, option_id: str | None, lang: str) -> str:
        """The label of an option; an id not in the list (older file) is shown as it is."""
        if not option_id:
            return ""
        return self._labels(field_id, lang).get(option_id, option_id)

    def _labels(self, field_id: str, lang: str) -> dict[str, str]:
        key = (field_id, lang)
        if key not in self._label_cache:
            self._label_cache[key] = {o.id: o.label.get(lang) for o in self.options(field_id)}
        return self._label_cache[key]

    @cached_property
    def _label_cache(self) -> dict[tuple[str, str], dict[str, str]]:
        return {}

    def score_fields(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields if f.kind == "score")

    def level_label(self, score: str, value: int | None, lang: str) -> str:
        if value is None:
            return ""
        return self.levels[score][value - self.score_min].get(lang)

    def country_label(self, code: str, lang: str) -> str:
        """A country or region name; text that is not a known code is shown as written."""
        country = self.country_index.get(code)
        return country.label(lang) if country else code

    @cached_property
    def country_index(self) -> dict[str, Country]:
        return {c.id: c for c in self.countries}

    @cached_property
    def country_keys(self) -> dict[str, str]:
        """Normalised name, code or alias -> country code."""
        keys: dict[str, str] = {}
        for country in self.countries:
            for key in (country.id, country.nl, country.en, *country.aliases):
                keys.setdefault(norm(key), country.id)
        return keys

    @cached_property
    def level_keys(self) -> dict[str, dict[str, int]]:
        """Per score field: the normalised level label (either language) -> its score."""
        return {
            f: {norm(text): self.score_min + i for i, level in enumerate(self.levels[f])
                for text in (level.nl, level.en)}
            for f in self.score_fields()
        }  # fmt: skip

    @cached_property
    def heading_index(self) -> dict[str, str]:
        """Normalised column heading -> field id; computed columns as '=id'."""
        index: dict[str, str] = {}
        for spec in self.fields:
            for key in heading_keys(spec)[1]:
                index[key] = spec.id
        for spec in self.computed:
            for key in heading_keys(spec)[1]:
                index[key] = "=" + spec.id
        return index

    @cached_property
    def heading_cache(self) -> dict[str, str | None]:
        """Heading text -> field id, filled as files are read (headings repeat across files)."""
        return {}

    @cached_property
    def option_keys(self) -> dict[str, dict[str, str]]:
        """List name -> (normalised id, label or alias -> option id)."""
        return {
            name: {key: o.id for o in options for key in o.keys()}
            for name, options in self.lists.items()
        }

    @cached_property
    def voice_rank(self) -> dict[str, int]:
        """Group id -> position of its voice in the rule's voice order (0 speaks most directly)."""
        order = {voice: i for i, voice in enumerate(self.rule.voice_order)}
        return {g.id: order[g.voice or "other"] for g in self.lists["groups"]}


def heading_keys(spec: FieldDef | ComputedDef) -> tuple[str, set[str]]:
    """The column headings that name a field: its labels, its aliases, and its id if it is input.

    A computed column is not named by its id, so that a heading 'severity' means the analyst's
    own severity score (read as 'scale'), not dialoog's calculated one.
    """
    names = (spec.label.nl, spec.label.en, *spec.aliases)
    if isinstance(spec, FieldDef):
        names = (spec.id, *names)
    return spec.id, {norm(n) for n in names}


def _read(path: Path) -> object:
    return read_yaml(path, RegisterDataError)


def _parse(model: type[BaseModel], path: Path) -> BaseModel:
    return load_yaml(path, model, RegisterDataError)


def _unique(values: list[str], what: str, file: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise RegisterDataError(f"{file}: {what} '{value}' appears twice")
        seen.add(value)


def _check_keys(entries: list[tuple[str, set[str]]], what: str, file: str) -> None:
    """No heading or value may name two different entries (import would have to guess)."""
    owner: dict[str, str] = {}
    for entry_id, keys in entries:
        for key in keys:
            if owner.setdefault(key, entry_id) != entry_id:
                raise RegisterDataError(
                    f"{file}: {what} '{key}' names both '{owner[key]}' and '{entry_id}'"
                )


def load_register_data(folder: Path | None = None) -> RegisterData:
    """Read and cross-check `data/stakeholders/`; raises RegisterDataError naming the problem."""
    folder = folder or data_dir() / "stakeholders"
    fields = _parse(FieldsFile, folder / "fields.yaml")
    choices = _parse(ChoicesFile, folder / "choices.yaml")
    scales = _parse(ScalesFile, folder / "scales.yaml")
    rule = _parse(PriorityRule, folder / "priority.yaml")
    raw_countries = _read(folder / "countries.yaml")
    try:
        countries = tuple(Country.model_validate(c) for c in raw_countries["countries"])
    except (TypeError, KeyError, ValidationError) as exc:
        raise RegisterDataError(f"countries.yaml: expected a list 'countries': {exc}") from exc

    lists = {name: getattr(choices, name) for name in ChoicesFile.model_fields}
    for name, options in lists.items():
        _unique([o.id for o in options], f"{name} option", "choices.yaml")
        _check_keys([(o.id, o.keys()) for o in options], f"{name}: the name", "choices.yaml")
    field_ids = [f.id for f in fields.fields] + [c.id for c in fields.computed]
    _unique(field_ids, "field", "fields.yaml")
    headings = [heading_keys(f) for f in (*fields.fields, *fields.computed)]
    _check_keys(headings, "the heading", "fields.yaml")
    for spec in fields.fields:
        if spec.choices is not None and spec.choices not in lists:
            raise RegisterDataError(
                f"fields.yaml: field '{spec.id}': unknown choices '{spec.choices}'"
            )
        if spec.kind == "score" and spec.id not in scales.scores:
            raise RegisterDataError(f"scales.yaml: no levels for score '{spec.id}'")
    scores = {f.id for f in fields.fields if f.kind == "score"}
    for name in rule.severity.weights:
        if name not in scores:
            raise RegisterDataError(f"priority.yaml: severity.weights: '{name}' is not a score")
    for name in [*rule.priority.weights, *rule.priority.assume_when_missing]:
        if name != "severity" and name not in scores:
            raise RegisterDataError(f"priority.yaml: priority: '{name}' is not a score")
    for name, value in rule.priority.assume_when_missing.items():
        if not scales.min <= value <= scales.max:
            raise RegisterDataError(
                f"priority.yaml: assume_when_missing.{name}: {value} is outside "
                f"{scales.min}–{scales.max}"
            )
    for group in choices.groups:
        if (group.voice or "other") not in rule.voice_order:
            raise RegisterDataError(
                f"choices.yaml: group '{group.id}': voice '{group.voice}' is not in "
                "priority.yaml voice_order"
            )
    return RegisterData(
        fields=fields.fields,
        computed=fields.computed,
        lists=lists,
        score_min=scales.min,
        score_max=scales.max,
        levels=dict(scales.scores),
        countries=countries,
        rule=rule,
    )


@lru_cache(maxsize=4)
def _cached(folder: str) -> RegisterData:
    return load_register_data(Path(folder))


def register_data() -> RegisterData:
    """The register data of this installation, loaded once per process."""
    return _cached(str(data_dir() / "stakeholders"))
