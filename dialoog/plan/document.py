"""The plan of approach as one language-resolved outline, built from a workbook and the content.

Both exporters (HTML and Word) render this outline, so the two documents always say the same.
Nothing is left out silently: a step without answers is shown as open with its questions, and
a part not filled in yet (self-assessment, register) says so. Parts are found by their role in
the content, never by a step or field id, so ids can be renamed in steps.yaml.
"""

from __future__ import annotations

from datetime import date

from ..content import Content, FieldSpec, Form
from ..formatting import format_date, format_number
from ..i18n import t
from ..model import Workbook, field_filled, form_status
from ..selfassessment.scoring import START_HERE
from . import agreements, evaluation
from .blocks import (
    Answer,
    Bullets,
    Checklist,
    Image,
    Paragraph,
    PlanDocument,
    Section,
    Table,
)
from .checklists import checklist_field_ids, checklist_form, facilitator_advice, meeting_checklists
from .sources import (
    priority_forms,
    priority_reasons,
    selfassessment_parts,
    stakeholder_map,
    stakeholder_tables,
)

TOP_STAKEHOLDERS = 15


def build_document(
    workbook: Workbook, content: Content, lang: str | None = None, today: date | None = None
) -> PlanDocument:
    """The plan in `lang` (default: the workbook's language) as of `today` (default: today)."""
    lang = lang or workbook.language
    today = today or date.today()
    statuses = {f.id: form_status(workbook, f) for f in content.forms}
    complete = sum(s == "complete" for s in statuses.values())
    org = workbook.organisation
    facts = [
        (t("plan.fact.organisation", lang), org.name or t("plan.open.short", lang)),
        (t("plan.fact.sector", lang), org.sector),
        (t("plan.fact.authors", lang), org.authors),
        (t("plan.fact.contact", lang), org.contact),
        (t("plan.fact.date", lang), format_date(today, lang)),
        (
            t("plan.fact.progress", lang),
            t("plan.progress", lang, complete=complete, total=len(content.forms)),
        ),
    ]
    priorities = set(priority_forms(workbook, content))
    sections = [
        _overview(content, statuses, priorities, lang),
        _selfassessment(workbook, content, priorities, lang),
    ]
    for phase in content.phases:
        sections.append(_phase(workbook, content, phase, statuses, priorities, lang, today))
    sections.extend(_appendices(workbook, lang))
    return PlanDocument(
        lang=lang,
        title=t("plan.title", lang),
        subtitle=org.name or t("plan.subtitle", lang),
        facts=[(k, v) for k, v in facts if v],
        generated=today,
        sections=sections,
        footer=t("plan.footer", lang, date=format_date(today, lang)),
        contents_title=t("plan.contents", lang),
    )


def form_heading(form: Form, lang: str) -> str:
    return f"{t('step.heading', lang, id=form.id)}: {form.title.get(lang)}"


def _overview(content: Content, statuses: dict, priorities: set[str], lang: str) -> Section:
    rows = []
    for form in content.forms:
        status = t(f"plan.form_status.{statuses[form.id]}", lang)
        if form.id in priorities:
            status = f"{status} — {t('plan.priority', lang)}"
        rows.append((t("step.heading", lang, id=form.id), form.title.get(lang), status))
    headers = tuple(t(f"plan.summary.{c}", lang) for c in ("step", "title_column", "status"))
    flags = tuple(
        "open" if statuses[f.id] == "empty" else "done" if statuses[f.id] == "complete" else ""
        for f in content.forms
    )
    return Section(
        title=t("plan.summary.title", lang),
        level=1,
        anchor="overview",
        blocks=[Paragraph(t("plan.summary.intro", lang)), Table(headers, tuple(rows), flags)],
    )


