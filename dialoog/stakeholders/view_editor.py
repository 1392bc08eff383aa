"""Editing one stakeholder at a time: a form bound to one record of the workbook's register.

Every change is written to the workbook at once (the session autosaves); text fields write when
the user leaves them or presses Enter. A change the record refuses (an empty or duplicate name)
is shown as a message and not written, so the register is never left half-valid.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from pydantic import ValidationError

from ..i18n import t
from ..session import Session
from ..views.common import Notice, button, guarded
from .choices import norm, register_data
from .importer import name_key
from .priority import explain, prioritise
from .record import SCORES, Stakeholder
from .register import to_frame
from .view_table import options_for, score_options

CHOICES = ("group", "chain", "relationship", "reach")
TEXTS = ("name", "contact")
LONG_TEXTS = ("notes", "selection_reason")


def _labelled(label: w.Label, widget: w.Widget, width: str = "100%") -> w.VBox:
    widget.layout.width = width
    box = w.VBox([label, widget])
    box.add_class("sh-field")
    return box


class StakeholderForm(w.VBox):
    """The fields of the stakeholder with id `current`; empty and hidden when none is chosen."""

    def __init__(self, session: Session, on_removed: Callable[[Stakeholder, int], None]) -> None:
        super().__init__()
        self.session = session
        self.current: str | None = None
        self._on_removed = on_removed
        self._syncing = False
        self.add_class("sh-form")
        data = register_data()

        self.title = w.HTML()
        self.labels = {f.id: w.Label() for f in data.fields}
        self.labels["own_issues"] = w.Label()
        self.inputs: dict[str, w.Widget] = {}
        for name in TEXTS:
            self.inputs[name] = w.Text(continuous_update=False)
        for name in LONG_TEXTS:
            self.inputs[name] = w.Textarea(rows=3, continuous_update=False)
        for name in CHOICES:
            self.inputs[name] = w.Dropdown(options=options_for(name, "nl"), value=None)
        for name in SCORES:
            self.inputs[name] = w.Dropdown(options=score_options(name, "nl"), value=None)
        self.inputs["country"] = w.Combobox(
            options=[c.nl for c in data.countries], ensure_option=False, continuous_update=False
        )
        self.inputs["issues"] = w.SelectMultiple(options=options_for("issues", "nl")[1:], rows=7)
        self.inputs["own_issues"] = w.Text(continuous_update=False)
        self.inputs["selected"] = w.Checkbox(indent=False)
        for widget in self.inputs.values():
            widget.observe(self._changed, "value")

        self.explanation = w.HTML()
        self.explanation.add_class("sh-explain")
        self.issues_hint = w.HTML()
        self.notice = Notice()
        self.remove = button("", icon="trash")
        self.confirm_remove = button("", icon="trash", style="danger")
        self.cancel_remove = button("")
        self.remove.on_click(self._ask_remove)
        self.confirm_remove.on_click(self._remove)
        self.cancel_remove.on_click(self._cancel_remove)
        self.confirm_box = w.HBox([self.confirm_remove, self.cancel_remove])
        self.confirm_box.layout.display = "none"

        def grid(names: list[str], columns: str = "repeat(auto-fill, minmax(210px, 1fr))"):
            return w.GridBox(
                [_labelled(self.labels[n], self.inputs[n]) for n in names],
                layout=w.Layout(grid_template_columns=columns, grid_gap="4px 14px", width="100%"),
            )

        self.sections = {
            "who": w.HTML(),
            "severity": w.HTML(),
            "engage": w.HTML(),
        }
        self.children = [
            self.title,
            self.notice,
            grid(["name", "group", "chain", "country"]),
            grid(["issues", "own_issues"], "minmax(260px, 2fr) minmax(200px, 1fr)"),
            self.issues_hint,
            self.sections["severity"],
            grid(["scale", "scope", "irremediability", "likelihood", "vulnerability"]),
            self.explanation,
            self.sections["engage"],
            grid(["knowledge", "influence", "relationship", "reach", "contact"]),
            grid(["notes"], "1fr"),
            grid(["selected", "selection_reason"], "minmax(200px, 1fr) minmax(260px, 3fr)"),
            w.HBox([self.remove, self.confirm_box]),
        ]
        self.layout.display = "none"

    # -- model -> widgets ----------------------------------------------------------------------
    def record(self) -> tuple[int, Stakeholder] | None:
        for i, s in enumerate(self.session.workbook.stakeholders):
            if s.id == self.current:
                return i, s
        return None

    def show(self, stakeholder_id: str | None) -> None:
        if stakeholder_id != self.current:
            self.notice.clear()
            self._cancel_remove()
        self.current = stakeholder_id
        self.refresh()

    def refresh(self) -> None:
        found = self.record()
        self.layout.display = "flex" if found else "none"
        if not found:
            self.current = None
            return
        _, s = found
        lang = self.session.language
        data = register_data()
        known_issues = {o.id for o in data.options("issues")}
        values = {
            **{n: getattr(s, n) for n in (*TEXTS, *LONG_TEXTS, *CHOICES, *SCORES)},
            "country": data.country_label(s.country, lang) if s.country else "",
            "issues": tuple(i for i in s.issues if i in known_issues),
            "own_issues": "; ".join(i for i in s.issues if i not in known_issues),
            "selected": s.selected,
        }
        self._syncing = True
        try:
            for name, value in values.items():
                widget = self.inputs[name]
                if isinstance(widget, w.Dropdown) and value not in {v for _, v in widget.options}:
                    widget.options = [*widget.options, (str(value), value)]  # an older option
                if widget.value != value:
                    widget.value = value
        finally:
            self._syncing = False
        self.title.value = (
            f'<h4 class="sh-form-title">{_escape(t("sh.form.title", lang, name=s.name))}</h4>'
        )
        self._explain()

    def _explain(self) -> None:
        found = self.record()
        if found is None:
            return
        ranked = prioritise(to_frame(self.session.workbook.stakeholders))
        row = ranked[ranked["id"] == self.current].iloc[0]
        self.explanation.value = f"<p>{_escape(explain(row, self.session.language))}</p>"

    def relabel(self, lang: str) -> None:
        data = register_data()
        for f in data.fields:
            self.labels[f.id].value = f.label.get(lang)
            self.inputs[f.id].tooltip = f.help.get(lang)
        self.labels["own_issues"].value = t("sh.form.own_issues", lang)
        self.inputs["own_issues"].placeholder = t("sh.form.own_issues_hint", lang)
        self.inputs["name"].placeholder = t("sh.form.name_hint", lang)
        self.inputs["selected"].description = t("sh.form.selected_yes", lang)
        self.issues_hint.value = f"<small>{_escape(t('sh.form.issues_hint', lang))}</small>"
        self._syncing = True
        try:
            for name in CHOICES:
                self._reoption(name, options_for(name, lang))
            for name in SCORES:
                self._reoption(name, score_options(name, lang))
            self._reoption("issues", options_for("issues", lang)[1:])
            country = self.inputs["country"]
            country.options = [c.label(lang) for c in data.countries]
        finally:
            self._syncing = False
        self.sections[
            "severity"
        ].value = f'<div class="sh-section">{_escape(t("sh.form.severity", lang))}</div>'
        self.sections[
            "engage"
        ].value = f'<div class="sh-section">{_escape(t("sh.form.engage", lang))}</div>'
        self.remove.description = t("sh.form.remove", lang)
        self.confirm_remove.description = t("sh.form.confirm_remove", lang)
        self.cancel_remove.description = t("sh.form.cancel", lang)
        self.refresh()  # the country name and the explanation are in the language too

    def _reoption(self, name: str, options: list) -> None:
        widget = self.inputs[name]
        value = widget.value
        widget.options = options
        widget.value = value

    # -- widgets -> model ----------------------------------------------------------------------
    def _read(self) -> dict:
        data = register_data()
        values = {n: self.inputs[n].value for n in (*TEXTS, *LONG_TEXTS, *CHOICES, *SCORES)}
        country = self.inputs["country"].value.strip()
        values["country"] = data.country_keys.get(norm(country), country) if country else ""
        own = [p.strip() for p in self.inputs["own_issues"].value.split(";") if p.strip()]
        values["issues"] = [*self.inputs["issues"].value, *own]
        values["selected"] = self.inputs["selected"].value
        return values

    @guarded
    def _changed(self, _change: object = None) -> None:
        if self._syncing:
            return
        found = self.record()
        if found is None:
            return
        index, current = found
        lang = self.session.language
        values = self._read()
        if not values["name"].strip():
            self.notice.show(t("sh.form.name_required", lang), "error")
            return
        others = {
            name_key(s.name) for s in self.session.workbook.stakeholders if s.id != current.id
        }
        if name_key(values["name"]) in others:
            self.notice.show(t("sh.form.name_taken", lang, name=values["name"].strip()), "error")
            return
        try:
            updated = Stakeholder.model_validate(current.model_dump() | values)
        except ValidationError as exc:
            problem = exc.errors()[0]
            field = register_data().field(str(problem["loc"][0])).label.get(lang)
            self.notice.show(
                t("sh.form.invalid", lang, field=field, problem=problem["msg"]), "error"
            )
            return
        self.notice.clear()
        if updated == current:
            return
        stakeholders = list(self.session.workbook.stakeholders)
        stakeholders[index] = updated
        self.session.workbook.stakeholders = stakeholders
        self.session.changed()

    @guarded
    def _ask_remove(self, _button: object = None) -> None:
        self.remove.layout.display = "none"
        self.confirm_box.layout.display = "flex"

    def _cancel_remove(self, _button: object = None) -> None:
        self.remove.layout.display = None
        self.confirm_box.layout.display = "none"

    @guarded
    def _remove(self, _button: object = None) -> None:
        found = self.record()
        self._cancel_remove()
        if found is None:
            return
        index, removed = found
        stakeholders = list(self.session.workbook.stakeholders)
        del stakeholders[index]
        self.session.workbook.stakeholders = stakeholders
        self.current = None
        self.session.changed()
        self._on_removed(removed, index)


def _escape(text: str) -> str:
    import html

    return html.escape(text)
