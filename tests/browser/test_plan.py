"""The plan page in the app: one click on a download button gives a document that opens."""

from __future__ import annotations

import re

import docx
from bs4 import BeautifulSoup

from dialoog.testing.browser import choose_page, open_example, wait_rendered


def test_plan_downloads_open_as_documents(voila_server, page, artifacts_dir, tmp_path):
    page.goto(f"{voila_server}/voila/render/workbook.ipynb")
    wait_rendered(page, ".dialoog-app")
    page.wait_for_url(re.compile(r"werkboek="))
    choose_page(page, page.locator(".dialoog-nav-button", has_text="Stap 1 ·").click)
    page.locator(".dialoog-step textarea").first.fill("<b>Wij</b> willen leren van de keten")
    choose_page(page, page.locator(".dialoog-nav-button", has_text="Plan van aanpak en").click)

    assert page.title() == "dialoog — Betekenisvolle stakeholderdialoog: plan van aanpak"
    with page.expect_download(timeout=60000) as download:  # one click: no second link to click
        page.locator(".dialoog-plan-build-docx").click()
    assert download.value.suggested_filename.startswith("plan-van-aanpak-")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any("Stap 1" in h for h in headings)
    assert any("<b>Wij</b> willen leren" in p.text for p in document.paragraphs)

    with page.expect_download(timeout=60000) as download:
        page.locator(".dialoog-plan-build-html").click()
    html_path = tmp_path / "plan.html"
    download.value.save_as(html_path)
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("b", string="Wij") is None  # the answer is text, not markup
    assert "<b>Wij</b> willen leren" in soup.get_text()
    page.screenshot(path=str(artifacts_dir / "plan-page.png"), full_page=True)

    # the workbook file, in one click too
    with page.expect_download(timeout=30000) as download:
        page.locator("button.dialoog-download-workbook").click()
    assert download.value.suggested_filename.startswith("werkboek-")
    saved = tmp_path / "werkboek.json"
    download.value.save_as(saved)
    assert "&lt;b&gt;Wij" not in saved.read_text() and "<b>Wij</b>" in saved.read_text()


def test_the_evaluation_shows_dialogue_quality_over_time(voila_server, page, artifacts_dir):
    open_example(page, voila_server, {"width": 1366, "height": 900})
    choose_page(page, page.locator(".dialoog-nav-button", has_text="Plan van aanpak en").click)
    page.get_by_role("tab", name=re.compile("Evaluatie")).click()
    quality = page.get_by_text("Kwaliteit van de dialoog door de tijd")
    quality.wait_for()
    assert page.get_by_text("4 contacten beoordeeld").is_visible()
    page.locator("button.dialoog-plan-quality-chart").click()
    chart = page.locator("img.dialoog-figure-img[alt*='Vier kleine lijndiagrammen']")
    chart.wait_for()
    assert chart.evaluate("img => img.naturalWidth") > 400
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "plan-quality.png"))
