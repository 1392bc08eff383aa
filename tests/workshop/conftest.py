"""Workshop stores on both backends (the databases come from tests/conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the tests import fakes.py


@pytest.fixture
def wstore(database_url):
    """A workshop store on each backend, without the delay after a wrong code."""
    from dialoog.workshop.store import WorkshopStore, make_engine

    engine = make_engine(database_url)
    yield WorkshopStore(engine=engine, wrong_code_delay=0)
    engine.dispose()
