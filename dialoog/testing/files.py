"""Files made the way spreadsheet programs make them, for the tests and the benchmarks: a
minimal .xlsx written part by part (so a sheet of 190 MB never is in memory), and reading a
file in a fresh process to measure what it costs (the situation of a kernel)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

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


def xlsx(path: Path, sheets: list[tuple[str, Iterable[bytes]]]) -> Path:
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


MEASURE = r"""
import json, sys, time
import psutil
from dialoog.stakeholders.importer import ImportFailed, read_table
process = psutil.Process()
data = open(sys.argv[1], "rb").read()
before = process.memory_info().rss
start = time.perf_counter()
try:
    read_table(data, sys.argv[1], max_bytes=None)
    key = None
except ImportFailed as error:
    key = error.key
seconds = time.perf_counter() - start
# the peak of this process's own memory (getrusage's would include its parent's at the fork)
peak = process.memory_full_info().rss
with open("/proc/self/status") as status:
    peak = max(peak, *(int(l.split()[1]) * 1024 for l in status if l.startswith("VmHWM:")))
print(json.dumps({"key": key, "added_mb": (peak - before) / 2**20, "seconds": seconds}))
"""


def read_in_fresh_process(path: Path) -> dict:
    """Read `path` with `read_table` in a fresh process: the refusal's key (None: read), the
    memory reading added at its peak (MB) and the seconds it took."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
