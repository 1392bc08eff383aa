"""Two languages for every visible text: Dutch first, English second.

Texts of the method live in `data/content/`, texts of the interface in `data/messages/*.yaml`;
both are `Localized` values, so a missing translation is a load error, not a blank label.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from .formatting import format_count, format_moment, short_date
from .paths import data_dir

Language = Literal["nl", "en"]
# The one list of languages: each with its name in its own language (for the switch).
LANGUAGE_NAMES: dict[Language, str] = {"nl": "Nederlands", "en": "English"}
LANGUAGES: tuple[Language, ...] = tuple(LANGUAGE_NAMES)
DEFAULT_LANGUAGE: Language = LANGUAGES[0]


def language_options() -> list[tuple[str, Language]]:
    """(name, code) pairs for a language switch or menu."""
    return [(name, code) for code, name in LANGUAGE_NAMES.items()]


class Localized(BaseModel):
    """A text in Dutch and English; both are required and non-empty."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    nl: str
    en: str

    @field_validator("nl", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        return value.strip()

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def __str__(self) -> str:  # a Localized passed as a message parameter shows in Dutch
        return self.nl


class CatalogueError(ValueError):
    """A message catalogue file is malformed; the text names the file and the key."""


def _load_file(path: Path) -> dict[str, Localized]:
    from .datafiles import read_yaml, validate

    raw = read_yaml(path, CatalogueError)
    return {
        str(key): validate(path, Localized, value, CatalogueError, f"message '{key}'")
        for key, value in raw.items()
    }


@lru_cache(maxsize=4)
def _catalogue(folder: str) -> dict[str, Localized]:
    messages: dict[str, Localized] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        for key, text in _load_file(path).items():
            if key in messages:
                raise CatalogueError(f"{path.name}: message '{key}' is defined twice")
            messages[key] = text
    return messages


def catalogue() -> dict[str, Localized]:
    """All interface messages, loaded once per process."""
    return _catalogue(str(data_dir() / "messages"))


class LocalizedError(ValueError):
    """An error whose message the user reads in their own language: `message(lang)`."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(t(key, "en", **params))
        self.key = key
        self.params = params

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


class Count(int):
    """A number given to a message, written as its reader writes it (12.000 / 12,000)."""


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message `key` in `lang`, with `{name}` placeholders filled in; a date or a moment
    given is written as the reader writes it (12-03-2026 / 12/03/2026)."""
    text = catalogue().get(key)
    if text is None:
        return key
    value = text.get(lang)
    if not params:
        return value
    resolved = {
        k: v.get(lang) if isinstance(v, Localized)
        else format_count(v, lang) if isinstance(v, Count)
        else format_moment(v, lang) if isinstance(v, datetime)
        else short_date(v, lang) if isinstance(v, date)
        else v
        for k, v in params.items()
    }  # fmt: skip
    return value.format(**resolved)


def tn(key: str, lang: str, count: int, /, **params: object) -> str:
    """A message that depends on a number: `key.one` for 1, `key.other` for any other count."""
    shown = format_count(count, lang)
    return t(f"{key}.{'one' if count == 1 else 'other'}", lang, count=shown, **params)


def link_label(label: str, lang: str) -> str:
    """A link's name as shown: the owner's own link, named when the workbook was made, follows
    the page's language ('Eigenaar' / 'Owner'); names people gave are shown as written."""
    owner = catalogue().get("share.owner")
    if owner is not None and label in (owner.nl, owner.en):
        return owner.get(lang)
    return label
