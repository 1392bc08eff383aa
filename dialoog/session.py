"""One visitor's open workbook: the only thing that edits it, and the one that says what changed.

Views never assign into the workbook. They ask the session to apply an operation of a feature
API (`session.edit(section, operation, …)`, `session.set_answer(form, field, value)`); the
session applies it, saves (debounced, atomically), and announces a `Change` naming the part
that changed: an answer of one form, the organisation, the self-assessment, the register, the
follow-up, or the whole workbook (a file opened). Views `watch` only the topics they show, so a
keystroke in step 1 refreshes step 1 and the status of step 1, and nothing else.
It imports no widgets.
"""

from __future__ import annotations

import atexit
import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from traitlets import Bool, HasTraits, Int, Unicode

from . import api
from .content import Content, load_content
from .model import SECTIONS, Answer, Workbook
from .problems import Outcome, Problem
from .storage import Autosaver, Store, WorkbookFileError, loads, new_token
from .web import in_voila, query_param

log = logging.getLogger(__name__)

TOKEN_PARAM = "werkboek"
WORKBOOK = "workbook"  # the topic of a change to everything (another file opened)


@dataclass(frozen=True)
class Change:
    """What one edit changed: a section, and for answers the form and field.

    `remote` is True for a change saved by another page (another tab, a colleague).
    """

    section: str
    form: str | None = None
    field: str | None = None
    remote: bool = False

    @property
    def topics(self) -> frozenset[str]:
        """The topics whose watchers hear of this change."""
        topics = {self.section}
        if self.form is not None:
            topics.add(f"{self.section}:{self.form}")
        return frozenset(topics)

    def concerns(self, topic: str) -> bool:
        if self.section == WORKBOOK:
            return True
        if topic == self.section:
            return True
        if self.form is None:  # a change to a whole section reaches its per-form watchers too
            return topic.startswith(f"{self.section}:")
        return topic == f"{self.section}:{self.form}"


Watcher = Callable[[Change], None]


