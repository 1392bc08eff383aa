"""Benchmark: import, validate, prioritise and tabulate stakeholder registers of growing size.

For registers of 1,000, 10,000 and 100,000 rows (built from the example register in
`data/examples/stakeholders.csv`, with unique names), once with numeric scores and once the way
analysts write them (word scales 'hoog/midden/laag', a percentage column with decimal commas,
'3,0'), it prints the seconds and the peak memory of dialoog's whole path (bytes -> validated
register with its report -> priority -> the analyst's tables) next to a bare `pandas.read_csv`
of the same file: the median of `repeat` interleaved runs in one process, and the first import
in a fresh process (Python start and imports included; the bare read likewise). The aims:
within 3x of the bare read at 10,000 and 100,000 rows in a warm process, under 1 s for 10,000
rows in a fresh one.

Run: .venv/bin/python benchmarks/register.py [--sizes 1000 10000 100000] [--repeat 5]
Memory is measured in a separate run with tracemalloc.
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialoog.stakeholders import tables  # noqa: E402
from dialoog.stakeholders.choices import register_data  # noqa: E402
from dialoog.stakeholders.importer import import_file  # noqa: E402
from dialoog.stakeholders.priority import prioritise  # noqa: E402

EXAMPLE = ROOT / "data" / "examples" / "stakeholders.csv"
SCORES = ("Ernst: schaal", "Ernst: omvang", "Ernst: onherstelbaarheid", "Waarschijnlijkheid",
          "Kwetsbaarheid", "Kennis en expertise", "Invloed")  # fmt: skip


def make_register(rows: int, seed: int = 4, words: bool = False) -> bytes:
    """A register of `rows` rows as Excel-style CSV (UTF-8 with BOM, ';'); with `words`, scores
    as analysts write them: 'hoog/midden/laag', '3,0', and likelihood as a percentage."""
    example = pd.read_csv(EXAMPLE, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    frame = example.iloc[np.arange(rows) % len(example)].reset_index(drop=True)
    frame["Naam"] = [f"{name} {i + 1}" for i, name in enumerate(frame["Naam"])]
    for column in SCORES:
        values = rng.integers(1, 6, rows).astype(str).astype(object)
        if words and column in ("Kwetsbaarheid", "Invloed", "Kennis en expertise"):
            values = np.array(["laag", "midden", "hoog", "zeer hoog"], dtype=object)[
                rng.integers(0, 4, rows)
            ]
        elif words and column == "Waarschijnlijkheid":
            values = np.array([f"{x:.1f}".replace(".", ",") for x in rng.uniform(0, 100, rows)],
                              dtype=object)  # fmt: skip
        elif words:
            values = np.array([f"{v},0" for v in values], dtype=object)
        values[rng.random(rows) < 0.1] = ""
        frame[column] = values
    if words:
        frame = frame.rename(columns={"Waarschijnlijkheid": "Kans (%)"})
    buffer = io.StringIO()
    frame.to_csv(buffer, sep=";", index=False)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def bare(path: Path) -> object:
    return pd.read_csv(path, sep=";", encoding="utf-8-sig")


def full(path: Path) -> object:
    result = import_file(path.read_bytes(), path.name, max_bytes=None)
    ranked = prioritise(result.frame)
    return (
        tables.counts(ranked, "group", "nl"),
        tables.counts(ranked, "country", "nl"),
        tables.counts(ranked, "issues", "nl"),
        tables.ranking(ranked, "nl"),
        tables.selection(ranked, "nl"),
        tables.crosstab(ranked, "nl"),
    )


def timed(task, path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    task(path)
    return time.perf_counter() - start


def interleaved(path: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of the bare read and of dialoog's path, run in turns."""
    bare_times, full_times = [], []
    for _ in range(repeat):
        bare_times.append(timed(bare, path))
        full_times.append(timed(full, path))
    return statistics.median(bare_times), statistics.median(full_times)


FRESH = """
import sys, time
start = time.perf_counter()
sys.path.insert(0, {root!r})
if {bare}:
    import pandas as pd
    pd.read_csv({path!r}, sep=";", encoding="utf-8-sig")
else:
    from dialoog.stakeholders import tables
    from dialoog.stakeholders.importer import import_file
    from dialoog.stakeholders.priority import prioritise
    result = import_file(open({path!r}, "rb").read(), "r.csv", max_bytes=None)
    ranked = prioritise(result.frame)
    tables.ranking(ranked, "nl"); tables.counts(ranked, "group", "nl")
print(time.perf_counter() - start)
"""


def fresh(path: Path, bare_only: bool) -> float:
    """The first import in a new process: Python's start, imports and the work."""
    code = FRESH.format(root=str(ROOT), bare=bare_only, path=str(path))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def peak_mb(task, path: Path) -> float:
    gc.collect()
    tracemalloc.start()
    task(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    register_data()  # content is loaded once per process, not per import
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.csv"
        warm.write_bytes(make_register(200, words=True))
        full(warm)
        print(
            f"{'rows':>8} {'kind':>7} {'file MB':>8} {'read_csv s':>11} {'dialoog s':>10} "
            f"{'ratio':>6} {'read_csv MB':>12} {'dialoog MB':>11} {'fresh read s':>13} "
            f"{'fresh dialoog s':>16}"
        )
        for rows in args.sizes:
            for words in (False, True):
                path = Path(folder) / f"register-{rows}-{words}.csv"
                path.write_bytes(make_register(rows, words=words))
                t_bare, t_full = interleaved(path, args.repeat)
                m_bare = peak_mb(bare, path)
                m_full = peak_mb(full, path)
                f_bare, f_full = fresh(path, True), fresh(path, False)
                size = path.stat().st_size / 1024 / 1024
                kind = "words" if words else "numbers"
                print(
                    f"{rows:>8,} {kind:>7} {size:>8.1f} {t_bare:>11.3f} {t_full:>10.3f} "
                    f"{t_full / t_bare:>5.1f}x {m_bare:>12.1f} {m_full:>11.1f} {f_bare:>13.2f} "
                    f"{f_full:>16.2f}"
                )


if __name__ == "__main__":
    main()
