"""The analyst's tables: counts, ranking, selection and the groups × issues cross-table."""

from __future__ import annotations

import pandas as pd

from dialoog.stakeholders import tables
from dialoog.stakeholders.importer import import_file

from .conftest import frame_of, person


def people():
    return frame_of(
        person("Naaisters", group="worker", country="BD", issues=["living_wage", "harassment"],
               scale=5, scope=4, irremediability=4, likelihood=5, vulnerability=5,
               selected=True, selection_reason="Zwaarst getroffen"),
        person("Vakbond", group="union", country="BD", issues=["living_wage"],
               scale=4, scope=4, irremediability=3, likelihood=4, vulnerability=3, selected=True),
        person("Boeren", group="worker", country="IN", issues=["child_labour", "Eigen thema"],
               scale=5, scope=5, irremediability=5, likelihood=4, vulnerability=5),
        person("Bank", group="investor", country="Zuid-Holland"),
    )  # fmt: skip


def test_counts_per_group_have_labels_totals_selection_and_high_priority():
    table = tables.counts(people(), "group", "nl")
    assert list(table.columns) == ["Groep", "Aantal stakeholders", "Gekozen voor dialoog",
                                   "Hoge prioriteit", "Gemiddelde prioriteit"]  # fmt: skip
    rows = table.set_index("Groep")
    assert rows.loc["Werkenden in de keten"].tolist()[:3] == [2, 1, 2]
    assert rows.loc["Vakbond", "Aantal stakeholders"] == 1
    assert pd.isna(rows.loc["Investeerder of financier", "Gemiddelde prioriteit"])
    assert table.iloc[0]["Groep"] == "Werkenden in de keten"  # most stakeholders first


def test_counts_per_issue_count_a_stakeholder_once_per_issue_and_keep_own_words():
    table = tables.counts(people(), "issues", "en").set_index("Risks and issues")
    assert table.loc["Living wage and income", "Number of stakeholders"] == 2
    assert table.loc["Eigen thema", "Number of stakeholders"] == 1
    assert table.loc["(not filled in)", "Number of stakeholders"] == 1


def test_counts_per_country_show_names_and_unknown_places_as_written():
    table = tables.counts(people(), "country", "en").set_index("Country")
    assert table["Number of stakeholders"].to_dict() == {
        "Bangladesh": 2,
        "India": 1,
        "Zuid-Holland": 1,
    }


def test_the_ranking_lists_who_comes_first_with_the_scores_behind_it():
    table = tables.ranking(people(), "en")
    assert list(table["Name"]) == ["Boeren", "Naaisters", "Vakbond", "Bank"]
    assert list(table["Rank"][:3]) == [1, 2, 3] and pd.isna(table["Rank"][3])
    assert list(table["Priority class"]) == ["High", "High", "Medium", "Not yet assessed"]
    assert table["Selected for dialogue"].tolist() == ["no", "yes", "yes", "no"]


def test_the_selection_shows_who_is_chosen_and_why_in_order_of_priority():
    table = tables.selection(people(), "nl")
    assert list(table["Naam"]) == ["Naaisters", "Vakbond"]
    assert list(table["Reden van de keuze"]) == ["Zwaarst getroffen", ""]


def test_selection_gaps_name_missing_reasons_and_high_priorities_left_out():
    gaps = tables.selection_gaps(people())
    assert gaps["no_reason"] == ["Vakbond"]
    assert gaps["high_not_selected"] == ["Boeren"]
    assert gaps["no_affected_voice"] == []


def test_the_crosstab_counts_groups_against_issues_with_totals():
    table = tables.crosstab(people(), "en")
    assert table.loc["Workers in the value chain", "Living wage and income"] == 1
    assert table.loc["Trade union", "Living wage and income"] == 1
    assert table.loc["Total", "Living wage and income"] == 2
    assert table.loc["Workers in the value chain", "Total"] == 2
    assert table.loc["Total", "Total"] == 3  # stakeholders with an issue, not cells
    assert table.columns[0] == "Living wage and income"  # most frequent issue first


def test_every_view_of_the_example_register_has_rows(example_csv):
    frame = import_file(example_csv).frame
    views = tables.views(frame, "nl")
    assert list(views) == ["Register", "Rangorde", "Gekozen voor dialoog", "Per groep",
                           "Per land", "Per risico", "Groepen x risico's"]  # fmt: skip
    assert all(len(v) for v in views.values())
    assert len(views["Register"]) == 42 and len(views["Gekozen voor dialoog"]) == 13
