"""The words of a question's open answers, counted for the room's word cloud.

Stop words of both languages (data/workshop/stopwords.yaml) are left out, so that the cloud
shows what people said and not how they said it. Model code: no matplotlib here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, field_validator

from ..datafiles import load_yaml
from ..paths import data_dir

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


class WorkshopDataError(ValueError):
    """data/workshop/ holds something the app cannot use."""


class StopWords(BaseModel):
    nl: list[str]
    en: list[str]

    @field_validator("nl", "en")
    @classmethod
    def _lower(cls, words: list[str]) -> list[str]:
        if any(not w or w != w.strip().lower() for w in words):
            raise ValueError("stop words are single lower-case words")
        return words


@lru_cache(maxsize=2)
def _load(folder: str) -> frozenset[str]:
    data = load_yaml(Path(folder) / "stopwords.yaml", StopWords, WorkshopDataError)
    return frozenset(data.nl) | frozenset(data.en)


def stop_words() -> frozenset[str]:
    return _load(str(data_dir() / "workshop"))


def word_counts(texts: Iterable[str], top: int = 40) -> list[tuple[str, int]]:
    """The `top` most frequent words (lower case, two letters or more, no stop words), most
    frequent first; equal counts in alphabetical order, so the cloud is the same every time."""
    stop = stop_words()
    counts: Counter[str] = Counter()
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if len(word) > 1 and word not in stop:
                counts[word] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
