"""The preview of an import, column by column: one widget for every import (the register in
step 3, the analyst's page, the engagement log).

For each column of the file: its heading and a few values as written, what it is read as (a
menu: a field, the notes, or not used), how (and for a score column, on which scale: a menu),
and how many cells were read, left empty or kept as text. Where the file does not say enough
(no column with names, a scale that is not named) the preview asks, and the page lets nothing
in until it is answered. The widget shows a `ColumnPreview` list and reports the user's
choices through two callbacks; it reads no file and decides nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as w

from ..formatting import format_count
from ..i18n import t
from ..preview import NOTES, ColumnPreview
from ..ui import accessible_name

UNUSED = ""  # the menu's value for "not used"


class ColumnsPreview(w.VBox):
    """One card per column of the file; `on_field(position, field or None or NOTES)` and
    `on_mode(position, mode or None)` are called when the user reads a column otherwise."""

    def __init__(
        self,
        on_field: Callable[[int, str | None], None],
        on_mode: Callable[[int, str | None], None],
        *,
        notes: bool = True,
    ) -> None:
        super().__init__()
        self.add_class("dialoog-columns")
        self.on_field, self.on_mode, self.notes = on_field, on_mode, notes
        self.title = w.HTML()
        self.asks = w.HTML()
        self.cards = w.GridBox(
            layout=w.Layout(
                grid_template_columns="repeat(auto-fill, minmax(min(100%, 19em), 1fr))",
                grid_gap="0.6em 1em",
            )
        )
        self.children = [self.title, self.asks, self.cards]
        self.columns: list[ColumnPreview] = []

    def show(
        self,
        columns: Sequence[ColumnPreview],
        fields: Sequence[tuple[str, str]],
        lang: str,
        *,
        question: str = "",
    ) -> None:
        """Show `columns`, with `fields` (label, id) to choose from; `question` is what the
        whole file asks (no column with names, say)."""
        self.columns = list(columns)
        self.title.value = f"<p><b>{html.escape(t('sh.import.mapping', lang))}</b></p>"
        asked = [c.heading for c in columns if c.question]
        lines = [question] if question else []
        if asked:
            lines.append(t("sh.import.asks", lang, columns=", ".join(f"‘{a}’" for a in asked)))
        self.asks.value = "".join(
            f'<div class="dialoog-notice-error dialoog-ask" role="alert">{html.escape(x)}</div>'
            for x in lines
        )
        choices = [(t("sh.import.not_read", lang), UNUSED)]
        if self.notes:
            choices.append((t("sh.import.notes_choice", lang), NOTES))
        choices += list(fields)
        self.cards.children = [self._card(c, choices, lang) for c in columns]

    def _card(self, column: ColumnPreview, choices, lang: str) -> w.VBox:
        heading = html.escape(column.heading)
        sample = ", ".join(f"‘{s}’" for s in column.sample)
        head = w.HTML(
            f'<div class="dialoog-column-heading">{heading}</div>'
            + (f'<div class="dialoog-hint">{html.escape(sample)}</div>' if sample else "")
        )
        values = {v for _label, v in choices}
        field = w.Dropdown(options=choices, value=column.field if column.field in values else "")
        accessible_name(field, t("sh.import.read_as_of", lang, heading=column.heading))
        field.add_class("dialoog-column-field")
        field.layout.width = "100%"
        field.observe(
            lambda change, p=column.position: self.on_field(p, change["new"] or None), "value"
        )
        parts: list[w.Widget] = [head, field]
        if column.modes:
            options = list(column.modes)
            if column.mode is None:
                options = [(t("sh.import.choose_scale", lang), ""), *options]
            mode = w.Dropdown(options=options, value=column.mode or "")
            accessible_name(mode, t("sh.import.reading_of", lang, heading=column.heading))
            mode.add_class("dialoog-column-mode")
            mode.layout.width = "100%"
            mode.observe(
                lambda change, p=column.position: self.on_mode(p, change["new"] or None), "value"
            )
            parts.append(mode)
        counts = " · ".join(
            t(f"sh.import.count.{kind}", lang, count=format_count(n, lang))
            for kind, n in (("read", column.read), ("emptied", column.emptied),
                            ("kept", column.kept))
            if n or kind == "read"
        )  # fmt: skip
        text = f'<div class="dialoog-hint">{html.escape(column.how)}</div>'
        if column.used:
            text += f'<div class="dialoog-hint dialoog-column-counts">{html.escape(counts)}</div>'
        if column.question:
            text += (
                f'<div class="dialoog-field-error" role="alert">'
                f"{html.escape(column.question)}</div>"
            )
        parts.append(w.HTML(text))
        card = w.VBox(parts)
        card.add_class("dialoog-column")
        if column.question:
            card.add_class("dialoog-column-asks")
        if not column.used:
            card.add_class("dialoog-column-unused")
        return card
