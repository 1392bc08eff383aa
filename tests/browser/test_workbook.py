"""A person's path through the guided workbook in a real browser: fill, switch, reload, resume."""

from __future__ import annotations

import re

from dialoog.testing.browser import wait_rendered

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> Wij willen écht leren 🙂 مرحبا"


def open_workbook(page, base: str, query: str = "") -> None:
    page.goto(f"{base}/voila/render/workbook.ipynb" + (f"?{query}" if query else ""))
    wait_rendered(page, ".dialoog-app")
    page.wait_for_url(re.compile(r"werkboek=[A-Za-z0-9_-]{22,}"))


def go_to(page, step: str) -> None:
    page.locator(".dialoog-nav-button", has_text=re.compile(rf"(Stap|Step) {step} ·")).click()
    page.wait_for_selector(f".dialoog-step-title:has-text('{step}:')")


def field(page, label: str):
    return page.locator(".dialoog-field", has=page.locator(".dialoog-field-label", has_text=label))


def test_answers_survive_language_switch_and_reload(voila_server, page, artifacts_dir):
    open_workbook(page, voila_server)
    assert page.locator(".dialoog-overview").is_visible()
    for number in range(1, 10):
        assert page.get_by_text(f"Stap {number}:").first.is_visible()

    # Phase 1: step 1, free text with hostile content
    go_to(page, "1")
    motivation = field(page, "").locator("textarea").first
    motivation.fill(HOSTILE)
    # Phase 2: step 4a, a choice
    go_to(page, "4a")
    page.locator(".dialoog-step .widget-radio-box label").first.click()
    # Phase 4: step 9b, a checkbox of a multiple choice
    go_to(page, "9b")
    page.locator(".dialoog-step .widget-checkbox input").first.check()
    page.wait_for_selector(".dialoog-status-in_progress")

    # Switch to English: everything is re-labelled, answers stay
    page.get_by_role("button", name="English").click()
    page.wait_for_selector(".dialoog-step-title:has-text('Step 9b')")
    assert page.locator(".dialoog-step .widget-checkbox input").first.is_checked()
    page.wait_for_selector(".dialoog-save-saved", timeout=15000)
    url = page.url

    # Reload: the same workbook comes back, in English
    page.reload()
    wait_rendered(page, ".dialoog-app")
    assert page.url == url
    page.wait_for_selector(".dialoog-nav-button:has-text('Step 1 ·')")
    go_to(page, "1")
    assert page.locator(".dialoog-step textarea").first.input_value() == HOSTILE
    assert page.locator("img[src='x']").count() == 0  # shown as text, never as HTML
    go_to(page, "4a")
    assert page.locator(".dialoog-step .widget-radio-box input").first.is_checked()
    go_to(page, "9b")
    assert page.locator(".dialoog-step .widget-checkbox input").first.is_checked()
    page.locator(".dialoog-nav-button", has_text="Overview").click()
    # step 1, 4a (and step 4 as a whole) and 9b (and step 9) are in progress
    page.locator(".dialoog-overview .dialoog-status-in_progress").nth(4).wait_for()
    go_to(page, "1")
    page.screenshot(path=str(artifacts_dir / "workbook-step1-filled.png"), full_page=True)


def test_a_guessed_link_opens_nothing_and_says_so(voila_server, page):
    open_workbook(page, voila_server, query="werkboek=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    page.locator(".dialoog-closed", has_text="Deze link opent geen werkboek").wait_for()
    assert page.locator(".dialoog-nav, .dialoog-status-in_progress").count() == 0
    assert page.get_by_text("bewaard").count() == 0


def test_foreign_upload_shows_message_and_keeps_work(voila_server, page, tmp_path):
    open_workbook(page, voila_server)
    go_to(page, "2")
    page.locator(".dialoog-step input[type='text']").first.fill("Marleen, inkoop")
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}')
    with page.expect_file_chooser() as chooser:
        page.locator(".dialoog-open-workbook").click()
    chooser.value.set_files(str(bad))
    page.wait_for_selector(".dialoog-notice-error:has-text('geen dialoog-werkboek')")
    assert page.locator(".dialoog-step input[type='text']").first.input_value() == "Marleen, inkoop"
