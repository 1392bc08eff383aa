"""The engagement log on the page (step 8b): log a contact, see them per stakeholder, the open
concerns and the contacts per group, topic and quarter, and download the evidence.

The view shows the workbook and asks `Session.edit` to change it through the feature's API;
it listens to the log, the register and the agreements only.
"""

from __future__ import annotations

import html
import logging
from datetime import date

import ipywidgets as w

from ..formatting import file_stamp, short_date
from ..i18n import t, tn
from ..plan.blocks import Table
from ..problems import Outcome, Problem
from ..session import Change, Session
from ..stakeholders.choices import register_data
from ..ui import (
    DownloadLink,
    ImageView,
    Notice,
    SpelledDate,
    accessible_name,
    button,
    guarded,
    show,
    table_html,
    view_only,
)
from . import api
from .export import engagement_xlsx, log_table
from .record import Concern, Engagement, engagement_data
from .timeline import contacts_by, open_concerns, outside_register, per_stakeholder
from .view_import import LogImportPanel

log = logging.getLogger(__name__)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
QUALITY_SCORES = (1, 2, 3, 4, 5)


class EntryForm(w.VBox):
    """Add or change one contact: nothing is stored until Save."""

    def __init__(self, page: EngagementLogView) -> None:
        super().__init__()
        self.page, self.session = page, page.session
        self.add_class("eng-form")
        self.editing: str | None = None  # the id of the contact being changed
        wide = w.Layout(width="min(40em, 100%)")
        style = {"description_width": "12em"}
        self.heading = w.HTML()
        self.contact_date = w.DatePicker(style=style)
        self.contact_words = SpelledDate(self.contact_date, lambda: self.session.language)
        self.kind = w.Dropdown(style=style, layout=wide)
        self.stakeholders = w.TagsInput(allow_duplicates=False, layout=wide)
        self.stakeholders.add_class("eng-stakeholders")
        self.stakeholders_label = w.HTML()
        self.names = w.Text(style=style, layout=wide)
        self.company_people = w.Text(style=style, layout=wide)
        self.place = w.Text(style=style, layout=wide)
        self.language = w.Text(style=style, layout=wide)
        self.interpreter = w.Checkbox(indent=False)
        self.topics = w.TagsInput(allow_duplicates=False, layout=wide)
        self.topics_label = w.HTML()
        self.raised = w.Textarea(rows=3, style=style, layout=wide)
        self.response = w.Textarea(rows=3, style=style, layout=wide)
        self.concern = w.Checkbox(indent=False)
        self.concern.observe(lambda _c: self._show_concern(), "value")
        self.case = w.Text(style=style, layout=wide)
        self.status = w.Dropdown(style=style, layout=wide)
        self.answered_on = w.DatePicker(style=style)
        self.answered_words = SpelledDate(self.answered_on, lambda: self.session.language)
        self.concern_help = w.HTML()
        self.concern_box = w.VBox([
            self.case, self.status, self.answered_words.row(),
            self.concern_help,
        ])  # fmt: skip
        self.quality_label = w.HTML()
        self.quality = {c.id: w.Dropdown(style=style) for c in engagement_data().qualities}
        self.follow_up = w.Text(style=style, layout=wide)
        self.save = button("", icon="check", style="primary")
        self.save.add_class("eng-save")
        self.save.on_click(lambda _b: self.submit())
        self.save_anyway = button("", icon="check")
        self.save_anyway.add_class("eng-save-anyway")
        self.save_anyway.on_click(lambda _b: self.submit(confirm=True))
        show(self.save_anyway, False)
        self.cancel = button("", icon="times")
        self.cancel.on_click(lambda _b: self.clear())
        self.notice = Notice()
        self.children = [
            self.heading, self.contact_words.row(), self.kind,
            self.stakeholders_label, self.stakeholders,
            self.names, self.company_people, self.place, self.language, self.interpreter,
            self.topics_label, self.topics, self.raised, self.response, self.concern,
            self.concern_box, self.quality_label, *self.quality.values(), self.follow_up,
            w.HBox([self.save, self.save_anyway, self.cancel]), self.notice,
        ]  # fmt: skip
        self._show_concern()

    # -- choices ----------------------------------------------------------------------------
    def _names(self) -> dict[str, str]:
        return {s.name: s.id for s in self.session.workbook.stakeholders}

    def _issues(self, lang: str) -> dict[str, str]:
        return {o.label.get(lang): o.id for o in register_data().options("issues")}

    def refresh_choices(self) -> None:
        lang = self.session.language
        self.stakeholders.allowed_tags = sorted(self._names())
        self.topics.allowed_tags = sorted(self._issues(lang))

    def _show_concern(self) -> None:
        show(self.concern_box, bool(self.concern.value))

    # -- values -----------------------------------------------------------------------------
    def values(self) -> dict:
        lang = self.session.language
        names, issues = self._names(), self._issues(lang)
        written = [n.strip() for n in self.names.value.split(",") if n.strip()]
        concern = (
            Concern(
                case=self.case.value, status=self.status.value or "open",
                answered_on=self.answered_on.value,
            )
            if self.concern.value
            else None
        )  # fmt: skip
        return {
            "contact_date": self.contact_date.value,
            "kind": self.kind.value,
            "stakeholder_ids": [names[n] for n in self.stakeholders.value if n in names],
            "stakeholder_names": written,
            "company_people": self.company_people.value,
            "place": self.place.value,
            "language": self.language.value,
            "interpreter": bool(self.interpreter.value),
            "topics": [issues[x] for x in self.topics.value if x in issues],
            "raised": self.raised.value,
            "response": self.response.value,
            "concern": concern,
            "quality": {k: int(v.value) for k, v in self.quality.items() if v.value},
        }

    def load(self, entry: Engagement) -> None:
        """Show a contact to change it."""
        lang = self.session.language
        self.editing = entry.id
        by_id = {s.id: s.name for s in self.session.workbook.stakeholders}
        labels = {v: k for k, v in self._issues(lang).items()}
        self.contact_date.value = entry.contact_date
        self.kind.value = entry.kind
        self.stakeholders.value = [by_id[i] for i in entry.stakeholder_ids if i in by_id]
        listed = set(self.stakeholders.value)
        self.names.value = ", ".join(n for n in entry.stakeholder_names if n not in listed)
        self.company_people.value = entry.company_people
        self.place.value = entry.place
        self.language.value = entry.language
        self.interpreter.value = entry.interpreter
        self.topics.value = [labels[i] for i in entry.topics if i in labels]
        self.raised.value, self.response.value = entry.raised, entry.response
        self.concern.value = entry.concern is not None
        if entry.concern is not None:
            self.case.value = entry.concern.case
            self.status.value = entry.concern.status
            self.answered_on.value = entry.concern.answered_on
        for key, menu in self.quality.items():
            menu.value = entry.quality.get(key, 0)
        self.relabel()

    def clear(self) -> None:
        self.editing = None
        self.contact_date.value = None
        for text in (self.names, self.company_people, self.place, self.language, self.raised,
                     self.response, self.case, self.follow_up):  # fmt: skip
            text.value = ""
        self.stakeholders.value, self.topics.value = [], []
        self.interpreter.value = self.concern.value = False
        self.answered_on.value = None
        for menu in self.quality.values():
            menu.value = 0
        show(self.save_anyway, False)
        self.notice.clear()
        self.relabel()

    @guarded
    def submit(self, confirm: bool = False) -> None:
        session, lang, today = self.session, self.session.language, date.today()
        register = session.workbook.stakeholders
        values = self.values()
        if self.editing:
            result = session.edit(
                "engagements", api.update, self.editing, register, values, today=today,
                confirm=confirm,
            )  # fmt: skip
        else:
            result = session.edit(
                "engagements", api.add, register, values, today=today, confirm=confirm
            )
        if isinstance(result, Problem):
            self.notice.show(result.text(lang), "error")
            show(self.save_anyway, result.key in ("eng.date_future", "eng.date_old"))
            return
        entry = result.info["entry"] if isinstance(result, Outcome) else None
        if entry is not None and self.follow_up.value.strip():
            made = session.edit("followup", api.follow_up, entry, self.follow_up.value)
            if isinstance(made, Problem):
                self.notice.show(made.text(lang), "error")
                return
            session.edit("engagements", api.link_agreement, entry.id, made.info["agreement"].id)
        key = "eng.updated" if self.editing else "eng.saved"
        when = short_date(entry.contact_date, lang) if entry else ""
        self.clear()
        self.page.notice.show(t(key, lang, date=when), "success")

    def relabel(self) -> None:
        lang, data = self.session.language, engagement_data()
        self.heading.value = (
            f"<h4>{html.escape(t('eng.edit_heading' if self.editing else 'eng.new', lang))}</h4>"
        )
        self.contact_date.description = t("eng.field.contact_date", lang)
        self.contact_words.update()
        self.answered_words.update()
        kind = self.kind.value
        self.kind.options = [(c.label.get(lang), c.id) for c in data.kinds]
        self.kind.value = kind or data.kinds[0].id
        self.kind.description = t("eng.field.kind", lang)
        self.stakeholders_label.value = f"<b>{html.escape(t('eng.field.stakeholders', lang))}</b>"
        accessible_name(self.stakeholders, t("eng.field.stakeholders", lang))
        self.names.description = t("eng.field.stakeholder_names", lang)
        for name in ("company_people", "place", "language", "raised", "response", "case",
                     "answered_on", "status", "follow_up"):  # fmt: skip
            getattr(self, name).description = t(f"eng.field.{name}", lang)
        self.interpreter.description = t("eng.field.interpreter", lang)
        self.topics_label.value = f"<b>{html.escape(t('eng.field.topics', lang))}</b>"
        accessible_name(self.topics, t("eng.field.topics", lang))
        self.concern.description = t("eng.field.concern", lang)
        status = self.status.value
        self.status.options = [(c.label.get(lang), c.id) for c in data.concern_statuses]
        self.status.value = status or "open"
        self.concern_help.value = (
            f'<p class="dialoog-hint">{html.escape(t("eng.concern_help", lang))}</p>'
        )
        self.quality_label.value = f"<b>{html.escape(t('eng.field.quality', lang))}</b>"
        for choice in data.qualities:
            menu = self.quality[choice.id]
            value = menu.value
            menu.options = [(t("eng.field.quality_none", lang), 0)] + [
                (str(n), n) for n in QUALITY_SCORES
            ]
            menu.value = value or 0
            menu.description = choice.label.get(lang)
        self.save.description = t("eng.save", lang)
        self.save_anyway.description = t("eng.save_anyway", lang)
        self.cancel.description = t("eng.cancel", lang)
        self.refresh_choices()


