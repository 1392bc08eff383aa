"""Two languages for every visible text: Dutch first, English second.

Texts of the method live in `data/content/`, texts of the interface in `data/messages/*.yaml`;
both are `Localized` values, so a missing translation is a load error, not a blank label.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

from .paths import data_dir

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
DEFAULT_LANGUAGE: Language = "nl"


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


class CatalogueError(ValueError):
    """A message catalogue file is malformed; the text names the file and the key."""


def _load_file(path: Path) -> dict[str, Localized]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise CatalogueError(f"{path.name}: expected a mapping of message keys")
    out: dict[str, Localized] = {}
    for key, value in raw.items():
        try:
            out[str(key)] = Localized.model_validate(value)
        except Exception as exc:  # pydantic.ValidationError, with the key named
            raise CatalogueError(
                f"{path.name}: message '{key}': needs non-empty nl and en: {exc}"
            ) from exc
    return out


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


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message `key` in `lang`, with `{name}` placeholders filled in."""
    text = catalogue().get(key)
    if text is None:
        return key
    value = text.get(lang)
    return value.format(**params) if params else value
