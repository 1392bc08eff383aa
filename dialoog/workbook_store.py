"""Workbooks in the shared database: units, revisions, merges, links with a role, presence.

Every save is a revision: a number, a time, who (the label of the link it was made with) and
which units changed, with their old and new values. A save names the revision it started from;
when others saved since, the changes merge unit by unit (see `units`): different units never
conflict, the same unit changed by both is won by the later save, and the value it replaced
stays in the history and is reported to both pages. Nothing anyone typed is dropped silently.

A workbook is opened with a link: a random 192-bit token whose SHA-256 hash is all the
database keeps (a copy of the database opens nothing). A link has a role: `edit` (change
everything, and manage the links) or `read` (see and download, change nothing: the store
refuses its saves). A revoked link opens nothing. The link the workbook was made with is the
owner's: nobody can revoke it, and only the owner can replace it with a new one.

Authority lives here, not in the page: every operation reads the link as it is now, in the
same transaction as its write (save, restore, make or revoke a link) or its read (catch up,
history, presence). A page keeps an `Access` only to name its link; what the link may do is
asked again each time, so a link revoked while its page is open writes and reads nothing more.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    select,
    update,
)
from sqlalchemy.engine import Connection

from . import units as U
from .db import Database, metadata
from .i18n import LocalizedError
from .model import Workbook

log = logging.getLogger(__name__)

Role = Literal["edit", "read"]
ROLES: tuple[Role, ...] = ("edit", "read")
TOKEN_PATTERN = re.compile(r"\A[A-Za-z0-9_-]{22,64}\Z")
MAX_LABEL = 80
PRESENCE_SECONDS = 12  # a page that has not been seen for this long is no longer "open"
KEEP_EVERY_REVISION_DAYS = 30  # older revisions are thinned to one a day (a setting)

workbooks = Table(
    "workbooks",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("revision", Integer, nullable=False),
)

units = Table(
    "workbook_units",
    metadata,
    Column(
        "workbook_id", String(32), ForeignKey("workbooks.id", ondelete="CASCADE"), primary_key=True
    ),  # fmt: skip
    Column("key", String(300), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
)

revisions = Table(
    "workbook_revisions",
    metadata,
    Column(
        "workbook_id", String(32), ForeignKey("workbooks.id", ondelete="CASCADE"), primary_key=True
    ),  # fmt: skip
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("link_id", String(32), nullable=True),
    Column("label", String(MAX_LABEL), nullable=False),
    Column("page", String(32), nullable=False),  # the page (session) that saved it
    Column("kind", String(16), nullable=False),  # edit | restore | import | created | thinned
    Column("changes", Text, nullable=False),  # JSON {key: [old, new]}
    Column("conflicts", Text, nullable=True),  # JSON {key: {"value": …, "revision": n}}
)

links = Table(
    "workbook_links",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "workbook_id",
        String(32),
        ForeignKey("workbooks.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),  # fmt: skip
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("role", String(8), nullable=False),
    Column("label", String(MAX_LABEL), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    # the link the workbook was made with (migration 4): never revoked by another link
    Column("owner", Boolean, nullable=False, default=False),
)

presence = Table(
    "workbook_presence",
    metadata,
    Column("workbook_id", String(32), primary_key=True),
    Column("page", String(32), primary_key=True),
    Column("label", String(MAX_LABEL), nullable=False),
    Column("role", String(8), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    Column("link_id", String(32), nullable=True),  # migration 4: a revoked link counts nobody
)
Index("ix_presence_seen", presence.c.workbook_id, presence.c.seen_at)


# -- errors the pages turn into messages -----------------------------------------------------
class StoreError(LocalizedError):
    """A workbook cannot be opened or saved; `message(lang)` says why."""


class UnknownLink(StoreError):
    def __init__(self) -> None:
        super().__init__("store.unknown_link")


class RevokedLink(StoreError):
    def __init__(self) -> None:
        super().__init__("store.revoked_link")


class ReadOnly(StoreError):
    def __init__(self) -> None:
        super().__init__("edit.read_only")


class OwnerLink(StoreError):
    """Only the owner's link may replace the owner's link, and no link may revoke it."""

    def __init__(self) -> None:
        super().__init__("store.owner_link")


class StaleBase(StoreError):
    """A save names a revision the workbook never had (forged, or from another workbook)."""

    def __init__(self) -> None:
        super().__init__("store.stale_base")


class SaveUnavailable(StoreError):
    def __init__(self, detail: str = "") -> None:
        super().__init__("store.unavailable")
        self.detail = detail


# -- what the store hands out ----------------------------------------------------------------
@dataclass(frozen=True)
class Access:
    """What a link allowed when it was last asked: which workbook, in which role, under which
    label, and whether it is the owner's. The store asks again at every operation."""

    workbook_id: str
    link_id: str
    role: Role
    label: str
    owner: bool = False

    @property
    def can_edit(self) -> bool:
        return self.role == "edit"


