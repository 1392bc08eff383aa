"""Reading the scores people write: words, symbols, decimal commas, percentages, other scales.

The rules are data (`data/stakeholders/readings.yaml`). A score column is read in one mode,
chosen from what the file says (the user may choose another, or none, in the preview):

- `five`: numbers on the register's 1–5 scale; a number that is not whole is rounded half up;
- `three`: a three-step scale (1–3, or laag·midden·hoog) spread over 1·3·5;
- `seven`, `ten`: a scale of 1–7 or 1–10 (0–10) onto 1–5 by the table in the data;
- `percent`: 0–100 % (or a score out of 100) onto 1–5 by bands.

A heading that names its scale decides ("(1-10)", "/7", "0-100", "%"); a % in the cells means
percent; numbers of 1 to 5 are read as written. Numbers beyond 5 under a heading that names no
scale are not guessed: `guess_mode` gives None and the preview asks. Words ('hoog', 'very high',
'L/M/H', '--/-/0/+/++') map to scores in every mode. Everything runs on a column's distinct
values, so a large register costs little more than its reading.
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

Mode = Literal["five", "three", "seven", "ten", "percent"]
MODES: tuple[Mode, ...] = ("five", "three", "seven", "ten", "percent")
RESCALED: tuple[Mode, ...] = ("three", "seven", "ten")  # a table from their scale onto 1–5
_PERCENT_HEADING = re.compile(r"%|procent|percent|\bpct\b", re.IGNORECASE)
# a scale named in a heading: "1-10", "(1 – 7)", "0 tot 100", "1 t/m 5", "/10", "op 10"
_RANGE = re.compile(
    r"(?<![\d.,])(\d{1,3})\s*(?:-|–|—|tot|to|t/m|through)\s*(\d{1,3})(?![\d.,])", re.IGNORECASE
)
_OUT_OF = re.compile(r"(?:/|\bop\s+|\bout\s+of\s+)\s*(\d{1,3})(?![\d.,])", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:[-–:.)(=]|$)")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class WordLevel(_Strict):
    score: int
    words: tuple[str, ...]


class ModeDef(_Strict):
    id: Mode
    label: Localized
    range: tuple[int, int]
    map: dict[int, int] = {}
    words: dict[int, int] = {}
    bands: tuple[dict, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> ModeDef:
        starts = [b["from"] for b in self.bands]
        if starts != sorted(starts):
            raise ValueError(f"mode '{self.id}': bands must go up")
        if self.map:
            low, high = self.range
            if not set(range(low, high + 1)) <= set(self.map):
                raise ValueError(f"mode '{self.id}': map needs every value of {low}–{high}")
            if not all(1 <= v <= 5 for v in self.map.values()):
                raise ValueError(f"mode '{self.id}': map onto 1–5 only")
        return self

    def rule(self) -> str:
        """The map in words, for the preview: '1–2 → 1, 3–4 → 2, 5–6 → 3, …'."""
        groups: dict[int, list[int]] = {}
        for value, score in sorted(self.map.items()):
            groups.setdefault(score, []).append(value)
        return ", ".join(
            (f"{vs[0]}–{vs[-1]}" if len(vs) > 1 else f"{vs[0]}") + f" → {score}"
            for score, vs in groups.items()
        )


class ReadingsFile(_Strict):
    words: tuple[WordLevel, ...]
    not_assessed: tuple[str, ...] = ()
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
        for word in self.not_assessed:
            if (norm(word) or word.strip()) in seen or word.strip() in self.symbols:
                raise ValueError(f"not_assessed: '{word}' is a score too")
        return self


@dataclass(frozen=True)
class Readings:
    """The reading rules, ready to apply."""

    words: dict[str, int]  # normalised word -> score
    symbols: dict[str, int]  # symbol as written -> score
    modes: dict[str, ModeDef]
    not_assessed: frozenset[str] = frozenset()  # normalised: 'nvt', '?'

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
    unknown = frozenset(norm(w) or w.strip() for w in data.not_assessed)
    return Readings(words, dict(data.symbols), {m.id: m for m in data.modes}, unknown)


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
    """How one score column was read, for the preview: the mode, and what was done to it.
    `mode` None: the file does not say and the importer does not guess (`highest` is what the
    column holds); its cells are not read until the user chooses."""

    mode: Mode | None
    chosen: bool = False  # the user chose the mode (instead of the importer)
    why: str = ""  # what decided the mode: "heading", "cells", "numbers", or "" (asked)
    highest: float | None = None  # the column's highest number
    words: Counter = field(default_factory=Counter)  # (value as written, score) -> cells
    rounded: int = 0  # cells whose number was rounded
    percent: int = 0  # cells read as a percentage
    rescaled: int = 0  # cells read on another scale and put on 1–5 (three, seven, ten)
    not_assessed: Counter = field(default_factory=Counter)  # 'n.v.t.', '?' as written -> cells

    @property
    def asks(self) -> bool:
        return self.mode is None


def heading_scale(heading: str) -> Mode | None:
    """The mode a heading names by its scale ('Ernst (1-10)' -> ten), if any."""
    if _PERCENT_HEADING.search(heading):
        return "percent"
    found = _RANGE.search(heading)
    if found:
        high = int(found.group(2))
    else:
        found = _OUT_OF.search(heading)
        high = int(found.group(1)) if found else None
    if high is None:
        return None
    for mode in readings().modes.values():
        if mode.range[1] == high:
            return mode.id
    return None


def without_scale(heading: str) -> str:
    """A heading without the scale it names ('Scope /7' -> 'Scope', 'Kans %' -> 'Kans'), to
    find its field."""
    text = _OUT_OF.sub(" ", _RANGE.sub(" ", heading))
    return re.sub(r"%|\bprocent\b|\bpercent\b|\bpct\b", " ", text, flags=re.IGNORECASE)


def guess_mode(heading: str, uniques: list[str]) -> tuple[Mode | None, str, float | None]:
    """The mode the file says a column is in, why, and the column's highest number (see the
    module's docstring); None when it does not say and the numbers go beyond 5."""
    numbers = [n for n in (parse_number(u) for u in uniques if u.strip()) if n is not None]
    highest = max(numbers) if numbers else None
    named = heading_scale(heading)
    if named is not None:
        return named, "heading", highest
    if any("%" in u for u in uniques):
        return "percent", "cells", highest
    if highest is None or highest <= 5:
        return "five", "numbers", highest
    return None, "", highest


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
    if mode is None:  # asked: nothing is read until the user says how
        return [None] * len(uniques)
    # a column that writes its scores as symbols reads 0 as a symbol too (the middle)
    symbolic = any(u.strip() in rules.symbols and u.strip() != "0" for u in uniques)
    out: list[object] = []
    for raw, cells in zip(uniques, counts, strict=True):
        value = raw.strip()
        if not value:
            out.append(None)
            continue
        key = norm(value)
        if (key or value) in rules.not_assessed:
            reading.not_assessed[value] += cells
            out.append(None)
            continue
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
        if mode in RESCALED:
            table = rules.modes[mode]
            if whole not in table.map:
                out.append(Bad("sh.import.score_range", value=value, low=table.range[0],
                               high=table.range[1]))  # fmt: skip
                continue
            reading.rescaled += cells
            out.append(table.map[whole])
            continue
        if not low <= whole <= high:
            out.append(Bad("sh.import.score_range", value=value, low=low, high=high))
            continue
        out.append(whole)
    return out
