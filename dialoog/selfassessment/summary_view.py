"""The summary of the self-assessment: scores and bands, priority steps, the radar chart, and
keeping an assessment to compare with a later one.

Only displays the model (scoring, radar) and edits it through `api`; the chart is drawn again
only after something it shows has changed (the assessment, the organisation's name, the language
or the choice of earlier assessments), never on a change elsewhere in the workbook.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from datetime import date
from urllib.parse import quote

import ipywidgets as w

from ..formatting import file_stamp, format_number
from ..i18n import t, tn
from ..model import Assessment
from ..problems import Problem
from ..session import TOKEN_PARAM, Change, Session
from ..ui import DownloadLink, ImageView, Notice, SvgDownload, button, guarded, view_only
from ..web import in_voila
from . import api
from .api import label_of
from .radar import MAX_SERIES, RadarSeries, chart_title, radar_description, radar_figure
from .scoring import (
    START_HERE,
    AssessmentScore,
    ElementScore,
    answered_text,
    needed_answers,
    ranked_priority_forms,
    score,
    score_text,
)
from .statements import SelfAssessmentData

log = logging.getLogger(__name__)
esc = html.escape


def band_chip(band: str, lang: str) -> str:
    label = esc(t(f"sa.band.{band}", lang))
    return f'<span class="sa-band sa-band-{band}">{label}</span>'


def explanation(item: ElementScore, data: SelfAssessmentData, lang: str) -> str:
    """The one line per element in the summary (plain text; escape before showing as HTML)."""
    threshold = score_text(data.rule.green_from, data.rule.green_from, lang)
    if item.band == "insufficient":
        return t(
            "sa.explain.insufficient",
            lang,
            answered=item.answered,
            total=item.total,
            needed=needed_answers(item.total, data.rule),
        )
    value = score_text(item.score, data.rule.green_from, lang)
    if item.band == "green":
        return t("sa.explain.green", lang, score=value, threshold=threshold)
    attention = data.group(item.element).attention.get(lang)
    return t("sa.explain.orange", lang, score=value, threshold=threshold, attention=attention)


def title_date(assessment: Assessment) -> str:
    """The assessment's date in a file name."""
    return file_stamp(assessment.taken or date.today())


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:40]


