"""Panels of the facilitator's page: the session (code, links, round, clock, moderation,
people), the open question with its moderation, and taking the room's outcome into the company's
workbook.

Each panel shows a part of the workshop and asks the page's `WorkshopSession` to change it;
none of them knows the store. The page tells every panel to redraw when the workshop changed.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as w

from ..formatting import clock_time, format_number
from ..i18n import t
from ..problems import Problem
from ..ui import Notice, button, guarded
from .facilitation import WorkshopSession
from .instrument import MAX_QUESTION
from .pagebits import countdown_html, link_html, page_link, server_link, tag

if TYPE_CHECKING:
    from .facilitator_view import FacilitatorView

TIMER_MINUTES = (1, 2, 3, 5, 10, 15, 20, 30)


def _minutes_options(lang: str) -> list[tuple[str, int]]:
    return [(t("ws.timer.none", lang), 0)] + [
        (t("ws.timer.minutes", lang, count=m), m) for m in TIMER_MINUTES
    ]


class _Panel(w.VBox):
    def __init__(self, page: FacilitatorView, *css: str) -> None:
        super().__init__()
        self.page = page
        self.session = page.session  # `guarded` reports a callback's error through it
        for name in ("ws-box", *css):
            self.add_class(name)

    @property
    def workshop(self) -> WorkshopSession:
        return self.page.workshop

    @property
    def lang(self) -> str:
        return self.page.session.language

    def told(self, problem: Problem | None, done_key: str = "") -> bool:
        """Show what an action gave: its problem, or that it was done. True when done."""
        if problem is not None:
            self.page.notice.show(problem.message(self.lang), "error")
            return False
        if done_key:
            self.page.notice.show(t(done_key, self.lang), "success")
        return True


class SessionPanel(_Panel):
    """Code and links to show, the room view to project, open/closed, countdown, moderation,
    who joined."""

    def __init__(self, page: FacilitatorView) -> None:
        super().__init__(page, "ws-session")
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
        self.close_button.on_click(self._close)
        self.reopen_button = button("", icon="unlock")
        self.reopen_button.add_class("ws-reopen")
        self.reopen_button.on_click(self._reopen)
        self.refresh_button = button("", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.workshop.refresh(force=True))
        self.new_button = button("", icon="plus")
        self.new_button.on_click(lambda _b: page.show_start())
        self.timer_input = w.Dropdown(options=_minutes_options("nl"), value=0)
        self.timer_input.add_class("ws-timer-input")
        self.timer_button = button("", icon="clock-o")
        self.timer_button.add_class("ws-timer-start")
        self.timer_button.on_click(self._start_timer)
        self.moderation = w.HTML()
        self.moderate_button = button("", icon="eye")
        self.moderate_button.add_class("ws-moderate")
        self.moderate_button.on_click(self._toggle_moderation)
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
            w.HBox(
                [self.moderation, self.moderate_button],
                layout=w.Layout(flex_flow="row wrap", align_items="center"),
            ),  # fmt: skip
            self.live_label,
            self.people,
            w.HBox([self.secret_toggle]),
            self.facilitator_link,
        ]

    @guarded
    def _close(self, _button: object = None) -> None:
        self.told(self.workshop.close_round(), "ws.fac.closed")

    @guarded
    def _reopen(self, _button: object = None) -> None:
        self.told(self.workshop.reopen_round(), "ws.fac.reopened")

    @guarded
    def _start_timer(self, _button: object = None) -> None:
        minutes = int(self.timer_input.value or 0)
        done = "ws.timer.started" if minutes else "ws.timer.stopped"
        self.told(self.workshop.set_timer(60 * minutes), done)

    @guarded
    def _toggle_moderation(self, _button: object = None) -> None:
        snapshot = self.workshop.snapshot
        if snapshot is not None:
            self.told(self.workshop.moderate(not snapshot.workshop.moderated))

    def render(self) -> None:
        snapshot, workshop_session = self.workshop.snapshot, self.workshop
        if snapshot is None or not workshop_session.is_open:
            return
        lang, workshop = self.lang, snapshot.workshop
        self.session_title.value = f"<h2>{html.escape(workshop.title)}</h2>"
        self.code_label.value = f"<b>{html.escape(t('ws.fac.code.label', lang))}</b>"
        self.code_value.value = f'<div class="ws-code">{html.escape(workshop.display_code)}</div>'
        href, shown = server_link("dialoog/join", code=workshop.display_code)
        label = html.escape(t("ws.fac.link.participants", lang))
        self.participant_link.value = f"<div>{label}: {link_html(href, shown)}</div>"
        room_href, _ = server_link("dialoog/room", zaal=workshop_session.room_key)
        self.room_link.value = (
            f'<p class="ws-room-open">{link_html(room_href, t("ws.fac.room.open", lang))}'
            f'<br><span class="ws-hint">{html.escape(t("ws.fac.room.help", lang))}</span></p>'
        )
        self.render_clock()
        counts = t("ws.fac.counts", lang, joined=snapshot.joined, submitted=len(snapshot.submitted))
        self.counts.value = f'<div class="ws-counts">{html.escape(counts)}</div>'
        key = "ws.fac.moderation.on" if workshop.moderated else "ws.fac.moderation.off"
        self.moderation.value = f'<span class="ws-hint">{html.escape(t(key, lang))}</span>'
        toggle = (
            "ws.fac.moderation.toggle_off" if workshop.moderated else "ws.fac.moderation.toggle_on"
        )
        self.moderate_button.description = t(toggle, lang)
        self._render_people(snapshot)
        self.secret_toggle.description = t(
            "ws.fac.link.hide" if self.secret_toggle.value else "ws.fac.link.show", lang
        )
        if not self.secret_toggle.value:
            self.facilitator_link.value = ""
            return
        fhref, fshown = page_link("facilitator.ipynb", beheer=workshop_session.secret)
        self.facilitator_link.value = (
            f'<p class="ws-secret">{html.escape(t("ws.fac.link.facilitator", lang))}<br>'
            f"{link_html(fhref, fshown)}</p>"
        )

    def render_clock(self) -> None:
        """The round's state and countdown, also when only the time changed."""
        snapshot = self.workshop.snapshot
        if snapshot is None:
            return
        lang, workshop = self.lang, snapshot.workshop
        key = "ws.fac.status.open" if workshop.is_open else "ws.fac.status.closed"
        if workshop.timed_out and workshop.status == "open":
            key = "ws.fac.status.timed_out"
        css = "ws-status-open" if workshop.is_open else "ws-status-closed"
        self.status.value = f'<div class="{css}">{html.escape(t(key, lang))}</div>'
        self.close_button.layout.display = None if workshop.is_open else "none"
        self.reopen_button.layout.display = "none" if workshop.is_open else None
        self.countdown.value = countdown_html(workshop.ends_at, lang) if workshop.is_open else ""
        problem = self.workshop.problem
        if problem:
            text = html.escape(t(problem, lang))
            self.live_label.value = f'<span class="ws-status-closed">{text}</span>'
        elif self.workshop.checked_at:
            when = clock_time(self.workshop.checked_at)
            seconds = format_number(self.workshop.refresh_seconds, lang, 1)
            text = t("ws.fac.live", lang, seconds=seconds, time=when)
            self.live_label.value = f'<span class="ws-hint">{html.escape(text)}</span>'

    def _render_people(self, snapshot) -> None:
        lang = self.lang
        heading = f"<h3>{html.escape(t('ws.fac.people.heading', lang))}</h3>"
        if not snapshot.participants:
            none = html.escape(t("ws.fac.people.none", lang))
            self.people.value = f'{heading}<p class="ws-hint">{none}</p>'
            return
        items = []
        for person in sorted(snapshot.participants, key=lambda p: (p.joined_at, p.seq)):
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


