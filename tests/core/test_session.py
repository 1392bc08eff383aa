"""One visitor's workbook: edits are saved, resumed by token, and bad files never cost work."""

from __future__ import annotations

import time

import pytest

from dialoog.model import Workbook
from dialoog.session import Session, open_session
from dialoog.storage import Store, WorkbookFileError, dumps


@pytest.fixture(autouse=True)
def outside_voila(monkeypatch):
    for name in ("VOILA_PREHEAT", "SERVER_SOFTWARE", "QUERY_STRING"):
        monkeypatch.delenv(name, raising=False)


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


class BrokenStore(Store):
    def save(self, token, workbook):
        raise OSError("disk full")


def test_set_answer_then_flush_writes_the_file(session, store):
    session.set_answer("1", "motivation", "Wij willen leren.")
    session.flush()
    assert store.load(session.token).answer("1", "motivation") == "Wij willen leren."


def test_autosave_happens_by_itself_after_a_change(session, store):
    session.set_answer("2", "owner", "Fatima")
    wait_until(lambda: session.save_state == "saved")
    assert store.load(session.token).answer("2", "owner") == "Fatima"
    assert session.saved_at


def test_save_state_goes_from_pending_to_saved(store, content):
    session = Session(store=store, content=content, autosave_delay=60)
    assert session.save_state == "idle"
    session.set_answer("1", "motivation", "x")
    assert session.save_state == "pending"
    session.flush()
    assert session.save_state == "saved"


def test_a_failing_autosave_shows_error_and_keeps_the_work(tmp_path, content):
    session = Session(store=BrokenStore(tmp_path), content=content, autosave_delay=60)
    session.set_answer("1", "motivation", "niet kwijtraken")
    session.flush()
    assert session.save_state == "error"
    assert session.answer("1", "motivation") == "niet kwijtraken"


def test_changed_bumps_revision(session):
    before = session.revision
    session.workbook.organisation.name = "Bakkerij"
    session.changed()
    assert session.revision == before + 1


def test_setting_the_same_answer_again_is_not_a_change(session):
    session.set_answer("1", "motivation", "x")
    revision = session.revision
    session.set_answer("1", "motivation", "x")
    assert session.revision == revision


def test_session_without_a_store_never_saves(content):
    session = Session(content=content)
    session.set_answer("1", "motivation", "x")
    assert session.save_state == "idle"
    assert not session.autosaver.pending


def test_language_switch_updates_the_workbook_and_is_saved(session, store):
    session.language = "en"
    assert session.workbook.language == "en"
    session.flush()
    assert store.load(session.token).language == "en"


def test_a_session_takes_its_language_from_the_workbook(content):
    assert Session(Workbook(language="en"), content=content).language == "en"


def test_open_session_resumes_the_saved_workbook_by_token(store, content):
    first = open_session(store=store, content=content)
    first.set_answer("6", "why_collaborate", "Samen sterker")
    first.flush()
    again = open_session(token=first.token, store=store, content=content)
    assert again.token == first.token
    assert again.answer("6", "why_collaborate") == "Samen sterker"


def test_open_session_outside_voila_resumes_the_local_workbook(store, content):
    first = open_session(store=store, content=content)
    first.set_answer("1", "motivation", "lokaal")
    first.flush()
    again = open_session(store=store, content=content)
    assert again.token == first.token
    assert again.answer("1", "motivation") == "lokaal"


def test_an_unknown_token_starts_a_new_workbook_under_a_new_token(store, content):
    unknown = "U" * 30
    session = open_session(token=unknown, store=store, content=content)
    assert session.token != unknown
    assert session.workbook.answers == {}
    session.set_answer("1", "motivation", "x")
    session.flush()
    assert not store.exists(unknown)


@pytest.mark.parametrize("token", ["../../etc/passwd", "kort", "a" * 30 + "\n"])
def test_an_invalid_token_starts_a_new_workbook(store, content, token):
    session = open_session(token=token, store=store, content=content)
    assert session.token != token
    store.path(session.token)  # a valid token


def test_a_corrupt_autosave_starts_a_new_workbook_and_is_not_overwritten(store, content):
    token = "C" * 30
    store.folder.mkdir(parents=True)
    corrupt = b'{"format": "dialoog-workbook", "schema_version": 1, "answers": {"1": '
    store.path(token).write_bytes(corrupt)
    session = open_session(token=token, store=store, content=content)
    assert session.token != token
    session.set_answer("1", "motivation", "nieuw werk")
    session.flush()
    assert store.path(token).read_bytes() == corrupt
    assert store.load(session.token).answer("1", "motivation") == "nieuw werk"


def test_open_file_replaces_the_workbook(session, store):
    other = Workbook(language="en")
    other.set_answer("9b", "lessons", "veel geleerd")
    session.open_file(dumps(other).encode())
    assert session.answer("9b", "lessons") == "veel geleerd"
    assert session.language == "en"
    session.flush()
    assert store.load(session.token).answer("9b", "lessons") == "veel geleerd"


@pytest.mark.parametrize(
    "data", [b"\x00\xff garbage", b"[]", b'{"format": "dialoog-workbook", "schema_version": 99}']
)
def test_open_file_with_bad_bytes_leaves_the_current_workbook_untouched(session, data):
    session.set_answer("1", "motivation", "mijn werk")
    workbook, revision = session.workbook, session.revision
    snapshot = workbook.model_dump()
    with pytest.raises(WorkbookFileError):
        session.open_file(data)
    assert session.workbook is workbook
    assert session.workbook.model_dump() == snapshot
    assert session.revision == revision
