"""One stakeholder in the register, as stored in the workbook file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Stakeholder(BaseModel):
    """Placeholder schema; the register feature defines the full set of fields."""

    model_config = ConfigDict(extra="allow")

    name: str