def _selfassessment(
    workbook: Workbook, content: Content, priorities: set[str], lang: str
) -> Section:
    section = Section(title=t("plan.sa.title", lang), level=1, anchor="selfassessment")
    current = workbook.selfassessment.current
    measured = [a.source for a in workbook.selfassessment.earlier if a.source]
    if not current.answers:
        section.status, section.status_label = "empty", t("plan.form_status.empty", lang)
        section.blocks.append(Paragraph(t("plan.sa.open", lang), "open"))
        if measured:
            section.blocks.append(Paragraph(t("plan.sa.measured", lang), "label"))
            section.blocks.append(Bullets(tuple(measured)))
        return section
    section.blocks.append(Paragraph(t("plan.sa.answered", lang, count=len(current.answers))))
    if current.taken:
        section.blocks.append(
            Paragraph(t("plan.sa.taken", lang, date=format_date(current.taken, lang)), "muted")
        )
    table, image = selfassessment_parts(workbook, content, lang)
    if image is not None:
        section.blocks.append(Image(image.png, t("plan.sa.radar_alt", lang), image.width_cm))
    if table is not None:
        section.blocks.append(table)
    ranked = priority_reasons(workbook, content)
    if ranked:
        section.blocks.append(Paragraph(t("plan.sa.priorities", lang), "label"))
        lines = [
            f"{form_heading(content.form(f), lang)} — "
            + t("sa.priorities.because", lang, elements=", ".join(
                content.element(e).title.get(lang) for e in why))
            for f, why in ranked
        ]  # fmt: skip
        for key, part in (
            ("sa.priorities.start_here", lines[:START_HERE]),
            ("sa.priorities.also", lines[START_HERE:]),
        ):
            if part:
                section.blocks.append(Paragraph(t(key, lang), "label"))
                section.blocks.append(Bullets(tuple(part)))
    elif table is None and image is None:
        section.blocks.append(Paragraph(t("plan.sa.no_summary", lang), "muted"))
    if measured:
        section.blocks.append(Paragraph(t("plan.sa.measured", lang), "label"))
        section.blocks.append(Bullets(tuple(measured)))
    return section


def _phase(workbook, content, phase, statuses, priorities, lang, today) -> Section:
    section = Section(
        title=f"{t('phase.heading', lang, number=phase.number)}: {phase.title.get(lang)}",
        level=1,
        anchor=f"phase-{phase.id}",
        # no page of its own: a phase follows on the page where the last one ended, so no
        # page is left nearly empty (the headings keep with what follows them)
        blocks=[Paragraph(phase.summary.get(lang), "muted")],
    )
    for step in content.steps:
        if step.phase != phase.id:
            continue
        forms = [f for f in content.forms if f.step.id == step.id]
        if step.substeps:
            parent = Section(
                title=f"{t('step.heading', lang, id=step.id)}: {step.title.get(lang)}",
                level=2,
                anchor=f"step-{step.id}",
                blocks=[Paragraph(step.summary.get(lang), "muted")],
            )
            for form in forms:
                parent.children.append(
                    _form(workbook, content, form, statuses, priorities, lang, today, level=3)
                )
            section.children.append(parent)
        else:
            section.children.append(
                _form(workbook, content, forms[0], statuses, priorities, lang, today, level=2)
            )
    return section


def _form(workbook, content, form, statuses, priorities, lang, today, level) -> Section:
    status = statuses[form.id]
    section = Section(
        title=form_heading(form, lang),
        level=level,
        anchor=f"step-{form.id}",
        status=status,
        status_label=t(f"plan.form_status.{status}", lang),
    )
    if form.id in priorities:
        section.blocks.append(Paragraph(t("plan.priority_note", lang), "warning"))
    specs = [s for s in form.fields if _shown(workbook, content, form, s, lang)]
    if status == "empty":
        section.blocks.append(Paragraph(t("plan.open.form", lang), "open"))
        section.blocks.append(Bullets(tuple(s.label.get(lang) for s in specs)))
    else:
        for spec in specs:
            section.blocks.append(_answer(workbook, form, spec, lang, today))
    section.blocks.extend(_extras(workbook, content, form, lang, today))
    return section


def _shown(workbook: Workbook, content: Content, form: Form, spec: FieldSpec, lang: str) -> bool:
    """Step 7's meeting checklists appear only for the places of meeting chosen."""
    if spec.id not in checklist_field_ids(content) or form.id != checklist_form(content).id:
        return True
    return spec.id in {c.field_id for c in meeting_checklists(workbook, content, lang)}


