"""Workbooks in the shared database, on SQLite and PostgreSQL: revisions, merges, links,
history, and the files of earlier versions."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text

from dialoog.db import make_engine
from dialoog.model import Workbook
from dialoog.stakeholders.record import Stakeholder
from dialoog.storage import dumps
from dialoog.workbook_store import (
    ReadOnly,
    RevokedLink,
    StaleBase,
    UnknownLink,
    WorkbookStore,
    revisions,
    units,
)


@pytest.fixture
def wb_store(database_url):
    engine = make_engine(database_url)
    yield WorkbookStore(engine=engine)
    engine.dispose()


def new(store: WorkbookStore, **answers) -> tuple[str, object]:
    workbook = Workbook()
    for key, value in answers.items():
        workbook.set_answer("1", key, value)
    token = store.create(workbook, label="Eigenaar")
    return token, store.access(token)


def test_a_workbook_is_stored_and_opened_by_its_link(wb_store):
    token, access = new(wb_store, motivation="leren")
    opened = wb_store.open(token)
    assert opened.workbook.answer("1", "motivation") == "leren"
    assert opened.revision == 1 and access.role == "edit" and access.label == "Eigenaar"


@pytest.mark.parametrize("token", [None, "", "kort", "../" + "a" * 30, "a" * 30 + "\n", "ä" * 30])
def test_a_token_of_the_wrong_shape_opens_nothing(wb_store, token):
    with pytest.raises(UnknownLink):
        wb_store.open(token)


def test_a_save_merges_with_what_others_saved_since_its_base(wb_store):
    _token, access = new(wb_store, motivation="begin")
    first = wb_store.commit(access, 1, {"answers/1/value_company": "A"}, page="a")
    second = wb_store.commit(access, 1, {"answers/1/value_stakeholders": "B"}, page="b")
    assert (first.revision, second.revision) == (2, 3)
    assert second.others == {"answers/1/value_company": "A"} and second.conflicts == ()
    state = wb_store.state_at(access, 3)
    assert state["answers/1/value_company"] == "A" and state["answers/1/value_stakeholders"] == "B"


def test_the_same_unit_is_won_by_the_later_save_and_the_conflict_is_recorded(wb_store):
    _token, access = new(wb_store, motivation="begin")
    wb_store.commit(access, 1, {"answers/1/motivation": "A"}, page="a")
    later = wb_store.commit(access, 1, {"answers/1/motivation": "B"}, page="b")
    (conflict,) = later.conflicts
    assert (conflict.replaced, conflict.kept, conflict.page) == ("A", "B", "a")
    since = wb_store.since(access, 2)
    assert [c.page for c in since.conflicts] == ["a"]  # page a learns its text was replaced
    history = wb_store.history(access)
    assert history[0].changes["answers/1/motivation"] == ["A", "B"]
    assert history[0].conflicts["answers/1/motivation"]["value"] == "A"


def test_lists_merge_per_item_and_keep_both_orders(wb_store):
    token, access = new(wb_store)
    a, b = (
        Stakeholder(name="A").model_dump(mode="json"),
        Stakeholder(name="B").model_dump(mode="json"),
    )
    wb_store.commit(access, 1, {f"stakeholders/{a['id']}": a, "stakeholders/@order": [a["id"]]})
    merged = wb_store.commit(
        access, 1, {f"stakeholders/{b['id']}": b, "stakeholders/@order": [b["id"]]}
    )
    assert merged.others["stakeholders/@order"] == [a["id"], b["id"]]
    assert [s.name for s in wb_store.load(token).stakeholders] == ["A", "B"]


@pytest.mark.parametrize("base", [0, 5, -1])
def test_a_stale_or_forged_base_revision_is_refused_and_nothing_changes(wb_store, base):
    token, access = new(wb_store, motivation="begin")
    with pytest.raises(StaleBase):
        wb_store.commit(access, base, {"answers/1/motivation": "vervalst"})
    assert wb_store.load(token).answer("1", "motivation") == "begin"


def test_a_read_only_link_cannot_save_or_manage_links(wb_store):
    token, access = new(wb_store, motivation="begin")
    reader = wb_store.access(wb_store.create_link(access, "read", "Auditor"))
    assert reader.role == "read"
    with pytest.raises(ReadOnly):
        wb_store.commit(reader, 1, {"answers/1/motivation": "anders"})
    with pytest.raises(ReadOnly):
        wb_store.create_link(reader, "edit", "ik ook")
    assert wb_store.load(token).answer("1", "motivation") == "begin"


def test_a_revoked_link_opens_nothing_and_the_others_still_work(wb_store):
    token, access = new(wb_store)
    other = wb_store.create_link(access, "edit", "Inkoop")
    link = next(x for x in wb_store.links(access) if x.label == "Inkoop")
    wb_store.revoke(access, link.id)
    with pytest.raises(RevokedLink):
        wb_store.open(other)
    assert wb_store.open(token).access.link_id == access.link_id
    assert [x.revoked for x in wb_store.links(access)] == [False, True]


def test_a_copy_of_the_database_holds_no_usable_token(wb_store):
    token, access = new(wb_store, motivation="x")
    extra = wb_store.create_link(access, "read", "Lezer")
    with wb_store.engine.connect() as conn:
        tables = [r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table'" if wb_store.backend == "sqlite"
            else "SELECT tablename FROM pg_tables WHERE schemaname='public'"
        ))]  # fmt: skip
        dump = " ".join(
            str(row) for table in tables for row in conn.execute(text(f'SELECT * FROM "{table}"'))
        )
    assert token not in dump and extra not in dump
    assert len(dump) > 100  # the scan read the tables


def test_a_one_field_change_in_a_large_workbook_writes_one_unit(wb_store):
    workbook = Workbook(stakeholders=[Stakeholder(name=f"S{i}", notes="x" * 800)
                                      for i in range(2000)])  # fmt: skip
    token = wb_store.create(workbook)
    access = wb_store.access(token)
    wb_store.commit(access, 1, {"answers/1/motivation": "één veld"})
    (latest, *_rest) = wb_store.history(access, limit=1)
    assert list(latest.changes) == ["answers/1/motivation"]
    with wb_store.engine.connect() as conn:
        size = conn.execute(
            select(revisions.c.changes).where(revisions.c.number == 2,
                                              revisions.c.workbook_id == access.workbook_id)
        ).scalar()  # fmt: skip
        count = conn.execute(
            select(units.c.key).where(units.c.workbook_id == access.workbook_id)
        ).all()
    assert len(size) < 200 and len(count) == 2006  # 2000 stakeholders, their order, the answer,
    # the current assessment and three details of the workbook itself


def test_any_revision_can_be_seen_and_restored_as_a_new_revision(wb_store):
    token, access = new(wb_store, motivation="eerste")
    wb_store.commit(access, 1, {"answers/1/motivation": "tweede"})
    wb_store.commit(access, 2, {"answers/1/motivation": "derde", "organisation/name": "BV"})
    assert wb_store.state_at(access, 1)["answers/1/motivation"] == "eerste"
    assert "organisation/name" not in wb_store.state_at(access, 2)


def test_old_revisions_are_thinned_to_one_a_day(wb_store):
    _token, access = new(wb_store, motivation="0")
    for i in range(1, 5):
        wb_store.commit(access, i, {"answers/1/motivation": str(i)})
    old = datetime.now(timezone.utc) - timedelta(days=40)
    with wb_store.engine.begin() as conn:
        conn.execute(revisions.update().values(at=old))
    assert wb_store.thin(access.workbook_id) == 4
    (kept,) = wb_store.history(access)
    assert kept.kind == "thinned" and kept.changes["answers/1/motivation"] == [None, "4"]
    assert wb_store.state_at(access, kept.number)["answers/1/motivation"] == "4"


def test_autosaved_files_of_an_earlier_version_are_imported_once_and_kept_until_then(
    wb_store, tmp_path
):
    folder = tmp_path / "workbooks"
    folder.mkdir()
    old = Workbook()
    old.set_answer("1", "motivation", "uit een bestand")
    token = "F" * 32
    (folder / f"{token}.json").write_text(dumps(old), encoding="utf-8")
    (folder / f"{'C' * 32}.json").write_text('{"format": "dialoog-workbook"', encoding="utf-8")
    assert wb_store.import_files(folder) == 1
    assert wb_store.load(token).answer("1", "motivation") == "uit een bestand"  # the old link
    assert (folder / "imported" / f"{token}.json").exists()
    assert (folder / f"{'C' * 32}.json").exists()  # unreadable: kept where it was
    assert wb_store.import_files(folder) == 0


def test_who_else_has_the_workbook_open(wb_store):
    token, access = new(wb_store)
    reader = wb_store.access(wb_store.create_link(access, "read", "Manager"))
    assert wb_store.here(access, "page-a") == []
    assert [(p.label, p.role) for p in wb_store.here(reader, "page-b")] == [("Eigenaar", "edit")]
    assert [(p.label, p.role) for p in wb_store.here(access, "page-a")] == [("Manager", "read")]
    wb_store.leave(reader, "page-b")
    assert wb_store.here(access, "page-a") == []


def test_a_locked_database_is_retried_then_reported(tmp_path):
    from sqlalchemy.exc import OperationalError

    calls = []
    store = WorkbookStore(f"sqlite:///{tmp_path / 'x.sqlite'}", sleep=calls.append)

    def locked():
        calls.append("try")
        raise OperationalError("BEGIN", {}, Exception("database is locked"))

    from dialoog.workbook_store import SaveUnavailable

    with pytest.raises(SaveUnavailable):
        store._retrying(locked)
    assert calls.count("try") == store.attempts and len(calls) == 2 * store.attempts - 1


def test_the_changes_are_json_in_the_database(wb_store):
    _token, access = new(wb_store, motivation="x")
    with wb_store.engine.connect() as conn:
        raw = conn.execute(select(revisions.c.changes).where(
            revisions.c.workbook_id == access.workbook_id)).scalar()  # fmt: skip
    assert json.loads(raw)["answers/1/motivation"] == [None, "x"]
