"""The participant's page: join with the code, fill in on your own device, submit (again).

Made for a phone: the self-assessment comes one element (four or five statements) per screen,
with a progress bar and next/previous buttons of at least 44×44 px; the step's questions and
the submit button come last. An open question the facilitator asks appears on top at once (the
page follows the session every few seconds), with the time left when there is a countdown.

Everything a participant types goes into their own workbook first (autosaved, under the secret
name in this page's address), and is then sent to the session. So a closed session, a lost
connection or a reload never loses an answer: it is still there, and can be sent again; a
reload opens the first screen with an unanswered statement.
"""

from __future__ import annotations

import html
import logging
from datetime import date, datetime

import ipywidgets as w

from ..i18n import t
from ..live import Poller
from ..selfassessment import api as sa_api
from ..session import Change, Session
from ..ui import Notice, ScaleOption, StatementInput, button, guard, guarded
from ..views.fields import field_view
from . import api, codes
from .instrument import PARTICIPANT_KINDS, Instrument, Statement
from .pagebits import Header, countdown_html, link_html, page_link, styles, tag, token_marker
from .questions import MAX_OPEN_ANSWER
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
        clearable=False,  # on a phone: "weet ik niet" instead of one more button per statement
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
        *,
        refresh_seconds: float = 2.5,
        live: bool = True,
    ) -> None:
        super().__init__()
        self.add_class("ws-page")
        self.add_class("ws-participant")
        self.poller = Poller(refresh_seconds, self.follow)
        self._live = live
        self._seen: tuple | None = None
        self.question = None  # the facilitator's open question, while it is open
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
        self.open_box = self._build_open_question()
        self.questions = w.VBox()
        self.progress = w.HTML()
        self.progress.add_class("ws-progress")
        self.prev_button = button("", icon="chevron-left")
        self.prev_button.add_class("ws-prev")
        self.prev_button.on_click(lambda _b: self.go(self.screen - 1))
        self.next_button = button("", icon="chevron-right", style="primary")
        self.next_button.add_class("ws-next")
        self.next_button.on_click(lambda _b: self.go(self.screen + 1))
        self.pager = w.HBox()
        self.pager.add_class("ws-pager")
        self.screen = 0
        self._screens: list[w.VBox] = []
        self._screen_titles: list[str] = []
        self.submit_button = button("", icon="paper-plane", style="success")
        self.submit_button.add_class("ws-submit")
        self.submit_button.on_click(self.submit)
        self.pager.children = [self.prev_button, self.next_button, self.submit_button]
        self.submit_notice = Notice()
        self.submit_notice.add_class("ws-submit-notice")
        self.own_workbook = w.HTML()
        self.form_box = w.VBox(
            [
                self.joined_title,
                self.open_box,
                self.progress,
                self.questions,
                self.pager,
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
        self.go(self._first_open_screen())
        if self.submitted_at is not None:
            self._show_submitted()
        self.follow()
        if self._live:
            self.poller.start()

    def close(self) -> None:
        self.poller.stop()
        super().close()

    def _build_questions(self) -> None:
        """One screen per element of the self-assessment, then one for the step's questions."""
        assert self.workshop is not None
        session, content = self.session, self.session.content
        self._statements, self._fields, self._headings = [], [], []
        self._screens, self._screen_elements = [], []
        questionnaire = self.workshop.questionnaire
        if questionnaire.selfassessment and self.instrument is not None:
            heading = w.HTML()
            self._headings.append((heading, "sa", None))
            for element in content.elements:
                statements = [s for s in self.instrument.statements if s.element == element.id]
                if not statements:
                    continue
                title = w.HTML()
                self._headings.append((title, "element", element))
                children: list[w.Widget] = [heading, title] if not self._screens else [title]
                screen = w.VBox(children)
                screen.add_class("ws-screen")
                self._screens.append(screen)
                self._screen_elements.append(statements)  # widgets made when first shown
        elif questionnaire.selfassessment:
            screen = w.VBox(
                [w.HTML(html.escape(t("ws.error.no_selfassessment", session.language)))]
            )
            self._screens.append(screen)
            self._screen_elements.append([])
        fields: list[w.Widget] = []
        for form_id in questionnaire.form_ids:
            try:
                form = content.form(form_id)
            except KeyError:
                continue
            heading = w.HTML()
            self._headings.append((heading, "form", form))
            fields.append(heading)
            for spec in form.fields:
                if spec.kind in PARTICIPANT_KINDS:
                    view = field_view(session, form, spec)
                    self._fields.append(view)
                    fields.append(view)
        if fields:
            screen = w.VBox(fields)
            screen.add_class("ws-screen")
            self._screens.append(screen)
            self._screen_elements.append([])
        self.questions.children = self._screens

    # -- screens --------------------------------------------------------------------------------
    def _first_open_screen(self) -> int:
        """The first screen with an unanswered statement; the last when all are answered."""
        answers = self.session.workbook.selfassessment.current.answers
        some = False
        for index, items in enumerate(self._screen_elements):
            ids = [i.id if isinstance(i, Statement) else i.statement.id for i in items]
            some = some or bool(ids)
            if any(not answers.get(i) for i in ids):
                return index
        return len(self._screens) - 1 if some else 0

    def _fill(self, screen: int) -> None:
        """Make a screen's statement widgets the first time it is shown: a phone builds four
        or five at a time instead of the whole questionnaire at once."""
        wanted = self._screen_elements[screen]
        if not wanted or not isinstance(wanted[0], Statement):
            return
        widgets = [statement_input(self.session, s, self.instrument) for s in wanted]
        for widget in widgets:
            widget.relabel(self.session.language)
        self._statements.extend(widgets)
        self._screen_elements[screen] = widgets
        box = self._screens[screen]
        box.children = (*box.children, *widgets)

    def go(self, screen: int) -> None:
        """Show screen `screen` (clamped); the submit button comes with the last one."""
        if not self._screens:
            return
        self.screen = max(0, min(screen, len(self._screens) - 1))
        self._fill(self.screen)
        for index, box in enumerate(self._screens):
            box.layout.display = None if index == self.screen else "none"
        last = self.screen == len(self._screens) - 1
        self.prev_button.layout.visibility = "hidden" if self.screen == 0 else "visible"
        self.next_button.layout.display = "none" if last else None
        self.submit_button.layout.display = None if last else "none"
        self.own_workbook.layout.display = None if last and self.submitted_at else "none"
        self._update_progress()

    # -- the facilitator's open question -----------------------------------------------------------
    def _build_open_question(self) -> w.VBox:
        self.open_title = w.HTML()
        self.open_text = w.HTML()
        self.open_input = w.Textarea(rows=3, layout=w.Layout(width="100%"))
        self.open_input.add_class("ws-open-answer")
        self.open_send = button("", icon="paper-plane", style="primary")
        self.open_send.add_class("ws-open-send")
        self.open_send.on_click(self.send_open)
        self.open_notice = Notice()
        box = w.VBox(
            [self.open_title, self.open_text, self.open_input, self.open_send, self.open_notice]
        )
        box.add_class("ws-open-box")
        box.layout.display = "none"
        return box

    def follow(self) -> bool:
        """Catch up with the session (a question asked or closed, the session closed); True
        when something changed. Called every few seconds while the page is open."""
        if self.workshop is None:
            return False
        try:
            seen = self.store.revision(self.workshop.id)
            if seen == self._seen:
                return False
            self._seen = seen
            self.workshop = self.store.workshop(self.workshop.id)
            question = self.store.current_question(self.workshop.id)
            mine = self.store.my_answer(question.id, self.participant_id) if question else None
        except WorkshopError:
            return False  # the next round tries again; what is typed stays here
        self._render_open(question, mine)
        return True

    def _render_open(self, question, mine) -> None:
        lang = self.session.language
        asked_before = self.question
        self.question = question if question is not None and question.is_open else None
        if self.question is None:
            self.open_box.layout.display = "none"
            return
        self.open_box.layout.display = None
        self.open_text.value = (
            f'<p class="ws-open-question">{html.escape(question.text)}</p>'
            + countdown_html(question.ends_at, lang)
        )
        if asked_before is None or asked_before.id != question.id:
            self.open_input.value = mine.text if mine else ""
            self.open_notice.clear()
        if mine is not None:
            self.open_notice.show(t("ws.part.open.sent", lang), "success")

    @guarded
    def send_open(self, _button: object = None) -> None:
        if self.workshop is None or self.question is None:
            return
        lang = self.session.language
        text = self.open_input.value.strip()
        if not text:
            self.open_notice.show(t("ws.part.open.empty", lang), "error")
            return
        if len(text) > MAX_OPEN_ANSWER:
            self.open_notice.show(
                t("ws.part.open.too_long", lang, limit=MAX_OPEN_ANSWER, length=len(text)), "error"
            )
            return
        try:
            self.store.answer_question(
                self.workshop.id, self.question.id, self.participant_id, text
            )
        except WorkshopError as error:
            self.open_notice.show(t(error.key, lang), "error")
            return
        self.open_notice.show(t("ws.part.open.sent", lang), "success")

    # -- answering and submitting ---------------------------------------------------------------
    def answers(self) -> dict:
        """What is sent: the questionnaire's answers, taken from the participant's workbook."""
        assert self.workshop is not None
        return api.submission(self.session.workbook, self.workshop.questionnaire, self.instrument)

    def _missing(self) -> int:
        """Statements not answered yet (also those on screens not shown yet)."""
        if self.workshop is None or not self.workshop.questionnaire.selfassessment:
            return 0
        return api.unanswered(self.session.workbook, self.instrument)

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
        self.own_workbook.layout.display = None
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
        """'Onderdeel 3 van 9' with a bar, and how many statements are answered."""
        lang, count = self.session.language, len(self._screens)
        if not count:
            self.progress.value = ""
            return
        sa = self.workshop is not None and self.workshop.questionnaire.selfassessment
        total = len(self.instrument.statements) if sa and self.instrument is not None else 0
        answered = total - self._missing()
        step = t("ws.part.screen", lang, number=self.screen + 1, count=count)
        share = 100 * (self.screen + 1) / count
        line = f" · {t('ws.part.progress', lang, answered=answered, total=total)}" if total else ""
        self.progress.value = (
            f'<div class="ws-progress-bar" role="progressbar" aria-valuemin="1" '
            f'aria-valuemax="{count}" aria-valuenow="{self.screen + 1}" '
            f'aria-label="{html.escape(step)}"><span style="width:{share:.1f}%"></span></div>'
            f'<div class="ws-progress-text">{html.escape(step + line)}</div>'
        )

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
        self.prev_button.description = t("ws.part.prev", lang)
        self.next_button.description = t("ws.part.next", lang)
        self.open_title.value = f"<h3>{html.escape(t('ws.part.open.heading', lang))}</h3>"
        self.open_send.description = t("ws.part.open.send", lang)
        self.open_input.placeholder = t("ws.part.open.placeholder", lang)
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
                title = html.escape(t("ws.part.selfassessment.heading", lang))
                help_text = html.escape(t("ws.part.selfassessment.help", lang))
                widget.value = f'<p class="ws-hint"><b>{title}</b>: {help_text}</p>'
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
