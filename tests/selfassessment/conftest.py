"""Fixtures for the self-assessment: the real data, and small hand-made data for edge cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dialoog.i18n import Localized
from dialoog.paths import data_dir
from dialoog.selfassessment.statements import (
    ElementStatements,
    Rule,
    SelfAssessmentData,
    Statement,
    load_statements,
)


@pytest.fixture
def data(content) -> SelfAssessmentData:
    return load_statements(content=content)


@pytest.fixture
def data_folder(tmp_path) -> Path:
    """A copy of data/selfassessment to break or change in a test."""
    folder = tmp_path / "selfassessment"
    shutil.copytree(data_dir() / "selfassessment", folder)
    return folder


def _text(n: str) -> Localized:
    return Localized(nl=f"Uitspraak {n}", en=f"Statement {n}")


@pytest.fixture
def make_data(data):
    return lambda sizes, **rule: _make_data(data, sizes, **rule)


def _make_data(data: SelfAssessmentData, sizes: dict[str, int], **rule) -> SelfAssessmentData:
    """Data with `sizes[element]` statements per element ("<element>_<n>"), the last reversed
    when the element's name is in rule['reversed_in']; the real scale, a rule of your own."""
    reversed_in = rule.pop("reversed_in", ())
    groups = tuple(
        ElementStatements(
            element=element,
            attention=_text("let op"),
            statements=tuple(
                Statement(
                    id=f"{element}_{n}",
                    element=element,
                    text=_text(str(n)),
                    reversed=element in reversed_in and n == size,
                )
                for n in range(1, size + 1)
            ),
        )
        for element, size in sizes.items()
    )
    base = data.rule.model_dump()
    return SelfAssessmentData(groups=groups, scale=data.scale, rule=Rule(**{**base, **rule}))
