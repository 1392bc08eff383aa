"""Benchmark: what a page load costs the browser — bytes transferred, responses, time to the
first usable widget — on a cold load (empty cache) and a warm one (the same browser again).

For the workbook and the participant page, against a Voilà server started as the tests start it
(the repo's config), with Debian's chromium. Bytes are what went over the wire (compressed if the
server compressed them), from the browser's own count of each response.

Run: .venv/bin/python benchmarks/weight.py [--rounds 3]
Aims (issue 15): a cold load under 1.5 MB, a warm load under 100 kB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialoog.testing.browser import CHROMIUM, CHROMIUM_ARGS, VoilaProcess  # noqa: E402

PAGES = {  # the address under the server, and what is usable once shown
    "workbook": ("voila/render/workbook.ipynb", ".dialoog-nav-button"),
    "participant": ("dialoog/join", "button.ws-join"),  # served without a kernel
}


def load(context, url: str, selector: str) -> tuple[int, int, float]:
    """(bytes transferred, responses, seconds to the first usable widget) of one page load."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.loadingFinished",
        lambda event: sizes.__setitem__(event["requestId"], int(event["encodedDataLength"])),
    )
    started = time.monotonic()
    page.goto(url)
    page.locator(selector).first.wait_for(timeout=120_000)
    usable = time.monotonic() - started
    page.wait_for_load_state("networkidle")
    page.close(run_before_unload=True)
    return sum(sizes.values()), len(sizes), usable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    data = Path(tempfile.mkdtemp(prefix="dialoog-weight-"))
    server = VoilaProcess(ROOT / "notebooks", data, data / "voila.log")
    figures: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(args.rounds):
                for name, (path, selector) in PAGES.items():
                    context = browser.new_context()
                    url = f"{server.url}/{path}"
                    figures.setdefault((name, "cold"), []).append(load(context, url, selector))
                    figures.setdefault((name, "warm"), []).append(load(context, url, selector))
                    context.close()
            browser.close()
    finally:
        server.stop()
    print(f"page loads on 127.0.0.1, median of {args.rounds} rounds")
    print(f"{'page':>12} {'load':>5} {'transferred':>12} {'responses':>10} {'first widget':>13}")
    for (name, kind), rows in figures.items():
        size = statistics.median(r[0] for r in rows)
        count = statistics.median(r[1] for r in rows)
        usable = statistics.median(r[2] for r in rows)
        print(f"{name:>12} {kind:>5} {size / 1e6:>9.2f} MB {count:>10.0f} {usable:>11.2f} s")


if __name__ == "__main__":
    main()
