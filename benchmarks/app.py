"""Benchmark: how fast the workbook opens, how much memory it takes, how quick it answers.

Side by side, in one run, on 127.0.0.1 with Voilà (the repo's own config) and Debian's chromium
driven by Playwright:

- a *floor* notebook (`benchmarks/floor.ipynb`: the workbook's imports, ipywidgets + pandas +
  matplotlib, and one button) and the real workbook (`notebooks/workbook.ipynb`);
- time to first interactive widget: from navigation until the first button is visible, clicked
  and its click handled by the kernel (floor: the label counts; workbook: "Stap 1" in the
  navigation opens the step). Cold = the first page of a fresh server, warm = later pages; a fresh
  server per round, median over the rounds;
- the same with preheated kernels (`config/preheat`), measured once the pool is full;
- resident memory (RSS) of each page's kernel and of the server;
- round trips in the workbook, timed inside the page: an answer (status in the step's header,
  then the autosave state), and a self-assessment change (the radar image), if that page has one;
- N pages opened at once against one server: time until all are interactive, failures, peak
  memory (server + kernels).

Run:  .venv/bin/python benchmarks/app.py            (after `bash scripts/install.sh --test`)
      .venv/bin/python benchmarks/app.py --quick    (2 rounds, 10 simultaneous pages)
      .venv/bin/python benchmarks/app.py --update-readme   (also rewrites the figures in
                                                             benchmarks/README.md)
Not part of the test suite: figures depend on the machine, targets are checked here, not in CI.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the checkout's package, also without an install
from dialoog.testing.browser import CHROMIUM, CHROMIUM_ARGS, VoilaProcess  # noqa: E402

FLOOR_NB = REPO / "benchmarks" / "floor.ipynb"
WORKBOOK_NB = REPO / "notebooks" / "workbook.ipynb"
CONFIG = REPO / "config"
PRELOAD_CONFIG = REPO / "config" / "preheat"
README = REPO / "benchmarks" / "README.md"
MB = 2**20
STEP1 = re.compile(r"(Stap|Step) 1 ·")
SELFASSESSMENT = re.compile(r"(Stap|Step) 0")
KERNEL_FILE = re.compile(r"kernel-([0-9a-f-]{36})\.json")

# the targets
TARGET_COLD_RATIO = 1.3  # workbook cold TTI <= 1.3 x floor cold TTI
TARGET_PREHEAT_RATIO = 0.5  # workbook preheated TTI <= 0.5 x floor cold TTI
TARGET_KERNEL_EXTRA_MB = 40  # workbook kernel RSS <= floor kernel RSS + 40 MB
TARGET_ANSWER_MS = 150
TARGET_RADAR_MS = 400


# --------------------------------------------------------------------------- processes & memory
class Server(VoilaProcess):
    """Voilà serving one notebook (single-notebook mode, like scripts/serve.sh)."""

    extra_args: tuple[str, ...] = ()  # --server-arg: try a setting without editing config/
    ready_timeout = 90.0

    def __init__(self, notebook: Path, config_dir: Path, data_dir: Path, log_path: Path) -> None:
        super().__init__(notebook, data_dir, log_path, *self.extra_args, config_dir=config_dir)
        self.url += "/"
        self.ps = psutil.Process(self.proc.pid)

    def kernels(self) -> dict[str, psutil.Process]:
        """Kernel id -> kernel process, from the connection file in each child's command line."""
        found = {}
        for child in self.ps.children(recursive=True):
            try:
                match = KERNEL_FILE.search(" ".join(child.cmdline()))
            except psutil.Error:
                continue
            if match:
                found[match.group(1)] = child
        return found

    def rss(self) -> float:
        return rss_mb(self.ps)

    def total_rss(self) -> float:
        """Server plus every process under it (kernels), in MB."""
        procs = [self.ps]
        try:
            procs += self.ps.children(recursive=True)
        except psutil.Error:
            pass
        return sum(rss_mb(p) for p in procs)

    def cpu_seconds(self) -> float:
        total = 0.0
        try:
            procs = [self.ps, *self.ps.children(recursive=True)]
        except psutil.Error:
            return 0.0
        for proc in procs:
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                pass
        return total

    def wait_quiet(self, min_kernels: int = 0, timeout: float = 120) -> bool:
        """Until at least `min_kernels` kernels run and server + kernels use (almost) no CPU."""
        deadline = time.monotonic() + timeout
        quiet_since = None
        last_cpu, last_count = self.cpu_seconds(), -1
        while time.monotonic() < deadline:
            time.sleep(0.5)
            cpu, count = self.cpu_seconds(), len(self.kernels())
            calm = cpu - last_cpu < 0.03 and count == last_count and count >= min_kernels
            last_cpu, last_count = cpu, count
            if not calm:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= 1.0:
                return True
        return False


