"""The engagement log in a real browser: three contacts with two stakeholders of the example
register, a concern raised and then answered, found back in the timeline, the open concerns and
the evidence export (.xlsx read back with openpyxl). Screenshot: tests/artifacts/engagement.png.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl

from dialoog.storage import loads
from dialoog.testing.browser import EXAMPLE_WORKBOOK as EXAMPLE
from dialoog.testing.browser import open_example

UNION = "Bond van Textielwerkers"  # a union in the example register


def _open_example(page, base: str) -> None:
    open_example(page, base, {"width": 1366, "height": 2400})
    page.locator(".dialoog-nav-button", has_text=re.compile(r"(Stap|Step) 8b ·")).click()
    page.wait_for_selector(".dialoog-step-title:has-text('8b:')")
    page.locator(".eng-log").wait_for()


def _log(page, day: str, names: list[str], raised: str, concern: str = "") -> None:
    form = page.locator(".eng-form")
    form.locator("input[type='date']").first.fill(day)
    tags = form.locator(".eng-stakeholders input")
    for name in names:
        tags.fill(name)
        tags.press("Enter")
    form.locator("textarea").first.fill(raised)
    if concern:
        form.get_by_text("Er is een zorg of klacht geuit").click()
        form.locator(".widget-text", has_text="Zaaknummer").locator("input").fill(concern)
    form.locator("button.eng-save").click()
    page.locator(
        ".eng-log > .dialoog-notice-success, .eng-log .dialoog-notice-success"
    ).first.wait_for()


def test_contacts_a_concern_and_the_evidence(voila_server, page, artifacts_dir):
    _open_example(page, voila_server)
    allowed = page.evaluate("() => [...document.querySelectorAll('.eng-stakeholders')].length")
    assert allowed == 1
    first, union = _names(page)
    _log(page, "2026-03-10", [first, union], "De lonen zijn te laag")
    _log(page, "2026-04-02", [union], "Klacht over overuren", concern="K-7")
    _log(page, "2026-11-20", [union], "Verslag ontvangen")
    log = page.locator(".eng-log")
    # the example workbook holds five contacts, one concern of which is still in progress
    log.locator(".eng-summary", has_text="8 contacten vastgelegd").wait_for()
    assert "2 open zorgen of klachten" in log.locator(".eng-summary").inner_text()
    assert "K-7" in log.inner_text()

    # answer the concern: open the contact, set its state, save
    picker = log.locator(".eng-picker select")
    option = picker.locator("option", has_text="02-04-2026").get_attribute("value")
    picker.select_option(option)
    log.locator(".widget-dropdown", has_text="Stand van de zorg").locator("select").select_option(
        label="Beantwoord"
    )
    log.locator("button.eng-save").click()
    log.locator(".eng-summary", has_text="1 open zorg of klacht").wait_for()
    log.screenshot(path=str(artifacts_dir / "engagement.png"))

    with page.expect_download(timeout=60_000) as download:
        log.locator("button.eng-export").click()
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    evidence = book.worksheets[0]
    rows = {r[0].value: r for r in evidence.iter_rows(min_row=11)}  # under its preamble
    assert rows[union][2].value == 6  # three in the example, three logged here: a number
    assert "Klacht over overuren" in rows[union][6].value
    assert rows[first][2].value == 2
    assert any(r[2].value == 0 for r in rows.values())  # identified, not engaged yet


def _names(page) -> tuple[str, str]:
    """Two stakeholders of the example register: the first one, and a union."""
    register = loads(EXAMPLE.read_bytes()).stakeholders
    union = next(s.name for s in register if UNION in s.name)
    return next(s.name for s in register if s.name != union), union


def test_a_log_kept_in_excel_comes_in_after_a_preview(voila_server, page, artifacts_dir, tmp_path):
    _open_example(page, voila_server)
    first, union = _names(page)
    rows = [
        "Contactlog;;;;",
        "Datum;Soort contact;Met wie;Ingebracht;Zaaknummer",
        f"12-02-2026;Bezoek ter plaatse;{first}, {union};Nooduitgang op slot;K-9",
        f"3 maart 2026;Telefoongesprek;{union};Overuren in piekweken;",
        ";Overleg;Onbekend;zonder datum;",
        "Totaal;;;;",
    ]
    path = tmp_path / "contactlog.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    panel = page.locator(".eng-import")
    panel.scroll_into_view_if_needed()
    with page.expect_file_chooser() as chooser:
        panel.locator(".eng-import-upload").click()
    chooser.value.set_files(str(path))
    panel.get_by_text("2 van 3 contacten kunnen worden overgenomen").wait_for()
    assert "geen datum" in panel.inner_text() and "1 rij geweigerd" in panel.inner_text()
    panel.screenshot(path=str(artifacts_dir / "engagement-import.png"))
    log = page.locator(".eng-log")
    assert "5 contacten vastgelegd" in log.locator(".eng-summary").inner_text()  # unchanged
    panel.locator("button.eng-import-confirm").click()
    panel.get_by_text("2 contacten toegevoegd aan het logboek").wait_for()
    log.locator(".eng-summary", has_text="7 contacten vastgelegd").wait_for()
    assert "2 open zorgen of klachten" in log.locator(".eng-summary").inner_text()
    assert "K-9" in log.inner_text()


CRM = Path(__file__).parents[1] / "engagement" / "files" / "crm-contacten.csv"


def test_a_crm_export_comes_in_and_its_parties_outside_the_register_are_added(
    voila_server, page, artifacts_dir
):
    """The CRM's contact export through the preview: 30 contacts, no complaints, the parties
    that are not in the register listed with a button each; one added; the evidence says whose
    it is and which period it covers."""
    _open_example(page, voila_server)
    panel = page.locator(".eng-import")
    panel.scroll_into_view_if_needed()
    with page.expect_file_chooser() as chooser:
        panel.locator(".eng-import-upload").click()
    chooser.value.set_files(str(CRM))
    panel.get_by_text("30 van 30 contacten kunnen worden overgenomen").wait_for()
    text = panel.inner_text()
    assert "Telefonisch → Telefoon- of videogesprek" in text and "Tijd" in text
    panel.screenshot(path=str(artifacts_dir / "engagement-crm-preview.png"))
    panel.locator("button.eng-import-confirm").click()
    log = page.locator(".eng-log")
    log.locator(".eng-summary", has_text="35 contacten vastgelegd").wait_for()
    assert "1 open zorg of klacht" in log.locator(".eng-summary").inner_text()  # the example's

    outside = log.locator(".eng-outside")
    outside.get_by_role("heading", name="Niet in het register").wait_for()
    assert outside.locator("button.eng-outside-add").count() == 4
    outside.screenshot(path=str(artifacts_dir / "engagement-outside.png"))
    outside.get_by_role("button", name="Gemeente Narayanganj toevoegen aan het register").click()
    outside.get_by_text("Toegevoegd aan het register: Gemeente Narayanganj").wait_for()
    assert outside.locator("button.eng-outside-add").count() == 3

    with page.expect_download(timeout=60_000) as download:
        log.locator("button.eng-export").click()
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book.sheetnames == ["Verantwoording", "Contacten", "Open zorgen en klachten"]
    sheet = book["Verantwoording"]
    head = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, max_row=8, values_only=True)}
    assert head["Organisatie"].startswith("Zeegers Werkkleding")
    assert head["Contacten in het logboek"] == 35
    rows = {r[0]: r for r in sheet.iter_rows(min_row=11, values_only=True)}
    assert rows["Gemeente Narayanganj"][2] == 3 and rows["Gemeente Narayanganj"][1] != (
        "niet in het register"
    )  # added: a stakeholder of the register now
    assert rows["Vakbond FNV Textiel"][1] == "niet in het register"
