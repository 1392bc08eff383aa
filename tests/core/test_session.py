"""One page's workbook: edits go through the session, are saved, merged with other pages'
saves, resumed by link, and a failure never costs work."""

from __future__ import annotations

import time

import pytest

from dialoog import api
from dialoog.model import Workbook
from dialoog.problems import Problem
from dialoog.session import Session, open_session
from dialoog.storage import WorkbookFileError, dumps
from dialoog.workbook_store import SaveUnavailable, WorkbookStore

pytestmark = pytest.mark.usefixtures("outside_voila")


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


class FailingStore(WorkbookStore):
    """A store whose saves fail until told otherwise (a database that is down)."""

    down = True

    def commit(self, *args, **kwargs):
        if self.down:
            raise SaveUnavailable("database is down")
        return super().commit(*args, **kwargs)


def saved(session: Session) -> Session:
    session.save_now()
    return session


def test_set_answer_then_flush_saves_it_in_the_store(session, store):
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


def test_a_failing_save_says_it_retries_keeps_the_work_and_saves_it_later(tmp_path, content):
    store = FailingStore(f"sqlite:///{tmp_path / 'down.sqlite'}")
    session = Session(store=store, content=content, autosave_delay=60)
    session.set_answer("1", "motivation", "eerste")
    session.flush()  # the first save creates the workbook: that still works
    session.set_answer("1", "motivation", "niet kwijtraken")
    session.flush()
    assert session.save_state == "retrying"
    assert session.answer("1", "motivation") == "niet kwijtraken"
    store.down = False
    wait_until(lambda: session.save_state == "saved", timeout=5)
    assert store.load(session.token).answer("1", "motivation") == "niet kwijtraken"


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
    with pytest.raises(WorkbookFileError):
        session.open_file(dumps(Workbook()).encode())
    assert session.workbook.answers == {} and session.revision == 0


def test_autosave_cannot_starve_while_someone_keeps_typing(store, content):
    saves = []
    session = Session(store=store, content=content, autosave_delay=0.3, autosave_max_wait=0.6)
    session.autosaver._save = lambda: saves.append(time.monotonic())
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
    session.set_answer("1", "motivation", "x")
    session.language = "en"
    assert session.workbook.language == "en"
    session.flush()
    assert store.load(session.token).language == "en"


def test_a_session_takes_its_language_from_the_workbook(content):
    assert Session(Workbook(language="en"), content=content).language == "en"


def test_open_session_resumes_the_saved_workbook_by_link(store, content):
    first = open_session(store=store, content=content)
    first.set_answer("6", "why_collaborate", "Samen sterker")
    first.flush()
    again = open_session(token=first.token, store=store, content=content)
    assert again.token == first.token
    assert again.answer("6", "why_collaborate") == "Samen sterker"


def test_a_new_workbook_is_stored_only_once_something_is_typed(store, content):
    session = open_session(store=store, content=content)
    assert not store.exists(session.token)
    session.set_answer("1", "motivation", "nu wel")
    session.flush()
    assert store.exists(session.token)


def test_a_remembered_local_workbook_that_is_gone_starts_a_new_one(store, content):
    from dialoog.storage import remember_local

    remember_local("G" * 32)  # a workbook of another database, or one removed since
    session = open_session(store=store, content=content)
    assert session.access_problem == "" and not session.read_only
    session.set_answer("1", "motivation", "opnieuw begonnen")
    session.flush()
    assert store.load(session.token).answer("1", "motivation") == "opnieuw begonnen"


def test_open_session_outside_voila_resumes_the_local_workbook(store, content):
    first = open_session(store=store, content=content)
    first.set_answer("1", "motivation", "lokaal")
    first.flush()
    again = open_session(store=store, content=content)
    assert again.token == first.token
    assert again.answer("1", "motivation") == "lokaal"


@pytest.mark.parametrize("token", ["U" * 30, "../../etc/passwd", "kort", "a" * 30 + "\n", ""])
def test_an_unknown_or_malformed_link_opens_nothing_says_so_and_stores_nothing(
    store, content, token
):
    session = open_session(token=token, store=store, content=content)
    assert session.access_problem == "store.unknown_link"
    assert session.read_only and session.store is None
    assert session.set_answer("1", "motivation", "x") is not None  # refused
    session.flush()
    assert not store.exists(token) and not store.exists(session.token)


