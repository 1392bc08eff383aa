"""The plan page of the app: downloads, the agreements register, the letter and the evaluation.

`PlanView(session)` displays `session.workbook.followup` and asks the plan's API for every
edit (`session.edit("followup", api.…)`); files are built through `export`.
"""

from __future__ import annotations

import html
import logging
from datetime import date

import ipywidgets as w

from ..engagement import quality
from ..i18n import t
from ..problems import Outcome, Problem
from ..session import Change, Session
from ..spreadsheets import XLSX_MIME
from ..ui import (
    DownloadLink,
    ImageView,
    Notice,
    button,
    figure_svg,
    guarded,
    show,
    table_html,
    view_only,
)
from . import agreements, api, evaluation
from .export import PdfUnavailable, filename, plan_docx, plan_html, plan_pdf, registers_xlsx
from .records import AGREEMENT_STATUSES, Agreement
from .texts import plan_texts

log = logging.getLogger(__name__)

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
NONE = ""


STYLE = """<style>
.dialoog-agreement { border: 1px solid #dde5eb; border-radius: 6px; padding: .3em .6em;
  margin: .4em 0; }
.dialoog-agreement-overdue { border-color: #c62828; background: #fff5f5; }
.dialoog-overdue-flag { color: #a61b1b; font-weight: 600; }
</style>"""


