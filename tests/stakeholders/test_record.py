"""A stakeholder record: what the workbook file stores, and what it refuses."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from dialoog.model import Workbook
from dialoog.stakeholders.record import Stakeholder
from dialoog.storage import dumps, loads


def test_a_name_is_enough_to_record_a_stakeholder():
    s = Stakeholder(name="  Vakbond FNV ")
    assert s.name == "Vakbond FNV"
    assert s.scale is None and s.issues == [] and s.selected is False and s.id


def test_an_empty_name_is_refused():
    with pytest.raises(ValidationError):
        Stakeholder(name="   ")


@pytest.mark.parametrize("value", [0, 6, -1])
def test_a_score_outside_the_scale_is_refused(value):
    with pytest.raises(ValidationError, match="from 1 to 5"):
        Stakeholder(name="x", scale=value)


def test_a_label_is_not_an_option_id():
    with pytest.raises(ValidationError, match="option id"):
        Stakeholder(name="x", group="Vakbond")


def test_an_option_id_from_another_version_is_kept():
    assert Stakeholder(name="x", group="future_group").group == "future_group"


def test_issues_keep_own_words_and_drop_blanks_and_repeats():
    s = Stakeholder(name="x", issues=["living_wage", " ", "Huisvesting", "living_wage"])
    assert s.issues == ["living_wage", "Huisvesting"]


def test_an_edit_is_validated():
    s = Stakeholder(name="x")
    with pytest.raises(ValidationError):
        s.likelihood = 9
    assert s.likelihood is None


def test_the_register_survives_saving_and_opening_the_workbook():
    workbook = Workbook()
    workbook.stakeholders = [
        Stakeholder(
            name="Naaisters",
            group="worker",
            country="BD",
            issues=["living_wage"],
            scale=4,
            selected=True,
            selection_reason="Zwaarst getroffen",
        ),  # fmt: skip
        Stakeholder(name="Eigen woorden", country="Brabant", issues=["Geluidsoverlast"]),
    ]
    again = loads(dumps(workbook).encode())
    assert again.stakeholders == workbook.stakeholders
    doc = dumps(workbook)
    assert '"group": "worker"' in doc and '"selection_reason": "Zwaarst getroffen"' in doc


def test_a_field_this_version_does_not_know_is_kept_in_the_notes():
    s = Stakeholder.model_validate({"name": "FNV", "role": "vakbond", "notes": "Sinds 2020"})
    assert s.notes == "Sinds 2020\nrole: vakbond"
    assert Stakeholder(name="FNV", role="vakbond").notes == "role: vakbond"
