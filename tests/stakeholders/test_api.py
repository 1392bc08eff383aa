"""The register's operations: one place for its rules, pure functions that return a Problem
the user can read (never pydantic's English)."""

from __future__ import annotations

import pytest

from dialoog.problems import Outcome, Problem
from dialoog.stakeholders import api
from dialoog.stakeholders.importer import import_file
from dialoog.stakeholders.record import Stakeholder


def test_adding_needs_a_name_and_a_name_not_taken():
    register = [Stakeholder(name="Vakbond Gazipur")]
    assert api.add(register, {"name": "  "}).key == "sh.form.name_required"
    taken = api.add(register, {"name": "vakbond   GAZIPUR"})
    assert taken.message("nl").startswith("'vakbond GAZIPUR' staat al in het register")
    outcome = api.add(register, {"name": "Naaisters", "scale": 4})
    assert isinstance(outcome, Outcome)
    assert [s.name for s in outcome.value] == ["Vakbond Gazipur", "Naaisters"]
    assert outcome.value[1].id == outcome.info["id"]
    assert register == [register[0]]  # pure: the list it was given is unchanged


def test_an_over_long_name_gets_one_message_in_the_users_language():
    problem = api.add([], {"name": "x" * 201})
    assert isinstance(problem, Problem)
    assert problem.message("nl") == "Naam: de tekst is te lang (hoogstens 200 tekens)."
    assert problem.message("en") == "Name: the text is too long (at most 200 characters)."


def test_a_bad_value_is_named_by_its_field_not_by_pydantic():
    problem = api.add([], {"name": "Buren", "scale": 9})
    assert isinstance(problem, Problem)
    text = problem.message("nl")
    assert "Ernst: schaal" in text and "should" not in text.lower()


def test_updating_keeps_id_and_place_and_refuses_a_taken_name():
    a, b = Stakeholder(name="A"), Stakeholder(name="B")
    changed = api.update([a, b], b.id, {"name": "B2", "scale": 3})
    assert [s.name for s in changed] == ["A", "B2"] and changed[1].id == b.id
    assert api.update([a, b], b.id, {"name": "a"}).key == "sh.form.name_taken"
    assert api.update([a, b], "gone", {"name": "C"}).key == "sh.form.gone"


def test_removing_then_restoring_puts_the_stakeholder_back_in_its_place():
    a, b, c = Stakeholder(name="A"), Stakeholder(name="B"), Stakeholder(name="C")
    outcome = api.remove([a, b, c], b.id)
    assert [s.name for s in outcome.value] == ["A", "C"]
    back = api.restore(outcome.value, outcome.info["removed"], outcome.info["index"])
    assert [s.name for s in back] == ["A", "B", "C"]
    # someone added another "B" meanwhile: the restore says so instead of making a duplicate
    other = api.add(outcome.value, {"name": "b"}).value
    assert api.restore(other, b, 1).key == "sh.form.name_taken"


def test_selecting_records_the_reason():
    a = Stakeholder(name="A")
    chosen = api.select([a], a.id, True, "zwaarst getroffen")
    assert (chosen[0].selected, chosen[0].selection_reason) == (True, "zwaarst getroffen")


def test_replacing_gives_exactly_the_imported_rows(example_csv):
    existing = [Stakeholder(name="Oud")]
    outcome = api.apply_import(existing, import_file(example_csv), "replace")
    assert len(outcome.value) == 42 and outcome.info["added"] == 42
    assert existing == [Stakeholder(name="Oud", id=existing[0].id)]  # untouched


def test_merging_updates_by_name_and_keeps_what_the_file_has_no_column_for():
    existing = [
        Stakeholder(name="Vakbond  Gazipur", group="union", scale=2, notes="eigen notitie"),
        Stakeholder(name="Bank"),
    ]
    text = "Naam;Ernst: schaal\nvakbond gazipur;5\nNieuwe ngo;3\n"
    outcome = api.apply_import(existing, import_file(text.encode()), "merge")
    assert (outcome.info["added"], outcome.info["updated"]) == (1, 1)
    first = outcome.value[0]
    assert (first.id, first.name, first.scale, first.group, first.notes) == (
        existing[0].id,
        "Vakbond  Gazipur",
        5,
        "union",
        "eigen notitie",
    )
    assert [s.name for s in outcome.value] == ["Vakbond  Gazipur", "Bank", "Nieuwe ngo"]


def test_a_register_over_the_limit_is_refused_whole():
    text = "Naam\n" + "\n".join(f"S{i}" for i in range(api.MAX_REGISTER_ROWS + 1))
    result = import_file(text.encode())
    assert len(result.frame) == api.MAX_REGISTER_ROWS + 1
    problem = api.apply_import([], result, "replace")
    assert isinstance(problem, Problem) and problem.key == "sh.import.too_many_rows"


@pytest.mark.parametrize("name", ["Vakbond Gazipur", "vakbond  gazipur", " VAKBOND GAZIPUR "])
def test_names_that_differ_in_case_and_spacing_are_one_stakeholder(name):
    assert api.name_key(name) == api.name_key("Vakbond Gazipur")


def test_many_names_are_keyed_as_one_is():
    from dialoog.stakeholders.api import name_key, name_keys

    names = ["  Vakbond  NGWF ", "vakbond ngwf", "Straße\tNoord", ""]
    assert name_keys(names) == [name_key(n) for n in names]


@pytest.mark.parametrize(
    "odd",
    ["Vakbond ", " Vakbond", "Vak  bond", "Vak\u00a0bond", "Vak\nbond", "Vak\x00 bond",
     "Vak \x00bond", "ΟΔΟΣ", "Straße"],
)  # fmt: skip
def test_names_keyed_at_once_match_one_by_one_whatever_the_spacing(odd):
    """`name_keys` looks at all names at once and takes a short way when they are plainly
    spaced: one odd name anywhere must still be keyed as `name_key` keys it."""
    from dialoog.stakeholders.api import name_key, name_keys

    for names in ([odd], ["Plain name", odd, "Other name"], ["A", "B", odd]):
        assert name_keys(names) == [name_key(n) for n in names]
