"""What participants fill in, and how a submission becomes scores: the workshop's questionnaire.

The statements, the answer scale and the scoring belong to the self-assessment (step 0); this
module only adapts them to the shape the workshop needs, so that scoring is defined once. A
submission is stored as `{"selfassessment": {statement id: option id}, "forms": {form id:
{field id: answer}}}`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..i18n import Localized

SA_KEY = "selfassessment"
FORMS_KEY = "forms"
# field kinds a participant can answer on a phone; registers and tables stay in the workbook
PARTICIPANT_KINDS = ("text", "longtext", "number", "choice", "multichoice", "checklist", "date")
POOLED_KINDS = ("choice", "multichoice", "checklist")
MAX_QUESTION = 300  # an open question posed to the room
MAX_OPEN_ANSWER = 280  # a short answer to it: a few words to a sentence or two


@dataclass(frozen=True)
class Questionnaire:
    """What participants fill in: the self-assessment and/or the questions of some forms."""

    selfassessment: bool = True
    form_ids: tuple[str, ...] = ()

    def to_json(self) -> str:
        return json.dumps({"selfassessment": self.selfassessment, "forms": list(self.form_ids)})

    @classmethod
    def from_json(cls, text: str) -> Questionnaire:
        raw = json.loads(text or "{}")
        return cls(bool(raw.get("selfassessment", True)), tuple(raw.get("forms", ())))


@dataclass(frozen=True)
class Statement:
    id: str
    element: str
    text: Localized


@dataclass(frozen=True)
class Option:
    """An answer option; `scored` is False for "don't know / not applicable"."""

    id: str
    label: Localized
    scored: bool = True


@dataclass(frozen=True)
class Instrument:
    """The self-assessment as the workshop uses it.

    `scores(answers)` gives 0–100 per element (None when an element has no answer);
    `needs_attention(score)` is the self-assessment's rule for a priority element.
    """

    statements: tuple[Statement, ...]
    options: tuple[Option, ...]
    scores: Callable[[Mapping[str, str]], dict[str, float | None]]
    needs_attention: Callable[[float], bool]
    threshold: float | None = None  # the score from which an element is green (a ring)

    def option_label(self, option_id: str | None, lang: str) -> str:
        for option in self.options:
            if option.id == option_id:
                return option.label.get(lang)
        return ""

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)


def selfassessment_answers(submission: Mapping[str, Any]) -> dict[str, str]:
    raw = submission.get(SA_KEY) or {}
    return {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}


def form_answers(submission: Mapping[str, Any], form_id: str) -> dict[str, Any]:
    return dict((submission.get(FORMS_KEY) or {}).get(form_id) or {})


def load_instrument(content: Any = None) -> Instrument:
    """The self-assessment's statements, scale and scoring, used as they are: a group's scores
    are computed exactly like one company's."""
    from ..selfassessment.scoring import score
    from ..selfassessment.statements import load_statements

    data = load_statements(content=content)
    statements = tuple(Statement(s.id, s.element, s.text) for s in data.statements)
    options = tuple(Option(o.id, o.label, scored=o.value is not None) for o in data.scale.options)

    def scores(answers: Mapping[str, str]) -> dict[str, float | None]:
        return dict(score(dict(answers), data).scores())

    return Instrument(statements, options, scores, data.rule.needs_attention, data.rule.green_from)
