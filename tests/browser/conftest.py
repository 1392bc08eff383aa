"""Real-browser harness: Voilà (same config as scripts/serve.sh) + Debian's chromium.

Fixtures: voila_server (repo notebooks/), smoke_server (tests/browser/notebooks),
browser, page (asserts: only 127.0.0.1 requests, no dialogs), wait_rendered, artifacts_dir.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from dialoog.testing.browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    VoilaProcess,
    is_local,
    wait_rendered,
)

# The harness's notebooks are served by smoke_server, not run under nbval (one fails on purpose).
collect_ignore_glob = ["notebooks/*"]


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _serve(root: Path, tmp_path_factory, artifacts_dir: Path, name: str):
    data_dir = tmp_path_factory.mktemp(f"{name}-data")
    server = VoilaProcess(root, data_dir, artifacts_dir / f"{name}.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def voila_process(tmp_path_factory, artifacts_dir):
    """Voilà serving the repo's notebooks/ (the process, to find a page's kernel)."""
    yield from _serve(REPO / "notebooks", tmp_path_factory, artifacts_dir, "voila_server")


@pytest.fixture(scope="session")
def voila_server(voila_process) -> str:
    """Base URL of Voilà serving the repo's notebooks/ (open /voila/render/<nb>.ipynb)."""
    return voila_process.url


@pytest.fixture(scope="session")
def smoke_server(tmp_path_factory, artifacts_dir) -> Iterator[str]:
    """Same config as voila_server, serving the harness's own tests/browser/notebooks."""
    for server in _serve(
        Path(__file__).parent / "notebooks", tmp_path_factory, artifacts_dir, "smoke_server"
    ):
        yield server.url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium via Playwright (Playwright's own browsers can't be downloaded here)."""
    if not Path(CHROMIUM).exists():
        msg = f"{CHROMIUM} not found; install it with: apt-get install -y chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Voilà's page "loads" when the notebook has run: a cold kernel on a busy 2-core
        # machine can take longer than Playwright's 30 s; the widgets are waited for anyway.
        new_context = b.new_context

        def patient_context(*args, **kwargs):
            context = new_context(*args, **kwargs)
            context.set_default_navigation_timeout(90_000)
            return context

        b.new_context = patient_context
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, request, artifacts_dir):
    """A fresh page; fails the test if any request leaves 127.0.0.1 or any dialog fires.

    Recorded lists: page.dialoog_requests (URLs), page.dialoog_dialogs ("type: message").
    """
    context = browser.new_context()
    pg = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("websocket", lambda ws: requests.append(ws.url))

    def on_dialog(d):
        dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.dialoog_requests = requests
    pg.dialoog_dialogs = dialogs
    try:
        yield pg
    finally:
        failed = request.node.rep_call.failed if hasattr(request.node, "rep_call") else False
        if failed:
            pg.screenshot(path=str(artifacts_dir / f"{request.node.name}.png"), full_page=True)
        # close the page first: beforeunload dialogs would fire here
        pg.close(run_before_unload=True)
        context.close()
    external = [u for u in requests if not is_local(u)]
    assert not external, f"requests left 127.0.0.1: {external}"
    assert not dialogs, f"dialogs fired: {dialogs}"


@pytest.fixture
def contexts(browser):
    """contexts(**options) -> a new browser context (a person of their own), closed at the end
    with its pages (their unload handlers run, as when a tab is closed)."""
    made = []

    def make(**kwargs):
        context = browser.new_context(**kwargs)
        made.append(context)
        return context

    yield make
    for context in made:
        for page in context.pages:
            try:
                page.close(run_before_unload=True)
            except PlaywrightError:  # closed by the test a moment ago, still being torn down
                pass
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Expose the call-phase result to fixtures (for failure screenshots)."""
    outcome = yield
    rep = outcome.get_result()
    if rep.when == "call":
        item.rep_call = rep


@pytest.fixture
def open_notebook(page):
    """open_notebook(base_url, "x.ipynb", query="a=b", selector=...) -> page, rendered."""

    def _open(base: str, nb: str, query: str = "", selector: str = ".jupyter-widgets"):
        page.goto(f"{base}/voila/render/{nb}" + (f"?{query}" if query else ""))
        wait_rendered(page, selector)
        return page

    return _open
