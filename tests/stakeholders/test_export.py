"""Exports: clean spreadsheets that run no formula when opened."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dialoog.spreadsheets import neutralise, neutralise_frame, sheet_title, xlsx_bytes
from dialoog.stakeholders.export import csv_bytes, register_csv, register_xlsx
from dialoog.stakeholders.importer import import_file
from dialoog.stakeholders.register import to_frame

from .conftest import EXAMPLES, frame_of, person

DANGEROUS = ["=1+1", "+31 6 1234", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Vakbond", "", " =not at start", 3, None, 4.5])
def test_other_values_are_left_alone(value):
    assert neutralise(value) == value


def test_a_frame_is_neutralised_in_its_cells_and_headings_but_numbers_stay_numbers():
    frame = pd.DataFrame({"=kop": ["=evil()", "ok"], "n": [-3, 4]})
    out = neutralise_frame(frame)
    assert list(out.columns) == ["'=kop", "n"]
    assert out["'=kop"].tolist() == ["'=evil()", "ok"] and out["n"].tolist() == [-3, 4]
    assert frame["=kop"].tolist() == ["=evil()", "ok"]  # the input is not changed


def hostile():
    return frame_of(
        person('=HYPERLINK("http://evil.example","klik")', notes="@SUM(1+1)*cmd|' /C calc'!A0",
               contact="+31 6 12345678", selection_reason="-1+1", selected=True, scale=4),
        person("Gewoon", scale=2),
    )  # fmt: skip


def test_the_csv_has_a_bom_dutch_separators_and_no_live_formula():
    data = register_csv(hostile(), "nl")
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Naam;Groep;Plaats in de keten;Land;")
    for line in text.splitlines()[1:]:
        for cell in line.split(";"):
            assert not cell.strip('"').startswith(("=", "+", "-", "@", "\t", "\r"))
    assert "'=HYPERLINK" in text and "'+31 6 12345678" in text and "'@SUM" in text


def test_the_english_csv_uses_commas():
    assert register_csv(hostile(), "en").decode("utf-8-sig").startswith("Name,Group,")


def test_the_xlsx_has_one_sheet_per_view_with_a_formatted_header_and_no_formulas(example_csv):
    frame = import_file(example_csv).frame
    book = openpyxl.load_workbook(io.BytesIO(register_xlsx(frame, "nl")))
    assert book.sheetnames == ["Register", "Rangorde", "Gekozen voor dialoog", "Per groep",
                               "Per land", "Per risico", "Groepen x risico's"]  # fmt: skip
    sheet = book["Register"]
    assert sheet["A1"].value == "Naam" and sheet["A1"].font.bold
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.max_row == 43
    ranking = book["Rangorde"]
    assert ranking["A2"].value == 1 and ranking["H2"].value == 85


def test_no_cell_of_the_xlsx_is_a_formula_and_text_shows_as_written():
    data = register_xlsx(hostile(), "nl")
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)  # text, not formula
    register = book["Register"]
    assert register["A2"].value == '=HYPERLINK("http://evil.example","klik")'  # no apostrophe
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml  # no formula anywhere in the file


def test_an_xlsx_export_imports_back_to_the_same_register():
    people = hostile()
    again = import_file(register_xlsx(people, "nl"), "r.xlsx").frame
    assert sorted(again["name"]) == sorted(people["name"])
    assert sorted(again["notes"]) == sorted(people["notes"])


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("Groepen x risico's", taken) == "Groepen x risico's"
    assert sheet_title("a/b:c*d?e[f]", taken) == "a-b-c-d-e-f-"
    same = "Een naam van precies 31 tekens!"
    first, second = sheet_title(same, taken), sheet_title(same, taken)
    assert first == same and len(second) <= 31 and first != second
    with pytest.raises(ValueError, match="longer than 31"):  # never cut without a word
        sheet_title("Verantwoording stakeholderbetrokkenheid", taken)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_export_names_its_sheets_in_full(lang):
    """Sheet names come from the message data; each fits Excel's 31 characters as written."""
    from datetime import date

    from dialoog.engagement.export import engagement_xlsx
    from dialoog.i18n import t
    from dialoog.plan.export import registers_xlsx
    from dialoog.storage import loads

    workbook = loads((EXAMPLES / "workbook.json").read_bytes())
    today = date(2026, 6, 25)
    titles = {
        ws.title
        for data in (engagement_xlsx(workbook, lang, today), registers_xlsx(workbook, lang, today),
                     register_xlsx(to_frame(workbook.stakeholders), lang))
        for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets
    }  # fmt: skip
    assert {t(f"eng.sheet.{k}", lang) for k in ("evidence", "log", "concerns")} <= titles
    assert all(len(title) <= 31 for title in titles)


def test_a_single_table_exports_to_csv_and_xlsx():
    table = pd.DataFrame({"Naam": ["-min"], "Aantal": [2]})
    assert csv_bytes(table, "en").decode("utf-8-sig") == "Naam,Aantal\r\n'-min,2\r\n"
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"T": table})))
    assert book["T"]["A2"].value == "-min" and book["T"]["A2"].quotePrefix
    assert book["T"]["B2"].value == 2


def test_every_sheet_name_in_the_messages_fits_excel():
    from dialoog.i18n import catalogue

    names = {k: v for k, v in catalogue().items() if ".sheet" in k}
    assert len(names) >= 15
    for key, text in names.items():
        assert len(text.nl) <= 31 and len(text.en) <= 31, key
