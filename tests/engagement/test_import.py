"""Importing an engagement log kept in a spreadsheet, with the register's importer rules."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from dialoog.engagement import api
from dialoog.engagement.importer import interpret, read_date
from dialoog.problems import Problem
from dialoog.stakeholders.importer import ImportFailed, read_table
from dialoog.stakeholders.record import Stakeholder

TODAY = date(2026, 12, 2)


@pytest.fixture
def register():
    return [
        Stakeholder(name="Naaisters Dhaka Stitch", group="worker", selected=True),
        Stakeholder(name="Vakbond NGWF", group="union", selected=True),
    ]


def _dutch_csv(rows: list[str]) -> bytes:
    """As Excel saves 'CSV (gescheiden door lijstscheidingsteken)' on a Dutch computer."""
    return "\r\n".join(rows).encode("cp1252")


DUTCH = [
    "Logboek stakeholderdialoog 2026;;;;;;",
    ";;;;;;",
    "Datum;Soort contact;Met wie;Onderwerpen;Ingebracht;Reactie;Tolk",
    "10-03-2026;Overleg of bijeenkomst;Naaisters Dhaka Stitch, Vakbond NGWF;Leefbaar loon;"
    "Lonen te laag – ‘we redden het niet’;We onderzoeken de inkoopprijs;ja",
    "2 april 2026;Picknick;vakbond ngwf;;Overuren;;nee",
    '20/11/26;Brief of e-mail;Buurtcomité Ververij;Water;=HYPERLINK("x");;misschien',
    ";Overleg;Vakbond NGWF;;zonder datum;;",
    "31-02-2026;Overleg;Vakbond NGWF;;onmogelijke datum;;",
    "15-01-2031;Overleg;Vakbond NGWF;;verre toekomst;;",
    "Totaal;;;;;;",
]


def test_a_dutch_excel_csv_comes_in_with_every_problem_reported(register):
    table = read_table(_dutch_csv(DUTCH), "logboek.csv")
    result = interpret(table, register, [], today=TODAY)
    assert result.header_row == 3
    assert len(result.entries) == 3
    first, second, third = result.entries
    assert first.contact_date == date(2026, 3, 10)
    assert first.stakeholder_ids == [register[0].id, register[1].id]  # names matched, any case
    assert first.kind == "meeting" and first.interpreter is True
    assert "‘we redden het niet’" in first.raised
    assert second.contact_date == date(2026, 4, 2) and second.stakeholder_ids == [register[1].id]
    assert second.kind == "other"  # 'Picknick' is not a kind: read as other, reported
    assert third.stakeholder_names == ["Buurtcomité Ververij"] and not third.stakeholder_ids
    assert third.raised == '=HYPERLINK("x")'  # kept as text; exports make it safe
    refused = {p.row: p.key for p in result.refused}
    assert refused == {7: "eng.import.no_date", 8: "eng.import.bad_date"}
    emptied = {(p.row, p.key) for p in result.emptied}
    assert (5, "eng.import.unknown_kind") in emptied
    assert (6, "eng.import.not_a_flag") in emptied
    assert [p.row for p in result.questioned] == [9]
    assert [p.row for p in result.skipped] == [10]
    assert any(p.key == "eng.import.not_in_register" for p in result.notes)
    text = result.summary("nl")
    assert text.startswith("logboek.csv: 3 van 6 contacten") and "2 rijen geweigerd" in text
    message = next(p for p in result.refused if p.row == 8).message("nl")
    assert "31-02-2026" in message and "Datum" in message


def test_questioned_dates_come_in_only_when_the_user_says_so(register):
    table = read_table(_dutch_csv(DUTCH), "logboek.csv")
    result = interpret(table, register, [], today=TODAY, confirm_dates=True)
    assert date(2031, 1, 15) in [e.contact_date for e in result.entries]


def test_reading_the_same_file_twice_adds_nothing_twice(register):
    table = read_table(_dutch_csv(DUTCH), "logboek.csv")
    first = interpret(table, register, [], today=TODAY)
    log = api.apply_import([], first.entries).value
    again = interpret(table, register, log, today=TODAY)
    assert again.entries == [] and len(again.duplicates) == 3


def test_an_english_xlsx_with_excel_dates_and_a_concern(register):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Kind", "Stakeholders", "Raised", "Case number", "Concern status",
                  "Answered on"])  # fmt: skip
    sheet.append([date(2026, 5, 4), "Site visit", "Vakbond NGWF", "Locked fire exit", "K-7",
                  "Answered", date(2026, 5, 20)])  # fmt: skip
    sheet.append([date(2026, 6, 1), "call", "Naaisters Dhaka Stitch", "", "", "", ""])
    data = io.BytesIO()
    book.save(data)
    result = interpret(read_table(data.getvalue(), "log.xlsx"), register, [], today=TODAY)
    visit, call = result.entries
    assert visit.kind == "site_visit" and visit.concern.case == "K-7"
    assert visit.concern.status == "answered" and visit.concern.answered_on == date(2026, 5, 20)
    assert call.kind == "call" and call.concern is None


def test_a_file_without_date_or_stakeholder_column_says_so(register):
    table = read_table(b"Naam;Groep\r\nVakbond;vakbond\r\n", "register.csv")
    with pytest.raises(ImportFailed) as failed:
        interpret(table, register, [], today=TODAY)
    assert "Datum" in failed.value.message("nl")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-10", date(2026, 3, 10)),
        ("10-03-2026", date(2026, 3, 10)),
        ("10/3/26", date(2026, 3, 10)),
        ("10.03.2026", date(2026, 3, 10)),
        ("3/25/2026", date(2026, 3, 25)),  # month first only where the day cannot be the month
        ("10 maart 2026", date(2026, 3, 10)),
        ("March 10, 2026", date(2026, 3, 10)),
        ("46091", date(2026, 3, 10)),  # Excel's day number
        ("2026-03-10 14:30", date(2026, 3, 10)),
        ("31-02-2026", None),
        ("morgen", None),
        ("", None),
    ],
)
def test_dates_as_people_write_them(text, expected):
    assert read_date(text) == expected


def test_apply_import_adds_after_the_log_and_reports_the_count(register):
    first = {"contact_date": date(2026, 1, 5), "stakeholder_ids": [register[0].id]}
    log = api.add([], register, first, today=TODAY).value
    table = read_table(_dutch_csv(DUTCH), "logboek.csv")
    result = interpret(table, register, log, today=TODAY)
    outcome = api.apply_import(log, result.entries)
    assert not isinstance(outcome, Problem)
    assert outcome.value[0] == log[0] and outcome.info["added"] == 3


def test_the_log_page_previews_a_file_and_adds_it_only_on_confirmation(session, register):
    from dialoog.engagement.view import EngagementLogView
    from dialoog.stakeholders import api as register_api

    for stakeholder in register:
        session.edit("stakeholders", register_api.add, {"name": stakeholder.name})
    view = EngagementLogView(session, today=TODAY)
    panel = view.importer
    panel.upload.value = (
        {"name": "logboek.csv", "type": "text/csv", "size": 1, "content": _dutch_csv(DUTCH),
         "last_modified": datetime(2026, 12, 1)},
    )  # fmt: skip
    assert session.workbook.engagements == []  # nothing changes before confirming
    assert "3 van 6 contacten" in panel.summary.value
    assert "31-02-2026" in panel.problems.value and "Picknick" in panel.problems.value
    assert panel.confirm.description == "3 contacten overnemen"
    panel.dates.value = True  # the far-future row too
    assert panel.confirm.description == "4 contacten overnemen"
    panel.confirm.click()
    assert len(session.workbook.engagements) == 4
    assert "4 contacten toegevoegd" in panel.notice.value
    assert panel.preview.layout.display == "none"
    assert "Vakbond NGWF" in view.entries.value


def test_a_file_that_is_not_a_table_gets_a_message_and_no_preview(session):
    from dialoog.engagement.view import EngagementLogView

    view = EngagementLogView(session, today=TODAY)
    view.importer.read(b'{"format": "dialoog-workbook"}', "werkboek.json")
    assert view.importer.notice.value and view.importer.preview.layout.display == "none"


def test_kinds_and_states_are_read_from_the_words_people_write(register):
    rows = ["Datum;Soort;Met wie;Zaaknummer;Status klacht",
            "05-01-2026;Telefoongesprek;Vakbond NGWF;;",
            "06-01-2026;e-mail;Vakbond NGWF;K-1;afgehandeld",
            "07-01-2026;Veldbezoek;Vakbond NGWF;K-2;lopend"]  # fmt: skip
    result = interpret(read_table(_dutch_csv(rows), "x.csv"), register, [], today=TODAY)
    assert [e.kind for e in result.entries] == ["call", "letter", "site_visit"]
    assert [e.concern.status for e in result.entries[1:]] == ["closed", "in_progress"]
    assert result.emptied == [] and result.summary("nl").endswith(
        "3 van 3 contacten kunnen worden overgenomen."
    )


def test_hostile_text_in_a_log_file_is_shown_as_text(session, register):
    from dialoog.engagement.view import EngagementLogView

    rows = ["Datum;Soort;Met wie;Ingebracht",
            "05-01-2026;<img src=x onerror=alert(1)>;Vakbond NGWF;<b>vet</b>",
            "06-01-2026;Overleg;\u202eNaam omgekeerd;=HYPERLINK(\"http://x\")"]  # fmt: skip
    view = EngagementLogView(session, today=TODAY)
    view.importer.read("\r\n".join(rows).encode("utf-8-sig"), "x.csv")  # UTF-8 with BOM
    preview = view.importer.problems.value + view.importer.summary.value
    assert "<img" not in preview and "&lt;img src=x" in preview
    assert "<bdi>" in view.importer.problems.value  # user text isolated for direction
    view.importer.confirm.click()
    page = view.entries.value
    assert "<b>vet</b>" not in page and "&lt;b&gt;vet&lt;/b&gt;" in page