class DownloadsPanel(w.VBox):
    """Buttons that build the plan (.docx, .pdf, .html) and the registers (.xlsx) on request."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.intro = w.HTML()
        self.notice = Notice()
        kinds = ("docx", "pdf", "html", "xlsx")
        self.buttons = {kind: button("", icon="download") for kind in kinds}
        self.links = {kind: DownloadLink() for kind in self.buttons}
        for kind, btn in self.buttons.items():
            btn.add_class(f"dialoog-plan-build-{kind}")
            self.links[kind].add_class(f"dialoog-plan-download-{kind}")
            btn.on_click(lambda _b, k=kind: self.build(k))
            view_only(btn)
        rows = [w.HBox([self.buttons[k], self.links[k]]) for k in self.buttons]
        self.children = [self.intro, *rows, self.notice]
        session.observe(self._relabel, "language")
        session.watch(self._stale, "answers", "organisation", "selfassessment", "stakeholders",
                      "followup")  # fmt: skip
        self._relabel()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.intro.value = f"<p>{html.escape(t('plan.view.downloads_intro', lang))}</p>"
        for kind, btn in self.buttons.items():
            btn.description = t(f"plan.view.build_{kind}", lang)
        self._stale()

    def _stale(self, _change: object = None) -> None:
        """A download shows what the workbook was when it was built; drop it after a change."""
        for link in self.links.values():
            link.clear()

    def build(self, kind: str) -> None:
        """Build one file; a failure is a message, and the workbook is never touched."""
        session, lang = self.session, self.session.language
        today = date.today()
        self.notice.clear()
        try:
            if kind == "docx":
                data, mime = plan_docx(session.workbook, session.content, lang, today), DOCX_MIME
                name = filename(session.workbook, "plan", "docx", lang, today)
            elif kind == "pdf":
                data, mime = plan_pdf(session.workbook, session.content, lang, today), PDF_MIME
                name = filename(session.workbook, "plan", "pdf", lang, today)
            elif kind == "html":
                data, mime = plan_html(session.workbook, session.content, lang, today), "text/html"
                name = filename(session.workbook, "plan", "html", lang, today)
            else:
                data, mime = registers_xlsx(session.workbook, lang, today), XLSX_MIME
                name = filename(session.workbook, "registers", "xlsx", lang, today)
        except PdfUnavailable:
            log.warning("no PDF: Pango is not installed on this server")
            self.notice.show(t("plan.view.pdf_unavailable", lang), "error")
            return
        except Exception:  # shown as a message and logged as an error; the workbook is untouched
            log.exception("export %s failed", kind)
            self.notice.show(t("plan.view.export_failed", lang), "error")
            return
        self.links[kind].set(name, data, mime, t("plan.view.download_again", lang), start=True)
        self.notice.show(t("plan.view.ready", lang, name=name), "success")


class AgreementRow(w.VBox):
    """One agreement, edited in place; every edit goes straight to the model."""

    def __init__(self, editor: AgreementsEditor, agreement_id: str) -> None:
        super().__init__()
        self.editor, self.session, self.agreement_id = editor, editor.session, agreement_id
        self.add_class("dialoog-agreement")
        self._echo = False  # True while the model is shown: widget events are not edits
        self.notice = Notice()
        wide = w.Layout(width="min(44em, 100%)")
        self.what = w.Textarea(layout=w.Layout(width="min(44em, 100%)", height="3.5em"))
        self.stakeholder = w.Dropdown(layout=wide)
        self.with_whom = w.Text(layout=wide)
        self.owner = w.Text(layout=wide)
        self.due = w.DatePicker()
        self.status = w.Dropdown()
        self.reported_back = w.Text(layout=wide)
        self.reported_on = w.DatePicker()
        self.flag = w.HTML()
        self.remove = button("", icon="trash")
        self.remove.on_click(lambda _b: self.editor.remove(self.agreement_id))
        self.inputs = {
            "what": self.what, "stakeholder": self.stakeholder, "with_whom": self.with_whom,
            "owner": self.owner, "due": self.due, "status": self.status,
            "reported_back": self.reported_back, "reported_on": self.reported_on,
        }  # fmt: skip
        for widget in self.inputs.values():
            widget.style.description_width = "11em"
            widget.observe(self._edited, "value")
        self.children = [self.flag, *self.inputs.values(), self.notice, self.remove]
        self.relabel()

    @property
    def agreement(self) -> Agreement | None:
        for a in self.session.workbook.followup.agreements:
            if a.id == self.agreement_id:
                return a
        return None

    def relabel(self) -> None:
        lang = self.session.language
        self._echo = True
        try:
            for name, widget in self.inputs.items():
                widget.description = t(f"plan.view.field.{name}", lang)
            self.status.options = [
                (agreements.status_label(s, lang), s) for s in AGREEMENT_STATUSES
            ]
            names = sorted(
                self.session.workbook.stakeholders, key=lambda s: (not s.selected, s.name)
            )
            self.stakeholder.options = [(t("plan.view.nobody", lang), NONE)] + [
                (s.name, s.id) for s in names
            ]
            self.remove.description = t("plan.view.remove", lang)
        finally:
            self._echo = False
        self.refresh()

    def refresh(self) -> None:
        a = self.agreement
        if a is None:
            return
        self._echo = True
        try:
            linked = a.stakeholder_ids[0] if a.stakeholder_ids else NONE
            known = [v for _label, v in self.stakeholder.options]
            values = {
                "what": a.what, "with_whom": a.with_whom, "owner": a.owner, "due": a.due,
                "status": a.status, "reported_back": a.reported_back,
                "reported_on": a.reported_on, "stakeholder": linked if linked in known else NONE,
            }  # fmt: skip
            for name, value in values.items():
                if self.inputs[name].value != value:
                    self.inputs[name].value = value
        finally:
            self._echo = False
        self._flag(a)

    def _flag(self, a: Agreement) -> None:
        late = a.is_overdue(date.today())
        if late:
            self.add_class("dialoog-agreement-overdue")
            text = t("plan.view.overdue_flag", self.session.language)
            self.flag.value = f'<span class="dialoog-overdue-flag">⚠ {html.escape(text)}</span>'
        else:
            self.remove_class("dialoog-agreement-overdue")
            self.flag.value = ""

    @guarded
    def _edited(self, _change: dict) -> None:
        if self._echo:
            return
        a = self.agreement
        if a is None:
            return
        linked = self.stakeholder.value
        rest = [i for i in a.stakeholder_ids[1:] if i != linked]
        values = {
            "what": self.what.value,
            "with_whom": self.with_whom.value,
            "owner": self.owner.value,
            "due": self.due.value,
            "status": self.status.value,
            "reported_back": self.reported_back.value,
            "reported_on": self.reported_on.value,
            "stakeholder_ids": ([linked] if linked else []) + rest,
        }
        problem = self.session.edit("followup", api.update_agreement, a.id, values)
        if isinstance(problem, Problem):
            self.notice.show(problem.message(self.session.language), "error")
        else:
            self.notice.clear()


class AgreementsEditor(w.VBox):
    """The register of agreements (8b, 9a): add, import from 8b, edit, remove; overdue flagged."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.intro = w.HTML()
        self.summary = w.HTML()
        self.add = button("", icon="plus")
        self.add.add_class("dialoog-plan-add-agreement")
        self.import_8b = button("", icon="arrow-down")
        self.add.on_click(lambda _b: self.add_agreement())
        self.import_8b.on_click(lambda _b: self.import_follow_up())
        self.notice = Notice()
        self.rows_box = w.VBox()
        self.overview = w.HTML()
        self.rows: dict[str, AgreementRow] = {}
        self.children = [
            self.intro, self.summary, self.rows_box,
            w.HBox([self.add, self.import_8b]), self.notice, self.overview,
        ]  # fmt: skip
        session.observe(self._relabel, "language")
        session.watch(self._on_change, "followup", "stakeholders")
        self._relabel()

    def _on_change(self, change: Change) -> None:
        if change.section == "stakeholders":  # names in the menus
            for row in self.rows.values():
                row.relabel()
        self._refresh()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.intro.value = f"<p>{html.escape(t('plan.view.agreements_intro', lang))}</p>"
        self.add.description = t("plan.view.add_agreement", lang)
        self.import_8b.description = t("plan.view.import_8b", lang)
        for row in self.rows.values():
            row.relabel()
        self._refresh()

    def _refresh(self, _change: object = None) -> None:
        items = self.session.workbook.followup.agreements
        ids = [a.id for a in items]
        if ids != list(self.rows):
            self.rows = {i: self.rows.get(i) or AgreementRow(self, i) for i in ids}
            self.rows_box.children = list(self.rows.values())
        for row in self.rows.values():
            row.refresh()
        lang, today = self.session.language, date.today()
        late = agreements.overdue(self.session.workbook, today)
        text = t(
            "plan.agreements.summary", lang, total=len(items),
            open=sum(not a.closed for a in items), overdue=len(late),
        )  # fmt: skip
        css = "dialoog-overdue-flag" if late else ""
        self.summary.value = f'<p class="{css}">{html.escape(text)}</p>' if items else ""
        overview = agreements.per_stakeholder_table(self.session.workbook, lang, today)
        self.overview.value = (
            STYLE + f"<h4>{html.escape(t('plan.parties.title', lang))}</h4>" + table_html(overview)
            if overview.rows
            else STYLE
        )

    @guarded
    def add_agreement(self) -> None:
        self.notice.clear()
        self.session.edit("followup", api.add_agreement)

    @guarded
    def import_follow_up(self) -> None:
        form, spec = self.session.content.field_with_role("follow_up")
        rows = self.session.answer(form.id, spec.id)
        outcome = self.session.edit("followup", api.import_follow_up, rows)
        lang = self.session.language
        if isinstance(outcome, Problem):
            self.notice.show(outcome.message(lang), "error")
            return
        added = outcome.info["added"]
        self.notice.show(t("plan.view.imported", lang, count=added), "success" if added else "info")

    @guarded
    def remove(self, agreement_id: str) -> None:
        self.session.edit("followup", api.remove_agreement, agreement_id)


