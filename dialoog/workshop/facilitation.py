"""The facilitator's open workshop: the only thing that acts on it, and the one that says what
changed (the workshop's `Session`).

Views and panels never touch the store: they ask this object (start, open, close, the clock,
questions, moderation, export, compare, take over) and watch its traits. One poller reads the
session's revision every few seconds and, when it changed, reads the session once and sets
`snapshot`, `results`, `question` and `answers`; `clock` bumps on every look, so that a
countdown that runs out is seen too. An action returns `None` or a `Problem` to show.

Rights come only from the facilitator's secret (`secret`, held by the page that created the
session or given in the facilitator link `?beheer=…`).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from traitlets import Any as AnyTrait
from traitlets import HasTraits, Int, List, Unicode

from ..content import Content
from ..i18n import t
from ..live import Poller
from ..problems import Problem
from ..selfassessment import api as sa_api
from ..session import Session, open_session
from . import api
from .instrument import Instrument, selfassessment_answers
from .questions import OpenAnswer
from .results import MIN_GROUP, export_files, pooled_scores, room_results
from .store import (
    Facilitation,
    InvalidSubmission,
    Questionnaire,
    Snapshot,
    WorkshopError,
    WorkshopStore,
)

log = logging.getLogger(__name__)


class WorkshopSession(HasTraits):
    """One facilitator's page on one workshop at a time (None of it until one is opened)."""

    snapshot = AnyTrait(None)  # Snapshot: the session and its participants
    results = AnyTrait(None)  # RoomResults: what the group's answers give
    questions = List()  # every open question asked, in order
    question = AnyTrait(None)  # the question asked last (open or not)
    answers = List()  # its answers, hidden and unreleased ones too
    revision = Int(0)  # bumps when anything above changed
    clock = Int(0)  # bumps on every look (a countdown may have run out meanwhile)
    checked_at = Unicode("")  # when the session was last looked at (ISO)
    problem = Unicode("")  # message key of why the last look failed ("" when it worked)
    secret = Unicode("")

    def __init__(
        self,
        store: WorkshopStore,
        session: Session,
        instrument: Instrument | None,
        content: Content,
        *,
        refresh_seconds: float = 2.5,
        minimum: int = MIN_GROUP,
    ) -> None:
        super().__init__()
        self.store, self.session = store, session
        self.instrument, self.content = instrument, content
        self.minimum = minimum
        self.refresh_seconds = refresh_seconds
        self.facilitation: Facilitation | None = None
        self.room_key = ""
        self._seen: tuple | None = None
        self._lock = threading.RLock()
        self.poller = Poller(refresh_seconds, self.refresh)

    @property
    def is_open(self) -> bool:
        return self.facilitation is not None

    # -- starting and opening -------------------------------------------------------------------
    def start(
        self, title: str, language: str, questionnaire: Questionnaire, moderated: bool = False
    ) -> Problem | None:
        """A new session, opened here; the facilitator's workbook lists it."""
        if not questionnaire.selfassessment and not questionnaire.form_ids:
            return Problem("ws.fac.nothing_to_ask")
        if not (title or "").strip():
            return Problem("ws.error.title_empty")
        try:
            _workshop, secret = self.store.create(
                title, language, questionnaire, owner_token=self.session.token,
                moderated=moderated,
            )  # fmt: skip
        except InvalidSubmission:
            return Problem("ws.error.title_empty")
        except WorkshopError as error:
            return Problem(error.key)
        self.session.save_now()
        return self.open(secret)

    def open(self, secret: str) -> Problem | None:
        """Open a session with its facilitator secret (a clear problem when it is wrong)."""
        try:
            facilitation = self.store.facilitate(secret)
            room_key = facilitation.room_key()
        except WorkshopError as error:
            return Problem(error.key)
        with self._lock:
            self.facilitation, self.room_key = facilitation, room_key
            self.secret = facilitation.secret
            self._seen = None
        self.refresh(force=True)
        return None

    def leave(self) -> None:
        """Back to the start (the session goes on; its link opens it again)."""
        with self._lock:
            self.facilitation, self.room_key, self.secret = None, "", ""
            self.snapshot = self.results = self.question = None
            self.questions, self.answers = [], []
            self.revision += 1

    def start_live(self) -> None:
        self.poller.start()

    def stop_live(self) -> None:
        self.poller.stop()

    # -- following the session -------------------------------------------------------------------
    def refresh(self, force: bool = False) -> bool:
        """Read the session again when it changed (or when forced); True when it did."""
        with self._lock:
            facilitation = self.facilitation
            if facilitation is None:
                return False
            try:
                seen = facilitation.revision()
                if force or seen != self._seen:
                    snapshot = facilitation.snapshot()
                    questions = facilitation.questions()
                    question = questions[-1] if questions else None
                    answers = facilitation.open_answers(question.id) if question else []
                else:
                    snapshot = None
            except WorkshopError as error:
                self.problem = error.key
                self.clock += 1
                return False
            self.problem = ""
            self.checked_at = datetime.now().astimezone().isoformat(timespec="seconds")
            if snapshot is not None:
                self._seen = seen
                self.snapshot = snapshot
                self.results = room_results(snapshot, self.instrument, self.content, self.minimum)
                self.questions, self.question, self.answers = questions, question, answers
                self.revision += 1
            self.clock += 1
            return snapshot is not None

    def _act(self, action, *args: Any) -> Problem | None:
        facilitation = self.facilitation
        if facilitation is None:
            return Problem("ws.error.generic")
        try:
            action(facilitation, *args)
        except InvalidSubmission:
            return Problem("ws.question.empty")
        except WorkshopError as error:
            return Problem(error.key)
        self.refresh(force=True)
        return None

    # -- the round, the clock, moderation ----------------------------------------------------------
    def close_round(self) -> Problem | None:
        return self._act(Facilitation.close)

    def reopen_round(self) -> Problem | None:
        return self._act(Facilitation.reopen)

    def set_timer(self, seconds: float) -> Problem | None:
        """A countdown for the round (0: none); at zero it takes no more answers."""
        if seconds:
            return self._act(Facilitation.start_timer, seconds)
        return self._act(Facilitation.stop_timer)

    def moderate(self, moderated: bool) -> Problem | None:
        """Approve-first on or off for the answers that come from now on."""
        return self._act(Facilitation.moderate, moderated)

    # -- open questions --------------------------------------------------------------------------
    def pose(self, text: str, source: str | None = None, seconds: float | None = None):
        if not (text or "").strip():
            return Problem("ws.question.empty")
        return self._act(Facilitation.pose, text, source or None, seconds or None)

    def close_question(self) -> Problem | None:
        if self.question is None:
            return None
        return self._act(Facilitation.close_question, self.question.id)

    def reopen_question(self, seconds: float | None = None) -> Problem | None:
        if self.question is None:
            return None
        return self._act(Facilitation.reopen_question, self.question.id, seconds or None)

    def hide(self, answer: OpenAnswer, hidden: bool = True) -> Problem | None:
        return self._act(Facilitation.hide, answer, hidden)

    def release(self, answer: OpenAnswer, released: bool = True) -> Problem | None:
        return self._act(Facilitation.release, answer, released)

    # -- what comes out of it --------------------------------------------------------------------
    def export(self, lang: str) -> tuple[bytes, bytes, bytes] | Problem:
        """(.xlsx with every sheet, .csv of the answers, .csv of the open questions)."""
        if self.facilitation is None:
            return Problem("ws.error.generic")
        try:
            snapshot = self.facilitation.snapshot()
            asked = [
                (q, self.facilitation.open_answers(q.id)) for q in self.facilitation.questions()
            ]
        except WorkshopError as error:
            return Problem(error.key)
        return export_files(snapshot, self.instrument, self.content, lang, asked)

    def compare(self, secret: str) -> tuple[Snapshot, Snapshot, Any, Any] | Problem:
        """This session beside another one (its facilitator link): both snapshots and their
        pooled scores; a problem when the link is wrong or either has too few answers."""
        if self.facilitation is None or self.instrument is None:
            return Problem("ws.error.generic")
        try:
            other = self.store.facilitate(secret)
            first, second = self.facilitation.snapshot(), other.snapshot()
        except WorkshopError as error:
            return Problem(error.key)
        for snap in (first, second):
            if len(snap.submitted) < self.minimum:
                return Problem(
                    "ws.fac.compare.too_few",
                    {"title": snap.workshop.title, "minimum": self.minimum,
                     "count": len(snap.submitted)},
                )  # fmt: skip
        a = pooled_scores(first, self.instrument, self.content)
        b = pooled_scores(second, self.instrument, self.content)
        return first, second, a, b

    def take_over(self, link: str, lang: str) -> list[str] | Problem:
        """The outcome into a workbook (a pasted workbook link, or this page's own): the
        group's self-assessment as a measurement on the radar of step 0, the room's answers to
        step questions below those steps' texts. The link is checked before anything is
        written; what was taken over is returned in words."""
        if self.facilitation is None:
            return Problem("ws.error.generic")
        try:
            snapshot = self.facilitation.snapshot()
            answered = [
                (q, [a.text for a in self.facilitation.open_answers(q.id) if a.on_wall])
                for q in self.facilitation.questions()
                if q.source
            ]
        except WorkshopError as error:
            return Problem(error.key)
        token = api.token_from(link)
        own = self.session
        opened = bool(token) and token != own.token
        target = open_session(token, store=own.store, content=self.content) if opened else own
        try:
            if target.access_problem:
                return Problem("ws.into.no_workbook", {"why": t(target.access_problem, lang)})
            if target.read_only:
                return Problem("ws.into.read_only")
            done = self._write_outcome(target, snapshot, answered, lang)
            target.save_now()
            if target.access_problem or target.read_only or (done and target.save_state != "saved"):
                return Problem("ws.into.not_saved")
        finally:
            if opened:
                target.stop_live()
        if not done:
            return Problem("ws.into.nothing", {"minimum": self.minimum})
        return done

    def _write_outcome(self, target: Session, snapshot: Snapshot, answered, lang: str):
        workshop, done = snapshot.workshop, []
        submissions = [selfassessment_answers(p.answers or {}) for p in snapshot.submitted]
        if (
            workshop.questionnaire.selfassessment
            and self.instrument is not None
            and len(submissions) >= self.minimum
        ):
            measurement = api.group_measurement(workshop, submissions, self.instrument, lang)
            target.edit("selfassessment", sa_api.add_measurement, measurement)
            done.append(t("ws.into.done_measurement", lang, count=len(submissions)))
        for question, texts in answered:
            form_id, _, field_id = question.source.partition("/")
            if not texts:
                continue
            current = target.workbook.answer(form_id, field_id)
            text = api.with_room_answers(
                current if isinstance(current, str) else "", workshop, question.text, texts, lang
            )
            if target.set_answer(form_id, field_id, text) is None:
                done.append(t("ws.into.done_answers", lang, count=len(texts), form=form_id))
        return done
