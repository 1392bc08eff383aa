"""Shared fixtures: a store and a session on a temporary folder, the real content, and an empty
database on each backend (SQLite, and a throwaway PostgreSQL server stopped at the end of the
test session; missing binaries: with CI=true they are installed as root, or the tests fail with
a message; otherwise the postgresql parameter is skipped)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator

# Before dialoog is imported anywhere: nothing a test autosaves may land in the checkout.
os.environ.setdefault("DIALOOG_DATA_DIR", tempfile.mkdtemp(prefix="dialoog-tests-"))

import pytest  # noqa: E402

from dialoog.content import Content, load_content  # noqa: E402
from dialoog.db import make_engine  # noqa: E402
from dialoog.session import Session  # noqa: E402
from dialoog.testing.postgres import (  # noqa: E402
    PostgresMissing,
    PostgresServer,
    start_postgres,
)
from dialoog.workbook_store import WorkbookStore  # noqa: E402


@pytest.fixture
def outside_voila(monkeypatch, tmp_path):
    """As in JupyterLab or a script: no Voilà request, and a data folder of the test's own."""
    for name in ("VOILA_PREHEAT", "SERVER_SOFTWARE", "QUERY_STRING"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DIALOOG_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def content() -> Content:
    return load_content()


@pytest.fixture
def store(tmp_path) -> Iterator[WorkbookStore]:
    """The workbook store on a database of its own (SQLite in a temporary folder)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'dialoog.sqlite'}")
    yield WorkbookStore(engine=engine)
    engine.dispose()


@pytest.fixture
def session(store, content) -> Session:
    return Session(store=store, content=content, autosave_delay=0.01)


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