def browser_cpu_seconds(server: Server) -> float:
    """CPU used by this script's other children (Playwright's driver and chromium)."""
    skip = {server.ps.pid}
    try:
        skip |= {p.pid for p in server.ps.children(recursive=True)}
    except psutil.Error:
        pass
    total = 0.0
    for proc in psutil.Process().children(recursive=True):
        if proc.pid in skip:
            continue
        try:
            times = proc.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
        except psutil.Error:
            pass
    return total


def server_warnings(server: Server) -> dict[str, int]:
    """Counts of the log lines that explain failures under load."""
    text = server.log_path.read_text(errors="replace")
    patterns = {
        "IOPub timeout (cell output lost)": "Timeout waiting for IOPub output",
        "kernel port already in use": "Address already in use",
        "kernel died": "died, removing from map",
    }
    return {name: text.count(p) for name, p in patterns.items() if p in text}


def rss_mb(proc: psutil.Process) -> float:
    try:
        return proc.memory_info().rss / MB
    except psutil.Error:
        return 0.0


class PeakSampler(threading.Thread):
    """Samples server + kernels RSS every `interval` seconds; keeps the peak."""

    def __init__(self, server: Server, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.server, self.interval = server, interval
        self.peak = 0.0
        self.peak_kernels = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, self.server.total_rss())
            self.peak_kernels = max(self.peak_kernels, len(self.server.kernels()))
            self._halt.wait(self.interval)

    def stop(self) -> float:
        self._halt.set()
        self.join()
        return self.peak


# --------------------------------------------------------------------------- browser side
@dataclass
class Visit:
    kind: str  # floor | workbook
    visible_s: float = 0.0  # navigation -> first button visible
    interactive_s: float = 0.0  # navigation -> click handled by the kernel
    served_s: float = 0.0  # navigation -> the server's HTML complete (notebook run)
    kernel_id: str | None = None
    kernel_mb: float = 0.0
    token: str | None = None
    error: str | None = None
    context: object = field(default=None, repr=False)
    page: object = field(default=None, repr=False)


async def open_visit(browser, url: str, kind: str, timeout_s: float, context=None) -> Visit:
    """A new visitor opens the page; timed until a click is handled.

    Each visitor gets a browser context of its own (an empty cache, like a new browser), unless
    `context` is given (pages then share the HTTP cache; each still gets its own kernel).
    """
    visit = Visit(kind)
    if context is None:
        visit.context = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = visit.page = await visit.context.new_page()
    else:
        page = visit.page = await context.new_page()
    ms = timeout_s * 1000

    async def run() -> None:
        t0 = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=ms)
        if kind == "floor":
            target = page.locator(".floor-button")
            done = page.locator(".floor-label", has_text="1")
        else:
            target = page.locator(".dialoog-nav-button", has_text=STEP1)
            done = page.locator(".dialoog-step-title")
        await target.wait_for(state="visible", timeout=ms)
        visit.visible_s = time.perf_counter() - t0
        await target.click(timeout=ms)  # waits until enabled and stable
        await done.first.wait_for(state="visible", timeout=ms)
        visit.interactive_s = time.perf_counter() - t0
        visit.kernel_id, served_ms = await page.evaluate(
            "() => { const e = document.getElementById('jupyter-config-data');"
            " const n = performance.getEntriesByType('navigation')[0];"
            " return [e ? JSON.parse(e.textContent).kernelId : null, n ? n.responseEnd : null]; }"
        )
        visit.served_s = (served_ms or 0) / 1000
        if kind == "workbook":
            await page.wait_for_url(re.compile(r"werkboek=[A-Za-z0-9_-]{16,}"), timeout=10_000)
            visit.token = re.search(r"werkboek=([A-Za-z0-9_-]+)", page.url).group(1)

    try:
        await asyncio.wait_for(run(), timeout_s)
    except Exception as exc:  # a failed page is counted, never hangs the run
        visit.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200]
    return visit