def test_a_revoked_link_opens_nothing_and_says_why(store, content):
    owner = saved(open_session(store=store, content=content))
    owner.set_answer("1", "motivation", "geheim")
    owner.flush()
    token = store.create_link(owner.access, "edit", "Inkoop")
    link = next(x for x in store.links(owner.access) if x.label == "Inkoop")
    store.revoke(owner.access, link.id)
    session = open_session(token=token, store=store, content=content)
    assert session.access_problem == "store.revoked_link"
    assert session.read_only and session.answer("1", "motivation") is None


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


# -- two pages on one workbook ----------------------------------------------------------------


def two_pages(store, content) -> tuple[Session, Session]:
    first = open_session(store=store, content=content, autosave_delay=60)
    first.set_answer("1", "motivation", "begin")
    first.flush()
    second = open_session(token=first.token, store=store, content=content, autosave_delay=60)
    return first, second


def test_two_pages_typing_in_different_fields_both_keep_their_text(store, content):
    a, b = two_pages(store, content)
    a.set_answer("1", "value_company", "van A")
    b.set_answer("1", "value_stakeholders", "van B")
    a.flush()
    b.flush()  # B started from the revision before A's save: the store merges
    assert b.answer("1", "value_company") == "van A"  # B's page shows A's field too
    fresh = store.load(a.token)
    assert fresh.answer("1", "value_company") == "van A"
    assert fresh.answer("1", "value_stakeholders") == "van B"
    heard = []
    a.watch(heard.append, "answers:1")
    assert a.sync()  # A catches up without a reload
    assert a.answer("1", "value_stakeholders") == "van B"
    assert [c.remote for c in heard] == [True]


def test_the_same_field_is_won_by_the_later_save_and_both_pages_are_told(store, content):
    a, b = two_pages(store, content)
    a.set_answer("1", "motivation", "tekst van A")
    b.set_answer("1", "motivation", "tekst van B")
    a.flush()
    b.flush()
    assert store.load(a.token).answer("1", "motivation") == "tekst van B"
    (told_b,) = b.notices
    assert told_b.kind == "kept" and told_b.conflict.replaced == "tekst van A"
    a.sync()
    (told_a,) = a.notices
    assert told_a.kind == "replaced" and told_a.conflict.key == "answers/1/motivation"
    assert a.answer("1", "motivation") == "tekst van B"
    texts = [r.changes.get("answers/1/motivation") for r in store.history(a.access)]
    assert ["begin", "tekst van A"] in texts and ["tekst van A", "tekst van B"] in texts


def test_a_page_that_is_typing_keeps_its_unsaved_text_when_another_saves(store, content):
    a, b = two_pages(store, content)
    b.set_answer("2", "owner", "nog niet bewaard")
    a.set_answer("2", "owner", "van A")
    a.flush()
    b.autosaver._timer = None  # as if B's save had not started yet
    b.sync()
    assert b.answer("2", "owner") == "nog niet bewaard"


def test_stakeholders_added_on_two_pages_are_both_kept(store, content):
    from dialoog.stakeholders import api as sh

    a, b = two_pages(store, content)
    a.edit("stakeholders", sh.add, {"name": "Naaisters"})
    b.edit("stakeholders", sh.add, {"name": "Vakbond"})
    a.flush()
    b.flush()
    a.sync()
    names = [s.name for s in store.load(a.token).stakeholders]
    assert names == ["Naaisters", "Vakbond"]
    assert [s.name for s in a.workbook.stakeholders] == names
    assert [s.name for s in b.workbook.stakeholders] == names


def test_a_read_only_link_sees_everything_and_saves_nothing(store, content):
    owner, _ = two_pages(store, content)
    token = store.create_link(owner.access, "read", "Manager")
    reader = open_session(token=token, store=store, content=content)
    assert reader.read_only and reader.answer("1", "motivation") == "begin"
    assert reader.set_answer("1", "motivation", "anders").key == "edit.read_only"
    owner.set_answer("1", "motivation", "verder")
    owner.flush()
    reader.sync()
    assert reader.answer("1", "motivation") == "verder"  # live in the reader's page too
