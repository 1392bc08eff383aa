"""Helpers shared by the browser tests: a Voilà subprocess, ports, render waits."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]  # the checkout: dialoog/testing/browser.py
CONFIG_DIR = REPO / "config"  # the same config scripts/serve.sh uses
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "tests" / "artifacts"


def free_port() -> int:
    """A port that was free a moment ago on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VoilaProcess:
    """A Voilà subprocess in its own process group (so kernels die with it).

    Also used by benchmarks/app.py, so that tests and benchmarks start Voilà the same way;
    `repo` serves another checkout (benchmarks/workshop.py runs the release before beside it).
    """

    ready_timeout = 60.0

    def __init__(
        self,
        root: Path,
        data_dir: Path,
        log_path: Path,
        *extra: str,
        config_dir: Path = CONFIG_DIR,
        env: dict[str, str] | None = None,
        repo: Path = REPO,
    ) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, **(env or {})}
        env["DIALOOG_DATA_DIR"] = str(data_dir)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(repo), env.get("PYTHONPATH")) if p)
        cmd = [
            sys.executable,
            "-m",
            "voila",
            str(root),
            f"--Voila.config_file_paths={config_dir}",
            "--Voila.ip=127.0.0.1",
            f"--Voila.port={self.port}",
            "--Voila.port_retries=0",
            "--no-browser",
            *extra,
        ]
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            cmd,
            cwd=repo,  # `python -m` puts the working folder first: the checkout to serve
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_ready(self.ready_timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Voilà exited early; log:\n{self.log()}")
            try:
                urllib.request.urlopen(f"{self.url}/voila/static/voila.js", timeout=2).close()
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"Voilà did not answer within {timeout}s; log:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kernel_alive(self, kernel_id: str) -> bool:
        """GET /api/kernels/<id>: 200 while the kernel exists, 404 after culling."""
        try:
            urllib.request.urlopen(f"{self.url}/api/kernels/{kernel_id}", timeout=5).close()
            return True
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return False
            raise

    def kernel_pid(self, kernel_id: str) -> int | None:
        """The process id of a kernel, from the connection file in its command line."""
        import psutil

        for child in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if f"kernel-{kernel_id}.json" in " ".join(child.cmdline()):
                    return child.pid
            except psutil.Error:
                continue
        return None

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._log.close()


def is_local(url: str) -> bool:
    """data:/blob: never leave the page; everything else must go to 127.0.0.1."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1"


def kernel_id(pg) -> str:
    """The id of the kernel behind a Voilà page."""
    return pg.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )


def wait_rendered(pg, selector: str = ".jupyter-widgets", timeout: float = 60_000) -> None:
    """Wait until Voilà finished: spinner gone, cells shown, `selector` visible.

    A page that shows nothing at all (no rendered cells) after `timeout` is reloaded once, as
    a person would: on the 2-core test machine a page's first render was seen to stay blank
    now and then (noted for the team; the reload is printed, so it is not hidden)."""
    try:
        pg.wait_for_selector("#rendered_cells", state="visible", timeout=timeout)
    except Exception:
        print(f"wait_rendered: {pg.url} stayed blank for {timeout / 1000:.0f} s; reloading once")
        pg.reload(timeout=timeout)
        pg.wait_for_selector("#rendered_cells", state="visible", timeout=timeout)
    pg.wait_for_selector("#loading", state="detached", timeout=timeout)
    pg.wait_for_selector(selector, state="visible", timeout=timeout)


AXE = REPO / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


EXAMPLE_WORKBOOK = REPO / "data" / "examples" / "workbook.json"


# a page's heading in the app (a step's title, or the h2 of the other pages)
HEADING = ".dialoog-main .dialoog-step-title, .dialoog-main h2"
# the page on show and its heading, both drawn: what a page that finished changing shows
SHOWN = f"""() => {{
  const marker = document.querySelector('.dialoog-page[data-page]');
  const heading = document.querySelector('{HEADING}');
  return marker && heading && heading.offsetParent !== null
    ? marker.dataset.page + '|' + heading.textContent : '';
}}"""
# ... another page than `before`, and the app moved the focus to its heading (which scrolls the
# page: clicking on before that happened could hit what the page moved there)
CHANGED = f"""([before]) => {{
  const now = ({SHOWN})();
  const focus = document.activeElement;
  return now && now !== before && focus && focus.closest('.dialoog-main') !== null
    && focus.matches('.dialoog-step-title, h2, h3');
}}"""


def choose_page(pg, click, patience: float = 15_000) -> None:
    """Call `click()` (a side-menu button, Previous/Next) and wait until another page is on
    show, its heading drawn and focused. A click that opened nothing within `patience` ms is
    made once more, as a person would, and printed: on the 2-core test machine a first click
    was seen to open nothing now and then (noted for the team)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = pg.evaluate(SHOWN)
    try:
        click()
        pg.wait_for_function(CHANGED, arg=[before], timeout=patience)
    except PlaywrightTimeout:
        print(f"choose_page: still {before!r} after {patience / 1000:.0f} s; clicking again")
        click()
        pg.wait_for_function(CHANGED, arg=[before], timeout=60_000)


def open_example(pg, base: str, viewport: dict | None = None) -> None:
    """Open the workbook app and load the example workbook through its own "open" button, as a
    user would (waits for the message that it was opened)."""
    if viewport is not None:
        pg.set_viewport_size(viewport)
    pg.goto(f"{base}/voila/render/workbook.ipynb")
    wait_rendered(pg, ".dialoog-app")
    opener, menu = pg.locator(".dialoog-open-workbook"), pg.locator(".dialoog-menu-toggle")
    folded = not opener.is_visible() and menu.is_visible()  # a phone: files are in the menu
    if folded:
        menu.click()
    with pg.expect_file_chooser() as chooser:
        opener.click()
    chooser.value.set_files(str(EXAMPLE_WORKBOOK))
    pg.locator(".dialoog-notice-success").first.wait_for(timeout=30_000)
    if folded:
        menu.click()
        pg.locator(".dialoog-nav").wait_for(state="hidden")


def axe_violations(pg, impacts: tuple[str, ...] = ("critical", "serious")) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, of the given impacts:
    one line per rule with the number of elements and the first element's selector."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} not found; run: bash scripts/install.sh --test")
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })).violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.length, target: (v.nodes[0] || {target: ['']}).target.join(' ')}))"""
    )
    return [
        f"{v['impact']}: {v['id']} ({v['nodes']}×, e.g. {v['target']}): {v['help']}"
        for v in result
        if v["impact"] in impacts
    ]


def broken_images(pg) -> list[str]:
    """Images on the page that loaded nothing (an empty or broken source), as lines like the
    axe findings; an image still loading is waited for, briefly."""
    pg.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=10_000)
    found = pg.evaluate(
        """() => [...document.images]
            .filter(i => i.offsetParent !== null && i.naturalWidth === 0)
            .map(i => (i.alt || i.src || '').slice(0, 80))"""
    )
    return [f"serious: broken image ({alt!r})" for alt in found]


CLIPPED_JS = """() => {
  const out = [];
  const seen = (el) => el.offsetParent !== null && el.getClientRects().length;
  const canvas = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll('.jp-OutputArea *')) {
    if (!seen(el) || el.closest('.dialoog-scroll, .dialoog-sr-label')) continue;
    const style = getComputedStyle(el);
    if (el.tagName === 'SELECT') {
      const option = el.selectedOptions[0];
      if (!option) continue;
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      const room = el.clientWidth - pad - 4;
      if (canvas.measureText(option.text).width > room) out.push('select: ' + option.text);
      continue;
    }
    const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    // its own text, or the text of a span inside it (a checkbox's label keeps it there)
    const ownText = [...el.childNodes].some(n => (n.nodeType === 3 && n.nodeValue.trim()) ||
      (n.nodeName === 'SPAN' && n.children.length === 0 && n.textContent.trim()));
    if (hides && ownText && el.scrollWidth > el.clientWidth + 1) {
      out.push(el.tagName.toLowerCase() + ': ' + el.textContent.trim().slice(0, 60));
    }
  }
  return out;
}"""


def clipped_text(pg) -> list[str]:
    """Visible text that is cut off: a label or button whose text is wider than its box, or
    a menu whose chosen value does not fit (text inside a scrolling frame is not cut off)."""
    return pg.evaluate(CLIPPED_JS)


OFF_SCREEN_JS = """() => {
  const out = [];
  const width = window.innerWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if ((x === 'auto' || x === 'scroll') && p.scrollWidth > p.clientWidth) return true;
    }
    return false;
  };
  const picked = ['input', 'textarea', 'select', 'button', 'label', '.widget-label', 'p', 'h1',
                  'h2', 'h3', 'h4', 'li', 'img'].map(s => '.jp-OutputArea ' + s).join(', ');
  for (const el of document.querySelectorAll(picked)) {
    if (el.offsetParent === null || !el.getClientRects().length) continue;
    if (el.type === 'file' || el.type === 'hidden') continue;
    const named = el.parentElement && el.parentElement.classList.contains('dialoog-sr-label');
    if (named && el.classList.contains('widget-label')) continue;  // kept off screen on purpose
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    if ((r.right > width + 1 || r.left < -1) && !scrolls(el)) {
      const text = (el.textContent || el.placeholder || el.value || el.className || '').trim();
      const where = `${Math.round(r.left)}..${Math.round(r.right)}`;
      out.push(`${el.tagName.toLowerCase()} ${where}: ${text.slice(0, 40)}`);
    }
  }
  return out.slice(0, 20);
}"""


def off_screen(pg) -> list[str]:
    """Controls and text that reach beyond the window's width (outside any scrolling frame):
    on a phone, what a user cannot see or reach without zooming out."""
    return pg.evaluate(OFF_SCREEN_JS)


def sideways_scroll(pg) -> int:
    """How many pixels the page scrolls sideways (0 when everything fits the width)."""
    return pg.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )
