"""Benchmark: import, validate, prioritise and tabulate stakeholder registers of growing size.

For registers of 1,000, 10,000 and 100,000 rows (built from the example register in
`data/examples/stakeholders.csv`, with unique names and varied scores) it prints the seconds and
the peak memory of dialoog's whole path (bytes -> validated register -> priority -> the
analyst's tables), next to a bare `pandas.read_csv` of the same file. The aim is to stay within
3x of the bare read at every size.

Run: .venv/bin/python benchmarks/register.py [--sizes 1000 10000 100000] [--repeat 3]
Times are the best of `repeat` runs; memory is measured in a separate run with tracemalloc.
"""

from __future__ import annotations

import argparse
import gc
import io
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


def make_register(rows: int, seed: int = 4) -> bytes:
    """A register of `rows` rows as Excel-style CSV (UTF-8 with BOM, ';')."""
    example = pd.read_csv(EXAMPLE, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    frame = example.iloc[np.arange(rows) % len(example)].reset_index(drop=True)
    frame["Naam"] = [f"{name} {i + 1}" for i, name in enumerate(frame["Naam"])]
    for column in SCORES:
        values = rng.integers(1, 6, rows).astype(str).astype(object)
        values[rng.random(rows) < 0.1] = ""
        frame[column] = values
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


def seconds(task, path: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        task(path)
        best = min(best, time.perf_counter() - start)
    return best


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
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    register_data()  # content is loaded once per process, not per import
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.csv"
        warm.write_bytes(make_register(200))
        full(warm)
        print(
            f"{'rows':>8} {'file MB':>8} {'read_csv s':>11} {'dialoog s':>10} {'ratio':>6} "
            f"{'read_csv MB':>12} {'dialoog MB':>11}"
        )
        for rows in args.sizes:
            path = Path(folder) / f"register-{rows}.csv"
            path.write_bytes(make_register(rows))
            t_bare = seconds(bare, path, args.repeat)
            t_full = seconds(full, path, args.repeat)
            m_bare = peak_mb(bare, path)
            m_full = peak_mb(full, path)
            size = path.stat().st_size / 1024 / 1024
            print(
                f"{rows:>8,} {size:>8.1f} {t_bare:>11.3f} {t_full:>10.3f} "
                f"{t_full / t_bare:>5.1f}x {m_bare:>12.1f} {m_full:>11.1f}"
            )


if __name__ == "__main__":
    main()
