"""The follow-up of a dialogue as stored in the workbook: agreements, the letter, evaluations.

Kept apart from `dialoog.model` so that the plan feature owns its data; the workbook holds one
`FollowUp` under `Workbook.followup`. Every field has a default, so older files still load, and
texts are bounded, so that a hostile file cannot blow up the document.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

AgreementStatus = Literal["open", "in_progress", "done", "dropped"]
Perspective = Literal["company", "stakeholder"]
AGREEMENT_STATUSES: tuple[str, ...] = ("open", "in_progress", "done", "dropped")
CLOSED_STATUSES = frozenset({"done", "dropped"})


def new_id() -> str:
    return secrets.token_hex(6)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


class Agreement(_Record):
    """One thing agreed with stakeholders (step 8b) and kept or reported on (step 9a)."""

    id: str = Field(default_factory=new_id, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    what: str = Field("", max_length=5000)
    stakeholder_ids: list[str] = Field(default_factory=list)
    with_whom: str = Field("", max_length=500)
    owner: str = Field("", max_length=200)
    due: date | None = None
    status: AgreementStatus = "open"
    reported_back: str = Field("", max_length=2000)
    reported_on: date | None = None
    notes: str = Field("", max_length=5000)
    engagement_id: str = Field("", max_length=64)  # the logged contact it came from, if any

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_overdue(self, today: date) -> bool:
        """Past its due date and neither done nor dropped."""
        return self.due is not None and self.due < today and not self.closed


class EvaluationResponse(_Record):
    """One filled-in evaluation form (step 9b), by the company or by a stakeholder.

    `answers` maps question ids of `data/plan/evaluation.yaml` to a scale value ("1".."5"),
    "na" for 'don't know', or free text for open questions.
    """

    id: str = Field(default_factory=new_id, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    perspective: Perspective = "company"
    respondent: str = Field("", max_length=200)
    stakeholder_id: str | None = None
    taken: date | None = None
    answers: dict[str, str] = Field(default_factory=dict)

    @field_validator("answers", mode="after")
    @classmethod
    def _bounded(cls, value: dict[str, str]) -> dict[str, str]:
        if len(value) > 200:
            raise ValueError("too many answers")
        for key, text in value.items():
            if len(key) > 64 or len(text) > 5000:
                raise ValueError(f"answer '{key[:64]}' is too long")
        return value


class FollowUp(_Record):
    """Everything the workbook keeps for steps 8b–9b beyond the step forms."""

    agreements: list[Agreement] = Field(default_factory=list)
    letter: str = Field("", max_length=50000)
    evaluations: list[EvaluationResponse] = Field(default_factory=list)
