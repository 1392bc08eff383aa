"""The workshop's operations that are pure functions: what a participant may send, and what a
facilitator takes from the room into the company's workbook.

A participant's answers come from a phone, without a kernel: `clean_answers` keeps only what
the session asked, in the shape and with the values the questionnaire allows (a forged or
stale request stores nothing else). What a facilitator takes over: the group's self-assessment
as a measurement, and the room's open answers below a step's text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlparse

from ..content import Content
from ..formatting import format_date
from ..i18n import t
from ..model import Assessment
from .instrument import FORMS_KEY, PARTICIPANT_KINDS, SA_KEY, Instrument
from .store import Questionnaire, Workshop

MAX_PHONE_TEXT = 5_000  # one text answer typed on a phone in a workshop
TOKEN_PARAM = "werkboek"  # the workbook's link in an address (as in dialoog.session)
FACILITATOR_PARAM = "beheer"


def _param(text: str, name: str) -> str:
    """The value of `name` in a pasted link (…?name=VALUE), or the text itself."""
    text = (text or "").strip()
    if "?" in text or f"{name}=" in text:
        values = parse_qs(urlparse(text).query or text.split("?", 1)[-1]).get(name)
        if values:
            return values[0]
    return text


def token_from(text: str) -> str:
    """The workbook token in a pasted workbook link (…?werkboek=TOKEN), or the text itself."""
    return _param(text, TOKEN_PARAM)


def secret_from(text: str) -> str:
    """The secret in a pasted facilitator link (…?beheer=SECRET), or the text itself."""
    return _param(text, FACILITATOR_PARAM)


def clean_answers(
    raw: object, questionnaire: Questionnaire, instrument: Instrument | None, content: Content
) -> dict[str, Any]:
    """What a phone sent, reduced to what the session asked: statements of the instrument with
    an answer of its scale, and the questionnaire's form fields with a value of their kind.
    Anything else (unknown keys, wrong types, options that do not exist) is left out."""
    raw = raw if isinstance(raw, Mapping) else {}
    out: dict[str, Any] = {}
    given = raw.get(SA_KEY)
    if questionnaire.selfassessment and instrument is not None and isinstance(given, Mapping):
        options = {o.id for o in instrument.options}
        known = {s.id for s in instrument.statements}
        answers = {k: v for k, v in given.items() if k in known and v in options}
        if answers:
            out[SA_KEY] = answers
    forms = raw.get(FORMS_KEY)
    forms = forms if isinstance(forms, Mapping) else {}
    kept: dict[str, dict[str, Any]] = {}
    for form_id in questionnaire.form_ids:
        values = forms.get(form_id)
        if not isinstance(values, Mapping):
            continue
        try:
            form = content.form(form_id)
        except KeyError:
            continue
        fields = {}
        for spec in form.fields:
            if spec.kind in PARTICIPANT_KINDS and spec.id in values:
                value = _field_value(spec, values[spec.id])
                if value is not None:
                    fields[spec.id] = value
        if fields:
            kept[form_id] = fields
    if kept:
        out[FORMS_KEY] = kept
    return out


def _field_value(spec, value: object) -> Any:
    """One form answer as the workbook stores it, or None when it does not fit the field."""
    options = [o.id for o in spec.options]
    if spec.kind in ("text", "longtext"):
        text = value.strip()[:MAX_PHONE_TEXT] if isinstance(value, str) else ""
        return text or None
    if spec.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return None
        try:
            number = float(str(value).replace(",", ".")) if isinstance(value, str) else value
        except ValueError:
            return None
        return float(number) if math.isfinite(number) else None
    if spec.kind == "choice":
        return value if value in options else None
    if spec.kind in ("multichoice", "checklist"):
        chosen = set(value) if isinstance(value, list) else set()
        picked = [o for o in options if o in chosen]
        return picked or None
    if spec.kind == "date":
        try:
            return date.fromisoformat(value).isoformat() if isinstance(value, str) else None
        except ValueError:
            return None
    return None


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
