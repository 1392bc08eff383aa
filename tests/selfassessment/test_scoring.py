"""The scoring rule: reversal, the threshold and the 'too few answers' band at their edges."""

from __future__ import annotations

from fractions import Fraction

import pytest
import yaml

from dialoog.model import Workbook
from dialoog.selfassessment.scoring import (
    band_for,
    check_answers,
    priority_form_ids,
    priority_forms,
    score,
    statement_points,
)
from dialoog.selfassessment.statements import load_statements


@pytest.fixture
def small(make_data):
    """Three elements of 4, 5 and 3 statements; the last of 'commitment' is reversed."""
    return make_data({"motivatie": 4, "commitment": 5, "inclusie": 3}, reversed_in=("commitment",))


def test_agreement_maps_to_0_25_50_75_100(data):
    positive = next(s for s in data.statements if not s.reversed)
    points = [statement_points(positive, o, data.scale) for o in ("1", "2", "3", "4", "5")]
    assert points == [0, 25, 50, 75, 100]


def test_reversed_statement_scores_low_when_agreed_with(data):
    negative = next(s for s in data.statements if s.reversed)
    assert statement_points(negative, "5", data.scale) == 0
    assert statement_points(negative, "4", data.scale) == 25
    assert statement_points(negative, "3", data.scale) == 50
    assert statement_points(negative, "1", data.scale) == 100


def test_dont_know_and_missing_answers_give_no_points(data):
    statement = data.statements[0]
    assert statement_points(statement, "dk", data.scale) is None
    assert statement_points(statement, None, data.scale) is None
    assert statement_points(statement, "7", data.scale) is None


def test_reversed_statement_pulls_element_score_down(small):
    all_agree = {f"commitment_{n}": "5" for n in range(1, 6)}
    result = score(all_agree, small).element("commitment")
    assert result.score == pytest.approx(80)  # four times 100, the reversed one 0
    assert result.weakest == "commitment_5"


def test_score_is_mean_of_answered_statements(small):
    answers = {"motivatie_1": "5", "motivatie_2": "3", "motivatie_3": "4"}
    assert score(answers, small).element("motivatie").score == pytest.approx(75)


def test_dont_know_never_counts_as_a_low_score(small):
    base = {"motivatie_1": "5", "motivatie_2": "4"}
    with_dk = {**base, "motivatie_3": "dk", "motivatie_4": "dk"}
    plain = score(base, small).element("motivatie")
    result = score(with_dk, small).element("motivatie")
    assert result.score == plain.score == pytest.approx(87.5)
    assert (result.answered, result.dont_know, result.open) == (2, 2, 0)


@pytest.mark.parametrize(
    ("answers", "band"),
    [
        ({"motivatie_1": "3", "motivatie_2": "3"}, "green"),  # exactly 50: green
        ({"motivatie_1": "3", "motivatie_2": "3", "motivatie_3": "2"}, "orange"),  # 41.7
        ({"motivatie_1": "4", "motivatie_2": "2"}, "green"),  # 50 again
        ({"motivatie_1": "3", "motivatie_2": "2", "motivatie_3": "4"}, "green"),  # 50
        (
            {"motivatie_1": "3", "motivatie_2": "3", "motivatie_3": "3", "motivatie_4": "2"},
            "orange",
        ),
    ],
)
def test_threshold_is_inclusive_for_green(small, answers, band):
    rule50 = small.model_copy(update={"rule": small.rule.model_copy(update={"green_from": 50})})
    assert score(answers, rule50).element("motivatie").band == band


def test_threshold_edge_with_thirds_is_exact(small):
    """(100 + 100 + 0) / 3 = 66.67: exact arithmetic puts it on the right side of 200/3."""
    rule = small.rule.model_copy(update={"green_from": 66.67})
    data = small.model_copy(update={"rule": rule})
    answers = {"inclusie_1": "5", "inclusie_2": "5", "inclusie_3": "1"}
    assert score(answers, data).element("inclusie").band == "orange"  # 66.666… < 66.67
    lower = small.rule.model_copy(update={"green_from": 66.66})
    assert band_for(Fraction(200, 3), 3, 3, lower) == "green"


def test_real_rule_green_from_60(data):
    rule = data.rule
    assert rule.green_from == 60
    assert band_for(60, 3, 4, rule) == "green"
    assert band_for(59.99, 3, 4, rule) == "orange"
    assert band_for(0, 4, 4, rule) == "orange"
    assert band_for(100, 4, 4, rule) == "green"


