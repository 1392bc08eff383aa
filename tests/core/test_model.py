"""Answers in the workbook, and what counts as empty, in progress or complete."""

from __future__ import annotations

import pytest

from dialoog.content import FieldSpec
from dialoog.engagement.record import Engagement
from dialoog.model import Workbook, form_status, is_filled, step_status
from dialoog.stakeholders.record import Stakeholder


def sample_answer(spec: FieldSpec):
    """A filled-in answer that fits the field's kind."""
    if spec.kind in ("text", "longtext"):
        return "iets"
    if spec.kind == "number":
        return 3.0
    if spec.kind == "choice":
        return spec.options[0].id
    if spec.kind in ("multichoice", "checklist"):
        return [spec.options[0].id]
    if spec.kind == "date":
        return "2025-03-01"
    if spec.kind == "table":
        return [{c.id: "" for c in spec.columns} | {spec.columns[0].id: "x"}]
    raise ValueError(spec.kind)


def fill(workbook: Workbook, form, *, required_only: bool = False) -> None:
    for spec in form.fields:
        if required_only and not spec.required:
            continue
        if spec.kind == "stakeholder_register":
            if not workbook.stakeholders:
                workbook.stakeholders = [Stakeholder(name="Vakbond FNV")]
        elif spec.kind == "engagement_log":
            if not workbook.engagements:
                workbook.engagements = [Engagement(stakeholder_names=["Vakbond FNV"])]
        else:
            workbook.set_answer(form.id, spec.id, sample_answer(spec))


def test_set_answer_then_answer_returns_it():
    workbook = Workbook()
    workbook.set_answer("4a", "occasion", "Een klacht uit de keten")
    assert workbook.answer("4a", "occasion") == "Een klacht uit de keten"
    assert workbook.answer("4a", "other") is None
    assert workbook.answer("9b", "x") is None


def test_set_answer_moves_updated_forward():
    workbook = Workbook()
    before = workbook.updated
    workbook.updated = before.replace(year=2000)
    workbook.set_answer("1", "motivation", "x")
    assert workbook.updated > before.replace(year=2000)


@pytest.mark.parametrize("empty", [None, "", "   \n\t", [], [{"a": "", "b": "  "}]])
def test_an_empty_answer_is_removed_with_its_form(empty):
    workbook = Workbook()
    workbook.set_answer("1", "motivation", "x")
    workbook.set_answer("1", "motivation", empty)
    assert workbook.answer("1", "motivation") is None
    assert "1" not in workbook.answers


def test_removing_one_answer_keeps_the_others():
    workbook = Workbook()
    workbook.set_answer("1", "motivation", "x")
    workbook.set_answer("1", "value_company", "y")
    workbook.set_answer("1", "motivation", "")
    assert workbook.answers == {"1": {"value_company": "y"}}


@pytest.mark.parametrize(
    ("value", "filled"),
    [
        (None, False),
        ("", False),
        ("  \n ", False),
        ("a", True),
        (0.0, True),
        (12.5, True),
        ([], False),
        (["ja"], True),
        ([{}], False),
        ([{"who": "", "role": " "}], False),
        ([{"who": "", "role": ""}, {"who": "", "role": "x"}], True),
    ],
)
def test_is_filled_for_each_kind_of_answer(value, filled):
    assert is_filled(value) is filled


def test_form_status_goes_from_empty_to_in_progress_to_complete(content):
    form = content.form("1")
    workbook = Workbook()
    assert form_status(workbook, form) == "empty"
    first = next(s for s in form.fields if s.required)
    workbook.set_answer(form.id, first.id, sample_answer(first))
    assert form_status(workbook, form) == "in_progress"
    fill(workbook, form, required_only=True)
    assert form_status(workbook, form) == "complete"


def test_optional_fields_alone_leave_a_form_in_progress(content):
    form = content.form("2")
    optional = [s for s in form.fields if not s.required]
    assert optional and any(s.required for s in form.fields)
    workbook = Workbook()
    for spec in optional:
        workbook.set_answer(form.id, spec.id, sample_answer(spec))
    assert form_status(workbook, form) == "in_progress"


def test_optional_fields_are_not_needed_for_complete(content):
    form = content.form("2")
    workbook = Workbook()
    fill(workbook, form, required_only=True)
    assert any(not s.required and workbook.answer(form.id, s.id) is None for s in form.fields)
    assert form_status(workbook, form) == "complete"


def test_stakeholder_register_field_counts_as_filled_when_the_register_has_someone(content):
    form = content.form("3")
    register = next(s for s in form.fields if s.kind == "stakeholder_register")
    assert register.required
    workbook = Workbook()
    for spec in form.fields:
        if spec.required and spec.kind != "stakeholder_register":
            workbook.set_answer(form.id, spec.id, sample_answer(spec))
    assert form_status(workbook, form) == "in_progress"
    workbook.stakeholders = [Stakeholder(name="Lokale gemeenschap")]
    assert form_status(workbook, form) == "complete"


def test_register_alone_puts_a_form_in_progress(content):
    workbook = Workbook(stakeholders=[Stakeholder(name="NGO")])
    assert form_status(workbook, content.form("3")) == "in_progress"


def test_step_status_summarises_its_sub_steps(content):
    workbook = Workbook()
    substeps = [f for f in content.forms if f.step.id == "4"]
    assert [f.id for f in substeps] == ["4a", "4b", "4c", "4d"]
    assert step_status(workbook, content, "4") == "empty"
    fill(workbook, substeps[0])
    assert step_status(workbook, content, "4") == "in_progress"
    for form in substeps[1:-1]:
        fill(workbook, form)
    assert step_status(workbook, content, "4") == "in_progress"
    fill(workbook, substeps[-1], required_only=True)
    assert step_status(workbook, content, "4") == "complete"


def test_step_status_of_a_step_without_sub_steps_is_its_form_status(content):
    workbook = Workbook()
    assert step_status(workbook, content, "7") == "empty"
    fill(workbook, content.form("7"), required_only=True)
    assert step_status(workbook, content, "7") == "complete"


def test_answers_of_every_kind_survive_validation(content):
    workbook = Workbook()
    for form in content.forms:
        fill(workbook, form)
    again = Workbook.model_validate_json(workbook.model_dump_json())
    assert again.answers == workbook.answers
    assert all(form_status(again, f) == "complete" for f in content.forms)
