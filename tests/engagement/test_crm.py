"""A CRM's contact export (tests/engagement/files/crm-contacten.csv, made by
tests/make_files.py): Dutch, ';', Windows-1252, with the columns
Datum;Tijd;Stakeholder;Soort contact;Onderwerp;Samenvatting;Vervolgactie;Status. 30 contacts from
January to October 2026 with the example register's stakeholders, twelve of them with four
parties that are not in the register. Read as a careful analyst reads it, then the evidence
made from it, as the person who receives it reads it."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from dialoog.engagement.importer import interpret
from dialoog.engagement.timeline import evidence, evidence_for_document, per_stakeholder
from dialoog.engagement.view import EngagementLogView
from dialoog.model import Workbook
from dialoog.paths import REPO_ROOT
from dialoog.stakeholders.importer import read_table
from dialoog.storage import loads

CRM = Path(__file__).parent / "files" / "crm-contacten.csv"
TODAY = date(2026, 12, 7)
OUTSIDE = {"Vakbond FNV Textiel", "Gemeente Narayanganj", "Buurtcomité Shitalakshya-oever",
           "Coöperatie Katoen Gujarat"}  # fmt: skip


@pytest.fixture
def example() -> Workbook:
    """The example workbook's register and agreements, with an empty log."""
    workbook = loads((REPO_ROOT / "data" / "examples" / "workbook.json").read_bytes())
    workbook.engagements = []
    workbook.followup = workbook.followup.model_copy(update={"agreements": []})
    return workbook


def _read(workbook: Workbook):
    table = read_table(CRM.read_bytes(), CRM.name)
    return interpret(table, workbook.stakeholders, [], today=TODAY)


def test_the_crm_export_is_read_as_contacts_not_as_complaints(example):
    data = CRM.read_bytes()
    assert b"\r\n" in data and "é".encode("cp1252") in data
    result = _read(example)
    assert result.table.detail == "Windows-1252, ';'"
    assert len(result.entries) == 30 and result.refused == [] and result.emptied == []
    assert [c.field for c in result.columns] == [
        "contact_date", None, "stakeholders", "kind", "topics", "raised", "follow_up",
        "contact_status",
    ]  # fmt: skip
    assert result.columns[1].heading == "Tijd" and result.columns[1].sample[0] == "09:00"
    # row 2: 01-01-2026;09:00;Naaisters bij …;Telefonisch;Lonen;Lonen: gesprek 1 …;
    #        Terugkoppeling lonen sturen;Afgerond
    first = result.entries[0]
    dhaka = next(s for s in example.stakeholders if s.name.startswith("Naaisters bij"))
    assert first.contact_date == date(2026, 1, 1) and first.kind == "call"
    assert first.stakeholder_ids == [dhaka.id] and first.topics == ["living_wage"]
    assert first.raised.startswith("Lonen: gesprek 1 met Naaisters") and first.concern is None
    (agreement,) = [a for a in result.agreements if a.engagement_id == first.id]
    assert agreement.what == "Terugkoppeling lonen sturen" and agreement.status == "done"
    assert agreement.stakeholder_ids == [dhaka.id] and first.agreement_ids == [agreement.id]
    # row 3: 08-01-2026;10:15;Gemeente Narayanganj;Bezoek;Overuren;…;;Open
    second = result.entries[1]
    assert second.kind == "site_visit" and second.stakeholder_names == ["Gemeente Narayanganj"]
    assert second.stakeholder_ids == [] and second.agreement_ids == []
    # the CRM's words for a contact: by label, alias and word stem
    kinds = Counter(e.kind for e in result.entries)
    assert kinds == {"call": 14, "site_visit": 8, "letter": 4, "meeting": 4}
    how = result.columns[3].how
    assert "Telefonisch → Telefoon- of videogesprek" in how and "Gebeld → Telefoon" in how
    assert "Bedrijfsbezoek → Bezoek" in how
    # a status is the contact's (of its next step), never a complaint's
    assert not any(e.concern for e in result.entries)
    assert Counter(a.status for a in result.agreements) == {"open": 10, "done": 5}
    # said once per thing, not per row
    named = {p.params["value"] for p in result.notes if p.key == "eng.import.not_in_register"}
    assert named == OUTSIDE
    (unused,) = [p for p in result.notes if p.key == "eng.import.status_without_follow_up"]
    assert "Open (10×)" in unused.message("nl") and "Afgerond (5×)" in unused.message("nl")


def _imported(session, example) -> EngagementLogView:
    session.replace(example)
    view = EngagementLogView(session, today=TODAY)
    view.importer.read(CRM.read_bytes(), CRM.name)
    assert view.importer.confirm.description == "30 contacten overnemen"
    view.importer.confirm.click()
    assert len(session.workbook.engagements) == 30
    assert len(session.workbook.followup.agreements) == 15
    return view


