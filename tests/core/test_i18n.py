"""Interface messages: placeholders, fall-backs, one definition per key, no key missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import dialoog
from dialoog.api import ORGANISATION_FIELDS as ORG_FIELDS
from dialoog.i18n import CatalogueError, Localized, _catalogue, catalogue, t
from dialoog.storage import WorkbookFileError
from dialoog.views.app import FIXED_PAGES

PACKAGE = Path(dialoog.__file__).parent
# t("key", ...) and WorkbookFileError("key", ...) with a literal key
LITERAL_KEY = re.compile(r"""\b(?:t|WorkbookFileError)\(\s*["']([A-Za-z0-9_.]+)["']""")


def test_t_fills_placeholders_in_each_language():
    assert t("step.heading", "nl", id="4a") == "Stap 4a"
    assert t("step.heading", "en", id="4a") == "Step 4a"
    assert t("phase.heading", "en", number=3) == "Phase 3"


def test_t_defaults_to_dutch():
    assert t("nav.next") == "Volgende"


def test_t_falls_back_to_the_key_for_an_unknown_key():
    assert t("no.such.key", "en") == "no.such.key"
    assert t("no.such.key", "nl", name="x") == "no.such.key"


def test_localized_refuses_blank_text():
    with pytest.raises(ValueError):
        Localized(nl="Hallo", en="   ")


def test_a_key_defined_in_two_catalogue_files_is_an_error(tmp_path):
    (tmp_path / "a.yaml").write_text('x.title: {nl: "A", en: "A"}\n', encoding="utf-8")
    (tmp_path / "b.yaml").write_text('x.title: {nl: "B", en: "B"}\n', encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        _catalogue(str(tmp_path))
    assert "b.yaml" in str(info.value) and "x.title" in str(info.value)


def test_a_message_without_english_names_file_and_key(tmp_path):
    (tmp_path / "feature.yaml").write_text('feature.only_nl: {nl: "Alleen NL"}\n')
    with pytest.raises(CatalogueError) as info:
        _catalogue(str(tmp_path))
    assert "feature.yaml" in str(info.value) and "feature.only_nl" in str(info.value)


def test_catalogue_folder_follows_dialoog_content_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    (folder / "messages").mkdir(parents=True)
    (folder / "messages" / "x.yaml").write_text('x.hello: {nl: "Hoi", en: "Hi"}\n')
    monkeypatch.setenv("DIALOOG_CONTENT_DIR", str(folder))
    assert t("x.hello", "en") == "Hi"
    assert t("nav.next", "en") == "nav.next"


def literal_keys() -> dict[str, str]:
    keys = {}
    for path in PACKAGE.rglob("*.py"):
        for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8")):
            keys[key] = path.name
    return keys


def test_every_literal_message_key_in_the_code_exists():
    keys = literal_keys()
    assert "file.too_large" in keys and "nav.next" in keys  # the scan finds keys
    missing = {key: where for key, where in keys.items() if key not in catalogue()}
    assert not missing


@pytest.mark.parametrize(
    "key",
    [
        *(f"status.{s}" for s in ("empty", "in_progress", "complete")),
        *(f"files.state.{s}" for s in ("idle", "pending", "saved", "error")),
        *(f"nav.{page}" for page in FIXED_PAGES),
        *(f"org.{name}" for name in ORG_FIELDS),
    ],
)
def test_every_composed_message_key_exists(key):
    assert key in catalogue()


def test_workbook_file_error_speaks_both_languages():
    error = WorkbookFileError("file.too_large", mb=20)
    assert "20 MB" in error.message("en") and "too large" in error.message("en")
    assert "te groot" in error.message("nl")
    assert str(error) == error.message("en")
