"""Registers made by the tools people use (tests/stakeholders/files, made by
tests/make_files.py), read as a careful analyst reads them: cell by cell where it matters.

- nl-register-1-10.csv: Excel's Dutch CSV, scores out of 10, the scale named in each heading.
- en-register-1-7.xlsx: scores out of 7, named as "(1–7)", "/7" and "(1 to 7)".
- nl-groepsrij-organisatie-persoon.xlsx: a title, a group row "Ernst" merged above three
  headings, the names under "Organisatie / persoon", a free-text type, number and date cells
  that have no field.
- google-sheets-export.csv: UTF-8, commas, multi-line cells, "n.v.t." and "?" for "no score",
  empty columns at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dialoog.stakeholders.importer import import_file, interpret, read_table
from dialoog.stakeholders.priority import prioritise
from dialoog.stakeholders.readings import readings
from dialoog.stakeholders.register import to_records

FILES = Path(__file__).parent / "files"
PARTS = ("scale", "scope", "irremediability", "likelihood", "vulnerability")


def by_name(result) -> dict:
    return {s.name: s for s in to_records(result.frame)}


def scores(stakeholder) -> tuple:
    return tuple(getattr(stakeholder, part) for part in PARTS)


def column(result, heading: str):
    return next(c for c in result.columns if c.heading == heading)


def test_a_register_out_of_ten_is_read_by_the_rule_its_headings_name():
    data = (FILES / "nl-register-1-10.csv").read_bytes()
    assert b"\r\n" in data and "é".encode("cp1252") in data
    result = import_file(data, "register.csv")
    assert result.ready and result.errors == [] and len(result.frame) == 25
    rows = by_name(result)
    # as written 9, 7, 10, 6, 8 on 1–10: 9–10 → 5, 7–8 → 4, 5–6 → 3
    assert scores(rows["Naaisters Dhaka Stitch"]) == (5, 4, 5, 3, 4)
    assert scores(rows["Kinderen katoenpluk"]) == (5, 2, 5, 2, 5)  # 10, 4, 10, 3, 10
    assert scores(rows["Stichting Eerlijke Draad"]) == (1, 1, 1, 1, 1)  # 2, 2, 1, 2, 2
    assert scores(rows["Weverij Denizli"]) == (3, 3, 2, 2, 2)  # 5, 5, 3, 4, 4
    assert rows["Naaisters Dhaka Stitch"].group == "worker"
    assert rows["Vakbond Gazipur"].group == "union"
    severity = column(result, "Severity (1-10)")
    assert severity.field == "scale" and severity.mode == "ten" and severity.read == 25
    assert readings().modes["ten"].rule() in severity.how  # the rule, shown
    # the priorities spread as the file does: not everyone low
    ranked = prioritise(result.frame).set_index("name")
    assert ranked["band"].value_counts().to_dict() == {"high": 8, "medium": 5, "low": 12}
    assert ranked.loc["Naaisters Dhaka Stitch", "rank"] == 1
    assert ranked.loc["Directie Dhaka Stitch", "band"] == "low"


def test_a_register_out_of_ten_without_the_scale_in_its_headings_is_asked_not_guessed():
    text = (FILES / "nl-register-1-10.csv").read_bytes().decode("cp1252")
    text = text.replace(" (1-10)", "")
    table = read_table(text.encode("cp1252"), "register.csv")
    asking = interpret(table)
    assert not asking.ready and asking.frame.empty
    asked = [c.heading for c in asking.asks]
    assert asked == ["Severity", "Scope", "Onherstelbaarheid", "Kans", "Kwetsbaarheid"]
    assert "10" in asking.asks[0].question  # the highest number in the column, named
    assert ("schaal 1–10 (of 0–10) → 1–5", "ten") in asking.asks[0].modes
    answered = interpret(table, modes={c.position: "ten" for c in asking.asks})
    assert answered.ready and scores(by_name(answered)["Naaisters Dhaka Stitch"]) == (
        5, 4, 5, 3, 4
    )  # fmt: skip
    assert readings().modes["ten"].rule() in column(answered, "Kans").how


def test_a_register_out_of_seven_keeps_its_ends_and_middle():
    result = import_file((FILES / "en-register-1-7.xlsx").read_bytes(), "r.xlsx", lang="en")
    assert result.ready and result.errors == [] and len(result.frame) == 15
    assert [column(result, h).mode for h in ("Severity (1–7)", "Scope /7", "Likelihood (1 to 7)")
            ] == ["seven"] * 3  # fmt: skip
    rows = by_name(result)
    # 6, 5, 7, 4, 6 on 1–7: 7 → 5, 5–6 → 4, 4 → 3
    assert scores(rows["Garment workers Dhaka Stitch"]) == (4, 4, 5, 3, 4)
    assert scores(rows["Child pickers"]) == (5, 2, 5, 2, 5)  # 7, 3, 7, 2, 7
    assert scores(rows["Supplier management"]) == (1, 1, 1, 1, 1)
    assert rows["Refugee workers"].group == "rights_holder"
    assert rows["Garment workers Dhaka Stitch"].notes == ""  # every column has a field


def test_a_group_row_and_an_unusual_name_heading_come_in_with_nothing_dropped():
    result = import_file((FILES / "nl-groepsrij-organisatie-persoon.xlsx").read_bytes(), "r.xlsx")
    assert result.ready and not result.missing_name and result.errors == []
    assert result.header_row == 3 and len(result.frame) == 18
    assert [c.heading for c in result.columns][:5] == [
        "Organisatie / persoon", "Type", "Ernst: Schaal", "Ernst: Reikwijdte",
        "Ernst: Onomkeerbaarheid",
    ]  # fmt: skip
    assert [c.field for c in result.columns] == [
        "name", "group", "scale", "scope", "irremediability", "likelihood", "vulnerability",
        "+notes", "+notes",
    ]  # fmt: skip
    rows = by_name(result)
    dhaka = rows["Naaisters Dhaka Stitch"]
    assert dhaka.group == "worker" and scores(dhaka) == (5, 4, 4, 4, 5)
    # a number and a date with no field of their own: in the notes, written as a reader does
    assert dhaka.notes == "Aantal getroffen: 1250\nLaatste contact: 10-03-2026"
    assert rows["Omwonenden ververij"].group == "community"  # 'Affected community'
    assert rows["Omwonenden ververij"].notes.startswith("Aantal getroffen: 12000\n")
    # free text in the type column: kept as written, one line for the column in the report
    homework = rows["Thuiswerkers borduurwerk"]
    assert homework.group is None and homework.notes.startswith("Type: Informele sector")
    (kept,) = [p for p in result.notes if p.column == "Type"]
    assert "Informele sector (2×)" in kept.message("nl") and "Kinderen (1×)" in kept.message("nl")
    assert result.emptied == []
    assert column(result, "Type").kept == 3 and column(result, "Type").read == 15
    assert column(result, "Aantal getroffen").sample == ("1250", "12000", "30000")
    assert column(result, "Laatste contact").sample[0] == "10-03-2026"
    assert rows["Journalist Dhaka"].notes == ""  # nothing in those cells: nothing added


def test_a_google_sheets_download_with_no_scores_written_as_words():
    data = (FILES / "google-sheets-export.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b'"Met in March.\nWages' in data
    result = import_file(data, "Stakeholders - Sheet1.csv", lang="en")
    assert result.ready and result.errors == [] and len(result.frame) == 8
    assert result.table.detail == "UTF-8, ','"
    assert len(result.columns) == 9  # the empty trailing columns are not columns
    rows = by_name(result)
    garment = rows["Garment workers, Dhaka"]  # a comma inside a quoted name
    assert scores(garment) == (4, 4, 5, 4, 5)
    assert garment.notes == "Met in March.\nWages below living wage; overtime in peak weeks."
    assert scores(rows["Union NGWF"]) == (3, 3, 2, None, 3)  # n.v.t.: not assessed
    assert scores(rows["Cotton farmers"]) == (None, None, None, None, 4)  # ?: not assessed
    assert scores(rows["Fair Thread"]) == (None,) * 5
    assert rows['Refugees ("Syrian workers")'].notes == "Through interpreter;\nsee report"
    assert rows["Dyehouse neighbours"].group == "community"
    likelihood = column(result, "Likelihood")
    assert likelihood.read == 5 and likelihood.emptied == 0
    assert "n.v.t. (2×)" in likelihood.how and "? (1×)" in likelihood.how


@pytest.mark.parametrize(
    ("heading", "field", "mode"),
    [("Scope /7", "scope", "seven"), ("Kans %", "likelihood", "percent"),
     ("Ernst (0-100)", "scale", "percent"), ("Kwetsbaarheid 1 t/m 3", "vulnerability", "three"),
     ("Omvang op 10", "scope", "ten")],
)  # fmt: skip
def test_a_heading_that_names_its_scale_is_matched_without_it(heading, field, mode):
    result = import_file(f"Naam;{heading}\nA;2\n".encode())
    assert result.mapping[1] == field and result.readings[1].mode == mode