def _answer(workbook: Workbook, form: Form, spec: FieldSpec, lang: str, today: date) -> Answer:
    label = spec.label.get(lang)
    if spec.kind == "stakeholder_register":
        return Answer(
            label, tuple(_register_blocks(workbook, spec, lang)), bool(workbook.stakeholders)
        )
    if spec.kind == "engagement_log":
        blocks = _engagement_blocks(workbook, lang, today)
        return Answer(label, tuple(blocks), bool(workbook.engagements))
    value = workbook.answer(form.id, spec.id)
    filled = field_filled(workbook, form, spec)
    if spec.kind == "checklist":
        ticked = set(value) if isinstance(value, list) else set()
        items = tuple((o.label.get(lang), o.id in ticked) for o in spec.options)
        done, total = sum(ok for _l, ok in items), len(items)
        return Answer(
            label,
            (
                Paragraph(t("plan.checklist.count", lang, done=done, total=total), "muted"),
                Checklist(items, t("plan.checklist.done", lang), t("plan.checklist.open", lang)),
            ),
            True,
        )
    if not filled and spec.when_empty is not None:  # empty is an answer here
        return Answer(label, (Paragraph(spec.when_empty.get(lang), "muted"),), True)
    if not filled:
        return Answer(label, (Paragraph(t("plan.open.field", lang), "open"),), False)
    if spec.kind in ("text", "longtext"):
        return Answer(label, (Paragraph(str(value)),), True)
    if spec.kind == "choice":
        return Answer(label, (Paragraph(spec.option_label(str(value), lang)),), True)
    if spec.kind == "multichoice":
        chosen = value if isinstance(value, list) else [value]
        return Answer(
            label, (Bullets(tuple(spec.option_label(str(v), lang) for v in chosen)),), True
        )
    if spec.kind == "date":
        return Answer(label, (Paragraph(format_date(value, lang)),), True)
    if spec.kind == "number":
        return Answer(label, (Paragraph(format_number(value, lang, 2)),), True)
    if spec.kind == "table":
        return Answer(label, (_table(spec, value, lang),), True)
    return Answer(label, (Paragraph(str(value)),), True)


def _table(spec: FieldSpec, rows: object, lang: str) -> Table:
    headers = tuple(c.label.get(lang) for c in spec.columns)
    out = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict) or not any(str(v).strip() for v in row.values()):
            continue
        cells = []
        for column in spec.columns:
            raw = str(row.get(column.id) or "")
            if column.kind == "choice":
                raw = column.option_label(raw, lang)
            elif column.kind == "date":
                raw = format_date(raw, lang) if raw else ""
            cells.append(raw)
        out.append(tuple(cells))
    return Table(headers, tuple(out))


def _engagement_blocks(workbook: Workbook, lang: str, today: date) -> list[object]:
    """The engagement log in the plan: the evidence per stakeholder and the open concerns."""
    from ..engagement.export import concerns_table
    from ..engagement.timeline import evidence_for_document

    if not workbook.engagements:
        return [Paragraph(t("eng.empty", lang), "open")]
    engaged, missing = evidence_for_document(workbook, lang)
    blocks: list[object] = [Paragraph(t("eng.evidence.title", lang), "label"), engaged]
    if missing.rows:
        blocks += [Paragraph(t("eng.evidence.missing_title", lang), "label"), missing]
    concerns = concerns_table(workbook, lang, today)
    blocks.append(Paragraph(t("eng.concerns.heading", lang), "label"))
    blocks.append(concerns if concerns.rows else Paragraph(t("eng.concerns.none", lang), "muted"))
    return blocks


