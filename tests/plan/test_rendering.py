"""The Word plan as a reader sees it: LibreOffice converts it to PDF, pages become images.

Skipped (with the reason) when LibreOffice (`soffice`) or poppler (`pdftoppm`) is not
installed; the test command does not depend on them. The page images of the example plan go to
tests/artifacts/plan/ to be looked at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from dialoog.plan.export import plan_docx, plan_html

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "plan"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) is not installed")
def test_example_plan_converts_to_pdf_and_renders_pages(example, content, today, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / "voorbeeld-plan-van-aanpak.docx"
    source.write_bytes(plan_docx(example, content, "nl", today))
    (ARTIFACTS / "voorbeeld-plan-van-aanpak.html").write_bytes(
        plan_html(example, content, "nl", today)
    )
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(ARTIFACTS), str(source)],
        check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    pdf = ARTIFACTS / "voorbeeld-plan-van-aanpak.pdf"
    assert pdf.stat().st_size > 10_000
    for old in ARTIFACTS.glob("voorbeeld-pagina-*.png"):
        old.unlink()
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "60", "-f", "1", "-l", "6", str(pdf),
         str(ARTIFACTS / "voorbeeld-pagina")],
        check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    pages = sorted(ARTIFACTS.glob("voorbeeld-pagina-*.png"))
    assert len(pages) == 6, "the plan runs to more than five pages"
    _contact_sheet(pages, ARTIFACTS / "voorbeeld-eerste-paginas.png")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    if info.returncode == 0:
        count = int(
            next(li for li in info.stdout.splitlines() if li.startswith("Pages")).split()[1]
        )
        assert count >= 10


def _contact_sheet(pages: list[Path], target: Path) -> None:
    """The first pages side by side in one image, three to a row."""
    from PIL import Image

    images = [Image.open(p).convert("RGB") for p in pages]
    width, height = max(i.width for i in images), max(i.height for i in images)
    columns = 3
    rows = (len(images) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (width + 10) + 10, rows * (height + 10) + 10), "#888888")
    for n, image in enumerate(images):
        sheet.paste(image, (10 + (n % columns) * (width + 10), 10 + (n // columns) * (height + 10)))
    sheet.save(target)