class LetterEditor(w.VBox):
    """The feedback letter (9a): drafted from the workbook, edited by the user, downloaded.

    A new draft replaces the text; the text it replaced stays one click away (Undo).
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._echo = False  # True while the model is shown: widget events are not edits
        self.previous: str | None = None  # the text a draft replaced, for Undo
        self.intro = w.HTML()
        self.recipient = w.Dropdown()
        self.recipient.style.description_width = "11em"
        self.draft = button("", icon="pencil")
        self.draft.add_class("dialoog-plan-draft-letter")
        self.draft.on_click(lambda _b: self.make_draft())
        self.undo = button("", icon="undo")
        self.undo.add_class("dialoog-plan-undo-letter")
        self.undo.on_click(lambda _b: self.undo_draft())
        show(self.undo, False)
        self.text = w.Textarea(layout=w.Layout(width="100%", height="28em"))
        self.text.add_class("dialoog-plan-letter")
        self.text.observe(self._edited, "value")
        self.build = button("", icon="download")
        self.build.on_click(lambda _b: self.make_download())
        view_only(self.build)
        self.link = DownloadLink()
        self.notice = Notice()
        self.children = [
            self.intro, w.HBox([self.recipient, self.draft]), self.text,
            w.HBox([self.build, self.link]), w.HBox([self.notice, self.undo]),
        ]  # fmt: skip
        session.observe(self._relabel, "language")
        session.watch(self._refresh, "followup", "stakeholders")
        self._relabel()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.intro.value = f"<p>{html.escape(t('plan.view.letter_intro', lang))}</p>"
        self.recipient.description = t("plan.view.recipient", lang)
        self.draft.description = t("plan.view.draft_letter", lang)
        self.undo.description = t("plan.view.undo_draft", lang)
        self.build.description = t("plan.view.build_letter", lang)
        self._refresh()

    def _refresh(self, _change: object = None) -> None:
        lang = self.session.language
        wb = self.session.workbook
        linked = {i for a in wb.followup.agreements for i in a.stakeholder_ids}
        options = [(t("plan.view.all_participants", lang), NONE)] + [
            (s.name, s.id) for s in wb.stakeholders if s.id in linked or s.selected
        ]
        self._echo = True
        try:
            if list(self.recipient.options) != options:
                keep = self.recipient.value
                self.recipient.options = options
                self.recipient.value = keep if keep in [v for _l, v in options] else NONE
            if self.text.value != wb.followup.letter:
                self.text.value = wb.followup.letter
        finally:
            self._echo = False

    def _set(self, text: str) -> Outcome | Problem | None:
        result = self.session.edit("followup", api.set_letter, text)
        if isinstance(result, Problem):
            self.notice.show(result.message(self.session.language), "error")
        return result

    @guarded
    def make_draft(self) -> None:
        """Replace the letter by a fresh draft; the text it replaced can be had back (Undo)."""
        session = self.session
        text = agreements.draft_letter(
            session.workbook, session.content, session.language, date.today(),
            stakeholder_id=self.recipient.value or None,
        )  # fmt: skip
        outcome = self._set(text[: api.MAX_LETTER])
        if isinstance(outcome, Outcome):
            self.previous = outcome.info["previous"]
            show(self.undo, bool(self.previous.strip()))
            key = "plan.view.drafted_undo" if self.previous.strip() else "plan.view.drafted"
            self.notice.show(t(key, session.language), "info")

    @guarded
    def undo_draft(self) -> None:
        if self.previous is None:
            return
        outcome = self._set(self.previous)
        if isinstance(outcome, Outcome):
            self.previous = None
            show(self.undo, False)
            self.notice.show(t("plan.view.undone", self.session.language), "success")

    @guarded
    def _edited(self, change: dict) -> None:
        if self._echo or change["new"] == self.session.workbook.followup.letter:
            return
        self._set(change["new"])

    @guarded
    def make_download(self) -> None:
        from .docx import letter_docx

        lang = self.session.language
        text = self.session.workbook.followup.letter
        if not text.strip():
            self.notice.show(t("plan.view.letter_empty", lang), "error")
            return
        name = filename(self.session.workbook, "letter", "docx", lang)
        data = letter_docx(text, lang, t("plan.appendix.letter", lang))
        self.link.set(name, data, DOCX_MIME, t("plan.view.download_again", lang), start=True)
        self.notice.clear()


class EvaluationPanel(w.VBox):
    """The 9b evaluation: a form for the company or a stakeholder, the answers, the comparison."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.intro = w.HTML()
        self.perspective = w.ToggleButtons()
        self.respondent = w.Text(layout=w.Layout(width="min(30em, 100%)"))
        self.respondent.style.description_width = "11em"
        form = plan_texts().evaluation
        self.labels = {q.id: w.HTML() for q in form.questions}
        self.inputs: dict[str, w.Widget] = {}
        for q in form.questions:
            if q.kind == "statement":
                self.inputs[q.id] = w.ToggleButtons(value=None, options=[])
                self.inputs[q.id].add_class("dialoog-plan-scale")
            else:
                self.inputs[q.id] = w.Textarea(layout=w.Layout(width="min(44em, 100%)"))
        self.save = button("", icon="check", style="primary")
        self.save.add_class("dialoog-plan-save-evaluation")
        self.save.on_click(lambda _b: self.save_response())
        self.printable = button("", icon="print")
        self.printable.on_click(lambda _b: self.make_printable())
        view_only(self.printable)
        self.link = DownloadLink()
        self.notice = Notice()
        self.responses = w.VBox()
        self.comparison = w.HTML()
        self.quality = w.HTML()
        self.quality_button = button("", icon="line-chart")
        self.quality_button.add_class("dialoog-plan-quality-chart")
        view_only(self.quality_button)
        self.quality_button.on_click(lambda _b: self.draw_quality())
        self.quality_chart = ImageView()
        self.quality_link = DownloadLink()
        questions = [w.VBox([self.labels[i], self.inputs[i]]) for i in self.inputs]
        self.children = [
            self.intro, w.HBox([self.printable, self.link]), self.perspective, self.respondent,
            *questions, self.save, self.notice, self.comparison, self.responses, self.quality,
            w.HBox([self.quality_button, self.quality_link]), self.quality_chart,
        ]  # fmt: skip
        session.observe(self._relabel, "language")
        session.watch(self._refresh, "followup", "engagements")
        self._relabel()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        form = plan_texts().evaluation
        self.intro.value = f"<p>{html.escape(t('plan.view.eval_intro', lang))}</p>"
        keep = self.perspective.value
        self.perspective.options = [
            (t(f"plan.eval.perspective.{p}", lang), p) for p in ("company", "stakeholder")
        ]
        self.perspective.value = keep or "company"
        self.respondent.description = t("plan.view.respondent", lang)
        scale = [(p.id, p.id) for p in form.scale] + [(form.dont_know.get(lang), "na")]
        tips = [p.label.get(lang) for p in form.scale] + [form.dont_know.get(lang)]
        for q in form.questions:
            self.labels[q.id].value = f"<b>{html.escape(q.label.get(lang))}</b>"
            widget = self.inputs[q.id]
            if q.kind == "statement":
                keep = widget.value
                widget.options = scale
                widget.tooltips = tips
                widget.value = keep
        low, high = form.scale[0].label.get(lang), form.scale[-1].label.get(lang)
        self.labels[
            form.statements[0].id
        ].value += f"<br><small>1 = {html.escape(low)}, 5 = {html.escape(high)}</small>"
        self.save.description = t("plan.view.save_evaluation", lang)
        self.printable.description = t("plan.view.printable_form", lang)
        self.quality_button.description = t("eng.quality.chart_button", lang)
        self._refresh()

    def _refresh(self, _change: object = None) -> None:
        lang = self.session.language
        wb = self.session.workbook
        text = html.escape(evaluation.summary(wb, lang))
        table = evaluation.comparison_table(wb, lang)
        self.comparison.value = (
            STYLE
            + f"<h4>{html.escape(t('plan.eval.title', lang))}</h4><p>{text}</p>"
            + (table_html(table) if wb.followup.evaluations else "")
        )
        over_time = quality.table(wb, lang)
        self.quality.value = (
            f"<h4>{html.escape(t('eng.quality.title', lang))}</h4>"
            f"<p>{html.escape(quality.summary(wb, lang))}</p>"
            + (table_html(over_time) if over_time.rows else "")
        )
        show(self.quality_button, bool(over_time.rows))
        if self.quality_chart.png:
            self.draw_quality()
        ids = [r.id for r in wb.followup.evaluations]
        if [getattr(c, "response_id", None) for c in self.responses.children] != ids:
            rows = []
            for r in wb.followup.evaluations:
                who = r.respondent or "—"
                label = w.Label(f"{t(f'plan.eval.perspective.{r.perspective}', lang)}: {who}")
                remove = button(t("plan.view.remove", lang), icon="trash")
                remove.on_click(lambda _b, i=r.id: self.remove(i))
                row = w.HBox([label, remove])
                row.response_id = r.id
                rows.append(row)
            self.responses.children = rows

    @guarded
    def save_response(self) -> None:
        lang = self.session.language
        answers = {qid: widget.value for qid, widget in self.inputs.items()}
        problem = self.session.edit(
            "followup",
            api.add_evaluation,
            self.perspective.value or "company",
            self.respondent.value,
            {k: v for k, v in answers.items() if isinstance(v, str)},
            date.today(),
        )
        if isinstance(problem, Problem):
            self.notice.show(problem.message(lang), "error")
            return
        for widget in self.inputs.values():
            widget.value = None if isinstance(widget, w.ToggleButtons) else ""
        self.respondent.value = ""
        self.notice.show(t("plan.view.eval_saved", lang), "success")

    @guarded
    def remove(self, response_id: str) -> None:
        self.session.edit("followup", api.remove_evaluation, response_id)

    @guarded
    def draw_quality(self) -> None:
        """The quality chart on request (and redrawn on changes once shown)."""
        lang, wb = self.session.language, self.session.workbook
        if not quality.over_time(wb):
            self.quality_chart.clear()
            return
        fig, alt = quality.chart(wb, lang)
        self.quality_chart.show_figure(fig, alt=alt)
        name = filename(wb, "quality_chart", "svg", lang)
        self.quality_link.set(name, figure_svg(fig), "image/svg+xml")

    @guarded
    def make_printable(self) -> None:
        from .html import evaluation_form_html

        lang = self.session.language
        page = evaluation_form_html(lang, self.session.workbook.organisation.name)
        name = filename(self.session.workbook, "evaluation_form", "html", lang)
        self.link.set(name, page.encode("utf-8"), "text/html", start=True)


class PlanView(w.VBox):
    """The page 'Plan van aanpak & opvolging': four tabs, each bound to the session."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-plan")
        self.title = w.HTML()
        self.downloads = DownloadsPanel(session)
        self.agreements = AgreementsEditor(session)
        self.letter = LetterEditor(session)
        self.evaluation = EvaluationPanel(session)
        self.tabs = w.Tab(children=[self.downloads, self.agreements, self.letter, self.evaluation])
        self.children = [w.HTML(STYLE), self.title, self.tabs]
        session.observe(self._relabel, "language")
        self._relabel()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.title.value = f"<h2>{html.escape(t('plan.view.title', lang))}</h2>"
        self.tabs.titles = tuple(
            t(f"plan.view.tab.{k}", lang)
            for k in ("document", "agreements", "letter", "evaluation")
        )
