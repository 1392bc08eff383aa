"""Showing register tables in the workbook: escaped HTML, paginated, quick for hundreds of rows.

Tables are HTML built by the UI kit with every cell escaped and isolated for direction (user
text can never become markup or reorder the page); one HTML widget shows a whole page, instead
of a widget per cell.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import ipywidgets as w
import pandas as pd

from ..formatting import format_number
from ..i18n import t
from ..plan.blocks import Table
from ..ui import button, table_html, view_only
from .choices import register_data

PAGE_SIZE = 25


def number_text(value: object, lang: str, digits: int = 1) -> str:
    """A number as people in `lang` write it ('70,5' in Dutch); '—' when missing."""
    return format_number(value, lang, digits)


def html_table(
    table: pd.DataFrame,
    lang: str,
    *,
    band_column: str | None = None,
    bands: pd.Series | None = None,
    index: bool = False,
    caption: str = "",
) -> str:
    """A DataFrame as an escaped HTML table (the UI kit's one builder); the band column shows
    the priority class as a coloured chip."""
    badges = {band_column: list(bands)} if band_column and bands is not None else None
    return table_html(Table.from_frame(table, lang, caption=caption, index=index, badges=badges))


class Pager(w.HBox):
    """◀ 1–25 of 42 ▶: which page of a long list is on show."""

    def __init__(self, on_change: Callable[[], None], size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.size, self.page, self.total, self._on_change = size, 0, 0, on_change
        # named from the start (icon-only buttons), not only once the page is relabelled
        self.previous = button("", icon="chevron-left", tooltip=t("sh.page.previous", "nl"))
        self.next = button("", icon="chevron-right", tooltip=t("sh.page.next", "nl"))
        self.status = w.Label()
        view_only(self.previous, self.next)
        self.previous.on_click(lambda _b: self.go(-1))
        self.next.on_click(lambda _b: self.go(1))
        self.children = [self.previous, self.status, self.next]
        self.add_class("sh-pager")
        self.lang = "nl"

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    def window(self, total: int) -> slice:
        self.total = total
        self.page = min(self.page, self.pages - 1)
        self._show()
        return slice(self.page * self.size, (self.page + 1) * self.size)

    def go(self, step: int) -> None:
        page = min(max(self.page + step, 0), self.pages - 1)
        if page != self.page:
            self.page = page
            self._on_change()

    def relabel(self, lang: str) -> None:
        self.lang = lang
        self.previous.tooltip = t("sh.page.previous", lang)
        self.next.tooltip = t("sh.page.next", lang)
        self._show()

    def _show(self) -> None:
        first = self.page * self.size + 1 if self.total else 0
        last = min(self.total, (self.page + 1) * self.size)
        self.status.value = t("sh.page.status", self.lang, first=first, last=last, total=self.total)
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= self.pages - 1
        self.layout.display = "flex" if self.total > self.size else "none"


def options_for(field_id: str, lang: str, *, empty: str = "—") -> list[tuple[str, str | None]]:
    """Dropdown options of a choice field: ('—', None) first, then labels with option ids."""
    data = register_data()
    return [(empty, None)] + [(o.label.get(lang), o.id) for o in data.options(field_id)]


def score_options(field_id: str, lang: str) -> list[tuple[str, int | None]]:
    data = register_data()
    levels = data.levels[field_id]
    return [("—", None)] + [
        (f"{data.score_min + i}  {level.get(lang)}", data.score_min + i)
        for i, level in enumerate(levels)
    ]