class QuestionPanel(_Panel):
    """Pose an open question (one of the steps' questions, or typed), with a countdown if
    wanted; see the answers come in, release them (approve-first) and hide any, before or after
    the room sees it."""

    def __init__(self, page: FacilitatorView) -> None:
        super().__init__(page, "ws-question-box")
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

    def _told(self, problem: Problem | None, done_key: str = "") -> None:
        if problem is not None:
            self.notice.show(problem.message(self.lang), "error")
        elif done_key:
            self.notice.show(t(done_key, self.lang), "success")

    @guarded
    def pose(self, _button: object = None) -> None:
        minutes = int(self.timer_input.value or 0)
        problem = self.workshop.pose(
            self.text_input.value.strip(), self.source_input.value or None, 60 * minutes or None
        )
        self._told(problem, "ws.question.posed")

    @guarded
    def _close(self, _button: object = None) -> None:
        self._told(self.workshop.close_question())

    @guarded
    def _reopen(self, _button: object = None) -> None:
        minutes = int(self.timer_input.value or 0)
        self._told(self.workshop.reopen_question(60 * minutes or None))

    @guarded
    def _hide(self, answer, hidden: bool) -> None:
        self._told(self.workshop.hide(answer, hidden))

    @guarded
    def _release(self, answer) -> None:
        self._told(self.workshop.release(answer))

    def render(self) -> None:
        """Show the question asked last and its answers, each with its buttons."""
        lang, question = self.lang, self.workshop.question
        answers = self.workshop.answers
        if question is None:
            self.current.value = (
                f'<p class="ws-hint">{html.escape(t("ws.question.none", lang))}</p>'
            )
            self.close_button.layout.display = self.reopen_button.layout.display = "none"
            self.answers.children = []
            return
        state = t("ws.question.open" if question.is_open else "ws.question.closed", lang)
        shown = sum(1 for a in answers if a.on_wall)
        waiting = sum(1 for a in answers if not a.released and not a.hidden)
        counts = (
            t(
                "ws.question.counts_moderated",
                lang,
                count=len(answers),
                shown=shown,
                waiting=waiting,
            )
            if waiting or self._moderated()
            else t("ws.question.counts", lang, count=len(answers), shown=shown)
        )
        self.current.value = (
            f'<p><b>{html.escape(question.text)}</b><br><span class="ws-hint">'
            f"{html.escape(state)} · {html.escape(counts)}</span></p>"
            + (countdown_html(question.ends_at, lang) if question.is_open else "")
        )
        self.close_button.layout.display = None if question.is_open else "none"
        self.reopen_button.layout.display = "none" if question.is_open else None
        self.answers.children = [self._row(answer) for answer in answers]

    def _moderated(self) -> bool:
        snapshot = self.workshop.snapshot
        return bool(snapshot and snapshot.workshop.moderated)

    def _row(self, answer) -> w.HBox:
        lang = self.lang
        marks = []
        if answer.hidden:
            marks.append(t("ws.question.hidden", lang))
        elif not answer.released:
            marks.append(t("ws.question.waiting", lang))
        css = "ws-hidden-answer" if answer.hidden or not answer.released else ""
        text = w.HTML(
            f'<span class="{css}">{html.escape(answer.text)}</span>'
            + "".join(f" {tag('em', m)}" for m in marks)
        )
        buttons = []
        if not answer.released and not answer.hidden:
            release = button(t("ws.question.release", lang), icon="check", style="success")
            release.add_class("ws-answer-release")
            release.on_click(lambda _b, a=answer: self._release(a))
            buttons.append(release)
        toggle = button(
            t("ws.question.show" if answer.hidden else "ws.question.hide", lang),
            icon="eye" if answer.hidden else "eye-slash",
        )
        toggle.add_class("ws-answer-toggle")
        toggle.on_click(lambda _b, a=answer: self._hide(a, not a.hidden))
        buttons.append(toggle)
        row = w.HBox([*buttons, text], layout=w.Layout(align_items="center", flex_flow="row wrap"))
        row.add_class("ws-answer-row")
        return row

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


class IntoWorkbookPanel(_Panel):
    """'Take over into the workbook': the group's self-assessment as a dated measurement on the
    company's radar, the room's answers to step questions below those steps' texts, and the
    session's date and number of participants, which the plan document then names."""

    def __init__(self, page: FacilitatorView) -> None:
        super().__init__(page, "ws-into-box")
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

    @guarded
    def take_over(self, _button: object = None) -> None:
        lang = self.lang
        outcome = self.workshop.take_over(self.link_input.value, lang)
        if isinstance(outcome, Problem):
            self.notice.show(outcome.message(lang), "error")
        else:
            self.notice.show(t("ws.into.done", lang, what="; ".join(outcome)), "success")

    def relabel(self) -> None:
        lang = self.lang
        self.heading.value = f"<h3>{html.escape(t('ws.into.heading', lang))}</h3>"
        self.help.value = f'<p class="ws-hint">{html.escape(t("ws.into.help", lang))}</p>'
        self.link_input.description = t("ws.into.link", lang)
        self.link_input.placeholder = t("ws.into.link_placeholder", lang)
        self.take_button.description = t("ws.into.button", lang)
