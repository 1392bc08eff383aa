"""The self-assessment in a real browser: answer all statements in the Voilà app, read the
summary, find the radar image and the priority steps, open a priority step in the workbook.

Screenshots: tests/artifacts/selfassessment-summary.png (and -element, -summary-en, -standalone).
"""

from __future__ import annotations

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dialoog.selfassessment.statements import load_statements
from dialoog.testing.browser import wait_rendered

# "Helemaal eens" everywhere gives motivatie exactly 60 (three positive statements at 100, two
# negative ones at 0): green, on the threshold. "Oneens" everywhere in inclusie gives 45: orange,
# which makes steps 3 and 5a priorities.
ANSWER = {"inclusie": "Oneens"}
DEFAULT = "Helemaal eens"


def full_screenshot(page, path) -> None:
    """The app scrolls inside its own container, so grow the viewport to take it all."""
    height = page.evaluate("() => document.querySelector('.dialoog-app').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(max(height + 200, 1000), 6000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 1000})


def open_app(page, base: str, notebook: str, selector: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{base}/voila/render/{notebook}")
    wait_rendered(page, selector)
    page.wait_for_url(re.compile(r"werkboek=[A-Za-z0-9_-]{22,}"))


def answer_element(page, element: str, label: str, count: int) -> None:
    block = page.locator(f".sa-element-{element}")
    block.wait_for()
    statements = block.locator(".dialoog-statement")
    assert statements.count() == count
    for i in range(count):
        statements.nth(i).locator(
            ".widget-toggle-button", has_text=re.compile(f"^{label}$")
        ).click()
    page.wait_for_selector(f".sa-nav-{element}:has-text('✓')")


def next_element(page, before: str, after: str) -> None:
    """Press "next" and wait for the next element. A click that lands while the page shifts
    under it (the pager sits below the statements) is repeated once, and only when the
    previous element is still the one shown, so a slow page is never skipped ahead."""
    page.locator("button.sa-next").click()
    target = page.locator(f".sa-element-{after}")
    try:
        target.wait_for(timeout=10_000)
        return
    except PlaywrightTimeout:
        pass
    if page.locator(f".sa-element-{before}").is_visible():
        print(f"next click to {after} had no effect; repeating it once")
        page.locator("button.sa-next").click()
    target.wait_for()


def test_self_assessment_summary_radar_and_priority_steps(voila_server, page, artifacts_dir):
    data = load_statements()
    open_app(page, voila_server, "workbook.ipynb", ".dialoog-app")
    page.locator(".dialoog-nav-button", has_text="Stap 0").click()
    page.wait_for_selector(".sa-view")
    for number, element in enumerate(data.elements):
        if number:
            next_element(page, data.elements[number - 1], element)
        answer_element(page, element, ANSWER.get(element, DEFAULT), len(data.for_element(element)))
        if element == "inclusie":
            page.screenshot(path=str(artifacts_dir / "selfassessment-element.png"), full_page=True)
    total = len(data.statements)
    page.wait_for_selector(f".sa-progress-text:has-text('{total} van {total}')")

    page.locator("button.sa-next", has_text="Naar de samenvatting").click()
    page.wait_for_selector(".sa-summary")
    radar = page.locator(".sa-radar img")
    radar.wait_for()
    assert radar.evaluate("img => img.naturalWidth") > 600
    inclusie = page.locator(".sa-table tr[data-element='inclusie']")
    assert "Oranje" in inclusie.inner_text()
    assert "Groen" in page.locator(".sa-table tr[data-element='motivatie']").inner_text()
    steps = page.locator(".sa-priority-step")
    assert steps.count() == 2
    assert "Stap 3" in steps.nth(0).inner_text() and "Stap 5a" in steps.nth(1).inner_text()
    assert page.locator(".sa-download-png a[download$='.png']").count() == 1
    with page.expect_download() as svg:  # drawn and downloaded in one click
        page.locator(".sa-download-svg button.dialoog-svg-button").click()
    assert svg.value.suggested_filename.endswith(".svg")
    assert page.locator(".sa-download-svg a[download$='.svg']").count() == 1
    full_screenshot(page, artifacts_dir / "selfassessment-summary.png")

    # the priority steps are marked in the workbook's navigation and overview
    assert page.locator(".dialoog-nav-button", has_text="Stap 3 ★").count() == 1
    assert page.locator(".dialoog-nav-button", has_text="Stap 5a ★").count() == 1
    assert page.locator(".dialoog-nav-button", has_text="Stap 1 ★").count() == 0

    # a priority step opens that step of the workbook, marked as priority
    steps.nth(0).click()
    page.wait_for_selector(".dialoog-step-title:has-text('3:')")
    assert page.locator(".dialoog-step .dialoog-priority").is_visible()

    # in English: same answers, English summary
    page.get_by_role("button", name="English").click()
    page.locator(".dialoog-nav-button", has_text="Step 0").click()
    page.wait_for_selector(".sa-summary:has-text('Priority steps')")
    assert "Orange" in page.locator(".sa-table tr[data-element='inclusie']").inner_text()
    page.wait_for_selector(".sa-radar img")
    full_screenshot(page, artifacts_dir / "selfassessment-summary-en.png")


def test_stand_alone_self_assessment_says_when_too_little_is_answered(
    voila_server, page, artifacts_dir
):
    open_app(page, voila_server, "selfassessment.ipynb", ".sa-view")
    page.locator(".sa-element-motivatie .dialoog-statement").first.locator(
        ".widget-toggle-button", has_text=re.compile("^Weet ik niet")
    ).click()
    page.wait_for_selector(".sa-progress-text:has-text('1 van')")
    page.locator("button.sa-nav-summary").click()
    page.wait_for_selector(".sa-summary .dialoog-notice-info:has-text('te weinig beantwoord')")
    page.locator(".sa-radar img").wait_for()
    assert page.locator(".sa-priority-step").count() == 0
    full_screenshot(page, artifacts_dir / "selfassessment-standalone.png")
