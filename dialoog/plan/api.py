"""The follow-up's operations: agreements, the feedback letter, the evaluation (steps 8b–9b).

Pure functions on the workbook's `FollowUp`: each returns a new one (or an `Outcome` with it, or
a `Problem` the user can read); `Session.edit("followup", …)` applies them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

from ..formatting import parse_date
from ..i18n import catalogue
from ..problems import Outcome, Problem, from_validation
from .records import Agreement, EvaluationResponse, FollowUp

MAX_LETTER = FollowUp.model_fields["letter"].metadata[0].max_length


def _agreement_label(field: str):
    return catalogue().get(f"plan.view.field.{field}") or field


def add_agreement(followup: FollowUp, values: Mapping[str, Any] | None = None) -> Outcome | Problem:
    """A new agreement at the end of the register; `info["id"]` is its id."""
    try:
        agreement = Agreement.model_validate(dict(values or {}))
    except ValidationError as exc:
        return from_validation(exc, _agreement_label)
    changed = followup.model_copy(update={"agreements": [*followup.agreements, agreement]})
    return Outcome(changed, {"id": agreement.id})


def update_agreement(
    followup: FollowUp, agreement_id: str, values: Mapping[str, Any]
) -> FollowUp | Problem:
    """One agreement changed; texts over their length are refused with a message."""
    for index, agreement in enumerate(followup.agreements):
        if agreement.id == agreement_id:
            try:
                changed = Agreement.model_validate(
                    {**agreement.model_dump(), **values, "id": agreement.id}
                )
            except ValidationError as exc:
                return from_validation(exc, _agreement_label)
            if changed == agreement:
                return followup
            agreements = list(followup.agreements)
            agreements[index] = changed
            return followup.model_copy(update={"agreements": agreements})
    return Problem("plan.view.agreement_gone")


def remove_agreement(followup: FollowUp, agreement_id: str) -> FollowUp:
    kept = [a for a in followup.agreements if a.id != agreement_id]
    return followup.model_copy(update={"agreements": kept})


def import_follow_up(followup: FollowUp, rows: object) -> Outcome:
    """Copy the rows of step 8b's 'agreed follow-up' table into the register of agreements.

    Rows already in the register (same 'what') are skipped, so importing twice adds nothing;
    `info["added"]` says how many were added.
    """
    known = {a.what.casefold() for a in followup.agreements}
    added = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        what = str(row.get("what") or "").strip()[:5000]
        if not what or what.casefold() in known:
            continue
        known.add(what.casefold())
        added.append(
            Agreement(
                what=what,
                owner=str(row.get("who") or "").strip()[:200],
                due=parse_date(row.get("due")),
            )
        )
    changed = followup.model_copy(update={"agreements": [*followup.agreements, *added]})
    return Outcome(changed, {"added": len(added)})


def set_letter(followup: FollowUp, text: str) -> Outcome | Problem:
    """The feedback letter replaced by `text`; `info["previous"]` keeps the text it replaced
    (for Undo)."""
    if len(text) > MAX_LETTER:
        return Problem("problem.too_long", {"field": catalogue()["plan.appendix.letter"],
                                            "limit": MAX_LETTER})  # fmt: skip
    return Outcome(followup.model_copy(update={"letter": text}), {"previous": followup.letter})


def add_evaluation(
    followup: FollowUp,
    perspective: str,
    respondent: str,
    answers: Mapping[str, str],
    taken: date,
    stakeholder_id: str | None = None,
) -> FollowUp | Problem:
    """One filled-in evaluation form (step 9b); an empty form is refused."""
    given = {k: v.strip() for k, v in answers.items() if isinstance(v, str) and v.strip()}
    if not given:
        return Problem("plan.view.eval_empty")
    try:
        response = EvaluationResponse(
            perspective=perspective or "company",
            respondent=respondent,
            stakeholder_id=stakeholder_id,
            taken=taken,
            answers=given,
        )
    except ValidationError as exc:
        return from_validation(exc, lambda f: catalogue().get(f"plan.view.{f}") or f)
    return followup.model_copy(update={"evaluations": [*followup.evaluations, response]})


def remove_evaluation(followup: FollowUp, response_id: str) -> FollowUp:
    kept = [r for r in followup.evaluations if r.id != response_id]
    return followup.model_copy(update={"evaluations": kept})
