"""The plan as a PDF (WeasyPrint, from the printable HTML), read back with poppler's tools as
the person who receives it would: page count, the text in the language of the plan, no codes.

The test command installs poppler-utils; without it (outside CI) the test is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from dialoog.plan.export import export_plan, plan_pdf
from dialoog.plan.view import PlanView

PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(
    (PDFTOTEXT is None or PDFINFO is None) and os.environ.get("CI", "").lower() != "true",
    reason="poppler-utils (pdftotext) is not installed",
)


def _read(pdf: bytes, tmp_path) -> tuple[int, str]:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    info = subprocess.run([PDFINFO, str(path)], capture_output=True, text=True, check=True)
    pages = int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])
    text = subprocess.run(
        [PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, text


@needs_poppler
def test_the_example_plan_as_pdf_reads_as_the_plan(example, content, today, tmp_path):
    pdf = plan_pdf(example, content, "nl", today)
    assert pdf.startswith(b"%PDF-")
    pages, text = _read(pdf, tmp_path)
    assert 10 <= pages <= 60
    flat = " ".join(text.split())
    assert "Plan van aanpak voor een betekenisvolle stakeholderdialoog" in flat
    assert example.organisation.name in flat
    assert "Seizoensarbeiders" in flat
    assert "Werkenden in de keten" in flat  # group labels, not codes
    for code in (" worker ", " union ", " community "):
        assert code not in f" {flat} "
    assert "25 juni 2026" in flat


@needs_poppler
def test_every_page_but_the_first_is_numbered_and_the_contents_give_pages(
    example, content, today, tmp_path
):
    example.organisation.name = 'Zeegers "Werk\\kleding"\nB.V.'  # quotes, backslash, newline
    pages, text = _read(plan_pdf(example, content, "nl", today), tmp_path)
    sheets = text.split("\f")
    assert "pagina" not in sheets[0]  # the title page stays clean
    assert f"pagina 2 van {pages}" in sheets[1] and f"pagina {pages} van {pages}" in sheets[-2]
    assert 'Plan van aanpak stakeholderdialoog — Zeegers "Werk\\kleding" B.V.' in text
    contents = next(s for s in sheets if "Inhoud" in s)
    numbered = [line for line in contents.splitlines() if line.rstrip()[-1:].isdigit()]
    assert any(line.startswith("Stap 7") for line in numbered), contents


@needs_poppler
def test_the_english_plan_as_pdf_is_english(example, content, today, tmp_path):
    pages, text = _read(plan_pdf(example, content, "en", today), tmp_path)
    flat = " ".join(text.split())
    assert "Plan of approach" in flat and "Plan van aanpak" not in flat
    assert pages >= 10


def test_export_plan_writes_the_pdf_beside_word_and_html(example, content, today, tmp_path):
    paths = export_plan(example, tmp_path, "nl", today, content)
    assert paths["pdf"].read_bytes().startswith(b"%PDF-")
    assert paths["pdf"].name.endswith(".pdf") and paths["pdf"].name.startswith("plan-van-aanpak")


def test_the_pdf_button_builds_the_file_in_one_click(session, example):
    session.replace(example)
    view = PlanView(session)
    view.downloads.buttons["pdf"].click()
    link = view.downloads.links["pdf"]
    assert link.data.startswith(b"%PDF-")
    assert link.filename.endswith(".pdf") and 'data-autostart="' in link.value
    assert view.downloads.notice.kind == "success"
