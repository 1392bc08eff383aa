"""What an import preview shows of each column of a file: one model for every import (the
register in step 3, the analyst's page, the engagement log).

An importer reports, per column of the file, its heading, what it was read as and how, a few of
its values as written, how many cells were read, left empty or kept as written, and, when the
file does not say enough, the question the user must answer before anything comes in. The
preview (`dialoog.views.import_preview`) shows it with a menu per column to read it otherwise,
or not at all. Model code: no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

NOTES = "+notes"  # a column without a field of its own, kept in each row's notes ("Kop: waarde")
SAMPLE = 3  # values shown as written


@dataclass(frozen=True)
class ColumnPreview:
    position: int
    heading: str  # as in the file (a group row above it joined: "Ernst: Schaal")
    field: str | None  # what it is read as: a field id, NOTES, or None (not used)
    how: str  # how it was read, in the user's language
    sample: tuple[str, ...] = ()  # the first few values as written
    read: int = 0  # cells read
    emptied: int = 0  # cells left empty: they could not be read
    kept: int = 0  # cells kept as written (free text, put in the notes)
    question: str = ""  # what the user must answer before anything comes in ("": nothing)
    modes: tuple[tuple[str, str], ...] = ()  # (label, mode): other readings of a score column
    mode: str | None = None  # the reading in use (None: asked)

    @property
    def used(self) -> bool:
        return self.field is not None


def samples(uniques: list[str], used: list[bool], limit: int = SAMPLE) -> tuple[str, ...]:
    """The first distinct values of a column that have something in them, as written."""
    out: list[str] = []
    for value, present in zip(uniques, used, strict=True):
        text = str(value).strip()
        if present and text and text not in out:
            out.append(text[:60])
            if len(out) == limit:
                break
    return tuple(out)
