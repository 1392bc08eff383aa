"""Sharing, history, conflicts and read-only pages, driven as a user would."""

from __future__ import annotations

import ipywidgets as w
import pytest

from dialoog.session import open_session
from dialoog.ui.lock import INPUTS, VIEW
from dialoog.views.app import WorkbookApp

pytestmark = pytest.mark.usefixtures("outside_voila")


@pytest.fixture
def owner(store, content):
    session = open_session(store=store, content=content, autosave_delay=60)
    session.set_answer("1", "motivation", "begin")
    session.flush()
    return session


def inputs(root) -> list:
    out, stack = [], [root]
    while stack:
        widget = stack.pop()
        if isinstance(widget, INPUTS):
            out.append(widget)
        stack.extend(getattr(widget, "children", ()) or ())
    return out


def test_an_edit_link_made_on_the_share_page_opens_the_workbook(owner, store, content):
    app = WorkbookApp(owner)
    app.show("share")
    panel = app.page_widget("share")
    panel.create.click()
    assert "naam" in panel.notice.text  # a link needs a name
    panel.label.value = "Inkoop <b>"
    panel.role.value = "edit"
    panel.create.click()
    assert "Inkoop &lt;b&gt;" in panel.new_link.value and "werkboek=" in panel.new_link.value
    token = panel.new_link.value.split("werkboek=")[1].split("<")[0]
    colleague = open_session(token=token, store=store, content=content)
    assert colleague.answer("1", "motivation") == "begin"
    assert colleague.access.label == "Inkoop <b>"
    assert "Inkoop &lt;b&gt;" in panel.table.value


def test_a_revoked_link_is_listed_as_revoked_and_opens_a_message(owner, store, content):
    app = WorkbookApp(owner)
    app.show("share")
    panel = app.page_widget("share")
    panel.label.value = "Manager"
    panel.role.value = "read"
    panel.create.click()
    token = panel.new_link.value.split("werkboek=")[1].split("<")[0]
    (revoke,) = panel.revoke_box.children
    revoke.click()
    assert "ingetrokken" in panel.notice.text and "ingetrokken" in panel.table.value
    closed = WorkbookApp(open_session(token=token, store=store, content=content))
    assert "Deze link is ingetrokken" in closed.banner.value
    assert closed.children[-1] is closed.banner  # nothing else is shown


def test_a_read_only_page_disables_every_input_and_keeps_the_way_around(owner, store, content):
    token = store.create_link(owner.access, "read", "Auditor")
    reader = open_session(token=token, store=store, content=content)
    app = WorkbookApp(reader)
    assert "Alleen lezen" in app.banner.value
    for page in app.page_ids:
        app.show(page)
        widget = app.page_box.children[0]
        editable = [x for x in inputs(widget) if not x.disabled and VIEW not in x._dom_classes]
        assert editable == [], page
    assert app.files.upload.layout.display == "none"
    assert not app.nav.buttons["1"].disabled and not app.header.language.disabled
    # a crafted edit (a widget event sent by hand) is refused by the kernel all the same
    app.show("1")
    field = next(f for f in app.page_widget("1").fields if f.spec.id == "motivation")
    field.input.value = "door de lezer"
    assert reader.answer("1", "motivation") == "begin"
    assert store.load(token).answer("1", "motivation") == "begin"


def test_the_history_lists_versions_in_words_and_restores_one(owner, store):
    owner.set_answer("4c", "goal", "eerste doel")
    owner.flush()
    owner.set_answer("4c", "goal", "tweede doel")
    owner.flush()
    app = WorkbookApp(owner)
    app.show("history")
    panel = app.page_widget("history")
    assert "Stap 4c" in panel.table.value and "aangepast" in panel.table.value
    second = next(
        r.number
        for r in panel.revisions
        if r.changes.get("answers/4c/goal", [0, 0])[1] == "eerste doel"
    )
    panel.pick.value = second
    panel.show.click()
    assert "eerste doel" in panel.detail.value
    panel.restore.click()  # asks first: what it changes, then yes
    assert owner.answer("4c", "goal") == "tweede doel"
    assert "tweede doel" in panel.question.value and "eerste doel" in panel.question.value
    panel.yes.click()
    assert owner.answer("4c", "goal") == "eerste doel"
    assert store.load(owner.token).answer("4c", "goal") == "eerste doel"
    assert panel.revisions[0].kind == "restore"


