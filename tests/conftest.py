"""Shared fixtures: a store and a session on a temporary folder, and the real content."""

from __future__ import annotations

import os
import tempfile

# Before dialoog is imported anywhere: nothing a test autosaves may land in the checkout.
os.environ.setdefault("DIALOOG_DATA_DIR", tempfile.mkdtemp(prefix="dialoog-tests-"))

import pytest  # noqa: E402

from dialoog.content import Content, load_content  # noqa: E402
from dialoog.session import Session  # noqa: E402
from dialoog.storage import Store  # noqa: E402


@pytest.fixture
def content() -> Content:
    return load_content()


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "workbooks")


@pytest.fixture
def session(store, content) -> Session:
    return Session(store=store, content=content, autosave_delay=0.01)
