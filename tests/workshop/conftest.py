"""A throwaway PostgreSQL server for the workshop store, and stores on both backends.

The server (see pgserver.py) is stopped at the end of the test session. Missing binaries: with
CI=true they are installed (as root) or the tests fail with a message; otherwise the
postgresql parameter is skipped.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from pgserver import PostgresMissing, PostgresServer, start_postgres  # noqa: E402

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = start_postgres(install=os.environ.get("CI", "").lower() == "true")
    except PostgresMissing as error:
        pytest.fail(str(error))
    if server is None:
        pytest.skip("PostgreSQL is not installed (apt-get install -y postgresql); set CI=true")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    """An empty database on each backend: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workshops.sqlite'}"
    server = request.getfixturevalue("postgres_server")
    name = f"t_{os.getpid()}_{time.monotonic_ns()}"
    return server.create_database(name)


@pytest.fixture
def wstore(database_url):
    """A workshop store on each backend, without the delay after a wrong code."""
    from dialoog.workshop.store import WorkshopStore, make_engine

    engine = make_engine(database_url)
    yield WorkshopStore(engine=engine, wrong_code_delay=0)
    engine.dispose()
