"""The workbook's own operations: answers to the questions of a form, and the organisation.

Pure functions: they take the current value of a section and return its new value, or a
`Problem` the user can read. `Session` applies them (`session.set_answer`, `session.edit`);
nothing else assigns into the workbook.
"""

from __future__ import annotations

from pydantic import ValidationError

from .i18n import catalogue
from .model import Answer, Organisation, is_filled
from .problems import Problem, from_validation

ORGANISATION_FIELDS = ("name", "sector", "authors", "contact")
MAX_TEXT = 100_000  # one answer (a pasted report); the workbook file may be 20 MB
MAX_ROWS = 500  # rows of a table question


def set_answer(
    answers: dict[str, dict[str, Answer]], form_id: str, field_id: str, value: Answer
) -> dict[str, dict[str, Answer]] | Problem:
    """The answers with one question's answer set; an empty answer removes it (so that 'empty'
    stays detectable)."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return Problem("problem.answer_too_long", {"limit": MAX_TEXT})
    if isinstance(value, list) and len(value) > MAX_ROWS:
        return Problem("problem.answer_too_many", {"limit": MAX_ROWS})
    form = dict(answers.get(form_id, {}))
    if is_filled(value):
        form[field_id] = value
    else:
        form.pop(field_id, None)
    out = dict(answers)
    if form:
        out[form_id] = form
    else:
        out.pop(form_id, None)
    return out


def set_organisation(organisation: Organisation, field: str, value: str) -> Organisation | Problem:
    """The organisation with one of its details changed (name, sector, authors, contact)."""
    if field not in ORGANISATION_FIELDS:
        raise KeyError(field)
    try:
        return Organisation.model_validate({**organisation.model_dump(), field: value})
    except ValidationError as exc:
        return from_validation(exc, lambda f: catalogue()[f"org.{f}"])
