"""Panels of the facilitator's page: the session (code, links, timer, people), the open
question with its moderation, and taking the room's outcome into the company's workbook.

Each panel shows a part of the session and asks the store (through the `Facilitation`, the
proof of the facilitator's rights) or the workbook's `Session` to change it; the page
(`FacilitatorView`) holds the session and tells every panel to redraw when it changed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlparse

import ipywidgets as w

from ..i18n import t
from ..selfassessment import api as sa_api
from ..session import TOKEN_PARAM, Session, open_session
from ..ui import Notice, button, guarded
from . import api
from .instrument import selfassessment_answers
from .pagebits import CODE_PARAM, FACILITATOR_PARAM, countdown_html, link_html, page_link, tag
from .questions import MAX_QUESTION
from .room_view import ROOM_PARAM
from .store import Facilitation, Snapshot, WorkshopError

if TYPE_CHECKING:
    from .facilitator_view import FacilitatorView

TIMER_MINUTES = (1, 2, 3, 5, 10, 15, 20, 30)


def _box(*children: w.Widget, css: str) -> w.VBox:
    box = w.VBox(list(children))
    box.add_class("ws-box")
    box.add_class(css)
    return box


def _minutes_options(lang: str) -> list[tuple[str, int]]:
    return [(t("ws.timer.none", lang), 0)] + [
        (t("ws.timer.minutes", lang, count=m), m) for m in TIMER_MINUTES
    ]


class SessionPanel(w.VBox):
    """Code and links to show, the room view to project, open/closed, countdown, who joined."""

    def __init__(self, page: FacilitatorView) -> None:
        super().__init__()
        self.page = page
        self.add_class("ws-box")
        self.add_class("ws-session")
        self.session_title = w.HTML()
        self.code_label = w.HTML()
        self.code_value = w.HTML()
        self.code_value.add_class("ws-code-box")
        self.participant_link = w.HTML()
        self.room_link = w.HTML()
        self.status = w.HTML()
        self.counts = w.HTML()
        self.counts.add_class("ws-counts-box")
        self.close_button = button("", icon="lock")
        self.close_button.add_class("ws-close")
        self.close_button.on_click(lambda _b: self._act(lambda f: f.close(), "ws.fac.closed"))
        self.reopen_button = button("", icon="unlock")
        self.reopen_button.add_class("ws-reopen")
        self.reopen_button.on_click(lambda _b: self._act(lambda f: f.reopen(), "ws.fac.reopened"))
        self.refresh_button = button("", icon="refresh")
        self.refresh_button.on_click(lambda _b: page.refresh(force=True))
        self.new_button = button("", icon="plus")
        self.new_button.on_click(lambda _b: page.show_start())
        self.timer_input = w.Dropdown(options=_minutes_options("nl"), value=0)
        self.timer_input.add_class("ws-timer-input")
        self.timer_button = button("", icon="clock-o")
        self.timer_button.add_class("ws-timer-start")
        self.timer_button.on_click(self._start_timer)
        self.countdown = w.HTML()
        self.live_label = w.HTML()
        self.people = w.HTML()
        self.people.add_class("ws-people-box")
        self.facilitator_link = w.HTML()
        # hidden by default: it is the key to everything on this page
        self.secret_toggle = w.ToggleButton(value=False, icon="key", layout=w.Layout(width="auto"))
        self.secret_toggle.add_class("ws-secret-toggle")
        self.secret_toggle.observe(lambda _c: self.render(), "value")
        self.children = [
            self.session_title,
            self.code_label,
            self.code_value,
            self.participant_link,
            self.room_link,
            self.status,
            self.counts,
            w.HBox([self.close_button, self.reopen_button, self.refresh_button, self.new_button]),
            w.HBox([self.timer_input, self.timer_button], layout=w.Layout(flex_flow="row wrap")),
            self.countdown,
            self.live_label,
            self.people,
            w.HBox([self.secret_toggle]),
            self.facilitator_link,
        ]

    @property
    def lang(self) -> str:
        return self.page.session.language

    def _act(self, action: Callable[[Facilitation], object], done_key: str) -> None:
        facilitation = self.page.facilitation
        if facilitation is None:
            return
        try:
            action(facilitation)
        except WorkshopError as error:
            self.page.notice.show(t(error.key, self.lang), "error")
            return
        self.page.notice.show(t(done_key, self.lang), "success")
        self.page.refresh(force=True)

    @guarded
    def _start_timer(self, _button: object = None) -> None:
        minutes = int(self.timer_input.value or 0)
        if minutes:
            self._act(lambda f: f.start_timer(60 * minutes), "ws.timer.started")
        else:
            self._act(lambda f: f.stop_timer(), "ws.timer.stopped")

    def render(self) -> None:
        snapshot, facilitation = self.page.snapshot, self.page.facilitation
        if snapshot is None or facilitation is None:
            return
        lang, workshop = self.lang, snapshot.workshop
        self.session_title.value = f"<h2>{html.escape(workshop.title)}</h2>"
        self.code_label.value = f"<b>{html.escape(t('ws.fac.code.label', lang))}</b>"
        self.code_value.value = f'<div class="ws-code">{html.escape(workshop.display_code)}</div>'
        href, shown = page_link("participant.ipynb", **{CODE_PARAM: workshop.display_code})
        label = html.escape(t("ws.fac.link.participants", lang))
        self.participant_link.value = f"<div>{label}: {link_html(href, shown)}</div>"
        room_href, _ = page_link("room.ipynb", **{ROOM_PARAM: self.page.room_key})
        self.room_link.value = (
            f'<p class="ws-room-open">{link_html(room_href, t("ws.fac.room.open", lang))}'
            f'<br><span class="ws-hint">{html.escape(t("ws.fac.room.help", lang))}</span></p>'
        )
        key = "ws.fac.status.open" if workshop.is_open else "ws.fac.status.closed"
        if workshop.timed_out and workshop.status == "open":
            key = "ws.fac.status.timed_out"
        css = "ws-status-open" if workshop.is_open else "ws-status-closed"
        self.status.value = f'<div class="{css}">{html.escape(t(key, lang))}</div>'
        counts = t("ws.fac.counts", lang, joined=snapshot.joined, submitted=len(snapshot.submitted))
        self.counts.value = f'<div class="ws-counts">{html.escape(counts)}</div>'
        self.close_button.layout.display = None if workshop.is_open else "none"
        self.reopen_button.layout.display = "none" if workshop.is_open else None
        self.countdown.value = countdown_html(workshop.ends_at, lang) if workshop.is_open else ""
        self._render_people(snapshot)
        self.secret_toggle.description = t(
            "ws.fac.link.hide" if self.secret_toggle.value else "ws.fac.link.show", lang
        )
        if not self.secret_toggle.value:
            self.facilitator_link.value = ""
            return
        fhref, fshown = page_link("facilitator.ipynb", **{FACILITATOR_PARAM: facilitation.secret})
        self.facilitator_link.value = (
            f'<p class="ws-secret">{html.escape(t("ws.fac.link.facilitator", lang))}<br>'
            f"{link_html(fhref, fshown)}</p>"
        )

    def _render_people(self, snapshot: Snapshot) -> None:
        lang = self.lang
        heading = f"<h3>{html.escape(t('ws.fac.people.heading', lang))}</h3>"
        if not snapshot.participants:
            none = html.escape(t("ws.fac.people.none", lang))
            self.people.value = f'{heading}<p class="ws-hint">{none}</p>'
            return
        items = []
        for person in snapshot.participants:
            name = person.name or t("ws.fac.people.anonymous", lang)
            if person.submitted:
                state = tag("span", "✓ " + t("ws.fac.people.submitted", lang), "ws-done")
            else:
                state = tag("span", "… " + t("ws.fac.people.busy", lang), "ws-busy")
            items.append(f"<li>{html.escape(name)} {state}</li>")
        self.people.value = f'{heading}<ul class="ws-people">{"".join(items)}</ul>'

    def relabel(self) -> None:
        lang = self.lang
        self.close_button.description = t("ws.fac.close", lang)
        self.reopen_button.description = t("ws.fac.reopen", lang)
        self.refresh_button.description = t("ws.fac.refresh", lang)
        self.new_button.description = t("ws.fac.new_session", lang)
        value = self.timer_input.value
        self.timer_input.options = _minutes_options(lang)
        self.timer_input.value = value
        self.timer_input.description = t("ws.timer.label", lang)
        self.timer_input.style = {"description_width": "initial"}
        self.timer_button.description = t("ws.timer.start", lang)
        self.render()


class QuestionPanel(w.VBox):
    """Pose an open question (one of the steps' questions, or typed), with a countdown if
    wanted; see the answers come in and hide any before or after the room sees it."""

    def __init__(self, page: FacilitatorView) -> None:
        super().__init__()
        self.page = page
        self.add_class("ws-box")
        self.add_class("ws-question-box")
        self.heading = w.HTML()
        self.help = w.HTML()
        wide = {"description_width": "initial"}
        self.source_input = w.Dropdown(style=wide, layout=w.Layout(width="40em", max_width="100%"))
        self.source_input.add_class("ws-question-source")
        self.source_input.observe(self._chose_source, "value")
        self.text_input = w.Textarea(
            rows=2, layout=w.Layout(width="40em", max_width="100%"), style=wide
        )
        self.text_input.add_class("ws-question-text")
        self.timer_input = w.Dropdown(options=_minutes_options("nl"), value=0, style=wide)
        self.pose_button = button("", icon="comment", style="primary")
        self.pose_button.add_class("ws-pose")
        self.pose_button.on_click(self.pose)
        self.notice = Notice()
        self.current = w.HTML()
        self.close_button = button("", icon="lock")
        self.close_button.add_class("ws-question-close")
        self.close_button.on_click(self._close)
        self.reopen_button = button("", icon="unlock")
        self.reopen_button.add_class("ws-question-reopen")
        self.reopen_button.on_click(self._reopen)
        self.answers = w.VBox()
        self.answers.add_class("ws-moderation")
        self.children = [
            self.heading,
            self.help,
            self.source_input,
            self.text_input,
            self.timer_input,
            w.HBox([self.pose_button]),
            self.notice,
            self.current,
            w.HBox([self.close_button, self.reopen_button]),
            self.answers,
        ]
        self.question = None
        self._answers: list = []

    @property
    def lang(self) -> str:
        return self.page.session.language

    def _sources(self) -> list[tuple[str, str]]:
        """The steps' open questions a room can answer (long texts), as 'form/field'."""
        lang, content = self.lang, self.page.content
        return [
            (f"{form.id} · {spec.label.get(lang)}", f"{form.id}/{spec.id}")
            for form in content.forms
            for spec in form.fields
            if spec.kind == "longtext"
        ]

    def _label_of(self, source: str) -> str:
        form_id, _, field_id = source.partition("/")
        try:
            return self.page.content.form(form_id).field(field_id).label.get(self.lang)
        except KeyError:
            return ""

    def _chose_source(self, change: dict) -> None:
        if change["new"]:
            self.text_input.value = self._label_of(change["new"])[:MAX_QUESTION]

    @guarded
    def pose(self, _button: object = None) -> None:
        facilitation = self.page.facilitation
        if facilitation is None:
            return
        text = self.text_input.value.strip()
        if not text:
            self.notice.show(t("ws.question.empty", self.lang), "error")
            return
        minutes = int(self.timer_input.value or 0)
        try:
            facilitation.pose(text, self.source_input.value or None, 60 * minutes or None)
        except WorkshopError as error:
            self.notice.show(t(error.key, self.lang), "error")
            return
        self.notice.show(t("ws.question.posed", self.lang), "success")
        self.page.refresh(force=True)

    def _set(self, open_: bool) -> None:
        facilitation, question = self.page.facilitation, self.question
        if facilitation is None or question is None:
            return
        minutes = int(self.timer_input.value or 0)
        try:
            if open_:
                facilitation.reopen_question(question.id, 60 * minutes or None)
            else:
                facilitation.close_question(question.id)
        except WorkshopError as error:
            self.notice.show(t(error.key, self.lang), "error")
            return
        self.page.refresh(force=True)

    @guarded
    def _close(self, _button: object = None) -> None:
        self._set(False)

    @guarded
    def _reopen(self, _button: object = None) -> None:
        self._set(True)

    def _hide(self, answer, hidden: bool) -> None:
        facilitation = self.page.facilitation
        if facilitation is None:
            return
        try:
            facilitation.hide(answer, hidden)
        except WorkshopError as error:
            self.notice.show(t(error.key, self.lang), "error")
            return
        self.page.refresh(force=True)

    def render(self) -> None:
        """Show the question asked last and its answers, each with a hide/show button."""
        facilitation, lang = self.page.facilitation, self.lang
        if facilitation is None:
            return
        try:
            questions = facilitation.questions()
            question = questions[-1] if questions else None
            answers = facilitation.open_answers(question.id) if question else []
        except WorkshopError as error:
            self.notice.show(t(error.key, lang), "error")
            return
        self.question, self._answers = question, answers
        if question is None:
            self.current.value = (
                f'<p class="ws-hint">{html.escape(t("ws.question.none", lang))}</p>'
            )
            self.close_button.layout.display = self.reopen_button.layout.display = "none"
            self.answers.children = []
            return
        state = t("ws.question.open" if question.is_open else "ws.question.closed", lang)
        shown = sum(1 for a in answers if not a.hidden)
        counts = t("ws.question.counts", lang, count=len(answers), shown=shown)
        self.current.value = (
            f'<p><b>{html.escape(question.text)}</b><br><span class="ws-hint">'
            f"{html.escape(state)} · {html.escape(counts)}</span></p>"
            + (countdown_html(question.ends_at, lang) if question.is_open else "")
        )
        self.close_button.layout.display = None if question.is_open else "none"
        self.reopen_button.layout.display = "none" if question.is_open else None
        rows = []
        for answer in answers:
            text = w.HTML(
                f'<span class="{"ws-hidden-answer" if answer.hidden else ""}">'
                f"{html.escape(answer.text)}</span>"
                + (f" {tag('em', t('ws.question.hidden', lang))}" if answer.hidden else "")
            )
            toggle = button(
                t("ws.question.show" if answer.hidden else "ws.question.hide", lang),
                icon="eye" if answer.hidden else "eye-slash",
            )
            toggle.add_class("ws-answer-toggle")
            toggle.on_click(lambda _b, a=answer: guarded(self._hide)(a, not a.hidden))
            row = w.HBox([toggle, text], layout=w.Layout(align_items="center"))
            row.add_class("ws-answer-row")
            rows.append(row)
        self.answers.children = rows

    def relabel(self) -> None:
        lang = self.lang
        self.heading.value = f"<h3>{html.escape(t('ws.question.heading', lang))}</h3>"
        self.help.value = f'<p class="ws-hint">{html.escape(t("ws.question.help", lang))}</p>'
        chosen = self.source_input.value
        self.source_input.options = [(t("ws.question.own", lang), "")] + self._sources()
        self.source_input.value = chosen if chosen in dict(self._sources()).values() else ""
        self.source_input.description = t("ws.question.source", lang)
        self.text_input.description = t("ws.question.text", lang)
        value = self.timer_input.value
        self.timer_input.options = _minutes_options(lang)
        self.timer_input.value = value
        self.timer_input.description = t("ws.timer.label", lang)
        self.pose_button.description = t("ws.question.pose", lang)
        self.close_button.description = t("ws.question.close", lang)
        self.reopen_button.description = t("ws.question.reopen", lang)
        self.render()


def token_from(text: str) -> str:
    """The workbook token in a pasted workbook link (…?werkboek=TOKEN), or the text itself."""
    text = (text or "").strip()
    if "?" in text or f"{TOKEN_PARAM}=" in text:
        values = parse_qs(urlparse(text).query or text.split("?", 1)[-1]).get(TOKEN_PARAM)
        if values:
            return values[0]
    return text


class IntoWorkbookPanel(w.VBox):
    """'Take over into the workbook': the group's self-assessment as a dated measurement on the
    company's radar, the room's answers to step questions below those steps' texts, and the
    session's date and number of participants, which the plan document then names."""

    def __init__(self, page: FacilitatorView) -> None:
        super().__init__()
        self.page = page
        self.add_class("ws-box")
        self.add_class("ws-into-box")
        self.heading = w.HTML()
        self.help = w.HTML()
        wide = {"description_width": "initial"}
        self.link_input = w.Text(style=wide, layout=w.Layout(width="40em", max_width="100%"))
        self.link_input.add_class("ws-into-link")
        self.take_button = button("", icon="download", style="primary")
        self.take_button.add_class("ws-into")
        self.take_button.on_click(self.take_over)
        self.notice = Notice()
        self.children = [
            self.heading,
            self.help,
            self.link_input,
            w.HBox([self.take_button]),
            self.notice,
        ]

    @property
    def lang(self) -> str:
        return self.page.session.language

    def _target(self) -> tuple[Session, bool]:
        """The workbook to write into: the pasted link's, or this page's own (True: opened
        here, so it is saved and closed afterwards)."""
        token = token_from(self.link_input.value)
        own = self.page.session
        if not token or token == own.token:
            return own, False
        return open_session(token, store=own.store, content=self.page.content), True

    @guarded
    def take_over(self, _button: object = None) -> None:
        page, lang = self.page, self.lang
        if page.facilitation is None:
            return
        try:
            snapshot = page.facilitation.snapshot()
            questions = page.facilitation.questions()
            answered = [
                (q, [a.text for a in page.facilitation.open_answers(q.id) if not a.hidden])
                for q in questions
                if q.source
            ]
        except WorkshopError as error:
            self.notice.show(t(error.key, lang), "error")
            return
        target, opened = self._target()
        if target.access_problem:
            message = f"{t('store.no_workbook', lang)}. {t(target.access_problem, lang)}"
            self.notice.show(message, "error")
            return
        if target.read_only:
            self.notice.show(t("ws.into.read_only", lang), "error")
            return
        workshop, done = snapshot.workshop, []
        submissions = [selfassessment_answers(p.answers or {}) for p in snapshot.submitted]
        if (
            workshop.questionnaire.selfassessment
            and page.instrument is not None
            and len(submissions) >= page.minimum
        ):
            measurement = api.group_measurement(workshop, submissions, page.instrument, lang)
            target.edit("selfassessment", sa_api.add_measurement, measurement)
            done.append(t("ws.into.done_measurement", lang, count=len(submissions)))
        for question, texts in answered:
            form_id, _, field_id = question.source.partition("/")
            if not texts:
                continue
            current = target.workbook.answer(form_id, field_id)
            text = api.with_room_answers(
                current if isinstance(current, str) else "", workshop, question.text, texts, lang
            )
            problem = target.set_answer(form_id, field_id, text)
            if problem is None:
                done.append(t("ws.into.done_answers", lang, count=len(texts), form=form_id))
        target.save_now()
        if opened:
            target.stop_live()
        if target.access_problem or target.read_only or (done and target.save_state != "saved"):
            self.notice.show(t("ws.into.not_saved", lang), "error")
            return
        if done:
            self.notice.show(t("ws.into.done", lang, what="; ".join(done)), "success")
        else:
            self.notice.show(t("ws.into.nothing", lang, minimum=page.minimum), "error")

    def relabel(self) -> None:
        lang = self.lang
        self.heading.value = f"<h3>{html.escape(t('ws.into.heading', lang))}</h3>"
        self.help.value = f'<p class="ws-hint">{html.escape(t("ws.into.help", lang))}</p>'
        self.link_input.description = t("ws.into.link", lang)
        self.link_input.placeholder = t("ws.into.link_placeholder", lang)
        self.take_button.description = t("ws.into.button", lang)
