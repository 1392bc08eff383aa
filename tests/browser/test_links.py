"""What changes after a page opened, in real browsers: a link revoked while its pages are open,
and links that open nothing (cut short, garbage, revoked) on every page that takes one."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from dialoog.model import Workbook
from dialoog.testing.browser import ARTIFACTS, wait_rendered
from dialoog.workbook_store import WorkbookStore

MESSAGE = "Deze link opent geen werkboek: controleer of hij volledig is"
PAGES = (
    "workbook.ipynb",
    "selfassessment.ipynb",
    "plan.ipynb",
    "stakeholders.ipynb",
    "facilitator.ipynb",
)  # a participant's page is no notebook: it is served without a kernel and opens by a code
# (tests/workshop/test_server.py and tests/browser/test_workshop.py)


@pytest.fixture
def store(voila_process):
    """The test server's own database, to make and revoke links as another page would."""
    store = WorkbookStore(f"sqlite:///{voila_process.data_dir / 'dialoog.sqlite'}")
    yield store
    store.engine.dispose()


def owner_workbook(store: WorkbookStore) -> str:
    workbook = Workbook()
    workbook.set_answer("1", "motivation", "Wat alleen de eigenaar mag zien")
    return store.create(workbook, label="Eigenaar")


def opening(context, base: str, notebook: str, query: str):
    """A page on its way (not waited for), so that several load side by side."""
    page = context.new_page()
    page.goto(f"{base}/voila/render/{notebook}?{query}", wait_until="commit")
    return page


def store_count(store: WorkbookStore) -> int:
    from sqlalchemy import func, select

    from dialoog.workbook_store import workbooks

    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(workbooks)).scalar()


def opened(context, base: str, notebook: str, query: str):
    page = context.new_page()
    page.goto(f"{base}/voila/render/{notebook}?{query}")
    try:
        wait_rendered(page, ".jupyter-widgets")
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"link-failed-{notebook}.png"), full_page=True)
        raise
    return page


def test_every_page_says_when_its_link_opens_nothing(voila_server, store, contexts, artifacts_dir):
    owner = owner_workbook(store)
    reader = store.create_link(store.access(owner), "read", "Manager")
    revoked = next(x for x in store.links(store.access(owner)) if x.label == "Manager")
    store.revoke(store.access(owner), revoked.id)
    stored = store_count(store)
    links = {"cut short": owner[:-6], "garbage": "<script>x</script>", "revoked": reader}
    context = contexts(viewport={"width": 1280, "height": 900})
    for kind, token in links.items():  # five pages at a time, loading side by side
        pages = [opening(context, voila_server, nb, f"werkboek={quote(token)}") for nb in PAGES]
        for notebook, page in zip(PAGES, pages, strict=True):
            box = page.locator(".dialoog-closed")
            box.wait_for(timeout=60_000)
            text = box.inner_text()
            if kind == "revoked":
                assert "Deze link opent geen werkboek meer" in text and "ingetrokken" in text
            else:
                assert MESSAGE in text, (notebook, kind, text)
            body = page.locator("body").inner_text()
            assert "bewaard" not in body.lower(), (notebook, kind)  # never "Alles is bewaard"
            assert "Wat alleen de eigenaar" not in body
            start = box.locator("a.dialoog-button-link")
            assert start.is_visible() and "werkboek=" not in (start.get_attribute("href") or "")
            if notebook == "selfassessment.ipynb" and kind == "cut short":
                page.screenshot(path=str(artifacts_dir / "link-cut-short.png"))
            page.close(run_before_unload=True)
    # nine garbage variants on the workbook page: each says so, none stores a workbook
    variants = ["", "%20", "a", "x" * 21, "x" * 65, owner + "x", owner[:-1], "..%2F..%2Fetc",
                "ÄÖÜ" * 10]  # fmt: skip
    pages = [opening(context, voila_server, "workbook.ipynb", f"werkboek={v}") for v in variants]
    for page in pages:
        page.locator(".dialoog-closed", has_text=MESSAGE).wait_for(timeout=60_000)
        page.close(run_before_unload=True)
    assert store_count(store) == stored


def test_a_link_revoked_while_its_pages_are_open_closes_them_within_a_tick(
    voila_server, store, contexts, artifacts_dir
):
    owner = owner_workbook(store)
    access = store.access(owner)
    editor_token = store.create_link(access, "edit", "Inkoop")
    reader_token = store.create_link(access, "read", "Lezer")
    editor = opened(contexts(), voila_server, "workbook.ipynb", f"werkboek={editor_token}")
    reader = opened(contexts(), voila_server, "selfassessment.ipynb", f"werkboek={reader_token}")
    owner_page = opened(
        contexts(), voila_server, "workbook.ipynb", f"werkboek={owner}&pagina=share"
    )
    editor.locator(".dialoog-nav-button", has_text=re.compile(r"Stap 1 ·")).click()
    editor.locator(".dialoog-step textarea").first.wait_for()
    reader.locator(".dialoog-statement").first.wait_for()
    revision = store.status(access).revision

    share = owner_page.locator(".dialoog-share")
    share.locator("button.dialoog-share-revoke", has_text="Inkoop").click()
    owner_page.get_by_text("‘Inkoop’ is ingetrokken").wait_for()
    share.locator("button.dialoog-share-revoke", has_text="Lezer").click()
    owner_page.get_by_text("‘Lezer’ is ingetrokken").wait_for()
    for page in (editor, reader):  # one sync tick (1.5 s), with room for a busy machine
        page.locator(".dialoog-closed", has_text="ingetrokken").wait_for(timeout=10_000)
        assert page.locator("textarea, .dialoog-statement").count() == 0
    editor.screenshot(path=str(artifacts_dir / "link-revoked-while-open.png"))
    # the owner's own link keeps working, and nothing was written by the revoked pages
    assert store.status(access).revision == revision
    assert store.load(owner).answer("1", "motivation") == "Wat alleen de eigenaar mag zien"
    assert not owner_page.locator(".dialoog-closed").count()
