"""What the projected room view shows, as plain data (the page draws it: `dialoog.server`).

The room view is opened with the session's room key, which shows the pooled results and
nothing else: no names, no participant ids, no controls. What it may read comes through the
store's `Room`; this module turns it into the page's state in one language, so that the page
only draws. Pooled results only from `MIN_GROUP` submissions on (a median of one or two
people would show their own answers).
"""

from __future__ import annotations

import math
from typing import Any

from ..content import Content
from ..i18n import t
from .instrument import Instrument
from .results import MIN_GROUP, room_results
from .store import Room
from .words import word_counts

CLOUD_WORDS = 30
WALL_ANSWERS = 12


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def _number(value: object) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def room_state(
    room: Room,
    instrument: Instrument | None,
    content: Content,
    lang: str,
    minimum: int = MIN_GROUP,
) -> dict[str, Any]:
    """The room's state: the session and its clock, the counts, the open question with the
    answers the room may see and their words, and the group's radar."""
    snapshot = room.snapshot()
    question, texts = room.question()
    workshop = snapshot.workshop
    state: dict[str, Any] = {
        "title": workshop.title,
        "language": workshop.language,
        "code": workshop.display_code,
        "open": workshop.is_open,
        "timed_out": workshop.timed_out,
        "ends_at": _iso(workshop.ends_at) if workshop.status == "open" else None,
        "joined": snapshot.joined,
        "submitted": len(snapshot.submitted),
        "question": None,
        "results": None,
    }
    if question is not None:
        ends = question.ends_at if question.is_open else None
        state["question"] = {
            "id": question.id,
            "text": question.text,
            "open": question.is_open,
            "ends_at": _iso(ends),
            "count": len(texts),
            "answers": list(reversed(texts[-WALL_ANSWERS:])),
            "words": [[word, n] for word, n in word_counts(texts, CLOUD_WORDS)],
        }
    if workshop.questionnaire.selfassessment and instrument is not None:
        results = room_results(snapshot, instrument, content, minimum)
        radar = None
        if results.enough and results.pooled is not None:
            pooled = results.pooled
            radar = [
                {
                    "label": content.element(e).title.get(lang),
                    "median": _number(pooled.loc[e, "median"]),
                    "q1": _number(pooled.loc[e, "q1"]),
                    "q3": _number(pooled.loc[e, "q3"]),
                    "differ": e in results.disagreement,
                }
                for e in results.element_ids
            ]
        state["results"] = {
            "enough": results.enough,
            "minimum": minimum,
            "submitted": results.submitted,
            "radar": radar,
            "threshold": instrument.threshold,
            "differ": [content.element(e).title.get(lang) for e in results.disagreement],
        }
    return state


def room_messages(lang: str) -> dict[str, str]:
    """The room page's texts in one language (its language switch asks the server again)."""
    from ..i18n import catalogue

    return {key: t(key, lang) for key in catalogue() if key.startswith(("ws.room.", "ws.timer."))}
