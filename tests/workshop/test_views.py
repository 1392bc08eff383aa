"""The facilitator's and the participant's pages, driven as a user would (widgets, no browser)."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest
from fakes import answers_for, fake_instrument

from dialoog.session import Session, open_session
from dialoog.workshop import codes
from dialoog.workshop.facilitator_view import FacilitatorView, secret_from
from dialoog.workshop.participant_view import ParticipantView
from dialoog.workshop.store import StoreUnavailable, WorkshopStore, make_engine


@pytest.fixture
def wstore(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'workshops.sqlite'}")
    yield WorkshopStore(engine=engine, wrong_code_delay=0)
    engine.dispose()


@pytest.fixture
def instrument(content):
    return fake_instrument(content)


@pytest.fixture
def new_session(store, content):
    """A fresh visitor (their own workbook), as each browser would have."""

    def make(token: str | None = None) -> Session:
        return Session(store=store, token=token, content=content, autosave_delay=0.01)

    return make


@pytest.fixture
def facilitator(new_session, wstore, instrument):
    views = []

    def make(session=None, **kwargs) -> FacilitatorView:
        kwargs.setdefault("live", False)
        view = FacilitatorView(session or new_session(), wstore, instrument, **kwargs)
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


def answer_all(view: ParticipantView, value: str) -> None:
    """Screen by screen, as on a phone: every statement of each screen gets `value`."""
    for screen in range(len(view._screens)):
        view.go(screen)
        for statement in view._screen_elements[screen]:
            if hasattr(statement, "choice"):
                statement.choice.value = value


def take_part(session, wstore, instrument, code, value="3", name="") -> ParticipantView:
    view = ParticipantView(session, wstore, instrument, code=code, live=False)
    view.name.value = name
    view.join_button.click()
    answer_all(view, value)
    view.submit_button.click()
    return view


# -- facilitator -----------------------------------------------------------------------------------
def test_starting_a_session_shows_a_join_code_and_a_participant_link(facilitator):
    view = facilitator()
    code = start(view)
    assert codes.is_well_formed(codes.normalise_code(code))
    assert code in view.session_panel.code_value.value
    assert "participant.ipynb?code=" + code in view.session_panel.participant_link.value
    assert view.session_box.layout.display is None
    assert view.start_box.layout.display == "none"


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


def test_the_room_view_shows_code_qr_counts_and_no_names(
    facilitator, new_session, wstore, monkeypatch
):
    from dialoog.workshop.room_view import RoomView

    monkeypatch.setenv("DIALOOG_PUBLIC_URL", "https://dialoog.example.org/voila/render/")
    view = facilitator(minimum=1)
    code = start(view)
    take_part(new_session(), wstore, view.instrument, code, "4", name="Fatima <b>")
    assert "room.ipynb?zaal=" in view.session_panel.room_link.value
    room = RoomView(wstore, view.instrument, view.content, view.room_key, live=False, minimum=1)
    try:
        assert code in room.join.value
        assert 'class="ws-qr" src="data:image/svg+xml' in room.join.value
        assert "https://dialoog.example.org/voila/render/participant.ipynb?code=" in room.join.value
        assert "<b>1</b> meegedaan" in room.counts.value
        assert room.radar.png.startswith(b"\x89PNG")
        assert "Fatima" not in repr(room.children)
        assert not [c for c in room.children if isinstance(c, type(view.create_button))]
    finally:
        room.close()
    denied = RoomView(wstore, view.instrument, view.content, view.facilitation.secret, live=False)
    assert "zaallink klopt niet" in denied.title.value


def test_a_wrong_facilitator_link_gets_a_clear_message(facilitator, new_session):
    view = facilitator(new_session(), secret="not-the-secret")
    assert view.facilitation is None
    assert view.notice.kind == "error"
    assert "beheerlink" in view.notice.text.lower()


def test_counts_and_people_follow_joins_and_submissions(
    facilitator, new_session, wstore, instrument
):
    view = facilitator()
    code = start(view)
    assert "0 meegedaan · 0 verstuurd" in view.session_panel.counts.value
    p1 = ParticipantView(new_session(), wstore, instrument, code=code, live=False)
    p1.name.value = "Anna"
    p1.join_button.click()
    take_part(new_session(), wstore, instrument, code)
    assert view.refresh() is True
    assert "2 meegedaan · 1 verstuurd" in view.session_panel.counts.value
    assert (
        "Anna" in view.session_panel.people.value and "anoniem" in view.session_panel.people.value
    )
    assert view.refresh() is False  # nothing changed: no redraw


def test_names_are_escaped_on_the_facilitator_page(facilitator, new_session, wstore, instrument):
    view = facilitator()
    code = start(view)
    take_part(new_session(), wstore, instrument, code, name="<img src=x onerror=alert(1)>")
    view.refresh()
    assert "<img" not in view.session_panel.people.value
    assert "&lt;img" in view.session_panel.people.value


def test_pooled_results_appear_from_three_submissions_without_individual_answers(
    facilitator, new_session, wstore, instrument
):
    view = facilitator()
    code = start(view)
    take_part(new_session(), wstore, instrument, code, "1")
    take_part(new_session(), wstore, instrument, code, "5")
    view.refresh()
    assert view.room.layout.display == "none"
    assert "3" in view.results_note.value  # 'from 3 submissions on'
    take_part(new_session(), wstore, instrument, code, "3")
    view.refresh()
    assert view.room.layout.display is None
    assert view.radar.png.startswith(b"\x89PNG")
    assert view.distribution.value.count('class="ws-dist-text"') == len(instrument.statements)
    assert "Optie 1: 1" in view.distribution.value  # one participant chose option 1
    assert "Mediaan" in view.pooled_table.value
    assert "50" in view.pooled_table.value  # median of 0, 50, 100
    assert view.results.priorities == ()  # median 50 is not below 50
    assert "Motivatie" in view.disagree.value


def test_spread_switch_redraws_the_radar(facilitator, new_session, wstore, instrument):
    view = facilitator(minimum=1)
    code = start(view)
    take_part(new_session(), wstore, instrument, code, "2")
    take_part(new_session(), wstore, instrument, code, "4")
    view.refresh()
    before = view.radar.value
    view.spread.value = "range"
    assert view.radar.value != before


def test_group_priorities_name_the_steps_of_low_scoring_elements(
    facilitator, new_session, wstore, instrument, content
):
    view = facilitator(minimum=1)
    code = start(view)
    take_part(new_session(), wstore, instrument, code, "1")
    view.refresh()
    assert list(view.results.priorities) == [f.id for f in content.forms]
    assert content.form("1").title.nl in view.priorities.value


def test_closing_refuses_submissions_and_reopening_accepts_them(
    facilitator, new_session, wstore, instrument
):
    view = facilitator()
    code = start(view)
    participant = ParticipantView(new_session(), wstore, instrument, code=code, live=False)
    participant.join_button.click()
    participant._statements[0].choice.value = "4"
    view.session_panel.close_button.click()
    assert "Gesloten" in view.session_panel.status.value
    assert view.session_panel.reopen_button.layout.display is None
    participant.submit_button.click()
    assert participant.submit_notice.kind == "error"
    assert "gesloten" in participant.submit_notice.text
    statement_id = instrument.statements[0].id
    assert participant.session.workbook.selfassessment.current.answers[statement_id] == "4"
    view.session_panel.reopen_button.click()
    participant.submit_button.click()
    assert participant.submit_notice.kind in ("success", "info")
    view.refresh()
    assert "1 verstuurd" in view.session_panel.counts.value


def test_export_is_pseudonymised_and_neutralised(facilitator, new_session, wstore, instrument):
    view = facilitator(minimum=1)
    code = start(view, form="1")
    p = ParticipantView(new_session(), wstore, instrument, code=code, live=False)
    p.name.value = "Geheime Naam"
    p.join_button.click()
    p.session.set_answer("1", "motivation", '=HYPERLINK("http://x")')
    p._statements[0].choice.value = "5"
    p.submit_button.click()
    view.export_button.click()
    assert view.xlsx_link.filename.endswith(".xlsx")
    csv_text = view.csv_link.data.decode("utf-8-sig")
    assert "Geheime Naam" not in csv_text
    assert "P01" in csv_text
    assert "'=HYPERLINK" in csv_text
    book = openpyxl.load_workbook(io.BytesIO(view.xlsx_link.data))
    assert book.sheetnames == ["Antwoorden", "Groep"]
    values = [c.value for row in book["Antwoorden"].iter_rows() for c in row]
    assert "Optie 5" in values
    assert "Geheime Naam" not in values
    assert view.radar_link.filename.endswith("-radar.png")
    assert view.radar_link.data.startswith(b"\x89PNG")
    assert view.distribution_link.data.startswith(b"\x89PNG")


def test_two_sessions_compared_side_by_side(facilitator, new_session, wstore, instrument):
    view = facilitator(minimum=1)
    before = start(view, "Voor")
    before_secret = view.facilitation.secret
    take_part(new_session(), wstore, instrument, before, "2")
    view.session_panel.new_button.click()
    after = start(view, "Na")
    take_part(new_session(), wstore, instrument, after, "4")
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


def test_live_refresh_shows_a_submission_without_a_click(
    new_session, wstore, instrument, facilitator
):
    view = facilitator(refresh_seconds=0.05, live=True)
    code = start(view)
    assert view.poller.running
    take_part(new_session(), wstore, instrument, code)
    deadline = time.monotonic() + 5
    while "1 verstuurd" not in view.session_panel.counts.value and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "1 verstuurd" in view.session_panel.counts.value
    view.close()
    assert not view.poller.running


# -- participant -----------------------------------------------------------------------------------
def test_participant_joins_answers_and_submits(facilitator, new_session, wstore, instrument):
    code = start(facilitator())
    session = new_session()
    view = take_part(session, wstore, instrument, code, "4", name="Bram")
    assert view.submit_notice.kind == "success"
    assert view.submit_button.description == "Opnieuw versturen"
    workshop = wstore.find(code)
    me = wstore.participant(workshop.id, codes.participant_id(session.token, workshop.id))
    assert me.name == "Bram"
    assert me.answers == answers_for(instrument, "4")
    answers = session.workbook.selfassessment.current.answers
    assert answers == answers_for(instrument, "4")["selfassessment"]  # also in own workbook


def test_resubmitting_updates_instead_of_adding(facilitator, new_session, wstore, instrument):
    view = facilitator()
    code = start(view)
    participant = take_part(new_session(), wstore, instrument, code, "2")
    participant._statements[0].choice.value = "5"
    participant.submit_button.click()
    snap = view.facilitation.snapshot()
    assert snap.joined == 1
    assert snap.submitted[0].answers["selfassessment"][instrument.statements[0].id] == "5"


def test_a_reload_resumes_the_participant_without_joining_again(
    facilitator, new_session, wstore, instrument
):
    view = facilitator()
    code = start(view)
    session = new_session()
    take_part(session, wstore, instrument, code, "3", name="Carla")
    session.flush()
    again = ParticipantView(
        new_session(token=session.token), wstore, instrument, code=code, live=False
    )
    again_session = again.session
    assert again_session.token == session.token
    assert again.join_box.layout.display == "none"
    assert again.name.value == "Carla"
    assert view.facilitation.counts() == (1, 1)


def test_a_wrong_code_gets_a_message_and_nothing_is_joined(new_session, wstore, instrument):
    view = ParticipantView(new_session(), wstore, instrument, live=False)
    view.code.value = "ABCDE-ABCDE"
    view.join_button.click()
    assert view.workshop is None
    assert "kennen we niet" in view.join_notice.text
    view.code.value = "hallo"
    view.join_button.click()
    assert "10 letters" in view.join_notice.text


def test_a_locked_database_offers_a_retry_and_keeps_the_answers(
    facilitator, new_session, wstore, instrument, monkeypatch
):
    code = start(facilitator())
    participant = ParticipantView(new_session(), wstore, instrument, code=code, live=False)
    participant.join_button.click()
    participant._statements[0].choice.value = "3"

    def unavailable(*_args, **_kwargs):
        raise StoreUnavailable("database is locked")

    monkeypatch.setattr(wstore, "submit", unavailable)
    participant.submit_button.click()
    assert participant.submit_notice.kind == "error"
    assert participant.submit_button.description == "Opnieuw proberen"
    monkeypatch.undo()
    participant.submit_button.click()
    assert participant.submit_notice.kind in ("success", "info")


def test_participant_page_never_shows_the_facilitator_secret(
    facilitator, new_session, wstore, instrument
):
    view = facilitator()
    code = start(view)
    participant = take_part(new_session(), wstore, instrument, code)
    html_values = " ".join(
        str(getattr(widget, "value", ""))
        for widget in _walk(participant)
        if isinstance(getattr(widget, "value", None), str)
    )
    assert view.facilitation.secret not in html_values


def test_step_questions_are_asked_and_sent(facilitator, new_session, wstore, instrument):
    view = facilitator(minimum=1)
    code = start(view, form="9b")
    participant = ParticipantView(new_session(), wstore, instrument, code=code, live=False)
    participant.join_button.click()
    kinds = {type(f).__name__ for f in participant._fields}
    assert "ChoiceField" in kinds
    participant.session.set_answer("9b", "value", "Veel geleerd")
    participant.submit_button.click()
    sent = view.facilitation.snapshot().submitted[0].answers
    assert sent["forms"]["9b"]["value"] == "Veel geleerd"
    view.refresh()
    assert "1 antwoorden" in view.questions.value  # open text: a count, never the text
    assert "Veel geleerd" not in view.questions.value


def test_participant_language_switch_keeps_the_answers(
    facilitator, new_session, wstore, instrument
):
    code = start(facilitator())
    participant = ParticipantView(new_session(), wstore, instrument, code=code, live=False)
    participant.join_button.click()
    participant._statements[0].choice.value = "2"
    participant.session.language = "en"
    assert participant._statements[0].choice.value == "2"
    assert participant.submit_button.description == "Submit"
    assert "Statement 1" in participant._statements[0].text.value


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


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


def test_pages_show_a_message_when_the_store_cannot_be_opened(new_session, monkeypatch):
    from dialoog import pages
    from dialoog.workshop import store

    def broken(*_args, **_kwargs):
        raise StoreUnavailable("could not connect")

    monkeypatch.setattr(store, "WorkshopStore", broken)
    for page in (pages.facilitator, pages.participant):
        widget = page(new_session())
        assert "niet bereikbaar" in widget.value


def test_joining_a_closed_session_says_so(facilitator, new_session, wstore, instrument):
    view = facilitator()
    code = start(view)
    view.session_panel.close_button.click()
    participant = ParticipantView(new_session(), wstore, instrument, code=code, live=False)
    participant.join_button.click()
    assert participant.workshop is None
    assert "gesloten" in participant.join_notice.text


# -- phone-first answering, open questions, into the workbook ------------------------------------
def test_participants_answer_one_element_per_screen_and_resume_where_they_were(
    facilitator, new_session, wstore, instrument, content
):
    view = facilitator()
    code = start(view)
    session = new_session()
    part = ParticipantView(session, wstore, instrument, code=code, live=False)
    part.join_button.click()
    elements = [
        e for e in content.elements if any(s.element == e.id for s in instrument.statements)
    ]
    assert len(part._screens) == len(elements)
    shown = [s for s in part._screens if s.layout.display != "none"]
    assert len(shown) == 1 and part.screen == 0
    assert f"1 van {len(elements)}" in part.progress.value
    assert part.submit_button.layout.display == "none"  # submit comes with the last screen
    for widget in part._screen_elements[0]:
        widget.choice.value = "4"
    part.next_button.click()
    assert part.screen == 1 and f"2 van {len(elements)}" in part.progress.value
    part.prev_button.click()
    assert part.screen == 0
    session.flush()
    reopened = open_session(session.token, store=session.store, content=content)
    again = ParticipantView(reopened, wstore, instrument, code=code, live=False)
    assert again.screen == 1  # the first screen with an unanswered statement
    again.go(99)
    assert again.screen == len(elements) - 1 and again.submit_button.layout.display is None


def test_an_open_question_reaches_participants_and_the_room_with_moderation(
    facilitator, new_session, wstore, instrument
):
    view = facilitator(minimum=1)
    code = start(view)
    people = [
        ParticipantView(new_session(), wstore, instrument, code=code, live=False) for _ in range(3)
    ]
    for person in people:
        person.join_button.click()
        assert person.open_box.layout.display == "none"
    panel = view.question_panel
    panel.source_input.value = "1/motivation"
    assert panel.text_input.value  # the step's question, editable
    panel.pose_button.click()
    assert panel.notice.kind == "success"
    for person, text in zip(
        people, ["Risico's begrijpen", "Vertrouwen opbouwen", "=HYPERLINK(1)"], strict=True
    ):
        assert person.follow()
        assert person.open_box.layout.display is None
        person.open_input.value = text
        person.open_send.click()
        assert person.open_notice.kind == "success"
    view.refresh(force=True)
    assert "3 antwoorden, 3 zichtbaar" in panel.current.value
    panel.answers.children[2].children[0].click()  # hide the third
    assert "3 antwoorden, 2 zichtbaar" in panel.current.value
    room = view.facilitation.room()
    _question, texts = room.question()
    assert texts == ["Risico's begrijpen", "Vertrouwen opbouwen"]
    panel.close_button.click()
    people[0].follow()
    assert people[0].open_box.layout.display == "none"


def test_taking_over_puts_the_group_on_the_radar_and_the_answers_under_the_step(
    facilitator, new_session, wstore, instrument
):
    company = new_session()
    view = facilitator(company, minimum=2)
    code = start(view, "Ketendag")
    for value in ("2", "4", "4"):
        take_part(new_session(), wstore, instrument, code, value)
    question = view.facilitation.pose("Waarom deze dialoog?", source="1/motivation")
    wstore.answer_question(
        view.facilitation.workshop_id,
        question.id,
        "p1",
        "Omdat het moet",
    )
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


def test_the_plan_names_the_workshop_its_date_and_participants(
    facilitator, new_session, wstore, instrument, content
):
    from dialoog.plan.document import build_document

    company = new_session()
    view = facilitator(company, minimum=2)
    code = start(view, "Ketendag")
    for value in ("2", "4"):
        take_part(new_session(), wstore, instrument, code, value)
    view.into_panel.take_button.click()
    document = build_document(company.workbook, content, "nl")
    text = repr(document)
    assert "Workshop ‘Ketendag’ op" in text and "2 deelnemers" in text
