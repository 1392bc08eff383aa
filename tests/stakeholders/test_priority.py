"""Prioritisation: severity first, then likelihood and vulnerability; the rule is data."""

from __future__ import annotations

import pandas as pd
import yaml

from dialoog.paths import REPO_ROOT
from dialoog.stakeholders.choices import load_register_data
from dialoog.stakeholders.priority import explain, prioritise, rule_text

from .conftest import frame_of, person


def ranked(*people, data=None) -> pd.DataFrame:
    return prioritise(frame_of(*people), data).set_index("name")


def test_severity_is_the_mean_of_scale_scope_and_irremediability():
    out = ranked(person("A", scale=5, scope=3, irremediability=4))
    assert out.loc["A", "severity"] == 4.0


def test_a_missing_severity_score_is_left_out_not_counted_as_zero():
    out = ranked(person("A", scale=5, irremediability=3))
    assert out.loc["A", "severity"] == 4.0 and not out.loc["A", "complete"]


def test_priority_weighs_severity_three_times_likelihood_and_vulnerability():
    out = ranked(person("A", scale=5, scope=5, irremediability=5, likelihood=1, vulnerability=1))
    # (3 * 5 + 1 + 1) / 5 = 3.4 on 1..5  ->  (3.4 - 1) / 4 * 100
    assert out.loc["A", "priority"] == 60.0 and out.loc["A", "band"] == "medium"


def test_the_most_severe_comes_before_the_most_likely():
    out = ranked(
        person("Likely", scale=2, scope=2, irremediability=2, likelihood=5, vulnerability=3),
        person("Severe", scale=5, scope=5, irremediability=5, likelihood=2, vulnerability=3),
    )
    assert list(out.index) == ["Severe", "Likely"]


def test_influence_and_knowledge_do_not_change_the_priority():
    base = {"scale": 3, "scope": 3, "irremediability": 3, "likelihood": 3, "vulnerability": 3}
    out = ranked(person("Powerful", influence=5, knowledge=5, **base), person("Unheard", **base))
    assert out.loc["Powerful", "priority"] == out.loc["Unheard", "priority"]


def test_unknown_likelihood_counts_as_possible_and_is_marked_incomplete():
    out = ranked(
        person("Unknown", scale=4, scope=4, irremediability=4, vulnerability=4),
        person("Known", scale=4, scope=4, irremediability=4, likelihood=3, vulnerability=4),
    )
    assert out.loc["Unknown", "priority"] == out.loc["Known", "priority"]
    assert not out.loc["Unknown", "complete"] and out.loc["Known", "complete"]


def test_without_any_severity_score_there_is_no_rank_and_the_row_comes_last():
    out = prioritise(frame_of(person("Bank", influence=5), person("Workers", scale=1)))
    assert list(out["name"]) == ["Workers", "Bank"]
    assert pd.isna(out.iloc[1]["priority"]) and pd.isna(out.iloc[1]["rank"])
    assert out.iloc[1]["band"] == ""


def test_equal_priority_is_decided_by_severity_then_vulnerability():
    out = ranked(
        # same priority 50: severity 3 / vulnerability 3 against severity 2.33 / vulnerability 5
        person("Less severe", scale=2, scope=2, irremediability=3, likelihood=3, vulnerability=5),
        person("More severe", scale=3, scope=3, irremediability=3, likelihood=3, vulnerability=3),
    )
    assert out.loc["More severe", "rank"] == 1 and out.loc["Less severe", "rank"] == 2


def test_on_a_full_tie_affected_people_come_before_an_ngo():
    scores = {"scale": 4, "scope": 4, "irremediability": 4, "likelihood": 4, "vulnerability": 4}
    out = prioritise(frame_of(person("Ngo", group="ngo", **scores),
                              person("Arbeiders", group="worker", **scores)))  # fmt: skip
    assert list(out["name"]) == ["Arbeiders", "Ngo"] and list(out["rank"]) == [1, 2]


def test_stakeholders_equal_on_everything_share_a_rank_and_are_listed_by_name():
    scores = {"scale": 3, "scope": 3, "irremediability": 3, "likelihood": 3, "vulnerability": 3}
    out = prioritise(
        frame_of(
            person("zeta", group="worker", **scores),
            person("Alfa", group="worker", **scores),
            person("Top", group="worker", **scores | {"scale": 5}),
            person("Laatste", group="worker", scale=1),
        )
    )
    assert list(out["name"]) == ["Top", "Alfa", "zeta", "Laatste"]
    assert list(out["rank"]) == [1, 2, 2, 4]


def test_bands_follow_the_thresholds():
    def at(level):
        return {"scale": level, "scope": level, "irremediability": level,
                "likelihood": level, "vulnerability": level}  # fmt: skip

    out = ranked(person("Five", **at(5)), person("Three", **at(3)), person("One", **at(1)))
    assert out["priority"].to_dict() == {"Five": 100.0, "Three": 50.0, "One": 0.0}
    assert out["band"].to_dict() == {"Five": "high", "Three": "medium", "One": "low"}


def test_the_input_frame_is_not_changed():
    frame = frame_of(person("A", scale=3))
    before = frame.copy()
    prioritise(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_changing_the_rule_in_data_changes_the_ranking(data_copy):
    path = data_copy / "priority.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["priority"]["weights"] = {"severity": 1, "likelihood": 3, "vulnerability": 0}
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    data = load_register_data(data_copy)
    people = (
        person("Likely", scale=2, scope=2, irremediability=2, likelihood=5, vulnerability=3),
        person("Severe", scale=5, scope=5, irremediability=5, likelihood=2, vulnerability=3),
    )
    assert list(ranked(*people, data=data).index) == ["Likely", "Severe"]
    real = load_register_data(REPO_ROOT / "data" / "stakeholders")
    assert list(ranked(*people, data=real).index) == ["Severe", "Likely"]


def test_the_rule_is_described_from_the_data():
    text = rule_text("en")
    assert "Severity 60%, Likelihood 20%, Vulnerability 20%" in text
    assert "Likelihood = 3" in text and "High ≥ 70" in text
    assert "Gemiddeld" not in rule_text("nl") and "Ernst 60%" in rule_text("nl")


def test_a_priority_is_explained_in_words():
    out = prioritise(frame_of(person("A", scale=5, scope=4, irremediability=3, vulnerability=4)))
    text = explain(out.iloc[0], "nl")
    assert text.startswith(
        "Ernst 4 (schaal 5, omvang 4, onherstelbaarheid 3); Waarschijnlijkheid ?; "
        "Kwetsbaarheid 4 → prioriteit 70 (Hoog), rang 1."
    )
    assert "Niet alle scores" in text
    none = prioritise(frame_of(person("B")))
    assert "ernstscore" in explain(none.iloc[0], "nl")