class OutsidePanel(w.VBox):
    """Parties the log names that are not in the register: counted in the evidence as such,
    and added to the register with one click (their contacts then count for them)."""

    SHOWN = 30

    def __init__(self, page: EngagementLogView) -> None:
        super().__init__()
        self.page, self.session = page, page.session
        self.add_class("eng-outside")
        self.notice = Notice()
        self.names: list[str] = []

    def render(self, lang: str) -> None:
        outside = outside_register(self.session.workbook)
        self.names = list(outside)
        if not outside:
            self.children = [self.notice] if self.notice.message else []
            return
        heading = w.HTML(
            f"<h4>{html.escape(t('eng.outside.heading', lang))}</h4>"
            f'<p class="dialoog-hint">{html.escape(t("eng.outside.intro", lang))}</p>'
        )
        rows = []
        for name, entries in list(outside.items())[: self.SHOWN]:
            count = tn("eng.summary.count", lang, len(entries))
            label = w.HTML(html.escape(t("eng.outside.item", lang, name=name, count=count)))
            add = button(t("eng.outside.add", lang, name=name), icon="plus")
            add.add_class("eng-outside-add")
            add.disabled = self.session.read_only
            add.on_click(lambda _b, name=name: self.add([name]))
            rows.append(w.HBox([label, add], layout=w.Layout(flex_flow="row wrap",
                                                              align_items="center")))  # fmt: skip
        more = []
        if len(outside) > self.SHOWN:
            rest = t("eng.outside.more", lang, count=len(outside) - self.SHOWN)
            more.append(w.HTML(f'<p class="dialoog-hint">{html.escape(rest)}</p>'))
        every = button(t("eng.outside.add_all", lang, count=len(outside)), icon="plus")
        every.add_class("eng-outside-all")
        every.disabled = self.session.read_only
        every.on_click(lambda _b: self.add(list(self.names)))
        self.children = [heading, *rows, *more, *([w.HBox([every])] if len(outside) > 1 else []),
                         self.notice]  # fmt: skip

    @guarded
    def add(self, names: list[str]) -> None:
        lang = self.session.language
        result = self.session.edit("stakeholders", api.add_to_register, names)
        if isinstance(result, Problem):
            self.notice.show(result.text(lang), "error")
            return
        self.session.edit("engagements", api.link_names, self.session.workbook.stakeholders)
        added = ", ".join(result.info["added"]) if result else ""
        self.notice.show(t("eng.outside.added", lang, names=added), "success")
        self.page.render()


