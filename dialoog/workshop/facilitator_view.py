"""The facilitator's page: start a session, share the code, watch it fill, ask open questions,
take the outcome into the workbook, export.

The page shows the facilitator's `WorkshopSession` and asks it for every action; it never
touches the store. The workshop follows the session by itself (one poller) and the page redraws
when it changed. Rights come only from the facilitator's secret: held by the page that created
the session, or given in the facilitator link (`?beheer=…`), which the page also keeps in its
own address once a session is open, so a reload keeps control; the page says that this address
must not be projected. The room sees the projected room view (served without a kernel), whose
key grants nothing but that view.
"""

from __future__ import annotations

import html
import logging
import math
from datetime import datetime

import ipywidgets as w

from ..formatting import css_number, file_stamp, format_number, format_signed
from ..i18n import t
from ..problems import Problem
from ..session import Session
from ..ui import DownloadLink, Header, ImageView, Notice, button, figure_png, guarded
from .api import secret_from
from .charts import (
    LIGHT,
    RadarSeries,
    distribution_figure,
    option_colours,
    pooled_radar_figure,
)
from .facilitation import WorkshopSession
from .facilitator_panels import IntoWorkbookPanel, QuestionPanel, SessionPanel
from .instrument import PARTICIPANT_KINDS, Questionnaire
from .pagebits import styles, token_marker
from .pooling import compare
from .results import RoomResults

log = logging.getLogger(__name__)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _fmt(value: float | None, lang: str) -> str:
    return format_number(value, lang, 0)


def _box(*children: w.Widget, css: str = "") -> w.VBox:
    box = w.VBox(list(children))
    box.add_class("ws-box")
    if css:
        box.add_class(css)
    return box


