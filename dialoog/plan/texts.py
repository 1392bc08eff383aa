"""The plan feature's content: step 7 checklist rules, the evaluation form and the letter.

Read from `data/plan/*.yaml` once per process and validated; an error names the file, the entry
and the problem, like the rest of the content.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from ..datafiles import load_yaml
from ..i18n import Localized
from ..paths import data_dir


class PlanContentError(ValueError):
    """A file in `data/plan` is invalid; the message names the file, the entry and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ChecklistRule(_Strict):
    role: str  # the checklist field's role in steps.yaml
    when: tuple[str, ...]  # options of the 'meeting_places' field for which it applies


class FacilitatorAdvice(_Strict):
    none: Localized
    some: Localized
    chosen_external: Localized
    some_without_external: Localized
    interpreter: Localized
    interpreter_arranged: Localized


class FacilitatorCheck(_Strict):
    role: str  # the role of the field with the signs that call for a facilitator
    interpreter_signals: tuple[str, ...] = ()
    external: tuple[str, ...] = ()  # options of 'facilitator_choice' meaning an independent one
    undecided: tuple[str, ...] = ()  # … meaning the choice is still open
    interpreter_yes: tuple[str, ...] = ()  # options of 'interpreter_choice' meaning arranged
    advice: FacilitatorAdvice


class Checklists(_Strict):
    checklists: tuple[ChecklistRule, ...]
    facilitator: FacilitatorCheck


class ScalePoint(_Strict):
    id: str
    label: Localized


class Question(_Strict):
    id: str
    kind: Literal["statement", "open"]
    label: Localized


class EvaluationForm(_Strict):
    scale: tuple[ScalePoint, ...]
    dont_know: Localized
    compare_gap: float = 1.0
    questions: tuple[Question, ...]

    @model_validator(mode="after")
    def _unique(self) -> EvaluationForm:
        ids = [q.id for q in self.questions]
        for qid in ids:
            if ids.count(qid) > 1:
                raise ValueError(f"question id '{qid}' is used twice")
        for point in self.scale:
            if not point.id.isdigit():
                raise ValueError(f"scale point '{point.id}' must be a whole number")
        return self

    @property
    def statements(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind == "statement")

    @property
    def open_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind == "open")

    def scale_label(self, value: str, lang: str) -> str:
        for point in self.scale:
            if point.id == value:
                return point.label.get(lang)
        return self.dont_know.get(lang) if value == "na" else value


class LetterTemplate(_Strict):
    missing: Localized
    no_agreements: Localized
    template: Localized


class PlanTexts(_Strict):
    checklists: Checklists
    evaluation: EvaluationForm
    letter: LetterTemplate


def _load_file(path: Path, model: type[BaseModel]) -> BaseModel:
    return load_yaml(path, model, PlanContentError)


@lru_cache(maxsize=4)
def _load(folder: str) -> PlanTexts:
    base = Path(folder)
    return PlanTexts(
        checklists=_load_file(base / "checklists.yaml", Checklists),
        evaluation=_load_file(base / "evaluation.yaml", EvaluationForm),
        letter=_load_file(base / "letter.yaml", LetterTemplate),
    )


def plan_texts(folder: Path | None = None) -> PlanTexts:
    """The validated plan texts; raises PlanContentError naming the file, entry and problem."""
    return _load(str(folder or data_dir() / "plan"))
