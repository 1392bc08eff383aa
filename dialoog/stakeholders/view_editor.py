"""Editing one stakeholder at a time, and adding one through an explicit form.

Adding: "Nieuwe stakeholder" opens an empty form; nothing is created until Save (Cancel drops
it). Editing: a change to a stakeholder that exists is stored at once through the register's
API (text fields when the user leaves them or presses Enter), like every other answer in the
workbook. A change the API refuses (an empty or taken name, a text too long) is shown as a
message and not stored, so the register is never left half-valid.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as w

from ..formatting import format_date
from ..i18n import t, tn
from ..problems import Outcome, Problem
from ..session import Session
from ..ui import Notice, button, esc, guarded, isolate, show, view_only
from . import api
from .choices import norm, register_data
from .priority import explain, prioritise
from .record import SCORES, Stakeholder
from .register import to_frame
from .view_table import options_for, score_options

CHOICES = ("group", "chain", "relationship", "reach")
TEXTS = ("name", "contact")
# score menus carry whole descriptions ("5  Zeer ernstig (leven, gezondheid, …)"): wide columns
WIDE = "repeat(auto-fill, minmax(min(100%, 27em), 1fr))"
LONG_TEXTS = ("notes", "selection_reason")


def _labelled(label: w.Label, widget: w.Widget, width: str = "100%") -> w.VBox:
    widget.layout.width = width
    box = w.VBox([label, widget])
    box.add_class("sh-field")
    return box


class IssueChoice(w.GridBox):
    """The register's issues as tick boxes (no Ctrl-click): `value` is a tuple of ids."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        self.options = register_data().options("issues")
        self.boxes = {o.id: w.Checkbox(value=False, indent=False) for o in self.options}
        for box in self.boxes.values():
            box.layout.width = "auto"
            box.observe(lambda _c: on_change(), "value")
        super().__init__(
            list(self.boxes.values()),
            layout=w.Layout(
                grid_template_columns="repeat(auto-fill, minmax(15em, 1fr))", grid_gap="0 12px"
            ),
        )
        self.add_class("sh-issues")

    @property
    def value(self) -> tuple[str, ...]:
        return tuple(i for i, box in self.boxes.items() if box.value)

    def set_value(self, ids: tuple[str, ...]) -> None:
        for option_id, box in self.boxes.items():
            if box.value != (option_id in ids):
                box.value = option_id in ids

    def relabel(self, lang: str) -> None:
        for option in self.options:
            self.boxes[option.id].description = option.label.get(lang)


