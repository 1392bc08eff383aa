"""The radar chart of the self-assessment: one axis per element, 0-100, the threshold as a ring.

A pure function from scores to a matplotlib `Figure` (Agg canvas, no pyplot), so it is safe in a
server with many visitors and leaks nothing. An element with too few answers is left out of the
polygon (a gap, and a note under the chart), never drawn as zero.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from ..formatting import format_number
from ..i18n import t
from .palette import ATTENTION_FILL, SERIES_STYLES, THRESHOLD_COLOUR

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LABEL_WIDTH = 16  # characters per line of an axis label
MAX_SERIES = len(SERIES_STYLES)


class _Named(Protocol):
    id: str

    @property
    def title(self): ...  # a Localized


@dataclass(frozen=True)
class RadarSeries:
    """One assessment on the chart: a legend label and a score (or None) per element id."""

    label: str
    scores: Mapping[str, float | None]

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no element has a score."""
        return all(v is None for v in self.scores.values())


def chart_title(organisation: str, taken: date | None, lang: str) -> str:
    """'Self-assessment — <organisation> — <date>'; the date as the reader writes it."""
    day = taken or date.today()
    name = " ".join((organisation or "").split())
    if name:
        return t("sa.chart.title", lang, organisation=name, date=day)
    return t("sa.chart.title_no_org", lang, date=day)


def _plain(text: str) -> str:
    """User text shown literally: a '$' would otherwise start matplotlib's math mode."""
    return text.replace("$", r"\$")


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, LABEL_WIDTH, break_long_words=False)) or label


