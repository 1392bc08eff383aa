"""Which steps the self-assessment marks as priorities, computed once per assessment.

Edits replace the self-assessment section with a new object, so the object's identity tells
whether the priorities must be computed again: every view can ask, and scoring runs once.
"""

from __future__ import annotations

from ..selfassessment.scoring import ranked_priorities
from ..session import Session


class Priorities:
    """`ids()` the priority forms; `ranked()` them by how low their elements score."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._for: object = None
        self._ranked: tuple[str, ...] = ()

    def ranked(self) -> tuple[str, ...]:
        current = self.session.workbook.selfassessment
        if current is not self._for:
            self._ranked = tuple(ranked_priorities(self.session.workbook, self.session.content))
            self._for = current
        return self._ranked

    def ids(self) -> set[str]:
        return set(self.ranked())

    def __call__(self) -> set[str]:
        return self.ids()
