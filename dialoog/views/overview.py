"""The map of the plan: every phase and step with its status, to open any step from.

Both the overview and the side bar follow the forms one by one: a change to the answers of one
form updates that form's row (and its step's), nothing else.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from ..content import Form
from ..i18n import t
from ..model import form_status, step_status
from ..session import Change, Session
from ..ui import text_html, view_only
from .priorities import Priorities
from .step_form import STATUS_ICONS, form_topics, status_badge

FIXED_PAGES = ("home", "organisation", "selfassessment")


def _forms_to_refresh(session: Session, change: Change) -> list[Form]:
    """The forms whose status a change may have changed."""
    forms = session.content.forms
    if change.section == "answers" and change.form is not None:
        return [f for f in forms if f.id == change.form]
    return [f for f in forms if any(change.concerns(topic) for topic in form_topics(f))]


class Overview(w.VBox):
    """The home page: an introduction and all four phases with their nine steps and statuses."""

    def __init__(
        self, session: Session, open_page: Callable[[str], None], priorities: Priorities
    ) -> None:
        super().__init__()
        self.session, self.open_page, self.priorities = session, open_page, priorities
        self.add_class("dialoog-overview")
        self.intro = w.HTML()
        self.start = {page: w.Button() for page in ("organisation", "selfassessment")}
        for page, btn in self.start.items():
            btn.layout.width = "auto"
            btn.on_click(lambda _b, p=page: self.open_page(p))
            view_only(btn)
        self.phase_titles: dict[str, w.HTML] = {}
        self.step_titles: dict[str, w.HTML] = {}  # steps with sub-steps
        self.rows: dict[str, tuple[w.HTML, w.Button]] = {}  # one per form
        boxes = []
        content = session.content
        for phase in content.phases:
            self.phase_titles[phase.id] = w.HTML()
            rows: list[w.Widget] = [self.phase_titles[phase.id]]
            for step in (s for s in content.steps if s.phase == phase.id):
                if step.substeps:
                    self.step_titles[step.id] = w.HTML()
                    rows.append(self.step_titles[step.id])
                for form in (f for f in content.forms if f.step.id == step.id):
                    label, btn = w.HTML(layout=w.Layout(flex="1 1 auto")), w.Button()
                    btn.layout.width = "auto"
                    btn.add_class("dialoog-open-step")
                    view_only(btn)
                    btn.on_click(lambda _b, f=form.id: self.open_page(f))
                    self.rows[form.id] = (label, btn)
                    row = w.HBox([label, btn], layout=w.Layout(align_items="center"))
                    row.add_class("dialoog-substep" if form.is_substep else "dialoog-steprow")
                    rows.append(row)
            box = w.VBox(rows)
            box.add_class("dialoog-phase-box")
            boxes.append(box)
        self.children = [self.intro, w.HBox(list(self.start.values())), *boxes]
        session.observe(self.relabel, "language")
        session.watch(self._on_change, "answers", "stakeholders", "selfassessment")
        self.relabel()

    def relabel(self, _change: object = None) -> None:
        lang = self.session.language
        esc = html.escape
        self.intro.value = f"<h2>{esc(t('app.title', lang))}</h2>{text_html(t('home.intro', lang))}"
        for page, btn in self.start.items():
            btn.description = t(f"nav.{page}", lang)
        for phase in self.session.content.phases:
            heading = t("phase.heading", lang, number=phase.number)
            self.phase_titles[
                phase.id
            ].value = f"<h3>{esc(heading)}: {esc(phase.title.get(lang))}</h3>"
        for form in self.session.content.forms:
            self.refresh_form(form)

    def _on_change(self, change: Change) -> None:
        if change.section == "selfassessment":  # priority marks only
            forms = list(self.session.content.forms)
        else:
            forms = _forms_to_refresh(self.session, change)
        for form in forms:
            self.refresh_form(form)

    def refresh_form(self, form: Form) -> None:
        """The row of one form, and the heading of its step when it has sub-steps."""
        lang = self.session.language
        workbook, content = self.session.workbook, self.session.content
        esc = html.escape
        label, btn = self.rows[form.id]
        name = t("step.heading", lang, id=form.id)
        mark = ""
        if form.id in self.priorities.ids():
            mark = f' <span class="dialoog-priority">{esc(t("step.priority", lang))}</span>'
        badge = status_badge(form_status(workbook, form), lang)
        label.value = f"{esc(name)}: {esc(form.title.get(lang))} {badge}{mark}"
        btn.description = t("nav.open", lang)
        btn.tooltip = f"{name}: {form.title.get(lang)}"
        title = self.step_titles.get(form.step.id)
        if title is not None:
            step = form.step
            badge = status_badge(step_status(workbook, content, step.id), lang)
            heading = t("step.heading", lang, id=step.id)
            title.value = f"<b>{esc(heading)}: {esc(step.title.get(lang))}</b> {badge}"


class Navigator(w.VBox):
    """The side bar: a button per page, with the step's status and priority mark."""

    def __init__(
        self,
        session: Session,
        pages: list[str],
        open_page: Callable[[str], None],
        priorities: Priorities,
    ) -> None:
        super().__init__()
        self.session, self.pages, self.priorities = session, pages, priorities
        self.add_class("dialoog-nav")
        self.buttons = {}
        for page in pages:
            btn = w.Button(layout=w.Layout(width="100%"))
            btn.add_class("dialoog-nav-button")
            btn.add_class(f"dialoog-nav-{page}")
            view_only(btn)
            btn.on_click(lambda _b, p=page: open_page(p))
            self.buttons[page] = btn
        self.current = ""
        # page buttons, with a heading before the first step of each phase
        self.forms = {f.id: f for f in session.content.forms}
        self.phase_headings: dict[str, w.HTML] = {}
        children: list[w.Widget] = []
        for page, btn in self.buttons.items():
            form = self.forms.get(page)
            if form and form.phase.id not in self.phase_headings:
                heading = self.phase_headings[form.phase.id] = w.HTML()
                heading.add_class("dialoog-nav-phase")
                children.append(heading)
            elif form is None and page not in FIXED_PAGES:
                children.append(w.HTML("<hr>"))
            children.append(btn)
        self.children = children
        session.observe(self.relabel, "language")
        session.watch(self._on_change, "answers", "stakeholders", "selfassessment")
        self.relabel()

    def relabel(self, _change: object = None) -> None:
        lang = self.session.language
        for phase in self.session.content.phases:
            if phase.id in self.phase_headings:
                heading = t("phase.heading", lang, number=phase.number)
                self.phase_headings[
                    phase.id
                ].value = f"{html.escape(heading)} · {html.escape(phase.title.get(lang))}"
        for page in self.buttons:
            self.refresh_page(page)

    def _on_change(self, change: Change) -> None:
        if change.section == "selfassessment":
            forms = list(self.forms.values())
        else:
            forms = _forms_to_refresh(self.session, change)
        for form in forms:
            self.refresh_page(form.id)

    def refresh_page(self, page: str) -> None:
        lang = self.session.language
        btn = self.buttons[page]
        form = self.forms.get(page)
        if form is not None:
            icon = STATUS_ICONS[form_status(self.session.workbook, form)]
            star = " ★" if page in self.priorities.ids() else ""
            name = t("step.heading", lang, id=page)
            btn.description = f"{icon} {name}{star} · {form.title.get(lang)}"
            btn.tooltip = f"{name}: {form.title.get(lang)}"
        else:
            btn.description = t(f"nav.{page}", lang)
            btn.tooltip = btn.description

    def select(self, page: str) -> None:
        self.current = page
        for name, btn in self.buttons.items():
            btn.button_style = "info" if name == page else ""