@dataclass(frozen=True)
class Status:
    """A page's cheap look at its workbook: the latest revision and its link as it is now
    (`access` None: the link was revoked)."""

    revision: int
    access: Access | None


@dataclass(frozen=True)
class Opened:
    workbook: Workbook
    units: dict[str, Any]
    revision: int
    access: Access


@dataclass(frozen=True)
class Conflict:
    """A unit that two pages changed: the value that was replaced, by whom, in which revision."""

    key: str
    replaced: Any  # the value the other page had saved (None: it had removed it)
    kept: Any  # the value that won (the later save)
    revision: int  # the revision that held the replaced value
    by: str  # the label of the link that saved the replaced value
    page: str  # the page that saved the replaced value


@dataclass(frozen=True)
class Committed:
    revision: int
    others: dict[str, Any]  # units others saved since the base (key -> value, None: gone)
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class Since:
    """What others saved after a revision: the merged units and the conflicts among them."""

    revision: int
    changes: dict[str, Any]
    conflicts: tuple[Conflict, ...] = ()
    origins: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # key -> who saved it

    def origin(self, key: str) -> tuple[int, str, str]:
        """(revision, label, page) of the last save of `key`."""
        return self.origins.get(key, (self.revision, "", ""))


@dataclass(frozen=True)
class Revision:
    number: int
    at: datetime
    label: str
    kind: str
    changes: dict[str, list]  # key -> [old, new]
    conflicts: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    id: str
    role: Role
    label: str
    created_at: datetime
    revoked: bool
    owner: bool = False


