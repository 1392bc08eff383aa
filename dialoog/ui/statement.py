"""One statement with its answer scale: the self-assessment's and the workshop's, alike.

The widget only shows and asks: it takes the options and the current answer, and reports the
person's choice through `on_change(option_id | None)`; what is stored, and how, is the caller's.
The scale is a radio group with the statement as its label, so a screen reader announces the
question and which answer is chosen, and the arrow keys move within the group.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ipywidgets as w

from ..i18n import Localized, t
from .widgets import button, show


@dataclass(frozen=True)
class ScaleOption:
    id: str
    label: Localized


class StatementInput(w.VBox):
    """`number. text` above the scale; `value` is the chosen option id or None."""

    def __init__(
        self,
        text: Localized,
        options: Sequence[ScaleOption],
        on_change: Callable[[str | None], None],
        *,
        lang: str = "nl",
        number: int | None = None,
        clearable: bool = True,
        statement_id: str = "",
    ) -> None:
        super().__init__()
        self.add_class("dialoog-statement")
        self.statement_text, self.options, self.number = text, tuple(options), number
        self._on_change = on_change
        self._echo = False
        self.text = w.HTML()
        self.text.add_class("dialoog-statement-text")
        self.choice = w.ToggleButtons(options=[], value=None, style={"button_width": "auto"})
        self.choice.add_class("dialoog-scale")
        if statement_id:
            self.choice.add_class(f"dialoog-scale-{statement_id}")
        self.choice.observe(self._changed, "value")
        self.clear = button("", icon="times")
        self.clear.add_class("dialoog-clear")
        self.clear.on_click(lambda _b: self._pick(None))
        show(self.clear, clearable)
        self.clearable = clearable
        row = w.HBox([self.choice, self.clear])
        row.add_class("dialoog-statement-row")
        self.children = [self.text, row]
        self.relabel(lang)

    @property
    def value(self) -> str | None:
        return self.choice.value

    def set_value(self, option_id: str | None) -> None:
        """Show an answer (from the model); never reported back as a choice."""
        known = {o.id for o in self.options}
        option_id = option_id if option_id in known else None
        if self.choice.value != option_id:
            self._echo = True
            try:
                self.choice.value = option_id
            finally:
                self._echo = False
        self._show_clear()

    def relabel(self, lang: str) -> None:
        number = (
            f'<span class="dialoog-statement-number">{self.number}.</span>' if self.number else ""
        )
        self.text.value = f"{number}{html.escape(self.statement_text.get(lang))}"
        value = self.choice.value
        self._echo = True
        try:
            self.choice.options = [(o.label.get(lang), o.id) for o in self.options]
            self.choice.tooltips = [o.label.get(lang) for o in self.options]
            self.choice.value = value
        finally:
            self._echo = False
        self.clear.description = t("sa.statement.clear", lang)
        self.clear.tooltip = self.clear.description
        # the page script turns the button row into a labelled radio group (see dialoog.js)
        self.choice.tooltip = self.statement_text.get(lang)
        self._show_clear()

    def _changed(self, change: dict) -> None:
        if not self._echo:
            self._on_change(change["new"])
        self._show_clear()

    def _pick(self, option_id: str | None) -> None:
        self.choice.value = option_id  # _changed reports it

    def _show_clear(self) -> None:
        if self.clearable:
            self.clear.layout.visibility = "visible" if self.choice.value is not None else "hidden"
