"""The one database every kernel and every server shares: engine, schema migrations, retries.

SQLAlchemy Core, one code path for an embedded SQLite file (the default:
`$DIALOOG_DATA_DIR/dialoog.sqlite`, WAL mode, busy timeout) and PostgreSQL (when
DIALOOG_DATABASE_URL is set). Workshops and workbooks live in it side by side. The schema is
created and upgraded by numbered migrations kept in a small `dialoog_schema_version` table;
whichever kernel starts first migrates (PostgreSQL: under an advisory lock).
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    Table,
    create_engine,
    event,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from .paths import storage_dir

log = logging.getLogger(__name__)

URL_ENV = "DIALOOG_DATABASE_URL"
SQLITE_FILE = "dialoog.sqlite"
OLD_SQLITE_FILE = "workshops.sqlite"  # before workbooks moved in: used as it is when present
T = TypeVar("T")

metadata = MetaData()

schema_version = Table(
    "dialoog_schema_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
)


class Unavailable(Exception):
    """The database stayed locked or unreachable after every retry."""


# -- engine -------------------------------------------------------------------------------------
def database_url() -> str:
    """DIALOOG_DATABASE_URL, else the SQLite file under the data directory."""
    url = os.environ.get(URL_ENV, "").strip()
    if url:
        return normalise_url(url)
    folder = Path(storage_dir())
    old = folder / OLD_SQLITE_FILE
    path = old if old.exists() and not (folder / SQLITE_FILE).exists() else folder / SQLITE_FILE
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """Accept the usual spellings of a PostgreSQL URL and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _wal(cursor, busy_timeout: float) -> None:
    """Switch the file to WAL (kept in the file); several kernels may try on a new file at once.

    Changing the journal mode needs the file to itself and does not wait on the busy timeout,
    so a kernel that finds it locked tries again for a moment.
    """
    import sqlite3

    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02 + random.random() * 0.03)


def _sqlite_engine(url: str, busy_timeout: float) -> Engine:
    path = url.removeprefix("sqlite:///")
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"timeout": busy_timeout, "check_same_thread": False},
        pool_size=5,
        max_overflow=20,
        pool_timeout=60,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        # take over transaction control from the sqlite3 module, so BEGIN is ours (below)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        _wal(cursor, busy_timeout)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - exercised by every test
        # writers take the write lock at BEGIN, so the busy timeout applies and two writers
        # never deadlock upgrading a read lock
        immediate = conn.get_execution_options().get("dialoog_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_engine(url: str | None = None, *, busy_timeout: float = 5.0) -> Engine:
    """An engine for `url` (default: `database_url()`), with the settings each backend needs."""
    url = normalise_url(url or database_url())
    if url.startswith("sqlite"):
        return _sqlite_engine(url, busy_timeout)
    return create_engine(
        url,
        pool_pre_ping=True,  # a restarted server or a dropped connection is noticed, not fatal
        # a kernel needs one or two connections at a time; 40 kernels must fit in one server
        pool_size=2,
        max_overflow=8,
        pool_timeout=60,
        connect_args={"connect_timeout": 5},
    )


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def shared_engine(url: str | None = None) -> Engine:
    """One engine (and connection pool) per URL in this process, migrated on first use."""
    url = normalise_url(url or database_url())
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = make_engine(url)
            migrate(engine)
            _engines[url] = engine
        return engine


# -- migrations ---------------------------------------------------------------------------------
def _migration_1(conn: Connection) -> None:
    """Workshop sessions and their participants."""
    from .workshop import store

    metadata.create_all(conn, tables=[store.workshops, store.participants], checkfirst=True)


def _migration_2(conn: Connection) -> None:
    """Workbooks: their sections as units, every revision, the links that open them, who has
    them open."""
    from . import workbook_store as wb

    metadata.create_all(
        conn,
        tables=[wb.workbooks, wb.units, wb.revisions, wb.links, wb.presence],
        checkfirst=True,
    )


def _migration_3(conn: Connection) -> None:
    """Workshops: a countdown per session, open questions and their answers."""
    from sqlalchemy import inspect as inspect_db

    from .workshop import questions, store

    have = {c["name"] for c in inspect_db(conn).get_columns("workshops")}
    if "ends_at" not in have:  # a database made before this version
        kind = store.workshops.c.ends_at.type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE workshops ADD COLUMN ends_at {kind}")
    metadata.create_all(conn, tables=[questions.questions, questions.open_answers], checkfirst=True)


def _migration_4(conn: Connection) -> None:
    """Links: the owner's link is marked (only it can be replaced, nobody can revoke it). In a
    database made before, the owner's link is the one the workbook was created with (revision
    1), or, when that revision was thinned away, the workbook's first edit link. Presence
    names the link a page has open, so that a revoked link counts nobody."""
    from sqlalchemy import inspect as inspect_db

    from . import workbook_store as wb

    have = {c["name"] for c in inspect_db(conn).get_columns("workbook_links")}
    if "owner" not in have:
        kind = wb.links.c.owner.type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(
            f"ALTER TABLE workbook_links ADD COLUMN owner {kind} NOT NULL DEFAULT FALSE"
        )
    if "link_id" not in {c["name"] for c in inspect_db(conn).get_columns("workbook_presence")}:
        kind = wb.presence.c.link_id.type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE workbook_presence ADD COLUMN link_id {kind}")
    created = dict(
        conn.execute(
            select(wb.revisions.c.workbook_id, wb.revisions.c.link_id).where(
                wb.revisions.c.kind == "created"
            )
        ).all()
    )
    first: dict[str, str] = {}
    for row in conn.execute(
        select(wb.links.c.workbook_id, wb.links.c.id)
        .where(wb.links.c.role == "edit")
        .order_by(wb.links.c.created_at.desc())
    ):
        first[row.workbook_id] = row.id  # the last one seen is the earliest
    owners = [created.get(workbook) or link for workbook, link in first.items()]
    if owners:
        conn.execute(update(wb.links).where(wb.links.c.id.in_(owners)).values(owner=True))


def _migration_5(conn: Connection) -> None:
    """Workshops: a participant's answers are kept as they are tapped (a draft, and the screen
    they were on), so a phone comes back to them; a session can ask the facilitator to release
    open answers before the room sees them (approve-first)."""
    from sqlalchemy import inspect as inspect_db

    from .workshop import questions, store

    def add(table, column) -> None:
        have = {c["name"] for c in inspect_db(conn).get_columns(table.name)}
        if column.name not in have:
            kind = column.type.compile(dialect=conn.dialect)
            default = column.server_default.arg if column.server_default is not None else None
            tail = f" NOT NULL DEFAULT {default}" if default is not None else ""
            conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}{tail}")

    add(store.workshops, store.workshops.c.moderated)
    for name in ("draft", "screen", "seen_at"):
        add(store.participants, store.participants.c[name])
    add(questions.open_answers, questions.open_answers.c.released)


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(engine: Engine) -> int:
    with engine.connect() as conn:
        schema_version.create(conn, checkfirst=True)
        conn.commit()
        value = conn.execute(select(schema_version.c.version).where(schema_version.c.id == 1))
        return value.scalar() or 0


