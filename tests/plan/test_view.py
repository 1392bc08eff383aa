"""The plan page: widgets edit the follow-up in the model, and the model shows in the widgets."""

from __future__ import annotations

import base64
import io
import re
from datetime import date, timedelta

import docx
import pytest
from openpyxl import load_workbook

from dialoog import api as core_api
from dialoog.plan.records import Agreement
from dialoog.plan.view import PlanView


@pytest.fixture
def view(session, example):
    session.replace(example)
    return PlanView(session)


def _download(link) -> bytes:
    match = re.search(r'href="data:[^;]+;base64,([^"]+)"', link.value)
    assert match, link.value
    return base64.b64decode(match.group(1))


def test_download_buttons_give_files_that_open(view):
    view.downloads.buttons["docx"].click()
    document = docx.Document(io.BytesIO(_download(view.downloads.links["docx"])))
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    view.downloads.buttons["html"].click()
    assert _download(view.downloads.links["html"]).startswith(b"<!DOCTYPE html>")
    view.downloads.buttons["xlsx"].click()
    book = load_workbook(io.BytesIO(_download(view.downloads.links["xlsx"])))
    assert book.sheetnames[0] == "Afspraken"
    assert view.downloads.notice.kind == "success"


def test_a_change_drops_a_stale_download(view, session):
    view.downloads.buttons["html"].click()
    assert view.downloads.links["html"].value
    session.edit("organisation", core_api.set_organisation, "name", "Ander BV")
    assert view.downloads.links["html"].value == ""


def test_failed_export_is_a_message_and_keeps_the_workbook(view, session, monkeypatch):
    before = session.workbook.model_dump_json()

    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr("dialoog.plan.view.plan_docx", broken)
    view.downloads.buttons["docx"].click()
    assert view.downloads.notice.kind == "error"
    assert "onveranderd" in view.downloads.notice.text
    assert session.workbook.model_dump_json() == before


def test_adding_and_editing_an_agreement_updates_the_model(view, session):
    editor = view.agreements
    count = len(session.workbook.followup.agreements)
    editor.add.click()
    assert len(session.workbook.followup.agreements) == count + 1
    row = list(editor.rows.values())[-1]
    row.what.value = "Klachtenkanaal evalueren"
    row.owner.value = "Sanne"
    row.due.value = date.today() - timedelta(days=3)
    row.stakeholder.value = session.workbook.stakeholders[0].id
    added = session.workbook.followup.agreements[-1]
    assert (added.what, added.owner) == ("Klachtenkanaal evalueren", "Sanne")
    assert added.stakeholder_ids == [session.workbook.stakeholders[0].id]
    assert "dialoog-agreement-overdue" in row._dom_classes
    row.status.value = "done"
    assert session.workbook.followup.agreements[-1].status == "done"
    assert "dialoog-agreement-overdue" not in row._dom_classes


def test_model_changes_show_in_the_register_and_remove_works(view, session):
    new = Agreement(what="Nieuwe afspraak", owner="Karim")
    session.edit("followup", lambda f: f.model_copy(update={"agreements": [new]}))
    (row,) = view.agreements.rows.values()
    assert row.what.value == "Nieuwe afspraak"
    row.remove.click()
    assert session.workbook.followup.agreements == []


def test_import_from_8b_adds_rows_once(view, session):
    session.edit("followup", lambda f: f.model_copy(update={"agreements": []}))
    view.agreements.import_8b.click()
    assert len(session.workbook.followup.agreements) == 3
    view.agreements.import_8b.click()
    assert len(session.workbook.followup.agreements) == 3


def test_letter_is_drafted_edited_and_downloaded(view, session):
    letter = view.letter
    letter.draft.click()
    assert "Zeegers Werkkleding" in letter.text.value
    assert session.workbook.followup.letter == letter.text.value
    letter.text.value = "Beste allemaal,\n\nDank!"
    assert session.workbook.followup.letter == "Beste allemaal,\n\nDank!"
    letter.build.click()
    document = docx.Document(io.BytesIO(_download(letter.link)))
    assert [p.text for p in document.paragraphs] == ["Beste allemaal,", "Dank!"]


def test_a_new_draft_keeps_the_users_own_letter_one_click_away(view, session):
    letter = view.letter
    letter.text.value = "Mijn eigen brief, met zorg geschreven."
    assert letter.undo.layout.display == "none"
    letter.draft.click()
    assert "Zeegers Werkkleding" in session.workbook.followup.letter
    assert letter.undo.layout.display != "none" and "terugzetten" in letter.notice.text
    letter.undo.click()
    assert session.workbook.followup.letter == "Mijn eigen brief, met zorg geschreven."
    assert letter.text.value == "Mijn eigen brief, met zorg geschreven."
    assert letter.undo.layout.display == "none"


def test_evaluation_form_saves_a_stakeholder_response_and_compares(view, session):
    panel = view.evaluation
    count = len(session.workbook.followup.evaluations)
    panel.perspective.value = "stakeholder"
    panel.respondent.value = "Vrouwencomité"
    panel.inputs["safe"].value = "1"
    panel.inputs["improve"].value = "Eerder terugkoppelen"
    panel.save.click()
    saved = session.workbook.followup.evaluations[-1]
    assert len(session.workbook.followup.evaluations) == count + 1
    assert (saved.perspective, saved.respondent) == ("stakeholder", "Vrouwencomité")
    assert saved.answers == {"safe": "1", "improve": "Eerder terugkoppelen"}
    assert panel.inputs["safe"].value is None  # the form is ready for the next person
    assert "verschil van inzicht" in panel.comparison.value


def test_empty_evaluation_is_refused_with_a_message(view, session):
    count = len(session.workbook.followup.evaluations)
    view.evaluation.save.click()
    assert view.evaluation.notice.kind == "error"
    assert len(session.workbook.followup.evaluations) == count


def test_language_switch_relabels_and_keeps_values(view, session):
    panel = view.evaluation
    panel.inputs["heard"].value = "4"
    panel.respondent.value = "Iemand"
    session.language = "en"
    assert view.tabs.titles[1] == "Agreements"
    assert panel.inputs["heard"].value == "4"
    assert panel.respondent.value == "Iemand"
    row = next(iter(view.agreements.rows.values()))
    assert row.what.description == "What was agreed"
    assert row.what.value == session.workbook.followup.agreements[0].what


def test_printable_evaluation_form_lists_every_statement(view):
    view.evaluation.printable.click()
    page = _download(view.evaluation.link).decode("utf-8")
    assert "De dialoog heeft het doel bereikt" in page
    assert page.count("☐") >= 9 * 6


def test_hostile_text_in_the_register_is_escaped_in_the_overview(view, session):
    hostile = Agreement(what="<img src=x onerror=alert(1)>", with_whom="<b>x</b>")
    session.edit("followup", lambda f: f.model_copy(update={"agreements": [hostile]}))
    assert "<img src=x" not in view.agreements.overview.value
    assert "&lt;img src=x" in view.agreements.overview.value
