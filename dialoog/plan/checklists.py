"""Step 7: which meeting checklists apply, what is done and open, and the facilitator advice.

The checklists are fields of the content (data/content/steps.yaml), found by their role; which
one belongs to which place of meeting, and how the facilitator check is read, is data
(data/plan/checklists.yaml). Every sentence follows from the answers: the advice about a
facilitator takes into account whether one has been chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import Content, Form
from ..model import Workbook
from .texts import plan_texts


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


def _answer(workbook: Workbook, content: Content, role: str) -> object:
    form, spec = content.field_with_role(role)
    return workbook.answer(form.id, spec.id)


def _ticked(workbook: Workbook, content: Content, role: str) -> set[str]:
    value = _answer(workbook, content, role)
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)} if isinstance(value, str) and value else set()


def checklist_form(content: Content) -> Form:
    """The form that asks where the dialogue takes place (and holds the checklists)."""
    return content.field_with_role("meeting_places")[0]


def checklist_field_ids(content: Content) -> set[str]:
    return {content.field_with_role(rule.role)[1].id for rule in plan_texts().checklists.checklists}


def meeting_checklists(workbook: Workbook, content: Content, lang: str) -> list[ChecklistState]:
    """The checklists for the places of meeting chosen; all of them if none is chosen."""
    places = _ticked(workbook, content, "meeting_places")
    out = []
    for rule in plan_texts().checklists.checklists:
        if places and not places & set(rule.when):
            continue
        _form, spec = content.field_with_role(rule.role)
        ticked = _ticked(workbook, content, rule.role)
        items = tuple((o.label.get(lang), o.id in ticked) for o in spec.options)
        out.append(ChecklistState(spec.id, spec.label.get(lang), items))
    return out


def facilitator_advice(workbook: Workbook, content: Content, lang: str) -> list[str]:
    """What the 'do we need a facilitator?' check says, given the signs ticked and the choices
    made for a facilitator and an interpreter, in one or two sentences."""
    check = plan_texts().checklists.facilitator
    advice = check.advice
    _form, spec = content.field_with_role(check.role)
    options = {o.id for o in spec.options}
    ticked = _ticked(workbook, content, check.role) & options
    choice = _ticked(workbook, content, "facilitator_choice")
    external = bool(choice & set(check.external))
    decided = bool(choice - set(check.undecided))
    counts = {"count": len(ticked), "total": len(options)}
    if external:
        out = [advice.chosen_external.get(lang).format(**counts)]
    elif ticked and decided:
        out = [advice.some_without_external.get(lang).format(**counts)]
    elif ticked:
        out = [advice.some.get(lang).format(**counts)]
    else:
        out = [advice.none.get(lang)]
    if ticked & set(check.interpreter_signals):
        arranged = _ticked(workbook, content, "interpreter_choice") & set(check.interpreter_yes)
        out.append((advice.interpreter_arranged if arranged else advice.interpreter).get(lang))
    return out
