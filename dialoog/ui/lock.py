"""Read-only pages: every widget that could edit is disabled; what only shows stays usable.

Widgets that only change what is shown (navigation, filters, pages of a table, downloads)
carry the class `dialoog-view`; everything else that takes input is disabled. The session
refuses edits anyway: this is what the reader sees.
"""

from __future__ import annotations

import ipywidgets as w

VIEW = "dialoog-view"
INPUTS = (
    w.Text,
    w.Textarea,
    w.Checkbox,
    w.Dropdown,
    w.ToggleButtons,
    w.RadioButtons,
    w.DatePicker,
    w.Combobox,
    w.FileUpload,
    w.SelectMultiple,
    w.Button,
    w.ToggleButton,
)


def accessible_name(widget: w.Widget, text: str) -> None:
    """Name a control for screen readers when its visible label is elsewhere (a heading, a
    label above it): the description becomes its <label for>, kept off the screen by CSS
    (`dialoog-sr-label`), so the name is read but not shown twice."""
    widget.description = text
    widget.add_class("dialoog-sr-label")


def view_only(*widgets: w.Widget) -> None:
    """Mark widgets that only change what is shown, so that a read-only page keeps them."""
    for widget in widgets:
        widget.add_class(VIEW)


def _children(widget: w.Widget) -> tuple:
    return tuple(getattr(widget, "children", ()) or ())


def lock(root: w.Widget) -> int:
    """Disable every input under `root` that is not marked as view-only; returns how many."""
    count = 0
    stack = [root]
    while stack:
        widget = stack.pop()
        if isinstance(widget, INPUTS) and VIEW not in widget._dom_classes:
            if not widget.disabled:
                widget.disabled = True
            count += 1
        stack.extend(_children(widget))
    return count
