"""A small stand-in for the self-assessment: two statements per element, a five-point scale."""

from __future__ import annotations

from dialoog.content import Content
from dialoog.i18n import Localized
from dialoog.workshop.instrument import Instrument, Option, Statement

SCALE = ["1", "2", "3", "4", "5"]


def fake_instrument(content: Content) -> Instrument:
    statements = tuple(
        Statement(
            f"{element.id}_{n}",
            element.id,
            Localized(
                nl=f"Stelling {n} over {element.title.nl}",
                en=f"Statement {n} on {element.title.en}",
            ),
        )
        for element in content.elements
        for n in (1, 2)
    )
    options = tuple(
        Option(value, Localized(nl=f"Optie {value}", en=f"Option {value}")) for value in SCALE
    )

    def scores(answers):
        result = {}
        for element in content.elements:
            given = [
                int(answers[s.id])
                for s in statements
                if s.element == element.id and s.id in answers
            ]
            result[element.id] = sum((g - 1) * 25 for g in given) / len(given) if given else None
        return result

    return Instrument(statements, options, scores, lambda score: score < 50)


def answers_for(instrument: Instrument, value: str) -> dict[str, dict[str, str]]:
    return {"selfassessment": {s.id: value for s in instrument.statements}}
