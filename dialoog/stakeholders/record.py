"""One stakeholder in the register, as stored in the workbook file.

Field ids are stable English names (they are the JSON keys); choice fields hold option ids from
`data/stakeholders/choices.yaml`, never labels, so that a register reads the same in Dutch and
English. Ids the current data does not know (a file from another version) are kept, not refused,
so that opening a workbook never loses work. Scores are whole numbers in the range of
`data/stakeholders/scales.yaml`, or empty when not yet assessed.
"""

from __future__ import annotations

import re
import secrets

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .choices import register_data

_OPTION_ID = re.compile(r"^[a-z0-9_]+$")
SCORES = (
    "scale",
    "scope",
    "irremediability",
    "likelihood",
    "vulnerability",
    "knowledge",
    "influence",
)


def new_id() -> str:
    return secrets.token_hex(6)


class Stakeholder(BaseModel):
    """A person, group or organisation whose rights or interests are, or could be, affected."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: str = Field(default_factory=new_id, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    name: str = Field(min_length=1, max_length=200)
    group: str | None = None
    chain: str | None = None
    country: str = Field("", max_length=100)
    issues: list[str] = Field(default_factory=list)
    scale: int | None = None
    scope: int | None = None
    irremediability: int | None = None
    likelihood: int | None = None
    vulnerability: int | None = None
    knowledge: int | None = None
    influence: int | None = None
    relationship: str | None = None
    reach: str | None = None
    contact: str = Field("", max_length=300)
    notes: str = Field("", max_length=5000)
    selected: bool = False
    selection_reason: str = Field("", max_length=2000)

    @model_validator(mode="before")
    @classmethod
    def _keep_unknown_fields_in_notes(cls, data: object) -> object:
        """A field this version does not know (a file from the placeholder schema, say) is
        kept as a line 'field: value' in the notes rather than refused or dropped."""
        if not isinstance(data, dict):
            return data
        unknown = {k: v for k, v in data.items() if k not in cls.model_fields}
        if not unknown:
            return data
        kept = {k: v for k, v in data.items() if k in cls.model_fields}
        lines = [f"{k}: {v}" for k, v in unknown.items() if v not in (None, "", [], {})]
        notes = str(kept.get("notes") or "")
        kept["notes"] = "\n".join([notes, *lines]) if notes else "\n".join(lines)
        return kept

    @field_validator("name", "country", "contact", "notes", "selection_reason", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("group", "chain", "relationship", "reach", mode="before")
    @classmethod
    def _option_id(cls, value: object) -> object:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not _OPTION_ID.match(value):
            raise ValueError("must be an option id (lower-case letters, digits and '_')")
        return value

    @field_validator("issues", mode="after")
    @classmethod
    def _clean_issues(cls, value: list[str]) -> list[str]:
        """Issues are option ids or the analyst's own words; blanks and repeats are dropped."""
        out: list[str] = []
        for issue in value:
            issue = issue.strip()
            if issue and issue not in out:
                if len(issue) > 200:
                    raise ValueError("an issue is longer than 200 characters")
                out.append(issue)
        return out

    @field_validator(*SCORES, mode="after")
    @classmethod
    def _in_range(cls, value: int | None) -> int | None:
        if value is None:
            return None
        data = register_data()
        if not data.score_min <= value <= data.score_max:
            raise ValueError(f"must be from {data.score_min} to {data.score_max}")
        return value
