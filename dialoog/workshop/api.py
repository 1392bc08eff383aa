"""The workshop's operations on a participant's own workbook: what is sent, and nothing else.

Also what a facilitator takes from the room into the company's workbook: the group's
self-assessment as a measurement, and the room's open answers below a step's text.

A participant's answers live in their own workbook first (through the self-assessment's and the
workbook's APIs, so the same rules apply as for a company); `submission` builds what is sent to
the session from it, as a pure function of the workbook.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..formatting import format_date
from ..i18n import t
from ..model import Assessment, Workbook, is_filled
from .instrument import FORMS_KEY, SA_KEY, Instrument
from .store import Questionnaire, Workshop


def submission(
    workbook: Workbook, questionnaire: Questionnaire, instrument: Instrument | None
) -> dict[str, Any]:
    """The questionnaire's answers, taken from the participant's workbook."""
    result: dict[str, Any] = {}
    if questionnaire.selfassessment and instrument is not None:
        own = workbook.selfassessment.current.answers
        result[SA_KEY] = {s.id: own[s.id] for s in instrument.statements if own.get(s.id)}
    forms = {}
    for form_id in questionnaire.form_ids:
        given = {
            field: value
            for field, value in workbook.answers.get(form_id, {}).items()
            if is_filled(value)
        }
        if given:
            forms[form_id] = given
    if forms:
        result[FORMS_KEY] = forms
    return result


def unanswered(workbook: Workbook, instrument: Instrument | None) -> int:
    """How many statements of the self-assessment the participant has not answered yet."""
    if instrument is None:
        return 0
    own = workbook.selfassessment.current.answers
    return sum(1 for s in instrument.statements if not own.get(s.id))


# -- from the room into the company's workbook ------------------------------------------------
def median_answers(
    submissions: Sequence[Mapping[str, str]], instrument: Instrument
) -> dict[str, str]:
    """The group's answer per statement: the median of the scored answers on the scale's
    order (the lower middle one for an even count), or "don't know" where nobody gave a
    scored answer but someone answered. So the group's measurement scores like one company's."""
    scored = [o.id for o in instrument.options if o.scored]
    unscored = [o.id for o in instrument.options if not o.scored]
    result: dict[str, str] = {}
    for statement in instrument.statements:
        given = [a.get(statement.id) for a in submissions if a.get(statement.id)]
        ranks = sorted(scored.index(v) for v in given if v in scored)
        if ranks:
            result[statement.id] = scored[ranks[(len(ranks) - 1) // 2]]
        elif given and unscored:
            result[statement.id] = unscored[0]
    return result


def group_measurement(
    workshop: Workshop, submissions: Sequence[Mapping[str, str]], instrument: Instrument, lang: str
) -> Assessment:
    """The room's self-assessment as a dated measurement for the company's radar; its id
    follows the session, so taking it over again replaces it instead of adding one."""
    taken = workshop.created_at.astimezone().date()
    return Assessment(
        id=f"workshop-{workshop.id[:24]}",
        label=t("ws.into.label", lang, title=workshop.title)[:200],
        source=t(
            "ws.into.source",
            lang,
            title=workshop.title,
            date=format_date(taken, lang),
            count=len(submissions),
        )[:200],
        taken=taken,
        answers=median_answers(submissions, instrument),
    )


def with_room_answers(
    current: str | None, workshop: Workshop, question: str, texts: Sequence[str], lang: str
) -> str:
    """A step's text with the room's answers to an open question added below it, under a
    heading that names the session (taking them over again does not add them twice)."""
    heading = t(
        "ws.into.answers_heading",
        lang,
        title=workshop.title,
        date=format_date(workshop.created_at.astimezone().date(), lang),
        question=question,
    )
    block = "\n".join([heading, *(f"- {text}" for text in texts)])
    current = (current or "").rstrip()
    if heading in current:  # replace what an earlier take-over wrote
        before, _, after = current.partition(heading)
        rest = after.split("\n\n", 1)[1] if "\n\n" in after else ""
        current = "\n\n".join(part for part in (before.rstrip(), rest.strip()) if part)
    return f"{current}\n\n{block}" if current else block
