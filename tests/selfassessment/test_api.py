"""The self-assessment's operations: pure functions that return a new value or a Problem."""

from __future__ import annotations

from datetime import date

from dialoog.model import Assessment, SelfAssessment
from dialoog.problems import Outcome, Problem
from dialoog.selfassessment import api


def test_set_answer_dates_the_assessment_and_clears_with_none():
    sa = SelfAssessment()
    first = api.set_answer(sa, "kennis_context", "4", date(2026, 2, 3))
    assert first.current.answers == {"kennis_context": "4"}
    assert first.current.taken == date(2026, 2, 3)
    assert sa.current.answers == {}  # the operation is pure: the original is untouched
    assert api.set_answer(first, "kennis_context", "4", date(2026, 2, 4)) is first  # unchanged
    cleared = api.set_answer(first, "kennis_context", None, date(2026, 2, 5))
    assert cleared.current.answers == {}


def test_keep_as_earlier_moves_the_answers_and_starts_empty():
    sa = SelfAssessment(current=Assessment(answers={"a": "1"}, taken=date(2025, 5, 1)))
    outcome = api.keep_as_earlier(sa, "  Nulmeting   2025 ", None)
    assert isinstance(outcome, Outcome)
    kept = outcome.info["kept"]
    assert kept.label == "Nulmeting 2025" and kept.taken == date(2025, 5, 1)
    assert kept.id == sa.current.id  # the same assessment, now kept: its id stays
    assert outcome.value.earlier == [kept] and outcome.value.current.answers == {}
    assert outcome.value.current.id != kept.id


def test_an_empty_assessment_cannot_be_kept():
    problem = api.keep_as_earlier(SelfAssessment(), "x", date.today())
    assert isinstance(problem, Problem)
    assert "niets beantwoord" in problem.message("nl")


def test_remove_earlier_returns_what_was_removed():
    a, b = Assessment(label="a"), Assessment(label="b")
    outcome = api.remove_earlier(SelfAssessment(earlier=[a, b]), a.id)
    assert outcome.info["removed"].label == "a"
    assert [x.label for x in outcome.value.earlier] == ["b"]
    assert isinstance(api.remove_earlier(outcome.value, a.id), Problem)  # already gone


def test_a_measurement_taken_over_twice_is_kept_once():
    group = Assessment(label="Workshop", answers={"a": "4"})
    once = api.add_measurement(SelfAssessment(), group)
    twice = api.add_measurement(once, group.model_copy(update={"answers": {"a": "5"}}))
    assert [x.answers for x in twice.earlier] == [{"a": "5"}]


def test_labels_name_the_assessment_and_its_date():
    day = date(2025, 11, 1)
    assert api.label_of(Assessment(taken=day), "nl", current=True) == (
        "Huidige meting (01-11-2025)"
    )
    assert api.label_of(Assessment(taken=day), "en") == "Assessment 01/11/2025"
    assert api.label_of(Assessment(label="Nul", taken=day), "nl") == "Nul (01-11-2025)"
    assert api.label_of(Assessment(label="Nul"), "nl") == "Nul"
