"""The form of one step or sub-step: what it asks, its guidance and pitfalls, and its status."""

from __future__ import annotations

import html

import ipywidgets as w

from ..content import Form
from ..i18n import t
from ..model import form_status
from ..session import Change, Session
from ..ui import text_html
from .fields import FieldView, field_view

STATUS_ICONS = {"empty": "○", "in_progress": "◐", "complete": "●"}


def status_badge(status: str, lang: str) -> str:
    label = html.escape(t(f"status.{status}", lang))
    return (
        f'<span class="dialoog-status dialoog-status-{status}" title="{label}">'
        f"{STATUS_ICONS[status]} {label}</span>"
    )


def form_heading(form: Form, lang: str) -> str:
    """'Stap 4a' or 'Stap 1', the way the SER plan names its steps."""
    return t("step.heading", lang, id=form.id)


def form_topics(form: Form) -> tuple[str, ...]:
    """What a form's status depends on: its own answers, and the register if it shows it."""
    topics = [f"answers:{form.id}"]
    if any(spec.kind == "stakeholder_register" for spec in form.fields):
        topics.append("stakeholders")
    return tuple(topics)


class StepForm(w.VBox):
    """Fields on the left, the step's (i) information beside them; re-labels on language switch."""

    def __init__(self, session: Session, form: Form, priority: bool = False) -> None:
        super().__init__()
        self.session, self.form = session, form
        self.priority = priority
        self.add_class("dialoog-step")
        self.header = w.HTML()
        self.summary = w.HTML()
        self.fields = [field_view(session, form, spec) for spec in form.fields]
        # the stakeholder register and the engagement log need the page's full width, below
        # the other questions (their tables have many columns)
        wide = [
            f
            for f, s in zip(self.fields, form.fields, strict=True)
            if s.kind in ("stakeholder_register", "engagement_log")
        ]
        narrow = [f for f in self.fields if f not in wide]
        self.info = w.HTML()
        self.info.add_class("dialoog-info")
        body = w.HBox(
            [
                w.VBox(narrow, layout=w.Layout(flex="3 1 420px", min_width="0")),
                w.VBox([self.info], layout=w.Layout(flex="2 1 280px", min_width="0")),
            ],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-start"),
        )
        body.add_class("dialoog-step-body")
        self.children = [self.header, self.summary, body, *wide]
        self.relabel()
        session.observe(self._on_language, "language")
        session.watch(self.refresh, *form_topics(form))

    @property
    def status(self) -> str:
        return form_status(self.session.workbook, self.form)

    def relabel(self) -> None:
        lang = self.session.language
        self.summary.value = text_html(self.form.summary.get(lang))
        self.info.value = self._info_html(lang)
        for field in self.fields:
            if isinstance(field, FieldView):
                field.relabel()
        self._header(lang)

    def _header(self, lang: str) -> None:
        esc = html.escape
        form = self.form
        phase = t("phase.heading", lang, number=form.phase.number)
        lines = [
            f'<div class="dialoog-phase">{esc(phase)}: {esc(form.phase.title.get(lang))}</div>'
        ]
        if form.is_substep:
            parent = t("step.heading", lang, id=form.step.id)
            lines.append(
                f'<div class="dialoog-parent">{esc(parent)}: {esc(form.step.title.get(lang))}</div>'
            )
        lines.append(
            f'<h2 class="dialoog-step-title">{esc(form_heading(form, lang))}: '
            f"{esc(form.title.get(lang))}</h2>"
        )
        priority = (
            f' <span class="dialoog-priority">{esc(t("step.priority", lang))}</span>'
            if self.priority
            else ""
        )
        lines.append(f"<div>{status_badge(self.status, lang)}{priority}</div>")
        self.header.value = "".join(lines)

    def set_priority(self, priority: bool) -> None:
        if priority != self.priority:
            self.priority = priority
            self._header(self.session.language)

    def _info_html(self, lang: str) -> str:
        form = self.form
        parts = [f"<h3>(i) {html.escape(t('step.info', lang))}</h3>"]
        if form.guidance:
            parts.append(text_html(form.guidance.get(lang)))
        for pitfall in form.pitfalls:
            parts.append(
                f'<div class="dialoog-pitfall"><b>⚠ {html.escape(t("step.pitfall", lang))}: '
                f"{html.escape(pitfall.title.get(lang))}</b>{text_html(pitfall.summary.get(lang))}</div>"
            )
        if form.tools:
            links = "".join(
                f'<li><a href="{html.escape(tool.url.get(lang))}" target="_blank" '
                f'rel="noopener noreferrer">{html.escape(tool.title.get(lang))}</a></li>'
                for tool in form.tools
            )
            parts.append(f"<h4>{html.escape(t('step.tools', lang))}</h4><ul>{links}</ul>")
        if form.elements:
            content = self.session.content
            names = ", ".join(content.element(e).title.get(lang) for e in form.elements)
            parts.append(
                f'<p class="dialoog-elements">{html.escape(t("step.elements", lang))}: '
                f"{html.escape(names)}</p>"
            )
        return "".join(parts)

    def _on_language(self, _change: dict) -> None:
        self.relabel()

    def refresh(self, _change: Change | None = None) -> None:
        """The model changed (this form's answers, or the register): show it again.

        Questions are shown again by the form; a feature's view (the register) follows the
        session itself."""
        for field in self.fields:
            if isinstance(field, FieldView):
                field.refresh()
        self._header(self.session.language)
