"""Benchmark: a room of N participants on one small server, on SQLite and on PostgreSQL.

The participants' page is served without a kernel (dialoog.server). N participants are HTTP
clients (threads, each with its own cookies, as each phone has), not browsers: they open the
join link, join, answer the whole self-assessment (saved as they tap, one save per screen), send
it, and answer one open question. A few real browser phones (Playwright, 360×740) join beside
them. The room view's API is polled as the projector does (every second). Printed per backend:

- the time until all N have joined (from the first request);
- the 95th percentile of a submission (and the slowest);
- the time from the last submission until the room view shows it (counts and radar);
- the server's memory and CPU-seconds per participant (the Voilà process: no kernel starts);
- submissions lost or counted twice (must be 0: the store's rows against what was sent).

Side by side, in the same run, the kernel-per-phone page it replaces (the participant notebook
of the release before, run from a git worktree): memory and CPU-seconds per phone and the time
until a phone can answer, for a few browser phones.

    .venv/bin/python benchmarks/workshop.py [--participants 200] [--backends sqlite,postgresql]
        [--phones 3] [--kernel-phones 4] [--before 9db5977]

PostgreSQL: DIALOOG_DATABASE_URL if set, else a throwaway server (Debian's `postgresql`).
Figures, not a test: nothing here asserts a time. The load's own threads run on the same two
cores as the server, so the server's figures include that competition.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dialoog.testing.browser import CHROMIUM, CHROMIUM_ARGS, VoilaProcess  # noqa: E402


def process_tree(pid: int):
    import psutil

    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def usage(pid: int) -> tuple[float, float]:
    """(resident MB, CPU seconds) of a server with its kernels."""
    mb = cpu = 0.0
    for proc in process_tree(pid):
        try:
            mb += proc.memory_info().rss / 2**20
            times = proc.cpu_times()
            cpu += times.user + times.system
        except Exception:  # a kernel that just ended
            continue
    return mb, cpu


class Phone:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def xsrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "_xsrf"), "")

    def get(self, path: str):
        with self.opener.open(f"{self.base}{path}", timeout=120) as response:
            return response.read()

    def post(self, action: str, **body):
        request = urllib.request.Request(
            f"{self.base}/dialoog/api/join/{action}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-XSRFToken": self.xsrf()},
            method="POST",
        )
        with self.opener.open(request, timeout=120) as response:
            return json.loads(response.read())


def participant(base: str, code: str, number: int, joined_at: list, submits: list, errors: list):
    phone = Phone(base)
    try:
        phone.get(f"/dialoog/join?code={code}")
        state = phone.post("join", code=code, name="")
        joined_at.append(time.monotonic())
        questionnaire = state["questionnaire"]
        options = [o["id"] for o in questionnaire["options"] if o["scored"]]
        draft = {"selfassessment": {}}
        for screen, part in enumerate(questionnaire["screens"]):
            for i, statement in enumerate(part.get("statements", [])):
                draft["selfassessment"][statement["id"]] = options[(number + i) % len(options)]
            phone.post("save", code=code, draft=draft, screen=screen)
        started = time.monotonic()
        phone.post("submit", code=code, draft=draft, screen=len(questionnaire["screens"]) - 1)
        submits.append((time.monotonic() - started, time.monotonic()))
        poll = json.loads(phone.get(f"/dialoog/api/join/poll?code={code}"))
        question = poll.get("question")
        if question:
            phone.post("answer", code=code, question=question["id"], text=f"antwoord {number % 7}")
    except Exception as error:  # counted and reported, never hidden
        errors.append(f"{number}: {type(error).__name__}: {error}")


def browser_phones(base: str, code: str, count: int) -> list[float]:
    """Real browser phones that join: seconds until each can answer."""
    from playwright.sync_api import sync_playwright

    seconds = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(count):
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            started = time.monotonic()
            page.goto(f"{base}/dialoog/join?code={code}")
            page.locator("button.ws-join").click()
            page.locator(".ws-statement").first.wait_for(timeout=60_000)
            seconds.append(time.monotonic() - started)
            context.close()
        browser.close()
    return seconds


def run(backend: str, url: str | None, count: int, phones: int) -> dict:
    from dialoog.workshop.instrument import Questionnaire
    from dialoog.workshop.store import WorkshopStore

    data = Path(tempfile.mkdtemp(prefix=f"dialoog-room-{backend}-"))
    env = {"DIALOOG_DATABASE_URL": url} if url else {}
    server = VoilaProcess(REPO / "tests" / "browser" / "notebooks", data, data / "voila.log",
                          env=env)  # fmt: skip
    store = WorkshopStore(url or f"sqlite:///{data / 'dialoog.sqlite'}", wrong_code_delay=0)
    try:
        workshop, secret = store.create(f"Benchmark {backend}", "nl", Questionnaire(True))
        facilitation = store.facilitate(secret)
        facilitation.pose("Waarom willen wij deze dialoog?")
        key = facilitation.room_key()
        # the server's own first use (imports, content) is not the room's cost
        Phone(server.url).get(f"/dialoog/join?code={workshop.display_code}")
        urllib.request.urlopen(f"{server.url}/dialoog/api/room?zaal={key}").read()
        memory_before, cpu_before = usage(server.proc.pid)
        joined_at: list[float] = []
        submits: list[tuple[float, float]] = []
        errors: list[str] = []
        seen: dict[str, float] = {}

        def projector():  # the room view polls every second, as the page does
            while "all" not in seen:
                state = json.loads(urllib.request.urlopen(
                    f"{server.url}/dialoog/api/room?zaal={key}").read())  # fmt: skip
                if state["submitted"] >= count and state["results"]["radar"]:
                    seen["all"] = time.monotonic()
                time.sleep(1.0)

        watcher = threading.Thread(target=projector, daemon=True)
        watcher.start()
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=min(count, 64)) as pool:
            for number in range(count):
                pool.submit(participant, server.url, workshop.display_code, number, joined_at,
                            submits, errors)  # fmt: skip
        watcher.join(timeout=60)
        memory_after, cpu_after = usage(server.proc.pid)
        phone_seconds = browser_phones(server.url, workshop.display_code, phones)
        snapshot = facilitation.snapshot()
        answers = len(store.open_answers(facilitation.questions()[-1].id))
        durations = sorted(d for d, _ in submits)
        last_submit = max(at for _, at in submits) if submits else started
        return {
            "joined in": f"{max(joined_at) - started:.1f} s" if joined_at else "—",
            "submission p95 / max": f"{1000 * durations[int(0.95 * (len(durations) - 1))]:.0f} / "
            f"{1000 * durations[-1]:.0f} ms"
            if durations
            else "—",
            "room shows the last submission after": f"{seen['all'] - last_submit:.1f} s"
            if "all" in seen
            else "not within 60 s",
            "server memory per participant": f"{(memory_after - memory_before) / count:.2f} MB",
            "server CPU per participant": f"{(cpu_after - cpu_before) / count:.3f} s",
            "server memory, all": f"{memory_before:.0f} → {memory_after:.0f} MB",
            "rows / submitted / open answers": f"{snapshot.joined} / {len(snapshot.submitted)} / "
            f"{answers} (of {count})",
            "submissions counted twice": str(sum(p.submit_count > 1 for p in snapshot.submitted)),
            "errors": str(len(errors)) + (f" ({errors[0]})" if errors else ""),
            "browser phones: until one can answer": ", ".join(f"{s:.1f} s" for s in phone_seconds),
        }
    finally:
        store.engine.dispose()
        server.stop()


def kernel_phones(before: str, count: int) -> dict:
    """The participant notebook of the release before (a kernel per phone), from a worktree."""
    from playwright.sync_api import sync_playwright

    worktree = Path(tempfile.mkdtemp(prefix="dialoog-before-")) / "repo"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(worktree), before],
                   check=True, capture_output=True)  # fmt: skip
    data = Path(tempfile.mkdtemp(prefix="dialoog-before-data-"))
    env = {"PYTHONPATH": str(worktree)}
    server = None
    try:
        server = VoilaProcess(worktree / "notebooks", data, data / "voila.log",
                              config_dir=worktree / "config", repo=worktree)  # fmt: skip
        old = subprocess.run(
            [sys.executable, "-c",
             "from dialoog.workshop.store import WorkshopStore, Questionnaire;"
             f"s = WorkshopStore('sqlite:///{data / 'dialoog.sqlite'}');"
             "w, _ = s.create('Voor', 'nl', Questionnaire(True)); print(w.display_code)"],
            capture_output=True, text=True, check=True, env={**os.environ, **env},
            cwd=worktree,
        ).stdout.strip()  # fmt: skip
        memory_before, cpu_before = usage(server.proc.pid)
        seconds = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            contexts = []
            for _ in range(count):
                context = browser.new_context(viewport={"width": 360, "height": 740})
                page = context.new_page()
                started = time.monotonic()
                page.goto(f"{server.url}/voila/render/participant.ipynb?code={old}")
                page.locator("button.ws-join").click(timeout=120_000)
                page.locator(".ws-statement").first.wait_for(timeout=120_000)
                seconds.append(time.monotonic() - started)
                contexts.append(context)
            time.sleep(2)
            memory_after, cpu_after = usage(server.proc.pid)
            for context in contexts:
                context.close()
            browser.close()
        return {
            "server memory per phone": f"{(memory_after - memory_before) / count:.1f} MB",
            "server CPU per phone": f"{(cpu_after - cpu_before) / count:.2f} s",
            "until a phone can answer": ", ".join(f"{s:.1f} s" for s in seconds),
        }
    finally:
        if server is not None:
            server.stop()
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(worktree)],
                       capture_output=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--phones", type=int, default=3)
    parser.add_argument("--kernel-phones", type=int, default=4)
    parser.add_argument("--before", default="9db5977", help="the release with a kernel per phone")
    args = parser.parse_args()
    columns: dict[str, dict] = {}
    for backend in args.backends.split(","):
        url = None
        pg = None
        if backend == "postgresql":
            url = os.environ.get("DIALOOG_DATABASE_URL")
            if not url:
                from dialoog.testing.postgres import start_postgres

                pg = start_postgres(install=False)
                if pg is None:
                    print("PostgreSQL is not installed: skipped")
                    continue
                url = pg.create_database(f"bench_{os.getpid()}")
        try:
            columns[backend] = run(backend, url, args.participants, args.phones)
        finally:
            if pg is not None:
                pg.stop()
    if args.kernel_phones:
        columns["a kernel per phone (before)"] = kernel_phones(args.before, args.kernel_phones)
    print(f"\n{args.participants} participants (HTTP) and {args.phones} browser phones\n")
    names = list(columns)
    print("| measure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    rows = []
    for figures in columns.values():
        rows.extend(k for k in figures if k not in rows)
    for row in rows:
        print(f"| {row} | " + " | ".join(columns[n].get(row, "") for n in names) + " |")
    print("\nthe aims: 200 joined within 10 s on 2 cores, under 5 MB of server memory each, the"
          " room at most 2 s behind, nothing lost or counted twice")  # fmt: skip


if __name__ == "__main__":
    main()
