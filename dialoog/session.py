"""One page's open workbook: the only thing that edits it, and the one that says what changed.

Views never assign into the workbook. They ask the session to apply an operation of a feature
API (`session.edit(section, operation, …)`, `session.set_answer(form, field, value)`); the
session applies it, saves it, and announces a `Change` naming the part that changed: an answer
of one form, the organisation, the self-assessment, the register, the follow-up, or the whole
workbook (a file opened). Views `watch` only the topics they show, so a keystroke in step 1
refreshes step 1 and the status of step 1, and nothing else.

Saving: a short while after a change (debounced) and never later than `autosave_max_wait`
after it, the session sends the units that changed (see `units`) to the shared store, naming
the revision it started from. What others saved meanwhile comes back merged and is applied
here, part by part, announced as remote changes; a unit both changed is reported as a
`Notice` (the later save wins; the other text is in the history). Every few seconds the page
also asks the store whether others saved, and what its link may do now (`sync`): a link that
was revoked closes the page (`access_problem`), one that may now only read makes it read-only.
A save that fails is retried with backoff; the work stays in memory. The session imports no
widgets.
"""

from __future__ import annotations

import atexit
import logging
import secrets
import threading
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from traitlets import Bool, HasTraits, Int, List, Unicode

from . import api
from . import units as U
from .content import Content, load_content
from .db import database_url
from .i18n import t
from .live import Poller
from .model import SECTIONS, Answer, Workbook
from .paths import storage_dir
from .problems import Outcome, Problem
from .storage import Autosaver, WorkbookFileError, loads, local_token, remember_local
from .web import in_voila, kernel_page, query_param
from .workbook_store import (
    KEEP_EVERY_REVISION_DAYS,  # noqa: F401 (for the history page, which asks no store)
    ROLES,  # noqa: F401 (for the share page)
    Access,
    Conflict,
    Link,
    ReadOnly,
    Revision,
    RevokedLink,
    StoreError,
    UnknownLink,
    WorkbookStore,
    new_token,
)

log = logging.getLogger(__name__)

TOKEN_PARAM = "werkboek"
WORKBOOK = "workbook"  # the topic of a change to everything (another file opened)
SYNC_SECONDS = 1.5
RETRY_SECONDS = (1, 2, 4, 8, 15, 30)


@dataclass(frozen=True)
class Change:
    """What one edit changed: a section, and for answers the form and field.

    `remote` is True for a change saved by another page (another tab, a colleague).
    """

    section: str
    form: str | None = None
    field: str | None = None
    remote: bool = False

    def concerns(self, topic: str) -> bool:
        if self.section == WORKBOOK:
            return True
        if topic == self.section:
            return True
        if self.form is None:  # a change to a whole section reaches its per-form watchers too
            return topic.startswith(f"{self.section}:")
        return topic == f"{self.section}:{self.form}"


@dataclass(frozen=True)
class Notice:
    """Something the page should tell its user about another page's save.

    kind "kept": this page saved over someone else's text (theirs is in the history);
    kind "replaced": someone else saved over this page's text (ours is in the history).
    """

    kind: str
    conflict: Conflict


Watcher = Callable[[Change], None]


