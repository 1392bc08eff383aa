"""Step 7: which meeting checklists apply, what is done and open, and the facilitator advice.

The checklists themselves are fields of form 7 (data/content/steps.yaml); which one belongs to
which place of meeting, and how the facilitator check is read, is data (data/plan/checklists.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import Content
from ..model import Workbook
from .texts import plan_texts

FORM_ID = "7"


@dataclass(frozen=True)
class ChecklistState:
    field_id: str
    title: str
    items: tuple[tuple[str, bool], ...]

    @property
    def done(self) -> int:
        return sum(ok for _label, ok in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def open_items(self) -> list[str]:
        return [label for label, ok in self.items if not ok]


def _ticked(workbook: Workbook, field_id: str) -> set[str]:
    value = workbook.answer(FORM_ID, field_id)
    return {str(v) for v in value} if isinstance(value, list) else set()


def meeting_checklists(workbook: Workbook, content: Content, lang: str) -> list[ChecklistState]:
    """The checklists for the places of meeting chosen in form 7; all of them if none is chosen."""
    form = content.form(FORM_ID)
    known = {spec.id for spec in form.fields}
    places = _ticked(workbook, "meeting_where")
    out = []
    for rule in plan_texts().checklists.checklists:
        if rule.field not in known or (places and rule.when not in places):
            continue
        spec = form.field(rule.field)
        ticked = _ticked(workbook, rule.field)
        items = tuple((o.label.get(lang), o.id in ticked) for o in spec.options)
        out.append(ChecklistState(rule.field, spec.label.get(lang), items))
    return out


def facilitator_advice(workbook: Workbook, content: Content, lang: str) -> list[str]:
    """What the 'do we need a facilitator?' check says, in one or two sentences."""
    check = plan_texts().checklists.facilitator
    form = content.form(FORM_ID)
    try:
        spec = form.field(check.field)
    except KeyError:
        return []
    options = {o.id for o in spec.options}
    ticked = _ticked(workbook, check.field) & options
    if ticked:
        advice = [check.advice.some.get(lang).format(count=len(ticked), total=len(options))]
    else:
        advice = [check.advice.none.get(lang)]
    if ticked & set(check.interpreter_signals):
        advice.append(check.advice.interpreter.get(lang))
    return advice
