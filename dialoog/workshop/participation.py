"""What a participant's phone may do in a session, served without a kernel (`dialoog.server`).

A phone is one person: a random participant token it keeps (a cookie, never a name) is sent
with every request; the person's id in a session is derived from it (`codes.participant_id`).
So a reload, a second scan of the QR code, a phone that slept or lost its connection is the
same person, back on the screen they were on with their answers and name: what they tap is
kept as a draft in the workshop store as they go, and sending copies it into the session.

Every answer is reduced to what the session asked (`api.clean_answers`) before it is stored.
The operations return plain data (JSON for the page) or raise the store's `WorkshopError`s,
whose keys the page words in the participant's language.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..content import Content
from ..i18n import catalogue
from . import api, codes
from .instrument import MAX_OPEN_ANSWER, PARTICIPANT_KINDS, Instrument
from .store import InvalidSubmission, Participant, Workshop, WorkshopStore

PARTICIPANT_COOKIE = "dialoog_deelnemer"
TOKEN_LENGTH = 32
# the texts a participant's page needs, in both languages
MESSAGE_PREFIXES = ("ws.part.", "ws.error.", "ws.timer.", "ws.phone.")


def new_participant_token() -> str:
    return secrets.token_urlsafe(24)


def valid_token(token: str | None) -> bool:
    return (
        bool(token)
        and len(token) == TOKEN_LENGTH
        and token.replace("-", "").replace("_", "").isalnum()
    )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@dataclass(frozen=True)
class Participation:
    """A session's operations for its participants, on the shared store."""

    store: WorkshopStore
    instrument: Instrument | None
    content: Content

    # -- what the page shows ---------------------------------------------------------------------
    def find(self, code: str) -> Workshop:
        """The session of a typed or scanned code (MalformedCode, UnknownCode)."""
        return self.store.find(code)

    def session_state(self, workshop: Workshop) -> dict[str, Any]:
        """What every phone of a session follows: its state, clock and open question."""
        revision, status, expired = self.store.revision(workshop.id)
        workshop = self.store.workshop(workshop.id)
        question = self.store.current_question(workshop.id)
        asked = None
        if question is not None and question.closed_at is None:  # open, or its time is up
            asked = {
                "id": question.id,
                "text": question.text,
                "ends_at": _iso(question.ends_at),
                "open": question.is_open,
            }
        return {
            "revision": [revision, status, expired],
            "title": workshop.title,
            "language": workshop.language,
            "open": workshop.is_open,
            "timed_out": workshop.timed_out,
            "ends_at": _iso(workshop.ends_at) if workshop.status == "open" else None,
            "question": asked,
        }

    def state(self, code: str, token: str) -> dict[str, Any]:
        """Everything a phone needs when it (re)opens the page: the session, the questionnaire,
        and this person: joined or not, their name, draft, screen, when they sent, and their
        answer to the open question."""
        workshop = self.find(code)
        me = self._me(workshop, token)
        state = self.session_state(workshop)
        state["code"] = workshop.display_code
        state["questionnaire"] = self.questionnaire(workshop)
        state["me"] = self._person(workshop, me)
        return state

    def _me(self, workshop: Workshop, token: str) -> Participant | None:
        return self.store.participant(workshop.id, self._id(workshop, token))

    def _id(self, workshop: Workshop, token: str) -> str:
        if not valid_token(token):
            raise InvalidSubmission("participant token")
        return codes.participant_id(token, workshop.id)

    def _person(self, workshop: Workshop, me: Participant | None) -> dict[str, Any]:
        if me is None:
            return {"joined": False}
        question = self.store.current_question(workshop.id)
        mine = None
        if question is not None and question.closed_at is None:
            answer = self.store.my_answer(question.id, me.participant_id)
            mine = answer.text if answer is not None else None
        return {
            "joined": True,
            "name": me.name,
            "draft": me.draft or me.answers or {},
            "screen": me.screen,
            "submitted_at": _iso(me.submitted_at),
            "open_answer": mine,
        }

    def questionnaire(self, workshop: Workshop) -> dict[str, Any]:
        """The screens a phone shows, in both languages: one per element of the self-assessment
        (its statements), then the questions of the session's forms."""
        content, instrument = self.content, self.instrument
        screens: list[dict[str, Any]] = []
        options: list[dict[str, Any]] = []
        if workshop.questionnaire.selfassessment and instrument is not None:
            options = [
                {"id": o.id, "label": o.label.model_dump(), "scored": o.scored}
                for o in instrument.options
            ]
            for element in content.elements:
                statements = [s for s in instrument.statements if s.element == element.id]
                if statements:
                    screens.append(
                        {
                            "kind": "element",
                            "id": element.id,
                            "title": element.title.model_dump(),
                            "statements": [
                                {"id": s.id, "text": s.text.model_dump()} for s in statements
                            ],
                        }
                    )
        forms = []
        for form_id in workshop.questionnaire.form_ids:
            try:
                form = content.form(form_id)
            except KeyError:
                continue
            fields = [
                {
                    "id": spec.id,
                    "kind": spec.kind,
                    "label": spec.label.model_dump(),
                    "help": spec.help.model_dump() if spec.help else None,
                    "options": [{"id": o.id, "label": o.label.model_dump()} for o in spec.options],
                }
                for spec in form.fields
                if spec.kind in PARTICIPANT_KINDS
            ]
            if fields:
                forms.append({"id": form.id, "title": form.title.model_dump(), "fields": fields})
        if forms:
            screens.append({"kind": "forms", "forms": forms})
        return {
            "selfassessment": workshop.questionnaire.selfassessment,
            "options": options,
            "screens": screens,
            "max_open_answer": MAX_OPEN_ANSWER,
            "max_text": api.MAX_PHONE_TEXT,
        }

    # -- what the phone does ----------------------------------------------------------------------
    def join(self, code: str, token: str, name: str | None) -> dict[str, Any]:
        """Join (again): the same phone stays the same person; a name given now replaces the
        one given before, no name keeps it."""
        workshop = self.find(code)
        pid = self._id(workshop, token)
        me = self.store.participant(workshop.id, pid)
        keep = (me.name if me is not None else "") if not (name or "").strip() else name
        self.store.join(workshop.id, pid, keep)
        return self.state(code, token)

    def save(self, code: str, token: str, draft: object, screen: int) -> dict[str, Any]:
        """Keep what was tapped and the screen (the session does not change); the cleaned
        draft comes back, so the phone shows what was kept."""
        workshop = self.find(code)
        kept = api.clean_answers(draft, workshop.questionnaire, self.instrument, self.content)
        if not self.store.save_draft(workshop.id, self._id(workshop, token), kept, screen):
            raise InvalidSubmission("not joined")
        return {"draft": kept, "screen": screen}

    def submit(self, code: str, token: str, draft: object, screen: int) -> dict[str, Any]:
        """Send the answers to the session (a second send replaces the first). WorkshopClosed
        when the session is closed or its time is up: the draft is kept all the same."""
        workshop = self.find(code)
        pid = self._id(workshop, token)
        kept = api.clean_answers(draft, workshop.questionnaire, self.instrument, self.content)
        me = self.store.participant(workshop.id, pid)
        if me is None:
            raise InvalidSubmission("not joined")
        self.store.save_draft(workshop.id, pid, kept, screen)
        self.store.submit(workshop.id, pid, kept)
        sent = self.store.participant(workshop.id, pid)
        return {"draft": kept, "submitted_at": _iso(sent.submitted_at if sent else None)}

    def answer(self, code: str, token: str, question_id: str, text: str) -> dict[str, Any]:
        """An answer to the open question (a second one replaces the first)."""
        workshop = self.find(code)
        pid = self._id(workshop, token)
        if self.store.participant(workshop.id, pid) is None:
            raise InvalidSubmission("not joined")
        self.store.answer_question(workshop.id, str(question_id)[:64], pid, str(text or ""))
        return {"open_answer": " ".join(str(text).split())[:MAX_OPEN_ANSWER]}


def page_messages() -> dict[str, dict[str, str]]:
    """The participant page's texts, in Dutch and English."""
    return {
        key: text.model_dump()
        for key, text in catalogue().items()
        if key.startswith(MESSAGE_PREFIXES)
    }