@dataclass(frozen=True)
class Present:
    label: str
    role: Role


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def new_token() -> str:
    """A link token: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)  # SQLite hands back naive datetimes


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _label(text: str) -> str:
    return " ".join((text or "").split())[:MAX_LABEL]


def _access(row: Any) -> Access:
    return Access(row.workbook_id, row.id, row.role, row.label, bool(row.owner))


class WorkbookStore(Database):
    """Workbooks in the shared database. Thread-safe; one per process is enough."""

    unavailable = SaveUnavailable

    def __init__(
        self,
        url: str | None = None,
        *,
        engine: Engine | None = None,
        attempts: int = 6,
        sleep: Callable[[float], None] = time.sleep,
        keep_days: int = KEEP_EVERY_REVISION_DAYS,
    ) -> None:
        super().__init__(url, engine=engine, attempts=attempts, sleep=sleep)
        self.keep_days = keep_days

    # -- creating and opening ----------------------------------------------------------------
    def create(self, workbook: Workbook, label: str = "", token: str | None = None) -> str:
        """Store a new workbook with its owner's edit link; returns that link's token."""
        token = token or new_token()
        if not TOKEN_PATTERN.match(token):
            raise UnknownLink()
        values = U.flatten(workbook)
        now = _now()
        workbook_id = secrets.token_hex(16)  # the row's own id: a file opened twice is two rows

        def write() -> None:
            with self._transaction(write=True) as conn:
                conn.execute(
                    workbooks.insert().values(
                        id=workbook_id, created_at=now, updated_at=now, revision=1
                    )
                )
                if values:
                    conn.execute(
                        units.insert(),
                        [{"workbook_id": workbook_id, "key": k, "value": _dump(v)}
                         for k, v in values.items()],
                    )  # fmt: skip
                link_id = self._insert_link(
                    conn, workbook_id, token, "edit", label, now, owner=True
                )
                conn.execute(
                    revisions.insert().values(
                        workbook_id=workbook_id, number=1, at=now, link_id=link_id,
                        label=_label(label), page="", kind="created",
                        changes=_dump({k: [None, v] for k, v in values.items()}), conflicts=None,
                    )
                )  # fmt: skip

        self._retrying(write)
        return token

    def _insert_link(
        self,
        conn: Connection,
        workbook_id: str,
        token: str,
        role: Role,
        label: str,
        now: datetime,
        owner: bool = False,
    ) -> str:
        link_id = secrets.token_hex(8)
        conn.execute(
            links.insert().values(
                id=link_id, workbook_id=workbook_id, token_hash=hash_token(token), role=role,
                label=_label(label), created_at=now, revoked_at=None, owner=owner,
            )
        )  # fmt: skip
        return link_id

    def access(self, token: str | None) -> Access:
        """What `token` opens; UnknownLink (also for a token of the wrong shape), RevokedLink."""
        if not token or not TOKEN_PATTERN.match(token):
            raise UnknownLink()
        wanted = hash_token(token)

        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(select(links).where(links.c.token_hash == wanted)).first()

        row = self._retrying(read)
        if row is None:
            raise UnknownLink()
        if row.revoked_at is not None:
            raise RevokedLink()
        return _access(row)

    def exists(self, token: str | None) -> bool:
        try:
            self.access(token)
        except StoreError:
            return False
        return True

    def _authority(self, conn: Connection, access: Access, edit: bool = False) -> Access:
        """The link of `access` as it is now, in this transaction: RevokedLink when it was
        revoked (or removed), ReadOnly when `edit` is asked of a link that may only read.
        Locks the link's row (PostgreSQL), so a revocation waits for this write or comes first."""
        query = select(links).where(
            links.c.id == access.link_id, links.c.workbook_id == access.workbook_id
        )
        if edit:
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None or row.revoked_at is not None:
            raise RevokedLink()
        current = _access(row)
        if edit and not current.can_edit:
            raise ReadOnly()
        return current

    def open(self, token: str | None) -> Opened:
        """The workbook behind a link, as of its latest revision."""
        access = self.access(token)

        def read():
            with self._transaction(write=False) as conn:
                self._authority(conn, access)
                head = conn.execute(
                    select(workbooks).where(workbooks.c.id == access.workbook_id)
                ).first()
                rows = conn.execute(
                    select(units.c.key, units.c.value).where(
                        units.c.workbook_id == access.workbook_id
                    )
                )
                return head, {r.key: json.loads(r.value) for r in rows}

        head, values = self._retrying(read)
        if head is None:
            raise UnknownLink()
        workbook = U.build(values)
        workbook.updated = _utc(head.updated_at).replace(microsecond=0)
        return Opened(workbook, values, head.revision, access)

    def load(self, token: str | None) -> Workbook:
        """The workbook behind a link (to read it in a script or a notebook)."""
        return self.open(token).workbook

    # -- saving ------------------------------------------------------------------------------
    def commit(
        self,
        access: Access,
        base: int,
        changes: Mapping[str, Any],
        page: str = "",
        kind: str = "edit",
    ) -> Committed:
        """Save `changes` (key -> new value, None: removed) made on top of revision `base`.

        The link must still be an edit link, read in the same transaction (RevokedLink,
        ReadOnly otherwise: nothing is written). Others' saves since `base` are merged: their
        units come back in `others`; where both changed the same unit, this (later) save wins
        and the replaced value is reported in `conflicts` and kept in the history.
        """
        changes = dict(changes)

        def write() -> Committed:
            with self._transaction(write=True) as conn:
                current_access = self._authority(conn, access, edit=True)
                head = conn.execute(
                    update(workbooks)
                    .where(workbooks.c.id == access.workbook_id)
                    .values(revision=workbooks.c.revision)  # takes the row's write lock
                    .returning(workbooks.c.revision)
                ).first()
                if head is None:
                    raise UnknownLink()
                latest = head.revision
                if not 1 <= base <= latest:
                    raise StaleBase()
                since = self._since(conn, access.workbook_id, base)
                mine = dict(changes)
                conflicts = []
                for key, value in changes.items():
                    if key not in since.changes:
                        continue
                    theirs = since.changes[key]
                    if U.is_order(key):
                        base_order = self._value_at(conn, access.workbook_id, key, base)
                        mine[key] = U.merge_order(base_order, value, theirs)
                    elif theirs != value:
                        origin = since.origin(key)
                        conflicts.append(
                            Conflict(key, theirs, value, origin[0], origin[1], origin[2])
                        )
                if not mine:
                    return Committed(latest, since.changes, tuple(conflicts))
                current = {
                    r.key: json.loads(r.value)
                    for r in conn.execute(
                        select(units.c.key, units.c.value).where(
                            units.c.workbook_id == access.workbook_id, units.c.key.in_(list(mine))
                        )
                    )
                }
                record = {k: [current.get(k), v] for k, v in mine.items() if current.get(k) != v}
                if not record:
                    others = {k: v for k, v in since.changes.items() if k not in mine}
                    return Committed(latest, others, tuple(conflicts))
                self._write_units(conn, access.workbook_id, {k: v for k, (_o, v) in record.items()})
                number = latest + 1
                now = _now()
                conn.execute(
                    revisions.insert().values(
                        workbook_id=access.workbook_id, number=number, at=now,
                        link_id=access.link_id, label=_label(current_access.label),
                        page=page[:32], kind=kind, changes=_dump(record),
                        conflicts=_dump({c.key: {"value": c.replaced, "revision": c.revision,
                                                 "page": c.page} for c in conflicts})
                        if conflicts else None,
                    )
                )  # fmt: skip
                conn.execute(
                    update(workbooks)
                    .where(workbooks.c.id == access.workbook_id)
                    .values(revision=number, updated_at=now)
                )
                others = {k: v for k, v in since.changes.items() if k not in mine}
                for key in mine:  # a merged order is what the page must show too
                    if U.is_order(key) and mine[key] != changes[key]:
                        others[key] = mine[key]
                return Committed(number, others, tuple(conflicts))

        return self._retrying(write)

    def _write_units(self, conn: Connection, workbook_id: str, values: Mapping[str, Any]) -> None:
        gone = [k for k, v in values.items() if v is None]
        if gone:
            conn.execute(delete(units).where(units.c.workbook_id == workbook_id,
                                             units.c.key.in_(gone)))  # fmt: skip
        rows = [
            {"workbook_id": workbook_id, "key": k, "value": _dump(v)}
            for k, v in values.items()
            if v is not None
        ]
        if rows:
            stmt = self._upsert_statement(units)
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=["workbook_id", "key"], set_={"value": stmt.excluded.value}
                ),
                rows,
            )

    def _since(self, conn: Connection, workbook_id: str, base: int) -> Since:
        rows = conn.execute(
            select(revisions)
            .where(revisions.c.workbook_id == workbook_id, revisions.c.number > base)
            .order_by(revisions.c.number)
        ).all()
        changes: dict[str, Any] = {}
        origins: dict[str, tuple[int, str, str]] = {}
        conflicts = []
        for row in rows:
            for key, (_old, new) in json.loads(row.changes).items():
                changes[key] = new
                origins[key] = (row.number, row.label, row.page)
            for key, lost in json.loads(row.conflicts or "{}").items():
                conflicts.append(
                    Conflict(key, lost["value"], None, lost["revision"], "", lost.get("page", ""))
                )
        latest = rows[-1].number if rows else base
        return Since(latest, changes, tuple(conflicts), origins)

    def _value_at(self, conn: Connection, workbook_id: str, key: str, number: int) -> Any:
        """A unit's value as of revision `number` (the old value of the first later change)."""
        rows = conn.execute(
            select(revisions.c.changes)
            .where(revisions.c.workbook_id == workbook_id, revisions.c.number > number)
            .order_by(revisions.c.number)
        )
        for row in rows:
            change = json.loads(row.changes).get(key)
            if change is not None:
                return change[0]
        found = conn.execute(
            select(units.c.value).where(units.c.workbook_id == workbook_id, units.c.key == key)
        ).first()
        return json.loads(found.value) if found else None

    def status(self, access: Access) -> Status:
        """The workbook's latest revision and the page's link as it is now, in one read: what
        a page asks every few seconds (`access` None in the answer: revoked)."""

        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(
                    select(links, workbooks.c.revision.label("head"))
                    .join(workbooks, workbooks.c.id == links.c.workbook_id)
                    .where(links.c.id == access.link_id,
                           links.c.workbook_id == access.workbook_id)
                ).first()  # fmt: skip

        row = self._retrying(read)
        if row is None:
            return Status(0, None)
        return Status(row.head, None if row.revoked_at is not None else _access(row))

    def since(self, access: Access, base: int) -> Since:
        """What was saved after revision `base` (for a page to catch up); RevokedLink once the
        page's link no longer opens the workbook."""

        def read():
            with self._transaction(write=False) as conn:
                self._authority(conn, access)
                return self._since(conn, access.workbook_id, base)

        return self._retrying(read)

    # -- history -----------------------------------------------------------------------------
    def history(self, access: Access, limit: int = 200) -> list[Revision]:
        """The latest revisions, newest first."""

        def read():
            with self._transaction(write=False) as conn:
                self._authority(conn, access)
                return conn.execute(
                    select(revisions)
                    .where(revisions.c.workbook_id == access.workbook_id)
                    .order_by(revisions.c.number.desc())
                    .limit(limit)
                ).all()

        return [
            Revision(
                r.number, _utc(r.at), r.label, r.kind, json.loads(r.changes),
                json.loads(r.conflicts or "{}"),
            )
            for r in self._retrying(read)
        ]  # fmt: skip

    def state_at(self, access: Access, number: int) -> dict[str, Any]:
        """All units as they were right after revision `number`."""

        def read():
            with self._transaction(write=False) as conn:
                self._authority(conn, access)
                return self._state_at(conn, access.workbook_id, number)

        return self._retrying(read)

    def _state_at(self, conn: Connection, workbook_id: str, number: int) -> dict[str, Any]:
        current = {
            r.key: json.loads(r.value)
            for r in conn.execute(
                select(units.c.key, units.c.value).where(units.c.workbook_id == workbook_id)
            )
        }
        later = conn.execute(
            select(revisions.c.changes)
            .where(revisions.c.workbook_id == workbook_id, revisions.c.number > number)
            .order_by(revisions.c.number.desc())
        )
        for row in later:  # undo the later revisions, newest first
            for key, (old, _new) in json.loads(row.changes).items():
                if old is None:
                    current.pop(key, None)
                else:
                    current[key] = old
        return current

    def thin(self, workbook_id: str, now: datetime | None = None) -> int:
        """Keep every revision of the last `keep_days` days; older ones are merged into one per
        day (the day's last state, its changes from the day's first). Returns how many went."""
        now = now or _now()
        cutoff = now - timedelta(days=self.keep_days)

        def write() -> int:
            with self._transaction(write=True) as conn:
                rows = conn.execute(
                    select(revisions)
                    .where(revisions.c.workbook_id == workbook_id, revisions.c.at < cutoff)
                    .order_by(revisions.c.number)
                ).all()
                days: dict[str, list] = {}
                for row in rows:
                    days.setdefault(_utc(row.at).date().isoformat(), []).append(row)
                removed = 0
                for group in days.values():
                    if len(group) < 2:
                        continue
                    merged: dict[str, list] = {}
                    for row in group:
                        for key, (old, new) in json.loads(row.changes).items():
                            merged[key] = [merged[key][0] if key in merged else old, new]
                    last = group[-1]
                    conn.execute(
                        update(revisions)
                        .where(revisions.c.workbook_id == workbook_id,
                               revisions.c.number == last.number)
                        .values(changes=_dump(merged), kind="thinned")
                    )  # fmt: skip
                    numbers = [r.number for r in group[:-1]]
                    conn.execute(
                        delete(revisions).where(
                            revisions.c.workbook_id == workbook_id,
                            revisions.c.number.in_(numbers),
                        )
                    )
                    removed += len(numbers)
                return removed

        return self._retrying(write)

    # -- links -------------------------------------------------------------------------------
    def links(self, access: Access) -> list[Link]:
        """Every link of the workbook, revoked ones included (to an edit link; a reading link
        sees its own only)."""

        def read():
            with self._transaction(write=False) as conn:
                current = self._authority(conn, access)
                query = select(links).where(links.c.workbook_id == access.workbook_id)
                if not current.can_edit:
                    query = query.where(links.c.id == access.link_id)
                return conn.execute(query.order_by(links.c.created_at)).all()

        return [
            Link(r.id, r.role, r.label, _utc(r.created_at), r.revoked_at is not None, r.owner)
            for r in self._retrying(read)
        ]

    def create_link(self, access: Access, role: Role, label: str) -> str:
        """A new link to the same workbook, made by an edit link that is still valid; returns
        its token, shown once."""
        if role not in ROLES:
            raise ValueError(role)
        token = new_token()

        def write() -> None:
            with self._transaction(write=True) as conn:
                self._authority(conn, access, edit=True)
                self._insert_link(conn, access.workbook_id, token, role, label, _now())

        self._retrying(write)
        return token

    def revoke(self, access: Access, link_id: str) -> None:
        """The link opens nothing from now on. Only a valid edit link revokes, never the link
        in use and never the owner's link (the owner replaces it instead)."""
        if link_id == access.link_id:
            raise StoreError("store.revoke_own")

        def write() -> None:
            with self._transaction(write=True) as conn:
                self._authority(conn, access, edit=True)
                target = conn.execute(
                    select(links.c.owner).where(
                        links.c.id == link_id, links.c.workbook_id == access.workbook_id
                    )
                ).first()
                if target is None:
                    return
                if target.owner:
                    raise OwnerLink()
                conn.execute(
                    update(links)
                    .where(links.c.id == link_id, links.c.revoked_at.is_(None))
                    .values(revoked_at=_now())
                )

        self._retrying(write)

    def replace_owner_link(self, access: Access) -> tuple[str, Access]:
        """A new owner's link in place of the one in use (which is revoked at once): for an
        owner whose link was seen by others. Only the owner's own link may do it; the new
        token is returned once."""
        token = new_token()

        def write() -> Access:
            with self._transaction(write=True) as conn:
                current = self._authority(conn, access, edit=True)
                if not current.owner:
                    raise OwnerLink()
                now = _now()
                link_id = self._insert_link(
                    conn, access.workbook_id, token, "edit", current.label, now, owner=True
                )
                conn.execute(
                    update(links)
                    .where(links.c.id == access.link_id)
                    .values(revoked_at=now, owner=False)
                )
                return Access(access.workbook_id, link_id, "edit", current.label, True)

        return token, self._retrying(write)

    # -- who has it open ---------------------------------------------------------------------
    def here(self, access: Access, page: str, heard: bool = True) -> list[Present]:
        """Note that `page` has the workbook open; returns the others heard from lately.

        `heard`: the page is known to be there now (outside Voilà: the page is this process).
        In Voilà the server hears the page's heartbeat and says so with `heard_from`; the
        kernel's own call then only keeps its row, so a page whose browser went away stops
        counting within PRESENCE_SECONDS although its kernel still runs.
        """
        now = _now()

        def write():
            with self._transaction(write=True) as conn:
                current = self._authority(conn, access)
                stmt = self._upsert_statement(presence).values(
                    workbook_id=access.workbook_id, page=page, label=_label(current.label),
                    role=current.role, seen_at=now, link_id=access.link_id,
                )  # fmt: skip
                keep = {"label": stmt.excluded.label, "role": stmt.excluded.role,
                        "link_id": stmt.excluded.link_id}  # fmt: skip
                if heard:
                    keep["seen_at"] = stmt.excluded.seen_at
                conn.execute(
                    stmt.on_conflict_do_update(index_elements=["workbook_id", "page"], set_=keep)
                )
                conn.execute(
                    delete(presence).where(
                        presence.c.seen_at < now - timedelta(seconds=PRESENCE_SECONDS * 10)
                    )
                )
                return conn.execute(
                    select(presence.c.label, presence.c.role)
                    .join(links, links.c.id == presence.c.link_id)
                    .where(
                        presence.c.workbook_id == access.workbook_id,
                        presence.c.page != page,
                        presence.c.seen_at >= now - timedelta(seconds=PRESENCE_SECONDS),
                        links.c.revoked_at.is_(None),
                    )
                ).all()

        return [Present(r.label, r.role) for r in self._retrying(write)]

    def heard_from(self, pages: list[str]) -> int:
        """The server heard these pages' heartbeats now: they count as open (see `here`)."""
        if not pages:
            return 0

        def write() -> int:
            with self._transaction(write=True) as conn:
                result = conn.execute(
                    update(presence).where(presence.c.page.in_(pages)).values(seen_at=_now())
                )
                return result.rowcount

        return self._retrying(write)

    def leave(self, access: Access, page: str) -> None:
        def write():
            with self._transaction(write=True) as conn:
                conn.execute(
                    delete(presence).where(
                        presence.c.workbook_id == access.workbook_id, presence.c.page == page
                    )
                )

        self._retrying(write)

    # -- workbooks saved as files by earlier versions ----------------------------------------
    def import_files(self, folder: Path) -> int:
        """Bring autosaved workbook files (`<token>.json`, before workbooks moved into the
        database) in, once: the file's name stays its edit link, so old addresses keep
        working. A file is moved to `imported/` only after it was stored; one that cannot be
        read stays where it is (and is logged)."""
        from .storage import WorkbookFileError, loads

        done = 0
        for path in sorted(Path(folder).glob("*.json")):
            token = path.stem
            if not TOKEN_PATTERN.match(token):
                continue
            try:
                if not self.exists(token):
                    workbook = loads(path.read_bytes())
                    self.create(workbook, label="", token=token)
                target = path.parent / "imported" / path.name
                target.parent.mkdir(exist_ok=True)
                path.replace(target)
                done += 1
            except (OSError, WorkbookFileError, StoreError):
                log.exception("autosaved workbook %s could not be imported; it is kept", path.name)
        return done
