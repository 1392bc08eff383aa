"""One contact with stakeholders as the workbook keeps it, and the choices it is made of.

Kept apart from `dialoog.model` so that the feature owns its data; the workbook holds a list of
`Engagement` under `Workbook.engagements`. Every field has a default (older files load) and
texts are bounded (a hostile file cannot blow up the document). Stakeholders are named by their
register id, and by name as written, so that an entry keeps its name when the stakeholder is
removed from the register.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from ..datafiles import load_yaml
from ..i18n import Localized
from ..paths import data_dir
from ..plan.records import _Record, new_id

ConcernStatus = Literal["open", "in_progress", "answered", "closed"]
OPEN_CONCERN = frozenset({"open", "in_progress"})


class Concern(_Record):
    """A concern or complaint raised in a contact: a record, not a grievance mechanism."""

    case: str = Field("", max_length=60)
    status: ConcernStatus = "open"
    answered_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CONCERN


class Engagement(_Record):
    id: str = Field(default_factory=new_id, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    contact_date: date | None = None
    kind: str = Field("meeting", max_length=40)
    stakeholder_ids: list[str] = Field(default_factory=list, max_length=200)
    stakeholder_names: list[str] = Field(default_factory=list, max_length=200)
    company_people: str = Field("", max_length=500)
    place: str = Field("", max_length=300)
    language: str = Field("", max_length=100)
    interpreter: bool = False
    topics: list[str] = Field(default_factory=list, max_length=50)  # the register's issue ids
    raised: str = Field("", max_length=10_000)  # what the stakeholders raised, in their words
    response: str = Field("", max_length=10_000)  # what the company said or committed
    agreement_ids: list[str] = Field(default_factory=list, max_length=100)
    concern: Concern | None = None
    quality: dict[str, int] = Field(default_factory=dict)  # characteristic id -> 1..5

    @field_validator("quality")
    @classmethod
    def _scores(cls, value: dict[str, int]) -> dict[str, int]:
        if any(not 1 <= score <= 5 for score in value.values()):
            raise ValueError("a rating runs from 1 to 5")
        return value


class Choice(BaseModel):
    id: str
    label: Localized
    aliases: list[str] = Field(default_factory=list)  # what people write for it in a file
    stems: list[str] = Field(default_factory=list)  # the start of a word that names it


class Quality(Choice):
    """An OECD characteristic of meaningful engagement, and the 9b evaluation statements that
    ask the stakeholders about it."""

    evaluation: list[str] = Field(default_factory=list)


class EngagementData(BaseModel):
    kinds: list[Choice]
    concern_statuses: list[Choice]
    qualities: list[Quality]
    no_contact_months: int = Field(6, ge=1, le=60)

    def label(self, group: str, choice_id: str, lang: str) -> str:
        for choice in getattr(self, group):
            if choice.id == choice_id:
                return choice.label.get(lang)
        return choice_id


class EngagementDataError(ValueError):
    """data/engagement/ holds something the app cannot use."""


@lru_cache(maxsize=2)
def _load(folder: str) -> EngagementData:
    data = load_yaml(Path(folder) / "choices.yaml", EngagementData, EngagementDataError)
    statuses = {c.id for c in data.concern_statuses}
    if statuses != set(ConcernStatus.__args__):
        raise EngagementDataError("choices.yaml: concern_statuses must be open, in_progress, "
                                  "answered and closed")  # fmt: skip
    from ..plan.texts import plan_texts

    statements = {q.id for q in plan_texts().evaluation.statements}
    for quality in data.qualities:
        if unknown := set(quality.evaluation) - statements:
            raise EngagementDataError(
                f"choices.yaml: quality '{quality.id}' names evaluation statements that do not "
                f"exist: {sorted(unknown)}"
            )
    return data


def engagement_data() -> EngagementData:
    return _load(str(data_dir() / "engagement"))
