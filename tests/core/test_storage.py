"""Workbook files: atomic writes, clear refusals of bad files, migrations and tokens."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from dialoog import storage
from dialoog.i18n import catalogue
from dialoog.model import Workbook
from dialoog.stakeholders.record import Stakeholder
from dialoog.storage import (
    MAX_FILE_BYTES,
    Autosaver,
    WorkbookFileError,
    dumps,
    loads,
    local_token,
    remember_local,
    write_atomic,
)
from dialoog.workbook_store import new_token

TOKEN = "A" * 22


def rich_workbook() -> Workbook:
    workbook = Workbook(language="en", stakeholders=[Stakeholder(name="FNV", role="vakbond")])
    workbook.organisation.name = "Bakkerij <De Korenaar> & Zn."
    workbook.set_answer("1", "motives", ["wetgeving", "leren"])
    workbook.set_answer("1", "motivation", "Omdat het moet — en omdat we willen leren. 🌍")
    workbook.set_answer("7", "sessions", [{"date": "2025-05-01", "place": "Utrecht"}])
    workbook.set_answer("x", "count", 12.5)
    workbook.selfassessment.current.answers = {"m1": "eens"}
    return workbook


def valid_doc() -> dict:
    return json.loads(dumps(rich_workbook()))


def refusal(data: bytes | str) -> WorkbookFileError:
    with pytest.raises(WorkbookFileError) as info:
        loads(data)
    return info.value


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


# -- round trip and atomic writes ------------------------------------------------------------


def test_a_downloaded_workbook_loads_equal():
    workbook = rich_workbook()
    assert loads(dumps(workbook).encode()) == workbook


def test_loads_accepts_text_and_bytes_with_bom():
    text = dumps(rich_workbook())
    assert loads(text) == loads(("\ufeff" + text).encode("utf-8"))


def test_atomic_write_leaves_only_the_file(tmp_path):
    path = tmp_path / "sub" / "wb.json"
    write_atomic(path, "one")
    write_atomic(path, "two")
    assert path.read_text() == "two"
    assert [p.name for p in path.parent.iterdir()] == ["wb.json"]


def test_failing_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "werkboek.json"
    write_atomic(path, dumps(rich_workbook()))
    before = path.read_bytes()

    def broken_fsync(_fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(path, dumps(Workbook()))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["werkboek.json"]


# -- refusing bad files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (dumps(Workbook())[:-40].encode(), "file.not_json"),
        (b"Dit is gewoon een briefje.", "file.not_json"),
        (b"", "file.not_json"),
        (bytes(range(256)) * 8, "file.not_json"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file.not_json"),
        (b"[1, 2, 3]", "file.foreign"),
        (b'"dialoog-workbook"', "file.foreign"),
        (b"null", "file.foreign"),
        (b'{"name": "iets anders", "version": 1}', "file.foreign"),
        (b'{"format": "other-workbook", "schema_version": 1}', "file.foreign"),
    ],
    ids=[
        "truncated",
        "plain-text",
        "empty",
        "binary",
        "png",
        "array",
        "string",
        "null",
        "foreign-object",
        "wrong-format",
    ],
)
def test_files_that_are_not_workbooks_are_refused(data, key):
    assert refusal(data).key == key


@pytest.mark.parametrize(
    "change",
    [
        {"answers": []},
        {"answers": {"1": "tekst"}},
        {"organisation": "Bakkerij"},
        {"language": "de"},
        {"created": "gisteren"},
        {"stakeholders": [{"role": "zonder naam"}]},
        {"onbekend": 1},
    ],
    ids=lambda c: next(iter(c)),
)
def test_workbooks_with_wrong_data_inside_are_refused_as_invalid(change):
    doc = valid_doc() | change
    error = refusal(json.dumps(doc))
    assert error.key == "file.invalid"
    assert error.params["where"].startswith(next(iter(change)))


def test_a_newer_schema_version_asks_to_update():
    newer = storage.SCHEMA_VERSION + 1
    error = refusal(json.dumps(valid_doc() | {"schema_version": newer}))
    assert error.key == "file.newer_version"
    assert str(newer) in error.message("en")


@pytest.mark.parametrize("version", [0, -1, "1", True, None, 1.0, [1]], ids=repr)
def test_bad_schema_versions_are_refused(version):
    assert refusal(json.dumps(valid_doc() | {"schema_version": version})).key == (
        "file.bad_version"
    )


def test_a_missing_schema_version_is_refused():
    doc = valid_doc()
    del doc["schema_version"]
    assert refusal(json.dumps(doc)).key == "file.bad_version"


def test_a_very_large_file_is_refused_before_parsing():
    data = b" " * (50 * 1024 * 1024)
    error = refusal(data)
    assert error.key == "file.too_large"
    assert str(MAX_FILE_BYTES // 2**20) in error.message("nl")


def test_a_deeply_nested_file_is_refused_without_crashing():
    depth = 200_000
    assert refusal(b"[" * depth + b"]" * depth).key == "file.not_json"
    nested = '{"format": "dialoog-workbook", "schema_version": 1, "answers": {"1": {"x": '
    nested += "[" * depth + "]" * depth + "}}}"
    assert refusal(nested).key == "file.not_json"


def test_a_moderately_nested_answer_is_refused_as_invalid():
    doc = valid_doc()
    doc["answers"]["1"]["x"] = json.loads("[" * 500 + "]" * 500)
    assert refusal(json.dumps(doc)).key == "file.invalid"


@pytest.mark.parametrize(
    "key",
    [
        "file.too_large",
        "file.not_json",
        "file.foreign",
        "file.bad_version",
        "file.newer_version",
        "file.invalid",
    ],
)
def test_every_refusal_has_a_message_in_dutch_and_english(key):
    text = catalogue()[key]
    error = WorkbookFileError(key, mb=20, version=7, supported=1, where="answers")
    assert error.message("nl") != error.message("en")
    assert error.message("nl") == text.nl.format(mb=20, version=7, supported=1, where="answers")
    assert "{" not in error.message("nl") + error.message("en")


# -- migrations ------------------------------------------------------------------------------


def test_an_old_document_is_migrated_to_the_current_version(monkeypatch):
    current = storage.SCHEMA_VERSION

    def next_version(doc: dict) -> dict:
        doc["organisation"] = dict(doc["organisation"], sector="migrated")
        return doc

    monkeypatch.setattr(storage, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(storage, "MIGRATIONS", {**storage.MIGRATIONS, current: next_version})
    old = valid_doc()
    assert old["schema_version"] == current
    workbook = loads(json.dumps(old))
    assert workbook.schema_version == current + 1
    assert workbook.organisation.sector == "migrated"
    assert workbook.answers == rich_workbook().answers


def test_a_version_1_file_gets_stable_ids_for_its_assessments():
    doc = valid_doc() | {"schema_version": 1}
    doc["selfassessment"] = {
        "current": {"label": "", "taken": None, "answers": {"kennis_context": "4"}},
        "earlier": [{"label": "Nul", "taken": "2025-01-02", "answers": {}}],
    }
    workbook = loads(json.dumps(doc))
    assert workbook.schema_version == storage.SCHEMA_VERSION
    assert workbook.selfassessment.current.answers == {"kennis_context": "4"}
    assert workbook.selfassessment.earlier[0].label == "Nul"
    assert workbook.selfassessment.earlier[0].id != workbook.selfassessment.current.id


def test_an_old_document_without_a_migration_path_is_refused(monkeypatch):
    current = storage.SCHEMA_VERSION
    monkeypatch.setattr(storage, "SCHEMA_VERSION", current + 2)
    monkeypatch.setattr(storage, "MIGRATIONS", {current + 1: lambda doc: doc})
    assert refusal(json.dumps(valid_doc())).key == "file.bad_version"


# -- tokens ------------------------------------------------------------------------------------


def test_new_tokens_are_unique_long_and_url_safe():
    tokens = {new_token() for _ in range(500)}
    assert len(tokens) == 500
    for token in tokens:
        assert len(token) >= 32 and storage.TOKEN_PATTERN.match(token)


def test_local_token_is_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOOG_DATA_DIR", str(tmp_path))
    assert local_token() is None
    token = new_token()
    remember_local(token)
    assert local_token() == token


def test_a_tampered_local_token_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOOG_DATA_DIR", str(tmp_path))
    (tmp_path / "LOCAL").write_text("../../etc/passwd")
    assert local_token() is None
    (tmp_path / "LOCAL").write_bytes(b"\xff\xfe" * 20)
    assert local_token() is None


# -- the autosaver ----------------------------------------------------------------------------


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.saves = 0
        self.fail = fail
        self.done: list[Exception | None] = []
        self.event = threading.Event()

    def save(self) -> None:
        self.saves += 1
        if self.fail:
            raise OSError("disk full")

    def on_done(self, error: Exception | None) -> None:
        self.done.append(error)
        self.event.set()


def test_autosaver_debounces_a_burst_of_changes_into_one_save():
    recorder = Recorder()
    saver = Autosaver(recorder.save, delay=0.05, on_done=recorder.on_done)
    for _ in range(10):
        saver.schedule()
    assert saver.pending
    assert recorder.event.wait(5)
    wait_until(lambda: not saver.pending)
    time.sleep(0.1)
    assert recorder.saves == 1
    assert recorder.done == [None]


def test_autosaver_flush_saves_at_once():
    recorder = Recorder()
    saver = Autosaver(recorder.save, delay=60, on_done=recorder.on_done)
    saver.schedule()
    saver.flush()
    assert recorder.saves == 1
    assert not saver.pending
    saver.flush()  # nothing pending: nothing saved
    assert recorder.saves == 1


def test_a_failing_save_is_reported_and_not_raised():
    recorder = Recorder(fail=True)
    saver = Autosaver(recorder.save, delay=60, on_done=recorder.on_done)
    saver.schedule()
    saver.flush()
    assert len(recorder.done) == 1 and isinstance(recorder.done[0], OSError)
    assert not saver.pending


def test_flush_waits_for_a_save_already_under_way_on_another_thread():
    """A download or a shutdown flushes: it must find the latest work saved, also when the
    autosave timer had just started saving (then nothing is pending, but a save is in flight)."""
    import threading

    started, release, done = threading.Event(), threading.Event(), []

    def slow_save():
        started.set()
        release.wait(5)

    saver = Autosaver(slow_save, delay=0.0, on_done=done.append)
    saver.schedule()
    assert started.wait(5)  # the timer thread is saving now
    flushed = threading.Event()
    waiter = threading.Thread(target=lambda: (saver.flush(), flushed.set()))
    waiter.start()
    assert not flushed.wait(0.2)  # flush waits for the save in flight
    release.set()
    assert flushed.wait(5) and done == [None]  # and returns after it was reported
    waiter.join()


def test_a_file_of_millions_of_tiny_items_is_refused_before_it_is_built():
    """Under the size limit, but millions of objects once parsed: refused by counting."""
    data = b'{"format": "dialoog-workbook", "x": [' + b"0," * 3_000_000 + b"0]}"
    assert len(data) < storage.MAX_FILE_BYTES
    error = refusal(data)
    assert error.key == "file.too_many_items"
    assert "1.000.000" in error.message("nl") and "1,000,000" in error.message("en")


def test_a_real_workbook_is_far_from_the_reading_limits():
    from dialoog.storage import MAX_DEPTH, MAX_ITEMS, _depth

    text = (Path(__file__).parents[2] / "data" / "examples" / "workbook.json").read_bytes()
    assert text.count(b",") < MAX_ITEMS // 100 and _depth(json.loads(text)) < MAX_DEPTH // 4