def _register_blocks(workbook: Workbook, spec: FieldSpec, lang: str) -> list[object]:
    if not workbook.stakeholders:
        return [Paragraph(t("plan.stakeholders.none", lang), "open")]
    tables = stakeholder_tables(workbook, lang)
    blocks: list[object] = []
    if spec.role != "register_selection":
        blocks.append(
            Paragraph(t("plan.stakeholders.count", lang, count=len(workbook.stakeholders)))
        )
        image = stakeholder_map(workbook, lang)
        if image is not None:
            blocks.append(Image(image.png, t("plan.stakeholders.map_alt", lang), image.width_cm))
        ranking = tables.get("ranking")
        if ranking is not None:
            top = Table(
                ranking.headers,
                ranking.rows[:TOP_STAKEHOLDERS],
                caption=ranking.caption,
                numeric=ranking.numeric,
            )
            if len(ranking.rows) > TOP_STAKEHOLDERS:
                blocks.append(
                    Paragraph(t("plan.stakeholders.top", lang, n=TOP_STAKEHOLDERS), "muted")
                )
            blocks.append(top)
    else:
        selection = tables.get("selection")
        chosen = sum(s.selected for s in workbook.stakeholders)
        blocks.append(Paragraph(t("plan.stakeholders.selected", lang, count=chosen)))
        if selection is not None and selection.rows:
            blocks.append(selection)
        elif not chosen:
            blocks.append(Paragraph(t("plan.stakeholders.none_selected", lang), "open"))
    return blocks


def _extras(workbook: Workbook, content: Content, form: Form, lang: str, today: date) -> list:
    """What a step shows beyond its own fields: advice, the registers, the evaluation."""
    blocks: list[object] = []
    if form.id == checklist_form(content).id:
        # the checklists show each item once, in its state, where they stand: no list of
        # what is open repeats them here
        blocks.append(Paragraph(t("plan.facilitator.title", lang), "label"))
        blocks.extend(
            Paragraph(text, "note") for text in facilitator_advice(workbook, content, lang)
        )
    if form.role == "agreements":
        blocks.extend(agreement_blocks(workbook, lang, today))
    if form.role == "evaluation":
        blocks.extend(evaluation_blocks(workbook, lang))
    return blocks


def agreement_blocks(workbook: Workbook, lang: str, today: date) -> list[object]:
    items = workbook.followup.agreements
    blocks: list[object] = [Paragraph(t("plan.agreements.title", lang), "label")]
    if not items:
        blocks.append(Paragraph(t("plan.agreements.none", lang), "open"))
        return blocks
    late = agreements.overdue(workbook, today)
    open_count = sum(not a.closed for a in items)
    blocks.append(
        Paragraph(
            t(
                "plan.agreements.summary",
                lang,
                total=len(items),
                open=open_count,
                overdue=len(late),
            ),
            "warning" if late else "",
        )
    )
    blocks.append(agreements.register_table(workbook, lang, today))
    blocks.append(Paragraph(t("plan.parties.title", lang), "label"))
    blocks.append(agreements.per_stakeholder_table(workbook, lang, today))
    return blocks


def evaluation_blocks(workbook: Workbook, lang: str) -> list[object]:
    blocks: list[object] = [Paragraph(t("plan.eval.title", lang), "label")]
    if not workbook.followup.evaluations:
        blocks.append(Paragraph(t("plan.eval.none", lang), "open"))
        return blocks
    blocks.append(Paragraph(evaluation.summary(workbook, lang)))
    blocks.append(evaluation.comparison_table(workbook, lang))
    answers = evaluation.open_answers(workbook, lang)
    if answers.rows:
        blocks.append(answers)
    blocks.extend(_quality_blocks(workbook, lang))
    return blocks


def _quality_blocks(workbook: Workbook, lang: str) -> list[object]:
    """The company's ratings of the four characteristics over time, beside the stakeholders'."""
    from ..engagement import quality

    over_time = quality.table(workbook, lang)
    if not over_time.rows:
        return []
    return [
        Paragraph(t("eng.quality.title", lang), "label"),
        Paragraph(quality.summary(workbook, lang)),
        over_time,
    ]


def _appendices(workbook: Workbook, lang: str) -> list[Section]:
    out = []
    tables = stakeholder_tables(workbook, lang) if workbook.stakeholders else {}
    if tables.get("ranking") is not None and len(tables["ranking"].rows) > TOP_STAKEHOLDERS:
        out.append(
            Section(
                title=t("plan.appendix.register", lang),
                level=1,
                anchor="appendix-register",
                page_break=True,
                blocks=[tables["ranking"]],
            )
        )
    if workbook.followup.letter.strip():
        out.append(
            Section(
                title=t("plan.appendix.letter", lang),
                level=1,
                anchor="appendix-letter",
                page_break=True,
                blocks=[Paragraph(workbook.followup.letter, "letter")],
            )
        )
    return out