async def close_visits(visits: list[Visit]) -> None:
    async def close(v: Visit) -> None:
        try:
            await asyncio.wait_for(v.context.close(), 30)
        except Exception:
            pass

    await asyncio.gather(*(close(v) for v in visits if v.context is not None))


def kernel_memory(server: Server, visits: list[Visit]) -> None:
    kernels = server.kernels()
    for v in visits:
        if v.kernel_id in kernels:
            v.kernel_mb = rss_mb(kernels[v.kernel_id])


# JS helpers timed inside the page (performance.now), so Playwright's own latency is not counted.
WAIT_JS = """
() => { window.__dialoogWait = (pred, timeoutMs) => new Promise((resolve) => {
  if (pred()) return resolve(performance.now());
  const obs = new MutationObserver(() => {
    if (pred()) { obs.disconnect(); clearTimeout(timer); resolve(performance.now()); }
  });
  const timer = setTimeout(() => { obs.disconnect(); resolve(null); }, timeoutMs);
  obs.observe(document.body, {subtree: true, childList: true, attributes: true,
                              characterData: true});
}); }
"""

ANSWER_JS = """
async ([text, status]) => {
  const wait = window.__dialoogWait;
  const area = document.querySelector('.dialoog-step textarea');
  if (!area) return {error: 'no textarea in the step'};
  const t0 = performance.now();
  area.value = text;
  area.dispatchEvent(new Event('input', {bubbles: true}));
  const tStatus = await wait(
    () => document.querySelector('.dialoog-step .dialoog-status-' + status), 15000);
  const tPending = await wait(() => document.querySelector('.dialoog-save-pending'), 15000);
  const tSaved = await wait(() => document.querySelector('.dialoog-save-saved'), 15000);
  return {
    status: tStatus === null ? null : tStatus - t0,
    saved: (tPending === null || tSaved === null) ? null : tSaved - t0,
  };
}
"""

RADAR_JS = """
async (index) => {
  // one statement answered on an element page, then the summary opened: radar re-drawn
  const wait = window.__dialoogWait;
  const view = document.querySelector('.sa-view');
  if (!view) return {error: 'no self-assessment view (.sa-view)'};
  const radar = () => view.querySelector('img.dialoog-figure, .dialoog-figure img');
  const scales = [...view.querySelectorAll('.dialoog-scale')].filter(
    (s) => s.offsetParent !== null);
  const scale = scales[0];
  const summary = view.querySelector('.sa-nav-summary');
  if (!scale || !summary) return {error: 'no statement scale (.dialoog-scale) or summary button'};
  if (index === 0) {
    // an element is scored once enough of its statements are answered: answer the others once
    for (const other of scales.slice(1)) {
      if (!other.querySelector('button.mod-active')) other.querySelectorAll('button')[3].click();
    }
  }
  // a score on the scale (the last option, 'don't know', scores nothing), other than the one set
  const options = [...scale.querySelectorAll('button')].slice(0, -1).filter(
    (b) => !b.classList.contains('mod-active'));
  if (!options.length) return {error: 'no other answer to choose'};
  const before = window.__dialoogRadarSrc || null;
  const t0 = performance.now();
  options[index % options.length].click();
  summary.click();
  const t1 = await wait(() => {
    const img = radar();
    return img && img.offsetParent !== null && img.getAttribute('src') &&
      img.getAttribute('src') !== before;
  }, 15000);
  if (t1 === null) return {error: 'the radar was not re-drawn within 15 s'};
  window.__dialoogRadarSrc = radar().getAttribute('src');
  return {radar: t1 - t0};
}
"""


# --------------------------------------------------------------------------- the phases
def stats(values: list[float]) -> dict:
    values = [v for v in values if v is not None]
    if not values:
        return {"n": 0, "median": None, "min": None, "max": None}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


NOTEBOOKS = {"floor": FLOOR_NB, "workbook": WORKBOOK_NB}


def log(msg: str) -> None:
    print(msg, flush=True)


