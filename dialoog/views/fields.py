"""One widget per kind of question, bound two-way to an answer in the session's workbook.

A `FieldView` asks the session to store every edit at once (`session.set_answer`; the session
autosaves) and shows the model again when its form changes (`refresh`), so the widget and the
model never disagree. Showing the model never writes it back (`_echo`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

import ipywidgets as w

from ..content import FieldSpec, Form
from ..formatting import css_number, format_number
from ..i18n import t
from ..model import Answer, is_filled
from ..session import Session
from ..ui import SpelledDate, accessible_name, button, guarded


class FieldView(w.VBox):
    """The label, help text and input of one question."""

    def __init__(self, session: Session, form: Form, spec: FieldSpec) -> None:
        super().__init__()
        self.session, self.form, self.spec = session, form, spec
        self._echo = False  # True while the model is being shown: widget events are not edits
        self.label = w.HTML()
        self.help = w.HTML()
        self.add_class("dialoog-field")
        self.input = self._build()
        self.children = [self.label, self.input, self.help]
        self.relabel()
        self.refresh()

    # -- subclasses implement these three ---------------------------------------------------
    def _build(self) -> w.Widget:
        raise NotImplementedError

    def _read(self) -> Answer:
        """The widget's value as an answer."""
        raise NotImplementedError

    def _write(self, value: Answer) -> None:
        """Show an answer in the widget."""
        raise NotImplementedError

    def _relabel_input(self, lang: str) -> None:
        """Re-label options or columns; the value stays."""

    # -- shared behaviour --------------------------------------------------------------------
    @property
    def value(self) -> Answer:
        return self.session.answer(self.form.id, self.spec.id)

    def relabel(self) -> None:
        lang = self.session.language
        required = "" if self.spec.required else f" <small>({t('field.optional', lang)})</small>"
        self.label.value = (
            f'<label class="dialoog-field-label">{html.escape(self.spec.label.get(lang))}'
            f"{required}</label>"
        )
        self.help.value = (
            f'<div class="dialoog-field-help">{html.escape(self.spec.help.get(lang))}</div>'
            if self.spec.help
            else ""
        )
        if hasattr(self.input, "description") and not getattr(self.input, "children", ()):
            accessible_name(self.input, self.spec.label.get(lang))
        self._echo = True
        try:
            self._relabel_input(lang)
        finally:
            self._echo = False

    def refresh(self) -> None:
        """Model -> widget."""
        self._echo = True
        try:
            self._write(self.value)
        finally:
            self._echo = False

    @guarded
    def _changed(self, _change: object = None) -> None:
        """Widget -> model."""
        if not self._echo:
            self._store(self._read())

    def _store(self, value: Answer) -> None:
        problem = self.session.set_answer(self.form.id, self.spec.id, value)
        if problem is not None:
            self.help.value = (
                '<div class="dialoog-field-error" role="alert">'
                f"{html.escape(problem.text(self.session.language))}</div>"
            )


class TextField(FieldView):
    def _build(self) -> w.Widget:
        long = self.spec.kind == "longtext"
        widget = w.Textarea(rows=4) if long else w.Text()
        widget.continuous_update = True
        widget.layout.width = "100%"
        widget.observe(self._changed, "value")
        return widget

    def _read(self) -> Answer:
        return self.input.value

    def _write(self, value: Answer) -> None:
        value = value if isinstance(value, str) else ""
        if self.input.value != value:
            self.input.value = value


class NumberField(TextField):
    """A number typed as text, so that 'no answer' stays possible; invalid input is flagged."""

    def _read(self) -> Answer:
        text = self.input.value.strip().replace(",", ".")
        if not text:
            self.relabel()  # clears a 'not a number' message
            return None
        try:
            number = float(text)
        except ValueError:
            self.help.value = (
                '<div class="dialoog-field-error">'
                f"{html.escape(t('field.not_a_number', self.session.language))}</div>"
            )
            return self.value
        self.relabel()
        return number

    def _write(self, value: Answer) -> None:
        lang = self.session.language
        shown = (
            "" if value is None
            else format_number(value, lang, 6) if isinstance(value, float)
            else str(value)
        )  # fmt: skip
        current = self.input.value.strip().replace(",", ".")
        try:
            same = current and float(current) == value
        except ValueError:
            same = False
        if not same and self.input.value != shown:
            self.input.value = shown