def migrate(engine: Engine) -> int:
    """Bring the database to SCHEMA_VERSION; safe when several kernels start at once."""
    with engine.connect() as conn:
        conn = conn.execution_options(dialoog_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                # one migrator at a time across every server; released at commit
                conn.execute(text("SELECT pg_advisory_xact_lock(7355608)"))
            schema_version.create(conn, checkfirst=True)
            version = conn.execute(
                select(schema_version.c.version).where(schema_version.c.id == 1)
            ).scalar()
            if version is None:
                conn.execute(schema_version.insert().values(id=1, version=0))
                version = 0
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"the dialoog database has schema version {version}; this dialoog knows up "
                    f"to {SCHEMA_VERSION}. Update dialoog on every server."
                )
            for number in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[number - 1](conn)
                conn.execute(
                    update(schema_version).where(schema_version.c.id == 1).values(version=number)
                )
                log.info("dialoog database migrated to version %d", number)
        return max(version, SCHEMA_VERSION)


# -- transactions and retries -------------------------------------------------------------------
class Database:
    """Transactions on an engine, retried with a bounded backoff when the database is locked or
    briefly unreachable (then `Unavailable`, or the subclass's own error)."""

    unavailable: type[Exception] = Unavailable

    def __init__(
        self,
        url: str | None = None,
        *,
        engine: Engine | None = None,
        attempts: int = 6,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.attempts = attempts
        self._sleep = sleep
        if engine is not None:
            self._retrying(lambda: migrate(engine))
            self.engine = engine
        else:
            self.engine = self._retrying(lambda: shared_engine(url))

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            if write:
                conn = conn.execution_options(dialoog_write=True)
            with conn.begin():
                yield conn

    def _retrying(self, operation: Callable[[], T]) -> T:
        """Run a whole transaction again when the database is locked or briefly unreachable.

        Writes are idempotent or checked (UPSERTs, state changes, a revision number that must
        be the next one), so running one twice after an unknown outcome is safe.
        """
        delay = 0.05
        for attempt in range(1, self.attempts + 1):
            try:
                return operation()
            except (OperationalError, DBAPIError) as exc:
                if isinstance(exc, IntegrityError):
                    raise
                if attempt == self.attempts:
                    log.warning("database unavailable after %d attempts: %s", attempt, exc)
                    raise self.unavailable(str(exc)) from exc
                log.info("database busy (attempt %d): %s", attempt, exc)
                self._sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")

    def _upsert_statement(self, table: Table):
        if self.backend == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)