class StakeholderForm(w.VBox):
    """The fields of one stakeholder (`current`), or of a new one (`draft`); hidden otherwise."""

    def __init__(
        self,
        session: Session,
        on_removed: Callable[[Stakeholder, int], None],
        on_saved: Callable[[str], None] = lambda _id: None,
    ) -> None:
        super().__init__()
        self.session = session
        self.current: str | None = None
        self.draft = False
        self.ranked = None  # the prioritised register, set by the panel that shows this form
        self._on_removed, self._on_saved = on_removed, on_saved
        self._echo = False  # True while the model is shown: widget events are not edits
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
        self.inputs["own_issues"] = w.Text(continuous_update=False)
        self.inputs["selected"] = w.Checkbox(indent=False)
        for widget in self.inputs.values():
            widget.observe(self._changed, "value")
        self.issues = IssueChoice(self._changed)

        self.explanation = w.HTML()
        self.explanation.add_class("sh-explain")
        self.issues_hint = w.HTML()
        self.notice = Notice()
        self.save = button("", icon="check", style="primary")
        self.save.add_class("sh-save")
        self.cancel = button("", icon="times")
        self.cancel.add_class("sh-cancel")
        self.save.on_click(self._save)
        self.cancel.on_click(self._cancel_draft)
        self.draft_buttons = w.HBox([self.save, self.cancel])
        self.remove = button("", icon="trash")
        self.confirm_remove = button("", icon="trash", style="danger")
        self.cancel_remove = button("")
        self.remove.on_click(self._ask_remove)
        self.confirm_remove.on_click(self._remove)
        self.cancel_remove.on_click(self._cancel_remove)
        self.confirm_box = w.HBox([self.confirm_remove, self.cancel_remove])
        show(self.confirm_box, False)
        self.remove_box = w.HBox([self.remove, self.confirm_box])

        def grid(
            names: list[str], columns: str = "repeat(auto-fill, minmax(min(100%, 16em), 1fr))"
        ):
            return w.GridBox(
                [_labelled(self.labels[n], self.inputs[n]) for n in names],
                layout=w.Layout(grid_template_columns=columns, grid_gap="4px 14px", width="100%"),
            )

        self.dialogue = w.HTML()
        self.dialogue.add_class("sh-dialogue")
        self.to_log = button("", icon="comments")
        self.to_log.add_class("sh-to-log")
        view_only(self.to_log)  # opens another page, edits nothing
        self.to_log.on_click(self._open_log)
        self.dialogue_box = w.HBox(
            [self.dialogue, self.to_log],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.sections = {"severity": w.HTML(), "engage": w.HTML()}
        issues = w.VBox([self.labels["issues"], self.issues, self.issues_hint])
        issues.add_class("sh-field")
        self.children = [
            self.title,
            self.notice,
            grid(["name", "group", "chain", "country"]),
            issues,
            grid(["own_issues"], "1fr"),
            self.sections["severity"],
            grid(["scale", "scope", "irremediability", "likelihood", "vulnerability"], WIDE),
            self.explanation,
            self.sections["engage"],
            grid(["knowledge", "influence", "relationship", "reach", "contact"], WIDE),
            self.dialogue_box,
            grid(["notes"], "1fr"),
            grid(["selected", "selection_reason"], "minmax(200px, 1fr) minmax(260px, 3fr)"),
            self.draft_buttons,
            self.remove_box,
        ]
        show(self, False)
        session.watch(self._dialogue_changed, "engagements", "followup")

    @guarded
    def _dialogue_changed(self, _change: object = None) -> None:
        if self.current and not self.draft:
            self._show_dialogue(self.current)

    # -- model -> widgets ----------------------------------------------------------------------
    def record(self) -> tuple[int, Stakeholder] | None:
        for i, s in enumerate(self.session.workbook.stakeholders):
            if s.id == self.current:
                return i, s
        return None

    def show(self, stakeholder_id: str | None) -> None:
        """Edit the stakeholder with this id (None: close the form)."""
        if stakeholder_id != self.current or self.draft:
            self.notice.clear()
            self._cancel_remove()
        self.draft = False
        self.current = stakeholder_id
        self.refresh()

    def new(self) -> None:
        """An empty form for a new stakeholder; nothing is stored until Save."""
        self.current, self.draft = None, True
        self.notice.clear()
        self._show_values(self._values_of(Stakeholder.model_construct(name="")))
        lang = self.session.language
        self.title.value = f'<h4 class="sh-form-title">{esc(t("sh.form.new_title", lang))}</h4>'
        self.explanation.value = ""
        show(self.dialogue_box, False)
        show(self.draft_buttons, True)
        show(self.remove_box, False)
        show(self, True)

    def refresh(self) -> None:
        if self.draft:
            return  # the draft is the user's: nothing in the model to show yet
        found = self.record()
        show(self, found is not None)
        show(self.draft_buttons, False)
        show(self.remove_box, found is not None)
        if not found:
            self.current = None
            return
        _, s = found
        self._show_values(self._values_of(s))
        lang = self.session.language
        self.title.value = (
            f'<h4 class="sh-form-title">{esc(t("sh.form.title", lang, name=isolate(s.name)))}</h4>'
        )
        self._explain()
        self._show_dialogue(s.id)

    def _show_dialogue(self, stakeholder_id: str) -> None:
        """The dialogue with this stakeholder so far, in a line, and the way to the log."""
        from ..engagement.timeline import per_stakeholder

        lang, workbook = self.session.language, self.session.workbook
        found = [
            c for c in per_stakeholder(workbook, date.today()) if c.stakeholder_id == stakeholder_id
        ]
        show(self.dialogue_box, bool(found))
        if not found:
            return
        c = found[0]
        parts = [
            tn("sh.dialogue.contacts", lang, c.contacts)
            if c.contacts
            else t("sh.dialogue.none", lang)
        ]
        if c.last:
            parts.append(t("sh.dialogue.last", lang, date=format_date(c.last, lang)))
        if c.open_follow_ups:
            parts.append(tn("sh.dialogue.open", lang, c.open_follow_ups))
        if c.overdue:
            parts.append(t("sh.dialogue.overdue", lang, count=c.overdue))
        if c.no_contact_since:
            when = format_date(c.no_contact_since, lang)
            parts.append(t("eng.timeline.no_contact_since", lang, date=when))
        elif c.selected and not c.contacts:
            parts.append(t("eng.timeline.never", lang))
        css = "sh-dialogue-flag" if c.flagged else "sh-dialogue-line"
        self.dialogue.value = f'<p class="{css}">{esc(" · ".join(parts))}</p>'

    @guarded
    def _open_log(self, _button: object = None) -> None:
        form, _spec = self.session.content.field_with_role("engagement_log")
        self.session.page_request = form.id

    def _values_of(self, s: Stakeholder) -> dict:
        data = register_data()
        known_issues = {o.id for o in data.options("issues")}
        issues = tuple(getattr(s, "issues", None) or ())
        return {
            **{n: getattr(s, n, None) for n in (*CHOICES, *SCORES)},
            **{n: getattr(s, n, "") or "" for n in (*TEXTS, *LONG_TEXTS)},
            "country": data.country_label(s.country, self.session.language)
            if getattr(s, "country", "")
            else "",
            "issues": tuple(i for i in issues if i in known_issues),
            "own_issues": "; ".join(i for i in issues if i not in known_issues),
            "selected": bool(getattr(s, "selected", False)),
        }

    def _show_values(self, values: dict) -> None:
        self._echo = True
        try:
            self.issues.set_value(values.pop("issues"))
            for name, value in values.items():
                widget = self.inputs[name]
                if isinstance(widget, w.Dropdown) and value not in {v for _, v in widget.options}:
                    widget.options = [*widget.options, (str(value), value)]  # an older option
                if widget.value != value:
                    widget.value = value
        finally:
            self._echo = False

    def _explain(self) -> None:
        ranked = self.ranked
        if ranked is None or self.current is None:
            ranked = prioritise(to_frame(self.session.workbook.stakeholders))
        rows = ranked[ranked["id"] == self.current]
        if rows.empty:
            self.explanation.value = ""
            return
        text = explain(rows.iloc[0], self.session.language)
        self.explanation.value = f"<p>{esc(text)}</p>"

    def relabel(self, lang: str) -> None:
        data = register_data()
        for f in data.fields:
            self.labels[f.id].value = f.label.get(lang)
            if f.id in self.inputs:
                self.inputs[f.id].tooltip = f.help.get(lang)
        self.labels["own_issues"].value = t("sh.form.own_issues", lang)
        self.inputs["own_issues"].placeholder = t("sh.form.own_issues_hint", lang)
        self.inputs["name"].placeholder = t("sh.form.name_hint", lang)
        self.inputs["selected"].description = t("sh.form.selected_yes", lang)
        self.issues_hint.value = f"<small>{esc(t('sh.form.issues_hint', lang))}</small>"
        self.issues.relabel(lang)
        self._echo = True
        try:
            for name in CHOICES:
                self._reoption(name, options_for(name, lang))
            for name in SCORES:
                self._reoption(name, score_options(name, lang))
            country = self.inputs["country"]
            country.options = [c.label(lang) for c in data.countries]
        finally:
            self._echo = False
        self.sections[
            "severity"
        ].value = f'<div class="sh-section">{esc(t("sh.form.severity", lang))}</div>'
        self.sections[
            "engage"
        ].value = f'<div class="sh-section">{esc(t("sh.form.engage", lang))}</div>'
        self.save.description = t("sh.form.save", lang)
        self.cancel.description = t("sh.form.cancel", lang)
        self.to_log.description = t("sh.dialogue.open_log", lang)
        self.remove.description = t("sh.form.remove", lang)
        self.confirm_remove.description = t("sh.form.confirm_remove", lang)
        self.cancel_remove.description = t("sh.form.cancel", lang)
        if self.draft:
            self.title.value = f'<h4 class="sh-form-title">{esc(t("sh.form.new_title", lang))}</h4>'
        else:
            self.refresh()  # the country name and the explanation are in the language too

    def _reoption(self, name: str, options: list) -> None:
        widget = self.inputs[name]
        value = widget.value
        widget.options = options
        widget.value = value

    # -- widgets -> model ----------------------------------------------------------------------
    def values(self) -> dict:
        """What the form holds, as register fields."""
        data = register_data()
        values = {n: self.inputs[n].value for n in (*TEXTS, *LONG_TEXTS, *CHOICES, *SCORES)}
        country = self.inputs["country"].value.strip()
        values["country"] = data.country_keys.get(norm(country), country) if country else ""
        own = [p.strip() for p in self.inputs["own_issues"].value.split(";") if p.strip()]
        values["issues"] = [*self.issues.value, *own]
        values["selected"] = self.inputs["selected"].value
        return values

    def _show_problem(self, problem: Problem | None) -> bool:
        if problem is None:
            self.notice.clear()
            return False
        self.notice.show(problem.message(self.session.language), "error")
        return True

    @guarded
    def _changed(self, _change: object = None) -> None:
        if self._echo or self.draft or self.current is None:
            return
        result = self.session.edit("stakeholders", api.update, self.current, self.values())
        self._show_problem(result if isinstance(result, Problem) else None)

    @guarded
    def _save(self, _button: object = None) -> None:
        outcome = self.session.edit("stakeholders", api.add, self.values())
        if isinstance(outcome, Problem):
            self._show_problem(outcome)
            return
        assert isinstance(outcome, Outcome)
        self.draft = False
        self.show(outcome.info["id"])
        self._on_saved(outcome.info["id"])

    @guarded
    def _cancel_draft(self, _button: object = None) -> None:
        self.draft = False
        self.current = None
        self.notice.clear()
        show(self, False)

    @guarded
    def _ask_remove(self, _button: object = None) -> None:
        show(self.remove, False)
        show(self.confirm_box, True)

    def _cancel_remove(self, _button: object = None) -> None:
        show(self.remove, True)
        show(self.confirm_box, False)

    @guarded
    def _remove(self, _button: object = None) -> None:
        self._cancel_remove()
        if self.current is None:
            return
        outcome = self.session.edit("stakeholders", api.remove, self.current)
        if isinstance(outcome, Problem):
            self._show_problem(outcome)
            return
        assert isinstance(outcome, Outcome)
        self.current = None
        show(self, False)
        self._on_removed(outcome.info["removed"], outcome.info["index"])
