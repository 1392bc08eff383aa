"""Fixtures of the plan tests: the example workbook and a fixed 'today'."""

from __future__ import annotations

from datetime import date

import pytest

from dialoog.paths import data_dir
from dialoog.storage import loads

TODAY = date(2026, 6, 25)


@pytest.fixture
def example():
    return loads((data_dir() / "examples" / "workbook.json").read_bytes())


@pytest.fixture
def today() -> date:
    return TODAY
