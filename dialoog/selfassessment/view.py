"""The self-assessment page: one page of statements per element, with progress, then the summary.

A person answers one element at a time (three to six statements), sees how far along they are,
and can jump to any element or to the summary at any moment. Every click is stored in the
workbook's current assessment at once (the session autosaves); the view reads the model back
whenever the workbook changes, so the widgets and the model never disagree.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import date
from importlib import resources

import ipywidgets as w

from ..i18n import t
from ..session import Change, Session
from ..ui import (
    Notice,
    ScaleOption,
    StatementInput,
    button,
    guard,
    guarded,
    text_html,
    view_only,
)
from . import api
from .scoring import check_answers
from .statements import SelfAssessmentData, SelfAssessmentDataError, Statement, load_statements
from .summary_view import SummaryPanel

log = logging.getLogger(__name__)

SUMMARY = "summary"


def _styles() -> w.HTML:
    css = resources.files(__package__).joinpath("selfassessment.css").read_text(encoding="utf-8")
    return w.HTML(f"<style>{css}</style>")


def scale_options(data: SelfAssessmentData) -> list[ScaleOption]:
    return [ScaleOption(o.id, o.label) for o in data.scale.options]


def statement_input(
    session: Session, data: SelfAssessmentData, statement: Statement, number: int
) -> StatementInput:
    """A statement bound to the current assessment: a choice is stored through the API."""

    def store(option_id: str | None) -> None:
        problem = session.edit(
            "selfassessment", api.set_answer, statement.id, option_id, date.today()
        )
        if problem:
            session.report_error(problem.key)

    widget = StatementInput(
        statement.text,
        scale_options(data),
        guard(session, store),
        lang=session.language,
        number=number,
        statement_id=statement.id,
    )
    widget.statement = statement
    widget.set_value(session.workbook.selfassessment.current.answers.get(statement.id))
    return widget


class ElementPage(w.VBox):
    """The statements of one element, under the element's name and what it is about."""

    def __init__(
        self,
        session: Session,
        data: SelfAssessmentData,
        element_id: str,
        first_number: int,
    ) -> None:
        super().__init__()
        self.session, self.data, self.element_id = session, data, element_id
        self.add_class("sa-element")
        self.add_class(f"sa-element-{element_id}")
        self.heading = w.HTML()
        self.heading.add_class("sa-element-heading")
        self.prompt = w.HTML()
        self.inputs = [
            statement_input(session, data, statement, first_number + i)
            for i, statement in enumerate(data.for_element(element_id))
        ]
        self.children = [self.heading, self.prompt, *self.inputs]
        self.relabel()

    def relabel(self) -> None:
        lang = self.session.language
        element = self.session.content.element(self.element_id)
        number = self.data.elements.index(self.element_id) + 1
        heading = t(
            "sa.element.heading",
            lang,
            number=number,
            count=len(self.data.elements),
            title=element.title.get(lang),
        )
        self.heading.value = (
            f"<h3>{html.escape(heading)}</h3>{text_html(element.summary.get(lang))}"
        )
        self.prompt.value = (
            f'<div class="sa-prompt">{html.escape(self.data.scale.prompt.get(lang))}</div>'
        )
        for item in self.inputs:
            item.relabel(lang)

    def refresh(self) -> None:
        answers = self.session.workbook.selfassessment.current.answers
        for item in self.inputs:
            item.set_value(answers.get(item.statement.id))


