"""The building blocks of the plan document, shared by the HTML and the Word exporter.

Plain, language-resolved data: every text is already in the user's language, so an exporter
only lays it out. `clean` is the single place where text is made safe to write into XML
(control characters and lone surrogates dropped); escaping is the exporter's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
FSI, PDI = "\u2068", "\u2069"


def clean(text: object) -> str:
    """Text that any XML document can hold: control characters and broken surrogates removed,
    and text with direction controls (a right-to-left override in a name) isolated, so that it
    never reorders the words around it."""
    value = "" if text is None else str(text)
    value = _UNSAFE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if _BIDI.search(value):
        value = "\n".join(f"{FSI}{line}{PDI}" for line in value.split("\n"))
    return value


@dataclass(frozen=True)
class Paragraph:
    """A text; blank lines make paragraphs, lines starting '- ' make bullets (like the forms)."""

    text: str
    style: str = ""  # "" | "label" | "open" | "muted" | "warning" | "note"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Checklist:
    """Every item with whether it is done; what is open stays visible as a to-do."""

    items: tuple[tuple[str, bool], ...]
    done_label: str
    open_label: str


@dataclass(frozen=True)
class Table:
    """Rows of text under headers; every exporter and every page renders this one shape."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    flags: tuple[str, ...] = ()  # per row: "" or a css-like flag such as "overdue"
    caption: str = ""
    numeric: tuple[int, ...] = ()  # columns holding numbers (right-aligned)
    badges: dict[int, tuple[str, ...]] = field(default_factory=dict)  # column -> chip per row
    row_headers: bool = False  # the first column names the row

    @classmethod
    def from_frame(
        cls,
        frame,
        lang: str,
        *,
        caption: str = "",
        index: bool = False,
        badges: dict[str, object] | None = None,
        flags: tuple[str, ...] = (),
    ) -> Table:
        """A pandas DataFrame as a Table: numbers formatted for `lang`, missing values '—'.

        `badges` maps a column heading to per-row chip ids (e.g. the priority class).
        """
        from ..formatting import format_number, is_missing

        columns = list(frame.columns)
        headers = ([str(frame.index.name or "")] if index else []) + [str(c) for c in columns]
        offset = 1 if index else 0
        numeric = tuple(
            i + offset
            for i, c in enumerate(columns)
            if str(frame[c].dtype) not in ("object", "str", "bool", "string")
            and not str(frame[c].dtype).startswith("string")
        )
        rows = []
        for label, values in zip(frame.index, frame.itertuples(index=False), strict=True):
            cells = [str(label)] if index else []
            for i, value in enumerate(values):
                if i + offset in numeric:
                    cells.append(format_number(value, lang))
                elif is_missing(value):
                    cells.append("")
                else:
                    cells.append(str(value))
            rows.append(tuple(cells))
        chips = {
            columns.index(name) + offset: tuple(str(v or "") for v in values)
            for name, values in (badges or {}).items()
            if name in columns
        }
        return cls(tuple(headers), tuple(rows), flags, caption, numeric, chips, index)


@dataclass(frozen=True)
class Image:
    png: bytes
    alt: str
    width_cm: float = 15.0


@dataclass(frozen=True)
class Answer:
    """One question of a step with its answer; `filled` False shows it as open."""

    label: str
    blocks: tuple[object, ...]
    filled: bool


@dataclass
class Section:
    title: str
    level: int  # 1 phase or part, 2 step, 3 sub-step
    anchor: str
    status: str = ""  # "" | "empty" | "in_progress" | "complete"
    status_label: str = ""
    blocks: list[object] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    page_break: bool = False

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class PlanDocument:
    """The whole plan: title page facts, then sections in reading order."""

    lang: str
    title: str
    subtitle: str
    facts: list[tuple[str, str]]
    generated: date
    sections: list[Section]
    footer: str = ""
    contents_title: str = ""

    def walk(self):
        for section in self.sections:
            yield from section.walk()
