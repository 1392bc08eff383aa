"""Fixtures of the stakeholder register tests: the example files and small registers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dialoog.paths import REPO_ROOT
from dialoog.stakeholders.record import Stakeholder
from dialoog.stakeholders.register import to_frame

EXAMPLES = REPO_ROOT / "data" / "examples"


@pytest.fixture
def example_csv() -> bytes:
    return (EXAMPLES / "stakeholders.csv").read_bytes()


@pytest.fixture
def example_xlsx() -> bytes:
    return (EXAMPLES / "stakeholders.xlsx").read_bytes()


@pytest.fixture
def messy_csv() -> bytes:
    return (EXAMPLES / "stakeholders-messy.csv").read_bytes()


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of data/ that a test may edit; dialoog reads it instead of the real one."""
    target = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", target)
    monkeypatch.setenv("DIALOOG_CONTENT_DIR", str(target))
    return target / "stakeholders"


def person(name: str, **fields) -> Stakeholder:
    return Stakeholder(name=name, **fields)


def frame_of(*people: Stakeholder):
    return to_frame(list(people))
