"""Benchmark: the shared workbook store, on SQLite and on PostgreSQL.

Printed per backend:

- save latency (median and 95th percentile) of a one-field change in a workbook with 0, 500 and
  5,000 stakeholders, through a real `Session` (flatten the changed section, diff, commit);
- N editors on M workbooks at once for S seconds (default 50 on 10 for 60 s), each editor a
  process of its own with its own connection, as each Voilà kernel is. Each editor types into
  fields of its own and, one edit in ten, into a field every editor of that workbook shares:
  saves per second, conflicts (the shared field), and lost edits: at the end every editor's
  last value of each of its own fields must be in the store (must be 0);
- the time for a change saved on one page to appear on a second page that polls as the app
  does (every 1.5 s).

    .venv/bin/python benchmarks/store.py [--quick] [--backends sqlite,postgresql]
        [--editors 50] [--workbooks 10] [--seconds 60]

PostgreSQL: DIALOOG_DATABASE_URL if set, else a throwaway server (Debian's `postgresql`).
Figures, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DIALOOG_DATA_DIR", tempfile.mkdtemp(prefix="dialoog-bench-"))

from dialoog.content import load_content  # noqa: E402
from dialoog.db import make_engine  # noqa: E402
from dialoog.model import Workbook  # noqa: E402
from dialoog.session import Session  # noqa: E402
from dialoog.stakeholders.record import Stakeholder  # noqa: E402
from dialoog.workbook_store import WorkbookStore  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def save_latency(url: str, content, sizes=(0, 500, 5000), saves: int = 30) -> dict[int, tuple]:
    engine = make_engine(url)
    store = WorkbookStore(engine=engine)
    out = {}
    for size in sizes:
        workbook = Workbook(
            stakeholders=[
                Stakeholder(name=f"Stakeholder {i}", notes="aantekening " * 40, scale=1 + i % 5)
                for i in range(size)
            ]
        )
        token = store.create(workbook)
        opened = store.open(token)
        session = Session(
            opened.workbook, store=store, token=token, access=opened.access,
            revision=opened.revision, synced=opened.units, content=content, autosave_delay=60,
        )  # fmt: skip
        times = []
        for i in range(saves):
            session.set_answer("1", "motivation", f"versie {i}")
            start = time.perf_counter()
            session.flush()
            times.append(time.perf_counter() - start)
        out[size] = (statistics.median(times), percentile(times, 0.95))
    engine.dispose()
    return out


def editor(url, token, number, seconds, start_at, results) -> None:
    """One editor's kernel: edits fields of its own (and now and then a shared one), saves."""
    engine = make_engine(url)
    store = WorkbookStore(engine=engine)
    opened = store.open(token)
    session = Session(
        opened.workbook, store=store, token=token, access=opened.access,
        revision=opened.revision, synced=opened.units, content=load_content(),
        autosave_delay=60,
    )  # fmt: skip
    own = [f"bench_{number}_{k}" for k in range(3)]  # no other editor writes these
    last: dict[str, str] = {}
    saves = conflicts = 0
    rng = random.Random(number)
    while time.time() < start_at:
        time.sleep(0.01)
    end, i = start_at + seconds, 0
    while time.time() < end:
        i += 1
        if rng.random() < 0.1:
            session.set_answer("4c", "goal", f"gedeeld {number}.{i}")
        else:
            field = rng.choice(own)
            last[field] = f"editor {number}, versie {i}"
            session.set_answer("1", field, last[field])
        before = len(session.notices)
        session.flush()
        saves += 1
        conflicts += sum(n.kind == "kept" for n in session.notices[before:])
        time.sleep(rng.uniform(0.05, 0.25))  # someone typing and pausing
    results.put((token, saves, conflicts, last))
    engine.dispose()


def concurrent(url: str, editors: int, workbooks: int, seconds: float) -> dict:
    engine = make_engine(url)
    store = WorkbookStore(engine=engine)
    tokens = [store.create(Workbook()) for _ in range(workbooks)]
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    start_at = time.time() + 10  # every process started, connected and waiting
    procs = [
        ctx.Process(target=editor, args=(url, tokens[n % workbooks], n, seconds, start_at, results))
        for n in range(editors)
    ]
    for p in procs:
        p.start()
    rows = [results.get(timeout=seconds + 180) for _ in procs]
    for p in procs:
        p.join()
    lost = checked = 0
    for token, _saves, _conflicts, last in rows:
        final = store.load(token)
        for field, value in last.items():
            checked += 1
            lost += final.answer("1", field) != value
    engine.dispose()
    saves = sum(r[1] for r in rows)
    return {"saves": saves, "per_second": saves / seconds, "conflicts": sum(r[2] for r in rows),
            "lost": lost, "checked": checked}  # fmt: skip


def appear_time(url: str, content, rounds: int = 10) -> float:
    """Seconds from a save on page A until page B (polling like the app) shows it."""
    engine = make_engine(url)
    store = WorkbookStore(engine=engine)
    a = Session(store=store, content=content, autosave_delay=60)
    a.set_answer("1", "motivation", "begin")
    a.flush()
    opened = store.open(a.token)
    b = Session(
        opened.workbook, store=store, token=a.token, access=opened.access,
        revision=opened.revision, synced=opened.units, content=content,
    )  # fmt: skip
    seen = threading.Event()
    b.watch(lambda _c: seen.set(), "answers")
    b.start_live()
    times = []
    for i in range(rounds):
        seen.clear()
        time.sleep(random.uniform(0, 1.5))
        a.set_answer("1", "motivation", f"ronde {i}")
        start = time.perf_counter()
        a.flush()
        seen.wait(10)
        times.append(time.perf_counter() - start)
    b.stop_live()
    engine.dispose()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 editors on 2 workbooks, 15 s")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--workbooks", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    if args.quick:
        args.editors, args.workbooks, args.seconds = 10, 2, 15
    content = load_content()
    server = None
    lines = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite'}"
        else:
            url = os.environ.get("DIALOOG_DATABASE_URL")
            if not url:
                from dialoog.testing.postgres import start_postgres

                server = start_postgres()
                if server is None:
                    print("PostgreSQL is not installed; skipped")
                    continue
                url = server.create_database(f"bench_{os.getpid()}")
        latency = save_latency(url, content)
        load = concurrent(url, args.editors, args.workbooks, args.seconds)
        appear = appear_time(url, content)
        lines.append((backend, latency, load, appear))
    if server is not None:
        server.stop()
    print(f"\n{args.editors} editors on {args.workbooks} workbooks for {args.seconds:g} s\n")
    print("| measure | " + " | ".join(b for b, *_ in lines) + " |")
    print("|---|" + "---|" * len(lines))
    for size in (0, 500, 5000):
        cells = [f"{lat[size][0] * 1000:.0f} ms / {lat[size][1] * 1000:.0f} ms"
                 for _b, lat, _l, _a in lines]  # fmt: skip
        print(f"| one-field save, {size} stakeholders (median / p95) | " + " | ".join(cells) + " |")
    for label, key, fmt in (("saves per second", "per_second", ".1f"), ("saves", "saves", "d"),
                            ("conflicts (shared field)", "conflicts", "d"),
                            ("lost edits (must be 0)", "lost", "d"),
                            ("own-field edits checked", "checked", "d")):  # fmt: skip
        cells = [format(load[key], fmt) for _b, _lat, load, _a in lines]
        print(f"| {label} | " + " | ".join(cells) + " |")
    print("| change saved on one page → shown on another (median) | "
          + " | ".join(f"{a:.2f} s" for *_x, a in lines) + " |")  # fmt: skip


if __name__ == "__main__":
    main()
