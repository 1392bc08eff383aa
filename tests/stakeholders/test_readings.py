"""Real registers come in whole: word scales, decimal commas, percentages, title and totals
rows, and no library text on the page."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dialoog.i18n import catalogue
from dialoog.stakeholders import api, importer
from dialoog.stakeholders.importer import Table, import_file, interpret, read_table
from dialoog.stakeholders.readings import parse_number, round_half_up
from dialoog.stakeholders.register import to_records

FILES = Path(__file__).parent / "files"
EXAMPLES = Path(__file__).parents[2] / "data" / "examples"


def by_name(result) -> dict:
    return {s.name: s for s in to_records(result.frame)}


def reading(result, heading: str):
    return next(r for p, r in result.readings.items() if result.headings[p] == heading)


@pytest.mark.parametrize(
    ("text", "number"),
    [("88,5", 88.5), ("88.5", 88.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("12 %", 12),
     ("3,0", 3), ("1.234.567", 1234567), ("", None), ("veel", None)],
)  # fmt: skip
def test_numbers_are_read_as_people_write_them(text, number):
    assert parse_number(text) == number


def test_a_score_that_is_not_whole_is_rounded_half_up():
    assert [round_half_up(x) for x in (2.5, 3.5, 3.49, 4.5)] == [3, 4, 3, 5]


def test_a_dutch_excel_csv_with_word_scales_and_percentages_comes_in_whole():
    data = (FILES / "nl-excel-woordschalen.csv").read_bytes()
    assert b"\r\n" in data and "é".encode("cp1252") in data  # Excel's CSV, as a user saves it
    result = import_file(data, "register.csv")
    assert len(result.frame) == 42 and result.refused == [] and result.emptied == []
    assert result.table.detail == "Windows-1252, ';'"
    assert reading(result, "Kwetsbaarheid").words[("hoog", 4)] > 0
    assert (
        reading(result, "Kans (%)").mode == "percent" and reading(result, "Kans (%)").percent == 42
    )
    people = list(by_name(result).values())
    assert {p.vulnerability for p in people} == {2, 3, 4}
    assert all(1 <= p.likelihood <= 5 for p in people)
    assert people[0].notes == "café, crème & één"


def test_percentages_go_onto_the_scale_by_the_documented_bands():
    text = "Naam;Kans (%)\nA;5\nB;19,9\nC;20\nD;59,5\nE;88,5\nF;100\n"
    rows = by_name(import_file(text.encode()))
    assert [rows[n].likelihood for n in "ABCDEF"] == [1, 1, 2, 3, 5, 5]


def test_an_english_bom_file_with_high_medium_low_comes_in_whole():
    result = import_file((FILES / "en-bom-high-medium-low.csv").read_bytes(), "r.csv", lang="en")
    assert len(result.frame) == 20 and result.emptied == [] and result.refused == []
    assert reading(result, "Scope").words.keys() >= {("H", 4), ("M", 3), ("L", 2)}
    assert {s.scale for s in to_records(result.frame)} <= {2, 3, 4, 5}


def test_symbols_and_a_three_step_scale_are_read_and_the_user_can_choose_the_reading():
    text = "Naam;Ernst;Kans (1-3);Kwetsbaarheid\nA;--;1;laag\nB;0;2;midden\nC;++;3;hoog\n"
    table = read_table(text.encode())
    result = interpret(table)
    rows = by_name(result)
    assert [rows[n].scale for n in "ABC"] == [1, 3, 5]  # 0 between -- and ++ is the middle
    assert [rows[n].likelihood for n in "ABC"] == [1, 3, 5]  # a 1–3 scale, spread
    assert [rows[n].vulnerability for n in "ABC"] == [2, 3, 4]  # words as written
    position = result.headings.index("Kwetsbaarheid")
    spread = by_name(interpret(table, modes={position: "three"}))
    assert [spread[n].vulnerability for n in "ABC"] == [1, 3, 5]  # the user's choice


def test_a_zero_in_a_numeric_column_is_outside_the_scale_not_a_symbol():
    result = import_file(b"Naam;Ernst\nA;0\nB;3\n")
    assert [p.key for p in result.emptied] == ["sh.import.score_range"]
    assert by_name(result)["A"].scale is None


def test_a_bad_cell_never_throws_away_a_stakeholder():
    text = "Naam;Groep;Ernst;Invloed;Gekozen\nA;Marsmannetjes;veel te erg;hoog;misschien\n"
    result = import_file(text.encode())
    (person,) = to_records(result.frame)
    assert person.name == "A" and person.group is None and person.scale is None
    assert person.influence == 4 and person.notes == "Groep: Marsmannetjes"  # kept as written
    assert [(p.row, p.column) for p in result.emptied] == [(2, "Ernst"), (2, "Gekozen")]
    assert result.emptied_per_column() == {"Ernst": 1, "Gekozen": 1}
    explanation = result.frame  # not fully assessed: severity is missing
    assert explanation["scale"].isna().all()


def test_an_xlsx_title_row_and_totals_row_are_recognised_and_reported():
    result = import_file((FILES / "titel-en-totaalrij.xlsx").read_bytes(), "r.xlsx")
    assert result.header_row == 3 and len(result.frame) == 12
    assert "Totaal" not in by_name(result)
    (skipped,) = result.skipped
    assert skipped.row == 16 and "samenvattingsrij" in skipped.message("nl")
    note = " ".join(p.message("nl") for p in result.notes)
    assert "zonder berekende waarden" in note and "Excel" in note


@pytest.mark.parametrize("word", ["Totaal", "Subtotaal:", "Gemiddelde", "Total", "Sum", "Average"])
def test_totals_averages_and_counts_are_skipped_as_summary_rows(word):
    text = f"Naam;Ernst\nA;4\nB;2\n{word};6\n"
    result = import_file(text.encode())
    assert list(by_name(result)) == ["A", "B"] and len(result.skipped) == 1


@pytest.mark.parametrize("odd", ["Vak\x00bond", "'=Somma", "  Sumatra-coöperatie "])
def test_summary_rows_are_found_among_many_names_whatever_they_hold(odd):
    """Names are looked at all at once (joined); a name holding the joining character, a
    neutralised formula or a name that merely starts like 'Sum' must not shift or hide one."""
    names = [f"Stakeholder {i}" for i in range(50)]
    names[10], names[30] = odd, "Totaal"
    rows = [["Naam", "Ernst"], *([n, "3"] for n in names), ["Gemiddelde", "3"]]
    result = interpret(Table(pd.DataFrame(rows, dtype=object), "csv"))  # a CSV holds no NUL
    assert [p.row for p in result.skipped] == [32, 52]
    assert len(result.frame) == 49 and result.refused == []
    assert odd.strip().removeprefix("'") in set(by_name(result))


def test_numbers_under_the_data_without_a_name_are_a_summary_row():
    result = import_file(b"Naam;Ernst;Kans\nA;4;3\nB;2;3\n;6;6\n")
    assert list(by_name(result)) == ["A", "B"]
    assert [p.row for p in result.skipped] == [4] and result.refused == []


def test_a_formula_only_row_in_a_workbook_is_a_summary_row():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Naam", "Ernst"])
    sheet.append(["A", 4])
    sheet.append(['=CONCATENATE("Sa","men")', "=SUM(B2:B2)"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_file(buffer.getvalue(), "f.xlsx")
    assert list(by_name(result)) == ["A"] and len(result.skipped) == 1


def test_an_over_long_name_gets_one_message_in_dutch():
    result = import_file(("Naam;Ernst\n" + "x" * 201 + ";3\nB;2\n").encode())
    (problem,) = result.refused
    text = problem.message("nl")
    assert "201 tekens" in text and "hoogstens 200" in text
    assert "ontbreekt" not in text and "String should" not in text


LIBRARY_WORDS = (
    "String should",
    "Input should",
    "validation error",
    "Traceback",
    "openpyxl",
    "pandas",
    "ValueError",
    "Error tokenizing",
    "could not convert",
)


@pytest.mark.parametrize(
    "text",
    [
        "Naam;Ernst;Groep;Land;Gekozen;Risico's\n"
        + "x" * 300
        + ";9;Onbekend;Atlantis;wellicht;"
        + "y" * 1200
        + "\n;3;;;;\nA;abc;;;;\nA;1;;;;\n",
        "Naam;Kans (%)\nA;150\nB;-3\nC;veel\n",
        "Naam;Kans (1-3)\nA;5\n",
    ],
)
def test_no_library_text_reaches_the_dutch_page(text):
    result = import_file(text.encode())
    messages = [p.message("nl") for p in [*result.errors, *result.skipped, *result.notes]]
    assert messages
    for message in messages:
        assert not any(word in message for word in LIBRARY_WORDS), message
        assert "{" not in message
    api_problem = api.add([], {"name": "x" * 201})
    assert "String" not in api_problem.message("nl")


def test_every_import_message_exists_in_dutch_and_english():
    keys = [k for k in catalogue() if k.startswith("sh.import.")]
    assert len(keys) > 40
    for key in keys:
        text = catalogue()[key]
        assert text.nl != text.en or text.nl.startswith(("{", "'"))


def _script_made_register() -> bytes:
    """300 rows the way a script or a long-kept sheet has them: a title row, word scales and
    decimal commas, blanks, a bad cell, a name twice, an unknown country, a totals row."""
    words = ["laag", "midden", "hoog", "zeer hoog", "", "veel"]
    lines = ["Stakeholderregister 2026;;;;;",
             "Naam;Land;Ernst (1-5);Kans (%);Kwetsbaarheid;Invloed"]  # fmt: skip
    for i in range(300):
        name = "Vakbond 7" if i == 250 else f"Vakbond {i}"
        country = ["Bangladesh", "India", "Narnia", ""][i % 4]
        lines.append(f"{name};{country};{i % 5 + 1},{i % 2 * 5};{i % 97},5;"
                     f"{words[i % 6]};{words[(i + 3) % 6]}")  # fmt: skip
    lines.append("Totaal;;;;;")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


@pytest.mark.parametrize(
    "source",
    [FILES / "nl-excel-woordschalen.csv", FILES / "en-bom-high-medium-low.csv",
     EXAMPLES / "stakeholders.csv", EXAMPLES / "stakeholders-messy.csv", "script"],
    ids=lambda s: getattr(s, "name", s),
)  # fmt: skip
def test_a_file_read_as_categories_comes_in_as_it_does_read_as_text(source, monkeypatch):
    """Large files have their repeating columns read as categories (quicker there); what comes
    in, and every line of the report, must be the same as for text cells."""
    data = _script_made_register() if source == "script" else source.read_bytes()
    as_text = import_file(data, "register.csv")
    monkeypatch.setattr(importer, "CATEGORY_BYTES", 0)
    table = read_table(data, "register.csv")
    assert any(isinstance(t, pd.CategoricalDtype) for t in table.cells.dtypes)
    as_categories = interpret(table)

    pd.testing.assert_frame_equal(as_text.frame, as_categories.frame)
    for part in ("refused", "emptied", "skipped", "notes"):
        assert [p.message("nl") for p in getattr(as_text, part)] == [
            p.message("nl") for p in getattr(as_categories, part)
        ], part
    assert repr(as_text.readings) == repr(as_categories.readings)
    assert as_text.summary("nl") == as_categories.summary("nl")


def test_counts_in_the_report_are_grouped_by_thousands_as_the_reader_writes_them():
    """'1.200 van de 1.200 rijen' on the Dutch page, '1,200 of 1,200' on the English one."""
    text = "Naam;Kwetsbaarheid\n" + "".join(f"Vakbond {i};hoog\n" for i in range(1200))
    result = import_file(text.encode())
    assert "1.200 van de 1.200 rijen" in result.summary("nl")
    assert "1,200 of 1,200" in result.summary("en")
