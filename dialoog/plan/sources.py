"""What the plan takes from the self-assessment and the stakeholder register.

Direct calls into those features: a failure here is a bug, and it reaches the caller (the page
shows "the file could not be made" and logs it), never a plan that quietly lacks a section.
"""

from __future__ import annotations

import io

from ..content import Content
from ..formatting import format_number, short_date
from ..i18n import t
from ..model import Workbook
from ..selfassessment.radar import RadarSeries, chart_title, radar_description, radar_figure
from ..selfassessment.scoring import (
    answered_text,
    ranked_priorities,
    ranked_priority_forms,
    score,
    score_text,
)
from ..selfassessment.statements import load_statements
from .blocks import Image, Table


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    return buffer.getvalue()


def priority_forms(workbook: Workbook, content: Content) -> list[str]:
    """The priority steps, most urgent first."""
    return ranked_priorities(workbook, content)


def priority_reasons(workbook: Workbook, content: Content) -> list[tuple[str, tuple[str, ...]]]:
    """(form id, the orange elements that make it a priority), most urgent first: what the
    summary in the app lists under "begin here" and "also needs attention"."""
    current = workbook.selfassessment.current
    if not current.answers:
        return []
    result = score(current, load_statements(content=content))
    return [(form.id, why) for form, why in ranked_priority_forms(result, content)]


def selfassessment_parts(
    workbook: Workbook, content: Content, lang: str
) -> tuple[Table | None, Image | None]:
    """The self-assessment summary per element and the radar chart (current and up to two
    earlier assessments); None for a part there is nothing to show of yet."""
    current = workbook.selfassessment.current
    if not current.answers:
        return None, None
    data = load_statements(content=content)
    result = score(current, data)
    green_from = data.rule.green_from
    rows = []
    for item in result.elements:
        rows.append(
            (
                content.element(item.element).title.get(lang),
                "—" if item.score is None else score_text(item.score, green_from, lang),
                t(f"plan.sa.band.{item.band}", lang),
                answered_text(item, lang),
            )
        )
    headers = tuple(t(f"plan.sa.col.{c}", lang) for c in ("element", "score", "band", "answered"))
    flags = tuple("differs" if e.band == "orange" else "" for e in result.elements)
    caption = t("plan.sa.table_caption", lang, threshold=format_number(green_from, lang, 0))
    table = Table(headers, tuple(rows), flags, caption, numeric=(1,))
    if not result.has_scores:
        return table, None
    series = [RadarSeries(current.label or t("plan.sa.current", lang), result.scores())]
    for earlier in reversed(workbook.selfassessment.earlier[-2:]):
        label = earlier.label or (short_date(earlier.taken, lang) if earlier.taken else "")
        series.append(RadarSeries(label, score(earlier, data).scores()))
    fig = radar_figure(
        series,
        content.elements,
        lang,
        title=chart_title(workbook.organisation.name, current.taken, lang),
        threshold=green_from,
    )
    alt = radar_description(result, data, content, lang)
    return table, Image(_png(fig), alt=alt, width_cm=14.0)


def stakeholder_frame(workbook: Workbook):
    """The register as a prioritised frame, or None while it is empty."""
    if not workbook.stakeholders:
        return None
    from ..stakeholders.priority import prioritise
    from ..stakeholders.register import to_frame

    return prioritise(to_frame(workbook.stakeholders))


def stakeholder_tables(workbook: Workbook, lang: str) -> dict[str, Table]:
    """'ranking' (everyone, by priority, with severity and why) and 'selection' (who was
    chosen and why), every value a label in `lang`."""
    frame = stakeholder_frame(workbook)
    if frame is None:
        return {}
    from ..stakeholders import tables

    ranking = tables.plan_ranking(frame, lang)
    return {
        "ranking": Table.from_frame(ranking, lang, caption=tables.rule_line(lang)),
        "selection": Table.from_frame(tables.selection(frame, lang), lang),
    }


def stakeholder_map(workbook: Workbook, lang: str) -> Image | None:
    """The stakeholder map (severity against likelihood), with its description."""
    frame = stakeholder_frame(workbook)
    if frame is None:
        return None
    from ..stakeholders import plots

    fig = plots.stakeholder_map(frame, lang)
    return Image(_png(fig), alt=plots.map_description(frame, lang), width_cm=16.0)
