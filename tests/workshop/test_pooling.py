"""The room's results: medians, spread, disagreement, distributions and the group's steps."""

from __future__ import annotations

import math

import pytest

from dialoog.workshop.pooling import (
    compare,
    disagreement,
    distribution,
    group_priorities,
    pool,
    score_table,
)

ELEMENTS = ["a", "b", "c"]


def table(scores: dict[str, dict[str, float | None]]):
    return score_table(scores, ELEMENTS)


def test_median_quartiles_and_range_per_element():
    pooled = pool(table({f"P{i}": {"a": v, "b": 50} for i, v in enumerate([0, 25, 50, 75, 100])}))
    row = pooled.loc["a"]
    assert (row["n"], row["median"], row["q1"], row["q3"]) == (5, 50, 25, 75)
    assert (row["min"], row["max"], row["iqr"], row["range"]) == (0, 100, 50, 100)
    assert pooled.loc["b", "iqr"] == 0


def test_elements_keep_the_method_order_and_missing_ones_have_no_score():
    pooled = pool(table({"P1": {"c": 10, "a": 20}}))
    assert list(pooled.index) == ELEMENTS
    assert pooled.loc["b", "n"] == 0
    assert math.isnan(pooled.loc["b", "median"])


def test_unanswered_elements_do_not_count_as_zero():
    pooled = pool(table({"P1": {"a": 80}, "P2": {"a": None}, "P3": {"a": 60}}))
    assert pooled.loc["a", "n"] == 2
    assert pooled.loc["a", "median"] == 70


def test_disagreement_ranks_widest_spread_first_and_ignores_single_answers():
    pooled = pool(
        table(
            {
                "P1": {"a": 50, "b": 0, "c": 40},
                "P2": {"a": 55, "b": 100, "c": 60},
                "P3": {"a": 50, "b": 50, "c": 50},
            }
        )
    )
    assert disagreement(pooled, top=2) == ["b", "c"]
    only_one = pool(table({"P1": {"a": 0, "b": 100}}))
    assert disagreement(only_one) == []


def test_unanimous_group_has_no_disagreement():
    pooled = pool(table({"P1": {"a": 50}, "P2": {"a": 50}}))
    assert disagreement(pooled) == []


def test_distribution_counts_each_option_per_statement_and_skips_unknown_options():
    answers = [{"s1": "yes", "s2": "no"}, {"s1": "yes"}, {"s1": "maybe", "s2": "bogus"}]
    frame = distribution(answers, ["s1", "s2"], ["no", "maybe", "yes"])
    assert frame.loc["s1"].tolist() == [0, 1, 2]
    assert frame.loc["s2"].tolist() == [1, 0, 0]


def test_distribution_counts_every_choice_of_a_multichoice_answer():
    frame = distribution([{"q": ["x", "y"]}, {"q": ["y"]}], ["q"], ["x", "y"])
    assert frame.loc["q"].tolist() == [1, 2]


def test_group_priorities_are_the_steps_of_low_median_elements_in_method_order():
    pooled = pool(table({"P1": {"a": 20, "b": 90, "c": 30}, "P2": {"a": 30, "b": 80, "c": 40}}))
    steps = {"a": ["3", "1"], "b": ["2"], "c": ["9b"]}
    result = group_priorities(pooled, lambda s: s < 50, steps.get, ["1", "2", "3", "9b"])
    assert result == ["1", "3", "9b"]


def test_comparison_shows_change_per_element():
    before = pool(table({"P1": {"a": 20, "b": 50}, "P2": {"a": 40, "b": 50}}))
    after = pool(table({"P1": {"a": 60, "b": 40}}))
    result = compare(before, after).table
    assert result.loc["a", "change"] == pytest.approx(30)
    assert result.loc["b", "change"] == pytest.approx(-10)
    assert result.loc["c", "n_b"] == 0