class EngagementLogView(w.VBox):
    """The whole log: summary, the form, the contacts, per stakeholder, concerns, export."""

    def __init__(self, session: Session, today: date | None = None) -> None:
        super().__init__()
        self.session = session
        self.today = today
        self.add_class("eng-log")
        self.title = w.HTML()
        self.summary = w.HTML()
        self.summary.add_class("eng-summary")
        self.notice = Notice()
        self.form = EntryForm(self)
        self.picker = w.Dropdown(layout=w.Layout(width="min(40em, 100%)"))
        self.picker.add_class("eng-picker")
        view_only(self.picker)
        self.picker.observe(self._picked, "value")
        self.remove = button("", icon="trash")
        self.remove.add_class("eng-remove")
        self.remove.on_click(self._remove)
        self.undo = button("", icon="undo")
        self.undo.on_click(self._undo)
        show(self.undo, False)
        self._removed: tuple[Engagement, int] | None = None
        self.entries = w.HTML()
        self.timeline = w.HTML()
        self.concerns = w.HTML()
        self.by = w.HTML()
        self.export = button("", icon="download")
        self.export.add_class("eng-export")
        view_only(self.export)
        self.export.on_click(self._export)
        self.pseudonymise = w.Checkbox(value=False, indent=False)
        self.pseudonymise.add_class("eng-pseudonymise")
        view_only(self.pseudonymise)  # how the export is written, not an edit of the log
        self.download = DownloadLink()
        self.chart_button = button("", icon="line-chart")
        self.chart_button.add_class("eng-charts")
        view_only(self.chart_button)
        self.chart_button.on_click(self._charts)
        self.time_chart = ImageView()
        self.coverage_chart = ImageView()
        self.chart_links = [DownloadLink(), DownloadLink()]
        self.importer = LogImportPanel(session, today)
        self.outside = OutsidePanel(self)
        self.children = [
            self.title, self.summary, self.notice, self.form,
            w.HBox([self.picker, self.remove, self.undo], layout=w.Layout(flex_flow="row wrap")),
            self.entries, self.timeline, self.outside, self.concerns, self.by,
            w.HBox([self.export, self.pseudonymise, self.download],
                   layout=w.Layout(flex_flow="row wrap", align_items="center")),
            w.HBox([self.chart_button, *self.chart_links]), self.time_chart, self.coverage_chart,
            self.importer,
        ]  # fmt: skip
        session.observe(self._relabel, "language")
        session.watch(self._changed, "engagements", "stakeholders", "followup")
        self._relabel()

    @property
    def day(self) -> date:
        return self.today or date.today()

    def _changed(self, _change: Change) -> None:
        self.form.refresh_choices()
        self.render()

    def _picked(self, change: dict) -> None:
        entry = next((e for e in self.session.workbook.engagements if e.id == change["new"]), None)
        if entry is not None:
            self.form.load(entry)

    @guarded
    def _remove(self, _button: object = None) -> None:
        lang = self.session.language
        if not self.picker.value:
            return
        result = self.session.edit("engagements", api.remove, self.picker.value)
        if isinstance(result, Problem):
            self.notice.show(result.text(lang), "error")
            return
        removed = result.info["removed"]
        self._removed = (removed, result.info["at"])
        self.form.clear()
        show(self.undo, True)
        self.notice.show(
            t("eng.removed", lang, date=short_date(removed.contact_date, lang)), "success"
        )

    @guarded
    def _undo(self, _button: object = None) -> None:
        if self._removed is not None:
            self.session.edit("engagements", api.restore, *self._removed)
            self._removed = None
            show(self.undo, False)
            self.notice.clear()

    @guarded
    def _export(self, _button: object = None) -> None:
        lang = self.session.language
        hidden = self.pseudonymise.value
        data = engagement_xlsx(self.session.workbook, lang, self.day, pseudonymise=hidden)
        stem = (
            "verantwoording-stakeholderbetrokkenheid" if lang == "nl" else "stakeholder-engagement"
        )
        if hidden:
            stem += "-" + t("eng.pseudonymised_file", lang)
        name = f"{stem}-{file_stamp(self.day)}.xlsx"
        self.download.set(name, data, XLSX_MIME, start=True)
        self.notice.show(t("eng.exported", lang, name=name), "success")

    @guarded
    def _charts(self, _button: object = None) -> None:
        """Draw the two charts on request (matplotlib takes a moment; not on every keystroke)."""
        from ..ui import figure_svg
        from .charts import contacts_over_time, coverage

        lang, stem = self.session.language, f"contacten-{file_stamp(self.day)}"
        for view, link, make, name in (
            (self.time_chart, self.chart_links[0], contacts_over_time, "tijd"),
            (self.coverage_chart, self.chart_links[1], coverage, "dekking"),
        ):
            fig, alt = make(self.session.workbook, lang)
            view.show_figure(fig, alt=alt)
            link.set(f"{stem}-{name}.svg", figure_svg(fig), "image/svg+xml")

    # -- drawing ----------------------------------------------------------------------------
    def render(self) -> None:
        workbook, lang, day = self.session.workbook, self.session.language, self.day
        data = engagement_data()
        contacts = per_stakeholder(workbook, day)
        concerns = open_concerns(workbook, day)
        flagged = sum(1 for c in contacts if c.flagged)
        parts = (
            tn("eng.summary.count", lang, len(workbook.engagements)),
            tn("eng.summary.open", lang, len(concerns)),
            tn("eng.summary.flagged", lang, flagged),
        )
        self.summary.value = "<p>" + html.escape(" · ".join(parts)) + "</p>"
        chosen = self.picker.value
        ordered = sorted(
            workbook.engagements, key=lambda e: e.contact_date or date.min, reverse=True
        )
        self.picker.options = [(t("eng.pick_none", lang), "")] + [
            (f"{short_date(e.contact_date, lang)} · {data.label('kinds', e.kind, lang)} · "
             f"{', '.join(e.stakeholder_names)[:60]}", e.id)
            for e in ordered
        ]  # fmt: skip
        self.picker.value = chosen if chosen in {e.id for e in ordered} else ""
        show(self.remove, bool(ordered))
        if ordered:
            table = log_table(workbook, lang)
            self.entries.value = table_html(Table(table.headers, tuple(reversed(table.rows))))
        else:
            self.entries.value = f'<p class="dialoog-hint">{html.escape(t("eng.empty", lang))}</p>'
        self._render_timeline(contacts, lang)
        self.outside.render(lang)
        self._render_concerns(concerns, lang)
        self._render_by(lang)

    def _render_timeline(self, contacts, lang: str) -> None:
        if not contacts:
            self.timeline.value = (
                f'<p class="dialoog-hint">{html.escape(t("eng.no_register", lang))}</p>'
            )
            return
        rows, flags = [], []
        shown = [c for c in contacts if c.contacts or c.flagged]
        rest = len(contacts) - len(shown)
        for c in shown:
            note = ""
            if c.no_contact_since is not None:
                note = t(
                    "eng.timeline.no_contact_since", lang, date=short_date(c.no_contact_since, lang)
                )
            elif c.selected and c.contacts == 0:
                note = t("eng.timeline.never", lang)
            rows.append((c.name, str(c.contacts), short_date(c.last, lang) if c.last else "—",
                         str(c.open_follow_ups), str(c.overdue), note))  # fmt: skip
            flags.append("overdue" if note else "")
        headers = tuple(
            t(f"eng.timeline.col.{k}", lang)
            for k in ("name", "contacts", "last", "open", "overdue", "note")
        )
        heading = f"<h4>{html.escape(t('eng.timeline.heading', lang))}</h4>"
        table = Table(headers, tuple(rows), tuple(flags), numeric=(1, 3, 4))
        more = (
            f'<p class="dialoog-hint">{html.escape(t("eng.timeline.rest", lang, count=rest))}</p>'
            if rest
            else ""
        )
        self.timeline.value = heading + (table_html(table) if rows else "") + more

    def _render_concerns(self, concerns, lang: str) -> None:
        data = engagement_data()
        heading = f"<h4>{html.escape(t('eng.concerns.heading', lang))}</h4>"
        if not concerns:
            none = html.escape(t("eng.concerns.none", lang))
            self.concerns.value = f'{heading}<p class="dialoog-hint">{none}</p>'
            return
        items = "".join(
            "<li>" + html.escape(t(
                "eng.concerns.item", lang, who=", ".join(e.stakeholder_names),
                case=e.concern.case or "—",
                status=data.label("concern_statuses", e.concern.status, lang), days=days,
                raised=e.raised[:200],
            )) + "</li>"
            for e, days in concerns
        )  # fmt: skip
        self.concerns.value = f"{heading}<ul>{items}</ul>"

    def _render_by(self, lang: str) -> None:
        workbook = self.session.workbook
        if not workbook.engagements:
            self.by.value = ""
            return
        parts = [f"<h4>{html.escape(t('eng.by.heading', lang))}</h4>"]
        for by in ("group", "issue", "quarter"):
            rows = tuple((label, str(n)) for label, n in contacts_by(workbook, by, lang))
            table = Table((t(f"eng.by.{by}", lang), t("eng.by.count", lang)), rows, numeric=(1,))
            parts.append(table_html(table))
        self.by.value = '<div class="eng-by">' + "".join(parts) + "</div>"

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.title.value = (
            f"<h3>{html.escape(t('eng.title', lang))}</h3>"
            f'<p class="dialoog-hint">{html.escape(t("eng.intro", lang))}</p>'
        )
        accessible_name(self.picker, t("eng.pick", lang))
        self.remove.description = t("eng.remove", lang)
        self.undo.description = t("eng.undo", lang)
        self.export.description = t("eng.export", lang)
        self.pseudonymise.description = t("eng.pseudonymise", lang)
        self.chart_button.description = t("eng.chart.button", lang)
        self.form.relabel()
        self.render()
