"""The shared store of workshop sessions: one database for every kernel and every machine.

The tables live in the shared database of `dialoog.db` (SQLite by default, PostgreSQL when
DIALOOG_DATABASE_URL is set), beside the workbooks; `db` creates and migrates them.

Submissions are idempotent: one row per (session, participant), written with an UPSERT in the
same transaction that checks the session is open, so a double click, a retry or two requests
in the same millisecond never count twice. A locked or unreachable database is retried with a
bounded backoff and then reported as `StoreUnavailable`, which the views show as a message
with a retry button.
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    or_,
    select,
    update,
)
from sqlalchemy import (
    text as sql,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ..db import Database, make_engine, metadata  # noqa: F401 (make_engine: for callers)
from . import codes
from .instrument import Questionnaire
from .questions import OpenAnswer, OpenQuestion, OpenQuestions

log = logging.getLogger(__name__)

MAX_TITLE = 200
MAX_NAME = 80
MAX_ANSWERS_BYTES = 200_000  # a questionnaire's answers are a few kB; refuse anything absurd
WRONG_CODE_DELAY = 0.8  # seconds; slows down guessing, barely noticed by a person who mistyped

Status = Literal["open", "closed"]


workshops = Table(
    "workshops",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("join_code", String(16), nullable=False, unique=True),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("owner_hash", String(64), nullable=True, index=True),
    Column("title", String(MAX_TITLE), nullable=False),
    Column("language", String(2), nullable=False),
    Column("questionnaire", Text, nullable=False),  # JSON, see Questionnaire
    Column("status", String(10), nullable=False),
    Column("revision", Integer, nullable=False),  # bumps on every join, submission, close, reopen
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    # the round's countdown: past this moment the session takes no answers (migration 3)
    Column("ends_at", DateTime(timezone=True), nullable=True),
    # approve-first: open answers reach the room only once released (migration 5)
    Column("moderated", Boolean, nullable=False, server_default=sql("FALSE")),
)

participants = Table(
    "workshop_participants",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # join order, for pseudonyms
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("participant_id", String(64), nullable=False),
    Column("name", String(MAX_NAME), nullable=False),
    Column("answers", Text, nullable=True),  # JSON object; NULL until the first submission
    Column("joined_at", DateTime(timezone=True), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=True),
    Column("submit_count", Integer, nullable=False),
    # what the participant tapped so far, and the screen they were on (migration 5): a phone
    # that reloads, rescans or wakes up comes back to them
    Column("draft", Text, nullable=True),  # JSON, the shape of `answers`
    Column("screen", Integer, nullable=False, server_default=sql("0")),
    Column("seen_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("workshop_id", "participant_id", name="uq_participant"),
)


# -- errors the views turn into messages --------------------------------------------------------
class WorkshopError(Exception):
    """Base of the store's errors; `key` names the message in data/messages/workshop.yaml."""

    key = "ws.error.generic"


class UnknownCode(WorkshopError):
    key = "ws.error.unknown_code"


class MalformedCode(WorkshopError):
    key = "ws.error.malformed_code"


class AccessDenied(WorkshopError):
    key = "ws.error.access_denied"


class WorkshopClosed(WorkshopError):
    key = "ws.error.closed"


class QuestionClosed(WorkshopError):
    key = "ws.error.question_closed"


class InvalidSubmission(WorkshopError):
    key = "ws.error.invalid_submission"


class StoreUnavailable(WorkshopError):
    key = "ws.error.unavailable"


# -- values -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Workshop:
    """A session as participants may know it (no secret in here)."""

    id: str
    code: str
    title: str
    language: str
    questionnaire: Questionnaire
    status: Status
    revision: int
    created_at: datetime
    closed_at: datetime | None
    ends_at: datetime | None = None
    moderated: bool = False  # approve-first: open answers wait for the facilitator

    @property
    def is_open(self) -> bool:
        """Open, and its countdown (if any) not run out."""
        return self.status == "open" and not self.timed_out

    @property
    def timed_out(self) -> bool:
        return self.ends_at is not None and self.ends_at <= _now()

    def seconds_left(self) -> int | None:
        """Whole seconds until the countdown ends; None without one."""
        if self.ends_at is None or self.status != "open":
            return None
        return max(0, math.ceil((self.ends_at - _now()).total_seconds()))

    @property
    def display_code(self) -> str:
        return codes.format_code(self.code)


