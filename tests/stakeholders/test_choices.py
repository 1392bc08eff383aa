"""The register's schema, options, scales and rule come from data and are checked on load."""

from __future__ import annotations

import pytest
import yaml

from dialoog.stakeholders.choices import RegisterDataError, load_register_data, norm, register_data
from dialoog.stakeholders.record import Stakeholder


def test_every_field_of_the_schema_is_a_field_of_the_record():
    data = register_data()
    assert [f.id for f in data.fields] == [n for n in Stakeholder.model_fields if n != "id"]


def test_every_option_has_a_dutch_and_an_english_label():
    data = register_data()
    for options in data.lists.values():
        for option in options:
            assert option.label.nl and option.label.en


def test_the_groups_the_issue_names_are_offered():
    ids = {o.id for o in register_data().options("group")}
    assert {"rights_holder", "worker", "community", "union", "ngo", "supplier", "government",
            "expert"} <= ids  # fmt: skip


def test_matching_ignores_case_accents_apostrophes_and_punctuation():
    assert norm("NGO's") == norm("ngos") == norm(" Ngo’s ")
    assert norm("Côte d'Ivoire") == "cote divoire"
    assert norm("Ernst: schaal (1-5)") == "ernst schaal 1 5"


def test_countries_are_found_by_name_code_or_alias_in_either_language():
    keys = register_data().country_keys
    assert keys[norm("Nederland")] == keys[norm("Netherlands")] == keys[norm("Holland")] == "NL"
    assert keys[norm("Ivoorkust")] == keys[norm("Côte d’Ivoire")] == "CI"
    assert keys[norm("Global")] == "001"


def _edit(path, change) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


def test_a_missing_label_names_the_file_and_the_entry(data_copy):
    _edit(data_copy / "choices.yaml", lambda d: d["groups"][2]["label"].pop("en"))
    with pytest.raises(RegisterDataError, match=r"choices\.yaml: groups\.2\.label\.en"):
        load_register_data(data_copy)


def test_an_alias_that_names_two_options_is_refused(data_copy):
    _edit(data_copy / "choices.yaml", lambda d: d["groups"][0]["aliases"].append("vakbond"))
    with pytest.raises(RegisterDataError, match=r"choices\.yaml: groups.*'vakbond'.*union"):
        load_register_data(data_copy)


def test_a_heading_that_names_two_fields_is_refused(data_copy):
    _edit(data_copy / "fields.yaml", lambda d: d["fields"][1]["aliases"].append("Naam"))
    with pytest.raises(RegisterDataError, match=r"fields\.yaml: the heading 'naam'"):
        load_register_data(data_copy)


def test_a_score_level_missing_is_refused(data_copy):
    _edit(data_copy / "scales.yaml", lambda d: d["scores"]["scope"].pop())
    with pytest.raises(RegisterDataError, match=r"scales\.yaml.*scope.*needs 5 levels"):
        load_register_data(data_copy)


def test_a_rule_weighing_an_unknown_score_is_refused(data_copy):
    _edit(data_copy / "priority.yaml", lambda d: d["severity"]["weights"].update(impact=1))
    with pytest.raises(RegisterDataError, match=r"priority\.yaml: severity\.weights: 'impact'"):
        load_register_data(data_copy)


def test_a_group_voice_missing_from_the_rule_is_refused(data_copy):
    _edit(data_copy / "priority.yaml", lambda d: d["voice_order"].remove("proxy"))
    with pytest.raises(RegisterDataError, match=r"group 'ngo': voice 'proxy'"):
        load_register_data(data_copy)


def test_bands_must_run_from_high_to_zero(data_copy):
    _edit(data_copy / "priority.yaml", lambda d: d["bands"].reverse())
    with pytest.raises(RegisterDataError, match=r"priority\.yaml.*bands"):
        load_register_data(data_copy)


def test_yaml_that_does_not_parse_names_the_file(data_copy):
    (data_copy / "fields.yaml").write_text("fields: [unclosed", encoding="utf-8")
    with pytest.raises(RegisterDataError, match=r"fields\.yaml: not valid YAML"):
        load_register_data(data_copy)
