"""Files are bounded by what they cost, not by their size: a small .xlsx that unpacks to
millions of cells, a CSV 50,000 columns wide, a sheet that lies about its size. Each is refused
with a message while it is read, and reading it stays under a stated memory ceiling, measured
in a fresh process (the kernel's situation) with psutil."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dialoog.stakeholders.importer import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    ImportFailed,
    import_file,
    read_table,
)
from dialoog.testing.files import column, dense_rows, read_in_fresh_process, xlsx

CEILING_MB = 400  # what reading any upload may add to a kernel's memory (README)


def register_rows(rows: int = 3):
    heads = ["Naam", "Groep", "Ernst: schaal", "Ernst: omvang", "Ernst: onherstelbaarheid"]
    body = [heads] + [[f"Partij {i}", "Werknemers", "4", "3", "5"] for i in range(1, rows + 1)]
    out = []
    for r, values in enumerate(body, start=1):
        cells = "".join(
            f'<c r="{column(c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in enumerate(values, start=1)
        )
        out.append(f'<row r="{r}">{cells}</row>')
    yield b"<sheetData>" + "".join(out).encode() + b"</sheetData>"


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """Under 1 MB on disk, 190 MB unpacked: a sheet of about twelve million numbers."""
    path = xlsx(tmp_path_factory.mktemp("bomb") / "bom.xlsx", [("Blad1", dense_rows(26, 190))])
    assert path.stat().st_size < 1_000_000
    with zipfile.ZipFile(path) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 185_000_000
    return path


def test_a_small_xlsx_that_unpacks_to_millions_of_cells_is_refused_within_the_ceiling(bomb):
    result = read_in_fresh_process(bomb)
    assert result["key"] == "sh.import.file_cells"
    assert result["added_mb"] < CEILING_MB, result


def test_a_wide_csv_is_refused_within_the_ceiling(tmp_path):
    line = ";".join(str(i % 10) for i in range(50_000))
    path = tmp_path / "breed.csv"
    path.write_text("\n".join([line] * 90), encoding="utf-8")  # 9 MB: under the size limit
    result = read_in_fresh_process(path)
    assert result["key"] == "sh.import.file_columns"
    assert result["added_mb"] < CEILING_MB, result


def test_the_refusals_say_what_was_too_much_in_both_languages(tmp_path):
    rows = "\n".join(["Naam;Groep"] + [f"p{i};g" for i in range(MAX_ROWS + 5)])
    with pytest.raises(ImportFailed) as refused:
        read_table(rows.encode(), "lang.csv")
    assert refused.value.key == "sh.import.file_rows"
    assert "200.000 rijen" in refused.value.message("nl")
    assert "200,000 rows" in refused.value.message("en")
    wide = ";".join(["x"] * (MAX_COLUMNS + 1))
    with pytest.raises(ImportFailed) as refused:
        read_table(f"Naam;{wide}\nA;{wide}".encode(), "breed.csv")
    assert f"{MAX_COLUMNS + 2} kolommen" in refused.value.message("nl")
    assert str(MAX_CELLS) not in refused.value.message("nl")


def test_a_cell_longer_than_excel_allows_is_refused_with_its_row(tmp_path):
    text = "Naam;Notities\nA;kort\nB;" + "x" * 40_000 + "\n"
    with pytest.raises(ImportFailed) as refused:
        read_table(text.encode(), "lang.csv")
    assert refused.value.key == "sh.import.file_cell_length"
    assert "rij 3" in refused.value.message("nl") and "40.000 tekens" in refused.value.message("nl")


def test_a_sheet_that_claims_to_be_huge_is_read_as_it_is(tmp_path):
    """Excel files often say A1:XFD1048576 after formatting a whole sheet: not a refusal."""
    path = xlsx(tmp_path / "claim.xlsx", [("Register", register_rows())])
    data = path.read_bytes().replace(
        b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>', 1
    )
    result = import_file(data, "claim.xlsx")
    assert [r["name"] for r in result.frame.to_dict("records")] == [
        "Partij 1",
        "Partij 2",
        "Partij 3",
    ]


def test_a_cell_far_out_to_the_right_is_refused_not_padded(tmp_path):
    far = (b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c>'
           b'<c r="XFD1"><v>1</v></c></row></sheetData>')  # fmt: skip
    path = xlsx(tmp_path / "ver.xlsx", [("Blad", [far])])
    with pytest.raises(ImportFailed) as refused:
        read_table(path.read_bytes(), "ver.xlsx")
    assert refused.value.key == "sh.import.file_columns"


def test_a_register_beside_a_sheet_that_is_too_big_is_still_read(tmp_path):
    path = xlsx(
        tmp_path / "twee.xlsx", [("Data", dense_rows(26, 120)), ("Register", register_rows())]
    )
    result = import_file(path.read_bytes(), "twee.xlsx")
    assert result.table.sheet == "Register" and len(result.frame) == 3


def test_merged_cells_are_read_from_the_sheet_as_a_stream(tmp_path):
    rows = (b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c>'
            b'<c r="B1" t="inlineStr"><is><t>Groep</t></is></c></row>'
            b'<row r="2"><c r="A2" t="inlineStr"><is><t>Jan</t></is></c>'
            b'<c r="B2" t="inlineStr"><is><t>Werknemers</t></is></c></row>'
            b'<row r="3"><c r="A3" t="inlineStr"><is><t>Piet</t></is></c></row></sheetData>'
            b'<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>')  # fmt: skip
    table = read_table(xlsx(tmp_path / "m.xlsx", [("Blad", [rows])]).read_bytes(), "m.xlsx")
    assert table.cells.iat[2, 1] == "Werknemers"
