"""From answers to a score and a band per element, and from orange elements to priority steps.

The rule and its thresholds live in `data/selfassessment/rule.yaml` (and the README); this module
only applies them. Arithmetic is exact (fractions), so a score that lands on a threshold gets
the band the rule promises, whatever the number of statements.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ..content import Content, Form
from ..formatting import format_number
from ..i18n import tn
from ..model import Assessment, Workbook
from .statements import Rule, Scale, SelfAssessmentData, Statement, load_statements

Band = Literal["green", "orange", "insufficient"]
BANDS: tuple[Band, ...] = ("green", "orange", "insufficient")


@dataclass(frozen=True)
class ElementScore:
    """One element's result. `score` is None when too few statements are answered to judge."""

    element: str
    score: float | None
    band: Band
    answered: int  # statements answered on the agreement scale (these count)
    dont_know: int  # "weet ik niet / n.v.t." (answered, never counted)
    total: int
    weakest: str | None = None  # the answered statement with the fewest points

    @property
    def open(self) -> int:
        """Statements without any answer."""
        return self.total - self.answered - self.dont_know


@dataclass(frozen=True)
class AssessmentScore:
    """All elements in SER's order, and how much of the assessment is filled in."""

    elements: tuple[ElementScore, ...]

    @property
    def total(self) -> int:
        return sum(e.total for e in self.elements)

    @property
    def answered(self) -> int:
        """Statements with any answer, "weet ik niet" included (the form's progress)."""
        return sum(e.answered + e.dont_know for e in self.elements)

    @property
    def has_scores(self) -> bool:
        """False when no element has enough answers: nothing to chart, nothing to judge."""
        return any(e.score is not None for e in self.elements)

    def element(self, element_id: str) -> ElementScore:
        for item in self.elements:
            if item.element == element_id:
                return item
        raise KeyError(element_id)

    def in_band(self, band: Band) -> tuple[str, ...]:
        return tuple(e.element for e in self.elements if e.band == band)

    def scores(self) -> dict[str, float | None]:
        return {e.element: e.score for e in self.elements}


@dataclass(frozen=True)
class AnswerCheck:
    """Answers that the current content cannot score: kept in the workbook, but reported."""

    unknown_statements: tuple[str, ...] = ()
    unknown_options: tuple[str, ...] = ()  # statement ids whose option id is not on the scale

    def __bool__(self) -> bool:
        return bool(self.unknown_statements or self.unknown_options)


def score_text(value: float, green_from: float, lang: str = "nl") -> str:
    """A score for people: whole numbers, unless rounding would put it on the other side of the
    threshold (59.6 with a threshold of 60 shows as 59,6, never as a misleading 60)."""
    return format_number(value, lang, 0, threshold=green_from)


def answered_text(item: ElementScore, lang: str) -> str:
    """'4/4', or '4/4, waarvan 3 ‘weet ik niet’' when some answers do not count."""
    given = item.answered + item.dont_know
    if not item.dont_know:
        return f"{given}/{item.total}"
    return tn("sa.summary.answered_dont_know", lang, item.dont_know, given=given, total=item.total)


def needed_answers(total: int, rule: Rule) -> int:
    """How many counted answers an element of `total` statements needs to be judged."""
    return next(n for n in range(total + 1) if rule.enough(n, total)) if total else 0


def _answers(assessment: Assessment | Mapping[str, str]) -> Mapping[str, str]:
    return assessment.answers if isinstance(assessment, Assessment) else assessment


def _points(statement: Statement, option_id: str | None, scale: Scale) -> Fraction | None:
    """0-100 for an agreement answer (mirrored when reversed); None for no answer or 'dk'."""
    option = scale.option(option_id) if option_id is not None else None
    if option is None or option.value is None:
        return None
    value = option.value
    if statement.reversed:
        value = scale.low + scale.high - value
    return Fraction(100 * (value - scale.low), scale.high - scale.low)


