"""Benchmark: 40 participants join, submit and answer an open question at once, on SQLite and
on PostgreSQL.

Each participant is its own process with its own connection (as each Voilà kernel is); they
join, wait at a barrier, submit in the same instant, then all send an answer to the open
question at once. A facilitator page (the real FacilitatorView, live refresh every 2.5 s) and
the projected room view (RoomView, every 2 s) watch the session. Printed per backend:
submissions per second, the slowest submission, the time from the last submission to the
pooled chart being up to date (with the refresh work itself, without the polling wait), and
the time from the last open answer to the room view listing every answer.

    .venv/bin/python benchmarks/workshop.py [--participants 40] [--backends sqlite,postgresql]

PostgreSQL: DIALOOG_DATABASE_URL if set, else a throwaway server (Debian's `postgresql`).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

os.environ.setdefault("DIALOOG_DATA_DIR", tempfile.mkdtemp(prefix="dialoog-bench-"))

from dialoog.content import load_content  # noqa: E402
from dialoog.i18n import Localized  # noqa: E402
from dialoog.workshop.instrument import Instrument, Option, Statement, load_instrument  # noqa: E402
from dialoog.workshop.store import WorkshopStore, make_engine  # noqa: E402

REFRESH_SECONDS = 2.5


def synthetic_instrument(content) -> Instrument:
    """Four statements per element on a five-point scale, when the self-assessment is absent."""
    statements = tuple(
        Statement(f"{e.id}_{n}", e.id, Localized(nl=f"{e.title.nl} {n}", en=f"{e.title.en} {n}"))
        for e in content.elements
        for n in range(1, 5)
    )
    options = tuple(Option(str(v), Localized(nl=str(v), en=str(v))) for v in range(1, 6))

    def scores(answers):
        out = {}
        for e in content.elements:
            mine = [s for s in statements if s.element == e.id and s.id in answers]
            given = [int(answers[s.id]) for s in mine]
            out[e.id] = sum((g - 1) * 25 for g in given) / len(given) if given else None
        return out

    return Instrument(statements, options, scores, lambda score: score < 50)


def participant(url, workshop_id, question_id, number, answers, barrier, results, finished) -> None:
    """One participant's kernel: connect and join first, then submit when everyone does.

    It stays alive (idle) until the round is over, as a participant's kernel would.
    """
    engine = make_engine(url)
    store = WorkshopStore(engine=engine, wrong_code_delay=0)
    pid = f"bench-{number:03d}"
    store.join(workshop_id, pid, "")
    barrier.wait()
    started = time.monotonic()
    error = ""
    try:
        store.submit(workshop_id, pid, answers)
    except Exception as exc:  # counted and reported, never hidden
        error = f"{type(exc).__name__}: {exc}"
    ended = time.monotonic()
    barrier.wait()
    try:
        store.answer_question(workshop_id, question_id, pid, f"antwoord {number % 7} vertrouwen")
    except Exception as exc:
        error += f" open answer: {type(exc).__name__}: {exc}"
    results.put((number, started, ended, error, time.monotonic()))
    finished.wait(120)
    engine.dispose()


def run(backend: str, url: str, count: int, instrument: Instrument, content) -> dict:
    from dialoog.session import Session
    from dialoog.workshop.facilitator_view import FacilitatorView

    engine = make_engine(url)
    store = WorkshopStore(engine=engine, wrong_code_delay=0)
    view = FacilitatorView(
        Session(content=content), store, instrument, refresh_seconds=REFRESH_SECONDS, live=False
    )
    view.title_input.value = f"Benchmark {backend}"
    view.create_button.click()
    workshop_id = view.facilitation.workshop_id
    question = view.facilitation.pose("Waarom willen wij deze dialoog?")
    from dialoog.workshop.room_view import RoomView

    room = RoomView(store, instrument, content, view.room_key, refresh_seconds=2.0, live=False)
    room_done = {}
    render_question = room._render_question

    def timed_question(shown_question, texts):
        render_question(shown_question, texts)
        if len(texts) == count:
            room_done.setdefault("at", time.monotonic())

    room._render_question = timed_question

    chart_done = {}
    # warm up matplotlib (fonts, first draw), as on a page that has been open a while
    from dialoog.workshop.charts import RadarSeries, pooled_radar_figure

    pooled_radar_figure([e.id for e in content.elements], [RadarSeries("x", [50] * 9)])

    radar = view._render_radar

    def timed_radar(results):
        radar(results)
        if results.submitted == count:
            chart_done.setdefault("at", time.monotonic())

    view._render_radar = timed_radar
    original_refresh = view.refresh

    ctx = mp.get_context("fork")  # cheap to start; the poller thread starts after the fork
    barrier = ctx.Barrier(count)
    finished = ctx.Event()
    results = ctx.Queue()
    options = [o.id for o in instrument.options]
    procs = []
    for number in range(count):
        answers = {
            "selfassessment": {
                s.id: options[(number + i) % len(options)]
                for i, s in enumerate(instrument.statements)
            }
        }
        proc = ctx.Process(
            target=participant,
            args=(url, workshop_id, question.id, number, answers, barrier, results, finished),
        )
        proc.start()
        procs.append(proc)
    view.poller.start()
    room.poller.start()
    rows = [results.get(timeout=300) for _ in range(count)]
    deadline = time.monotonic() + 30
    while ("at" not in chart_done or "at" not in room_done) and time.monotonic() < deadline:
        time.sleep(0.01)
    view.close()
    room.close()
    finished.set()
    for proc in procs:
        proc.join()
    idle_started = time.monotonic()
    original_refresh(force=True)  # the same redraw, now that the machine is idle
    idle_refresh = time.monotonic() - idle_started
    errors = [r[3] for r in rows if r[3]]
    first_start = min(r[1] for r in rows)
    last_end = max(r[2] for r in rows)
    durations = [r[2] - r[1] for r in rows]
    snap = store.facilitate(view.facilitation.secret).snapshot()
    stored_answers = len(store.open_answers(question.id))
    last_answer = max(r[4] for r in rows)
    engine.dispose()
    return {
        "backend": backend,
        "submitted": len(snap.submitted),
        "errors": errors,
        "rate": count / (last_end - first_start),
        "slowest": max(durations),
        "median": statistics.median(durations),
        "chart_after": chart_done.get("at", float("nan")) - last_end,
        "answers": stored_answers,
        "room_after": room_done.get("at", float("nan")) - last_answer,
        "refresh_work": idle_refresh,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    content = load_content()
    instrument = load_instrument(content) or synthetic_instrument(content)
    print(
        f"{args.participants} participants, one process and connection each, submitting at once; "
        f"{len(instrument.statements)} statements; facilitator refresh every {REFRESH_SECONDS} s"
    )
    server = None
    for backend in args.backends.split(","):
        if backend == "sqlite":
            url = f"sqlite:///{tempfile.mkdtemp(prefix='dialoog-bench-')}/workshops.sqlite"
        else:
            url = os.environ.get("DIALOOG_DATABASE_URL", "")
            if not url:
                from dialoog.testing.postgres import start_postgres

                server = start_postgres()
                if server is None:
                    print("postgresql: skipped (apt-get install -y postgresql)")
                    continue
                url = server.create_database("bench")
        rounds = [run(backend, url, args.participants, instrument, content)]
        for _ in range(args.rounds - 1):
            rounds.append(run(backend, url, args.participants, instrument, content))
        stored = all(
            r["submitted"] == args.participants and r["answers"] == args.participants
            for r in rounds
        )
        errors = [e for r in rounds for e in r["errors"]]

        def figures(key: str, scale: float = 1.0, fmt: str = ".0f", rounds=rounds) -> str:
            values = [r[key] * scale for r in rounds]
            shown = ", ".join(f"{v:{fmt}}" for v in values)
            return f"median {statistics.median(values):{fmt}} (rounds: {shown})"

        print(
            f"{backend:>10}: {args.participants} per round, {len(rounds)} rounds, "
            f"{'all counted exactly once' if stored else 'MISMATCH'}, {len(errors)} errors\n"
            f"            submissions per second: {figures('rate')}\n"
            f"            slowest submission (ms): {figures('slowest', 1000)}\n"
            f"            last submission -> pooled chart up to date (s): "
            f"{figures('chart_after', 1, '.2f')}\n"
            f"            last open answer -> room view lists all (s): "
            f"{figures('room_after', 1, '.2f')}\n"
            f"            (the page polls every {REFRESH_SECONDS} s; one redraw with "
            f"{args.participants} submissions, machine idle (ms): {figures('refresh_work', 1000)})"
        )
        for error in errors[:3]:
            print("            error:", error)
    if server is not None:
        server.stop()


if __name__ == "__main__":
    main()
