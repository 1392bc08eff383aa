"""Dialogue quality over time: the company's ratings of the four OECD characteristics after
each contact, per quarter, beside what the stakeholders themselves said about the same
characteristic in the 9b evaluation (the statements each characteristic names in the data).

Model code: computed from the workbook, never stored. A quarter without ratings on one side
shows "—" on that side; nothing is averaged across the two sides.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from matplotlib.figure import Figure

from ..formatting import format_number
from ..i18n import t, tn
from ..model import Workbook
from ..plan.blocks import Table
from .record import engagement_data
from .timeline import quarter_of


@dataclass(frozen=True)
class QualityPoint:
    quarter: str
    quality: str
    company: float | None
    company_n: int
    stakeholders: float | None
    stakeholders_n: int


def _mean(scores: list[int]) -> float | None:
    return sum(scores) / len(scores) if scores else None


def over_time(workbook: Workbook) -> list[QualityPoint]:
    """One point per quarter and characteristic that has a rating on either side."""
    company: dict[tuple[str, str], list[int]] = defaultdict(list)
    for entry in workbook.engagements:
        for key, score in entry.quality.items():
            company[(quarter_of(entry.contact_date), key)].append(score)
    theirs: dict[tuple[str, str], list[int]] = defaultdict(list)
    qualities = engagement_data().qualities
    for response in workbook.followup.evaluations:
        if response.perspective != "stakeholder":
            continue
        for quality in qualities:
            for statement in quality.evaluation:
                value = response.answers.get(statement, "")
                if value.isdigit():
                    theirs[(quarter_of(response.taken), quality.id)].append(int(value))
    quarters = sorted({q for q, _k in company} | {q for q, _k in theirs})
    points = []
    for quarter in quarters:
        for quality in qualities:
            key = (quarter, quality.id)
            ours, other = company.get(key, []), theirs.get(key, [])
            if ours or other:
                points.append(QualityPoint(quarter, quality.id, _mean(ours), len(ours),
                                           _mean(other), len(other)))  # fmt: skip
    return points


def table(workbook: Workbook, lang: str) -> Table:
    """Quarter, characteristic, the company's mean rating and the stakeholders' own view."""
    data = engagement_data()

    def shown(value: float | None, n: int) -> str:
        return "—" if value is None else f"{format_number(value, lang)} (n={n})"

    rows = tuple(
        (p.quarter, data.label("qualities", p.quality, lang), shown(p.company, p.company_n),
         shown(p.stakeholders, p.stakeholders_n))
        for p in over_time(workbook)
    )  # fmt: skip
    headers = tuple(t(f"eng.quality.col.{c}", lang)
                    for c in ("quarter", "quality", "company", "stakeholders"))  # fmt: skip
    return Table(headers, rows, caption=t("eng.quality.caption", lang))


def summary(workbook: Workbook, lang: str) -> str:
    """One sentence: how many contacts were rated, and the characteristic rated lowest."""
    rated = [e for e in workbook.engagements if e.quality]
    if not rated:
        return t("eng.quality.none", lang)
    data = engagement_data()
    scores: dict[str, list[int]] = defaultdict(list)
    for entry in rated:
        for key, score in entry.quality.items():
            scores[key].append(score)
    lowest = min(scores, key=lambda k: (_mean(scores[k]), k))
    return tn("eng.quality.summary", lang, len(rated),
             lowest=data.label("qualities", lowest, lang),
             score=format_number(_mean(scores[lowest]), lang))  # fmt: skip


def chart(workbook: Workbook, lang: str) -> tuple[Figure, str]:
    """One small panel per characteristic: the company's mean rating per quarter (line) and the
    stakeholders' own view (open squares), on the same 1–5 axis."""
    data = engagement_data()
    points = over_time(workbook)
    quarters = sorted({p.quarter for p in points})
    fig = Figure(figsize=(8, 5.2), layout="constrained")
    axes = fig.subplots(2, 2, sharex=True, sharey=True).flat
    for ax, quality in zip(axes, data.qualities, strict=False):
        mine = {p.quarter: p for p in points if p.quality == quality.id}
        xs = list(range(len(quarters)))
        ours = [mine[q].company if q in mine and mine[q].company is not None else float("nan")
                for q in quarters]  # fmt: skip
        other = [mine[q].stakeholders if q in mine and mine[q].stakeholders is not None
                 else float("nan") for q in quarters]  # fmt: skip
        ax.plot(xs, ours, marker="o", color="#0072B2", label=t("eng.quality.col.company", lang))
        ax.plot(xs, other, marker="s", linestyle="none", markerfacecolor="white",
                markeredgecolor="#D55E00", markeredgewidth=1.5,
                label=t("eng.quality.col.stakeholders", lang))  # fmt: skip
        ax.set_title(quality.label.get(lang), fontsize=10)
        ax.set_ylim(0.5, 5.5)
        ax.set_xlim(-0.5, max(len(quarters), 1) - 0.5)
        ax.set_yticks([1, 2, 3, 4, 5])
        ax.set_xticks(xs, quarters, fontsize=8, rotation=30 if len(quarters) > 4 else 0)
        ax.grid(axis="y", color="#e6e6e6")
    fig.suptitle(t("eng.quality.chart_title", lang))
    handles, labels = next(iter(fig.axes)).get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2, frameon=False, fontsize=9)
    alt = summary(workbook, lang) + " " + t("eng.quality.alt", lang, quarters=len(quarters))
    return fig, alt