class FacilitatorView(w.VBox):
    """The whole facilitator page, on one `WorkshopSession`."""

    def __init__(
        self,
        session: Session,
        workshop: WorkshopSession,
        secret: str | None = None,
        *,
        live: bool = True,
    ) -> None:
        super().__init__()
        self.add_class("ws-page")
        self.add_class("ws-facilitator")
        self.session, self.workshop = session, workshop
        self.instrument, self.content = workshop.instrument, workshop.content
        self.minimum = workshop.minimum
        self._live = live

        self.header = Header(session, "ws.fac.title")
        self.notice = Notice()
        self.marker = w.HTML()  # the facilitator link in the page's own address (dialoog.js)
        self.warning = w.HTML()
        self._build_start()
        self.session_panel = SessionPanel(self)
        self.session_box = self.session_panel
        self.question_panel = QuestionPanel(self)
        self.into_panel = IntoWorkbookPanel(self)
        self._build_results()
        self._build_export()
        self._build_compare()
        self.children = [
            styles(),
            token_marker(session),
            self.marker,
            self.header,
            self.warning,
            self.notice,
            self.start_box,
            self.session_box,
            self.results_box,
            self.question_panel,
            self.into_panel,
            self.export_box,
            self.compare_box,
        ]
        session.observe(self._relabel, "language")
        session.observe(self._show_error, "error_count")
        workshop.observe(self._changed, "revision")
        workshop.observe(self._ticked, "clock")
        self._show_page(False)
        self._relabel()
        if secret:
            self.open_secret(secret)

    @property
    def facilitation(self):
        """The session's rights, while one is open (kept for the page's callers)."""
        return self.workshop.facilitation

    @property
    def snapshot(self):
        return self.workshop.snapshot

    @property
    def results(self) -> RoomResults | None:
        return self.workshop.results

    # -- building -------------------------------------------------------------------------------
    def _build_start(self) -> None:
        self.intro = w.HTML()
        self.new_heading = w.HTML()
        wide = {"description_width": "initial"}
        self.title_input = w.Text(style=wide, layout=w.Layout(width="32em", max_width="100%"))
        self.title_input.add_class("ws-title-input")
        self.language_input = w.Dropdown(
            options=[("Nederlands", "nl"), ("English", "en")], style=wide
        )
        self.language_input.value = self.session.language
        self.sa_input = w.Checkbox(value=self.instrument is not None, indent=False)
        self.sa_input.add_class("ws-sa-input")
        self.moderated_input = w.Checkbox(value=False, indent=False)
        self.moderated_input.add_class("ws-moderated-input")
        self.form_input = w.Dropdown(style=wide, layout=w.Layout(width="32em", max_width="100%"))
        self.create_button = button("", icon="play", style="primary")
        self.create_button.add_class("ws-create")
        self.create_button.on_click(self.create)
        self.mine_heading = w.HTML()
        self.mine_input = w.Text(style=wide, layout=w.Layout(width="32em", max_width="100%"))
        self.mine_input.add_class("ws-open-link")
        self.mine_button = button("", icon="folder-open")
        self.mine_button.on_click(self._open_mine)
        self.mine_row = w.HBox([self.mine_input, self.mine_button])
        self.start_box = _box(
            self.intro,
            self.new_heading,
            self.title_input,
            self.language_input,
            self.sa_input,
            self.form_input,
            self.moderated_input,
            w.HBox([self.create_button]),
            self.mine_heading,
            self.mine_row,
            css="ws-start",
        )

    def _build_results(self) -> None:
        self.results_heading = w.HTML()
        self.results_note = w.HTML()
        self.spread = w.ToggleButtons(options=[("", "iqr"), ("", "range")], value="iqr")
        self.spread.observe(lambda _c: self._render_results(), "value")
        self.radar = ImageView()
        self.radar.add_class("ws-radar")
        self.pooled_table = w.HTML()
        self.disagree = w.HTML()
        self.priorities = w.HTML()
        self.distribution = w.HTML()  # bars in HTML: instant on every refresh, unlike a figure
        self.distribution.add_class("ws-distribution")
        self.questions = w.HTML()
        self.radar.layout = w.Layout(width="640px", max_width="100%", flex="0 1 auto")
        self.summary = w.VBox(
            [self.disagree, self.pooled_table, self.priorities],
            layout=w.Layout(flex="1 1 22em", min_width="18em"),
        )
        self.room = w.HBox(
            [self.radar, self.summary],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-start"),
        )
        self.results_box = _box(
            self.results_heading,
            self.results_note,
            self.spread,
            self.room,
            self.distribution,
            self.questions,
            css="ws-results",
        )

    def _build_export(self) -> None:
        self.export_heading = w.HTML()
        self.export_help = w.HTML()
        self.export_button = button("", icon="download")
        self.export_button.add_class("ws-export")
        self.export_button.on_click(self.export)
        self.xlsx_link = DownloadLink()
        self.csv_link = DownloadLink()
        self.open_link = DownloadLink()  # the open questions' answers, as CSV
        self.radar_link = DownloadLink()  # the charts as images, for slides and the report
        self.distribution_link = DownloadLink()
        self.export_notice = Notice()
        self.export_box = _box(
            self.export_heading,
            self.export_help,
            w.HBox([self.export_button]),
            self.export_notice,
            w.HBox(
                [
                    self.xlsx_link,
                    self.csv_link,
                    self.open_link,
                    self.radar_link,
                    self.distribution_link,
                ],
                layout=w.Layout(flex_flow="row wrap"),
            ),  # fmt: skip
            css="ws-export-box",
        )

    def _build_compare(self) -> None:
        self.compare_heading = w.HTML()
        self.compare_help = w.HTML()
        wide = {"description_width": "initial"}
        self.compare_link = w.Text(style=wide, layout=w.Layout(width="32em", max_width="100%"))
        self.compare_button = button("", icon="balance-scale")
        self.compare_button.add_class("ws-compare")
        self.compare_button.on_click(self.compare)
        self.compare_notice = Notice()
        self.compare_radar = ImageView()
        self.compare_table = w.HTML()
        self.compare_box = _box(
            self.compare_heading,
            self.compare_help,
            self.compare_link,
            w.HBox([self.compare_button]),
            self.compare_notice,
            self.compare_radar,
            self.compare_table,
            css="ws-compare-box",
        )

    # -- opening and creating -------------------------------------------------------------------
    def _panels(self) -> tuple[w.Widget, ...]:
        return (
            self.session_box,
            self.results_box,
            self.question_panel,
            self.into_panel,
            self.export_box,
            self.compare_box,
        )

    def _show_page(self, open_session: bool) -> None:
        self.start_box.layout.display = "none" if open_session else None
        for box in self._panels():
            box.layout.display = None if open_session else "none"
        secret = html.escape(self.workshop.secret) if open_session else ""
        self.marker.value = f'<span class="dialoog-facilitator" data-secret="{secret}"></span>'
        self.warning.value = (
            f'<div class="dialoog-notice-info ws-address-warning" role="note">'
            f"{html.escape(t('ws.fac.address_warning', self.session.language))}</div>"
            if open_session
            else ""
        )

    def show_start(self) -> None:
        """Back to the start: a new session, or another one opened with its link."""
        self.workshop.stop_live()
        self.workshop.leave()
        self._show_page(False)

    @guarded
    def _open_mine(self, _button: object = None) -> None:
        secret = secret_from(self.mine_input.value)
        if secret and self.open_secret(secret):
            self.mine_input.value = ""

    def open_secret(self, secret: str) -> bool:
        """Open a session with its facilitator secret; a clear message when it is wrong."""
        problem = self.workshop.open(secret)
        if problem is not None:
            self.notice.show(problem.message(self.session.language), "error")
            return False
        for link in (
            self.xlsx_link,
            self.csv_link,
            self.open_link,
            self.radar_link,
            self.distribution_link,
        ):
            link.clear()  # fmt: skip
        self.export_notice.clear()
        self.compare_notice.clear()
        self.compare_radar.clear()
        self.compare_table.value = ""
        self._show_page(True)
        self.render()
        if self._live:
            self.workshop.start_live()
        return True

    @guarded
    def create(self, _button: object = None) -> None:
        lang = self.session.language
        forms = (self.form_input.value,) if self.form_input.value else ()
        questionnaire = Questionnaire(bool(self.sa_input.value), forms)
        problem = self.workshop.start(
            self.title_input.value,
            self.language_input.value,
            questionnaire,
            moderated=bool(self.moderated_input.value),
        )
        if problem is not None:
            self.notice.show(problem.message(lang), "error")
            return
        self.open_secret(self.workshop.secret)
        self.notice.show(t("ws.fac.created", lang), "success")

    def refresh(self, force: bool = False) -> bool:
        """Read the session again (the poller does this by itself)."""
        return self.workshop.refresh(force=force)

    def _changed(self, _change: object = None) -> None:
        if self.workshop.is_open:
            self.render()

    def _ticked(self, _change: object = None) -> None:
        if self.workshop.is_open:
            self.session_panel.render_clock()

    def render(self) -> None:
        self.session_panel.render()
        self._render_results()
        self.question_panel.render()

    def close(self) -> None:
        """Stop the live refresh with the widget (the page was closed or replaced)."""
        self.workshop.stop_live()
        super().close()

    # -- export and comparison ------------------------------------------------------------------
    @guarded
    def export(self, _button: object = None) -> None:
        lang = self.session.language
        files = self.workshop.export(lang)
        if isinstance(files, Problem):
            self.export_notice.show(files.message(lang), "error")
            return
        xlsx, csv, open_csv = files
        snapshot = self.workshop.snapshot
        stem = f"workshop-{snapshot.workshop.code}-{file_stamp(datetime.now())}"
        self.xlsx_link.set(f"{stem}.xlsx", xlsx, XLSX_MIME)
        self.csv_link.set(f"{stem}.csv", csv, "text/csv")
        self.open_link.set(
            f"{stem}-{t('ws.fac.export.sheet_open', lang).lower().replace(' ', '-')}.csv",
            open_csv,
            "text/csv",
        )
        results = self.workshop.results
        if results is not None and results.enough and results.pooled is not None:
            self.radar_link.set(f"{stem}-radar.png", figure_png(self._radar_figure(results)), PNG)
            distribution = self._distribution_figure(results)
            self.distribution_link.set(f"{stem}-stellingen.png", figure_png(distribution), PNG)
        else:
            self.radar_link.clear()
            self.distribution_link.clear()
        count = len(snapshot.submitted)
        self.export_notice.show(t("ws.fac.export.ready", lang, count=count), "success")

    @guarded
    def compare(self, _button: object = None) -> None:
        lang = self.session.language
        self.compare_notice.clear()
        outcome = self.workshop.compare(secret_from(self.compare_link.value))
        if isinstance(outcome, Problem):
            self.compare_notice.show(outcome.message(lang), "error")
            return
        first, second, a, b = outcome
        labels = [e.title.get(lang) for e in self.content.elements]
        series = [
            RadarSeries(
                first.workshop.title, a["median"].tolist(), a["q1"].tolist(), a["q3"].tolist()
            ),
            RadarSeries(
                second.workshop.title, b["median"].tolist(), b["q1"].tolist(), b["q3"].tolist()
            ),
        ]
        title = t("ws.fac.compare.title", lang, a=first.workshop.title, b=second.workshop.title)
        fig = pooled_radar_figure(labels, series, title=title)
        self.compare_radar.show_figure(fig, alt=title)
        table = compare(a, b).table
        head = [
            t("ws.fac.results.table.element", lang),
            first.workshop.title,
            second.workshop.title,
            t("ws.fac.compare.change", lang),
        ]
        rows = "".join(
            f"<tr><td>{html.escape(self.content.element(e).title.get(lang))}</td>"
            f'<td class="num">{_fmt(r.median_a, lang)}</td>'
            f'<td class="num">{_fmt(r.median_b, lang)}</td>'
            f'<td class="num">{_signed(r.change, lang)}</td></tr>'
            for e, r in table.iterrows()
        )
        header = "".join(f"<th>{html.escape(h)}</th>" for h in head)
        self.compare_table.value = f'<table class="ws-table"><tr>{header}</tr>{rows}</table>'

    # -- rendering ------------------------------------------------------------------------------
    def _render_results(self) -> None:
        results, lang = self.results, self.session.language
        self.results_heading.value = f"<h3>{html.escape(t('ws.fac.results.heading', lang))}</h3>"
        parts = (self.spread, self.room)
        if results is None or not results.enough:
            count = results.submitted if results else 0
            note = t("ws.fac.results.too_few", lang, minimum=self.minimum, count=count)
            self.results_note.value = f'<p class="ws-hint">{html.escape(note)}</p>'
            for part in (*parts, self.distribution):
                part.layout.display = "none"
            self.questions.value = ""
            return
        self.results_note.value = ""
        if results.pooled is None:
            for part in (*parts, self.distribution):
                part.layout.display = "none"
            if self.snapshot and self.snapshot.workshop.questionnaire.selfassessment:
                msg = t("ws.error.no_selfassessment", lang)
            else:
                msg = t("ws.fac.results.no_selfassessment", lang)
            self.results_note.value = f'<p class="ws-hint">{html.escape(msg)}</p>'
        else:
            for part in (*parts, self.distribution):
                part.layout.display = None
            self._render_radar(results)
            self._render_distribution(results)
        self._render_questions(results)

    def _radar_figure(self, results: RoomResults):
        lang, pooled = self.session.language, results.pooled
        elements = list(results.element_ids)
        labels = [self.content.element(e).title.get(lang) for e in elements]
        group = t("ws.fac.results.group", lang)
        if self.spread.value == "iqr":
            low, high = pooled["q1"].tolist(), pooled["q3"].tolist()
            band = t("ws.fac.results.band_iqr", lang, label=group)
        else:
            low, high = pooled["min"].tolist(), pooled["max"].tolist()
            band = t("ws.fac.results.band_range", lang, label=group)
        series = RadarSeries(
            t("ws.fac.results.median", lang, label=group),
            pooled["median"].tolist(),
            low,
            high,
            band,
        )
        highlight = [elements.index(e) for e in results.disagreement]
        return pooled_radar_figure(
            labels, [series], title=t("ws.fac.results.radar_title", lang), highlight=highlight
        )

    def _distribution_figure(self, results: RoomResults):
        lang, frame = self.session.language, results.distribution
        statements = [self.instrument.statement(str(s)) for s in frame.index]
        return distribution_figure(
            [s.text.get(lang) if s else "" for s in statements],
            [o.label.get(lang) for o in self.instrument.options],
            frame.values.tolist(),
            title=t("ws.fac.results.distribution.heading", lang),
            muted=[not o.scored for o in self.instrument.options],
            lang=lang,
        )

    def _render_radar(self, results: RoomResults) -> None:
        lang, pooled = self.session.language, results.pooled
        elements = list(results.element_ids)
        labels = [self.content.element(e).title.get(lang) for e in elements]
        fig = self._radar_figure(results)
        self.radar.show_figure(fig, alt=t("ws.fac.results.radar_alt", lang))

        head = [
            t("ws.fac.results.table.element", lang),
            t("ws.fac.results.table.median", lang),
            t("ws.fac.results.table.spread", lang),
            t("ws.fac.results.table.range", lang),
            t("ws.fac.results.table.n", lang),
        ]
        header = "".join(f"<th>{html.escape(h)}</th>" for h in head)
        rows = "".join(
            f"<tr><td>{html.escape(label)}</td><td class='num'>{_fmt(r['median'], lang)}</td>"
            f"<td class='num'>{_fmt(r['q1'], lang)}–{_fmt(r['q3'], lang)}</td>"
            f"<td class='num'>{_fmt(r['min'], lang)}–{_fmt(r['max'], lang)}</td>"
            f"<td class='num'>{int(r['n'])}</td></tr>"
            for label, (_e, r) in zip(labels, pooled.iterrows(), strict=True)
        )
        self.pooled_table.value = f'<table class="ws-table"><tr>{header}</tr>{rows}</table>'

        title = html.escape(t("ws.fac.results.disagree.heading", lang))
        if results.disagreement:
            items = "".join(
                "<li>"
                + html.escape(
                    t(
                        "ws.fac.results.disagree.item",
                        lang,
                        element=self.content.element(e).title.get(lang),
                        q1=pooled.loc[e, "q1"],
                        q3=pooled.loc[e, "q3"],
                        low=pooled.loc[e, "min"],
                        high=pooled.loc[e, "max"],
                    )
                )
                + "</li>"
                for e in results.disagreement
            )
            self.disagree.value = f'<h4>{title}</h4><ul class="ws-disagree">{items}</ul>'
        else:
            none = html.escape(t("ws.fac.results.disagree.none", lang))
            self.disagree.value = f"<h4>{title}</h4><p>{none}</p>"

        title = html.escape(t("ws.fac.results.priorities.heading", lang))
        if results.priorities:
            items = "".join(
                f"<li>{html.escape(f)}. {html.escape(self.content.form(f).title.get(lang))}</li>"
                for f in results.priorities
            )
            self.priorities.value = f"<h4>{title}</h4><ul>{items}</ul>"
        else:
            none = html.escape(t("ws.fac.results.priorities.none", lang))
            self.priorities.value = f"<h4>{title}</h4><p>{none}</p>"

    def _render_distribution(self, results: RoomResults) -> None:
        """Per statement a bar split into the share of each answer, with the counts in it."""
        lang, frame = self.session.language, results.distribution
        if frame is None or self.instrument is None:
            self.distribution.value = ""
            return
        options = self.instrument.options
        colours = option_colours(len(options), [not o.scored for o in options])
        legend = "".join(
            f'<span class="ws-key"><i style="background:{c}"></i>{html.escape(o.label.get(lang))}'
            "</span>"
            for o, c in zip(options, colours, strict=True)
        )
        rows = []
        for statement_id, counts in frame.iterrows():
            statement = self.instrument.statement(str(statement_id))
            total = int(counts.sum())
            segments = []
            for option, colour, count in zip(options, colours, counts.tolist(), strict=True):
                if not count:
                    continue
                share = 100 * count / total
                ink = "#000" if colour in LIGHT else "#fff"
                label = html.escape(f"{option.label.get(lang)}: {count}")
                segments.append(
                    f'<span style="width:{css_number(share)}%;background:{colour};color:{ink}" '
                    f'title="{label}">{count if share >= 7 else ""}</span>'
                )
            text = html.escape(statement.text.get(lang)) if statement else ""
            rows.append(
                f'<tr><td class="ws-dist-text">{text}</td>'
                f'<td class="ws-dist-bar"><div class="ws-bar">{"".join(segments)}</div></td></tr>'
            )
        heading = html.escape(t("ws.fac.results.distribution.heading", lang))
        self.distribution.value = (
            f"<h4>{heading}</h4><div class='ws-legend'>{legend}</div>"
            f'<table class="ws-dist">{"".join(rows)}</table>'
        )

    def _render_questions(self, results: RoomResults) -> None:
        lang = self.session.language
        if self.snapshot is None or not self.snapshot.workshop.questionnaire.form_ids:
            self.questions.value = ""
            return
        parts = []
        for form_id in self.snapshot.workshop.questionnaire.form_ids:
            try:
                form = self.content.form(form_id)
            except KeyError:
                continue
            heading = html.escape(t("ws.fac.results.questions.heading", lang, form=form_id))
            parts.append(f"<h4>{heading}</h4>")
            choices = {(c.form_id, c.field_id): c for c in results.choices}
            for spec in form.fields:
                if spec.kind not in PARTICIPANT_KINDS:
                    continue
                choice = choices.get((form_id, spec.id))
                if choice is not None:
                    total = max(1, results.submitted)
                    rows = "".join(
                        f"<tr><td>{html.escape(spec.option_label(o, lang))}</td>"
                        f"<td class='num'>{n}</td><td>{'█' * round(12 * n / total)}</td></tr>"
                        for o, n in choice.counts.items()
                    )
                    parts.append(
                        f"<p><b>{html.escape(spec.label.get(lang))}</b></p>"
                        f'<table class="ws-table">{rows}</table>'
                    )
                else:
                    count = results.text_counts.get((form_id, spec.id), 0)
                    line = t(
                        "ws.fac.results.questions.open",
                        lang,
                        label=spec.label.get(lang),
                        count=count,
                    )
                    parts.append(f'<p class="ws-hint">{html.escape(line)}</p>')
        self.questions.value = "".join(parts)

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.intro.value = f"<p>{html.escape(t('ws.fac.intro', lang))}</p>"
        self.new_heading.value = f"<h3>{html.escape(t('ws.fac.new.heading', lang))}</h3>"
        self.title_input.description = t("ws.fac.field.title", lang)
        self.title_input.placeholder = t("ws.fac.field.title_placeholder", lang)
        self.language_input.description = t("ws.fac.field.language", lang)
        self.sa_input.description = t("ws.fac.field.selfassessment", lang)
        self.moderated_input.description = t("ws.fac.moderated", lang)
        self.sa_input.disabled = self.instrument is None
        self.form_input.description = t("ws.fac.field.form", lang)
        chosen = self.form_input.value
        self.form_input.options = [(t("ws.fac.field.no_form", lang), "")] + [
            (f"{f.id}. {f.title.get(lang)}", f.id)
            for f in self.content.forms
            if any(spec.kind in PARTICIPANT_KINDS for spec in f.fields)
        ]
        self.form_input.value = chosen or ""
        self.create_button.description = t("ws.fac.create", lang)
        self.mine_heading.value = f"<h3>{html.escape(t('ws.fac.mine.heading', lang))}</h3>"
        self.mine_input.description = t("ws.fac.mine.link", lang)
        self.mine_input.placeholder = t("ws.fac.mine.placeholder", lang)
        self.mine_button.description = t("ws.fac.mine.open", lang)
        self.spread.description = t("ws.fac.results.spread", lang)
        value = self.spread.value
        self.spread.options = [
            (t("ws.fac.results.spread_iqr", lang), "iqr"),
            (t("ws.fac.results.spread_range", lang), "range"),
        ]
        self.spread.value = value
        self.export_heading.value = f"<h3>{html.escape(t('ws.fac.export.heading', lang))}</h3>"
        self.export_help.value = (
            f'<p class="ws-hint">{html.escape(t("ws.fac.export.help", lang))}</p>'
        )
        self.export_button.description = t("ws.fac.export.button", lang)
        self.compare_heading.value = f"<h3>{html.escape(t('ws.fac.compare.heading', lang))}</h3>"
        self.compare_help.value = (
            f'<p class="ws-hint">{html.escape(t("ws.fac.compare.help", lang))}</p>'
        )
        self.compare_link.description = t("ws.fac.compare.link", lang)
        self.compare_button.description = t("ws.fac.compare.button", lang)
        self.compare_box.layout.display = (
            "none"
            if self.instrument is None or not self.workshop.is_open
            else self.compare_box.layout.display
        )
        self.session_panel.relabel()
        self.question_panel.relabel()
        self.into_panel.relabel()
        if self.results is not None:
            self._render_results()
        if self.workshop.is_open:
            self._show_page(True)

    def _show_error(self, _change: object = None) -> None:
        if self.session.error:
            self.notice.show(t("ws.error.generic", self.session.language), "error")


def _signed(value: float | None, lang: str) -> str:
    return format_signed(value, lang, 0)
