"""The facilitator's page driven as a user would (widgets, no browser), and the participant's
operations as the phone's page calls them (`Participation`, no kernel)."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest
from fakes import answers_for, fake_instrument

from dialoog.session import Session
from dialoog.workshop import codes
from dialoog.workshop.api import secret_from
from dialoog.workshop.facilitation import WorkshopSession
from dialoog.workshop.facilitator_view import FacilitatorView
from dialoog.workshop.participation import Participation, new_participant_token
from dialoog.workshop.room import room_state
from dialoog.workshop.store import (
    AccessDenied,
    MalformedCode,
    StoreUnavailable,
    UnknownCode,
    WorkshopClosed,
    WorkshopStore,
    make_engine,
)


@pytest.fixture
def wstore(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'workshops.sqlite'}")
    yield WorkshopStore(engine=engine, wrong_code_delay=0)
    engine.dispose()


@pytest.fixture
def instrument(content):
    return fake_instrument(content)


@pytest.fixture
def participation(wstore, instrument, content):
    return Participation(wstore, instrument, content)


@pytest.fixture
def new_session(store, content):
    """A fresh visitor's workbook (the facilitator's own), as each browser would have."""

    def make(token: str | None = None) -> Session:
        return Session(store=store, token=token, content=content, autosave_delay=0.01)

    return make


@pytest.fixture
def facilitator(new_session, wstore, instrument, content):
    views = []

    def make(session=None, *, secret=None, live=False, minimum=3, refresh_seconds=2.5):
        session = session or new_session()
        workshop = WorkshopSession(
            wstore, session, instrument, content, minimum=minimum, refresh_seconds=refresh_seconds
        )
        view = FacilitatorView(session, workshop, secret, live=live)
        views.append(view)
        return view

    yield make
    for view in views:
        view.close()


def start(view: FacilitatorView, title: str = "Sectordag", form: str = "") -> str:
    view.title_input.value = title
    view.form_input.value = form
    view.create_button.click()
    assert view.facilitation is not None, view.notice.text
    return view.snapshot.workshop.display_code


def take_part(participation, code, value="3", name="", token=None) -> str:
    """A phone joins, answers every statement with `value` and sends; returns its token."""
    token = token or new_participant_token()
    participation.join(code, token, name)
    participation.submit(code, token, answers_for(participation.instrument, value), 0)
    return token


# -- facilitator -----------------------------------------------------------------------------------
def test_starting_a_session_shows_a_join_code_and_a_participant_link(facilitator):
    view = facilitator()
    code = start(view)
    assert codes.is_well_formed(codes.normalise_code(code))
    assert code in view.session_panel.code_value.value
    assert "dialoog/join?code=" + code in view.session_panel.participant_link.value
    assert view.session_box.layout.display is None
    assert view.start_box.layout.display == "none"


def test_an_open_session_keeps_its_facilitator_link_in_the_pages_address(facilitator):
    view = facilitator()
    assert 'data-secret=""' in view.marker.value and not view.warning.value
    start(view)
    assert f'data-secret="{view.facilitation.secret}"' in view.marker.value
    assert "projecteer deze pagina niet" in view.warning.value
    view.session_panel.new_button.click()  # back to the start: out of the address again
    assert 'data-secret=""' in view.marker.value and view.facilitation is None


def test_a_session_needs_a_title_and_something_to_ask(facilitator):
    view = facilitator()
    view.title_input.value = "  "
    view.create_button.click()
    assert view.facilitation is None
    assert "titel" in view.notice.text.lower()
    view.title_input.value = "Sessie"
    view.sa_input.value = False
    view.create_button.click()
    assert view.facilitation is None
    assert view.notice.kind == "error"


def test_facilitator_link_holds_the_secret_and_reopens_the_session(facilitator, new_session):
    first = facilitator()
    start(first)
    secret = first.facilitation.secret
    panel = first.session_panel
    assert secret not in panel.facilitator_link.value  # shown only on request
    panel.secret_toggle.value = True
    assert f"beheer={secret}" in panel.facilitator_link.value
    elsewhere = facilitator(new_session(), secret=secret)
    assert elsewhere.facilitation.workshop_id == first.facilitation.workshop_id


def test_the_pages_own_address_gives_no_control_only_the_facilitator_link_does(
    facilitator, new_session
):
    session = new_session()
    first = facilitator(session)
    start(first, "Eerste")
    secret = first.facilitation.secret
    # the same workbook token in the URL (a reload, or the address seen on a screen)
    again = facilitator(new_session(token=session.token))
    assert again.facilitation is None and again.snapshot is None
    assert secret not in repr(again.children)
    # the facilitator link, pasted, opens it
    again.mine_input.value = f"http://host/voila/render/facilitator.ipynb?beheer={secret}"
    again.mine_button.click()
    assert again.snapshot.workshop.title == "Eerste"


def test_the_room_view_shows_code_counts_results_and_no_names(
    facilitator, participation, wstore, content
):
    view = facilitator(minimum=1)
    code = start(view)
    take_part(participation, code, "4", name="Fatima <b>")
    assert "dialoog/room?zaal=" in view.session_panel.room_link.value
    room = wstore.room(view.workshop.room_key)
    state = room_state(room, view.instrument, content, "nl", minimum=1)
    assert state["code"] == code and (state["joined"], state["submitted"]) == (1, 1)
    assert [axis["median"] for axis in state["results"]["radar"]] == [75.0] * 9
    assert "Fatima" not in repr(state)
    with pytest.raises(AccessDenied):
        wstore.room(view.facilitation.secret)  # the facilitator's secret is no room key


def test_a_wrong_facilitator_link_gets_a_clear_message(facilitator, new_session):
    view = facilitator(new_session(), secret="not-the-secret")
    assert view.facilitation is None
    assert view.notice.kind == "error"
    assert "beheerlink" in view.notice.text.lower()


def test_counts_and_people_follow_joins_and_submissions(facilitator, participation):
    view = facilitator()
    code = start(view)
    assert "0 meegedaan · 0 verstuurd" in view.session_panel.counts.value
    participation.join(code, new_participant_token(), "Anna")
    take_part(participation, code)
    assert view.refresh() is True
    assert "2 meegedaan · 1 verstuurd" in view.session_panel.counts.value
    assert (
        "Anna" in view.session_panel.people.value and "anoniem" in view.session_panel.people.value
    )
    assert view.refresh() is False  # nothing changed: no redraw


def test_names_are_escaped_on_the_facilitator_page(facilitator, participation):
    view = facilitator()
    code = start(view)
    take_part(participation, code, name="<img src=x onerror=alert(1)>")
    view.refresh()
    assert "<img" not in view.session_panel.people.value
    assert "&lt;img" in view.session_panel.people.value


def test_pooled_results_appear_from_three_submissions_without_individual_answers(
    facilitator, participation, instrument
):
    view = facilitator()
    code = start(view)
    take_part(participation, code, "1")
    take_part(participation, code, "5")
    view.refresh()
    assert view.room.layout.display == "none"
    assert "3" in view.results_note.value  # 'from 3 submissions on'
    take_part(participation, code, "3")
    view.refresh()
    assert view.room.layout.display is None
    assert view.radar.png.startswith(b"\x89PNG")
    assert view.distribution.value.count('class="ws-dist-text"') == len(instrument.statements)
    assert "Optie 1: 1" in view.distribution.value  # one participant chose option 1
    assert "Mediaan" in view.pooled_table.value
    assert "50" in view.pooled_table.value  # median of 0, 50, 100
    assert view.results.priorities == ()  # median 50 is not below 50
    assert "Motivatie" in view.disagree.value


def test_spread_switch_redraws_the_radar(facilitator, participation):
    view = facilitator(minimum=1)
    code = start(view)
    take_part(participation, code, "2")
    take_part(participation, code, "4")
    view.refresh()
    before = view.radar.value
    view.spread.value = "range"
    assert view.radar.value != before


def test_group_priorities_name_the_steps_of_low_scoring_elements(
    facilitator, participation, content
):
    view = facilitator(minimum=1)
    code = start(view)
    take_part(participation, code, "1")
    view.refresh()
    assert list(view.results.priorities) == [f.id for f in content.forms]
    assert content.form("1").title.nl in view.priorities.value


def test_closing_refuses_submissions_keeps_the_draft_and_reopening_accepts_them(
    facilitator, participation, instrument
):
    view = facilitator()
    code = start(view)
    token = new_participant_token()
    participation.join(code, token, "")
    statement = instrument.statements[0].id
    draft = {"selfassessment": {statement: "4"}}
    participation.save(code, token, draft, 0)
    view.session_panel.close_button.click()
    assert "Gesloten" in view.session_panel.status.value
    assert view.session_panel.reopen_button.layout.display is None
    with pytest.raises(WorkshopClosed):
        participation.submit(code, token, draft, 0)
    assert participation.state(code, token)["me"]["draft"] == draft  # kept on the server
    view.session_panel.reopen_button.click()
    assert participation.submit(code, token, draft, 0)["submitted_at"]
    view.refresh()
    assert "1 verstuurd" in view.session_panel.counts.value


def test_export_is_pseudonymised_neutralised_and_holds_every_open_answer(
    facilitator, participation, instrument
):
    view = facilitator(minimum=1)
    code = start(view, form="1")
    first, second = new_participant_token(), new_participant_token()
    participation.join(code, first, "Zoë Zwart")  # joins first, last in the alphabet
    participation.join(code, second, "Aad Aalders")
    answers = {"selfassessment": {instrument.statements[0].id: "5"},
               "forms": {"1": {"motivation": '=HYPERLINK("http://x")'}}}  # fmt: skip
    participation.submit(code, second, answers, 0)
    participation.submit(code, first, answers, 0)
    view.question_panel.text_input.value = "Waarom?"
    view.question_panel.pose_button.click()
    question = view.workshop.question
    participation.answer(code, first, question.id, "Omdat het moet")
    participation.answer(code, second, question.id, "=cmd|' /C calc'!A0")
    view.refresh(force=True)
    view.workshop.hide(view.workshop.answers[1])
    view.export_button.click()
    assert view.xlsx_link.filename.endswith(".xlsx")
    csv_text = view.csv_link.data.decode("utf-8-sig")
    assert "Zwart" not in csv_text and "Aalders" not in csv_text
    assert "P01" in csv_text and "'=HYPERLINK" in csv_text
    book = openpyxl.load_workbook(io.BytesIO(view.xlsx_link.data))
    assert book.sheetnames == ["Antwoorden", "Groep", "Open vragen"]
    values = [c.value for row in book["Antwoorden"].iter_rows() for c in row]
    assert "Optie 5" in values and "Zoë Zwart" not in values
    rows = list(book["Open vragen"].iter_rows(values_only=True))
    assert rows[0][:5] == ("vraag", "vraag (tekst)", "stap", "deelnemer", "antwoord")
    by_person = {r[3]: r for r in rows[1:]}
    assert by_person["P01"][4] == "Omdat het moet"  # P01 joined first, whatever her name
    assert by_person["P02"][4] == "=cmd|' /C calc'!A0" and by_person["P02"][7] == "ja"  # hidden
    open_csv = view.open_link.data.decode("utf-8-sig")
    assert "'=cmd" in open_csv and "Omdat het moet" in open_csv
    assert view.radar_link.data.startswith(b"\x89PNG")
    assert view.distribution_link.data.startswith(b"\x89PNG")


def test_two_sessions_compared_side_by_side(facilitator, participation):
    view = facilitator(minimum=1)
    before = start(view, "Voor")
    before_secret = view.facilitation.secret
    take_part(participation, before, "2")
    view.session_panel.new_button.click()
    after = start(view, "Na")
    take_part(participation, after, "4")
    view.compare_link.value = f"facilitator.ipynb?beheer={before_secret}"
    view.compare_button.click()
    assert view.compare_notice.text == ""
    assert view.compare_radar.png.startswith(b"\x89PNG")
    assert "-50" in view.compare_table.value  # Na (75) against Voor (25): from A to B


def test_secret_is_read_from_a_pasted_link():
    assert secret_from("http://h/voila/render/facilitator.ipynb?beheer=abc&werkboek=x") == "abc"
    assert secret_from(" abc ") == "abc"


def test_language_switch_relabels_and_keeps_the_session(facilitator):
    view = facilitator()
    start(view)
    view.session.language = "en"
    assert "0 joined · 0 submitted" in view.session_panel.counts.value
    assert view.session_panel.close_button.description == "Close session"
    assert view.facilitation is not None


def test_live_refresh_shows_a_submission_without_a_click(facilitator, participation):
    view = facilitator(refresh_seconds=0.05, live=True)
    code = start(view)
    assert view.workshop.poller.running
    take_part(participation, code)
    deadline = time.monotonic() + 5
    while "1 verstuurd" not in view.session_panel.counts.value and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "1 verstuurd" in view.session_panel.counts.value
    view.close()
    assert not view.workshop.poller.running


def test_facilitator_page_says_so_when_the_database_is_unreachable(facilitator, monkeypatch):
    view = facilitator()
    start(view)

    def unreachable():
        raise StoreUnavailable("connection refused")

    monkeypatch.setattr(view.facilitation, "revision", unreachable)
    assert view.refresh() is False
    assert "niet bereikbaar" in view.session_panel.live_label.value
    monkeypatch.undo()
    assert view.refresh(force=True) is True


def test_the_facilitator_page_shows_a_message_when_the_store_cannot_be_opened(
    new_session, monkeypatch
):
    from dialoog import pages
    from dialoog.workshop import store

    def broken(*_args, **_kwargs):
        raise StoreUnavailable("could not connect")

    monkeypatch.setattr(store, "WorkshopStore", broken)
    assert "niet bereikbaar" in pages.facilitator(new_session()).value


# -- participants (the phone's page calls these; no kernel) -------------------------------------
def test_a_participant_joins_answers_and_submits(facilitator, participation, wstore, instrument):
    code = start(facilitator())
    token = take_part(participation, code, "4", name="Bram")
    workshop = wstore.find(code)
    me = wstore.participant(workshop.id, codes.participant_id(token, workshop.id))
    assert me.name == "Bram"
    assert me.answers == answers_for(instrument, "4")


def test_one_phone_stays_one_person_across_reloads_rescans_and_sleep(
    facilitator, participation, instrument
):
    """The phone's token (a cookie) is who they are: asking again with it, however often and
    after whatever, finds the same person on the same screen with the same answers and name."""
    view = facilitator()
    code = start(view)
    token = new_participant_token()
    participation.join(code, token, "Carla")
    first = instrument.statements[0].id
    participation.save(code, token, {"selfassessment": {first: "2"}}, 3)
    for _reload_or_rescan in range(3):
        state = participation.state(codes.format_code(codes.normalise_code(code)), token)
        me = state["me"]
        assert me["joined"] and me["name"] == "Carla" and me["screen"] == 3
        assert me["draft"] == {"selfassessment": {first: "2"}}
    participation.join(code.lower(), token, "")  # scanned again, joined again without a name
    assert participation.state(code, token)["me"]["name"] == "Carla"
    assert view.workshop.facilitation.counts() == (1, 0)  # one person, not three
    other = participation.state(code, new_participant_token())["me"]
    assert other == {"joined": False}  # another phone is another person


def test_resubmitting_updates_instead_of_adding(facilitator, participation, instrument):
    view = facilitator()
    code = start(view)
    token = take_part(participation, code, "2")
    participation.submit(code, token, {"selfassessment": {instrument.statements[0].id: "5"}}, 0)
    snap = view.facilitation.snapshot()
    assert snap.joined == 1 and snap.submitted[0].submit_count == 2
    assert snap.submitted[0].answers == {"selfassessment": {instrument.statements[0].id: "5"}}


def test_what_a_phone_sends_is_reduced_to_what_the_session_asked(
    facilitator, participation, instrument
):
    view = facilitator()
    code = start(view, form="9b")
    token = new_participant_token()
    participation.join(code, token, "")
    first = instrument.statements[0].id
    forged = {
        "selfassessment": {first: "4", instrument.statements[1].id: "99", "nope": "1"},
        "forms": {"9b": {"value": "Veel geleerd", "unknown": "x"}, "1": {"motivation": "x"}},
        "extra": {"a": 1},
    }
    kept = participation.save(code, token, forged, 0)["draft"]
    assert kept == {"selfassessment": {first: "4"}, "forms": {"9b": {"value": "Veel geleerd"}}}
    assert participation.save(code, token, "not even a mapping", 0)["draft"] == {}


def test_a_wrong_code_is_refused_and_nothing_is_joined(participation):
    with pytest.raises(UnknownCode):
        participation.join("ABCDE-ABCDE", new_participant_token(), "")
    with pytest.raises(MalformedCode):
        participation.join("hallo", new_participant_token(), "")


def test_the_phone_never_gets_the_facilitators_secret_or_other_names(facilitator, participation):
    view = facilitator()
    code = start(view)
    participation.join(code, new_participant_token(), "Geheime Naam")
    token = take_part(participation, code)
    state = repr(participation.state(code, token))
    assert view.facilitation.secret not in state and "Geheime Naam" not in state
    assert view.workshop.room_key not in state


def test_step_questions_are_asked_and_sent(facilitator, participation, content):
    view = facilitator(minimum=1)
    code = start(view, form="9b")
    token = new_participant_token()
    state = participation.join(code, token, "")
    forms = state["questionnaire"]["screens"][-1]["forms"]
    kinds = {field["kind"] for form in forms for field in form["fields"]}
    assert "choice" in kinds and forms[0]["id"] == "9b"
    participation.submit(code, token, {"forms": {"9b": {"value": "Veel geleerd"}}}, 0)
    sent = view.facilitation.snapshot().submitted[0].answers
    assert sent["forms"]["9b"]["value"] == "Veel geleerd"
    view.refresh()
    assert "1 antwoorden" in view.questions.value  # open text: a count, never the text
    assert "Veel geleerd" not in view.questions.value


def test_joining_a_closed_session_says_so(facilitator, participation):
    view = facilitator()
    code = start(view)
    view.session_panel.close_button.click()
    with pytest.raises(WorkshopClosed):
        participation.join(code, new_participant_token(), "")


def test_the_questionnaire_comes_one_element_per_screen_in_both_languages(
    facilitator, participation, instrument, content
):
    code = start(facilitator())
    state = participation.state(code, new_participant_token())
    screens = state["questionnaire"]["screens"]
    elements = [e.id for e in content.elements
                if any(s.element == e.id for s in instrument.statements)]  # fmt: skip
    assert [s["id"] for s in screens] == elements
    assert screens[0]["statements"][0]["text"]["en"].startswith("Statement 1")
    assert state["questionnaire"]["options"][0]["label"] == {"nl": "Optie 1", "en": "Option 1"}


# -- open questions, moderation, into the workbook -------------------------------------------------
def test_an_open_question_reaches_phones_and_the_room_and_hiding_takes_it_off(
    facilitator, participation, wstore
):
    view = facilitator(minimum=1)
    code = start(view)
    tokens = [new_participant_token() for _ in range(3)]
    for token in tokens:
        participation.join(code, token, "")
        assert participation.state(code, token)["question"] is None
    panel = view.question_panel
    panel.source_input.value = "1/motivation"
    assert panel.text_input.value  # the step's question, editable
    panel.pose_button.click()
    assert panel.notice.kind == "success"
    question = participation.session_state(wstore.find(code))["question"]
    assert question["text"] == panel.text_input.value
    for token, text in zip(tokens, ["Risico's begrijpen", "Vertrouwen opbouwen", "Onzin!"],
                           strict=True):  # fmt: skip
        participation.answer(code, token, question["id"], text)
    view.refresh(force=True)
    assert "3 antwoorden, 3 zichtbaar" in panel.current.value
    panel.answers.children[2].children[0].click()  # hide the third
    assert "3 antwoorden, 2 zichtbaar" in panel.current.value
    _question, texts = view.facilitation.room().question()
    assert texts == ["Risico's begrijpen", "Vertrouwen opbouwen"]
    panel.close_button.click()
    assert participation.session_state(wstore.find(code))["question"] is None


def test_approve_first_keeps_answers_off_the_wall_until_released(
    facilitator, participation, wstore
):
    view = facilitator(minimum=1)
    view.moderated_input.value = True
    code = start(view)
    assert "Eerst bekijken staat aan" in view.session_panel.moderation.value
    view.question_panel.text_input.value = "Wat vinden jullie?"
    view.question_panel.pose_button.click()
    question = view.workshop.question
    token = new_participant_token()
    participation.join(code, token, "")
    participation.answer(code, token, question.id, "Iets onaardigs")
    participation.answer(code, token, question.id, "Beter")  # a second answer replaces it
    view.refresh(force=True)
    assert view.facilitation.room().question()[1] == []  # nothing on the wall yet
    assert "1 wachten" in view.question_panel.current.value
    row = view.question_panel.answers.children[0]
    release = row.children[0]
    assert release.description == "Vrijgeven"
    release.click()
    assert view.facilitation.room().question()[1] == ["Beter"]
    participation.answer(code, token, question.id, "Toch anders")  # changed: judged again
    assert view.facilitation.room().question()[1] == []
    view.session_panel.moderate_button.click()  # off: from now on straight to the wall
    other = new_participant_token()
    participation.join(code, other, "")
    participation.answer(code, other, question.id, "Meteen zichtbaar")
    assert view.facilitation.room().question()[1] == ["Meteen zichtbaar"]


def test_taking_over_puts_the_group_on_the_radar_and_the_answers_under_the_step(
    facilitator, new_session, participation, wstore
):
    company = new_session()
    view = facilitator(company, minimum=2)
    code = start(view, "Ketendag")
    for value in ("2", "4", "4"):
        take_part(participation, code, value)
    question = view.facilitation.pose("Waarom deze dialoog?", source="1/motivation")
    wstore.answer_question(view.facilitation.workshop_id, question.id, "p1", "Omdat het moet")
    company.set_answer("1", "motivation", "Onze eigen reden.")
    view.into_panel.take_button.click()
    assert view.into_panel.notice.kind == "success", view.into_panel.notice.text
    earlier = company.workbook.selfassessment.earlier
    assert len(earlier) == 1 and "Ketendag" in earlier[0].label
    assert "3 deelnemers" in earlier[0].source
    assert set(earlier[0].answers.values()) == {"4"}  # the median of 2, 4, 4
    text = company.workbook.answer("1", "motivation")
    assert text.startswith("Onze eigen reden.") and "- Omdat het moet" in text
    view.into_panel.take_button.click()  # again: replaced, not added
    assert len(company.workbook.selfassessment.earlier) == 1
    assert company.workbook.answer("1", "motivation").count("Omdat het moet") == 1


def test_taking_over_into_a_link_that_opens_nothing_writes_and_stores_nothing(
    facilitator, new_session, participation, store
):
    from sqlalchemy import func, select

    from dialoog.workbook_store import workbooks

    company = new_session()
    company.set_answer("1", "motivation", "x")
    company.flush()
    view = facilitator(company, minimum=1)
    code = start(view, "Ketendag")
    take_part(participation, code, "4")
    with store.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(workbooks)).scalar()
    view.into_panel.link_input.value = (
        f"http://h/voila/render/workbook.ipynb?werkboek={company.token[:-1]}"
    )
    view.into_panel.take_button.click()
    assert view.into_panel.notice.kind == "error"
    assert "Deze link opent geen werkboek" in view.into_panel.notice.text
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(workbooks)).scalar() == before
    assert not company.workbook.selfassessment.earlier


def test_the_plan_names_the_workshop_its_date_and_participants(
    facilitator, new_session, participation, content
):
    from dialoog.plan.document import build_document

    company = new_session()
    view = facilitator(company, minimum=2)
    code = start(view, "Ketendag")
    for value in ("2", "4"):
        take_part(participation, code, value)
    view.into_panel.take_button.click()
    document = build_document(company.workbook, content, "nl")
    text = repr(document)
    assert "Workshop ‘Ketendag’ op" in text and "2 deelnemers" in text
