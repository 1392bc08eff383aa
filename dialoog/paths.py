"""Where dialoog finds its content and keeps its users' work."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The content folder (`data/`); DIALOOG_CONTENT_DIR points elsewhere, e.g. for tests."""
    return _content_dir(os.environ.get("DIALOOG_CONTENT_DIR") or "")


@lru_cache(maxsize=8)
def _content_dir(override: str) -> Path:
    # every message looked up asks for the folder: one Path per setting, not one per message
    return Path(override) if override else REPO_ROOT / "data"


def storage_dir() -> Path:
    """Where workbooks are autosaved: DIALOOG_DATA_DIR, else `var/` in the checkout."""
    return Path(os.environ.get("DIALOOG_DATA_DIR") or REPO_ROOT / "var")
