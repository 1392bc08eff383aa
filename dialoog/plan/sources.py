"""What the plan takes from the self-assessment and the stakeholder register, when present.

Those features are optional for the plan: each is imported lazily, and any failure (absent,
older version, a bug) gives None, so the plan still exports and shows the part as open.
"""

from __future__ import annotations

import inspect
import logging

from ..content import Content
from ..model import Workbook
from .blocks import Image, Table

log = logging.getLogger(__name__)


def _png(fig: object) -> bytes | None:
    """PNG bytes of a matplotlib Figure, without importing matplotlib here."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")  # type: ignore[attr-defined]
    return buffer.getvalue()


def _frame_table(frame: object, caption: str = "") -> Table:
    headers = tuple(str(c) for c in frame.columns)  # type: ignore[attr-defined]
    rows = tuple(
        tuple("" if v is None or v != v else str(v) for v in row)
        for row in frame.itertuples(index=False)  # type: ignore[attr-defined]
    )
    return Table(headers, rows, caption=caption)


def priority_forms(workbook: Workbook, content: Content) -> set[str]:
    try:
        from ..selfassessment.scoring import priority_form_ids
    except ImportError:
        return set()
    try:
        return set(priority_form_ids(workbook, content))
    except Exception:
        log.exception("priority steps could not be computed for the plan")
        return set()


def _call(func, **available):
    """Call `func` with those of the available arguments its signature names."""
    params = inspect.signature(func).parameters
    return func(**{k: v for k, v in available.items() if k in params})


def selfassessment_parts(
    workbook: Workbook, content: Content, lang: str
) -> tuple[Table | None, Image | None]:
    """The self-assessment summary per element and the radar chart (current and up to two
    earlier assessments), or None for each part that is not available."""
    from ..i18n import t
    from .formatting import format_number

    current = workbook.selfassessment.current
    if not current.answers:
        return None, None
    try:
        from ..selfassessment.scoring import score
        from ..selfassessment.statements import load_statements

        data = load_statements(content=content)
        result = score(current, data)
    except Exception:
        log.info("self-assessment scoring not available for the plan", exc_info=True)
        return None, None
    rows = []
    for item in result.elements:
        rows.append(
            (
                content.element(item.element).title.get(lang),
                "—" if item.score is None else format_number(item.score, lang, 0),
                t(f"plan.sa.band.{item.band}", lang),
                f"{item.answered + item.dont_know}/{item.total}",
            )
        )
    headers = tuple(t(f"plan.sa.col.{c}", lang) for c in ("element", "score", "band", "answered"))
    flags = tuple("differs" if e.band == "orange" else "" for e in result.elements)
    table = Table(headers, tuple(rows), flags)
    image = None
    if result.has_scores:
        try:
            from ..selfassessment.radar import RadarSeries, chart_title, radar_figure

            series = [RadarSeries(current.label or t("plan.sa.current", lang), result.scores())]
            for earlier in reversed(workbook.selfassessment.earlier[-2:]):
                label = earlier.label or (earlier.taken.isoformat() if earlier.taken else "")
                series.append(RadarSeries(label, score(earlier, data).scores()))
            fig = radar_figure(
                series,
                content.elements,
                lang,
                title=chart_title(workbook.organisation.name, current.taken, lang),
                threshold=data.rule.green_from,
            )
            image = Image(_png(fig), alt="radar", width_cm=14.0)
        except Exception:
            log.info("radar chart not available for the plan", exc_info=True)
    return table, image


def stakeholder_frame(workbook: Workbook):
    """The register as a prioritised frame, or None without the register feature."""
    if not workbook.stakeholders:
        return None
    try:
        from ..stakeholders.register import to_frame
        from ..stakeholders.tables import ensure_prioritised

        return ensure_prioritised(to_frame(workbook.stakeholders))
    except Exception:
        log.info("stakeholder register not available for the plan", exc_info=True)
        return None


def stakeholder_tables(workbook: Workbook, lang: str) -> dict[str, Table]:
    """'ranking' (everyone, by priority) and 'selection' (who was chosen and why)."""
    frame = stakeholder_frame(workbook)
    if frame is None:
        return _fallback_tables(workbook)
    out = {}
    try:
        from ..stakeholders import tables

        out["ranking"] = _frame_table(tables.ranking(frame, lang))
        out["selection"] = _frame_table(tables.selection(frame, lang))
    except Exception:
        log.info("stakeholder tables not available for the plan", exc_info=True)
        return _fallback_tables(workbook)
    return out


def _fallback_tables(workbook: Workbook) -> dict[str, Table]:
    """Names, countries and reasons straight from the records, when the tables are absent."""
    if not workbook.stakeholders:
        return {}
    everyone = tuple((s.name, s.group or "", s.country) for s in workbook.stakeholders)
    chosen = tuple((s.name, s.selection_reason) for s in workbook.stakeholders if s.selected)
    return {
        "ranking": Table(("Naam / Name", "Groep / Group", "Land / Country"), everyone),
        "selection": Table(("Naam / Name", "Reden / Reason"), chosen),
    }


def stakeholder_map(workbook: Workbook, lang: str) -> Image | None:
    """The stakeholder map (priority against influence, or whatever the register draws)."""
    frame = stakeholder_frame(workbook)
    if frame is None:
        return None
    try:
        from ..stakeholders import plots
    except ImportError:
        return None
    for name in ("map_figure", "stakeholder_map", "priority_map", "map_plot"):
        func = getattr(plots, name, None)
        if func is None:
            continue
        try:
            fig = _call(func, frame=frame, lang=lang, workbook=workbook)
            return Image(_png(fig), alt="map", width_cm=15.0)
        except Exception:
            log.info("stakeholder map not available for the plan", exc_info=True)
            return None
    return None
