"""Opening and downloading workbook files from the page; bad files never touch current work."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone

import pytest

from dialoog import api
from dialoog.model import Workbook
from dialoog.session import Session
from dialoog.storage import MAX_FILE_BYTES, dumps, loads
from dialoog.views.files import FilePanel
from dialoog.workbook_store import SaveUnavailable, WorkbookStore


class BrokenStore(WorkbookStore):
    def create(self, *args, **kwargs):
        raise SaveUnavailable("database is down")


def upload(panel: FilePanel, data: bytes, name: str = "werkboek.json") -> None:
    panel.upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime.now(timezone.utc),
        },
    )


def downloaded(panel: FilePanel) -> Workbook:
    """What one click on 'Werkboek downloaden' hands to the browser."""
    panel.download_button.click()
    value = panel.download.value
    assert 'data-autostart="' in value  # the page's script starts the download itself
    assert 'href="data:application/json;base64,' in value
    return loads(base64.b64decode(value.split("base64,", 1)[1].split('"', 1)[0]))


@pytest.fixture
def panel(session) -> FilePanel:
    session.set_answer("1", "motivation", "mijn huidige werk")
    return FilePanel(session)


def test_uploading_a_workbook_replaces_the_current_one(panel, session):
    other = Workbook()
    other.organisation.name = "Andere BV"
    other.set_answer("5b", "how", "via de OR")
    upload(panel, dumps(other).encode(), "andere.json")
    assert session.workbook.organisation.name == "Andere BV"
    assert session.answer("5b", "how") == "via de OR"
    assert session.answer("1", "motivation") is None
    assert panel.notice.kind == "success"
    assert panel.notice.text == "Werkboek geopend: andere.json."
    assert downloaded(panel).answer("5b", "how") == "via de OR"
    assert panel.upload.value == ()  # ready for the next file


def test_an_uploaded_file_name_is_shown_escaped(panel):
    upload(panel, dumps(Workbook()).encode(), "<img src=x onerror=alert(1)>.json")
    assert "<img" not in panel.notice.value
    assert panel.notice.text == "Werkboek geopend: <img src=x onerror=alert(1)>.json."


@pytest.mark.parametrize(
    ("data", "dutch", "english"),
    [
        (b"\x00\xff\xfe garbage", "geen leesbaar werkboek", "not a readable workbook"),
        (b'{"hello": "world"}', "geen dialoog-werkboek", "not a dialoog workbook"),
        (b" " * (MAX_FILE_BYTES + 1), "te groot", "too large"),
        (
            json.dumps({"format": "dialoog-workbook", "schema_version": 9}).encode(),
            "nieuwere",
            "newer",
        ),
    ],
    ids=["garbage", "foreign", "too-large", "newer"],
)
def test_a_bad_upload_shows_an_error_in_the_current_language_and_keeps_the_work(
    panel, session, data, dutch, english
):
    workbook, snapshot = session.workbook, session.workbook.model_dump()
    upload(panel, data)
    assert panel.notice.kind == "error"
    assert dutch in panel.notice.text
    session.language = "en"
    upload(panel, data)
    assert english in panel.notice.text
    assert session.workbook is workbook
    assert session.answer("1", "motivation") == "mijn huidige werk"
    snapshot["language"] = "en"
    assert session.workbook.model_dump() | {"updated": None} == snapshot | {"updated": None}


def test_download_contains_the_workbook_in_one_click(panel, session):
    assert panel.download.value == ""  # nothing is built before it is asked for
    assert downloaded(panel) == session.workbook
    assert panel.download.filename.startswith("werkboek-")
    assert panel.download.filename.endswith(".json")
    session.language = "en"
    downloaded(panel)
    assert panel.download.filename.startswith("workbook-")


def test_download_holds_the_latest_change_even_before_it_is_saved(panel, session):
    session.set_answer("2", "owner", "Directie")
    assert downloaded(panel).answer("2", "owner") == "Directie"


def test_download_file_name_uses_a_cleaned_organisation_name(panel, session):
    session.edit("organisation", api.set_organisation, "name", '<Bakkerij> "Dé Korenaar" / ../Zn')
    downloaded(panel)
    assert panel.download.filename.startswith("werkboek-bakkerij-de-korenaar-zn-")


def test_download_link_holds_the_latest_work_when_autosave_fails(tmp_path, content):
    """The error message tells the user to download a backup: that backup must hold the work."""
    store = BrokenStore(f"sqlite:///{tmp_path / 'down.sqlite'}")
    session = Session(store=store, content=content, autosave_delay=60)
    panel = FilePanel(session)
    session.set_answer("1", "motivation", "niet kwijtraken")
    session.flush()
    assert session.save_state == "retrying"
    assert "we proberen het opnieuw" in panel.status.value
    assert downloaded(panel).answer("1", "motivation") == "niet kwijtraken"


def test_save_state_is_shown(panel, session):
    session.flush()
    assert "Automatisch bewaard om" in panel.status.value
    session.language = "en"
    assert "Saved automatically at" in panel.status.value or "Saving" in panel.status.value


def test_token_marker_carries_the_session_token(panel, session):
    assert f'class="dialoog-token" data-token="{session.token}"' in panel.markers.value
    assert f'data-max-bytes="{MAX_FILE_BYTES}"' in panel.markers.value


def test_language_switch_relabels_the_panel(panel, session):
    assert panel.upload.description == "Werkboek openen"
    session.language = "en"
    assert panel.upload.description == "Open workbook"
    assert panel.download_button.description == "Download workbook"
    assert "saved automatically" in panel.hint.value