def statement_points(statement: Statement, option_id: str | None, scale: Scale) -> float | None:
    """The points one answer gives (0-100), or None when it does not count."""
    points = _points(statement, option_id, scale)
    return None if points is None else float(points)


def band_for(score: Fraction | float | None, answered: int, total: int, rule: Rule) -> Band:
    """The band of an element: too few answers first, then green from the threshold up."""
    if score is None or not rule.enough(answered, total):
        return "insufficient"
    return "orange" if rule.needs_attention(score) else "green"


def score_element(
    element_id: str, answers: Mapping[str, str], data: SelfAssessmentData
) -> ElementScore:
    statements = data.for_element(element_id)
    points: list[tuple[Fraction, Statement]] = []
    dont_know = 0
    for statement in statements:
        option_id = answers.get(statement.id)
        value = _points(statement, option_id, data.scale)
        if value is not None:
            points.append((value, statement))
        elif option_id is not None and data.scale.option(option_id) is not None:
            dont_know += 1
    mean = sum((p for p, _ in points), Fraction(0)) / len(points) if points else None
    band = band_for(mean, len(points), len(statements), data.rule)
    weakest = min(points, key=lambda item: item[0])[1].id if points else None
    return ElementScore(
        element=element_id,
        score=float(mean) if band != "insufficient" and mean is not None else None,
        band=band,
        answered=len(points),
        dont_know=dont_know,
        total=len(statements),
        weakest=weakest,
    )


def score(
    assessment: Assessment | Mapping[str, str], data: SelfAssessmentData | None = None
) -> AssessmentScore:
    """Score every element in SER's order; answers the content does not know are ignored."""
    data = data or load_statements()
    answers = _answers(assessment)
    return AssessmentScore(tuple(score_element(e, answers, data) for e in data.elements))


def check_answers(
    assessment: Assessment | Mapping[str, str], data: SelfAssessmentData | None = None
) -> AnswerCheck:
    """Which stored answers the current content cannot use (e.g. from an older content version)."""
    data = data or load_statements()
    answers = _answers(assessment)
    unknown = tuple(sorted(sid for sid in answers if data.statement(sid) is None))
    bad = tuple(
        s.id
        for s in data.statements
        if s.id in answers and data.scale.option(answers[s.id]) is None
    )
    return AnswerCheck(unknown, bad)


def priority_forms(result: AssessmentScore, content: Content) -> list[tuple[Form, tuple[str, ...]]]:
    """The forms that need extra attention, in workbook order, each with its orange elements."""
    orange = set(result.in_band("orange"))
    out = []
    for form in content.forms:
        reasons = tuple(e for e in form.elements if e in orange)
        if reasons:
            out.append((form, reasons))
    return out


def priority_form_ids(
    workbook: Workbook, content: Content, data: SelfAssessmentData | None = None
) -> set[str]:
    """Ids of the forms ("1", "4a", …) whose element scores orange in the current assessment."""
    data = data or load_statements(content=content)
    orange = score(workbook.selfassessment.current, data).in_band("orange")
    return {form.id for element in orange for form in content.forms_for_element(element)}


START_HERE = (
    3  # the most urgent priority steps, named "begin here"; the rest "also needs attention"
)


def ranked_priority_forms(
    result: AssessmentScore, content: Content
) -> list[tuple[Form, tuple[str, ...]]]:
    """The priority forms, the one whose orange elements score lowest first (then in workbook
    order), so that "begin here" names the steps that need attention most."""
    scores = result.scores()
    forms = priority_forms(result, content)
    order = {form.id: i for i, form in enumerate(content.forms)}
    return sorted(
        forms, key=lambda item: (min(scores[e] or 0.0 for e in item[1]), order[item[0].id])
    )


def ranked_priorities(
    workbook: Workbook, content: Content, data: SelfAssessmentData | None = None
) -> list[str]:
    """Ids of the priority forms of the current assessment, most urgent first."""
    data = data or load_statements(content=content)
    result = score(workbook.selfassessment.current, data)
    return [form.id for form, _why in ranked_priority_forms(result, content)]
