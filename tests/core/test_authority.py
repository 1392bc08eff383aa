"""Authority lives in the store and is asked at every write: a link revoked or made read-only
while its page is open writes nothing more, reads nothing more, and its page says so within one
sync tick; nobody revokes the owner's link, only the owner replaces it; a link that opens
nothing never stores anything. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dialoog.db import make_engine
from dialoog.session import Session, open_session
from dialoog.workbook_store import (
    OwnerLink,
    ReadOnly,
    RevokedLink,
    WorkbookStore,
    links,
    workbooks,
)

pytestmark = pytest.mark.usefixtures("outside_voila")


@pytest.fixture
def wb_store(database_url):
    engine = make_engine(database_url)
    yield WorkbookStore(engine=engine)
    engine.dispose()


def page(store: WorkbookStore, token: str | None, content) -> Session:
    """A page opened with a link (no live thread: the test calls `sync` as the tick would)."""
    return open_session(token=token, store=store, content=content)


def owner_page(store, content) -> Session:
    owner = page(store, None, content)
    owner.set_answer("1", "motivation", "begin")
    owner.flush()
    return owner


def revoke(store: WorkbookStore, owner: Session, label: str) -> None:
    link = next(x for x in store.links(owner.access) if x.label == label)
    store.revoke(owner.access, link.id)


def revision(store: WorkbookStore, owner: Session) -> int:
    return store.status(owner.access).revision


def count_workbooks(store: WorkbookStore) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(workbooks)).scalar()


def test_an_editor_revoked_while_its_page_is_open_saves_nothing_and_its_page_closes(
    wb_store, content
):
    owner = owner_page(wb_store, content)
    editor = page(wb_store, wb_store.create_link(owner.access, "edit", "Inkoop"), content)
    assert editor.access_problem == "" and not editor.read_only
    revoke(wb_store, owner, "Inkoop")
    before = revision(wb_store, owner)
    editor.set_answer("1", "motivation", "na het intrekken")  # the page did not know yet
    editor.flush()
    assert revision(wb_store, owner) == before
    assert wb_store.load(owner.token).answer("1", "motivation") == "begin"
    assert editor.access_problem == "store.revoked_link" and editor.read_only
    assert editor.set_answer("1", "motivation", "nog eens") is not None


def test_a_revoked_reader_learns_it_at_the_next_tick_and_receives_nothing_more(wb_store, content):
    owner = owner_page(wb_store, content)
    reader = page(wb_store, wb_store.create_link(owner.access, "read", "Manager"), content)
    owner.set_answer("1", "motivation", "eerste versie")
    owner.flush()
    assert reader.sync() and reader.answer("1", "motivation") == "eerste versie"
    revoke(wb_store, owner, "Manager")
    owner.set_answer("1", "motivation", "geheim na het intrekken")
    owner.flush()
    assert not reader.sync()
    assert reader.access_problem == "store.revoked_link"
    assert reader.answer("1", "motivation") == "eerste versie"
    assert not reader.sync()  # and nothing after that either
    with pytest.raises(RevokedLink):
        wb_store.since(reader.access, 1)
    with pytest.raises(RevokedLink):
        wb_store.history(reader.access)
    with pytest.raises(RevokedLink):
        wb_store.state_at(reader.access, 1)


def test_a_revoked_link_can_neither_make_nor_revoke_links_nor_restore(wb_store, content):
    owner = owner_page(wb_store, content)
    editor = page(wb_store, wb_store.create_link(owner.access, "edit", "Inkoop"), content)
    wb_store.create_link(owner.access, "read", "Auditor")
    revoke(wb_store, owner, "Inkoop")
    with pytest.raises(RevokedLink):
        wb_store.create_link(editor.access, "edit", "Achterdeur")
    auditor = next(x for x in wb_store.links(owner.access) if x.label == "Auditor")
    with pytest.raises(RevokedLink):
        wb_store.revoke(editor.access, auditor.id)
    assert editor.restore_revision(1) is not None
    assert [x.label for x in wb_store.links(owner.access)] == ["Eigenaar", "Inkoop", "Auditor"]
    assert not next(x for x in wb_store.links(owner.access) if x.label == "Auditor").revoked


def test_nobody_revokes_the_owners_link(wb_store, content):
    owner = owner_page(wb_store, content)
    editor = page(wb_store, wb_store.create_link(owner.access, "edit", "Inkoop"), content)
    with pytest.raises(OwnerLink):
        wb_store.revoke(editor.access, owner.access.link_id)
    assert wb_store.load(owner.token).answer("1", "motivation") == "begin"
    owner.set_answer("1", "motivation", "nog steeds van mij")
    owner.flush()
    assert owner.save_state == "saved"


def test_a_reading_link_cannot_make_links_and_sees_only_its_own(wb_store, content):
    owner = owner_page(wb_store, content)
    reader = page(wb_store, wb_store.create_link(owner.access, "read", "Manager"), content)
    with pytest.raises(ReadOnly):
        wb_store.create_link(reader.access, "read", "ook ik")
    assert [x.label for x in wb_store.links(reader.access)] == ["Manager"]


def test_only_the_owner_replaces_the_owners_link_and_the_old_one_opens_nothing(wb_store, content):
    owner = owner_page(wb_store, content)
    old = owner.token
    editor = page(wb_store, wb_store.create_link(owner.access, "edit", "Inkoop"), content)
    with pytest.raises(OwnerLink):
        wb_store.replace_owner_link(editor.access)
    new = owner.replace_own_link()
    assert new != old and owner.token == new and owner.access.owner
    with pytest.raises(RevokedLink):
        wb_store.open(old)
    owner.set_answer("1", "motivation", "onder de nieuwe link")
    owner.flush()
    assert wb_store.load(new).answer("1", "motivation") == "onder de nieuwe link"
    assert editor.sync() and editor.answer("1", "motivation") == "onder de nieuwe link"
    (mine,) = [x for x in wb_store.links(owner.access) if x.owner]
    assert mine.id == owner.access.link_id and not mine.revoked


def test_a_tab_on_the_old_owner_link_closes_after_the_owner_replaced_it(wb_store, content):
    owner = owner_page(wb_store, content)
    second_tab = page(wb_store, owner.token, content)
    owner.replace_own_link()
    second_tab.sync()
    assert second_tab.access_problem == "store.revoked_link"


def test_presence_counts_neither_revoked_links_nor_pages_not_heard_from(wb_store, content):
    owner = owner_page(wb_store, content)
    reader = wb_store.access(wb_store.create_link(owner.access, "read", "Manager"))
    wb_store.here(reader, "page-reader")
    assert [p.label for p in wb_store.here(owner.access, "page-owner")] == ["Manager"]
    revoke(wb_store, owner, "Manager")
    assert wb_store.here(owner.access, "page-owner") == []
    # a page in Voilà is counted only from the server's heartbeats (`heard_from`)
    editor = wb_store.access(wb_store.create_link(owner.access, "edit", "Inkoop"))
    wb_store.here(editor, "page-editor", heard=False)
    assert [p.label for p in wb_store.here(owner.access, "page-owner")] == ["Inkoop"]
    with wb_store.engine.begin() as conn:  # its browser went away: no beat for a minute
        from datetime import datetime, timedelta, timezone

        from dialoog.workbook_store import presence

        old = datetime.now(timezone.utc) - timedelta(minutes=1)
        conn.execute(presence.update().where(presence.c.page == "page-editor").values(seen_at=old))
    wb_store.here(editor, "page-editor", heard=False)  # its kernel still runs and asks
    assert wb_store.here(owner.access, "page-owner") == []
    assert wb_store.heard_from(["page-editor"]) == 1  # the page beats again
    assert [p.label for p in wb_store.here(owner.access, "page-owner")] == ["Inkoop"]


def test_a_link_that_opens_nothing_stores_nothing_whatever_the_page_does(wb_store, content):
    owner = owner_page(wb_store, content)
    before = count_workbooks(wb_store)
    for token in (owner.token[:-1], owner.token[:-6], owner.token + "x", "x" * 32, "%%%"):
        session = page(wb_store, token, content)
        assert session.access_problem == "store.unknown_link"
        session.set_answer("1", "motivation", "zou nergens heen mogen")
        session.save_now()
    assert count_workbooks(wb_store) == before


def test_an_owner_link_is_marked_when_a_workbook_is_made(wb_store, content):
    owner = owner_page(wb_store, content)
    with wb_store.engine.connect() as conn:
        rows = conn.execute(select(links.c.label, links.c.owner)).all()
    assert [(r.label, bool(r.owner)) for r in rows] == [("Eigenaar", True)]
    assert owner.access.owner


def test_an_upgraded_database_marks_each_workbooks_first_link_as_the_owners(database_url):
    """A database of the previous release (schema 3: no owner column, no link in presence)."""
    from sqlalchemy import delete, text, update

    from dialoog.db import SCHEMA_VERSION, migrate, schema_version
    from dialoog.model import Workbook
    from dialoog.workbook_store import revisions

    engine = make_engine(database_url)
    store = WorkbookStore(engine=engine)
    first = store.create(Workbook(), label="Eigenaar")
    first_access = store.access(first)
    store.create_link(first_access, "edit", "Later")
    second = store.create(Workbook(), label="Eigenaar")
    second_access = store.access(second)
    store.create_link(second_access, "edit", "Inkoop")
    with engine.begin() as conn:  # the second's first revision was thinned away long ago
        conn.execute(delete(revisions).where(revisions.c.workbook_id == second_access.workbook_id))
        conn.execute(text("ALTER TABLE workbook_links DROP COLUMN owner"))
        conn.execute(text("ALTER TABLE workbook_presence DROP COLUMN link_id"))
        conn.execute(update(schema_version).values(version=3))
    assert migrate(engine) == SCHEMA_VERSION
    with engine.connect() as conn:
        owners = {r.workbook_id: r.label for r in conn.execute(
            select(links.c.workbook_id, links.c.label).where(links.c.owner))}  # fmt: skip
    assert owners == {first_access.workbook_id: "Eigenaar", second_access.workbook_id: "Eigenaar"}
    assert store.open(first).access.owner and not store.open(first).workbook.answers
    engine.dispose()
