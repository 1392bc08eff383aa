"""The workshop's operations on a participant's own workbook: what is sent, and nothing else.

A participant's answers live in their own workbook first (through the self-assessment's and the
workbook's APIs, so the same rules apply as for a company); `submission` builds what is sent to
the session from it, as a pure function of the workbook.
"""

from __future__ import annotations

from typing import Any

from ..model import Workbook, is_filled
from .instrument import FORMS_KEY, SA_KEY, Instrument
from .store import Questionnaire


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
