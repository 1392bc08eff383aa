"""Importing an analyst's spreadsheet: forgiving about the file, strict about the values."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dialoog.stakeholders.export import register_csv, register_xlsx
from dialoog.stakeholders.importer import (
    ImportFailed,
    import_file,
    interpret,
    match_heading,
    read_table,
)
from dialoog.stakeholders.record import Stakeholder
from dialoog.stakeholders.register import to_records

FIELDS = ["name", "group", "chain", "country", "issues", "scale", "scope", "irremediability",
          "likelihood", "vulnerability", "knowledge", "influence", "relationship", "reach",
          "contact", "notes", "selected", "selection_reason"]  # fmt: skip


def records(result) -> list[dict]:
    return [s.model_dump(exclude={"id"}) for s in to_records(result.frame)]


def reasons(result) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for problem in result.errors:
        out.setdefault(problem.row, []).append(problem.key)
    return out


# -- the example files ---------------------------------------------------------------------
def test_the_example_register_comes_in_whole(example_csv):
    result = import_file(example_csv, "stakeholders.csv")
    assert len(result.frame) == 42 and result.errors == [] and result.notes == []
    assert result.mapping == FIELDS
    first = records(result)[0]
    assert first["name"] == "Naaisters bij confectiefabriek Dhaka Stitch"
    assert first["group"] == "worker" and first["country"] == "BD"
    assert first["issues"] == ["living_wage", "working_hours", "harassment", "health_safety"]
    assert first["scale"] == 4 and first["selected"] is True


def test_the_example_csv_and_xlsx_hold_the_same_register(example_csv, example_xlsx):
    assert records(import_file(example_csv, "a.csv")) == records(
        import_file(example_xlsx, "a.xlsx")
    )


def test_the_messy_csv_brings_in_every_named_row_and_reports_each_cell_it_left_empty(messy_csv):
    result = import_file(messy_csv, "stakeholders-messy.csv", lang="en")
    assert result.header_row == 4  # under a title line, a blank line and a merged header line
    assert result.table.detail == "UTF-8, ';'"
    assert reasons(result) == {
        16: ["sh.import.score_range"],  # 7: the cell is left empty, the row comes in
        19: ["sh.import.no_name_in_row"],  # refused: no name
        20: ["sh.import.duplicate"],  # refused: the name is already in row 6
        21: ["sh.import.not_a_flag"],  # 'misschien'
    }  # 'Buurman' as a group (row 18) is no choice: kept as written, in the notes
    assert result.rejected_rows == [19, 20]
    assert len(result.frame) == 14 and result.source_rows == 16
    assert result.summary("en") == (
        "stakeholders-messy.csv: 14 of 16 rows can be read; 2 refused, 2 cells left empty,"
        " 0 summary rows skipped."
    )
    messages = [p.message("en") for p in result.errors]
    assert messages[0] == (
        "Row 16, column 'Ernst: Schaal (1-5)': 7 is outside the scale from 1 to 5."
    )  # the group row above the headings is read with them
    assert "'vakbond textiel  gazipur' is already in row 6" in messages[2]
    rows = {r["name"]: r for r in records(result)}
    assert rows["Naaisters Dhaka Stitch"]["notes"] == (
        "Vooral vrouwen;\nveel overwerk in piekseizoen"
        "\nEigenaar intern: Anouk\nLaatste contact: 12-02-2025"  # columns without a field: kept
    )
    assert rows["Vakbond Textiel Gazipur"]["scale"] == 4  # 'Ernstig', the label of level 4
    assert rows["Stichting Eerlijke Draad"]["scale"] == 3  # '3,0'
    assert rows["Stichting Eerlijke Draad"]["country"] == "001"  # 'Global'
    assert rows["Stichting Eerlijke Draad"]["notes"].startswith("- let op: kritisch rapport 2024")
    assert rows["Cacaoboeren Ivoorkust (nieuwe productlijn?)"]["country"] == "CI"
    assert rows["Katoenboeren Gujarat"]["issues"] == ["living_wage", "chemicals", "water"]
    assert rows["Omwonenden ververij"]["issues"] == ["water", "Huisvesting langs de rivier"]
    assert rows['=HYPERLINK("http://example.com","klik hier")']["country"] == "NL"  # 'Holland'
    assert rows["Naaisters Dhaka Stitch"]["selected"] is True  # 'x'
    assert rows["Sorteerders Kantamanto"]["scale"] is None  # the 7, left empty
    assert rows["Sorteerders Kantamanto"]["scope"] == 4  # the rest of the row came in
    assert rows["Seizoensarbeiders katoenpluk"]["scope"] == 4  # 'hoog'
    assert rows["Jonge vrouwen spinnerijen Tamil Nadu"]["likelihood"] == 3  # 2.5, rounded up
    readings = {result.headings[p]: r for p, r in result.readings.items()}
    assert readings["Omvang (1-5)"].words == {("hoog", 4): 1}
    assert readings["Kans"].rounded == 1


def test_the_messy_csv_keeps_the_columns_and_choices_it_has_no_field_for(messy_csv):
    result = import_file(messy_csv, "m.csv", lang="en")
    notes = [p.message("en") for p in result.notes]
    assert any("Buurman (1×)" in n and "in the stakeholder's notes" in n for n in notes)
    assert any("Geluid" in n and "kept as written" in n for n in notes)
    kept = {c.heading: c for c in result.columns if c.field == "+notes"}
    assert set(kept) == {"Eigenaar intern", "Laatste contact"}  # listed, kept, never dropped
    assert all(c.kept and c.sample for c in kept.values())
    neighbours = {r["name"]: r["notes"] for r in records(result)}["Buurtbewoners DC Tilburg"]
    assert neighbours.startswith("Type: Buurman")


def test_a_vertically_merged_heading_is_found_above_a_blank_one(messy_csv):
    result = import_file(messy_csv, "m.csv")
    assert result.headings[0] == "Stakeholder" and result.mapping[0] == "name"


# -- headings ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Naam", "name"),
        ("Name", "name"),
        ("NAME ", "name"),
        ("Stakeholder", "name"),
        ("Ernst: schaal (1-5)", "scale"),
        ("Severity: scope", "scope"),
        ("Irremediability [1-5]", "irremediability"),
        ("Kans", "likelihood"),
        ("Thema's", "issues"),
        ("Selected for dialogue", "selected"),
        ("Reden van de keuze", "selection_reason"),
        ("Prioriteit", "=priority"),
        ("Ernst (berekend)", "=severity"),
        ("Datum laatste contact", None),
    ],
)
def test_headings_are_matched_in_either_language(heading, field):
    assert match_heading(heading) == field


def test_an_english_export_is_read_back(example_csv):
    english = "Name,Group,Country,Risks and issues,Severity: scale,Selected for dialogue\n"
    english += 'Dock workers,Workers in the value chain,Netherlands,"Working hours; Safety",2,yes\n'
    result = import_file(english.encode(), "en.csv")
    row = records(result)[0]
    assert (row["group"], row["country"], row["issues"], row["scale"], row["selected"]) == (
        "worker",
        "NL",
        ["working_hours", "health_safety"],
        2,
        True,
    )


def test_no_name_heading_is_no_dead_end_the_preview_asks_for_the_names_column():
    table = read_table(b"Persoon;Type\nBuurtbewoners;Omwonenden\n")
    asking = interpret(table)
    assert asking.missing_name and not asking.ready and asking.frame.empty
    assert [(c.heading, c.sample) for c in asking.columns] == [
        ("Persoon", ("Buurtbewoners",)), ("Type", ("Omwonenden",))
    ]  # fmt: skip
    result = interpret(table, {0: "name"})
    assert records(result)[0]["name"] == "Buurtbewoners"
    assert records(result)[0]["group"] == "community"
    skipped = interpret(table, {0: "name", 1: None})
    assert records(skipped)[0]["group"] is None


def test_a_field_chosen_for_a_second_column_moves_there():
    table = read_table(b"Naam;Groep;Type\nA;Vakbond;Ngo\n")
    assert interpret(table).mapping == ["name", "group", "+notes"]  # a second group: kept
    moved = interpret(table, {2: "group"})
    assert moved.mapping == ["name", None, "group"] and records(moved)[0]["group"] == "ngo"


def test_calculated_columns_are_recalculated_not_read(example_csv):
    exported = register_csv(import_file(example_csv).frame, "nl")
    result = import_file(exported, "export.csv")
    assert result.errors == []
    assert [p.key for p in result.notes] == ["sh.import.recalculated"]


# -- file formats --------------------------------------------------------------------------
def test_excel_csv_in_windows_1252_is_read():
    text = "Naam;Land;Notities\nCoöperatie;België;Café met ‘aanhalingstekens’\n"
    result = import_file(text.encode("cp1252"), "excel.csv")
    assert result.table.detail == "Windows-1252, ';'"
    assert records(result)[0]["name"] == "Coöperatie" and records(result)[0]["country"] == "BE"


def test_excel_csv_whose_first_accent_comes_late_is_still_read_as_windows_1252():
    """Only the start of a file is looked at to choose its encoding; an 'é' after the first
    64 KB must not turn the whole file away or into garbage."""
    rows = "".join(f"Leverancier {i};Nederland;3\r\n" for i in range(3000))
    text = "Naam;Land;Ernst\r\n" + rows + "Coöperatie Café;België;4\r\n"
    assert len(rows) > 65536
    result = import_file(text.encode("cp1252"), "excel.csv")
    assert result.table.detail == "Windows-1252, ';'" and len(result.frame) == 3001
    last = records(result)[-1]
    assert last["name"] == "Coöperatie Café" and last["country"] == "BE"


def test_utf16_tab_separated_unicode_text_is_read():
    text = "Naam\tGroep\r\nVakbond\tVakbond\r\n"
    result = import_file(text.encode("utf-16"), "unicode.txt")
    assert result.table.detail == "UTF-16, 'tab'" and records(result)[0]["group"] == "union"


def test_comma_separated_with_quotes_and_extra_columns_is_read():
    text = 'Name,Extra,Notes\n"Smith, J.",x,"said ""no"""\n'
    row = records(import_file(text.encode(), "c.csv"))[0]
    assert (row["name"], row["notes"]) == ("Smith, J.", 'said "no"\nExtra: x')