class Session(HasTraits):
    """The open workbook. Observe `language` to re-label; `watch(callback, topic…)` for edits.

    `revision` counts every change (local or remote); it is for the save status and tests,
    not for views, which watch the part they show. `others` lists who else has it open.
    `access_problem` is the message key of why this page's link opens nothing (a link that
    is wrong, or was revoked while the page was open); pages observe it and show only that.
    """

    language = Unicode("nl")
    revision = Int(0)
    read_only = Bool(False)
    save_state = Unicode("idle")  # idle | pending | saved | retrying | error
    saved_at = Unicode("")
    error = Unicode("")  # message key of the last error in a view, shown by the app
    error_count = Int(0)
    notice_count = Int(0)  # bumps when a conflict is to be told (see `notices`)
    others = List()  # [(label, role, pages)]: who else has the workbook open, on how many pages
    presence_checks = Int(0)  # bumps on every check of who has it open (see `check_presence`)
    # a page of the workbook that a view asks the app to show (a link from one page to
    # another, such as from a stakeholder to the engagement log); the app shows it and clears it
    page_request = Unicode("")
    access_problem = Unicode("")  # why the link opens no workbook ("" while it does)
    token = Unicode("")  # the link this page has the workbook open with (kept in its address)

    def __init__(
        self,
        workbook: Workbook | None = None,
        *,
        store: WorkbookStore | None = None,
        token: str | None = None,
        access: Access | None = None,
        revision: int = 0,
        synced: dict[str, Any] | None = None,
        content: Content | None = None,
        autosave_delay: float = 0.8,
        autosave_max_wait: float = 2.0,
    ) -> None:
        super().__init__()
        self.content = content or load_content()
        self.store = store
        self.token = token or new_token()
        self.access = access
        self.page = kernel_page() or secrets.token_hex(8)  # the server hears it by this name
        self._workbook = workbook or Workbook()
        self._base = revision
        self._synced: dict[str, Any] = dict(synced or {})
        self._dirty: set[str] = set()
        self._watchers: list[tuple[frozenset[str], Watcher]] = []
        self._lock = threading.RLock()
        self._failures = 0
        self._kind = "edit"  # what the next save is: an edit, or a restore
        self._retry: threading.Timer | None = None
        self.notices: list[Notice] = []
        self.read_only = bool(access and not access.can_edit)
        self.language = self._workbook.language
        self.autosaver = Autosaver(self._save, autosave_delay, self._saved, autosave_max_wait)
        self.poller = Poller(SYNC_SECONDS, self.sync)
        self.observe(self._on_language, "language")
        # a kernel that shuts down (culled, restarted) writes what is still pending
        atexit.register(_flush_if_alive, weakref.ref(self))

    @property
    def workbook(self) -> Workbook:
        """The workbook, to read. Change it only through `edit` and `set_answer`."""
        return self._workbook

    @property
    def base_revision(self) -> int:
        return self._base

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
            self._changed("answers", Change("answers", form_id, field_id))
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
                self._changed(section, Change(section))
        return result if isinstance(result, Outcome) else None

    def replace(self, workbook: Workbook) -> None:
        """Swap in another workbook (opened from a file); it is saved under this page's link."""
        with self._lock:
            if self.read_only:
                raise WorkbookFileError("edit.read_only")
            self._workbook = workbook
            self.language = workbook.language
            self._changed(U.ALL, Change(WORKBOOK))

    def restore_units(self, values: dict[str, Any]) -> Problem | None:
        """Put units back as they were (a conflict's other text, or a whole earlier revision:
        see `WorkbookStore.state_at`); saved as a new revision, so it can be undone in turn."""
        with self._lock:
            if self.read_only:
                return Problem("edit.read_only")
            by_section: dict[str, dict[str, Any]] = {}
            for key, value in values.items():
                by_section.setdefault(U.section_of(key), {})[key] = value
            for section, changes in by_section.items():
                if section == U.META:
                    continue
                merged = U.flatten(self._workbook, [section])
                for key, value in changes.items():
                    if value is None:
                        merged.pop(key, None)
                    else:
                        merged[key] = value
                setattr(self._workbook, section, U.build_section(section, merged))
                self._kind = "restore"
                self._changed(section, Change(section))
        return None

    def restore_preview(self, number: int) -> dict[str, list] | Problem:
        """What restoring revision `number` would change: unit key -> [now, then], to show
        before the user confirms."""
        if self.store is None or self.access is None:
            return Problem("share.not_saved_yet")
        try:
            state = self.store.state_at(self.access, number)
        except StoreError as error:
            self.refused(error)
            return Problem(error.key)
        with self._lock:
            current = U.flatten(self._workbook, U.SECTIONS_ONLY)
            changes = U.diff(current, state, U.SECTIONS_ONLY)
        return {key: [current.get(key), value] for key, value in changes.items()}

    def restore_revision(self, number: int) -> Problem | None:
        """The whole workbook as it was after revision `number`."""
        preview = self.restore_preview(number)
        if isinstance(preview, Problem):
            return preview
        changes = {key: then for key, (_now, then) in preview.items()}
        return self.restore_units(changes) if changes else None

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

    def _changed(self, sections: str | tuple[str, ...], change: Change) -> None:
        self._dirty.update((sections,) if isinstance(sections, str) else sections)
        self._workbook.touch()
        self.revision += 1
        if self.store is not None:
            self.save_state = "pending"
            self.autosaver.schedule()
        self._announce(change)

    def _on_language(self, change: dict) -> None:
        if self._workbook.language != change["new"]:
            with self._lock:
                self._workbook.language = change["new"]
                if not self.read_only:
                    self._changed(U.META, Change("language"))

    # -- saving -------------------------------------------------------------------------------
    def flush(self) -> None:
        """Write any pending change now (before a download, at shutdown, in tests)."""
        self.autosaver.flush()

    def save_now(self) -> None:
        """Write the workbook now, changed or not, so that a reload of this page finds it."""
        if self.store is not None and not self.read_only:
            self.autosaver.schedule()
            self.autosaver.flush()

    def _save(self) -> None:
        """Send what changed since the last save; apply what others saved meanwhile."""
        assert self.store is not None
        with self._lock:
            if self.read_only:
                return
            if self.access is None:  # the first save of a new workbook: store it whole
                self._create()
                return
            sections = tuple(self._dirty)
            new = U.flatten(self._workbook, sections)
            changes = U.diff(self._synced, new, sections)
            self._dirty.clear()
            base, kind, self._kind = self._base, self._kind, "edit"
        if not changes:
            return
        try:
            committed = self.store.commit(self.access, base, changes, self.page, kind)
        except Exception:
            with self._lock:
                self._dirty.update(sections)  # not saved: the next attempt sends it again
            raise
        with self._lock:
            self._synced.update(changes)
            for key in [k for k, v in changes.items() if v is None]:
                self._synced.pop(key, None)
            self._base = committed.revision
            self._apply_remote(committed.others)
            for conflict in committed.conflicts:
                self._tell(Notice("kept", conflict))

    def _create(self) -> None:
        label = t("share.owner", self._workbook.language)
        self.store.create(self._workbook, label=label, token=self.token)
        opened = self.store.open(self.token)
        self.access, self._base = opened.access, opened.revision
        self._synced = dict(opened.units)
        self._dirty.clear()
        if not in_voila():
            remember_local(self.token)

    def _saved(self, error: Exception | None) -> None:
        if error is None:
            self._failures = 0
            self.saved_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            self.save_state = "saved"
            return
        self._failures += 1
        if isinstance(error, (RevokedLink, ReadOnly)):
            log.info("save refused, the link changed: %s", error)
            self.refused(error)
            return
        if isinstance(error, StoreError) and error.key == "store.stale_base":
            log.error("save refused: %s", error)
            self.save_state = "error"
            return
        log.warning("save failed (attempt %d), retrying: %s", self._failures, error)
        self.save_state = "retrying"
        delay = RETRY_SECONDS[min(self._failures, len(RETRY_SECONDS)) - 1]
        self._retry = threading.Timer(delay, self.save_now)
        self._retry.daemon = True
        self._retry.start()

    # -- others' saves ----------------------------------------------------------------------
    def start_live(self) -> None:
        """Follow others' saves and tell the store this page is open (every SYNC_SECONDS).

        The first check of who else has it open is made now, before the page's views are
        built, so that they show it from the page's first state on.
        """
        if self.store is None:
            return
        try:
            self.check_presence()
        except StoreError:
            log.warning("who else has the workbook open is checked again in a moment")
        self.poller.start()

    def stop_live(self) -> None:
        self.poller.stop()
        if self.store is not None and self.access is not None:
            try:
                self.store.leave(self.access, self.page)
            except StoreError:
                pass

    def check_presence(self) -> None:
        """Tell the store this page is open; `others` becomes who else has it open.

        `presence_checks` bumps on every check, also when nobody came or went: the browser drops
        an update that arrives while it is still building the page's widgets, so a view that
        shows presence sends it again on each check (a browser that already shows it ignores it).
        """
        if self.store is None or self.access is None or self.access_problem:
            return
        others = self.store.here(self.access, self.page, heard=not in_voila())
        pages = Counter((p.label, p.role) for p in others)
        shown = sorted((label, role, n) for (label, role), n in pages.items())
        if shown != self.others:
            self.others = shown
        self.presence_checks += 1

    def sync(self) -> bool:
        """Catch up with what others saved; True when something changed here.

        First asks what the page's link may do now: revoked, the page closes and receives
        nothing more; allowed to read only, the page becomes read-only.
        """
        if self.store is None or self.access is None or self.access_problem:
            return False
        status = self.store.status(self.access)
        if status.access is None:
            self.refused(RevokedLink())
            return False
        if status.access.role != self.access.role:
            self.access = status.access
            if not status.access.can_edit:
                self.refused(ReadOnly())
        self.check_presence()
        if status.revision <= self._base:
            return False
        if self.autosaver.pending:
            return False  # this page saves in a moment, and merges then
        with self._lock:
            try:
                since = self.store.since(self.access, self._base)
            except RevokedLink as error:
                self.refused(error)
                return False
            self._base = max(self._base, since.revision)
            changed = self._apply_remote(since.changes)
            for conflict in since.conflicts:
                if conflict.page == self.page:
                    self._tell(Notice("replaced", conflict))
        return changed

    def refused(self, error: StoreError) -> None:
        """The store refused this page's link: revoked (or gone), the page closes; allowed to
        read only, the page becomes read-only. Either way it saves nothing more."""
        with self._lock:
            self._dirty.clear()
            if isinstance(error, ReadOnly):
                self.read_only = True
                self.save_state = "idle"
                return
            self.read_only = True
            self.save_state = "idle"
            self.others = []
            self.access_problem = "store.revoked_link"
        self.stop_live()

    # -- links and history: what the store allows this page's link now ------------------------
    def _ask(self, operation, *args):
        """A store operation on this page's link; a refusal becomes a Problem (and a revoked
        or read-only link closes or locks the page)."""
        if self.store is None or self.access is None:
            return Problem("share.not_saved_yet")
        try:
            return operation(self.access, *args)
        except (RevokedLink, ReadOnly) as error:
            self.refused(error)
            return Problem(error.key)
        except StoreError as error:
            return Problem(error.key)

    def links(self) -> list[Link] | Problem:
        """The workbook's links (an edit link sees all, a reading link its own)."""
        return self._ask(self.store.links if self.store else None)

    def make_link(self, role: str, label: str) -> str | Problem:
        """A new link with a role and a name; its token, shown once."""
        if self.access is None and self.store is not None and not self.read_only:
            self.save_now()  # a workbook not stored yet is stored first
        return self._ask(self.store.create_link if self.store else None, role, label)

    def revoke_link(self, link_id: str) -> Problem | None:
        result = self._ask(self.store.revoke if self.store else None, link_id)
        return result if isinstance(result, Problem) else None

    def history(self, limit: int = 200) -> list[Revision] | Problem:
        """The latest revisions, newest first."""
        return self._ask(self.store.history if self.store else None, limit)

    def replace_own_link(self) -> str | Problem:
        """The owner's link is replaced by a new one (shown once; the old one opens nothing
        more); this page goes on under the new link. Returns the new token."""
        self.flush()
        replaced = self._ask(self.store.replace_owner_link if self.store else None)
        if isinstance(replaced, Problem):
            return replaced
        token, access = replaced
        with self._lock:
            self.token, self.access = token, access
        return token

    def _apply_remote(self, theirs: dict[str, Any]) -> bool:
        """Others' units into this page's workbook, section by section, without touching what
        this page changed and has not saved yet (that is saved next, and wins then)."""
        if not theirs:
            return False
        by_section: dict[str, dict[str, Any]] = {}
        for key, value in theirs.items():
            by_section.setdefault(U.section_of(key), {})[key] = value
        changed = False
        for section, values in by_section.items():
            current = U.flatten(self._workbook, [section])
            merged = dict(current)
            forms: set[str | None] = set()
            for key, value in values.items():
                local = current.get(key)
                unsaved = local != self._synced.get(key)
                if U.is_order(key) and unsaved:
                    value = U.merge_order(self._synced.get(key), local, value)
                elif unsaved:
                    continue
                if value is None:
                    merged.pop(key, None)
                else:
                    merged[key] = value
                forms.add(U.form_of(key))
            for key, value in values.items():
                if value is None:
                    self._synced.pop(key, None)
                else:
                    self._synced[key] = value
            if merged == current:
                continue
            changed = True
            if section == U.META:
                language = merged.get("meta/language", self._workbook.language)
                self._workbook.language = language  # this page keeps its own language shown
                continue
            setattr(self._workbook, section, U.build_section(section, merged))
            self.revision += 1
            if section == "answers":
                for form in sorted(f for f in forms if f):
                    self._announce(Change("answers", form, remote=True))
            else:
                self._announce(Change(section, remote=True))
        return changed

    def _tell(self, notice: Notice) -> None:
        self.notices.append(notice)
        self.notice_count += 1