async def phase_open(browser, config: Path, args, tmp: Path, preheat: bool) -> dict:
    """Rounds of: fresh server, first page (cold), later pages (warm); pages stay open.

    The kinds alternate within each round, so a drift of the machine hits both alike.
    """
    keys = ("cold", "warm", "served", "kernel_mb", "server_idle", "server_after", "tokens")
    acc = {kind: {k: [] for k in (*keys, "errors", "pool")} for kind in NOTEBOOKS}
    for r in range(args.rounds):
        for kind in NOTEBOOKS:
            a = acc[kind]
            label = f"{kind}{' preheated' if preheat else ''}"
            server = Server(NOTEBOOKS[kind], config, tmp / "data", tmp / f"{label}-{r}.log")
            visits: list[Visit] = []
            try:
                if preheat:
                    if not server.wait_quiet(min_kernels=1):
                        a["errors"].append("pool did not settle within 120 s")
                    a["pool"].append(len(server.kernels()))
                else:
                    time.sleep(1.0)
                a["server_idle"].append(server.rss())
                for i in range(1 + args.warm):
                    if preheat and i > 0:
                        server.wait_quiet(min_kernels=1)  # the pool refilled
                    visit = await open_visit(browser, server.url, kind, args.timeout)
                    visits.append(visit)
                    if visit.error:
                        a["errors"].append(visit.error)
                        continue
                    kernel_memory(server, [visit])
                    a["kernel_mb"].append(visit.kernel_mb)
                    a["cold" if i == 0 else "warm"].append(visit.interactive_s)
                    a["served"].append(visit.served_s)
                    if visit.token:
                        a["tokens"].append(visit.token)
                a["server_after"].append(server.rss())
            finally:
                await close_visits(visits)
                server.stop()
            log(
                f"  {label} round {r + 1}: "
                + ", ".join(
                    f"{v.interactive_s:.2f}s/{v.kernel_mb:.0f}MB" if not v.error else "failed"
                    for v in visits
                )
            )
    return {
        kind: {
            "cold_s": stats(a["cold"]),
            "warm_s": stats(a["warm"]),
            "served_s": stats(a["served"]),
            "kernel_mb": stats(a["kernel_mb"]),
            "server_idle_mb": stats(a["server_idle"]),
            "server_after_mb": stats(a["server_after"]),
            "pool_kernels": a["pool"],
            "tokens": len(a["tokens"]),
            "distinct_tokens": len(set(a["tokens"])),
            "errors": a["errors"],
        }
        for kind, a in acc.items()
    }


async def phase_interactions(browser, args, tmp: Path) -> dict:
    """Answer round trips on step 1 and radar re-draws on the self-assessment page."""
    server = Server(WORKBOOK_NB, CONFIG, tmp / "data", tmp / "interactions.log")
    result: dict = {"answer_status_ms": stats([]), "answer_saved_ms": stats([])}
    visit = None
    try:
        visit = await open_visit(browser, server.url, "workbook", args.timeout)
        if visit.error:
            result["error"] = visit.error
            return result
        page = visit.page
        await page.evaluate(WAIT_JS)
        status_ms, saved_ms, notes = [], [], []
        for i in range(args.interactions):
            filled = i % 2 == 0
            text = f"Antwoord {i}: wij willen leren van wie geraakt wordt." if filled else ""
            out = await page.evaluate(ANSWER_JS, [text, "in_progress" if filled else "empty"])
            if "error" in out:
                notes.append(out["error"])
                break
            status_ms.append(out["status"])
            saved_ms.append(out["saved"])
        result["answer_status_ms"] = stats(status_ms)
        result["answer_saved_ms"] = stats(saved_ms)
        kernel_memory(server, [visit])
        result["kernel_after_answers_mb"] = visit.kernel_mb

        # self-assessment: page "Stap 0": answer a statement, open the summary, radar re-drawn
        nav = page.locator(".dialoog-nav-button", has_text=SELFASSESSMENT)
        radar_ms = []
        if await nav.count():
            t0 = time.perf_counter()
            await nav.first.click()
            try:
                await page.locator(".sa-view .dialoog-scale").first.wait_for(
                    state="visible", timeout=10_000
                )
                result["selfassessment_open_s"] = time.perf_counter() - t0
            except Exception:
                notes.append("the self-assessment page has no statements (.dialoog-scale) yet")
            else:
                first_element = page.locator(".sa-view .sa-nav-button").first
                for i in range(args.interactions + 1):  # the first draw imports matplotlib
                    await first_element.click()
                    await page.locator(".sa-view .dialoog-scale").first.wait_for(state="visible")
                    out = await page.evaluate(RADAR_JS, i)
                    if "error" in out:
                        notes.append(out["error"])
                        break
                    if i == 0:
                        result["radar_first_ms"] = out["radar"]
                    else:
                        radar_ms.append(out["radar"])
        else:
            notes.append("no self-assessment page in the navigation")
        result["radar_ms"] = stats(radar_ms)
        kernel_memory(server, [visit])
        result["kernel_after_radar_mb"] = visit.kernel_mb
        result["notes"] = sorted(set(notes))
    finally:
        if visit:
            await close_visits([visit])
        server.stop()
    return result