class SelfAssessmentView(w.VBox):
    """Step 0 of the workbook. `page` is an element id or "summary".

    `on_open_form(form_id)` opens a step of the workbook from the list of priority steps; without
    it (the stand-alone notebook) the steps are listed with a link to the workbook.
    """

    def __init__(
        self,
        session: Session,
        on_open_form: Callable[[str], None] | None = None,
        data: SelfAssessmentData | None = None,
    ) -> None:
        super().__init__()
        self.session, self.on_open_form = session, on_open_form
        self.add_class("sa-view")
        self.title = w.HTML()
        self.notice = Notice()
        try:
            self.data = data or load_statements(content=session.content)
        except SelfAssessmentDataError as exc:  # a content error: say so, build nothing
            log.exception("self-assessment data could not be loaded")
            self.data = None
            self.notice.show(t("sa.load_error", session.language, error=str(exc)), "error")
            self.children = [self.title, self.notice]
            self._relabel_title()
            return
        self.intro = w.HTML()
        self.progress = w.IntProgress(min=0, max=len(self.data.statements), value=0)
        self.progress.add_class("sa-progress")
        self.progress_text = w.HTML()
        self.progress_text.add_class("sa-progress-text")
        self.check_notice = Notice()
        self.page = self.data.elements[0]

        self.pages: dict[str, w.Widget] = {}
        number = 1
        for element_id in self.data.elements:
            self.pages[element_id] = ElementPage(session, self.data, element_id, number)
            number += len(self.data.for_element(element_id))
        self.summary = SummaryPanel(session, self.data, on_open_form, self.notice)
        self.pages[SUMMARY] = self.summary

        self.nav_buttons: dict[str, w.Button] = {}
        for page in self.pages:
            btn = button("")
            btn.add_class("sa-nav-button")
            btn.add_class(f"sa-nav-{page}")
            view_only(btn)
            btn.on_click(lambda _b, p=page: self.show(p))
            self.nav_buttons[page] = btn
        nav = w.HBox(list(self.nav_buttons.values()))
        nav.add_class("sa-element-nav")

        self.previous = button("", icon="arrow-left")
        self.previous.add_class("sa-previous")
        self.next = button("", icon="arrow-right", style="primary")
        self.next.add_class("sa-next")
        view_only(self.previous, self.next)
        self.previous.on_click(lambda _b: self.step(-1))
        self.next.on_click(lambda _b: self.step(+1))
        pager = w.HBox([self.previous, self.next], layout=w.Layout(margin="1em 0"))
        pager.add_class("sa-pager")
        self.page_box = w.VBox()

        self.children = [
            _styles(),
            self.title,
            self.intro,
            self.check_notice,
            w.HBox([self.progress, self.progress_text], layout=w.Layout(align_items="center")),
            nav,
            self.notice,
            self.page_box,
            pager,
        ]
        session.observe(self._on_language, "language")
        session.watch(self._on_change, "selfassessment")
        self._relabel()
        self._check_answers()
        self.show(self.page)

    # -- navigation --------------------------------------------------------------------------
    def show(self, page: str) -> None:
        if self.data is None or page not in self.pages:
            return
        if page != self.page:
            self.notice.clear()
        self.page = page
        widget = self.pages[page]
        if page == SUMMARY:
            self.summary.refresh()
        self.page_box.children = [widget]
        self._update_nav()

    def step(self, delta: int) -> None:
        order = list(self.pages)
        index = order.index(self.page) + delta
        if 0 <= index < len(order):
            self.show(order[index])

    # -- model -> view -----------------------------------------------------------------------
    @guarded
    def _on_change(self, change: Change) -> None:
        for page in self.pages.values():
            if isinstance(page, ElementPage):
                page.refresh()
        if change.section == "workbook":  # another file: its own earlier assessments
            self.summary.reset()
            self._check_answers()
        if self.page == SUMMARY:
            self.summary.refresh()
        self._update_nav()

    @guarded
    def _on_language(self, _change: object = None) -> None:
        self._relabel()

    def _relabel(self) -> None:
        lang = self.session.language
        self._relabel_title()
        self.intro.value = text_html(t("sa.intro", lang))
        for page in self.pages.values():
            page.relabel()
        if self.page == SUMMARY:
            self.summary.refresh()
        self.previous.description = t("sa.nav.previous", lang)
        self._check_answers()
        self._update_nav()

    def _relabel_title(self) -> None:
        self.title.value = f"<h2>{html.escape(t('sa.title', self.session.language))}</h2>"

    def _check_answers(self) -> None:
        """Tell the user about answers this content version cannot use (they are kept)."""
        lang = self.session.language
        check = check_answers(self.session.workbook.selfassessment.current, self.data)
        messages = []
        if check.unknown_statements:
            ids = ", ".join(check.unknown_statements)
            count = len(check.unknown_statements)
            messages.append(t("sa.unknown_answers", lang, count=count, ids=ids))
        if check.unknown_options:
            ids = ", ".join(check.unknown_options)
            count = len(check.unknown_options)
            messages.append(t("sa.invalid_answers", lang, count=count, ids=ids))
        if messages:
            self.check_notice.show(" ".join(messages), "info")
        else:
            self.check_notice.clear()

    def _update_nav(self) -> None:
        lang = self.session.language
        answers = self.session.workbook.selfassessment.current.answers
        scale = self.data.scale
        done_total = 0
        for number, element_id in enumerate(self.data.elements, start=1):
            statements = self.data.for_element(element_id)
            done = sum(scale.option(answers.get(s.id)) is not None for s in statements)
            done_total += done
            title = self.session.content.element(element_id).title.get(lang)
            mark = "✓" if done == len(statements) else f"{done}/{len(statements)}"
            btn = self.nav_buttons[element_id]
            btn.description = f"{number}. {title} · {mark}"
            btn.tooltip = f"{title}: " + t(
                "sa.progress", lang, answered=done, total=len(statements)
            )
        summary_btn = self.nav_buttons[SUMMARY]
        summary_btn.description = t("sa.nav.summary", lang)
        summary_btn.tooltip = summary_btn.description
        summary_btn.icon = "pie-chart"
        for page, btn in self.nav_buttons.items():
            btn.button_style = "info" if page == self.page else ""
        total = len(self.data.statements)
        self.progress.value = done_total
        self.progress_text.value = html.escape(
            t("sa.progress", lang, answered=done_total, total=total)
        )
        order = list(self.pages)
        index = order.index(self.page)
        self.previous.disabled = index == 0
        self.next.disabled = index == len(order) - 1
        last_element = index == len(order) - 2
        self.next.description = t("sa.nav.to_summary" if last_element else "sa.nav.next", lang)
        self.next.layout.visibility = "hidden" if self.page == SUMMARY else "visible"