_stores: dict[str, WorkbookStore] = {}
_stores_lock = threading.Lock()


def default_store() -> WorkbookStore:
    """This process's store on the shared database; on first use it also brings in, once,
    the workbooks that earlier versions autosaved as files."""
    url = database_url()
    with _stores_lock:
        if url not in _stores:
            store = WorkbookStore(url)
            folder = storage_dir() / "workbooks"
            if folder.is_dir():
                imported = store.import_files(folder)
                if imported:
                    log.info("imported %d autosaved workbook files into the database", imported)
            _stores[url] = store
        return _stores[url]


def _flush_if_alive(ref: weakref.ref) -> None:
    session = ref()
    if session is not None:
        session.flush()
        session.stop_live()  # and colleagues no longer see this page as open


def open_session(token: str | None = None, store: WorkbookStore | None = None, **kwargs) -> Session:
    """The session for this page: the workbook behind the link in the URL, or a new one.

    Without a link a new workbook starts. A link that opens nothing (malformed, cut short,
    unknown or revoked) opens nothing: the session is read-only, empty, stores nothing and
    says why (`session.access_problem`), so that nobody mistakes an empty page for their work.
    """
    local = not in_voila()
    store = store or default_store()
    if local and token is None:
        remembered = local_token()  # one's own machine: a remembered workbook that is gone
        token = remembered if remembered and store.exists(remembered) else None  # starts anew
    elif token is None:
        token = query_param(TOKEN_PARAM)
    if token is None:
        session = Session(store=store, **kwargs)
        if not local:
            session.start_live()
        return session
    try:
        opened = store.open(token)
    except (RevokedLink, UnknownLink) as error:
        return closed_session(error.key, content=kwargs.get("content"))
    session = Session(
        opened.workbook,
        store=store,
        token=token,
        access=opened.access,
        revision=opened.revision,
        synced=opened.units,
        **kwargs,
    )
    if local:
        remember_local(session.token)
    else:
        session.start_live()
    try:
        store.thin(opened.access.workbook_id)
    except StoreError:
        log.warning("the history could not be thinned now; it is tried again next time")
    return session


def closed_session(problem: str, content: Content | None = None) -> Session:
    """A page whose link opens nothing: empty, read-only, with no store (nothing is written),
    and `access_problem` saying why ("store.unknown_link" or "store.revoked_link")."""
    session = Session(store=None, content=content)
    session.read_only = True
    session.access_problem = problem
    return session