async def phase_concurrent(browser, kind: str, args, tmp: Path) -> dict:
    """N visitors at once against one fresh server."""
    server = Server(NOTEBOOKS[kind], CONFIG, tmp / "data", tmp / f"concurrent-{kind}.log")
    visits: list[Visit] = []
    shared = None
    if args.shared_context:
        shared = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        time.sleep(1.0)
        sampler = PeakSampler(server)
        sampler.start()
        cpu_server, cpu_browser = server.cpu_seconds(), browser_cpu_seconds(server)
        t0 = time.perf_counter()
        visits = await asyncio.gather(
            *(
                open_visit(browser, server.url, kind, args.timeout, shared)
                for _ in range(args.concurrent)
            )
        )
        wall = time.perf_counter() - t0
        cpu_server = server.cpu_seconds() - cpu_server
        cpu_browser = browser_cpu_seconds(server) - cpu_browser
        kernel_memory(server, visits)
        total_now = server.total_rss()
        peak = sampler.stop()
        ok = [v for v in visits if not v.error]
        for i, v in enumerate(v for v in visits if v.error):  # what a failed visitor saw
            try:
                await v.page.screenshot(path=str(tmp / f"failed-{kind}-{i}.png"), timeout=10_000)
            except Exception:
                pass
        return {
            "pages": args.concurrent,
            "interactive": len(ok),
            "failed": len(visits) - len(ok),
            "errors": sorted({v.error for v in visits if v.error}),
            "server_warnings": server_warnings(server),
            "all_interactive_s": max((v.interactive_s for v in ok), default=None),
            "wall_s": wall,
            "page_s": stats([v.interactive_s for v in ok]),
            "kernel_mb": stats([v.kernel_mb for v in ok if v.kernel_mb]),
            "server_mb": server.rss(),
            "total_mb": total_now,
            "peak_total_mb": peak,
            "peak_kernels": sampler.peak_kernels,
            "cpu_server_s": cpu_server,
            "cpu_browser_s": cpu_browser,
            "distinct_tokens": len({v.token for v in ok if v.token}),
        }
    finally:
        await close_visits(visits)
        if shared is not None:
            await close_visits([Visit(kind, context=shared)])
        server.stop()


# --------------------------------------------------------------------------- report
def machine() -> dict:
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    os_name = platform.platform()
    if Path("/etc/os-release").exists():
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": os_name,
        "python": platform.python_version(),
        "packages": {
            n: v(n)
            for n in ("voila", "jupyter_server", "ipykernel", "ipywidgets", "pandas", "matplotlib")
        },
    }


def fmt_s(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f} s"


def fmt_ms(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f} ms"


def fmt_mb(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f} MB"


def ratio(a: float | None, b: float | None) -> str:
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "**not met**")


def _empty_open() -> dict:
    keys = ("cold_s", "warm_s", "served_s", "kernel_mb", "server_idle_mb", "server_after_mb")
    return {**{k: stats([]) for k in keys}, "tokens": 0, "distinct_tokens": 0, "errors": []}


