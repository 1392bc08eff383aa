"""The analyst's page in the app: the user's own file or the workbook's register, read for a
look; nothing in the workbook changes and no server path is ever shown."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from dialoog.pages import analysis
from dialoog.paths import REPO_ROOT, storage_dir
from dialoog.stakeholders import api
from dialoog.stakeholders.view_analysis import AnalysisPage

EXAMPLE = REPO_ROOT / "data" / "examples" / "stakeholders.csv"
MESSY = REPO_ROOT / "data" / "examples" / "stakeholders-messy.csv"


def upload(page: AnalysisPage, data: bytes, name: str) -> None:
    page.upload.value = (
        {"name": name, "type": "text/csv", "size": len(data), "content": memoryview(data),
         "last_modified": datetime(2025, 3, 12, tzinfo=timezone.utc)},
    )  # fmt: skip


def all_text(widget) -> str:
    """Every text the page shows, its downloads' contents left out."""
    parts = []
    for attr in ("value", "description", "placeholder"):
        value = getattr(widget, attr, None)
        if isinstance(value, str):
            parts.append(re.sub(r'href="data:[^"]*"', "", value))
    options = getattr(widget, "options", None)
    if options:
        parts += [str(o[0] if isinstance(o, tuple) else o) for o in options]
    for child in getattr(widget, "children", ()) or ():
        parts.append(all_text(child))
    return "\n".join(parts)


def test_the_page_starts_on_the_workbooks_register_and_follows_it(session):
    page = AnalysisPage(session)
    assert page.source.value == "workbook"
    assert page.source.options[0][0] == "Register van dit werkboek (0)"
    assert page.upload.layout.display == "none"
    assert page.summary.value.startswith('<p class="sh-summary">0 stakeholders')
    session.edit("stakeholders", api.add, {"name": "Naaisters", "scale": 5})
    assert "1 stakeholders" in page.summary.value
    assert "Naaisters" in page.tables.table.value


def test_an_own_file_is_read_for_a_look_and_the_workbook_stays_as_it_was(session):
    page = AnalysisPage(session)
    page.source.value = "file"
    assert page.upload.layout.display != "none"
    assert page.notice.text.startswith("Kies een CSV- of Excelbestand")
    upload(page, EXAMPLE.read_bytes(), "stakeholders.csv")
    assert "42 van de 42 rijen" in page.notice.text
    assert len(page.ranked) == 42
    assert "Seizoensarbeiders bij de katoenpluk" in page.tables.table.value
    assert session.workbook.stakeholders == [] and session.revision == 0
    page.open_tab("charts")
    assert page.charts.map.png.startswith(b"\x89PNG")
    page.export.xlsx.click()
    assert page.export.link.filename.endswith(".xlsx") and page.export.link.data[:2] == b"PK"
    assert session.revision == 0
    page.source.value = "workbook"  # back to the workbook: its (empty) register again
    assert len(page.ranked) == 0 and page.problems.value == ""


def test_a_messy_file_lists_what_was_not_read_as_written(session):
    page = AnalysisPage(session)
    upload(page, MESSY.read_bytes(), "rommelig.csv")
    assert page.source.value == "file"
    assert "<li>" in page.problems.value
    assert "<script" not in page.problems.value


def test_a_file_that_cannot_be_read_gets_a_message_and_keeps_what_was_shown(session):
    page = AnalysisPage(session)
    upload(page, EXAMPLE.read_bytes(), "stakeholders.csv")
    upload(page, b"\x00\x01\x02 not a spreadsheet \xff" * 40, "kapot.xlsx")
    assert page.notice.kind == "error"
    assert "nog het register uit ‘stakeholders.csv’" in page.notice.text
    assert page.problems.value == "" and page.columns.layout.display == "none"
    assert len(page.ranked) == 42


def test_the_page_shows_no_server_path_and_writes_no_file(session):
    before = sorted(p.name for p in storage_dir().rglob("*")) if storage_dir().exists() else []
    root = analysis(session)
    page = root.content.children[-1]
    upload(page, EXAMPLE.read_bytes(), "stakeholders.csv")
    page.open_tab("charts")
    page.export.csv.click()
    text = all_text(root)
    for path in (str(REPO_ROOT), str(storage_dir()), "/tmp", "var/exports"):
        assert path not in text
    assert "Stakeholderregister analyseren" in text
    after = sorted(p.name for p in storage_dir().rglob("*")) if storage_dir().exists() else []
    new = set(after) - set(before)
    assert not [n for n in new if n.endswith((".csv", ".xlsx", ".png", ".svg"))]
    csv = page.export.link.data.decode("utf-8-sig")
    assert "Seizoensarbeiders" in csv


def test_the_page_speaks_english_too(session):
    page = AnalysisPage(session)
    session.language = "en"
    assert page.source.options[1][0] == "Own file"
    assert page.tabs.get_title(1) == "Map and ranking"


def test_the_register_in_step_3_links_to_the_analysts_page_of_the_same_workbook(session):
    from dialoog.stakeholders.view import RegisterView

    view = RegisterView(session, mode="map")
    link = view.analysis_link.value
    assert f'href="stakeholders.ipynb?werkboek={session.token}"' in link
    assert 'target="_blank"' in link and "eigen pagina" in link