def test_rows_longer_than_the_heading_do_not_stop_the_import():
    text = "Naam;Groep\nA;Vakbond;extra;cells\nB;Ngo\n"
    result = import_file(text.encode(), "ragged.csv")
    assert [r["name"] for r in records(result)] == ["A", "B"]


def merged_workbook() -> bytes:
    """An analyst's sheet: a merged title, a two-line header with merged cells, merged groups."""
    book = openpyxl.Workbook()
    info = book.active
    info.title = "Toelichting"
    info["A1"] = "Dit werkboek hoort bij het stakeholderoverleg."
    sheet = book.create_sheet("Stakeholders")
    sheet["A1"] = "Stakeholderregister Groen Garen BV"
    sheet.merge_cells("A1:G1")
    sheet["A2"] = "Naam"
    sheet.merge_cells("A2:A3")
    sheet["B2"] = "Groep"
    sheet.merge_cells("B2:B3")
    sheet["C2"] = "Ernst"
    sheet.merge_cells("C2:E2")
    sheet["C3"], sheet["D3"], sheet["E3"] = "Schaal", "Omvang", "Onherstelbaarheid"
    sheet["F2"] = "Kans"
    sheet.merge_cells("F2:F3")
    sheet["G2"] = "Gekozen"
    sheet.merge_cells("G2:G3")
    rows = [("Naaisters", "Werkenden", 4, 4, 3, 5, True),
            ("Strijkers", None, 3, 3, 2, 4, False),
            ("Vakbond", "Vakbond", 3.0, 4, 3, 4, "ja")]  # fmt: skip
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c, value)
    sheet.merge_cells("B4:B5")  # one group for two rows
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_merged_header_and_body_cells_in_excel_are_read():
    result = import_file(merged_workbook(), "analyse.xlsx")
    assert result.table.sheet == "Stakeholders" and result.header_row == 3
    assert result.mapping == ["name", "group", "scale", "scope", "irremediability",
                              "likelihood", "selected"]  # fmt: skip
    rows = records(result)
    assert [r["group"] for r in rows] == ["worker", "worker", "union"]
    assert [r["scale"] for r in rows] == [4, 3, 3] and [r["selected"] for r in rows] == [
        True,
        False,
        True,
    ]
    assert result.errors == []