def report(res: dict) -> str:
    f = res["open"].get("floor") or _empty_open()
    w = res["open"].get("workbook") or _empty_open()
    pf, pw = res["preheat"].get("floor"), res["preheat"].get("workbook")
    cf, cw = res["concurrent"].get("floor"), res["concurrent"].get("workbook")
    it = res["interactions"]
    med = lambda d, k: d[k]["median"] if d else None  # noqa: E731
    lines = [
        f"Run of {res['date']} · {res['rounds']} rounds (fresh server each), "
        f"{res['warm']} warm pages per round; medians (min–max).",
        "",
        "| measure | floor | workbook | workbook / floor |",
        "|---|---|---|---|",
    ]

    def rng(d: dict, unit) -> str:
        if not d or d["median"] is None:
            return "–"
        return f"{unit(d['median'])} ({unit(d['min'])}–{unit(d['max'])})"

    def row(name: str, a: dict | None, b: dict | None, key: str, unit) -> None:
        lines.append(
            f"| {name} | {rng(a[key] if a else None, unit)} | {rng(b[key] if b else None, unit)} "
            f"| {ratio(med(b, key), med(a, key))} |"
        )

    row("time to first interactive widget, cold", f, w, "cold_s", fmt_s)
    row("time to first interactive widget, warm", f, w, "warm_s", fmt_s)
    row(
        "… of which the server's HTML (kernel start + notebook run), all pages",
        f,
        w,
        "served_s",
        fmt_s,
    )
    row("… with preheated kernels, first page", pf, pw, "cold_s", fmt_s)
    row("… with preheated kernels, later pages", pf, pw, "warm_s", fmt_s)
    row("… of which the server's HTML, preheated", pf, pw, "served_s", fmt_s)
    row("kernel RSS per page", f, w, "kernel_mb", fmt_mb)
    row("server RSS, no page yet", f, w, "server_idle_mb", fmt_mb)
    row(f"server RSS, {1 + res['warm']} pages open", f, w, "server_after_mb", fmt_mb)
    row("kernel RSS per page, preheated", pf, pw, "kernel_mb", fmt_mb)
    row("server RSS with preheated pool, no page yet", pf, pw, "server_idle_mb", fmt_mb)
    if cf or cw:
        n = (cw or cf)["pages"]
        cells = []
        for c in (cf, cw):
            cells.append(
                "–"
                if not c
                else f"{c['interactive']}/{c['pages']} interactive, {c['failed']} failed"
            )
        lines.append(f"| {n} pages at once: pages interactive | {cells[0]} | {cells[1]} | |")
        a = cf["all_interactive_s"] if cf else None
        b = cw["all_interactive_s"] if cw else None
        lines.append(
            f"| {n} pages at once: all interactive after | {fmt_s(a)} | {fmt_s(b)} "
            f"| {ratio(b, a)} |"
        )
        a = cf["page_s"]["median"] if cf else None
        b = cw["page_s"]["median"] if cw else None
        lines.append(
            f"| {n} pages at once: median page | {fmt_s(a)} | {fmt_s(b)} | {ratio(b, a)} |"
        )
        a = cf["peak_total_mb"] if cf else None
        b = cw["peak_total_mb"] if cw else None
        lines.append(
            f"| {n} pages at once: peak memory (server + kernels) | {fmt_mb(a)} | {fmt_mb(b)} "
            f"| {ratio(b, a)} |"
        )
        a = cf["kernel_mb"]["median"] if cf else None
        b = cw["kernel_mb"]["median"] if cw else None
        lines.append(
            f"| {n} pages at once: kernel RSS | {fmt_mb(a)} | {fmt_mb(b)} | {ratio(b, a)} |"
        )
        cells = [
            "–" if not c else f"{c['cpu_server_s']:.0f} s / {c['cpu_browser_s']:.0f} s"
            for c in (cf, cw)
        ]
        lines.append(
            f"| {n} pages at once: CPU used by server + kernels / by the browser "
            f"| {cells[0]} | {cells[1]} | |"
        )
    lines += [
        "",
        "| workbook interaction (timed in the page) | median (min–max) | n |",
        "|---|---|---|",
        f"| answer → step status updated | {rng(it.get('answer_status_ms'), fmt_ms)} "
        f"| {it.get('answer_status_ms', {}).get('n', 0)} |",
        f"| answer → autosave shows saved (0.8 s debounce included) "
        f"| {rng(it.get('answer_saved_ms'), fmt_ms)} "
        f"| {it.get('answer_saved_ms', {}).get('n', 0)} |",
        f"| self-assessment answer → radar re-drawn | {rng(it.get('radar_ms'), fmt_ms)} "
        f"| {it.get('radar_ms', {}).get('n', 0)} |",
        f"| first radar drawn (imports matplotlib) | {fmt_ms(it.get('radar_first_ms'))} | 1 |",
        f"| kernel RSS after the answers / after the self-assessment "
        f"| {fmt_mb(it.get('kernel_after_answers_mb'))} / "
        f"{fmt_mb(it.get('kernel_after_radar_mb'))} | |",
    ]
    if it.get("notes"):
        lines.append("")
        lines.append("Notes: " + "; ".join(it["notes"]) + ".")

    # targets
    t = res["targets"]
    lines += ["", "| target | figure | verdict |", "|---|---|---|"]
    for name, figure, ok in t:
        lines.append(f"| {name} | {figure} | {verdict(ok)} |")
    errs = []
    for group in ("open", "preheat"):
        for kind, d in res[group].items():
            errs += [f"{group}/{kind}: {e}" for e in d["errors"]]
    for kind, d in res["concurrent"].items():
        errs += [f"concurrent/{kind}: {e}" for e in d["errors"]]
        errs += [f"concurrent/{kind} server log: {k} ×{n}" for k, n in d["server_warnings"].items()]
    if errs:
        lines += ["", "Errors: " + "; ".join(sorted(set(errs))[:10])]
    m = res["machine"]
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    setup = "one shared browser context" if res["shared_context"] else "a browser context each"
    lines += [
        "",
        f"N pages at once: {setup}. Extra Voilà arguments: "
        f"{' '.join(res['server_args']) or 'none (config/ as committed)'}.",
        "",
        f"Machine: {m['cpus']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, {m['os']}; "
        f"Python {m['python']}, {pk}; {res['browser']} (headless, Playwright "
        f"{res['playwright']}). Browser and server share the machine.",
    ]
    return "\n".join(lines)


