"""Open questions in a live session: the facilitator poses one, participants send a short
answer, the room sees the answers the facilitator has not hidden.

One question is asked at a time (posing a new one closes the one before). A participant has one
answer per question, which a second send replaces, so a retry never counts twice. A question
can have a countdown: past it, answers are refused until the facilitator reopens it. Hidden
answers stay in the database and in the facilitator's export, marked as hidden. In a session
that moderates (approve-first), an answer reaches the room only once the facilitator released
it; a changed answer waits for release again.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
    func,
    select,
    update,
)
from sqlalchemy import (
    text as sql,
)

from ..db import metadata
from .instrument import MAX_OPEN_ANSWER, MAX_QUESTION

questions = Table(
    "workshop_questions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("seq", Integer, nullable=False),
    Column("text", String(MAX_QUESTION), nullable=False),
    Column("source", String(40), nullable=True),  # the form it came from ("1", "9b"), if any
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
)

open_answers = Table(
    "workshop_open_answers",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column(
        "question_id",
        String(32),
        ForeignKey("workshop_questions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("participant_id", String(64), nullable=False),
    Column("text", String(MAX_OPEN_ANSWER), nullable=False),
    Column("hidden", Boolean, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    # approve-first sessions: the room sees an answer only once released (migration 5)
    Column("released", Boolean, nullable=False, server_default=sql("TRUE")),
    UniqueConstraint("question_id", "participant_id", name="uq_open_answer"),
)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    seq: int
    text: str
    source: str | None
    opened_at: datetime
    ends_at: datetime | None
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and (self.ends_at is None or self.ends_at > _now())

    def seconds_left(self) -> int | None:
        if self.ends_at is None or self.closed_at is not None:
            return None
        return max(0, math.ceil((self.ends_at - _now()).total_seconds()))


@dataclass(frozen=True)
class OpenAnswer:
    seq: int
    question_id: str
    participant_id: str
    text: str
    hidden: bool
    sent_at: datetime
    released: bool = True

    @property
    def on_wall(self) -> bool:
        """What the room sees: released and not hidden."""
        return self.released and not self.hidden


def _question(row: Any) -> OpenQuestion:
    return OpenQuestion(
        row.id,
        row.seq,
        row.text,
        row.source,
        _utc(row.opened_at),
        _utc(row.ends_at),
        _utc(row.closed_at),
    )


def _answer(row: Any) -> OpenAnswer:
    return OpenAnswer(
        row.seq,
        row.question_id,
        row.participant_id,
        row.text,
        bool(row.hidden),
        _utc(row.sent_at),
        bool(row.released),
    )


def clean_text(text: str | None, limit: int) -> str:
    """One line of plain text: whitespace runs made single, cut at `limit`."""
    return " ".join((text or "").split())[:limit]


class OpenQuestions:
    """The open-question operations of `WorkshopStore` (a mixin: it uses the store's
    transactions, retries and revision bump)."""

    def _pose(
        self, workshop_id: str, text: str, source: str | None = None, seconds: float | None = None
    ) -> OpenQuestion:
        from .store import InvalidSubmission

        text = clean_text(text, MAX_QUESTION)
        if not text:
            raise InvalidSubmission("question is empty")
        question_id = secrets.token_hex(16)
        now = _now()

        def write() -> None:
            with self._transaction(write=True) as conn:
                self._bump(conn, workshop_id)
                conn.execute(
                    update(questions)
                    .where(questions.c.workshop_id == workshop_id, questions.c.closed_at.is_(None))
                    .values(closed_at=now)
                )
                seq = conn.execute(
                    select(func.coalesce(func.max(questions.c.seq), 0)).where(
                        questions.c.workshop_id == workshop_id
                    )
                ).scalar_one()
                conn.execute(
                    questions.insert().values(
                        id=question_id,
                        workshop_id=workshop_id,
                        seq=int(seq) + 1,
                        text=text,
                        source=(source or None),
                        opened_at=now,
                        ends_at=now + timedelta(seconds=seconds) if seconds else None,
                        closed_at=None,
                    )
                )

        self._retrying(write)
        return self.question(workshop_id, question_id)

    def _set_question(
        self, workshop_id: str, question_id: str, *, open_: bool, seconds: float | None = None
    ) -> OpenQuestion:
        now = _now()
        values = (
            {"closed_at": None, "ends_at": now + timedelta(seconds=seconds) if seconds else None}
            if open_
            else {"closed_at": now}
        )

        def write() -> None:
            with self._transaction(write=True) as conn:
                self._bump(conn, workshop_id)
                if open_:  # one question at a time
                    conn.execute(
                        update(questions)
                        .where(
                            questions.c.workshop_id == workshop_id,
                            questions.c.id != question_id,
                            questions.c.closed_at.is_(None),
                        )
                        .values(closed_at=now)
                    )
                conn.execute(
                    update(questions)
                    .where(questions.c.workshop_id == workshop_id, questions.c.id == question_id)
                    .values(**values)
                )

        self._retrying(write)
        return self.question(workshop_id, question_id)

    def _hide(self, workshop_id: str, answer_seq: int, hidden: bool) -> None:
        self._mark(workshop_id, answer_seq, hidden=bool(hidden))

    def _release(self, workshop_id: str, answer_seq: int, released: bool = True) -> None:
        self._mark(workshop_id, answer_seq, released=bool(released))

    def _mark(self, workshop_id: str, answer_seq: int, **values: bool) -> None:
        def write() -> None:
            with self._transaction(write=True) as conn:
                self._bump(conn, workshop_id)
                mine = select(questions.c.id).where(questions.c.workshop_id == workshop_id)
                conn.execute(
                    update(open_answers)
                    .where(open_answers.c.seq == answer_seq, open_answers.c.question_id.in_(mine))
                    .values(**values)
                )

        self._retrying(write)

    # -- anyone in the session ---------------------------------------------------------------------
    def question(self, workshop_id: str, question_id: str) -> OpenQuestion:
        from .store import UnknownCode

        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(
                    select(questions).where(
                        questions.c.workshop_id == workshop_id, questions.c.id == question_id
                    )
                ).first()

        row = self._retrying(read)
        if row is None:
            raise UnknownCode()
        return _question(row)

    def current_question(self, workshop_id: str) -> OpenQuestion | None:
        """The question asked last (open or not), for participants and the room."""

        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(
                    select(questions)
                    .where(questions.c.workshop_id == workshop_id)
                    .order_by(questions.c.seq.desc())
                    .limit(1)
                ).first()

        row = self._retrying(read)
        return _question(row) if row is not None else None

    def questions(self, workshop_id: str) -> list[OpenQuestion]:
        def read():
            with self._transaction(write=False) as conn:
                return list(
                    conn.execute(
                        select(questions)
                        .where(questions.c.workshop_id == workshop_id)
                        .order_by(questions.c.seq)
                    )
                )

        return [_question(r) for r in self._retrying(read)]

    def answer_question(
        self, workshop_id: str, question_id: str, participant_id: str, text: str
    ) -> None:
        """A participant's answer (a second one replaces the first). QuestionClosed when the
        question is closed or its time is up; nothing is written then."""
        from .store import InvalidSubmission, QuestionClosed, UnknownCode, workshops

        text = clean_text(text, MAX_OPEN_ANSWER)
        if not text:
            raise InvalidSubmission("answer is empty")
        if not participant_id or len(participant_id) > 64:
            raise InvalidSubmission("participant id")

        def write() -> None:
            with self._transaction(write=True) as conn:
                row = conn.execute(
                    select(questions).where(
                        questions.c.workshop_id == workshop_id, questions.c.id == question_id
                    )
                ).first()
                if row is None:
                    raise UnknownCode()
                if not _question(row).is_open:
                    raise QuestionClosed()
                self._bump(conn, workshop_id)
                moderated = conn.execute(
                    select(workshops.c.moderated).where(workshops.c.id == workshop_id)
                ).scalar()
                stmt = self._upsert_statement(open_answers).values(
                    question_id=question_id,
                    participant_id=participant_id,
                    text=text,
                    hidden=False,
                    sent_at=_now(),
                    released=not moderated,
                )
                conn.execute(
                    stmt.on_conflict_do_update(
                        index_elements=["question_id", "participant_id"],
                        set_={
                            "text": stmt.excluded.text,
                            "sent_at": stmt.excluded.sent_at,
                            "released": stmt.excluded.released,  # a changed text: judged again
                        },
                    )
                )

        self._retrying(write)

    def open_answers(self, question_id: str, *, on_wall: bool = False) -> list[OpenAnswer]:
        """A question's answers in the order they came; `on_wall=True`: only those the room
        sees (released and not hidden)."""

        def read():
            with self._transaction(write=False) as conn:
                query = select(open_answers).where(open_answers.c.question_id == question_id)
                if on_wall:
                    query = query.where(
                        open_answers.c.hidden.is_(False), open_answers.c.released.is_(True)
                    )
                return list(conn.execute(query.order_by(open_answers.c.seq)))

        return [_answer(r) for r in self._retrying(read)]

    def my_answer(self, question_id: str, participant_id: str) -> OpenAnswer | None:
        def read():
            with self._transaction(write=False) as conn:
                return conn.execute(
                    select(open_answers).where(
                        open_answers.c.question_id == question_id,
                        open_answers.c.participant_id == participant_id,
                    )
                ).first()

        row = self._retrying(read)
        return _answer(row) if row is not None else None
