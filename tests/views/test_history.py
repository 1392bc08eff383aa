"""The history page: what a version changed, in words, before → after (a table row by its
columns, a stakeholder by name and field, never a dict), and a restore that first says what it
will change, asks, and can be undone with one button."""

from __future__ import annotations

from datetime import date

import pytest

from dialoog.changes import differences
from dialoog.engagement import api as log_api
from dialoog.stakeholders import api as register_api
from dialoog.views.history import HistoryPanel

MEETING = {"date": "2027-02-15", "location": "Gazipur", "form": "online", "setup": "plenair"}


@pytest.fixture
def panel(session) -> HistoryPanel:
    session.set_answer("7", "sessions", [dict(MEETING)])
    session.save_now()
    session.set_answer("7", "sessions", [{**MEETING, "form": "fysiek"}])
    session.save_now()
    return HistoryPanel(session)


def _pick(panel: HistoryPanel, number: int) -> None:
    panel.refresh()
    panel.pick.value = number


def test_a_version_shows_the_cell_that_changed_in_words(panel, session):
    latest = panel.revisions[0]
    _pick(panel, latest.number)
    panel.show.click()
    detail = panel.detail.value
    assert "Wat versie" in detail and "{" not in detail and "&#x27;form&#x27;" not in detail
    assert "rij 1: Vorm" in detail  # the column that changed, by its label
    assert ">Online<" in detail and ">Fysiek<" in detail  # option labels, before and after
    assert "Gazipur" not in detail  # what did not change is not repeated
    first = panel.revisions[-1]
    found = differences(first.changes, session.content, "nl")
    added = next(d for d in found if "rij 1" in d.part)
    assert (
        added.before == "—" and "Datum: 15-02-2027" in added.after and "Vorm: Online" in added.after
    )


def test_stakeholders_and_contacts_are_named_and_read_by_field(session):
    register = register_api.add([], {"name": "Vakbond NGWF", "group": "union", "scale": 3}).value
    changed = register_api.update(register, register[0].id, {"scale": 4, "group": "ngo"})
    log = log_api.add([], changed, {"contact_date": date(2026, 3, 10), "kind": "call",
                                   "stakeholder_ids": [register[0].id]},
                      today=date(2026, 12, 7)).value  # fmt: skip
    before = register[0].model_dump(mode="json")
    after = changed[0].model_dump(mode="json")
    key = f"stakeholders/{register[0].id}"
    entry = log[0].model_dump(mode="json")
    found = differences({key: [before, after], f"engagements/{log[0].id}": [None, entry]},
                        session.content, "nl")  # fmt: skip
    parts = {d.part: (d.before, d.after) for d in found}
    assert parts["Vakbond NGWF: Ernst: schaal"] == ("3", "4")
    assert parts["Vakbond NGWF: Groep"] == ("Vakbond", "Ngo of maatschappelijke organisatie")
    (contact,) = [d for d in found if d.part.startswith("Toegevoegd:")]
    assert "10-03-2026" in contact.part and "Vakbond NGWF" in contact.part


def test_a_restore_says_what_it_changes_asks_and_can_be_undone(panel, session):
    first = panel.revisions[-1].number
    latest = panel.revisions[0].number
    _pick(panel, first)
    panel.restore.click()
    assert panel.confirm.layout.display != "none"
    question = panel.question.value
    assert "Versie" in question and "verandert 1 onderdeel van" in question
    assert ">Fysiek<" in question and ">Online<" in question  # now → after restoring
    assert session.answer("7", "sessions")[0]["form"] == "fysiek"  # nothing changed yet
    panel.no.click()
    assert panel.confirm.layout.display == "none"
    assert session.answer("7", "sessions")[0]["form"] == "fysiek"

    panel.restore.click()
    panel.yes.click()
    assert session.answer("7", "sessions")[0]["form"] == "online"
    assert panel.notice.kind == "success" and panel.undo.layout.display != "none"
    assert panel.revisions[0].number > latest and panel.revisions[0].kind == "restore"

    panel.undo.click()
    assert session.answer("7", "sessions")[0]["form"] == "fysiek"
    assert "weer zoals in versie" in panel.notice.message
    assert panel.undo.layout.display == "none"


def test_restoring_the_version_the_workbook_is_at_says_there_is_nothing_to_do(panel, session):
    _pick(panel, panel.revisions[0].number)
    panel.restore.click()
    assert panel.confirm.layout.display == "none"
    assert "niets terug te zetten" in panel.notice.message