def targets(res: dict) -> list[tuple[str, str, bool | None]]:
    f = res["open"].get("floor") or _empty_open()
    w = res["open"].get("workbook") or _empty_open()
    pw = res["preheat"].get("workbook")
    it = res["interactions"]
    cw = res["concurrent"].get("workbook")
    out = []
    fc, wc = f["cold_s"]["median"], w["cold_s"]["median"]
    r = None if None in (fc, wc) else wc / fc
    out.append(
        (
            f"cold TTI workbook ≤ {TARGET_COLD_RATIO} × floor",
            f"{fmt_s(wc)} / {fmt_s(fc)} = {ratio(wc, fc)}",
            None if r is None else r <= TARGET_COLD_RATIO,
        )
    )
    pc = pw["cold_s"]["median"] if pw else None
    r = None if None in (pc, fc) else pc / fc
    out.append(
        (
            f"preheated TTI workbook ≤ {TARGET_PREHEAT_RATIO} × cold floor",
            f"{fmt_s(pc)} / {fmt_s(fc)} = {ratio(pc, fc)}",
            None if r is None else r <= TARGET_PREHEAT_RATIO,
        )
    )
    fk, wk = f["kernel_mb"]["median"], w["kernel_mb"]["median"]
    out.append(
        (
            f"kernel RSS workbook ≤ floor + {TARGET_KERNEL_EXTRA_MB} MB",
            f"{fmt_mb(wk)} vs {fmt_mb(fk)} ({'–' if None in (wk, fk) else f'{wk - fk:+.0f} MB'})",
            None if None in (fk, wk) else wk <= fk + TARGET_KERNEL_EXTRA_MB,
        )
    )
    a = it.get("answer_status_ms", {}).get("median")
    out.append(
        (
            f"answer round trip ≤ {TARGET_ANSWER_MS} ms",
            fmt_ms(a),
            None if a is None else a <= TARGET_ANSWER_MS,
        )
    )
    a = it.get("radar_ms", {}).get("median")
    out.append(
        (
            f"radar re-draw ≤ {TARGET_RADAR_MS} ms",
            fmt_ms(a),
            None if a is None else a <= TARGET_RADAR_MS,
        )
    )
    if cw:
        out.append(
            (
                f"{cw['pages']} simultaneous workbook pages: all interactive, none failed",
                f"{cw['interactive']}/{cw['pages']} in {fmt_s(cw['all_interactive_s'])}",
                cw["failed"] == 0,
            )
        )
    else:
        out.append(("simultaneous workbook pages", "–", None))
    if pw and pw["tokens"]:
        out.append(
            (
                "preheated kernels: each visitor their own workbook",
                f"{pw['distinct_tokens']} distinct tokens for {pw['tokens']} visits",
                pw["distinct_tokens"] == pw["tokens"],
            )
        )
    return out


