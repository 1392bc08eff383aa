"""Files are bounded by what they cost, not by their size: a small .xlsx that unpacks to
millions of cells, a CSV 50,000 columns wide, a sheet that lies about its size. Each is refused
with a message while it is read, and reading it stays under a stated memory ceiling, measured
in a fresh process (the kernel's situation) with psutil."""

from __future__ import annotations

import json
import subprocess
import sys
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

CEILING_MB = 400  # what reading any upload may add to a kernel's memory (README)

_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def column(n: int) -> str:
    name = ""
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def xlsx(path: Path, sheets: list[tuple[str, object]]) -> Path:
    """A minimal .xlsx as Excel writes it; each sheet's XML comes from an iterable of byte
    chunks (so a sheet of 190 MB is written without ever being in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        types = "".join(_SHEET_TYPE.format(n=i) for i in range(1, len(sheets) + 1))
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=types))
        archive.writestr("_rels/.rels", _RELS)
        names = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                        for i, (name, _) in enumerate(sheets, start=1))  # fmt: skip
        archive.writestr(
            "xl/workbook.xml", f"<workbook {_NS} {_R}><sheets>{names}</sheets></workbook>"
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        for i, (_name, chunks) in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as out:
                out.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>'.encode())
                for chunk in chunks:
                    out.write(chunk)
                out.write(b"</worksheet>")
    return path


def dense_rows(columns: int, megabytes: int):
    """Numbers until the sheet's XML reaches `megabytes` unpacked. Cells and rows without a
    reference (which Excel's format allows) repeat exactly, so they pack as a bomb does."""
    yield b"<sheetData>"
    row = b"<row>" + b"<c><v>7</v></c>" * columns + b"</row>"
    block = row * 1000
    for _ in range(megabytes * 1_000_000 // len(block) + 1):
        yield block
    yield b"</sheetData>"


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


MEASURE = r"""
import json, sys
import psutil
from dialoog.stakeholders.importer import ImportFailed, read_table
process = psutil.Process()
data = open(sys.argv[1], "rb").read()
before = process.memory_info().rss
try:
    read_table(data, sys.argv[1])
    key = None
except ImportFailed as error:
    key = error.key
# the peak of this process's own memory (getrusage's would include its parent's at the fork)
peak = process.memory_full_info().rss
with open("/proc/self/status") as status:
    peak = max(peak, *(int(l.split()[1]) * 1024 for l in status if l.startswith("VmHWM:")))
print(json.dumps({"key": key, "added_mb": (peak - before) / 2**20}))
"""


def measured(path: Path) -> dict:
    """Read `path` in a fresh process: the refusal's key and the memory reading added."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """Under 1 MB on disk, 190 MB unpacked: a sheet of about twelve million numbers."""
    path = xlsx(tmp_path_factory.mktemp("bomb") / "bom.xlsx", [("Blad1", dense_rows(26, 190))])
    assert path.stat().st_size < 1_000_000
    with zipfile.ZipFile(path) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 185_000_000
    return path


def test_a_small_xlsx_that_unpacks_to_millions_of_cells_is_refused_within_the_ceiling(bomb):
    result = measured(bomb)
    assert result["key"] == "sh.import.file_cells"
    assert result["added_mb"] < CEILING_MB, result


def test_a_wide_csv_is_refused_within_the_ceiling(tmp_path):
    line = ";".join(str(i % 10) for i in range(50_000))
    path = tmp_path / "breed.csv"
    path.write_text("\n".join([line] * 90), encoding="utf-8")  # 9 MB: under the size limit
    result = measured(path)
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
