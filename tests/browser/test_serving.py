"""Serving infrastructure in a real browser: template, page script, config, run script."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from dialoog.testing.browser import REPO, VoilaProcess, free_port, kernel_id, wait_rendered

NB_DIR = Path(__file__).parent / "notebooks"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
LEAKS = (
    "Traceback",
    "ValueError",
    "RuntimeError",
    "secret-detail",
    "In [",
    "source-should-not-be-visible",
    "import ipywidgets",
)


def body_text(page) -> str:
    return page.inner_text("body")


def assert_no_leaks(page) -> None:
    text = body_text(page)
    found = [s for s in LEAKS if s in text]
    assert not found, f"visible on page: {found}"


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


EXTERNAL_REF = re.compile(r"""(?:src|href)\s*=\s*["']\s*(?:https?:)?//(?!127\.0\.0\.1[:/])""", re.I)


@pytest.mark.parametrize("path", ["/voila/render/smoke.ipynb", "/", "/voila/render/nope.ipynb"])
def test_html_has_no_external_references(smoke_server, path):
    """Rendered page, directory listing and error page: no src/href to another host."""
    _, html = fetch(smoke_server + path)
    assert not EXTERNAL_REF.findall(html), EXTERNAL_REF.findall(html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html


def test_page_renders_locally_without_source(smoke_server, open_notebook, artifacts_dir):
    page = open_notebook(smoke_server, "smoke.ipynb", query="q=hallo", selector=".smoke-ok")
    assert page.inner_text(".smoke-env") == "in_voila=True q=hallo"
    assert page.locator(".jp-CodeCell .jp-InputArea").count() == 0  # strip_sources
    assert_no_leaks(page)
    # Font Awesome comes from Voilà's bundle (the CDN links are gone): icon glyph renders.
    font = page.evaluate(
        """() => getComputedStyle(document.querySelector('.smoke-button i.fa'), '::before')
                 .fontFamily"""
    )
    assert "Font Awesome" in font
    # Math is typeset by the bundled MathJax 3, not fetched from cdnjs.
    page.wait_for_selector("mjx-container", timeout=20_000)
    page.screenshot(path=str(artifacts_dir / "smoke.png"), full_page=True)


def test_url_token_sync(smoke_server, open_notebook):
    page = open_notebook(smoke_server, "token.ipynb", query="lang=nl", selector=".token-shown")
    page.wait_for_function("() => new URL(location.href).searchParams.has('werkboek')")
    params = parse_qs(urlsplit(page.url).query)
    token = params["werkboek"][0]
    assert TOKEN_RE.match(token)
    assert params["lang"] == ["nl"]  # other params kept
    assert page.inner_text(".token-shown") == token
    # Invalid tokens are never copied into the URL.
    page.evaluate(
        """() => { const s = document.createElement('span');
                   s.className = 'dialoog-token'; s.dataset.token = 'bad token<>';
                   document.body.appendChild(s); }"""
    )
    page.wait_for_timeout(300)
    assert parse_qs(urlsplit(page.url).query)["werkboek"] == [token]
    # A reload reopens the same workbook (the kernel reads ?werkboek=).
    page.reload()
    wait_rendered(page, ".token-shown")
    assert page.inner_text(".token-shown") == token


def test_upload_guard_blocks_large_file(smoke_server, open_notebook):
    page = open_notebook(smoke_server, "upload.ipynb", query="limit=1000", selector=".smoke-upload")
    with page.expect_file_chooser() as fc:
        page.click(".smoke-upload")
    fc.value.set_files({"name": "big.txt", "mimeType": "text/plain", "buffer": b"x" * 5000})
    msg = page.wait_for_selector("#dialoog-upload-message", state="visible")
    text = msg.inner_text()
    assert "Bestand is te groot (max." in text and "File is too large (max." in text
    page.wait_for_timeout(1500)
    assert page.inner_text(".received") == "received: none"  # kernel never got it
    page.click(".dialoog-upload-message-close")
    page.wait_for_selector("#dialoog-upload-message", state="detached")

    # Control: a file under the limit still reaches the kernel.
    with page.expect_file_chooser() as fc:
        page.click(".smoke-upload")
    fc.value.set_files({"name": "small.txt", "mimeType": "text/plain", "buffer": b"y" * 500})
    page.wait_for_function(
        "() => document.querySelector('.received').textContent === 'received: small.txt 500'"
    )
    assert page.locator("#dialoog-upload-message").count() == 0

    # An <input type=file> that is part of the document is guarded too.
    page.evaluate(
        """() => { const i = document.createElement('input'); i.type = 'file'; i.id = 'raw';
                   window.__rawChanged = false;
                   i.addEventListener('change', () => { window.__rawChanged = true; });
                   document.body.appendChild(i); }"""
    )
    page.set_input_files(
        "#raw", {"name": "b.bin", "mimeType": "application/octet-stream", "buffer": b"z" * 5000}
    )
    page.wait_for_selector("#dialoog-upload-message", state="visible")
    assert page.evaluate("window.__rawChanged") is False


def test_websocket_limit_allows_uploads_over_10_mib(smoke_server, open_notebook):
    """tornado_settings.websocket_max_message_size: a 12 MB file reaches the kernel."""
    size = 12_000_000
    page = open_notebook(
        smoke_server, "upload.ipynb", query=f"limit={64 * 1024 * 1024}", selector=".smoke-upload"
    )
    with page.expect_file_chooser() as fc:
        page.click(".smoke-upload")
    fc.value.set_files(
        {"name": "big.bin", "mimeType": "application/octet-stream", "buffer": b"\0" * size}
    )
    page.wait_for_function(
        f"() => document.querySelector('.received').textContent === 'received: big.bin {size}'",
        timeout=60_000,
    )


def test_kernel_errors_show_no_traceback(smoke_server, open_notebook):
    page = open_notebook(smoke_server, "error.ipynb", selector=".before-error")
    assert "Er ging iets mis" in body_text(page)  # our VoilaExecutor.cell_error_instruction
    assert_no_leaks(page)
    page.click(".boom")  # exception in a widget callback
    page.wait_for_timeout(1500)
    assert_no_leaks(page)


def _wait(condition, seconds: float, what: str, server: VoilaProcess) -> float:
    """Wait for `condition` (polled), up to `seconds`; returns how long it took."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < seconds, f"{what} after {seconds} s:\n{server.log()}"
        time.sleep(0.2)
    return time.monotonic() - start


def test_a_page_lives_as_long_as_its_heartbeat(browser, tmp_path, artifacts_dir):
    """Kernels follow their pages: an open page keeps its kernel past the cull time (its
    heartbeat), a closed tab stops its kernel at once, and a page that vanished after a save (a
    killed browser, a phone gone offline with its websocket still open) first drops out of
    who-is-here within seconds, then loses its kernel after the cull time; a plain GET keeps no
    kernel beyond the first-heartbeat timeout."""
    cull = 30
    server = VoilaProcess(
        REPO / "notebooks",
        tmp_path,
        artifacts_dir / "heartbeat_server.log",
        f"--MappingKernelManager.cull_idle_timeout={cull}",
        "--MappingKernelManager.cull_interval=1",
        "--PageKernelManager.first_heartbeat_timeout=4",
    )
    contexts = []

    def opened(query: str = ""):
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{server.url}/voila/render/workbook.ipynb" + (f"?{query}" if query else ""))
        wait_rendered(page, ".dialoog-app")
        return page, kernel_id(page)

    def typed(page, text: str) -> None:
        page.locator(".dialoog-nav-button", has_text=re.compile(r"Stap 1 ·")).click()
        page.locator(".dialoog-step textarea").first.fill(text)
        page.wait_for_selector(".dialoog-save-saved", timeout=15_000)

    try:
        owner, owner_kernel = opened()
        typed(owner, "De eigenaar blijft")
        opened_at = time.monotonic()
        link = re.search(r"werkboek=[A-Za-z0-9_-]+", owner.url)[0]
        crashed, crashed_kernel = opened(link)
        typed(crashed, "Bewaard, daarna viel de browser weg")
        offline, offline_kernel = opened(link)
        typed(offline, "Bewaard, daarna ging de telefoon offline")
        presence = owner.locator(".dialoog-presence-text", has_text="Eigenaar (2 tabbladen)")
        presence.wait_for(timeout=15_000)

        closed, closed_kernel = opened(link)
        closed.close(run_before_unload=True)
        _wait(lambda: not server.kernel_alive(closed_kernel), 8, "closed tab's kernel", server)
        assert f"Kernel shutdown: {closed_kernel}" in server.log()

        crashed.close(run_before_unload=False)
        contexts.remove(crashed.context)
        crashed.context.close()
        offline.context.set_offline(True)
        gone = time.monotonic()
        _wait(lambda: owner.locator(".dialoog-presence-text").count() == 0, 20,
              "the vanished pages still counted as open", server)  # fmt: skip
        assert server.kernel_alive(crashed_kernel) and server.kernel_alive(offline_kernel)

        with urllib.request.urlopen(f"{server.url}/voila/render/workbook.ipynb") as response:
            bare = re.search(r'"kernelId": ?"([0-9a-f-]{36})"', response.read().decode())[1]
        _wait(lambda: not server.kernel_alive(bare), 20, "a plain GET's kernel", server)

        for kernel in (crashed_kernel, offline_kernel):
            _wait(lambda k=kernel: not server.kernel_alive(k), cull + 15, "not culled", server)
            assert time.monotonic() - gone >= cull - 6  # not before its cull time
        assert "was last heard from" in server.log() and "no page was heard from" in server.log()
        assert time.monotonic() - opened_at > cull and server.kernel_alive(owner_kernel)
    finally:
        for context in contexts:
            context.close()
        server.stop()


def test_preheated_kernel_reads_query_string(page, tmp_path, artifacts_dir):
    """config/preheat: the notebook ran before the visit; query_param() waits for it."""
    server = VoilaProcess(
        NB_DIR,
        tmp_path,
        artifacts_dir / "preheat_server.log",
        "--VoilaConfiguration.default_pool_size=1",
        config_dir=REPO / "config" / "preheat",
    )
    try:
        time.sleep(5)  # let the pool fill, so the visit really uses a preheated kernel
        page.goto(f"{server.url}/voila/render/smoke.ipynb?q=vooraf")
        wait_rendered(page, ".smoke-env")
        assert page.inner_text(".smoke-env") == "in_voila=True q=vooraf"
        assert "Using pre-heated kernel" in server.log()
    finally:
        server.stop()


def test_serve_script(tmp_path):
    """scripts/serve.sh starts Voilà with config/ on 127.0.0.1:$DIALOOG_PORT and says so."""
    port = free_port()
    env = dict(
        os.environ,
        DIALOOG_PORT=str(port),
        DIALOOG_NOTEBOOK=str(NB_DIR / "smoke.ipynb"),
        DIALOOG_DATA_DIR=str(tmp_path),
    )
    proc = subprocess.Popen(
        [str(REPO / "scripts" / "serve.sh")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert proc.stdout.readline().decode().strip() == f"dialoog: http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, html = fetch(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.3)
        assert status == 200
        assert "/voila/templates/dialoog/static/dialoog.js" in html
        assert not EXTERNAL_REF.findall(html)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)


@pytest.mark.skipif(
    not (REPO / "notebooks" / "workbook.ipynb").exists(), reason="workbook not written yet"
)
def test_workbook_renders_cleanly(voila_server, open_notebook, artifacts_dir):
    """The real app via voila_server (repo notebooks/): renders, no code, no tracebacks."""
    page = open_notebook(voila_server, "workbook.ipynb")
    assert page.locator(".jp-CodeCell .jp-InputArea").count() == 0
    assert_no_leaks(page)
    page.screenshot(path=str(artifacts_dir / "workbook.png"), full_page=True)


def test_pages_and_scripts_are_sent_compressed(smoke_server):
    """Gzip for what the browser asks compressed (the page, Voilà's scripts): a first visit
    transfers about 1.5 MB instead of 5 MB (benchmarks/weight.py)."""
    for path in ("/voila/render/smoke.ipynb", "/voila/static/voila.js"):
        request = urllib.request.Request(smoke_server + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.headers.get("Content-Encoding") == "gzip", path
            body = response.read()
        plain = urllib.request.urlopen(smoke_server + path, timeout=60).read()
        assert len(body) < len(plain) / 2, path