def test_the_evidence_names_every_party_contacted_and_says_whose_and_when(session, example):
    view = _imported(session, example)
    rows = {r.name: r for r in evidence(session.workbook, "nl")}
    for name in OUTSIDE:
        assert rows[name].contacts == 3 and not rows[name].in_register
        assert rows[name].group == "niet in het register"
    dhaka = rows["Naaisters bij confectiefabriek Dhaka Stitch"]
    assert dhaka.in_register and dhaka.contacts == 3 and dhaka.first == date(2026, 1, 1)
    assert sum(r.contacts for r in rows.values() if not r.in_register) == 12
    engaged = [r.name for r in evidence(session.workbook, "nl") if r.contacts]
    assert len(engaged) == 10 and set(engaged[-4:]) == OUTSIDE  # after the register's own
    engaged_table, _missing = evidence_for_document(session.workbook, "nl")
    assert "Vakbond FNV Textiel (niet in het register)" in {r[0] for r in engaged_table.rows}

    view.export.click()
    book = openpyxl.load_workbook(io.BytesIO(view.download.data))
    assert book.sheetnames == ["Verantwoording", "Contacten", "Open zorgen en klachten"]
    sheet = book["Verantwoording"]
    head = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, max_row=9, values_only=True)}
    assert head["Organisatie"] == "Zeegers Werkkleding B.V. (fictief voorbeeld)"
    assert head["Periode: eerste contact"] == datetime(2026, 1, 1)
    assert head["Periode: laatste contact"] == datetime(2026, 10, 15)
    assert head["Contacten in het logboek"] == 30
    assert head["Basis"] == "Ondersteunt ESRS 2 SBM-2 en IRO-1; geen verklaring van naleving."
    assert head["Opgemaakt op"] == datetime(2026, 12, 7)
    assert sheet["B3"].number_format == "dd-mm-yyyy"
    assert [c.value for c in sheet[9]] == [None] * sheet.max_column  # a blank row, then
    headers = [c.value for c in sheet[10]]
    assert headers[:3] == ["Stakeholder of partij", "Groep", "Contacten"]
    assert sheet.freeze_panes == "B11" and sheet.auto_filter.ref == f"A10:I{10 + 46}"
    table = {r[0]: r for r in sheet.iter_rows(min_row=11, values_only=True)}
    fnv = table["Vakbond FNV Textiel"]
    assert fnv[1] == "niet in het register" and fnv[2] == 3  # a number, not text
    assert isinstance(fnv[4], datetime) and isinstance(fnv[5], datetime)  # first, last
    assert len(table) == 42 + 4  # every stakeholder of the register, and the four others
    log = book["Contacten"]
    assert isinstance(log["A2"].value, datetime) and log["A2"].number_format == "dd-mm-yyyy"
    assert "(niet in het register)" in log["C3"].value  # Gemeente Narayanganj
    concerns = list(book["Open zorgen en klachten"].iter_rows(min_row=2, values_only=True))
    assert concerns == []  # no contact was a complaint


def test_parties_outside_the_register_are_added_with_one_click(session, example):
    view = _imported(session, example)
    panel = view.outside
    assert panel.names and set(panel.names) == OUTSIDE
    buttons = [b for b in _buttons(panel) if "eng-outside-add" in b._dom_classes]
    assert len(buttons) == 4 and "Vakbond FNV Textiel toevoegen aan het register" in {
        b.description for b in buttons
    }  # fmt: skip
    one = next(b for b in buttons if b.description.startswith("Gemeente Narayanganj"))
    one.click()
    register = {s.name: s for s in session.workbook.stakeholders}
    assert "Gemeente Narayanganj" in register and len(register) == 43
    sid = register["Gemeente Narayanganj"].id
    linked = [e for e in session.workbook.engagements if sid in e.stakeholder_ids]
    assert len(linked) == 3
    assert "Toegevoegd aan het register: Gemeente Narayanganj" in panel.notice.message
    counted = {c.name: c.contacts for c in per_stakeholder(session.workbook, TODAY)}
    assert counted["Gemeente Narayanganj"] == 3
    every = next(b for b in _buttons(panel) if "eng-outside-all" in b._dom_classes)
    assert every.description == "Alle 3 toevoegen aan het register"
    every.click()
    assert len(session.workbook.stakeholders) == 46 and panel.names == []
    rows = evidence(session.workbook, "nl")
    assert all(r.in_register for r in rows)
    assert {r.name: r.contacts for r in rows if r.name in OUTSIDE} == dict.fromkeys(OUTSIDE, 3)


def _buttons(widget) -> list:
    import ipywidgets as w

    found, stack = [], [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, w.Button):
            found.append(node)
        stack.extend(getattr(node, "children", ()))
    return found
