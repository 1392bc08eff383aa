"""The workbook as a file (download, upload, hand-in, moving work between installations), and
the autosave timer.

Reading refuses anything that is not a dialoog workbook of a known version with a
`WorkbookFileError` whose message the user can read in their language; the caller's current
workbook is never touched by a failed load. Files are written atomically (temporary file,
fsync, rename). Autosaved work lives in the database (see `workbook_store`).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from .i18n import Count, LocalizedError
from .model import FORMAT, SCHEMA_VERSION, Workbook
from .paths import storage_dir

MAX_FILE_BYTES = 20 * 1024 * 1024
# What a workbook file may cost to read: a 20 MB file of tiny items ([0,0,0,…]) would become
# millions of Python objects before it is even checked; a real workbook has far fewer, and
# nests a few levels deep.
MAX_ITEMS = 1_000_000
MAX_DEPTH = 40
TOKEN_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{22,64}\Z")


def _v1_to_v2(doc: dict) -> dict:
    """Version 2 gives every self-assessment a stable id (history, merging and the chart's
    selection refer to it)."""
    selfassessment = dict(doc.get("selfassessment") or {})
    for key in ("current",):
        if isinstance(selfassessment.get(key), dict):
            selfassessment[key] = {"id": secrets.token_hex(6), **selfassessment[key]}
    if isinstance(selfassessment.get("earlier"), list):
        selfassessment["earlier"] = [
            {"id": secrets.token_hex(6), **a} if isinstance(a, dict) else a
            for a in selfassessment["earlier"]
        ]
    if selfassessment:
        doc["selfassessment"] = selfassessment
    return doc


def _v2_to_v3(doc: dict) -> dict:
    """Version 3 adds the engagement log (`engagements`, empty in older files)."""
    doc.setdefault("engagements", [])
    return doc


# Each entry upgrades a document of version N to N + 1; a change of the schema adds one.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _v2_to_v3}


class WorkbookFileError(LocalizedError):
    """A file that cannot be opened as a workbook; `message(lang)` says why to the user."""


def dumps(workbook: Workbook) -> str:
    return workbook.model_dump_json(indent=1)


def migrate(doc: dict) -> dict:
    """Bring a document of an older schema version up to the current one, step by step."""
    version = doc.get("schema_version")
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](dict(doc))
        version = doc["schema_version"] = version + 1
    return doc


def loads(data: bytes | str) -> Workbook:
    """Parse a workbook file, migrating older versions; raises WorkbookFileError."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookFileError("file.too_large", mb=MAX_FILE_BYTES // (1024 * 1024))
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if raw.count(b",") + raw.count(b"[") + raw.count(b"{") > MAX_ITEMS:  # an upper bound
        raise WorkbookFileError("file.too_many_items", limit=Count(MAX_ITEMS))
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise WorkbookFileError("file.not_json") from exc
    if _depth(doc) > MAX_DEPTH:
        raise WorkbookFileError("file.invalid", where=f"> {MAX_DEPTH}")
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise WorkbookFileError("file.foreign")
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkbookFileError("file.bad_version", version=str(version)[:20])
    if version > SCHEMA_VERSION:
        raise WorkbookFileError("file.newer_version", version=version, supported=SCHEMA_VERSION)
    if version < SCHEMA_VERSION and any(
        v not in MIGRATIONS for v in range(version, SCHEMA_VERSION)
    ):
        raise WorkbookFileError("file.bad_version", version=version)
    try:
        return Workbook.model_validate(migrate(doc))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])[:120]
        raise WorkbookFileError("file.invalid", where=where) from exc


def _depth(doc: object) -> int:
    """How deep a parsed document nests (without recursion: a deep one must not crash)."""
    deepest, stack = 0, [(doc, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((item, level + 1) for item in value)
    return deepest


def write_atomic(path: Path, text: str) -> None:
    """Write so that a crash leaves either the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def local_token() -> str | None:
    """The workbook last used outside Voilà (JupyterLab on one's own machine), if any."""
    try:
        token = (storage_dir() / "LOCAL").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return token if TOKEN_PATTERN.match(token) else None


def remember_local(token: str) -> None:
    """Never used in Voilà: there, the token lives only in the visitor's URL."""
    write_atomic(storage_dir() / "LOCAL", token)


class Autosaver:
    """Saves a short while after the last change (debounced), on a timer thread, and never
    later than `max_wait` after the first unsaved change: someone who types without pausing
    is saved every `max_wait` seconds, so a kernel that dies loses at most that much."""

    def __init__(
        self,
        save: Callable[[], None],
        delay: float = 0.8,
        on_done: Callable[[Exception | None], None] | None = None,
        max_wait: float = 2.0,
    ) -> None:
        self._save = save
        self._delay = delay
        self._max_wait = max(max_wait, delay)
        self._on_done = on_done
        self._lock = threading.Lock()
        self._done = threading.Condition(self._lock)  # a save under way has finished
        self._saving = False
        self._timer: threading.Timer | None = None
        self._first: float | None = None  # monotonic time of the oldest unsaved change

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def schedule(self) -> None:
        with self._lock:
            now = time.monotonic()
            if self._first is None:
                self._first = now
            wait = min(self._delay, self._first + self._max_wait - now)
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(max(wait, 0.0), self.flush)
            self._timer.daemon = True
            self._timer.start()

    def flush(self) -> None:
        """Save now if a save is pending (also called by the timer), after waiting for a save
        already under way on another thread: after `flush` returns, what was changed before it
        was called is saved (or its failure reported), whatever the timing.

        One save at a time; the save itself runs outside the lock, so a change made while
        saving is never blocked and is saved next time.
        """
        with self._lock:
            while self._saving:
                self._done.wait()
            if self._timer is None:
                return
            self._timer.cancel()
            self._timer = None
            self._first = None
            self._saving = True
        error: Exception | None = None
        try:
            self._save()
        except Exception as exc:  # reported to the user by on_done; the work stays in memory
            error = exc
        try:
            if self._on_done:
                self._on_done(error)
        finally:
            with self._lock:
                self._saving = False
                self._done.notify_all()