def radar_figure(
    series: Sequence[RadarSeries],
    elements: Sequence[_Named],
    lang: str,
    *,
    title: str = "",
    threshold: float | None = None,
) -> Figure:
    """Draw one polygon per assessment (the first is the current one) on a 0-100 radar.

    `elements` gives the axes in SER's order (objects with `.id` and a bilingual `.title`);
    `threshold` draws the ring between green and orange and shades the orange zone inside it.
    At most five assessments fit on one chart; more raises ValueError.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if len(series) > MAX_SERIES:
        raise ValueError(f"at most {MAX_SERIES} assessments fit on one chart")
    count = len(elements)
    if count < 3:
        raise ValueError("a radar chart needs at least three elements")

    notes = _notes(series, elements, lang)
    legend_rows = len(series) + (threshold is not None)
    note_rows = sum(len(n) for n in notes)
    foot = 0.3 + 0.24 * (legend_rows + note_rows)  # inches below the chart
    fig = Figure(figsize=(8.2, 8.0 + foot), layout="constrained")
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2, 1, height_ratios=[8.0, foot])
    ax = fig.add_subplot(grid[0], projection="polar")
    foot_ax = fig.add_subplot(grid[1])
    foot_ax.set_axis_off()
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)  # clockwise from the top, in SER's order
    angles = [2 * math.pi * i / count for i in range(count)]
    ax.set_ylim(0, 100)
    ax.set_yticks([20, 40, 60, 80, 100])
    ax.set_yticklabels(["20", "40", "60", "80", "100"], fontsize=8, color="#555555")
    ax.set_rlabel_position(180 / count)  # between the first two axes, away from the data
    ax.set_xticks(angles)
    ax.set_xticklabels([])
    ax.grid(color="#cccccc", linewidth=0.8)
    ax.spines["polar"].set_color("#999999")

    circle = [2 * math.pi * i / 240 for i in range(241)]
    if threshold is not None:
        fill = ax.fill_between(circle, 0, threshold, color=ATTENTION_FILL, alpha=0.10, lw=0)
        fill.set_gid("attention-zone")
        (ring,) = ax.plot(
            circle,
            [threshold] * len(circle),
            color=THRESHOLD_COLOUR,
            linewidth=1.6,
            linestyle=(0, (5, 3)),
            label=t("sa.chart.threshold", lang, threshold=format_number(threshold, lang, 0)),
        )
        ring.set_gid("threshold")

    drawn = 0
    for index, item in enumerate(series):
        colour, style, marker = SERIES_STYLES[index]
        values = [item.scores.get(e.id) for e in elements]
        if all(v is None for v in values):
            continue
        drawn += 1
        radii = [math.nan if v is None else v for v in values]
        (line,) = ax.plot(
            [*angles, angles[0]],
            [*radii, radii[0]],
            color=colour,
            linestyle=style,
            linewidth=2.4 if index == 0 else 1.8,
            marker=marker,
            markersize=7 if index == 0 else 6,
            label=_plain(item.label),
            zorder=4 + (len(series) - index),
        )
        line.set_gid(f"series-{index}")
        if None not in values:
            patch = ax.fill(angles, radii, color=colour, alpha=0.14 if index == 0 else 0.06)[0]
            patch.set_gid(f"series-fill-{index}")
        if index == 0:  # the current assessment's numbers, beside its points
            for angle, value in zip(angles, values, strict=True):
                if value is not None:
                    ax.annotate(
                        format_number(value, lang, 0, threshold=threshold),
                        (angle, value),
                        xytext=(0, 9),
                        textcoords="offset points",
                        ha="center",
                        fontsize=8,
                        color=colour,
                        fontweight="bold",
                        gid="value-label",
                        bbox={
                            "boxstyle": "round,pad=0.15",
                            "fc": "white",
                            "ec": "none",
                            "alpha": 0.8,
                        },
                        zorder=20,
                    )

    first = [series[0].scores.get(e.id) for e in elements] if series else [None] * count
    for angle, element, value in zip(angles, elements, first, strict=True):
        x = math.sin(angle)
        y = math.cos(angle)
        ha = "center" if abs(x) < 0.2 else ("left" if x > 0 else "right")
        va = "center" if abs(y) < 0.7 else ("bottom" if y > 0 else "top")
        label = _wrap(element.title.get(lang))
        gap = series and value is None and not series[0].is_empty
        ax.text(
            angle,
            106,
            label + (" *" if gap else ""),
            ha=ha,
            va=va,
            fontsize=10.5,
            fontweight="bold",
            color="#8C8C8C" if gap else "#1a1a1a",
            fontstyle="italic" if gap else "normal",
            gid=f"axis-{element.id}",
        )

    if not drawn:
        ax.text(
            0.5,
            0.5,
            "\n".join(textwrap.wrap(t("sa.chart.empty", lang), 34)),
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=12,
            color="#333333",
            bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": "#999999"},
            gid="note-empty",
            zorder=10,
        )
    if title:
        wrapped = "\n".join(textwrap.wrap(_plain(title), 70))
        fig.suptitle(wrapped, fontsize=13, fontweight="bold")
    handles, labels = ax.get_legend_handles_labels()
    if handles:  # the assessments first, the threshold ring last
        order = sorted(range(len(handles)), key=lambda i: handles[i].get_gid() == "threshold")
        foot_ax.legend(
            [handles[i] for i in order],
            [labels[i] for i in order],
            loc="upper center",
            ncol=1,
            frameon=False,
            fontsize=9.5,
        )
    if notes:
        foot_ax.text(
            0.5,
            0.0,
            "\n".join(line for note in notes for line in note),
            transform=foot_ax.transAxes,
            ha="center",
            va="bottom",
            fontsize=8.5,
            color="#444444",
            gid="note-missing",
        )
    return fig


def _notes(series: Sequence[RadarSeries], elements: Sequence[_Named], lang: str) -> list[list[str]]:
    """Lines under the chart for assessments that are left out, or drawn with gaps."""
    notes = []
    if all(item.is_empty for item in series):
        return notes  # the chart itself says so
    for item in series:
        gaps = [e.title.get(lang) for e in elements if item.scores.get(e.id) is None]
        if len(gaps) == len(elements):
            text = t("sa.chart.series_empty", lang, label=_plain(item.label))
        elif gaps:
            text = t(
                "sa.chart.series_gaps", lang, label=_plain(item.label), elements=", ".join(gaps)
            )
        else:
            continue
        notes.append(textwrap.wrap(text, 100))
    return notes


def radar_description(result, data, content, lang: str) -> str:
    """The chart in words, for screen readers and the plan: which elements are green, orange,
    or not judged (`result` is a scoring.AssessmentScore)."""
    names = {e.id: e.title.get(lang) for e in content.elements}
    parts = []
    for band in ("orange", "green", "insufficient"):
        elements = [names[e] for e in result.in_band(band)]
        if elements:
            parts.append(t(f"sa.chart.alt_{band}", lang, elements=", ".join(elements)))
    if not parts:
        return t("sa.chart.alt_empty", lang)
    threshold = format_number(data.rule.green_from, lang, 0)
    return t("sa.chart.alt_summary", lang, threshold=threshold) + " " + " ".join(parts)
