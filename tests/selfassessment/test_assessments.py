"""Keeping, removing and naming assessments, without widgets."""

from __future__ import annotations

from datetime import date

import pytest

from dialoog.model import Assessment, SelfAssessment
from dialoog.selfassessment import assessments


def test_set_answer_dates_the_assessment_and_clears_with_none():
    sa = SelfAssessment()
    assert assessments.set_answer(sa, "kennis_context", "4", date(2026, 2, 3))
    assert sa.current.answers == {"kennis_context": "4"}
    assert sa.current.taken == date(2026, 2, 3)
    assert not assessments.set_answer(sa, "kennis_context", "4", date(2026, 2, 4))  # unchanged
    assert assessments.set_answer(sa, "kennis_context", None, date(2026, 2, 5))
    assert sa.current.answers == {}


def test_keep_as_earlier_moves_the_answers_and_starts_empty():
    sa = SelfAssessment(current=Assessment(answers={"a": "1"}, taken=date(2025, 5, 1)))
    kept = assessments.keep_as_earlier(sa, "  Nulmeting   2025 ", None)
    assert kept.label == "Nulmeting 2025" and kept.taken == date(2025, 5, 1)
    assert sa.earlier == [kept] and sa.current == Assessment()


def test_an_empty_assessment_cannot_be_kept():
    with pytest.raises(ValueError):
        assessments.keep_as_earlier(SelfAssessment(), "x", date.today())


def test_remove_earlier_returns_what_was_removed():
    sa = SelfAssessment(earlier=[Assessment(label="a"), Assessment(label="b")])
    assert assessments.remove_earlier(sa, 0).label == "a"
    assert [a.label for a in sa.earlier] == ["b"]


def test_labels_name_the_assessment_and_its_date():
    day = date(2025, 11, 1)
    assert assessments.label_of(Assessment(taken=day), "nl", current=True) == (
        "Huidige meting (2025-11-01)"
    )
    assert assessments.label_of(Assessment(taken=day), "en") == "Assessment 2025-11-01"
    assert assessments.label_of(Assessment(label="Nul", taken=day), "nl") == "Nul (2025-11-01)"
    assert assessments.label_of(Assessment(label="Nul"), "nl") == "Nul"
