"""WCAG 2.1 AA on every page, checked with axe-core in the real browser: no critical and no
serious violation on the overview, the organisation, the self-assessment and its summary, every
step (8b's engagement log too), the register, the plan page and its evaluation, and the
workshop pages (facilitator, participant, room).

axe-core comes from the npm registry (scripts/install.sh --test puts it in .venv/axe).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from dialoog.testing.browser import (
    axe_violations,
    broken_images,
    choose_page,
    open_example,
    wait_rendered,
)


def _open_workbook(page, base: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base}/voila/render/workbook.ipynb")
    wait_rendered(page, ".dialoog-app")


def _nav(page, text, expect: str | None = None) -> None:
    """Open a page from the side menu; wait until it is on show (and `expect` with it)."""
    choose_page(page, page.locator(".dialoog-nav-button", has_text=text).first.click)
    if expect is not None:
        page.wait_for_selector(expect)


def violations(pg) -> list[str]:
    """axe-core's critical and serious findings, and any image that shows nothing."""
    return axe_violations(pg) + broken_images(pg)


@pytest.fixture
def found():
    seen: dict[str, list[str]] = {}
    yield seen
    problems = {where: v for where, v in seen.items() if v}
    lines = [f"{where}: {line}" for where, v in problems.items() for line in v]
    assert not problems, "\n".join(lines)


def test_the_workbook_pages_have_no_serious_violations(voila_server, page, found):
    _open_workbook(page, voila_server)
    found["overview"] = violations(page)
    cut = page.evaluate(
        "() => [...document.querySelectorAll('.dialoog-nav-button')]"
        ".filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.textContent)"
    )
    assert not cut, f"menu titles cut off: {cut}"
    _nav(page, re.compile(r"(Je organisatie|Your organisation)"))
    found["organisation"] = violations(page)
    _nav(page, "Stap 0")
    page.wait_for_selector(".sa-view", timeout=60_000)
    found["self-assessment"] = violations(page)
    page.locator(".sa-nav-summary").click()
    page.wait_for_selector(".sa-summary")
    found["summary"] = violations(page)
    for step in ("1", "3", "5a", "7", "8b", "9b"):
        _nav(
            page,
            re.compile(rf"(Stap|Step) {step} ·"),
            f".dialoog-step-title:has-text('{step}:')",
        )
        found[f"step {step}"] = violations(page)
    _nav(page, re.compile("Plan van aanpak"))
    found["plan"] = violations(page)
    page.get_by_role("tab", name=re.compile("Evaluatie")).click()
    page.get_by_text("Kwaliteit van de dialoog door de tijd").wait_for()
    found["plan: evaluation"] = violations(page)


def test_pages_full_of_answers_have_no_serious_violations(voila_server, page, found):
    """The example workbook: tables of answers with a row per meeting, the register, the log."""
    open_example(page, voila_server, {"width": 1366, "height": 900})
    for step in ("3", "6", "7", "8b", "9a"):
        _nav(
            page,
            re.compile(rf"(Stap|Step) {step} "),
            f".dialoog-step-title:has-text('{step}:')",
        )
        found[f"example, step {step}"] = violations(page)


def test_the_workshop_pages_have_no_serious_violations(voila_server, page, browser, found):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{voila_server}/voila/render/facilitator.ipynb")
    wait_rendered(page, ".ws-facilitator")
    found["facilitator start"] = violations(page)
    page.locator(".ws-title-input input").fill("Toegankelijk")
    page.locator("button.ws-create").click()
    code = page.locator(".ws-code").inner_text().strip()
    found["facilitator session"] = violations(page)
    room_href = page.locator(".ws-room-open a").get_attribute("href")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = context.new_page()
        phone.goto(f"{voila_server}/dialoog/join?code={code}")
        phone.locator("form.ws-join-form").wait_for()
        found["participant join"] = violations(phone)
        phone.locator("button.ws-join").click()
        phone.locator(".ws-progress-text").wait_for()
        found["participant screen"] = violations(phone)
        phone.locator("button.ws-next").click()
        phone.locator(".ws-progress-text", has_text="Onderdeel 2").wait_for()
        phone.keyboard.press("Tab")  # the focus went to the new screen's heading
        focused = phone.evaluate("document.activeElement.closest('.ws-statement') !== null")
        assert focused, "Tab after Volgende should reach the first statement"
        room = context.new_page()
        room.set_viewport_size({"width": 1920, "height": 1080})
        room.goto(urljoin(page.url, room_href))
        room.locator(".ws-wall-code").wait_for()
        found["room"] = violations(room)
    finally:
        for p in context.pages:
            p.close(run_before_unload=True)
        context.close()


def test_the_self_assessment_by_keyboard_in_two_presses_per_statement(voila_server, page):
    """Tab to a statement's answers, an arrow to choose; the buttons are a radio group that
    says what is chosen; after "Volgende" focus is on the next element's first statement."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{voila_server}/voila/render/selfassessment.ipynb")
    wait_rendered(page, ".sa-view")
    group = page.locator(".dialoog-statement [role='radiogroup']").first
    group.wait_for()
    assert group.get_attribute("aria-label")
    statements = page.locator(".sa-element:visible .dialoog-statement")
    count = statements.count()
    presses = 0
    group.locator("[role='radio']").first.focus()
    for index in range(count):
        if index:
            page.keyboard.press("Tab")
            presses += 1
        page.keyboard.press("ArrowRight")  # from the first answer to the second, chosen
        presses += 1
        radios = statements.nth(index).locator("[role='radio']")
        page.wait_for_function(
            "(i) => document.querySelectorAll('.sa-element .dialoog-statement')[i]"
            ".querySelectorAll('[aria-checked=true]').length === 1",
            arg=index,
        )
        assert radios.nth(1).get_attribute("aria-checked") == "true"
    assert presses <= 2 * count
    heading = page.locator(".sa-element-heading:visible").inner_text()
    page.locator("button.sa-next").click()
    page.wait_for_function(
        "(old) => [...document.querySelectorAll('.sa-element-heading')]"
        ".some(h => h.offsetParent && h.textContent !== old)",
        arg=heading,
    )
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.getAttribute('role') === 'radio'"
    )