@dataclass(frozen=True)
class Participant:
    """One participant's row; `answers` is None until they submit. Facilitator eyes only."""

    seq: int
    participant_id: str
    name: str
    answers: dict[str, Any] | None
    joined_at: datetime
    submitted_at: datetime | None
    submit_count: int
    draft: dict[str, Any] | None = None  # what was tapped so far (not yet sent, or since)
    screen: int = 0  # the screen the participant was on

    @property
    def submitted(self) -> bool:
        return self.answers is not None


@dataclass(frozen=True)
class Snapshot:
    """Everything the facilitator's page shows, read in one transaction."""

    workshop: Workshop
    participants: tuple[Participant, ...] = field(default_factory=tuple)

    @property
    def joined(self) -> int:
        return len(self.participants)

    @property
    def submitted(self) -> tuple[Participant, ...]:
        return tuple(p for p in self.participants if p.submitted)

    def pseudonyms(self) -> dict[str, str]:
        """participant id -> 'P01', 'P02', … in the order they joined: stable, and no names
        (never the order of names on a screen)."""
        width = max(2, len(str(len(self.participants))))
        ordered = sorted(self.participants, key=lambda p: (p.joined_at, p.seq))
        return {p.participant_id: f"P{str(i).zfill(width)}" for i, p in enumerate(ordered, start=1)}


# -- the store ----------------------------------------------------------------------------------
def _now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)  # SQLite hands back naive datetimes


def _workshop(row: Any) -> Workshop:
    return Workshop(
        id=row.id,
        code=row.join_code,
        title=row.title,
        language=row.language,
        questionnaire=Questionnaire.from_json(row.questionnaire),
        status=row.status,
        revision=row.revision,
        created_at=_utc(row.created_at),
        closed_at=_utc(row.closed_at),
        ends_at=_utc(row.ends_at),
        moderated=bool(row.moderated),
    )


def _participant(row: Any) -> Participant:
    return Participant(
        seq=row.seq,
        participant_id=row.participant_id,
        name=row.name,
        answers=json.loads(row.answers) if row.answers is not None else None,
        joined_at=_utc(row.joined_at),
        submitted_at=_utc(row.submitted_at),
        submit_count=row.submit_count,
        draft=json.loads(row.draft) if row.draft else None,
        screen=int(row.screen or 0),
    )


