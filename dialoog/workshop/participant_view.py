"""The participant's page: join with the code, fill in on your own device, submit (again).

Everything a participant types goes into their own workbook first (autosaved, under the secret
name in this page's address), and is then sent to the session. So a closed session, a lost
connection or a reload never loses an answer: it is still there, and can be sent again.
"""

from __future__ import annotations

import html
import logging
from datetime import date, datetime

import ipywidgets as w

from ..i18n import t
from ..selfassessment import api as sa_api
from ..session import Change, Session
from ..ui import Notice, ScaleOption, StatementInput, button, guard, guarded
from ..views.fields import field_view
from . import api, codes
from .instrument import PARTICIPANT_KINDS, Instrument, Statement
from .pagebits import Header, link_html, page_link, styles, tag, token_marker
from .store import StoreUnavailable, Workshop, WorkshopClosed, WorkshopError, WorkshopStore

log = logging.getLogger(__name__)


def statement_input(session: Session, statement: Statement, instrument: Instrument):
    """A statement bound to the participant's own self-assessment, through its API."""

    def store(option_id: str | None) -> None:
        problem = session.edit(
            "selfassessment", sa_api.set_answer, statement.id, option_id, date.today()
        )
        if problem:
            session.report_error(problem.key)

    widget = StatementInput(
        statement.text,
        [ScaleOption(o.id, o.label) for o in instrument.options],
        guard(session, store),
        lang=session.language,
        statement_id=statement.id,
    )
    widget.add_class("ws-statement")
    widget.statement = statement
    widget.set_value(session.workbook.selfassessment.current.answers.get(statement.id))
    return widget


