"""One visitor's open workbook: the single source of truth that every view reads and edits.

A `Session` holds the `Workbook`, saves it (debounced, atomically) after each change, and
announces changes through traitlets so that views stay in step without reaching into each other.
It imports no widgets.
"""

from __future__ import annotations

import atexit
import logging
import weakref
from datetime import datetime, timezone

from traitlets import HasTraits, Int, Unicode

from .content import Content, load_content
from .model import Answer, Workbook
from .storage import Autosaver, Store, WorkbookFileError, loads, new_token
from .web import in_voila, query_param

log = logging.getLogger(__name__)

TOKEN_PARAM = "werkboek"


class Session(HasTraits):
    """Observe `revision` for any change of the workbook and `language` for a language switch."""

    language = Unicode("nl")
    revision = Int(0)
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
    ) -> None:
        super().__init__()
        self.content = content or load_content()
        self.store = store
        self.token = token or new_token()
        self._workbook = workbook or Workbook()
        self.language = self._workbook.language
        self.autosaver = Autosaver(self._save, autosave_delay, self._saved)
        self.observe(self._on_language, "language")
        # a kernel that shuts down (culled, restarted) writes what is still pending
        atexit.register(_flush_if_alive, weakref.ref(self))

    @property
    def workbook(self) -> Workbook:
        return self._workbook

    def answer(self, form_id: str, field_id: str) -> Answer:
        return self._workbook.answer(form_id, field_id)

    def set_answer(self, form_id: str, field_id: str, value: Answer) -> None:
        if self._workbook.answer(form_id, field_id) == value:
            return
        self._workbook.set_answer(form_id, field_id, value)
        self.changed()

    def changed(self) -> None:
        """Call after any edit of the workbook: views refresh and an autosave is scheduled."""
        self._workbook.touch()
        self.revision += 1
        if self.store is not None:
            self.save_state = "pending"
            self.autosaver.schedule()

    def replace(self, workbook: Workbook) -> None:
        """Swap in another workbook (opened from a file); it is saved under this session's token."""
        self._workbook = workbook
        self.language = workbook.language
        self.changed()

    def open_file(self, data: bytes) -> Workbook:
        """Open an uploaded workbook file; on error the current work stays as it is."""
        workbook = loads(data)
        self.replace(workbook)
        return workbook

    def flush(self) -> None:
        """Write any pending change now (before a download, at shutdown, in tests)."""
        self.autosaver.flush()

    def _on_language(self, change: dict) -> None:
        if self._workbook.language != change["new"]:
            self._workbook.language = change["new"]
            self.changed()

    def _save(self) -> None:
        assert self.store is not None
        self.store.save(self.token, self._workbook)

    def _saved(self, error: Exception | None) -> None:
        if error is None:
            self.saved_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            self.save_state = "saved"
        else:
            log.exception("autosave failed", exc_info=error)
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