class ChoiceField(FieldView):
    def _build(self) -> w.Widget:
        widget = w.RadioButtons(options=self._options("nl"), value=None)
        widget.layout.width = "auto"
        widget.observe(self._changed, "value")
        return widget

    def _options(self, lang: str) -> list[tuple[str, str]]:
        return [(o.label.get(lang), o.id) for o in self.spec.options]

    def _relabel_input(self, lang: str) -> None:
        value = self.input.value
        self.input.options = self._options(lang)
        self.input.value = value

    def _read(self) -> Answer:
        return self.input.value

    def _write(self, value: Answer) -> None:
        known = {o.id for o in self.spec.options}
        value = value if value in known else None
        if self.input.value != value:
            self.input.value = value


class MultiChoiceField(FieldView):
    """Multiple choice and checklists: a checkbox per option, the answer lists ticked ids."""

    def _build(self) -> w.Widget:
        self.boxes = [w.Checkbox(value=False, indent=False) for _ in self.spec.options]
        for box in self.boxes:
            box.layout.width = "auto"
            box.observe(self._changed, "value")
        return w.VBox(self.boxes, layout=w.Layout(padding="0 0 0 4px"))

    def _relabel_input(self, lang: str) -> None:
        for box, option in zip(self.boxes, self.spec.options, strict=True):
            box.description = option.label.get(lang)

    def _read(self) -> Answer:
        return [o.id for o, box in zip(self.spec.options, self.boxes, strict=True) if box.value]

    def _write(self, value: Answer) -> None:
        ticked = set(value) if isinstance(value, list) else set()
        for option, box in zip(self.spec.options, self.boxes, strict=True):
            if box.value != (option.id in ticked):
                box.value = option.id in ticked


class DateField(FieldView):
    def _build(self) -> w.Widget:
        widget = w.DatePicker()
        widget.observe(self._changed, "value")
        self.words = SpelledDate(widget, lambda: self.session.language)
        return widget

    def __init__(self, session: Session, form: Form, spec: FieldSpec) -> None:
        super().__init__(session, form, spec)
        self.children = [self.label, self.words.row(), self.help]

    def _relabel_input(self, lang: str) -> None:
        self.words.update()

    def _read(self) -> Answer:
        return self.input.value.isoformat() if self.input.value else None

    def _write(self, value: Answer) -> None:
        try:
            day = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if self.input.value != day:
            self.input.value = day


