"""What the user corrected in a register's preview, kept for the file on show, and the file
read again with each correction: one way for step 3's import and the analyst's page."""

from __future__ import annotations

from ..ui import guarded
from .importer import ImportFailed, ImportResult, Table, interpret


class Rereading:
    """A column read as another field (`overrides`) or on another scale (`modes`); each
    correction reads `table` again into `result`, then the page shows it (`_read`, the page's
    own, with the message of a reading that failed or None). The preview calls `_remap` and
    `_remode`."""

    table: Table | None
    result: ImportResult | None
    overrides: dict[int, str | None]
    modes: dict[int, str]

    def _read(self, failed: str | None) -> None:
        raise NotImplementedError

    def _interpret(self) -> None:
        lang = self.session.language
        try:
            self.result = interpret(self.table, self.overrides, lang=lang, modes=self.modes)
        except ImportFailed as failed:
            self.result = None
            self._read(failed.message(lang))
            return
        self._read(None)

    @guarded
    def _remap(self, position: int, field: str | None) -> None:
        self.overrides[position] = field
        self._interpret()

    @guarded
    def _remode(self, position: int, mode: str | None) -> None:
        if mode:
            self.modes[position] = mode
        else:
            self.modes.pop(position, None)
        self._interpret()
