"""Benchmark: what reading an upload costs a kernel, for the worst files dialoog accepts and
for files it refuses (issue: files are bounded by what they cost, not by their size).

Each file is read with `read_table` in a fresh process (as a kernel would), measuring the
memory added at the peak (VmHWM) and the time:

- the worst .xlsx that passes: 120,000 rows × 20 columns of 40-character texts, inline (no
  shared strings: every cell its own text), 186 MB unpacked, under the 200 MB limit;
- the worst CSV that passes: 10 MB (the upload limit), 120,000 rows × 20 columns;
- a "bomb": under 1 MB, 190 MB unpacked, about twelve million numbers (refused);
- a wide CSV: 9 MB, 50,000 columns (refused).

    .venv/bin/python benchmarks/uploads.py

Figures, not a test (tests/stakeholders/test_budget.py checks the refusals and a ceiling).
"""

from __future__ import annotations

import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dialoog.testing.files import dense_rows, read_in_fresh_process, xlsx  # noqa: E402


def text_rows(rows: int, columns: int, width: int):
    yield b"<sheetData>"
    for r in range(rows):
        cells = b"".join(
            b'<c t="inlineStr"><is><t>' + b"%0*d" % (width, r * columns + c) + b"</t></is></c>"
            for c in range(columns)
        )
        yield b"<row>" + cells + b"</row>"
    yield b"</sheetData>"


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="dialoog-uploads-"))
    files = {
        "worst .xlsx accepted (120,000 × 20 texts)": xlsx(
            folder / "worst.xlsx", [("Blad", text_rows(120_000, 20, 40))]
        ),
        "bomb .xlsx (190 MB unpacked)": xlsx(folder / "bomb.xlsx", [("Blad", dense_rows(26, 190))]),
    }
    worst_csv = folder / "worst.csv"
    line_width = 10_000_000 // 120_000
    cell = "x" * (line_width // 20 - 1)
    worst_csv.write_text("\n".join(";".join([cell] * 20) for _ in range(120_000)), "utf-8")
    files["worst CSV accepted (10 MB, 120,000 × 20)"] = worst_csv
    wide = folder / "wide.csv"
    wide.write_text("\n".join([";".join("1" * 1 for _ in range(50_000))] * 90), "utf-8")
    files["wide CSV (50,000 columns)"] = wide

    print("| file | on disk | unpacked | result | memory added | time |")
    print("|---|---|---|---|---|---|")
    for name, path in files.items():
        size = path.stat().st_size / 1e6
        unpacked = size
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(i.file_size for i in archive.infolist()) / 1e6
        result = read_in_fresh_process(path)
        outcome = "read" if result["key"] is None else f"refused ({result['key']})"
        print(
            f"| {name} | {size:.1f} MB | {unpacked:.0f} MB | {outcome} | "
            f"{result['added_mb']:.0f} MB | {result['seconds']:.1f} s |"
        )


if __name__ == "__main__":
    main()
