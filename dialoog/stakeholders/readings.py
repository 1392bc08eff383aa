"""Reading the scores people write: words, symbols, decimal commas, percentages, 1–3 scales.

The rules are data (`data/stakeholders/readings.yaml`). A score column is read in one of three
modes, chosen from its heading and values (the user may choose another in the preview):

- `five`: numbers on the register's 1–5 scale; a number that is not whole is rounded half up;
- `three`: a three-step scale (1–3, or laag·midden·hoog) spread over 1·3·5;
- `percent`: 0–100 % onto 1–5 by bands.

Words ('hoog', 'very high', 'L/M/H', '--/-/0/+/++') map to scores in every mode. Everything runs
on a column's distinct values, so a large register costs little more than its reading.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from ..datafiles import load_yaml
from ..i18n import Localized
from ..paths import data_dir
from .choices import RegisterDataError, norm

Mode = Literal["five", "three", "percent"]
MODES: tuple[Mode, ...] = ("five", "three", "percent")
_PERCENT_HEADING = re.compile(r"%|procent|percent|\bkans\s*\(%|\bpct\b", re.IGNORECASE)
_THREE_HEADING = re.compile(r"\(\s*1\s*[-–—/]\s*3\s*\)|\b1\s*[-–—]\s*3\b")
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:[-–:.)(=]|$)")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class WordLevel(_Strict):
    score: int
    words: tuple[str, ...]


class ModeDef(_Strict):
    id: Mode
    label: Localized
    map: dict[int, int] = {}
    words: dict[int, int] = {}
    bands: tuple[dict, ...] = ()

    @model_validator(mode="after")
    def _bands_ascend(self) -> ModeDef:
        starts = [b["from"] for b in self.bands]
        if starts != sorted(starts):
            raise ValueError(f"mode '{self.id}': bands must go up")
        return self


class ReadingsFile(_Strict):
    words: tuple[WordLevel, ...]
    symbols: dict[str, int]
    modes: tuple[ModeDef, ...]

    @model_validator(mode="after")
    def _consistent(self) -> ReadingsFile:
        if {m.id for m in self.modes} != set(MODES):
            raise ValueError(f"modes: need exactly {', '.join(MODES)}")
        seen: dict[str, int] = {}
        for level in self.words:
            for word in level.words:
                key = norm(word) or word.strip()
                if seen.setdefault(key, level.score) != level.score:
                    raise ValueError(f"words: '{word}' has two scores")
        return self


@dataclass(frozen=True)
class Readings:
    """The reading rules, ready to apply."""

    words: dict[str, int]  # normalised word -> score
    symbols: dict[str, int]  # symbol as written -> score
    modes: dict[str, ModeDef]

    def label(self, mode: str, lang: str) -> str:
        return self.modes[mode].label.get(lang)

    def percent_score(self, percent: float) -> int:
        score = self.modes["percent"].bands[0]["score"]
        for band in self.modes["percent"].bands:
            if percent >= band["from"]:
                score = band["score"]
        return score


@lru_cache(maxsize=4)
def _load(folder: str) -> Readings:
    data = load_yaml(Path(folder) / "readings.yaml", ReadingsFile, RegisterDataError)
    words: dict[str, int] = {}
    for level in data.words:
        for word in level.words:
            words[norm(word) or word.strip()] = level.score
    return Readings(words, dict(data.symbols), {m.id: m for m in data.modes})


def readings() -> Readings:
    return _load(str(data_dir() / "stakeholders"))


def parse_number(text: str) -> float | None:
    """'88,5' / '88.5' / '1.234,5' / '1,234.5' / '12 %' -> a float; None when not a number.

    One comma or one point is the decimal sign; with both, the last one is; several of one kind
    separate thousands.
    """
    value = text.strip().replace("%", "").replace("\u00a0", "").replace(" ", "").replace("'", "")
    if not value:
        return None
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        other = "." if decimal == "," else ","
        value = value.replace(other, "").replace(decimal, ".")
    elif value.count(",") == 1:
        value = value.replace(",", ".")
    elif value.count(",") > 1:
        value = value.replace(",", "")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def round_half_up(number: float) -> int:
    return math.floor(number + 0.5)


@dataclass
class ColumnReading:
    """How one score column was read, for the preview: the mode, and what was done to it."""

    mode: Mode
    chosen: bool = False  # the user chose the mode (instead of the importer)
    words: Counter = field(default_factory=Counter)  # (value as written, score) -> cells
    rounded: int = 0  # cells whose number was rounded
    percent: int = 0  # cells read as a percentage
    three: int = 0  # cells read on a three-step scale


def guess_mode(heading: str, uniques: list[str]) -> Mode:
    """The mode a column's heading and values suggest (see the module's docstring)."""
    if _PERCENT_HEADING.search(heading):
        return "percent"
    if any("%" in u for u in uniques):
        return "percent"
    if _THREE_HEADING.search(heading):
        return "three"
    numbers = [n for n in (parse_number(u) for u in uniques if u.strip()) if n is not None]
    if numbers and 5 < max(numbers) <= 100 and min(numbers) >= 0:
        over = sum(1 for n in numbers if n > 5)
        if over >= max(2, len(numbers) // 3):  # mostly above 5: percentages, not typos
            return "percent"
    return "five"


class Bad:
    """A cell that could not be read: the message key and its parameters."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params


def read_scores(
    uniques: list[str],
    levels: dict[str, int],
    mode: Mode,
    low: int,
    high: int,
    reading: ColumnReading,
    counts: list[int],
) -> list[object]:
    """The score of each distinct value (None for empty, `Bad` for unreadable); `reading` is
    filled with what was mapped, rounded or converted, counted in cells (`counts`)."""
    rules = readings()
    three = rules.modes["three"]
    # a column that writes its scores as symbols reads 0 as a symbol too (the middle)
    symbolic = any(u.strip() in rules.symbols and u.strip() != "0" for u in uniques)
    out: list[object] = []
    for raw, cells in zip(uniques, counts, strict=True):
        value = raw.strip()
        if not value:
            out.append(None)
            continue
        key = norm(value)
        word = None
        if value in rules.symbols and (symbolic or value != "0"):
            word = rules.symbols[value]
        elif key in rules.words:
            word = rules.words[key]
        elif key in levels:
            word = levels[key]
        if word is not None:
            if mode == "three" and word in three.words:
                word = three.words[word]
            reading.words[(value, word)] += cells
            out.append(word)
            continue
        number = parse_number(value)
        if number is None:
            match = _LEADING_NUMBER.match(value)
            number = parse_number(match.group(1)) if match else None
        if number is None:
            out.append(Bad("sh.import.not_a_score", value=value, low=low, high=high))
            continue
        if mode == "percent":
            if not 0 <= number <= 100:
                out.append(Bad("sh.import.percent_range", value=value))
                continue
            reading.percent += cells
            out.append(rules.percent_score(number))
            continue
        whole = round_half_up(number)
        if whole != number:
            reading.rounded += cells
        if mode == "three":
            if whole not in three.map:
                out.append(Bad("sh.import.score_range", value=value, low=1, high=3))
                continue
            reading.three += cells
            out.append(three.map[whole])
            continue
        if not low <= whole <= high:
            out.append(Bad("sh.import.score_range", value=value, low=low, high=high))
            continue
        out.append(whole)
    return out