def test_a_conflict_is_told_with_the_replaced_text_which_can_be_put_back(owner, store, content):
    other = open_session(token=owner.token, store=store, content=content, autosave_delay=60)
    app = WorkbookApp(owner)
    other.set_answer("1", "motivation", "tekst van de ander")
    owner.set_answer("1", "motivation", "mijn tekst")
    other.flush()
    owner.flush()  # the later save: it wins, and the page says so
    bar = app.conflicts
    assert bar.layout.display != "none" and "jouw versie is bewaard" in bar.message.value
    bar.show_other.click()
    assert "tekst van de ander" in bar.other.value
    bar.restore.click()
    assert owner.answer("1", "motivation") == "tekst van de ander"
    assert bar.layout.display == "none"


def test_others_who_have_the_workbook_open_are_named(owner, store, content):
    token = store.create_link(owner.access, "read", "Manager")
    reader = open_session(token=token, store=store, content=content)
    app = WorkbookApp(owner)
    reader.sync()
    owner.sync()
    assert "Nu ook open: Manager (leest mee)" in app.files.presence.value
    assert isinstance(app.files.presence, w.HTML)


def test_a_page_knows_who_else_has_it_open_before_its_views_are_built(owner, store, content):
    owner.start_live()
    try:
        token = store.create_link(owner.access, "read", "Manager")
        reader = open_session(token=token, store=store, content=content)
        reader.start_live()  # in Voilà, open_session does this before the page is built
        try:
            app = WorkbookApp(reader)
            assert "Nu ook open: Eigenaar" in app.files.presence.value  # no refresh waited for
        finally:
            reader.stop_live()
    finally:
        owner.stop_live()


class RecordingComm:
    """What a widget sends to the browser."""

    comm_id = "presence"
    kernel = object()

    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send(self, data, buffers=None) -> None:
        self.sent.append(data)

    def on_msg(self, callback) -> None:
        pass


def test_a_presence_line_dropped_by_the_browser_goes_out_again(owner, store, content):
    app = WorkbookApp(owner)
    comm = RecordingComm()
    app.files.presence.comm = comm
    token = store.create_link(owner.access, "read", "Manager")
    reader = open_session(token=token, store=store, content=content)
    reader.check_presence()
    owner.check_presence()  # the line changes: this update is the one the browser dropped
    dropped = len(comm.sent)
    owner.check_presence()  # nobody came or went, and the line goes out again
    again = [m["state"]["value"] for m in comm.sent[dropped:] if "value" in m.get("state", {})]
    assert again and "Manager (leest mee)" in again[-1]


def test_one_link_open_on_two_pages_is_named_once_with_the_count(owner, store, content):
    app = WorkbookApp(owner)
    token = store.create_link(owner.access, "read", "Manager")
    for _ in range(2):
        open_session(token=token, store=store, content=content).check_presence()
    open_session(token=owner.token, store=store, content=content).check_presence()
    owner.check_presence()
    assert "Nu ook open: Eigenaar, Manager (leest mee, 2 tabbladen)" in app.files.presence.value
    owner.language = "en"
    # the owner's own link, named when the workbook was made, follows the language; a name
    # someone gave is shown as written
    assert "Also open now: Owner, Manager (reading, 2 tabs)" in app.files.presence.value


def test_the_owners_link_is_named_in_the_pages_language_everywhere(owner, store, content):
    token = store.create_link(owner.access, "edit", "Jan de Vries")
    other = open_session(token=token, store=store, content=content, autosave_delay=60)
    other.set_answer("1", "motivation", "van Jan")
    other.flush()
    owner.language = "en"
    app = WorkbookApp(owner)
    app.show("share")
    links = app.page_widget("share").table.value
    assert "Owner" in links and "Eigenaar" not in links and "Jan de Vries" in links
    app.show("history")
    shown = app.page_widget("history").table.value
    assert "Owner" in shown and "Eigenaar" not in shown and "Jan de Vries" in shown