def test_a_password_protected_workbook_gets_a_clear_message():
    # An encrypted .xlsx is an OLE compound file holding an 'EncryptedPackage' stream.
    fake = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(ImportFailed) as failed:
        read_table(fake, "geheim.xlsx")
    assert failed.value.key == "sh.import.encrypted"
    assert "password-protected" in failed.value.message("en")
    assert "wachtwoord" in failed.value.message("nl")


def test_an_old_xls_file_gets_a_clear_message():
    with pytest.raises(ImportFailed, match=r"\.xls"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "oud.xls")


def test_a_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(ImportFailed) as failed:
        read_table(b"Naam\n" + b"x" * (50 * 1024 * 1024), "groot.csv")
    assert failed.value.key == "sh.import.too_large"
    assert "50.0 MB" in failed.value.message("en") and "10 MB" in failed.value.message("en")


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "sh.import.empty"),
        (b"\n\n  \n", "sh.import.empty"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "sh.import.not_table"),
        (b"PK\x03\x04garbage", "sh.import.bad_excel"),
        (b'{"format": "dialoog-workbook", "stakeholders": []}', "sh.import.not_table"),
        (b"Naam;Groep\n;;\n", "sh.import.no_rows"),
        (b"Lorem ipsum dolor sit amet.\nConsectetur adipiscing.", "sh.import.no_columns"),
    ],
)
def test_a_file_that_is_not_a_register_says_why(data, key):
    with pytest.raises(ImportFailed) as failed:
        import_file(data, "file")
    assert failed.value.key == key
    assert failed.value.message("nl").endswith("Je register is niet veranderd.")


def test_an_opendocument_spreadsheet_is_named():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(ImportFailed, match="OpenDocument"):
        read_table(buffer.getvalue(), "register.ods")


def test_an_export_imports_back_to_the_same_register(example_csv):
    original = records(import_file(example_csv))
    for lang in ("nl", "en"):
        frame = import_file(example_csv).frame
        again_csv = sorted(records(import_file(register_csv(frame, lang))), key=lambda r: r["name"])
        again_xlsx = sorted(
            records(import_file(register_xlsx(frame, lang))), key=lambda r: r["name"]
        )
        assert again_csv == again_xlsx == sorted(original, key=lambda r: r["name"])


def test_text_that_looks_like_a_formula_survives_export_and_import():
    people = [Stakeholder(name='=HYPERLINK("http://x","klik")', notes="+31 6 1234", contact="@me")]
    from dialoog.stakeholders.register import to_frame

    again = records(import_file(register_csv(to_frame(people), "nl")))[0]
    assert (again["name"], again["notes"], again["contact"]) == (
        '=HYPERLINK("http://x","klik")',
        "+31 6 1234",
        "@me",
    )