class Session(HasTraits):
    """The open workbook. Observe `language` to re-label; `watch(callback, topic…)` for edits.

    `revision` counts every change (local or remote); it is for the save status and tests,
    not for views, which watch the part they show.
    """

    language = Unicode("nl")
    revision = Int(0)
    read_only = Bool(False)
    save_state = Unicode("idle")  # idle | pending | saved | error
    saved_at = Unicode("")
    error = Unicode("")  # message key of the last error in a view, shown by the app
    error_count = Int(0)

    def __init__(
        self,
        workbook: Workbook | None = None,
        *,
        store: Store | None = None,
        token: str | None = None,
        content: Content | None = None,
        autosave_delay: float = 0.8,
        autosave_max_wait: float = 2.0,
    ) -> None:
        super().__init__()
        self.content = content or load_content()
        self.store = store
        self.token = token or new_token()
        self._workbook = workbook or Workbook()
        self._watchers: list[tuple[frozenset[str], Watcher]] = []
        self._lock = threading.RLock()
        self.language = self._workbook.language
        self.autosaver = Autosaver(self._save, autosave_delay, self._saved, autosave_max_wait)
        self.observe(self._on_language, "language")
        # a kernel that shuts down (culled, restarted) writes what is still pending
        atexit.register(_flush_if_alive, weakref.ref(self))

    @property
    def workbook(self) -> Workbook:
        """The workbook, to read. Change it only through `edit` and `set_answer`."""
        return self._workbook

    # -- watching -----------------------------------------------------------------------------
    def watch(self, callback: Watcher, *topics: str) -> None:
        """Call `callback(change)` after every change to one of `topics`.

        Topics: a section ("organisation", "answers", "selfassessment", "stakeholders",
        "followup"), "answers:<form id>" for one form, or "workbook" for a whole new workbook
        (which every watcher hears of, whatever its topics).
        """
        self._watchers.append((frozenset(topics), callback))

    def unwatch(self, callback: Watcher) -> None:
        self._watchers = [(t, cb) for t, cb in self._watchers if cb != callback]

    def _announce(self, change: Change) -> None:
        for topics, callback in list(self._watchers):
            if any(change.concerns(topic) for topic in topics) or (
                change.section == WORKBOOK and not topics
            ):
                try:
                    callback(change)
                except Exception:  # one broken view must not stop the others from updating
                    log.exception("a view failed to follow a change of %s", change.section)
                    self.report_error("app.error")

    # -- editing ------------------------------------------------------------------------------
    def answer(self, form_id: str, field_id: str) -> Answer:
        return self._workbook.answer(form_id, field_id)

    def set_answer(self, form_id: str, field_id: str, value: Answer) -> Problem | None:
        """Store the answer to one question (form, field); an empty answer removes it."""
        with self._lock:
            if self.read_only:
                return Problem("edit.read_only")
            result = api.set_answer(self._workbook.answers, form_id, field_id, value)
            if isinstance(result, Problem):
                return result
            if result == self._workbook.answers:
                return None
            self._workbook.answers = result
            self._changed(Change("answers", form_id, field_id))
        return None

    def edit(
        self, section: str, operation: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Problem | Outcome | None:
        """Apply `operation(current value of section, *args, **kwargs)` and announce it.

        The operation is a pure function of a feature API: it returns the section's new value,
        an `Outcome` (the new value with something to report), or a `Problem`, in which case
        nothing changes and the problem is returned for the view to show.
        """
        if section not in SECTIONS:
            raise ValueError(f"unknown section {section!r}")
        with self._lock:
            if self.read_only:
                return Problem("edit.read_only")
            current = getattr(self._workbook, section)
            result = operation(current, *args, **kwargs)
            if isinstance(result, Problem):
                return result
            value = result.value if isinstance(result, Outcome) else result
            if value != current:
                setattr(self._workbook, section, value)
                self._changed(Change(section))
        return result if isinstance(result, Outcome) else None

    def replace(self, workbook: Workbook) -> None:
        """Swap in another workbook (opened from a file); it is saved under this session's token."""
        with self._lock:
            self._workbook = workbook
            self.language = workbook.language
            self._changed(Change(WORKBOOK))

    def open_file(self, data: bytes) -> Workbook:
        """Open an uploaded workbook file; on error the current work stays as it is."""
        if self.read_only:
            raise WorkbookFileError("edit.read_only")
        workbook = loads(data)
        self.replace(workbook)
        return workbook

    def report_error(self, key: str) -> None:
        """A view failed; the app shows the message `key` (the error itself is logged)."""
        self.error = key
        self.error_count += 1

    def _changed(self, change: Change) -> None:
        self._workbook.touch()
        self.revision += 1
        if self.store is not None:
            self.save_state = "pending"
            self.autosaver.schedule()
        self._announce(change)

    # -- saving -------------------------------------------------------------------------------
    def flush(self) -> None:
        """Write any pending change now (before a download, at shutdown, in tests)."""
        self.autosaver.flush()

    def save_now(self) -> None:
        """Write the workbook now, changed or not, so that a reload of this page finds it."""
        if self.store is not None and not self.read_only:
            self.autosaver.schedule()
            self.autosaver.flush()

    def _on_language(self, change: dict) -> None:
        if self._workbook.language != change["new"]:
            self._workbook.language = change["new"]
            self._changed(Change("language"))

    def _save(self) -> None:
        assert self.store is not None
        with self._lock:
            self.store.save(self.token, self._workbook)

    def _saved(self, error: Exception | None) -> None:
        if error is None:
            self.saved_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            self.save_state = "saved"
        else:
            log.error("autosave failed", exc_info=error)
            self.save_state = "error"


def _flush_if_alive(ref: weakref.ref) -> None:
    session = ref()
    if session is not None:
        session.flush()


def open_session(token: str | None = None, store: Store | None = None, **kwargs) -> Session:
    """The session for this page: resume the workbook named in the URL, or start a new one.

    An unknown or unreadable token starts a fresh workbook under a new token, so that nobody can
    open another person's work by guessing and a damaged file is never overwritten.
    """
    store = store or Store()
    local = not in_voila()
    token = token or (store.local_token() if local else query_param(TOKEN_PARAM))
    workbook = None
    if token and store.exists(token):
        try:
            workbook = store.load(token)
        except (OSError, WorkbookFileError):
            log.exception("autosaved workbook could not be read; starting a new one")
            token = None
    else:
        token = None
    session = Session(workbook, store=store, token=token, **kwargs)
    if local:
        store.remember_local(session.token)
    return session
