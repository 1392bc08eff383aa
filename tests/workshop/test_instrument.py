"""The workshop asks the self-assessment's own statements and scores them with its own rule."""

from __future__ import annotations

import pytest

from dialoog.workshop.instrument import load_instrument, selfassessment_answers


@pytest.fixture
def instrument(content):
    found = load_instrument(content)
    if found is None:
        pytest.skip("the self-assessment (dialoog.selfassessment) is not installed")
    return found


def test_every_element_has_statements_in_the_method_order(instrument, content):
    elements = [s.element for s in instrument.statements]
    assert set(elements) == {e.id for e in content.elements}
    order = [e.id for e in content.elements]
    assert elements == sorted(elements, key=order.index)


def test_group_scores_are_the_self_assessments_own_scores(instrument, content):
    from dialoog.selfassessment import scoring

    answers = {s.id: instrument.options[i % 5].id for i, s in enumerate(instrument.statements)}
    expected = scoring.score(answers).scores()
    assert instrument.scores(answers) == expected


def test_dont_know_is_an_option_that_does_not_score(instrument):
    unscored = [o for o in instrument.options if not o.scored]
    assert unscored
    only_dont_know = {s.id: unscored[0].id for s in instrument.statements}
    assert all(v is None for v in instrument.scores(only_dont_know).values())


def test_needs_attention_follows_the_threshold(instrument):
    assert instrument.needs_attention(0)
    assert not instrument.needs_attention(100)


def test_only_text_answers_are_read_from_a_submission():
    submission = {"selfassessment": {"a": "4", "b": 3, "c": None}}
    assert selfassessment_answers(submission) == {"a": "4"}
