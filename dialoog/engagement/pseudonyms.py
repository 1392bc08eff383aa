"""Pseudonyms for the people an export of the engagement log names, on request.

Groups and organisations stay named (they are what the evidence is about); individual persons
do not: the company's participants of each contact and the stakeholders' contact persons become
"Persoon 1", "Persoon 2", … in order of first appearance, wherever their name occurs in the
export (also inside the notes of what was raised), and e-mail addresses and phone numbers are
blanked. Pure functions of the workbook: the same workbook gives the same pseudonyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..i18n import t
from ..model import Workbook

PARTS = re.compile(r"[,;/\n()&+]|\s(?:en|and|of|or)\s")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{7,}\d(?!\w)")
NAME = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[\w'’.-]+){0,4}$")


def _looks_like_a_name(text: str) -> bool:
    """'Sanne de Vries', 'J. Bakker': capitalised words, no digits; not 'inkoop' or 'MVO'."""
    return (
        3 <= len(text) <= 60
        and NAME.match(text) is not None
        and text[0].isupper()
        and not text.isupper()
        and not any(c.isdigit() for c in text)
    )


def person_names(workbook: Workbook) -> list[str]:
    """Names of individual persons the workbook holds, in order of first appearance: who took
    part for the company in each contact, then the stakeholders' contact persons."""
    found: dict[str, None] = {}
    texts: Iterable[str] = [e.company_people for e in workbook.engagements] + [
        s.contact for s in workbook.stakeholders
    ]
    for text in texts:
        for part in PARTS.split(EMAIL.sub(" ", text or "")):
            name = part.strip(" .:-–")
            if _looks_like_a_name(name):
                found.setdefault(name)
    return list(found)


class Pseudonymiser:
    """Replaces known person names (longest first, whole words) and contact details."""

    def __init__(self, names: list[str], lang: str) -> None:
        label = t("eng.pseudonym", lang)
        self.names = {name: f"{label} {i}" for i, name in enumerate(names, start=1)}
        ordered = sorted(self.names, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)")
            if ordered
            else None
        )
        self._email, self._phone = t("eng.pseudonym_email", lang), t("eng.pseudonym_phone", lang)

    @classmethod
    def of(cls, workbook: Workbook, lang: str) -> Pseudonymiser:
        return cls(person_names(workbook), lang)

    def __call__(self, value: object) -> object:
        if not isinstance(value, str) or not value:
            return value
        text = EMAIL.sub(self._email, value)
        text = PHONE.sub(self._phone, text)
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: self.names[m.group(1)], text)
        return text
