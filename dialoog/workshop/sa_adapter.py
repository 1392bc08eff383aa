"""The self-assessment (dialoog.selfassessment) as the workshop's questionnaire.

The only place that knows the self-assessment's API: its statements, its answer scale and its
scoring are used as they are, so a group's scores are computed exactly like one company's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .instrument import Instrument, Option, Statement


def _load(content: Any):
    from ..selfassessment.statements import load_statements

    try:
        return load_statements(content=content)
    except TypeError:
        return load_statements(content)


def instrument(content: Any = None) -> Instrument:
    """Raises ImportError while the self-assessment is not installed."""
    from ..selfassessment import scoring

    data = _load(content)
    scale = getattr(data.scale, "options", data.scale)
    statements = tuple(Statement(s.id, s.element, s.text) for s in data.statements)
    options = tuple(
        Option(o.id, o.label, scored=getattr(o, "value", getattr(o, "points", 0)) is not None)
        for o in scale
    )

    def scores(answers: Mapping[str, str]) -> dict[str, float | None]:
        return dict(scoring.score(dict(answers), data).scores())

    rule = data.rule

    def needs_attention(score: float) -> bool:
        if hasattr(rule, "needs_attention"):
            return bool(rule.needs_attention(score))
        return score < rule.green_from

    return Instrument(statements, options, scores, needs_attention)
