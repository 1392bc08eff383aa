"""The workbook as plain, typed data: what the company filled in, and nothing about widgets.

A `Workbook` serialises to one JSON document (see `storage`); its answers are keyed by form id
("1", "4a", …) and field id, so content can grow without a change here.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timezone
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .content import Content, FieldSpec, Form
from .engagement.record import Engagement
from .i18n import DEFAULT_LANGUAGE, Language
from .plan.records import FollowUp
from .stakeholders.record import Stakeholder

FORMAT = "dialoog-workbook"
SCHEMA_VERSION = 3
# The parts of a workbook that edits address (see `Session.edit`); each is saved and merged
# on its own.
SECTIONS = ("organisation", "answers", "selfassessment", "stakeholders", "followup", "engagements")

Row = dict[str, str]
Answer = str | float | list[str] | list[Row] | None
Status = Literal["empty", "in_progress", "complete"]


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: str = Field("", max_length=300)
    sector: str = Field("", max_length=300)
    authors: str = Field("", max_length=1000)
    contact: str = Field("", max_length=1000)


def new_id() -> str:
    """A stable id for an item of a list (an assessment, a stakeholder, an agreement)."""
    return secrets.token_hex(6)


class Assessment(BaseModel):
    """One self-assessment: the chosen scale option per statement id."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: str = Field(default_factory=new_id, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    label: str = Field("", max_length=200)
    source: str = Field("", max_length=200)  # where a measurement came from (a workshop)
    taken: date | None = None
    answers: dict[str, str] = Field(default_factory=dict)


class SelfAssessment(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    current: Assessment = Field(default_factory=Assessment)
    earlier: list[Assessment] = Field(default_factory=list)


class Workbook(BaseModel):
    """All of a company's work in dialoog; one JSON document on disk."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    format: Literal["dialoog-workbook"] = FORMAT
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=lambda: secrets.token_hex(8))
    created: datetime = Field(default_factory=now)
    updated: datetime = Field(default_factory=now)
    language: Language = DEFAULT_LANGUAGE
    organisation: Organisation = Field(default_factory=Organisation)
    answers: dict[str, dict[str, Answer]] = Field(default_factory=dict)
    selfassessment: SelfAssessment = Field(default_factory=SelfAssessment)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    followup: FollowUp = Field(default_factory=FollowUp)
    engagements: list[Engagement] = Field(default_factory=list)

    def answer(self, form_id: str, field_id: str) -> Answer:
        return self.answers.get(form_id, {}).get(field_id)

    def set_answer(self, form_id: str, field_id: str, value: Answer) -> None:
        """Store an answer in this workbook (for scripts, notebooks and tests that build one);
        the app's pages go through `Session.set_answer`, which also saves and announces it."""
        from .api import set_answer

        result = set_answer(self.answers, form_id, field_id, value)
        if isinstance(result, dict):
            self.answers = result
            self.touch()

    def touch(self) -> None:
        self.updated = now()


def is_filled(value: Answer) -> bool:
    """Whether an answer counts as given: blank text, empty lists and empty rows do not."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(
            any(str(v).strip() for v in item.values()) if isinstance(item, dict) else bool(item)
            for item in value
        )
    return True


def field_filled(workbook: Workbook, form: Form, spec: FieldSpec) -> bool:
    if spec.kind == "stakeholder_register":
        return bool(workbook.stakeholders)
    if spec.kind == "engagement_log":
        return bool(workbook.engagements)
    return is_filled(workbook.answer(form.id, spec.id))


def form_status(workbook: Workbook, form: Form) -> Status:
    """Empty when nothing is filled, complete when every required field is, else in progress."""
    filled = [field_filled(workbook, form, spec) for spec in form.fields]
    if not any(filled):
        return "empty"
    required = [ok for ok, spec in zip(filled, form.fields, strict=True) if spec.required]
    return "complete" if all(required) else "in_progress"


def step_status(workbook: Workbook, content: Content, step_id: str) -> Status:
    """A step's status summarises its sub-steps' statuses."""
    statuses = {form_status(workbook, f) for f in content.forms if f.step.id == step_id}
    if statuses == {"complete"}:
        return "complete"
    if statuses == {"empty"}:
        return "empty"
    return "in_progress"
