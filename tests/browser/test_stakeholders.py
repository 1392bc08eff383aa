"""The stakeholder register in a real browser: import the example, see the table and the map,
choose for dialogue in step 5a. Screenshots go to tests/artifacts/ (sh-voila-*.png)."""

from __future__ import annotations

import re

from dialoog.testing.browser import REPO, wait_rendered

EXAMPLE = REPO / "data" / "examples" / "stakeholders.csv"


def open_step(page, base: str, step: str) -> None:
    if "/voila/render/workbook.ipynb" not in page.url:
        page.goto(f"{base}/voila/render/workbook.ipynb")
        wait_rendered(page, ".dialoog-app")
    page.locator(".dialoog-nav-button", has_text=re.compile(rf"(Stap|Step) {step} ·")).click()
    page.wait_for_selector(f".dialoog-step-title:has-text('{step}:')")


def test_import_the_example_then_see_table_and_map_and_select(voila_server, page, artifacts_dir):
    # tall enough that the register fits: element screenshots only see what is on screen
    page.set_viewport_size({"width": 1400, "height": 3600})
    open_step(page, voila_server, "3")
    register = page.locator(".sh-register").first
    register.wait_for()
    assert "Het register is nog leeg" in register.inner_text()

    # Import: choose the file, see the preview, confirm
    register.get_by_role("tab", name="Importeren").click()
    upload = register.locator(".sh-import .widget-upload")
    # the button says what it does, without ipywidgets' file counter "(0)"
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-upload')].every("
        "b => b.textContent.trim() && !/\\(\\d+\\)$/.test(b.textContent.trim()))"
    )
    assert upload.inner_text().strip() == "Kies bestand"
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(EXAMPLE))
    preview = register.locator(".sh-preview")
    preview.get_by_text("42 van de 42 rijen kunnen worden ingelezen").wait_for()
    assert "(" not in upload.inner_text()  # also after a file was read and the value emptied
    preview.get_by_role("button", name="Bevestigen: 42 stakeholders inlezen").click()
    register.locator(".dialoog-notice-success", has_text="Ingelezen: 42 nieuw").wait_for()

    # The ranked table, page 1 of 2
    table = register.locator(".dialoog-table").first
    table.get_by_text("Seizoensarbeiders bij de katoenpluk, onder wie kinderen").wait_for()
    assert table.locator("tbody tr").count() == 25
    assert register.locator(".sh-summary").inner_text().startswith("42 stakeholders")
    register.screenshot(path=str(artifacts_dir / "sh-voila-table.png"))

    # The map and the ranking chart, with downloads
    register.get_by_role("tab", name="Kaart en rangorde").click()
    figure = register.locator(".dialoog-figure img").first
    figure.wait_for()
    page.wait_for_function(
        "() => { const i = document.querySelector('.sh-register .dialoog-figure img');"
        " return i && i.naturalWidth > 500; }"
    )
    svg = register.locator("button.dialoog-svg-button")  # map and ranking as SVG, on a click
    assert svg.count() == 2
    with page.expect_download() as download:
        svg.nth(1).click()
    assert download.value.suggested_filename.endswith(".svg")
    register.locator("a[download$='.svg']").first.wait_for()
    assert register.locator("a[download$='.png']").count() == 2
    figure.screenshot(path=str(artifacts_dir / "sh-voila-map.png"))
    register.screenshot(path=str(artifacts_dir / "sh-voila-charts-tab.png"))

    # Step 5a: tick the first stakeholder and give a reason
    open_step(page, voila_server, "5a")
    select = page.locator(".sh-register").first
    select.get_by_text("Hoge prioriteit maar niet gekozen").wait_for()
    first = select.locator(".sh-select-row").first
    assert "Seizoensarbeiders" in first.inner_text()
    first.locator("input[type='checkbox']").check()
    first.locator("textarea").fill("Via Bal Suraksha Manch, veilig en vertrouwelijk")
    first.locator("textarea").press("Tab")
    select.locator(".dialoog-scroll, h4", has_text="Gekozen voor dialoog (14)").wait_for()
    select.screenshot(path=str(artifacts_dir / "sh-voila-select.png"))

    # Back in step 3 the register shows the new choice
    open_step(page, voila_server, "3")
    page.locator(".sh-summary", has_text="14 gekozen voor dialoog").first.wait_for()


WORDS = REPO / "tests" / "stakeholders" / "files" / "nl-excel-woordschalen.csv"


