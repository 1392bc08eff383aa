"""The shared store, on SQLite and on a real PostgreSQL server (every test runs on both)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from dialoog.db import (
    SCHEMA_VERSION,
    current_version,
    make_engine,
    migrate,
    schema_version,
)
from dialoog.db import (
    database_url as default_database_url,
)
from dialoog.workshop.store import (
    AccessDenied,
    InvalidSubmission,
    MalformedCode,
    QuestionClosed,
    Questionnaire,
    StoreUnavailable,
    UnknownCode,
    WorkshopClosed,
    WorkshopStore,
    workshops,
)


def test_schema_is_created_and_versioned(wstore):
    assert current_version(wstore.engine) == SCHEMA_VERSION


def test_migrating_twice_changes_nothing(wstore):
    workshop, _secret = wstore.create("Sessie")
    assert migrate(wstore.engine) == SCHEMA_VERSION
    assert wstore.workshop(workshop.id).title == "Sessie"


def test_a_newer_database_is_refused_with_a_message(wstore):
    with wstore.engine.begin() as conn:
        conn.execute(update(schema_version).values(version=SCHEMA_VERSION + 1))
    with pytest.raises(RuntimeError, match="Update dialoog"):
        migrate(wstore.engine)


def test_created_session_is_open_and_found_by_its_code_in_any_spelling(wstore):
    q = Questionnaire(selfassessment=True, form_ids=("1",))
    workshop, secret = wstore.create("  Sector  dag ", "en", q)
    assert workshop.title == "Sector dag"
    assert workshop.language == "en"
    assert workshop.questionnaire == q
    assert workshop.is_open
    typed = workshop.display_code.lower().replace("-", " ")
    assert wstore.find(typed).id == workshop.id
    assert secret not in (workshop.code, workshop.id)


def test_the_secret_is_stored_only_as_a_hash(wstore):
    workshop, secret = wstore.create("Sessie")
    with wstore.engine.connect() as conn:
        row = conn.execute(select(workshops).where(workshops.c.id == workshop.id)).one()
    assert secret not in [str(v) for v in row]


def test_join_code_cannot_facilitate(wstore):
    workshop, _ = wstore.create("Sessie")
    with pytest.raises(AccessDenied):
        wstore.facilitate(workshop.code)
    with pytest.raises(AccessDenied):
        wstore.facilitate("")


def test_unknown_and_malformed_codes_are_told_apart(wstore):
    with pytest.raises(MalformedCode):
        wstore.find("hello")
    with pytest.raises(UnknownCode):
        wstore.find("22222-22222")


def test_a_wrong_code_costs_a_delay(database_url):
    slept = []
    engine = make_engine(database_url)
    store = WorkshopStore(engine=engine, wrong_code_delay=0.8, sleep=slept.append)
    with pytest.raises(UnknownCode):
        store.find("22222-22222")
    with pytest.raises(AccessDenied):
        store.facilitate("not-a-secret")
    assert slept == [0.8, 0.8]
    engine.dispose()


def test_resubmitting_updates_the_same_participant(wstore):
    workshop, secret = wstore.create("Sessie")
    wstore.join(workshop.id, "p1", "Anna")
    wstore.submit(workshop.id, "p1", {"s1": "agree"}, "Anna")
    wstore.submit(workshop.id, "p1", {"s1": "disagree"}, "Anna B.")
    snap = wstore.facilitate(secret).snapshot()
    assert snap.joined == 1
    [row] = snap.submitted
    assert row.answers == {"s1": "disagree"}
    assert row.name == "Anna B."
    assert row.submit_count == 2


def test_joined_participants_count_before_they_submit(wstore):
    workshop, secret = wstore.create("Sessie")
    wstore.join(workshop.id, "p1")
    wstore.join(workshop.id, "p2", "Bram")
    wstore.submit(workshop.id, "p2", {"s1": "agree"})
    facilitation = wstore.facilitate(secret)
    assert facilitation.counts() == (2, 1)
    assert wstore.participant(workshop.id, "p1").submitted is False
    assert wstore.participant(workshop.id, "p2").submitted is True
    assert wstore.participant(workshop.id, "nobody") is None


def test_closed_session_refuses_submissions_and_reopen_accepts_them(wstore):
    workshop, secret = wstore.create("Sessie")
    facilitation = wstore.facilitate(secret)
    wstore.submit(workshop.id, "p1", {"s1": "agree"})
    assert facilitation.close().status == "closed"
    with pytest.raises(WorkshopClosed):
        wstore.submit(workshop.id, "p1", {"s1": "disagree"})
    with pytest.raises(WorkshopClosed):
        wstore.join(workshop.id, "p2")
    assert facilitation.snapshot().submitted[0].answers == {"s1": "agree"}
    assert facilitation.reopen().is_open
    wstore.submit(workshop.id, "p1", {"s1": "disagree"})
    assert facilitation.snapshot().submitted[0].answers == {"s1": "disagree"}


def test_every_change_bumps_the_revision(wstore):
    workshop, secret = wstore.create("Sessie")
    facilitation = wstore.facilitate(secret)
    seen = [facilitation.revision()]
    wstore.join(workshop.id, "p1")
    seen.append(facilitation.revision())
    wstore.submit(workshop.id, "p1", {"a": "b"})
    seen.append(facilitation.revision())
    facilitation.close()
    seen.append(facilitation.revision())
    assert [r for r, _status, _expired in seen] == [0, 1, 2, 3]
    assert seen[-1][1] == "closed"


def test_submission_to_an_unknown_session_is_refused(wstore):
    with pytest.raises(UnknownCode):
        wstore.submit("nope", "p1", {})


def test_bad_answers_are_refused(wstore):
    workshop, _ = wstore.create("Sessie")
    with pytest.raises(InvalidSubmission):
        wstore.submit(workshop.id, "p1", ["not", "a", "dict"])
    with pytest.raises(InvalidSubmission):
        wstore.submit(workshop.id, "p1", {"x": "y" * 300_000})
    with pytest.raises(InvalidSubmission):
        wstore.create("   ")


def test_pseudonyms_follow_join_order_and_hide_names(wstore):
    workshop, secret = wstore.create("Sessie")
    for pid in ("zz", "aa", "mm"):
        wstore.join(workshop.id, pid, f"Naam {pid}")
    pseudonyms = wstore.facilitate(secret).snapshot().pseudonyms()
    assert pseudonyms == {"zz": "P01", "aa": "P02", "mm": "P03"}


def test_the_facilitators_workbook_lists_its_sessions_but_gives_no_right_on_them(wstore):
    owner = "owner-token-of-a-facilitator-workbook"
    first, secret = wstore.create("Eerste", owner_token=owner)
    wstore.create("Tweede", owner_token=owner)
    wstore.create("Van een ander", owner_token="someone-else")
    assert [w.title for w in wstore.owned(owner)] == ["Tweede", "Eerste"]
    # the secret is random: nothing made from the workbook's link opens the session
    assert owner not in secret and len(secret) >= 32
    assert wstore.facilitate(secret).workshop_id == first.id
    with pytest.raises(AccessDenied):
        wstore.facilitate(owner)


def test_the_room_key_shows_the_pooled_answers_and_nothing_else(wstore):
    workshop, secret = wstore.create("Zaal")
    wstore.join(workshop.id, "p1", "Fatima")
    wstore.submit(workshop.id, "p1", {"sa": {"s1": "eens"}}, "Fatima")
    key = wstore.facilitate(secret).room_key()
    room = wstore.room(key)
    assert room.counts() == (1, 1)
    snapshot = room.snapshot()
    assert snapshot.workshop.title == "Zaal"
    assert [p.answers for p in snapshot.submitted] == [{"sa": {"s1": "eens"}}]
    assert "Fatima" not in repr(snapshot) and "'p1'" not in repr(snapshot)
    assert not hasattr(room, "close") and not hasattr(room, "pose")
    for wrong in ("", key + "x", key[:-1] + ("0" if key[-1] != "0" else "1"), secret):
        with pytest.raises(AccessDenied):
            wstore.room(wrong)
    with pytest.raises(AccessDenied):
        wstore.facilitate(key)  # the room key is no facilitator key


def test_a_countdown_closes_the_round_by_itself_and_reopening_clears_it(wstore, monkeypatch):
    workshop, secret = wstore.create("Met klok")
    facilitation = wstore.facilitate(secret)
    timed = facilitation.start_timer(60)
    assert timed.is_open and 58 <= timed.seconds_left() <= 60
    wstore.join(workshop.id, "p1")
    later = datetime.now(timezone.utc) + timedelta(seconds=61)
    monkeypatch.setattr("dialoog.workshop.store._now", lambda: later)
    assert not wstore.workshop(workshop.id).is_open
    assert facilitation.revision()[1] == "closed"
    with pytest.raises(WorkshopClosed):
        wstore.submit(workshop.id, "p1", {"sa": {}})
    reopened = facilitation.reopen()
    assert reopened.is_open and reopened.ends_at is None
    wstore.submit(workshop.id, "p1", {"sa": {}})
    assert facilitation.counts() == (1, 1)


def test_open_questions_one_answer_each_hidden_kept_for_the_export(wstore, monkeypatch):
    workshop, secret = wstore.create("Open vragen")
    facilitation = wstore.facilitate(secret)
    first = facilitation.pose("Waarom willen wij deze dialoog?", source="1")
    for pid, text in (("p1", "Risico's  beter begrijpen"), ("p2", "<b>vertrouwen</b>")):
        wstore.answer_question(workshop.id, first.id, pid, text)
    wstore.answer_question(workshop.id, first.id, "p1", "Risico's begrijpen")  # replaces
    answers = facilitation.open_answers(first.id)
    assert [a.text for a in answers] == ["Risico's begrijpen", "<b>vertrouwen</b>"]
    facilitation.hide(answers[1])
    room = wstore.room(facilitation.room_key())
    question, shown = room.question()
    assert question.id == first.id and shown == ["Risico's begrijpen"]
    assert [a.hidden for a in facilitation.open_answers(first.id)] == [False, True]

    second = facilitation.pose("Wat heeft het opgeleverd?", seconds=30)
    assert not wstore.question(workshop.id, first.id).is_open  # one question at a time
    with pytest.raises(QuestionClosed):
        wstore.answer_question(workshop.id, first.id, "p3", "te laat")
    later = datetime.now(timezone.utc) + timedelta(seconds=31)
    monkeypatch.setattr("dialoog.workshop.questions._now", lambda: later)
    with pytest.raises(QuestionClosed):
        wstore.answer_question(workshop.id, second.id, "p1", "na de tijd")
    facilitation.reopen_question(second.id)
    wstore.answer_question(workshop.id, second.id, "p1", "weer open")
    assert [q.seq for q in facilitation.questions()] == [1, 2]
    with pytest.raises(InvalidSubmission):
        wstore.answer_question(workshop.id, second.id, "p1", "   ")


def test_forty_participants_at_once_are_each_counted_once(wstore):
    workshop, secret = wstore.create("Drukke zaal")
    barrier = threading.Barrier(40)

    def participant(i: int) -> None:
        barrier.wait()
        wstore.join(workshop.id, f"p{i}", f"Deelnemer {i}")
        wstore.submit(workshop.id, f"p{i}", {"s1": str(i % 5)})

    with ThreadPoolExecutor(40) as pool:
        list(pool.map(participant, range(40)))
    snap = wstore.facilitate(secret).snapshot()
    assert snap.joined == 40
    assert len(snap.submitted) == 40
    assert {p.answers["s1"] for p in snap.participants} == {str(i % 5) for i in range(40)}
    assert sorted(snap.pseudonyms().values()) == [f"P{i:02d}" for i in range(1, 41)]


def test_same_participant_submitting_twice_at_once_counts_once(wstore):
    workshop, secret = wstore.create("Dubbelklik")
    barrier = threading.Barrier(8)

    def click(i: int) -> None:
        barrier.wait()
        wstore.submit(workshop.id, "same", {"s1": str(i)})

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(click, range(8)))
    snap = wstore.facilitate(secret).snapshot()
    assert snap.joined == 1
    [row] = snap.submitted
    assert row.submit_count == 8
    assert row.answers["s1"] in {str(i) for i in range(8)}


def test_submissions_racing_a_close_are_either_stored_or_refused(wstore):
    workshop, secret = wstore.create("Sluiten")
    facilitation = wstore.facilitate(secret)
    barrier = threading.Barrier(21)
    outcome: dict[str, str] = {}

    def participant(i: int) -> None:
        barrier.wait()
        try:
            wstore.submit(workshop.id, f"p{i}", {"s1": "x"})
            outcome[f"p{i}"] = "stored"
        except WorkshopClosed:
            outcome[f"p{i}"] = "refused"

    def close() -> None:
        barrier.wait()
        facilitation.close()

    with ThreadPoolExecutor(21) as pool:
        futures = [pool.submit(participant, i) for i in range(20)] + [pool.submit(close)]
        for future in futures:
            future.result()
    stored = {p.participant_id for p in facilitation.snapshot().submitted}
    assert stored == {pid for pid, what in outcome.items() if what == "stored"}


class FlakyOnce:
    """Wraps a store operation so that its first attempts fail like a locked database."""

    def __init__(self, failures: int) -> None:
        self.failures = failures

    def __call__(self, *_args, **_kwargs):
        if self.failures:
            self.failures -= 1
            raise OperationalError("INSERT", {}, Exception("database is locked"))


def test_a_briefly_locked_database_is_retried(wstore, monkeypatch):
    workshop, secret = wstore.create("Sessie")
    wstore._sleep = lambda _s: None
    flaky = FlakyOnce(3)
    real = wstore._bump_open

    def bump(conn, workshop_id):
        flaky()
        real(conn, workshop_id)

    monkeypatch.setattr(wstore, "_bump_open", bump)
    wstore.submit(workshop.id, "p1", {"s1": "a"})
    assert wstore.facilitate(secret).counts() == (1, 1)


def test_a_database_that_stays_locked_is_reported_and_nothing_is_half_written(wstore, monkeypatch):
    workshop, secret = wstore.create("Sessie")
    wstore._sleep = lambda _s: None
    flaky = FlakyOnce(100)

    def failing_insert():
        flaky()

    monkeypatch.setattr(wstore, "_insert", failing_insert)
    with pytest.raises(StoreUnavailable):
        wstore.submit(workshop.id, "p1", {"s1": "a"})
    monkeypatch.undo()
    assert wstore.facilitate(secret).counts() == (0, 0)
    assert wstore.facilitate(secret).revision()[0] == 0  # the revision bump was rolled back


def test_an_unreachable_server_is_reported_as_unavailable():
    store_url = "postgresql+psycopg://postgres@127.0.0.1:1/none"
    engine = make_engine(store_url)
    with pytest.raises(StoreUnavailable):
        WorkshopStore(engine=engine, attempts=2, sleep=lambda _s: None)
    engine.dispose()


def test_default_database_is_a_wal_sqlite_file_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("DIALOOG_DATABASE_URL", raising=False)
    monkeypatch.setenv("DIALOOG_DATA_DIR", str(tmp_path))
    store = WorkshopStore(wrong_code_delay=0)
    assert store.backend == "sqlite"
    assert (tmp_path / "dialoog.sqlite").exists()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_a_database_file_of_an_earlier_version_is_used_as_it_is(tmp_path, monkeypatch):
    monkeypatch.delenv("DIALOOG_DATABASE_URL", raising=False)
    monkeypatch.setenv("DIALOOG_DATA_DIR", str(tmp_path))
    (tmp_path / "workshops.sqlite").touch()
    assert default_database_url().endswith("/workshops.sqlite")


def test_database_url_setting_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DIALOOG_DATABASE_URL", "postgres://u@db.example/dialoog")
    assert default_database_url() == "postgresql+psycopg://u@db.example/dialoog"


def test_kernels_starting_at_once_migrate_an_empty_database_once(database_url):
    engines = [make_engine(database_url) for _ in range(6)]
    barrier = threading.Barrier(len(engines))

    def start(engine):
        barrier.wait()
        return migrate(engine)

    with ThreadPoolExecutor(len(engines)) as pool:
        assert list(pool.map(start, engines)) == [SCHEMA_VERSION] * len(engines)
    store = WorkshopStore(engine=engines[0], wrong_code_delay=0)
    store.create("Na de migratie")
    for engine in engines:
        engine.dispose()


def test_a_database_of_version_two_gains_the_countdown_and_open_questions(wstore):
    workshop, secret = wstore.create("Van voor versie 3")
    with wstore.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE workshop_open_answers")
        conn.exec_driver_sql("DROP TABLE workshop_questions")
        conn.exec_driver_sql("ALTER TABLE workshops DROP COLUMN ends_at")
        conn.execute(update(schema_version).values(version=2))
    assert migrate(wstore.engine) == SCHEMA_VERSION >= 3
    facilitation = wstore.facilitate(secret)
    assert facilitation.workshop().title == "Van voor versie 3"
    assert facilitation.start_timer(30).seconds_left() > 0
    assert facilitation.pose("Nog een vraag?").seq == 1


def test_a_database_of_version_four_gains_drafts_and_approve_first(wstore):
    workshop, secret = wstore.create("Van voor versie 5")
    wstore.join(workshop.id, "p1", "Anna")
    with wstore.engine.begin() as conn:
        for table, column in (("workshops", "moderated"), ("workshop_participants", "draft"),
                              ("workshop_participants", "screen"),
                              ("workshop_participants", "seen_at"),
                              ("workshop_open_answers", "released")):  # fmt: skip
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.execute(update(schema_version).values(version=4))
    assert migrate(wstore.engine) == SCHEMA_VERSION
    facilitation = wstore.facilitate(secret)
    assert facilitation.workshop().moderated is False
    assert wstore.save_draft(workshop.id, "p1", {"selfassessment": {"a": "b"}}, 2)
    me = wstore.participant(workshop.id, "p1")
    assert (me.name, me.draft, me.screen) == ("Anna", {"selfassessment": {"a": "b"}}, 2)
    question = facilitation.pose("Nog een vraag?")
    wstore.answer_question(workshop.id, question.id, "p1", "ja")
    assert facilitation.room().question()[1] == ["ja"]  # released: the session does not moderate