def update_readme(text: str) -> None:
    start, end = "<!-- figures:start -->", "<!-- figures:end -->"
    readme = README.read_text() if README.exists() else f"# Benchmarks\n\n{start}\n{end}\n"
    if start not in readme:
        readme += f"\n{start}\n{end}\n"
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{start}\n{text}\n{end}{tail}")


# --------------------------------------------------------------------------- main
async def main(args) -> dict:
    from playwright.async_api import async_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found: run `bash scripts/install.sh --test` (installs chromium)")
    tmp = Path(tempfile.mkdtemp(prefix="dialoog-bench-"))
    (tmp / "data").mkdir()
    res: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "rounds": args.rounds,
        "warm": args.warm,
        "machine": machine(),
        "open": {},
        "preheat": {},
        "concurrent": {},
        "logs": str(tmp),
        "server_args": list(args.server_arg),
        "shared_context": args.shared_context,
    }
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            res["browser"] = f"Chromium {browser.version}"
            res["playwright"] = version("playwright")
            # warm the OS file cache once so "cold" means a cold server, not a cold disk
            warmup = Server(FLOOR_NB, CONFIG, tmp / "data", tmp / "warmup.log")
            try:
                await close_visits([await open_visit(browser, warmup.url, "floor", args.timeout)])
            finally:
                warmup.stop()

            if "open" in args.phases:
                log("time to interactive and memory, fresh server per round")
                res["open"] = await phase_open(browser, CONFIG, args, tmp, False)
            if "preheat" in args.phases:
                log("preheated kernels (config/preheat), measured once the pool is full")
                res["preheat"] = await phase_open(browser, PRELOAD_CONFIG, args, tmp, True)
            res["interactions"] = {}
            if "interactions" in args.phases:
                log("interaction round trips in the workbook")
                res["interactions"] = await phase_interactions(browser, args, tmp)
            if args.concurrent and "concurrent" in args.phases:
                for kind in ("floor", "workbook"):
                    log(f"{args.concurrent} {kind} pages at once")
                    res["concurrent"][kind] = await phase_concurrent(browser, kind, args, tmp)
                    c = res["concurrent"][kind]
                    log(
                        f"  {c['interactive']}/{c['pages']} interactive, all after "
                        f"{fmt_s(c['all_interactive_s'])}, peak {fmt_mb(c['peak_total_mb'])}"
                    )
            await browser.close()
    finally:
        if not args.keep_logs:
            shutil.rmtree(tmp, ignore_errors=True)
    res["targets"] = targets(res)
    return res


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=5, help="fresh servers per kind (default 5)")
    p.add_argument("--warm", type=int, default=2, help="pages after the first per round")
    p.add_argument("--concurrent", type=int, default=30, help="pages at once (0 = skip)")
    p.add_argument("--interactions", type=int, default=11, help="answer/radar changes")
    p.add_argument("--timeout", type=float, default=180, help="seconds allowed per page")
    p.add_argument(
        "--phases",
        default="open,preheat,interactions,concurrent",
        help="comma-separated subset of open,preheat,interactions,concurrent",
    )
    p.add_argument(
        "--separate-contexts",
        dest="shared_context",
        action="store_false",
        help="N pages at once: a browser context (empty cache) per page instead of one shared",
    )
    p.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra Voilà argument for every server (try a setting without editing config/)",
    )
    p.add_argument("--quick", action="store_true", help="2 rounds, 10 pages at once")
    p.add_argument("--json", type=Path, help="also write the raw figures to this file")
    p.add_argument("--update-readme", action="store_true", help="rewrite benchmarks/README.md")
    p.add_argument("--keep-logs", action="store_true", help="keep the Voilà logs (temp dir)")
    args = p.parse_args(argv)
    args.phases = {x.strip() for x in args.phases.split(",")}
    Server.extra_args = tuple(args.server_arg)
    if args.quick:
        args.rounds, args.concurrent = 2, 10
    return args


if __name__ == "__main__":
    arguments = parse_args()
    started = time.perf_counter()
    results = asyncio.run(main(arguments))
    results["duration_s"] = time.perf_counter() - started
    text = report(results)
    print()
    print(text)
    print(f"\n(benchmark took {results['duration_s']:.0f} s)")
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2, default=str))
    if arguments.update_readme:
        update_readme(text)
        print(f"figures written to {README.relative_to(REPO)}")
