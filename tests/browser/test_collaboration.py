"""One workbook, many hands, in real browsers: two tabs on one link, a conflict, a kernel that
dies mid-sentence, a read-only link, and two Voilà servers on one PostgreSQL database."""

from __future__ import annotations

import os
import re
import signal
import time

from dialoog.testing.browser import REPO, VoilaProcess, is_local, kernel_id, wait_rendered

STEP1 = re.compile(r"(Stap|Step) 1 ·")


def open_link(context, base: str, query: str = ""):
    page = context.new_page()
    page.goto(f"{base}/voila/render/workbook.ipynb" + (f"?{query}" if query else ""))
    wait_rendered(page, ".dialoog-app")
    page.wait_for_url(re.compile(r"werkboek=[A-Za-z0-9_-]{22,}"))
    return page


def step1(page):
    page.locator(".dialoog-nav-button", has_text=STEP1).click()
    page.wait_for_selector(".dialoog-step-title:has-text('1:')")
    return page.locator(".dialoog-step textarea")


def token_of(page) -> str:
    return re.search(r"werkboek=([A-Za-z0-9_-]+)", page.url).group(1)


def saved(page) -> None:
    page.wait_for_selector(".dialoog-save-saved", timeout=15_000)


def test_two_tabs_on_one_link_keep_both_texts_and_follow_each_other(
    voila_server, contexts, artifacts_dir
):
    first = open_link(contexts(), voila_server)
    step1(first).nth(0).fill("begin")
    saved(first)
    link = f"werkboek={token_of(first)}"
    second = open_link(contexts(), voila_server, link)

    # different fields of one step: both texts stay
    step1(first).nth(1).fill("Waarde voor het bedrijf, uit tab A")
    step1(second).nth(2).fill("Waarde voor stakeholders, uit tab B")
    saved(first)
    saved(second)
    # the other tab follows within a few seconds, without a reload
    start = time.monotonic()
    first.locator(".dialoog-step textarea").nth(2).wait_for(state="visible")
    first.wait_for_function(
        "() => document.querySelectorAll('.dialoog-step textarea')[2].value.includes('tab B')",
        timeout=3_000 + 2_000,  # 3 s, plus the autosave of tab B that had to happen first
    )
    followed = time.monotonic() - start
    third = open_link(contexts(), voila_server, link)
    areas = step1(third)
    assert areas.nth(1).input_value() == "Waarde voor het bedrijf, uit tab A"
    assert areas.nth(2).input_value() == "Waarde voor stakeholders, uit tab B"
    # the two other pages, on the same link: named once, with their count; the page knows who
    # else is there when it is built (the 20 s are for a loaded two-core machine)
    third.locator(".dialoog-presence", has_text="Nu ook open: Eigenaar (2 tabbladen)").wait_for(
        timeout=20_000
    )
    third.screenshot(path=str(artifacts_dir / "collaboration-third-tab.png"), full_page=True)
    assert followed < 5

    # the same field in both tabs: the later save wins, both pages say so
    step1(first).nth(0).fill("Motivatie volgens A")
    saved(first)
    second.locator(".dialoog-step textarea").nth(0).fill("Motivatie volgens B")
    saved(second)
    second.locator(".dialoog-conflict", has_text="jouw versie is bewaard").wait_for()
    first.locator(".dialoog-conflict", has_text="door iemand anders veranderd").wait_for(
        timeout=10_000
    )
    first.wait_for_function(
        "() => document.querySelectorAll('.dialoog-step textarea')[0].value.includes('B')"
    )
    first.screenshot(path=str(artifacts_dir / "collaboration-conflict.png"), full_page=True)
    first.locator(".dialoog-nav-history").click()
    history = first.locator(".dialoog-history")
    history.wait_for()
    first.locator("button", has_text="Vernieuwen").click()
    history.get_by_text("Stap 1", exact=False).first.wait_for()
    assert history.locator("tbody tr").count() >= 5
    first.screenshot(path=str(artifacts_dir / "collaboration-history.png"), full_page=True)

    # a version in words; a restore that asks first and is undone with one button
    picker = history.locator("select").first
    options = picker.locator("option")
    picker.select_option(options.nth(1).get_attribute("value"))
    history.get_by_role("button", name="Bekijk deze versie").click()
    detail = history.locator(".dialoog-history-detail")
    detail.get_by_text("Wat versie", exact=False).wait_for()
    assert "{" not in detail.inner_text()
    assert "Motivatie volgens" in detail.inner_text()
    history.get_by_role("button", name="Zet deze versie terug…").click()
    confirm = history.locator(".dialoog-history-confirm")
    confirm.get_by_text("terugzetten verandert", exact=False).wait_for()
    assert "Motivatie volgens B" in confirm.inner_text()  # what it is now
    confirm.screenshot(path=str(artifacts_dir / "history-restore-question.png"))
    confirm.locator("button.dialoog-history-yes").click()
    history.get_by_text("is teruggezet", exact=False).wait_for()
    history.locator("button.dialoog-history-undo").click()
    history.get_by_text("ongedaan gemaakt", exact=False).wait_for()
    first.wait_for_function(
        "() => !document.querySelector('.dialoog-history-undo')"
        " || document.querySelector('.dialoog-history-undo').offsetParent === null"
    )
    first.screenshot(path=str(artifacts_dir / "history-undone.png"), full_page=True)