def _clean_answers(answers: dict[str, Any]) -> str:
    """The answers as JSON, or InvalidSubmission when they are not a small JSON object."""
    if not isinstance(answers, dict) or not all(isinstance(k, str) for k in answers):
        raise InvalidSubmission("answers must be an object keyed by question id")
    try:
        data = json.dumps(answers, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise InvalidSubmission(str(exc)) from exc
    if len(data.encode()) > MAX_ANSWERS_BYTES:
        raise InvalidSubmission("answers too large")
    return data


def _clean_name(name: str | None) -> str:
    return " ".join((name or "").split())[:MAX_NAME]


class WorkshopStore(OpenQuestions, Database):
    """Sessions and submissions in the shared database. Thread-safe; one per process is enough.

    Participants' operations take the join code's session id and their own participant id;
    the facilitator's take a `Facilitation`, which only `facilitate(secret)` hands out.
    """

    unavailable = StoreUnavailable

    def __init__(
        self,
        url: str | None = None,
        *,
        engine: Engine | None = None,
        wrong_code_delay: float = WRONG_CODE_DELAY,
        attempts: int = 6,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.wrong_code_delay = wrong_code_delay
        super().__init__(url, engine=engine, attempts=attempts, sleep=sleep)

    def _refuse(self, error: WorkshopError) -> WorkshopError:
        """A wrong code or secret costs a moment, so that guessing is slow."""
        if self.wrong_code_delay:
            self._sleep(self.wrong_code_delay)
        return error

    # -- facilitator: create and open ----------------------------------------------------------
    def create(
        self,
        title: str,
        language: str = "nl",
        questionnaire: Questionnaire | None = None,
        *,
        owner_token: str | None = None,
        moderated: bool = False,
    ) -> tuple[Workshop, str]:
        """A new open session and its facilitator secret (shown once; only its hash is kept).

        The secret is random: nothing else (not the facilitator's workbook link, which may be
        on a projected address bar) leads to it. `owner_token` only lets that workbook list the
        sessions it started, without any right on them.
        """
        title = " ".join((title or "").split())[:MAX_TITLE]
        if not title:
            raise InvalidSubmission("title is empty")
        questionnaire = questionnaire or Questionnaire()
        language = language if language in ("nl", "en") else "nl"
        for _ in range(5):  # a join code collision is astronomically rare; try another code
            workshop_id = secrets.token_hex(16)
            secret = codes.new_secret()
            values = dict(
                id=workshop_id,
                join_code=codes.new_join_code(),
                secret_hash=codes.hash_secret(secret),
                owner_hash=codes.owner_hash(owner_token) if owner_token else None,
                title=title,
                language=language,
                questionnaire=questionnaire.to_json(),
                status="open",
                revision=0,
                created_at=_now(),
                closed_at=None,
                ends_at=None,
                moderated=bool(moderated),
            )

            def insert(values=values) -> None:
                with self._transaction(write=True) as conn:
                    conn.execute(workshops.insert().values(**values))

            try:
                self._retrying(insert)
            except IntegrityError:
                continue
            return self.workshop(workshop_id), secret
        raise StoreUnavailable("could not find a free join code")

    def facilitate(self, secret: str) -> Facilitation:
        """The facilitator's rights on the session of `secret`; AccessDenied (after a delay)."""
        secret = (secret or "").strip()
        if not secret or len(secret) > 100:
            raise self._refuse(AccessDenied())
        wanted = codes.hash_secret(secret)

        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(
                    select(workshops.c.id, workshops.c.secret_hash).where(
                        workshops.c.secret_hash == wanted
                    )
                ).first()

        row = self._retrying(read)
        if row is None or not codes.same_secret(secret, row.secret_hash):
            raise self._refuse(AccessDenied())
        return Facilitation(self, row.id, secret)

    def owned(self, owner_token: str) -> list[Workshop]:
        """The sessions created from a facilitator's workbook, newest first."""
        wanted = codes.owner_hash(owner_token)

        def read():
            with self._transaction(write=False) as conn:
                rows = conn.execute(
                    select(workshops)
                    .where(workshops.c.owner_hash == wanted)
                    .order_by(workshops.c.created_at.desc())
                )
                return [_workshop(r) for r in rows]

        return self._retrying(read)

    # -- anyone with the session's id ------------------------------------------------------------
    def workshop(self, workshop_id: str) -> Workshop:
        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(select(workshops).where(workshops.c.id == workshop_id)).first()

        row = self._retrying(read)
        if row is None:
            raise UnknownCode()
        return _workshop(row)

    def revision(self, workshop_id: str) -> tuple[int, str, int]:
        """A cheap read to see whether anything changed: the session's revision, its status
        ("closed" once its countdown has run out) and how many questions' countdowns have run
        out, so that a page also redraws when a round ends by the clock."""
        from .questions import questions

        def read():
            with self._transaction(write=False) as conn:
                expired = (
                    select(func.count())
                    .where(
                        questions.c.workshop_id == workshop_id,
                        questions.c.closed_at.is_(None),
                        questions.c.ends_at <= _now(),
                    )
                    .scalar_subquery()
                )
                return conn.execute(
                    select(
                        workshops.c.revision, workshops.c.status, workshops.c.ends_at, expired
                    ).where(workshops.c.id == workshop_id)
                ).first()

        row = self._retrying(read)
        if row is None:
            raise UnknownCode()
        ends = _utc(row.ends_at)
        timed_out = row.status == "open" and ends is not None and ends <= _now()
        return row.revision, "closed" if timed_out else row.status, int(row[3])

    # -- participants ----------------------------------------------------------------------------
    def find(self, code_text: str) -> Workshop:
        """The session of a typed join code; MalformedCode / UnknownCode after a short delay."""
        code = codes.normalise_code(code_text)
        if not codes.is_well_formed(code):
            raise self._refuse(MalformedCode())

        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(select(workshops).where(workshops.c.join_code == code)).first()

        row = self._retrying(read)
        if row is None:
            raise self._refuse(UnknownCode())
        return _workshop(row)

    def _bump_open(self, conn: Connection, workshop_id: str) -> None:
        """Take the session's row lock and bump its revision, or refuse when it is closed."""
        result = conn.execute(
            update(workshops)
            .where(
                workshops.c.id == workshop_id,
                workshops.c.status == "open",
                or_(workshops.c.ends_at.is_(None), workshops.c.ends_at > _now()),
            )
            .values(revision=workshops.c.revision + 1)
        )
        if result.rowcount == 1:
            return
        exists = conn.execute(select(workshops.c.id).where(workshops.c.id == workshop_id)).first()
        raise WorkshopClosed() if exists else UnknownCode()

    def _bump(self, conn: Connection, workshop_id: str) -> None:
        """Bump the session's revision (open or not): pages that watch it redraw."""
        result = conn.execute(
            update(workshops)
            .where(workshops.c.id == workshop_id)
            .values(revision=workshops.c.revision + 1)
        )
        if result.rowcount != 1:
            raise UnknownCode()

    def _insert(self):
        return self._upsert_statement(participants)

    def join(self, workshop_id: str, participant_id: str, name: str | None = None) -> None:
        """Register a participant (shown as joined); joining again only updates the name."""
        name = _clean_name(name)
        if not participant_id or len(participant_id) > 64:
            raise InvalidSubmission("participant id")

        def write() -> None:
            with self._transaction(write=True) as conn:
                self._bump_open(conn, workshop_id)
                stmt = self._insert().values(
                    workshop_id=workshop_id,
                    participant_id=participant_id,
                    name=name,
                    answers=None,
                    joined_at=_now(),
                    submitted_at=None,
                    submit_count=0,
                )
                conn.execute(
                    stmt.on_conflict_do_update(
                        index_elements=["workshop_id", "participant_id"],
                        set_={"name": stmt.excluded.name},
                    )
                )

        self._retrying(write)

    def save_draft(
        self, workshop_id: str, participant_id: str, draft: dict[str, Any], screen: int = 0
    ) -> bool:
        """Keep what a participant tapped so far, and the screen they are on, so that their
        phone comes back to it; nothing is sent to the session (the room does not change).
        False when the participant has not joined."""
        data = _clean_answers(draft)
        screen = max(0, min(int(screen), 1000))

        def write() -> bool:
            with self._transaction(write=True) as conn:
                result = conn.execute(
                    update(participants)
                    .where(
                        participants.c.workshop_id == workshop_id,
                        participants.c.participant_id == participant_id,
                    )
                    .values(draft=data, screen=screen, seen_at=_now())
                )
                return result.rowcount == 1

        return self._retrying(write)

    def submit(
        self,
        workshop_id: str,
        participant_id: str,
        answers: dict[str, Any],
        name: str | None = None,
    ) -> None:
        """Store a participant's answers; a second submission replaces the first. The draft
        becomes what was sent.

        Raises WorkshopClosed when the facilitator has closed the session (nothing is written),
        StoreUnavailable when the database stays locked or unreachable.
        """
        data = _clean_answers(answers)
        name = _clean_name(name)
        if not participant_id or len(participant_id) > 64:
            raise InvalidSubmission("participant id")

        def write() -> None:
            with self._transaction(write=True) as conn:
                self._bump_open(conn, workshop_id)
                now = _now()
                stmt = self._insert().values(
                    workshop_id=workshop_id,
                    participant_id=participant_id,
                    name=name,
                    answers=data,
                    joined_at=now,
                    submitted_at=now,
                    submit_count=1,
                    draft=data,
                )
                keep = {
                    "answers": stmt.excluded.answers,
                    "submitted_at": stmt.excluded.submitted_at,
                    "submit_count": participants.c.submit_count + 1,
                    "draft": stmt.excluded.draft,
                }
                if name:  # sending without a name keeps the name given when joining
                    keep["name"] = stmt.excluded.name
                conn.execute(
                    stmt.on_conflict_do_update(
                        index_elements=["workshop_id", "participant_id"], set_=keep
                    )
                )

        self._retrying(write)

    def participant(self, workshop_id: str, participant_id: str) -> Participant | None:
        """A participant's own row (to show them their name and whether they submitted)."""

        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(
                    select(participants).where(
                        participants.c.workshop_id == workshop_id,
                        participants.c.participant_id == participant_id,
                    )
                ).first()

        row = self._retrying(read)
        return _participant(row) if row is not None else None

    def room(self, key: str) -> Room:
        """The room view of the session of `key` (see `codes.room_key`); AccessDenied otherwise."""
        workshop_id, _, _ = (key or "").strip().partition(codes.ROOM_SEPARATOR)
        if not workshop_id or len(key) > 100:
            raise self._refuse(AccessDenied())

        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(
                    select(workshops.c.secret_hash).where(workshops.c.id == workshop_id)
                ).first()

        row = self._retrying(read)
        if row is None or not hmac.compare_digest(
            codes.room_key(workshop_id, row.secret_hash), key.strip()
        ):
            raise self._refuse(AccessDenied())
        return Room(self, workshop_id)

    def _room_key(self, workshop_id: str) -> str:
        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(
                    select(workshops.c.secret_hash).where(workshops.c.id == workshop_id)
                ).scalar_one()

        return codes.room_key(workshop_id, self._retrying(read))

    # -- used by Facilitation ------------------------------------------------------------------
    def _set_timer(self, workshop_id: str, seconds: float | None) -> Workshop:
        """A countdown for the session's round: it takes no answers after it (None: no timer).
        Starting one opens the session if it was closed."""
        ends = _now() + timedelta(seconds=seconds) if seconds else None

        def write() -> None:
            with self._transaction(write=True) as conn:
                conn.execute(
                    update(workshops)
                    .where(workshops.c.id == workshop_id)
                    .values(
                        status="open",
                        closed_at=None,
                        ends_at=ends,
                        revision=workshops.c.revision + 1,
                    )
                )

        self._retrying(write)
        return self.workshop(workshop_id)

    def _set_moderated(self, workshop_id: str, moderated: bool) -> Workshop:
        def write() -> None:
            with self._transaction(write=True) as conn:
                self._bump(conn, workshop_id)
                conn.execute(
                    update(workshops)
                    .where(workshops.c.id == workshop_id)
                    .values(moderated=bool(moderated))
                )

        self._retrying(write)
        return self.workshop(workshop_id)

    def _set_status(self, workshop_id: str, status: Status) -> Workshop:
        def write() -> None:
            with self._transaction(write=True) as conn:
                timed_out = workshops.c.ends_at.is_not(None) & (workshops.c.ends_at <= _now())
                conn.execute(
                    update(workshops)
                    .where(
                        workshops.c.id == workshop_id,
                        (workshops.c.status != status) | timed_out,
                    )
                    .values(
                        status=status,
                        closed_at=_now() if status == "closed" else None,
                        ends_at=None,
                        revision=workshops.c.revision + 1,
                    )
                )

        self._retrying(write)
        return self.workshop(workshop_id)

    def _snapshot(self, workshop_id: str) -> Snapshot:
        def read() -> Snapshot:
            with self._transaction(write=False) as conn:
                row = conn.execute(select(workshops).where(workshops.c.id == workshop_id)).first()
                if row is None:
                    raise UnknownCode()
                rows = conn.execute(
                    select(participants)
                    .where(participants.c.workshop_id == workshop_id)
                    .order_by(participants.c.seq)
                )
                return Snapshot(_workshop(row), tuple(_participant(r) for r in rows))

        return self._retrying(read)

    def _counts(self, workshop_id: str) -> tuple[int, int]:
        def read() -> tuple[int, int]:
            with self._transaction(write=False) as conn:
                row = conn.execute(
                    select(
                        func.count(),
                        func.count(participants.c.answers),
                    ).where(participants.c.workshop_id == workshop_id)
                ).first()
                return int(row[0]), int(row[1])

        return self._retrying(read)


class Facilitation:
    """The facilitator's rights on one session: see answers, close, reopen, export.

    Only `WorkshopStore.facilitate(secret)` makes one, so holding it is the proof of access.
    """

    def __init__(self, store: WorkshopStore, workshop_id: str, secret: str) -> None:
        self.store = store
        self.workshop_id = workshop_id
        self.secret = secret

    def workshop(self) -> Workshop:
        return self.store.workshop(self.workshop_id)

    def snapshot(self) -> Snapshot:
        return self.store._snapshot(self.workshop_id)

    def counts(self) -> tuple[int, int]:
        """(joined, submitted)."""
        return self.store._counts(self.workshop_id)

    def revision(self) -> tuple[int, str, int]:
        return self.store.revision(self.workshop_id)

    def close(self) -> Workshop:
        return self.store._set_status(self.workshop_id, "closed")

    def reopen(self) -> Workshop:
        return self.store._set_status(self.workshop_id, "open")

    def start_timer(self, seconds: float) -> Workshop:
        """Close the round by itself after `seconds` (the session is open until then)."""
        return self.store._set_timer(self.workshop_id, seconds)

    def stop_timer(self) -> Workshop:
        return self.store._set_timer(self.workshop_id, None)

    def pose(self, text: str, source: str | None = None, seconds: float | None = None):
        """Ask the room an open question (closing the one before), with an optional countdown."""
        return self.store._pose(self.workshop_id, text, source, seconds)

    def close_question(self, question_id: str) -> OpenQuestion:
        return self.store._set_question(self.workshop_id, question_id, open_=False)

    def reopen_question(self, question_id: str, seconds: float | None = None) -> OpenQuestion:
        return self.store._set_question(self.workshop_id, question_id, open_=True, seconds=seconds)

    def hide(self, answer: OpenAnswer, hidden: bool = True) -> None:
        """Keep an answer off the room view (or show it again); it stays in the export."""
        self.store._hide(self.workshop_id, answer.seq, hidden)

    def release(self, answer: OpenAnswer, released: bool = True) -> None:
        """Let an answer of an approve-first session reach the room (or take it back)."""
        self.store._release(self.workshop_id, answer.seq, released)

    def moderate(self, moderated: bool) -> Workshop:
        """Approve-first on or off for the answers that come from now on."""
        return self.store._set_moderated(self.workshop_id, moderated)

    def questions(self) -> list[OpenQuestion]:
        return self.store.questions(self.workshop_id)

    def open_answers(self, question_id: str) -> list[OpenAnswer]:
        """All answers, hidden ones included (marked)."""
        self.store.question(self.workshop_id, question_id)  # of this session, or UnknownCode
        return self.store.open_answers(question_id)

    def room_key(self) -> str:
        """The key of the projected room view of this session."""
        return self.store._room_key(self.workshop_id)

    def room(self) -> Room:
        return Room(self.store, self.workshop_id)


class Room:
    """What the projected page may read of one session: its title, code, counts, the pooled
    answers (without names or participant ids) and the open answers that are not hidden."""

    def __init__(self, store: WorkshopStore, workshop_id: str) -> None:
        self.store = store
        self.workshop_id = workshop_id

    def workshop(self) -> Workshop:
        return self.store.workshop(self.workshop_id)

    def revision(self) -> tuple[int, str, int]:
        return self.store.revision(self.workshop_id)

    def counts(self) -> tuple[int, int]:
        return self.store._counts(self.workshop_id)

    def snapshot(self) -> Snapshot:
        """The session with its participants made anonymous: no names, no participant ids,
        no times, in an order that follows the answers, not who joined when."""
        snapshot = self.store._snapshot(self.workshop_id)
        order = sorted(
            snapshot.participants,
            key=lambda p: (p.answers is None, json.dumps(p.answers, sort_keys=True)),
        )
        anonymous = tuple(
            Participant(i, f"room-{i}", "", p.answers, snapshot.workshop.created_at, None, 0)
            for i, p in enumerate(order, start=1)
        )
        return Snapshot(snapshot.workshop, anonymous)

    def question(self) -> tuple[OpenQuestion | None, list[str]]:
        """The question asked last and the texts of its answers that are not hidden."""
        question = self.store.current_question(self.workshop_id)
        if question is None:
            return None, []
        return question, [a.text for a in self.store.open_answers(question.id, on_wall=True)]
