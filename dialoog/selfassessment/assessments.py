"""Editing the self-assessments in a workbook: answer, keep as an earlier one, remove, name.

Model operations without widgets, so that the view only calls them and tests can, too. Each
assigns new objects (never mutates a dict in place), so pydantic validates every change.
"""

from __future__ import annotations

from datetime import date

from ..i18n import t
from ..model import Assessment, SelfAssessment


def set_answer(
    selfassessment: SelfAssessment, statement_id: str, option_id: str | None, today: date
) -> bool:
    """Store (or with None, clear) one answer of the current assessment; True when it changed.

    The assessment's date becomes the day of its latest change.
    """
    current = selfassessment.current
    if current.answers.get(statement_id) == option_id:
        return False
    answers = dict(current.answers)
    if option_id is None:
        answers.pop(statement_id, None)
    else:
        answers[statement_id] = option_id
    current.answers = answers
    current.taken = today
    return True


def keep_as_earlier(selfassessment: SelfAssessment, label: str, taken: date | None) -> Assessment:
    """Move the current assessment to the earlier ones and start a new, empty one.

    Raises ValueError when nothing has been answered: an empty assessment is not worth keeping.
    """
    current = selfassessment.current
    if not current.answers:
        raise ValueError("nothing answered")
    kept = Assessment(
        label=" ".join(label.split()) or current.label,
        taken=taken or current.taken,
        answers=dict(current.answers),
    )
    selfassessment.earlier = [*selfassessment.earlier, kept]
    selfassessment.current = Assessment()
    return kept


def remove_earlier(selfassessment: SelfAssessment, index: int) -> Assessment:
    earlier = list(selfassessment.earlier)
    removed = earlier.pop(index)
    selfassessment.earlier = earlier
    return removed


def label_of(assessment: Assessment, lang: str, *, current: bool = False) -> str:
    """How an assessment is named in the legend and lists: its label, with its date."""
    if current:
        label = assessment.label or t("sa.assessment.current", lang)
    elif assessment.label:
        label = assessment.label
    else:
        day = assessment.taken.isoformat() if assessment.taken else "?"
        return t("sa.assessment.earlier_default", lang, date=day)
    if assessment.taken is None:
        return label
    return t("sa.assessment.label_with_date", lang, label=label, date=assessment.taken.isoformat())