def test_a_killed_kernel_is_said_at_once_and_a_reload_loses_at_most_two_seconds(
    voila_process, contexts, artifacts_dir
):
    page = open_link(contexts(), voila_process.url)
    area = step1(page).nth(0)
    area.click()
    typed = ""
    start = time.monotonic()
    while time.monotonic() - start < 10:  # typing without a pause for 10 seconds
        chunk = f"woord{len(typed) % 97:02d} "
        page.keyboard.type(chunk, delay=20)
        typed += chunk
    pid = voila_process.kernel_pid(kernel_id(page))
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    killed = time.monotonic()
    page.locator("#dialoog-connection-lost").wait_for(timeout=5_000)
    assert time.monotonic() - killed < 5
    assert "niet bewaard" in page.locator("#dialoog-connection-lost").inner_text()
    page.screenshot(path=str(artifacts_dir / "collaboration-connection-lost.png"))
    url = page.url
    fresh = open_link(contexts(), voila_process.url, url.split("?", 1)[1])
    kept = step1(fresh).nth(0).input_value()
    assert typed.startswith(kept)
    per_second = len(typed) / 10
    assert len(typed) - len(kept) <= 2.5 * per_second + 12  # the last 2 s (and a word)


def test_a_tab_closed_right_after_typing_keeps_the_text_and_frees_its_kernel(
    voila_process, contexts
):
    page = open_link(contexts(), voila_process.url)
    step1(page).nth(0).fill("Getypt en meteen gesloten")
    query = page.url.split("?", 1)[1]
    kernel = kernel_id(page)
    page.close(run_before_unload=True)  # before the autosave's two seconds are up
    deadline = time.monotonic() + 15
    while voila_process.kernel_alive(kernel):  # the page's unload stops its kernel
        assert time.monotonic() < deadline, "the closed tab's kernel is still running"
        time.sleep(0.2)
    fresh = open_link(contexts(), voila_process.url, query)
    assert step1(fresh).nth(0).input_value() == "Getypt en meteen gesloten"


def test_a_read_only_link_shows_everything_and_lets_nothing_be_changed(
    voila_server, contexts, artifacts_dir
):
    owner = open_link(contexts(), voila_server)
    step1(owner).nth(0).fill("Onze motivatie")
    saved(owner)
    owner.locator(".dialoog-nav-share").click()
    share = owner.locator(".dialoog-share")
    share.locator("input[type='text']").fill("Manager")
    share.locator("select").select_option(label="alleen lezen")
    share.locator("button.dialoog-share-create").click()
    url = share.locator(".dialoog-share-url").inner_text()
    owner.screenshot(path=str(artifacts_dir / "collaboration-share.png"), full_page=True)
    token = re.search(r"werkboek=([A-Za-z0-9_-]+)", url).group(1)
    reader = open_link(contexts(), voila_server, f"werkboek={token}")
    reader.get_by_text("Alleen lezen").wait_for()
    areas = step1(reader)
    assert areas.nth(0).input_value() == "Onze motivatie"
    enabled = reader.locator(
        ".dialoog-main textarea:not([disabled]), .dialoog-main input:not([disabled])"
    )
    assert enabled.count() == 0
    assert reader.locator(".dialoog-open-workbook").is_hidden()
    reader.screenshot(path=str(artifacts_dir / "collaboration-read-only.png"), full_page=True)
    # a crafted edit: the field is enabled by hand in the page and typed in; the kernel refuses
    areas.nth(0).evaluate("el => el.removeAttribute('disabled')")
    areas.nth(0).fill("Door de lezer veranderd")
    reader.wait_for_timeout(2_500)
    check = open_link(contexts(), voila_server, owner.url.split("?", 1)[1])
    assert step1(check).nth(0).input_value() == "Onze motivatie"

    # the owner revokes the link: it opens nothing any more, and says so
    owner.locator(".dialoog-nav-share").click()
    owner.locator("button.dialoog-share-revoke", has_text="Manager").click()
    owner.get_by_text("is ingetrokken").first.wait_for()
    revoked = open_link(contexts(), voila_server, f"werkboek={token}")
    revoked.get_by_text("Deze link is ingetrokken").first.wait_for()
    assert revoked.locator(".dialoog-nav").count() == 0


def test_two_servers_on_one_postgresql_database_stay_in_step(
    postgres_server, contexts, tmp_path, artifacts_dir
):
    url = postgres_server.create_database(f"two_{os.getpid()}_{time.monotonic_ns()}")
    env = {"DIALOOG_DATABASE_URL": url}
    servers = [
        VoilaProcess(REPO / "notebooks", tmp_path / f"data{i}", artifacts_dir / f"pg{i}.log",
                     env=env)
        for i in range(2)
    ]  # fmt: skip
    try:
        a = open_link(contexts(), servers[0].url)
        step1(a).nth(0).fill("Op server één begonnen")
        saved(a)
        b = open_link(contexts(), servers[1].url, f"werkboek={token_of(a)}")
        assert step1(b).nth(0).input_value() == "Op server één begonnen"
        step1(a).nth(1).fill("Server één schrijft hier")
        step1(b).nth(2).fill("Server twee schrijft daar")
        saved(a)
        saved(b)
        for page in (a, b):
            page.wait_for_function(
                "() => { const t = document.querySelectorAll('.dialoog-step textarea');"
                " return t[1].value.includes('één schrijft') && t[2].value.includes('twee'); }",
                timeout=10_000,
            )
        assert all(is_local(u) for u in (servers[0].url, servers[1].url))
    finally:
        for server in servers:
            server.stop()
