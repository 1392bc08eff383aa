"""The statements, the scale and the rule are data, checked when loaded."""

from __future__ import annotations

import pytest
import yaml

from dialoog.selfassessment.statements import SelfAssessmentDataError, load_statements


def test_every_element_has_three_to_six_statements_in_sers_order(data, content):
    assert data.elements == tuple(e.id for e in content.elements)
    for element in content.elements:
        statements = data.for_element(element.id)
        assert 3 <= len(statements) <= 6, element.id
        assert all(s.element == element.id for s in statements)


def test_statements_are_bilingual_and_ids_unique(data):
    ids = [s.id for s in data.statements]
    assert len(ids) == len(set(ids))
    for statement in data.statements:
        assert statement.text.nl and statement.text.en
        assert statement.text.nl != statement.text.en


def test_some_statements_are_phrased_negatively(data):
    reversed_ = [s for s in data.statements if s.reversed]
    assert 0 < len(reversed_) < len(data.statements) / 2


def test_each_element_says_what_to_work_on_when_orange(data):
    for group in data.groups:
        assert group.attention.get("nl") and group.attention.get("en")


def test_scale_is_five_point_agreement_plus_dont_know(data):
    scale = data.scale
    assert [o.id for o in scale.options] == ["1", "2", "3", "4", "5", "dk"]
    assert (scale.low, scale.high) == (1, 5)
    assert scale.option("dk").value is None


def _edit(folder, name, change):
    path = folder / name
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def test_too_many_statements_names_file_and_element(data_folder, content):
    def add(raw):
        group = raw["elements"][0]
        extra = dict(group["statements"][0])
        for n in range(4):
            group["statements"].append({**extra, "id": f"extra_{n}"})

    _edit(data_folder, "statements.yaml", add)
    with pytest.raises(
        SelfAssessmentDataError, match=r"statements.yaml: element 'motivatie'.*3 to 6"
    ):
        load_statements(data_folder, content)


def test_unknown_element_is_reported(data_folder, content):
    _edit(data_folder, "statements.yaml", lambda raw: raw["elements"][0].update(element="moed"))
    with pytest.raises(SelfAssessmentDataError, match="element 'moed' is not one of"):
        load_statements(data_folder, content)


def test_missing_translation_names_the_statement(data_folder, content):
    _edit(
        data_folder,
        "statements.yaml",
        lambda raw: raw["elements"][2]["statements"][1]["text"].pop("en"),
    )
    with pytest.raises(SelfAssessmentDataError, match=r"statement 'inclusie_rechthebbenden'.*en"):
        load_statements(data_folder, content)


def test_duplicate_statement_id_is_reported(data_folder, content):
    def dup(raw):
        raw["elements"][1]["statements"][0]["id"] = "motivatie_reden"

    _edit(data_folder, "statements.yaml", dup)
    with pytest.raises(SelfAssessmentDataError, match="'motivatie_reden': id is used twice"):
        load_statements(data_folder, content)


def test_threshold_out_of_range_names_rule_file(data_folder, content):
    _edit(data_folder, "rule.yaml", lambda raw: raw.update(green_from=120))
    with pytest.raises(SelfAssessmentDataError, match="rule.yaml: green_from"):
        load_statements(data_folder, content)


def test_scale_without_two_values_is_rejected(data_folder, content):
    _edit(data_folder, "scale.yaml", lambda raw: raw.update(options=raw["options"][:1]))
    with pytest.raises(SelfAssessmentDataError, match="scale.yaml: options"):
        load_statements(data_folder, content)


def test_missing_file_is_named(data_folder, content):
    (data_folder / "rule.yaml").unlink()
    with pytest.raises(SelfAssessmentDataError, match="rule.yaml: file is missing"):
        load_statements(data_folder, content)