class TableField(FieldView):
    """Rows of text, choice or date cells; rows are added and removed with buttons."""

    def _build(self) -> w.Widget:
        self.rows_box = w.VBox()
        self.add_button = button("", icon="plus")
        self.add_button.layout.align_self = "flex-start"
        self.add_button.on_click(self._add_row)
        self.header = w.HBox()
        self.header.add_class("dialoog-table-head")
        self._rows: list[list[w.Widget]] = []
        return w.VBox([self.header, self.rows_box, self.add_button])

    def _relabel_input(self, lang: str) -> None:
        self.add_button.description = t("table.add_row", lang)
        self.header.children = [
            w.HTML(f"<b>{html.escape(c.label.get(lang))}</b>", layout=self._cell_layout(c))
            for c in self.spec.columns
        ] + [w.HTML(layout=w.Layout(flex="0 0 44px"))]  # above the remove buttons
        self._render_rows(self.value)

    @staticmethod
    def _cell_layout(column) -> w.Layout:
        """A date keeps room for dd-mm-jjjj and a menu for its longest words; text takes the
        rest. Header and cells share the layout, so columns line up."""
        if column.kind == "date":
            return w.Layout(flex="0 0 9.5em", width="auto")
        if column.kind == "choice":
            longest = max((len(o.label.nl) for o in column.options), default=8)
            return w.Layout(
                flex="1 1 0", min_width=f"{css_number(min(longest, 16) * 0.6 + 2.5, 1)}em"
            )
        return w.Layout(flex="2 1 0", min_width="5em")

    def _cell(self, column, lang: str) -> w.Widget:
        if column.kind == "choice":
            options = [("", "")] + [(o.label.get(lang), o.id) for o in column.options]
            cell = w.Dropdown(options=options, value="")
        elif column.kind == "date":
            cell = w.DatePicker()
        else:
            cell = w.Text(continuous_update=True)
        cell.layout = self._cell_layout(column)
        return cell

    def _render_rows(self, value: Answer) -> None:
        rows = value if isinstance(value, list) else []
        lang = self.session.language
        self._rows = []
        boxes = []
        for index, row in enumerate(rows):
            cells = [self._cell(c, lang) for c in self.spec.columns]
            row = row if isinstance(row, dict) else {}
            for cell, column in zip(cells, self.spec.columns, strict=True):
                # each cell is named for screen readers; on a phone the name is shown above it
                label = t("table.cell_name", lang, column=column.label.get(lang), row=index + 1)
                accessible_name(cell, label)
                self._set_cell(cell, column, row.get(column.id, ""))
                cell.observe(self._changed, "value")  # after the value: showing is not editing
            remove = w.Button(icon="trash", tooltip=t("table.remove_row", lang))
            remove.layout = w.Layout(flex="0 0 40px", width="40px")
            remove.on_click(lambda _b, i=index: self._remove_row(i))
            self._rows.append(cells)
            box = w.HBox([*cells, remove])
            box.add_class("dialoog-table-row")
            boxes.append(box)
        self.rows_box.children = boxes

    def _set_cell(self, cell: w.Widget, column, text: str) -> None:
        if column.kind == "date":
            try:
                cell.value = date.fromisoformat(text) if text else None
            except ValueError:
                cell.value = None
        elif column.kind == "choice":
            cell.value = text if text in {o.id for o in column.options} else ""
        else:
            cell.value = text

    def _read(self) -> Answer:
        rows = []
        for cells in self._rows:
            row = {}
            for cell, column in zip(cells, self.spec.columns, strict=True):
                value = cell.value
                row[column.id] = value.isoformat() if isinstance(value, date) else (value or "")
            rows.append(row)
        return rows

    def _write(self, value: Answer) -> None:
        # rows still blank are the user's work in progress: they are not in the model yet
        shown = [row for row in self._read() if any(row.values())]
        stored = [row for row in (value if isinstance(value, list) else []) if is_filled([row])]
        if shown != stored:
            self._render_rows(value)

    @guarded
    def _add_row(self, _button: object = None) -> None:
        # an empty row is not an answer yet; it is stored once a cell is filled
        self._render_rows(self._read() + [{c.id: "" for c in self.spec.columns}])

    @guarded
    def _remove_row(self, index: int) -> None:
        rows = self._read()
        del rows[index]
        self._render_rows(rows)
        self._store(rows)


FIELD_VIEWS: dict[str, type[FieldView]] = {
    "text": TextField,
    "longtext": TextField,
    "number": NumberField,
    "choice": ChoiceField,
    "multichoice": MultiChoiceField,
    "checklist": MultiChoiceField,
    "date": DateField,
    "table": TableField,
}


def register_view(session: Session, form: Form, spec: FieldSpec) -> w.Widget:
    """The stakeholder register, mapped and ranked (step 3) or to select from (step 5a)."""
    from ..stakeholders.view import RegisterView  # pandas: only the steps with the register

    return RegisterView(session, mode="select" if spec.role == "register_selection" else "map")


def engagement_view(session: Session, form: Form, spec: FieldSpec) -> w.Widget:
    """The engagement log: contacts, per stakeholder, concerns, evidence (step 8b)."""
    from ..engagement.view import EngagementLogView

    return EngagementLogView(session)


FACTORIES: dict[str, Callable[[Session, Form, FieldSpec], w.Widget]] = {
    **FIELD_VIEWS,
    "stakeholder_register": register_view,
    "engagement_log": engagement_view,
}


def field_view(session: Session, form: Form, spec: FieldSpec) -> w.Widget:
    """The widget for a question of any kind."""
    return FACTORIES[spec.kind](session, form, spec)
