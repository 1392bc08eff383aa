"""One visitor's workbook: edits are saved, resumed by token, and bad files never cost work."""

from __future__ import annotations

import time

import pytest

from dialoog import api
from dialoog.model import Workbook
from dialoog.problems import Problem
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


def test_an_edit_applies_the_operation_and_tells_only_those_who_watch_that_part(session):
    heard: dict[str, list] = {"organisation": [], "answers:1": [], "answers:2": [], "all": []}
    session.watch(heard["organisation"].append, "organisation")
    session.watch(heard["answers:1"].append, "answers:1")
    session.watch(heard["answers:2"].append, "answers:2")
    session.watch(heard["all"].append, "answers")
    before = session.revision
    assert session.edit("organisation", api.set_organisation, "name", "Bakkerij") is None
    assert session.workbook.organisation.name == "Bakkerij"
    assert session.revision == before + 1
    session.set_answer("1", "motivation", "leren")
    assert [c.section for c in heard["organisation"]] == ["organisation"]
    assert [(c.form, c.field) for c in heard["answers:1"]] == [("1", "motivation")]
    assert heard["answers:2"] == [] and len(heard["all"]) == 1


def test_an_operation_that_returns_a_problem_changes_nothing(session):
    revision = session.revision
    problem = session.edit("organisation", api.set_organisation, "name", "x" * 301)
    assert isinstance(problem, Problem)
    assert problem.message("nl") == "Naam: de tekst is te lang (hoogstens 300 tekens)."
    assert session.workbook.organisation.name == "" and session.revision == revision


def test_a_new_workbook_reaches_every_watcher(session):
    heard = []
    session.watch(heard.append, "stakeholders")
    session.open_file(dumps(Workbook()).encode())
    assert [c.section for c in heard] == ["workbook"]


def test_a_read_only_session_refuses_every_edit(session):
    session.read_only = True
    assert session.set_answer("1", "motivation", "x").key == "edit.read_only"
    assert session.edit("organisation", api.set_organisation, "name", "x").key == ("edit.read_only")
    assert session.workbook.answers == {} and session.revision == 0


def test_autosave_cannot_starve_while_someone_keeps_typing(store, content):
    saves = []
    session = Session(store=store, content=content, autosave_delay=0.3, autosave_max_wait=0.6)
    session._save = lambda: saves.append(time.monotonic())  # noqa: SLF001 (count the saves)
    session.autosaver._save = session._save
    start = time.monotonic()
    for i in range(30):  # a keystroke every 0.05 s for 1.5 s: the debounce alone never fires
        session.set_answer("1", "motivation", "x" * (i + 1))
        time.sleep(0.05)
    assert saves, "nothing was saved while typing"
    assert saves[0] - start < 0.9  # within the maximum wait (plus a margin for a slow machine)


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