@pytest.mark.parametrize(
    ("answered", "total", "band"),
    [
        (1, 3, "insufficient"),  # fewer than min_answered (2)
        (2, 3, "green"),
        (2, 4, "green"),  # exactly half
        (2, 5, "insufficient"),  # less than half
        (3, 5, "green"),
        (2, 6, "insufficient"),
        (3, 6, "green"),
    ],
)
def test_too_few_answers_band_at_its_edges(data, answered, total, band):
    assert band_for(80, answered, total, data.rule) == band


def test_insufficient_element_has_no_score(small):
    result = score({"commitment_1": "5", "commitment_2": "5"}, small).element("commitment")
    assert result.band == "insufficient"
    assert result.score is None
    assert result.answered == 2 and result.total == 5


def test_all_dont_know_is_insufficient_not_zero(small):
    answers = {f"motivatie_{n}": "dk" for n in range(1, 5)}
    result = score(answers, small)
    assert result.element("motivatie").band == "insufficient"
    assert result.element("motivatie").score is None
    assert not result.has_scores
    assert result.answered == 4  # the form counts them as answered


def test_empty_assessment_has_no_scores_and_no_orange(data):
    result = score({}, data)
    assert not result.has_scores
    assert result.in_band("orange") == ()
    assert all(e.band == "insufficient" for e in result.elements)
    assert result.answered == 0 and result.total == len(data.statements)


def test_partial_assessment_scores_only_answered_elements(data):
    answers = {s.id: "2" for s in data.for_element("inclusie")}
    result = score(answers, data)
    assert result.element("inclusie").band in ("orange", "green")
    assert [e.element for e in result.elements if e.score is not None] == ["inclusie"]


def test_elements_come_in_sers_order(data, content):
    assert [e.element for e in score({}, data).elements] == [e.id for e in content.elements]


def test_unknown_statement_ids_are_reported_and_ignored(data):
    good = {s.id: "5" for s in data.for_element("kennis") if not s.reversed}
    answers = {**good, "oud_1": "4", "kennis_verouderd": "dk"}
    check = check_answers(answers, data)
    assert check.unknown_statements == ("kennis_verouderd", "oud_1")
    assert check.unknown_options == ()
    assert score(answers, data).element("kennis").score == score(good, data).element("kennis").score


def test_unknown_option_values_are_reported(data):
    first = data.statements[0].id
    check = check_answers({first: "7"}, data)
    assert check.unknown_options == (first,)
    assert score({first: "7"}, data).element(data.statements[0].element).answered == 0


def test_clean_answers_give_an_empty_check(data):
    assert not check_answers({data.statements[0].id: "3"}, data)


def _orange(data, element):
    """Answers that make `element` orange and everything else green."""
    answers = {}
    for statement in data.statements:
        agree = statement.element != element
        answers[statement.id] = "5" if agree != statement.reversed else "1"
    return answers


def test_orange_element_makes_its_steps_priority(data, content):
    workbook = Workbook()
    workbook.selfassessment.current.answers = _orange(data, "inclusie")
    expected = {f.id for f in content.forms_for_element("inclusie")}
    assert expected == {"3", "5a"}
    assert priority_form_ids(workbook, content) == expected


def test_motivation_orange_makes_step_1_priority(data, content):
    workbook = Workbook()
    workbook.selfassessment.current.answers = _orange(data, "motivatie")
    assert priority_form_ids(workbook, content) == {"1"}


def test_no_priorities_without_enough_answers(content):
    assert priority_form_ids(Workbook(), content) == set()


def test_only_the_current_assessment_sets_priorities(data, content):
    workbook = Workbook()
    workbook.selfassessment.earlier = [
        workbook.selfassessment.current.model_copy(update={"answers": _orange(data, "kennis")})
    ]
    assert priority_form_ids(workbook, content) == set()


def test_priority_forms_are_in_workbook_order_with_their_reasons(data, content):
    answers = _orange(data, "transparantie")
    answers.update({k: v for k, v in _orange(data, "interne_processen").items() if "intern" in k})
    forms = priority_forms(score(answers, data), content)
    ids = [form.id for form, _ in forms]
    assert ids == [f.id for f in content.forms if f.id in ids]
    reasons = dict((form.id, why) for form, why in forms)
    assert reasons["9a"] == ("transparantie", "interne_processen")
    assert reasons["2"] == ("interne_processen",)


def test_thresholds_are_read_from_rule_yaml(data_folder, content, data):
    answers = {s.id: "4" if not s.reversed else "2" for s in data.statements}  # 75 everywhere
    assert score(answers, data).in_band("orange") == ()
    path = data_folder / "rule.yaml"
    rule = yaml.safe_load(path.read_text())
    rule["green_from"] = 80
    path.write_text(yaml.safe_dump(rule))
    stricter = load_statements(data_folder, content)
    assert score(answers, stricter).in_band("orange") == stricter.elements