class SummaryPanel(w.VBox):
    """Everything after the statements. `refresh()` after a change; `reset()` after a new file."""

    def __init__(
        self,
        session: Session,
        data: SelfAssessmentData,
        on_open_form: Callable[[str], None] | None,
        notice: Notice,
    ) -> None:
        super().__init__()
        self.session, self.data, self.on_open_form, self.notice = (
            session,
            data,
            on_open_form,
            notice,
        )
        self.add_class("sa-summary")
        # scores
        self.heading = w.HTML()
        self.status = Notice()
        self.table = w.HTML()
        self.rule = w.HTML()
        # priority steps
        self.priority_heading = w.HTML()
        self.priority_rows = w.VBox()
        self.priority_rows.add_class("sa-priorities")
        self.workbook_link = w.HTML()
        priorities = w.VBox([self.priority_heading, self.priority_rows, self.workbook_link])
        priorities.add_class("sa-section")
        # chart
        self.chart_heading = w.HTML()
        self.compare_label = w.HTML()
        self.compare = w.VBox()
        self.image = ImageView()
        self.image.add_class("sa-radar")
        self.caption = w.HTML()
        self.png = DownloadLink()
        self.png.add_class("sa-download-png")
        self.svg = SvgDownload()
        self.svg.add_class("sa-download-svg")
        downloads = w.HBox([self.png, self.svg])
        downloads.add_class("sa-downloads")
        chart = w.VBox(
            [
                self.chart_heading,
                self.compare_label,
                self.compare,
                self.image,
                self.caption,
                downloads,
            ]
        )
        chart.add_class("sa-section")
        # history
        self.history_heading = w.HTML()
        self.history_intro = w.HTML()
        self.label = w.Text(layout=w.Layout(width="16em"))
        self.label.add_class("sa-history-label")
        self.taken = w.DatePicker(value=date.today(), layout=w.Layout(width="auto"))
        self.keep = button("", icon="archive")
        self.keep.add_class("sa-keep")
        self.keep.on_click(self._keep)
        form = w.HBox([self.label, self.taken, self.keep])
        form.add_class("sa-history-form")
        self.earlier_heading = w.HTML()
        self.earlier_rows = w.VBox()
        history = w.VBox(
            [
                self.history_heading,
                self.history_intro,
                form,
                self.earlier_heading,
                self.earlier_rows,
            ]
        )
        history.add_class("sa-section")

        self.children = [
            self.heading,
            self.status,
            self.table,
            self.rule,
            priorities,
            chart,
            history,
        ]
        self._selected: set[str] = set()  # ids of the earlier assessments drawn on the chart
        self._confirm: str | None = None  # id of the earlier assessment awaiting "sure?"
        self._stale = True  # the chart and the lists show an older state
        session.watch(self._on_change, "selfassessment", "organisation")
        self.reset()

    # -- public ------------------------------------------------------------------------------
    def reset(self) -> None:
        """A new workbook: compare with its most recent earlier assessment, if any."""
        earlier = self.session.workbook.selfassessment.earlier
        self._selected = {earlier[-1].id} if earlier else set()
        self._confirm = None
        self._stale = True

    def relabel(self) -> None:
        """The language changed: the next `refresh()` draws everything in the new language."""
        self._stale = True

    def _on_change(self, change: Change) -> None:
        self._stale = True

    def refresh(self) -> None:
        lang = self.session.language
        result = score(self.session.workbook.selfassessment.current, self.data)
        self._scores(result, lang)
        if not self._stale:
            return
        self._priorities(result, lang)
        self._history(lang)
        self._chart(result, lang)
        self._stale = False

    @property
    def selected_earlier(self) -> list[Assessment]:
        """The earlier assessments drawn on the chart, most recent first."""
        earlier = self.session.workbook.selfassessment.earlier
        return [a for a in reversed(earlier) if a.id in self._selected]

    # -- scores ------------------------------------------------------------------------------
    def _scores(self, result: AssessmentScore, lang: str) -> None:
        rule = self.data.rule
        self.heading.value = f"<h3>{esc(t('sa.summary.title', lang))}</h3>"
        insufficient = len(result.in_band("insufficient"))
        if not result.has_scores:
            self.status.show(t("sa.summary.empty", lang), "info")
        elif insufficient:
            self.status.show(tn("sa.summary.some_insufficient", lang, insufficient), "info")
        else:
            self.status.clear()
        head = "".join(
            f"<th>{esc(t(f'sa.summary.column.{c}', lang))}</th>"
            for c in ("element", "score", "band", "answered", "explanation")
        )
        rows = []
        for item in result.elements:
            title = self.session.content.element(item.element).title.get(lang)
            value = "–" if item.score is None else score_text(item.score, rule.green_from, lang)
            line = esc(explanation(item, self.data, lang))
            if item.band == "orange" and item.weakest:
                weakest = self.data.statement(item.weakest).text.get(lang)
                line += (
                    f'<div class="sa-weakest">'
                    f"{esc(t('sa.explain.weakest', lang, statement=weakest))}</div>"
                )
            answered = esc(answered_text(item, lang))
            rows.append(
                f'<tr class="sa-row sa-row-{item.band}" data-element="{esc(item.element)}">'
                f"<td>{esc(title)}</td><td class='sa-num'>{esc(value)}</td>"
                f"<td>{band_chip(item.band, lang)}</td>"
                f"<td class='sa-num'>{answered}</td><td>{line}</td></tr>"
            )
        self.table.value = (
            f'<table class="sa-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        share = format_number(rule.min_share * 100, lang, 1)
        self.rule.value = (
            '<div class="sa-rule">'
            + esc(
                t(
                    "sa.summary.rule",
                    lang,
                    threshold=score_text(rule.green_from, rule.green_from, lang),
                    min_answered=rule.min_answered,
                    share=share,
                )
            )
            + "</div>"
        )

    # -- priority steps ----------------------------------------------------------------------
    def _priorities(self, result: AssessmentScore, lang: str) -> None:
        content = self.session.content
        forms = ranked_priority_forms(result, content)
        self.priority_heading.value = f"<h3>{esc(t('sa.priorities.title', lang))}</h3>" + (
            f"<p>{esc(t('sa.priorities.intro', lang))}</p>" if forms else ""
        )
        rows: list[w.Widget] = []
        if not forms:
            text = "sa.priorities.none" if result.has_scores else "sa.priorities.none_yet"
            rows.append(w.HTML(f"<p>{esc(t(text, lang))}</p>"))
        for rank, (form, why) in enumerate(forms):
            if rank in (0, START_HERE):
                key = "sa.priorities.start_here" if rank == 0 else "sa.priorities.also"
                rows.append(w.HTML(f'<h4 class="sa-priority-group">{esc(t(key, lang))}</h4>'))
            name = f"{t('step.heading', lang, id=form.id)}: {form.title.get(lang)}"
            elements = ", ".join(content.element(e).title.get(lang) for e in why)
            reason = w.HTML(esc(t("sa.priorities.because", lang, elements=elements)))
            style = "warning" if rank < START_HERE else ""
            if self.on_open_form is not None:
                item: w.Widget = button(name, icon="star", style=style)
                item.tooltip = t("sa.priorities.open", lang, step=name)
                item.on_click(lambda _b, f=form.id: self._open(f))
                view_only(item)
            else:
                item = w.HTML(f"<b>★ {esc(name)}</b>")
            item.add_class("sa-priority-step")
            row = w.HBox([item, reason])
            row.add_class("sa-priority-row")
            rows.append(row)
        self.priority_rows.children = rows
        self.workbook_link.value = ""
        if forms and self.on_open_form is None and in_voila():
            href = f"workbook.ipynb?{TOKEN_PARAM}={quote(self.session.token)}"
            self.workbook_link.value = (
                f'<p><a href="{esc(href)}" target="_blank" rel="noopener">'
                f"{esc(t('sa.priorities.open_workbook', lang))}</a></p>"
            )

    @guarded
    def _open(self, form_id: str) -> None:
        self.on_open_form(form_id)

    # -- chart -------------------------------------------------------------------------------
    def _chart(self, result: AssessmentScore, lang: str) -> None:
        workbook = self.session.workbook
        current = workbook.selfassessment.current
        overlays = self.selected_earlier
        self.chart_heading.value = f"<h3>{esc(t('sa.chart.heading', lang))}</h3>"
        self.caption.value = f'<div class="sa-caption">{esc(t("sa.chart.alt", lang))}</div>'
        series = [RadarSeries(label_of(current, lang, current=True), result.scores())]
        series += [RadarSeries(label_of(a, lang), score(a, self.data).scores()) for a in overlays]
        title = chart_title(workbook.organisation.name, current.taken, lang)
        fig = radar_figure(
            series,
            self.session.content.elements,
            lang,
            title=title,
            threshold=self.data.rule.green_from,
        )
        # one rendering for the page and the download
        alt = radar_description(result, self.data, self.session.content, lang)
        png = self.image.show_figure(fig, alt, 130)
        parts = ("self-assessment", _slug(workbook.organisation.name), title_date(current))
        name = "-".join(p for p in parts if p)
        self.png.set(f"{name}.png", png, "image/png", label=t("sa.chart.download_png", lang))
        self.svg.offer(
            fig,
            f"{name}.svg",
            t("sa.chart.download_svg", lang),
            t("sa.chart.download_svg_again", lang),
        )

    # -- history -----------------------------------------------------------------------------
    def _history(self, lang: str) -> None:
        sa = self.session.workbook.selfassessment
        self.history_heading.value = f"<h3>{esc(t('sa.history.title', lang))}</h3>"
        self.history_intro.value = f"<p>{esc(t('sa.history.intro', lang))}</p>"
        self.label.description = t("sa.history.label", lang)
        self.label.placeholder = t("sa.history.label_placeholder", lang)
        self.taken.description = t("sa.history.date", lang)
        self.keep.description = t("sa.history.keep", lang)
        self.keep.tooltip = self.keep.description
        self.keep.disabled = not sa.current.answers
        self.earlier_heading.value = f"<h4>{esc(t('sa.history.earlier', lang))}</h4>"
        self.compare_label.value = (
            f"<b>{esc(t('sa.chart.compare', lang))}</b>" if sa.earlier else ""
        )
        boxes, rows = [], []
        full = len(self._selected) >= MAX_SERIES - 1
        for assessment in reversed(sa.earlier):
            label = label_of(assessment, lang)
            box = w.Checkbox(value=assessment.id in self._selected, description=label, indent=False)
            box.disabled = full and not box.value
            box.add_class("sa-compare")
            view_only(box)
            box.observe(lambda ch, i=assessment.id: self._toggle(i, ch["new"]), "value")
            boxes.append(box)
            result = score(assessment, self.data)
            summary = t(
                "sa.history.summary",
                lang,
                answered=result.answered,
                total=result.total,
                green=len(result.in_band("green")),
                orange=len(result.in_band("orange")),
            )
            sure = self._confirm == assessment.id
            remove = button(
                t("sa.history.confirm_remove" if sure else "sa.history.remove", lang),
                icon="trash",
                style="danger" if sure else "",
            )
            remove.add_class("sa-remove")
            remove.on_click(lambda _b, i=assessment.id: self._remove(i))
            text = w.Label(label)
            info = w.HTML(f'<span class="sa-earlier-summary">{esc(summary)}</span>')
            row = w.HBox([text, info, remove])
            row.add_class("sa-earlier-row")
            rows.append(row)
        self.compare.children = boxes
        if not rows:
            rows = [w.HTML(f"<p>{esc(t('sa.history.none', lang))}</p>")]
        self.earlier_rows.children = rows

    @guarded
    def _toggle(self, assessment_id: str, on: bool) -> None:
        if on:
            self._selected.add(assessment_id)
        else:
            self._selected.discard(assessment_id)
        self._stale = True
        self.refresh()

    @guarded
    def _keep(self, _button: object = None) -> None:
        lang = self.session.language
        outcome = self.session.edit(
            "selfassessment", api.keep_as_earlier, self.label.value, self.taken.value
        )
        if isinstance(outcome, Problem):
            self.notice.show(outcome.message(lang), "error")
            return
        kept = outcome.info["kept"]
        self._selected = {kept.id}
        self._confirm = None
        self.label.value = ""
        self.notice.show(t("sa.history.kept", lang, label=label_of(kept, lang)), "success")
        self._stale = True
        self.refresh()

    @guarded
    def _remove(self, assessment_id: str) -> None:
        if self._confirm != assessment_id:
            self._confirm = assessment_id
            self._stale = True
            self.refresh()
            return
        lang = self.session.language
        outcome = self.session.edit("selfassessment", api.remove_earlier, assessment_id)
        self._confirm = None
        self._selected.discard(assessment_id)
        if isinstance(outcome, Problem):
            self.notice.show(outcome.message(lang), "error")
            return
        removed = outcome.info["removed"]
        self.notice.show(t("sa.history.removed", lang, label=label_of(removed, lang)), "success")
        self._stale = True
        self.refresh()
