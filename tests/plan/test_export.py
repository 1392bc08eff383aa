"""The exported files: Word reopened with python-docx, HTML parsed, spreadsheets reread."""

from __future__ import annotations

import io
from datetime import date

import docx
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from dialoog.model import Organisation, Workbook
from dialoog.plan.export import export_plan, plan_docx, plan_html, registers_xlsx
from dialoog.plan.records import Agreement, EvaluationResponse
from dialoog.stakeholders.record import Stakeholder

HOSTILE = (
    '<script>alert(1)</script><img src=x onerror=alert(2)> =HYPERLINK("http://evil") '
    "{organisation} \x07\x1b Wij willen écht leren 🙂 مرحبا"
)


def _hostile_workbook(content) -> Workbook:
    wb = Workbook(organisation=Organisation(name=HOSTILE, authors=HOSTILE))
    for form in content.forms:
        for spec in form.fields:
            if spec.kind in ("text", "longtext"):
                wb.set_answer(form.id, spec.id, HOSTILE)
            elif spec.kind == "table":
                wb.set_answer(form.id, spec.id, [{c.id: HOSTILE for c in spec.columns}])
            elif spec.kind == "choice":
                wb.set_answer(form.id, spec.id, "<b>unknown-id</b>")
    wb.stakeholders = [
        Stakeholder(name=f"{HOSTILE[:150]} {i}", selected=True, selection_reason=HOSTILE)
        for i in range(3)
    ]
    wb.followup.agreements = [
        Agreement(what=HOSTILE, with_whom=HOSTILE, owner="=1+1", due=date(2020, 1, 1))
    ]
    wb.followup.evaluations = [
        EvaluationResponse(respondent=HOSTILE, answers={"went_well": "=cmd|' /C calc'!A0"})
    ]
    wb.followup.letter = HOSTILE
    return wb


def _heading_texts(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_docx_has_title_headings_per_phase_and_step_tables_and_images(example, content, today):
    document = docx.Document(io.BytesIO(plan_docx(example, content, "nl", today)))
    assert _heading_texts(document, "Title") == [
        "Plan van aanpak voor een betekenisvolle stakeholderdialoog"
    ]
    h1 = _heading_texts(document, "Heading 1")
    for number in range(1, 5):
        assert any(text.startswith(f"Fase {number}:") for text in h1)
    headings = " ".join(
        _heading_texts(document, "Heading 2") + _heading_texts(document, "Heading 3")
    )
    for form in content.forms:
        assert f"Stap {form.id}:" in headings
    assert len(document.tables) >= 8  # facts, overview, sessions, partners, registers, evaluation
    overview = document.tables[1]
    assert overview.rows[0].cells[0].text == "Stap"
    assert len(overview.rows) == len(content.forms) + 1
    assert "Zeegers Werkkleding" in document.tables[0].rows[0].cells[1].text
    assert document.core_properties.language == "nl-NL"


def test_docx_embeds_the_radar_and_map_when_the_features_draw_them(example, content, today):
    from dialoog.plan import sources

    document = docx.Document(io.BytesIO(plan_docx(example, content, "nl", today)))
    expected = int(sources.stakeholder_map(example, "nl") is not None)
    expected += int(sources.selfassessment_parts(example, content, "nl")[1] is not None)
    assert len(document.inline_shapes) == expected


def test_docx_in_english_follows_the_language(example, content, today):
    document = docx.Document(io.BytesIO(plan_docx(example, content, "en", today)))
    h1 = _heading_texts(document, "Heading 1")
    assert any(text.startswith("Phase 1:") for text in h1)
    assert document.core_properties.language == "en-GB"


def test_html_has_a_section_for_every_step_and_is_self_contained(example, content, today):
    soup = BeautifulSoup(plan_html(example, content, "nl", today), "html.parser")
    assert soup.html["lang"] == "nl"
    for form in content.forms:
        section = soup.find("section", id=f"step-{form.id}")
        assert section is not None, form.id
        assert f"Stap {form.id}:" in section.find(["h2", "h3"]).get_text()
    assert soup.find_all("script") == []
    assert not soup.find_all(src=lambda v: v and not v.startswith("data:"))
    assert not soup.find_all("link")
    assert "@media print" in soup.style.get_text()
    overdue = soup.select("tr.overdue")
    assert overdue and "OVER DE DATUM" in overdue[0].get_text()


def test_hostile_text_is_text_in_html(content, today):
    page = plan_html(_hostile_workbook(content), content, "nl", today).decode("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find_all("script") == []
    assert soup.find_all("img", src="x") == []
    assert not any(tag.has_attr("onerror") for tag in soup.find_all(True))
    assert "<script>alert(1)</script>" in soup.get_text()
    assert "\x07" not in page and "\x1b" not in page
    assert soup.find("section", id="step-1")


def test_hostile_text_is_text_in_docx(content, today):
    document = docx.Document(
        io.BytesIO(plan_docx(_hostile_workbook(content), content, "nl", today))
    )
    body = "\n".join(p.text for p in document.paragraphs)
    assert "<script>alert(1)</script>" in body
    assert "{organisation}" in body


def test_hostile_text_is_no_formula_in_the_registers(content, today):
    book = load_workbook(io.BytesIO(registers_xlsx(_hostile_workbook(content), "nl", today)))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix  # text that stays text, without an apostrophe


def test_registers_xlsx_has_agreements_with_overdue_rows_and_evaluation(example, today):
    book = load_workbook(io.BytesIO(registers_xlsx(example, "nl", today)))
    assert book.sheetnames[:2] == ["Afspraken", "Per stakeholder"]
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["Wat", "Met wie", "Eigenaar"]
    assert sheet.max_row == len(example.followup.agreements) + 1
    assert "OVER DE DATUM" in sheet["E2"].value
    assert any("Evaluatie" in name for name in book.sheetnames)


def test_two_hundred_stakeholders_and_very_long_answers_still_export(content, today):
    long = ("Een heel lang antwoord. " * 2000).strip()
    wb = Workbook()
    wb.set_answer("1", "motivation", long)
    wb.stakeholders = [
        Stakeholder(name=f"Stakeholder {i:03d}", country="BD", scale=1 + i % 5, selected=i % 3 == 0,
                    selection_reason="reden " * 50)
        for i in range(200)
    ]  # fmt: skip
    document = docx.Document(io.BytesIO(plan_docx(wb, content, "nl", today)))
    assert any(long[:200] in p.text for p in document.paragraphs)
    soup = BeautifulSoup(plan_html(wb, content, "nl", today), "html.parser")
    appendix = soup.find("section", id="appendix-register")
    assert len(appendix.find("tbody").find_all("tr")) == 200


def test_export_plan_writes_three_files_and_leaves_the_workbook_unchanged(
    example, content, tmp_path, today
):
    before = example.model_dump_json()
    paths = export_plan(example, tmp_path, "nl", today, content)
    assert sorted(paths) == ["docx", "html", "pdf", "xlsx"]
    assert all(p.stat().st_size > 1000 for p in paths.values())
    assert paths["docx"].name == "plan-van-aanpak-zeegers-werkkleding-b-v-fictief-2026-06-25.docx"
    assert example.model_dump_json() == before
