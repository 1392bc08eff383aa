"""The follow-up registers: overdue agreements, overview per stakeholder, letter, evaluation."""

from __future__ import annotations

from datetime import date

import pytest

from dialoog.model import Workbook
from dialoog.plan import agreements, api, evaluation
from dialoog.plan.checklists import facilitator_advice, meeting_checklists
from dialoog.plan.records import Agreement, EvaluationResponse
from dialoog.plan.texts import PlanContentError, plan_texts
from dialoog.storage import dumps, loads


def test_agreement_past_due_and_not_done_is_overdue():
    today = date(2026, 6, 25)
    assert Agreement(what="x", due=date(2026, 6, 24)).is_overdue(today)
    assert not Agreement(what="x", due=date(2026, 6, 25)).is_overdue(today)
    assert not Agreement(what="x", due=date(2026, 6, 1), status="done").is_overdue(today)
    assert not Agreement(what="x", due=date(2026, 6, 1), status="dropped").is_overdue(today)
    assert not Agreement(what="x").is_overdue(today)


def test_overdue_agreements_come_first_in_the_register(example, today):
    table = agreements.register_table(example, "nl", today)
    flags = list(table.flags)
    assert flags[: flags.count("overdue")] == ["overdue"] * flags.count("overdue")
    assert flags.count("overdue") == len(agreements.overdue(example, today)) == 2


def test_overview_per_stakeholder_counts_open_overdue_and_done(example, today):
    overview = {p.party: p for p in agreements.per_stakeholder(example, today)}
    seamstresses = next(p for name, p in overview.items() if name.startswith("Naaisters"))
    assert (seamstresses.total, seamstresses.open, seamstresses.overdue, seamstresses.done) == (
        4, 2, 2, 2,
    )  # fmt: skip
    assert agreements.per_stakeholder(example, today)[0].overdue > 0


def test_follow_up_of_step_8b_is_imported_once(today):
    wb = Workbook()
    wb.set_answer(
        "8b", "follow_up",
        [{"what": "Verslag sturen", "who": "Amina", "due": "2026-03-26"}, {"what": "", "who": "x"}],
    )  # fmt: skip
    rows = wb.answer("8b", "follow_up")
    once = api.import_follow_up(wb.followup, rows)
    assert once.info["added"] == 1
    twice = api.import_follow_up(once.value, rows)
    assert twice.info["added"] == 0
    assert wb.followup.agreements == []  # pure: the workbook itself is untouched
    (item,) = twice.value.agreements
    assert (item.what, item.owner, item.due) == ("Verslag sturen", "Amina", date(2026, 3, 26))


def test_letter_is_drafted_from_the_workbook_in_both_languages(example, content, today):
    nl = agreements.draft_letter(example, content, "nl", today)
    assert "Zeegers Werkkleding" in nl
    assert "Levertijden voor de wintercollectie" in nl
    assert "Een looneis van 20%" in nl  # what is not followed up, and why
    assert "25 juni 2026" in nl and "van 10 maart 2026" in nl
    en = agreements.draft_letter(example, content, "en", today)
    assert en.startswith("25 June 2026") and "Dear participant" in en


def test_letter_for_one_stakeholder_lists_only_their_agreements(example, content, today):
    neighbours = next(s for s in example.stakeholders if s.name.startswith("Omwonenden"))
    letter = agreements.draft_letter(example, content, "nl", today, stakeholder_id=neighbours.id)
    assert "Gesprek met omwonenden" in letter
    assert "Levertijden" not in letter
    assert neighbours.name in letter


def test_letter_marks_missing_answers_and_keeps_user_braces(content, today):
    wb = Workbook()
    wb.organisation.name = "{authors} & co"
    letter = agreements.draft_letter(wb, content, "nl", today)
    assert "[nog in te vullen]" in letter
    assert "{authors} & co" in letter
    assert "Er zijn (nog) geen afspraken" in letter


def test_evaluation_compares_company_and_stakeholders_and_flags_differences(example):
    rows = {c.question_id: c for c in evaluation.compare(example, "nl")}
    safe = rows["safe"]
    assert (safe.company, safe.stakeholders) == (4.0, 2.0)
    assert safe.differs
    assert not rows["heard"].differs
    assert rows["informed"].stakeholders_n == 1  # 'don't know' is left out
    assert "verschillen" in evaluation.summary(example, "nl")


def test_evaluation_without_responses_says_so():
    assert "nog geen evaluaties" in evaluation.summary(Workbook(), "nl")
    assert all(c.company is None for c in evaluation.compare(Workbook(), "nl"))


def test_checklists_follow_the_chosen_place_of_meeting(content):
    wb = Workbook()
    assert [c.field_id for c in meeting_checklists(wb, content, "nl")] == [
        "checklist_nl", "checklist_abroad",
    ]  # fmt: skip
    wb.set_answer("7", "meeting_where", ["nederland"])
    wb.set_answer("7", "checklist_nl", ["doel_agenda"])
    (only,) = meeting_checklists(wb, content, "nl")
    assert (only.field_id, only.done, only.total) == ("checklist_nl", 1, len(only.items))


def test_facilitator_advice_counts_signals_and_asks_for_an_interpreter(content):
    wb = Workbook()
    assert "Geen signaal aangevinkt" in facilitator_advice(wb, content, "nl")[0]
    wb.set_answer("7", "facilitator_signals", ["conflict", "taal"])
    advice = facilitator_advice(wb, content, "en")
    assert advice[0].startswith("2 of 7 signs")
    assert "arrange an interpreter" in advice[1]


def test_facilitator_advice_follows_the_choices_made(content):
    wb = Workbook()
    wb.set_answer("7", "facilitator", "extern")
    (advice,) = facilitator_advice(wb, content, "nl")
    assert "Je kiest voor een onafhankelijke facilitator" in advice
    assert "kan volstaan" not in advice
    wb.set_answer("7", "facilitator", "intern")
    wb.set_answer("7", "facilitator_signals", ["conflict", "taal"])
    wb.set_answer("7", "interpreter", "ja")
    first, second = facilitator_advice(wb, content, "nl")
    assert "geen onafhankelijke facilitator gekozen" in first
    assert second.startswith("Er is een tolk geregeld")
    wb.set_answer("7", "facilitator", "nog_afwegen")
    assert facilitator_advice(wb, content, "nl")[0].startswith("2 van 7 signalen")


def test_followup_survives_a_save_and_load(example):
    again = loads(dumps(example))
    assert again.followup == example.followup


def test_older_workbook_without_followup_still_loads():
    doc = Workbook().model_dump(mode="json")
    del doc["followup"]
    import json

    assert loads(json.dumps(doc)).followup.agreements == []


def test_evaluation_response_refuses_oversized_answers():
    with pytest.raises(ValueError):
        EvaluationResponse(answers={"x": "a" * 6000})


def test_broken_plan_content_names_file_and_entry(tmp_path):
    for name in ("checklists.yaml", "letter.yaml"):
        (tmp_path / name).write_text(
            (plan_texts.__globals__["data_dir"]() / "plan" / name).read_text(encoding="utf-8"),
            encoding="utf-8",
        )
    (tmp_path / "evaluation.yaml").write_text(
        "scale: []\ndont_know: {nl: a, en: b}\nquestions:\n  - id: q\n    kind: bogus\n"
        "    label: {nl: a, en: b}\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanContentError, match=r"evaluation.yaml: questions.0.kind"):
        plan_texts(tmp_path)