def test_a_dutch_excel_file_with_word_scales_comes_in_whole(voila_server, page, artifacts_dir):
    """';', Windows-1252, decimal commas, 'hoog/midden/laag' and a percentage column: every
    row comes in, the preview says how each column was read and lets the analyst change it."""
    page.set_viewport_size({"width": 1366, "height": 2400})
    open_step(page, voila_server, "3")
    register = page.locator(".sh-register").first
    register.get_by_role("tab", name="Importeren").click()
    with page.expect_file_chooser() as chooser:
        register.locator(".sh-import .widget-upload").click()
    chooser.value.set_files(str(WORDS))
    preview = register.locator(".sh-preview")
    preview.get_by_text("42 van de 42 rijen kunnen worden ingelezen").wait_for()
    # one card per column of the file: what it is read as, how, a sample and the counts
    cards = register.locator(".dialoog-column")
    kwetsbaarheid = cards.filter(
        has=page.locator(".dialoog-column-heading", has_text="Kwetsbaarheid")
    )
    kwetsbaarheid.wait_for()
    assert re.search(r"hoog → 4", kwetsbaarheid.inner_text())
    kans = cards.filter(has=page.locator(".dialoog-column-heading", has_text="Kans (%)"))
    assert "percentage" in kans.inner_text() and "80+ → 5" in kans.inner_text()
    assert cards.count() >= 8
    register.screenshot(path=str(artifacts_dir / "sh-voila-import-words.png"))

    # read the influence column as a 1–3 scale instead, then confirm
    invloed = cards.filter(has=page.locator(".dialoog-column-heading", has_text="Invloed"))
    menu = invloed.locator(".dialoog-column-mode select")
    options = menu.locator("option").all_inner_texts()
    three = next(o for o in options if "1–3" in o or "1-3" in o)
    menu.select_option(label=three)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.dialoog-column')].some(r =>"
        " r.textContent.includes('Invloed') && r.textContent.includes('gekozen'))"
    )
    preview.get_by_role("button", name="Bevestigen: 42 stakeholders inlezen").click()
    register.locator(".dialoog-notice-success", has_text="Ingelezen: 42 nieuw").wait_for()
    assert register.locator(".sh-summary").inner_text().startswith("42 stakeholders")


def test_the_analyst_page_reads_the_users_own_file_and_shows_no_server_path(
    voila_server, page, artifacts_dir
):
    """stakeholders.ipynb in the app: choose "Eigen bestand", read a Dutch Excel CSV, see the
    ranking, the map and a spreadsheet to download; no path of the server anywhere."""
    from dialoog.testing.browser import axe_violations, broken_images

    page.set_viewport_size({"width": 1366, "height": 1800})
    page.goto(f"{voila_server}/voila/render/stakeholders.ipynb")
    wait_rendered(page, ".sh-analysis")
    assert page.title().startswith("Stakeholderregister analyseren")
    page.get_by_role("button", name="Eigen bestand").click()
    upload = page.locator(".sh-analysis-upload")
    upload.wait_for()
    with page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(WORDS))
    analysis = page.locator(".sh-analysis")
    analysis.locator(".dialoog-notice-success", has_text="42 van de 42 rijen").wait_for()
    analysis.locator(".sh-summary", has_text="42 stakeholders").wait_for()
    analysis.get_by_role("tab", name="Kaart en rangorde").click()
    page.wait_for_function(
        "() => { const i = document.querySelector('.sh-analysis .dialoog-figure img');"
        " return i && i.naturalWidth > 500; }"
    )
    analysis.get_by_role("tab", name="Exporteren").click()
    with page.expect_download() as download:
        analysis.get_by_role("button", name=re.compile("Excel")).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    text = page.locator("body").inner_text()
    for path in (str(REPO), "/tmp/", "var/exports", "/home/", "/work/"):
        assert path not in text
    assert axe_violations(page) + broken_images(page) == []
    analysis.get_by_role("tab", name="Kaart en rangorde").click()
    page.screenshot(path=str(artifacts_dir / "sh-voila-analysis.png"), full_page=True)


def test_the_register_fits_a_laptop_screen_without_cut_text(voila_server, page, artifacts_dir):
    """1366×768, the example imported: on every tab nothing is cut off, the page does not
    scroll sideways, and wide tables scroll inside their own frame."""
    from dialoog.testing.browser import clipped_text, sideways_scroll

    page.set_viewport_size({"width": 1366, "height": 768})
    open_step(page, voila_server, "3")
    register = page.locator(".sh-register").first
    register.get_by_role("tab", name="Importeren").click()
    with page.expect_file_chooser() as chooser:
        register.locator(".sh-import .widget-upload").click()
    chooser.value.set_files(str(EXAMPLE))
    register.get_by_role("button", name="Bevestigen: 42 stakeholders inlezen").click()
    register.locator(".dialoog-notice-success", has_text="Ingelezen: 42 nieuw").wait_for()
    register.locator(".sh-picker select").select_option(index=1)
    register.locator(".sh-form").wait_for()
    found = {}
    for tab in ("Register", "Tabellen", "Kaart en rangorde", "Exporteren"):
        register.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(800)
        found[tab] = (clipped_text(page), sideways_scroll(page))
        if tab == "Register":
            page.screenshot(path=str(artifacts_dir / "sh-voila-1366.png"), full_page=True)
    problems = {tab: f for tab, f in found.items() if f != ([], 0)}
    assert not problems, problems
    # the widest table (groups × issues) scrolls inside its own frame, the page does not
    register.get_by_role("tab", name="Tabellen").click()
    register.locator(".sh-tables select").first.select_option(label="Groepen × risico's")
    frame = register.locator(".sh-tables .dialoog-scroll").first
    frame.wait_for()
    assert frame.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert frame.get_attribute("tabindex") == "0"  # reachable by keyboard to scroll
    assert sideways_scroll(page) == 0