class ParticipantView(w.VBox):
    """Join, answer, submit. `workshop` is None until the participant has joined."""

    def __init__(
        self,
        session: Session,
        store: WorkshopStore,
        instrument: Instrument | None,
        code: str | None = None,
    ) -> None:
        super().__init__()
        self.add_class("ws-page")
        self.add_class("ws-participant")
        self.session, self.store, self.instrument = session, store, instrument
        self.workshop: Workshop | None = None
        self.participant_id = ""
        self.submitted_at: datetime | None = None

        self.header = Header(session, "ws.part.title")
        self.intro = w.HTML()
        self.code_label = w.HTML()
        self.code = w.Text(continuous_update=False)
        self.code.add_class("ws-code-input")
        self.name_label = w.HTML()
        self.name = w.Text()
        self.name.add_class("ws-name-input")
        self.name_help = w.HTML()
        self.join_button = button("", icon="sign-in", style="primary")
        self.join_button.add_class("ws-join")
        self.join_button.on_click(self.join)
        self.join_notice = Notice()
        self.join_box = w.VBox(
            [
                self.intro,
                self.code_label,
                self.code,
                self.name_label,
                self.name,
                self.name_help,
                self.join_button,
                self.join_notice,
            ]
        )
        self.join_box.add_class("ws-box")

        self.joined_title = w.HTML()
        self.questions = w.VBox()
        self.progress = w.Label()
        self.progress.add_class("ws-progress")
        self.submit_button = button("", icon="paper-plane", style="success")
        self.submit_button.add_class("ws-submit")
        self.submit_button.on_click(self.submit)
        self.submit_notice = Notice()
        self.submit_notice.add_class("ws-submit-notice")
        self.own_workbook = w.HTML()
        self.form_box = w.VBox(
            [
                self.joined_title,
                self.questions,
                self.progress,
                self.submit_button,
                self.submit_notice,
                self.own_workbook,
            ]
        )
        self.form_box.add_class("ws-box")
        self.form_box.layout.display = "none"
        self._statements: list[StatementInput] = []
        self._headings: list = []
        self._fields: list[w.Widget] = []

        self.children = [
            styles(),
            token_marker(session),
            self.header,
            self.join_box,
            self.form_box,
        ]
        session.observe(self._relabel, "language")
        session.watch(self._on_change, "selfassessment", "answers")
        session.observe(self._show_error, "error_count")
        self._relabel()
        if code:
            self.code.value = codes.format_code(codes.normalise_code(code))
            self._resume(code)

    # -- joining --------------------------------------------------------------------------------
    def _resume(self, code: str) -> None:
        """Opened from a link: show the session's language, and skip joining if already in."""
        try:
            workshop = self.store.find(code)
        except WorkshopError as error:
            self.join_notice.show(t(error.key, self.session.language), "error")
            return
        if not self.session.workbook.selfassessment.current.answers and not any(
            self.session.workbook.answers.values()
        ):
            self.session.language = workshop.language  # a fresh workbook follows the session
        pid = codes.participant_id(self.session.token, workshop.id)
        try:
            me = self.store.participant(workshop.id, pid)
        except WorkshopError:
            me = None
        if me is not None:
            self.name.value = me.name
            self.submitted_at = me.submitted_at
            self._enter(workshop, pid)

    @guarded
    def join(self, _button: object = None) -> None:
        lang = self.session.language
        self.join_notice.clear()
        try:
            workshop = self.store.find(self.code.value)
            pid = codes.participant_id(self.session.token, workshop.id)
            self.store.join(workshop.id, pid, self.name.value)
        except WorkshopClosed:
            self.join_notice.show(t("ws.error.closed_join", lang), "error")
            return
        except WorkshopError as error:
            self.join_notice.show(t(error.key, lang), "error")
            return
        self.session.save_now()  # so that a reload finds this participant
        self._enter(workshop, pid)

    def _enter(self, workshop: Workshop, pid: str) -> None:
        self.workshop, self.participant_id = workshop, pid
        self._build_questions()
        self.join_box.layout.display = "none"
        self.form_box.layout.display = None
        self._relabel()
        if self.submitted_at is not None:
            self._show_submitted()

    def _build_questions(self) -> None:
        assert self.workshop is not None
        session, content = self.session, self.session.content
        children: list[w.Widget] = []
        self._statements, self._fields, self._headings = [], [], []
        questionnaire = self.workshop.questionnaire
        if questionnaire.selfassessment and self.instrument is not None:
            heading = w.HTML()
            children.append(heading)
            self._headings.append((heading, "sa", None))
            for element in content.elements:
                statements = [s for s in self.instrument.statements if s.element == element.id]
                if not statements:
                    continue
                title = w.HTML()
                self._headings.append((title, "element", element))
                children.append(title)
                for statement in statements:
                    widget = statement_input(session, statement, self.instrument)
                    self._statements.append(widget)
                    children.append(widget)
        elif questionnaire.selfassessment:
            children.append(w.HTML(html.escape(t("ws.error.no_selfassessment", session.language))))
        for form_id in questionnaire.form_ids:
            try:
                form = content.form(form_id)
            except KeyError:
                continue
            heading = w.HTML()
            self._headings.append((heading, "form", form))
            children.append(heading)
            for spec in form.fields:
                if spec.kind in PARTICIPANT_KINDS:
                    view = field_view(session, form, spec)
                    self._fields.append(view)
                    children.append(view)
        self.questions.children = children

    # -- answering and submitting ---------------------------------------------------------------
    def answers(self) -> dict:
        """What is sent: the questionnaire's answers, taken from the participant's workbook."""
        assert self.workshop is not None
        return api.submission(self.session.workbook, self.workshop.questionnaire, self.instrument)

    def _missing(self) -> int:
        return sum(1 for s in self._statements if s.value is None)

    @guarded
    def submit(self, _button: object = None) -> None:
        if self.workshop is None:
            return
        lang = self.session.language
        self.session.flush()  # the own workbook first: whatever happens next, nothing is lost
        try:
            self.store.submit(
                self.workshop.id, self.participant_id, self.answers(), self.name.value
            )
        except StoreUnavailable:
            self.submit_notice.show(t("ws.error.unavailable", lang), "error")
            self.submit_button.description = t("ws.part.retry", lang)
            return
        except WorkshopError as error:
            self.submit_notice.show(t(error.key, lang), "error")
            return
        self.submitted_at = datetime.now()
        self._show_submitted()
        self._relabel_buttons()

    def _show_submitted(self) -> None:
        lang = self.session.language
        when = (self.submitted_at or datetime.now()).astimezone().strftime("%H:%M")
        missing = self._missing()
        if missing:
            self.submit_notice.show(t("ws.part.incomplete", lang, time=when, missing=missing))
        else:
            self.submit_notice.show(t("ws.part.submitted", lang, time=when), "success")

    def _show_error(self, _change: object = None) -> None:
        if self.session.error:
            target = self.submit_notice if self.workshop is not None else self.join_notice
            target.show(t("ws.error.generic", self.session.language), "error")

    # -- labels ---------------------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        answers = self.session.workbook.selfassessment.current.answers
        for statement in self._statements:
            statement.set_value(answers.get(statement.statement.id))
        if change.section != "selfassessment":
            for view in self._fields:
                if hasattr(view, "refresh"):
                    view.refresh()
        self._update_progress()

    def _update_progress(self) -> None:
        total = len(self._statements)
        if total:
            answered = total - self._missing()
            self.progress.value = t(
                "ws.part.progress", self.session.language, answered=answered, total=total
            )
        else:
            self.progress.value = ""

    def _relabel_buttons(self) -> None:
        lang = self.session.language
        key = "ws.part.resubmit" if self.submitted_at else "ws.part.submit"
        self.submit_button.description = t(key, lang)

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.intro.value = f"<p>{html.escape(t('ws.part.intro', lang))}</p>"
        self.code_label.value = tag("label", t("ws.part.code", lang), "dialoog-field-label")
        self.code.placeholder = "ABCDE-FGH23"
        self.name_label.value = tag("label", t("ws.part.name", lang), "dialoog-field-label")
        self.name_help.value = (
            f'<div class="ws-hint">{html.escape(t("ws.part.name_help", lang))}</div>'
        )
        self.join_button.description = t("ws.part.join", lang)
        self._relabel_buttons()
        if self.workshop is not None:
            title = html.escape(t("ws.part.joined", lang, title=self.workshop.title))
            self.joined_title.value = f"<h3>{title}</h3>"
            href, _ = page_link("workbook.ipynb", werkboek=self.session.token)
            self.own_workbook.value = (
                f'<p class="ws-hint">{html.escape(t("ws.part.own_workbook", lang))} '
                f"{link_html(href, t('ws.part.open_workbook', lang))}</p>"
            )
        for widget, kind, item in self._headings:
            if kind == "sa":
                widget.value = (
                    f"<h3>{html.escape(t('ws.part.selfassessment.heading', lang))}</h3>"
                    f'<p class="ws-hint">{html.escape(t("ws.part.selfassessment.help", lang))}</p>'
                )
            elif kind == "element":
                widget.value = f'<div class="ws-element">{html.escape(item.title.get(lang))}</div>'
            else:
                text = t("ws.part.form.heading", lang, form=item.id, title=item.title.get(lang))
                widget.value = f"<h3>{html.escape(text)}</h3>"
        for statement in self._statements:
            statement.relabel(lang)
        for view in self._fields:
            if hasattr(view, "relabel"):
                view.relabel()
        self._update_progress()
