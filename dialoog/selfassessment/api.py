"""The self-assessment's operations: answer, keep an assessment to compare with, remove, name.

Pure functions on a `SelfAssessment`: each returns a new one (or a `Problem`), never changes
the one it is given; `Session.edit("selfassessment", …)` applies them.
"""

from __future__ import annotations

from datetime import date

from ..i18n import t
from ..model import Assessment, SelfAssessment
from ..problems import Outcome, Problem

MAX_LABEL = 200


def set_answer(
    selfassessment: SelfAssessment, statement_id: str, option_id: str | None, today: date
) -> SelfAssessment:
    """One answer of the current assessment stored (or, with None, cleared).

    The assessment's date becomes the day of its latest change.
    """
    current = selfassessment.current
    if current.answers.get(statement_id) == option_id:
        return selfassessment
    answers = dict(current.answers)
    if option_id is None:
        answers.pop(statement_id, None)
    else:
        answers[statement_id] = option_id
    changed = current.model_copy(update={"answers": answers, "taken": today})
    return selfassessment.model_copy(update={"current": changed})


def keep_as_earlier(
    selfassessment: SelfAssessment, label: str, taken: date | None
) -> Outcome[SelfAssessment] | Problem:
    """The current assessment kept among the earlier ones, and a new, empty one begun.

    An empty assessment is not worth keeping: that is a Problem. `Outcome.info["kept"]` is the
    kept assessment.
    """
    current = selfassessment.current
    if not current.answers:
        return Problem("sa.history.nothing_to_keep")
    name = " ".join(label.split())[:MAX_LABEL] or current.label
    kept = current.model_copy(update={"label": name, "taken": taken or current.taken})
    changed = SelfAssessment(current=Assessment(), earlier=[*selfassessment.earlier, kept])
    return Outcome(changed, {"kept": kept})


def add_measurement(selfassessment: SelfAssessment, assessment: Assessment) -> SelfAssessment:
    """An assessment made elsewhere (a workshop's pooled result) added to the earlier ones, so
    the radar can overlay it; one with the same id is replaced (taking it over twice adds one)."""
    earlier = [a for a in selfassessment.earlier if a.id != assessment.id]
    return selfassessment.model_copy(update={"earlier": [*earlier, assessment]})


def remove_earlier(
    selfassessment: SelfAssessment, assessment_id: str
) -> Outcome[SelfAssessment] | Problem:
    """An earlier assessment removed; `Outcome.info["removed"]` is the one removed."""
    for index, assessment in enumerate(selfassessment.earlier):
        if assessment.id == assessment_id:
            earlier = list(selfassessment.earlier)
            del earlier[index]
            return Outcome(
                selfassessment.model_copy(update={"earlier": earlier}), {"removed": assessment}
            )
    return Problem("sa.history.gone")


def label_of(assessment: Assessment, lang: str, *, current: bool = False) -> str:
    """How an assessment is named in the legend and lists: its label, with its date."""
    if current:
        label = assessment.label or t("sa.assessment.current", lang)
    elif assessment.label:
        label = assessment.label
    else:
        return t("sa.assessment.earlier_default", lang, date=assessment.taken or "?")
    if assessment.taken is None:
        return label
    return t("sa.assessment.label_with_date", lang, label=label, date=assessment.taken)
