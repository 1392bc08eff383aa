"""Charts for the room: the group's radar with a spread band, and the answers per statement.

Pure functions from data to a matplotlib `Figure` (no pyplot state, so they are thread-safe).
Colours are from the Okabe–Ito palette, which stays distinguishable with colour blindness;
the band and the lines also differ in pattern and style, not only in colour.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from ..formatting import format_percent

BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILION = "#D55E00"
SKY = "#56B4E9"
GREY = "#6e6e6e"
MUTED = "#e6e6e6"
LIGHT = ("#c8c8c8", "#E69F00", "#56B4E9", MUTED)
# for answer options from most negative to most positive: diverging and colour-blind safe
OPTION_COLOURS = ["#D55E00", "#E69F00", "#c8c8c8", "#56B4E9", "#0072B2", "#009E73"]


@dataclass(frozen=True)
class RadarSeries:
    """One session on the radar: medians and the spread band (low, high) per element."""

    label: str
    median: Sequence[float]
    low: Sequence[float] | None = None
    high: Sequence[float] | None = None
    band_label: str = ""


def _closed(values: Sequence[float]) -> np.ndarray:
    array = np.asarray([np.nan if v is None else float(v) for v in values], dtype=float)
    array = np.nan_to_num(array, nan=0.0)
    return np.append(array, array[:1])


def pooled_radar_figure(
    labels: Sequence[str],
    series: Sequence[RadarSeries],
    *,
    title: str = "",
    highlight: Sequence[int] = (),
    size: float = 6.5,
) -> Figure:
    """A radar (0–100) with each series' median as a line and its spread as a shaded band.

    `highlight` marks the axes (indexes) where the group disagrees most with a bold label.
    Missing values are drawn at 0.
    """
    count = len(labels)
    angles = np.linspace(0, 2 * math.pi, count, endpoint=False)
    closed_angles = np.append(angles, angles[:1])
    fig = Figure(figsize=(size, size * 0.92), layout="constrained")
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100])
    ax.set_yticklabels(["25", "50", "75", "100"], color=GREY, fontsize=8)
    ax.set_rlabel_position(180 / max(count, 1))  # between the first two axes, off the lines
    ax.set_xticks(angles)
    wrapped = ["\n".join(textwrap.wrap(label, 16)) or label for label in labels]
    ax.set_xticklabels(wrapped, fontsize=9)
    for index, tick in enumerate(ax.get_xticklabels()):
        if index in highlight:
            tick.set_fontweight("bold")
            tick.set_color(VERMILION)
    ax.tick_params(axis="x", pad=12)
    ax.grid(color="#cccccc", linewidth=0.8)
    styles = [
        (BLUE, "-", "o", "///"),
        (ORANGE, "--", "s", "\\\\\\"),
    ]
    for number, one in enumerate(series):
        colour, line, marker, hatch = styles[number % len(styles)]
        if one.low is not None and one.high is not None:
            ax.fill_between(
                closed_angles,
                _closed(one.low),
                _closed(one.high),
                facecolor=colour,
                alpha=0.18,
                edgecolor=colour,
                hatch=hatch if number else None,
                linewidth=0,
                label=one.band_label or None,
            )
        ax.plot(
            closed_angles,
            _closed(one.median),
            color=colour,
            linestyle=line,
            linewidth=2.2,
            marker=marker,
            markersize=5,
            label=one.label,
        )
    if title:
        ax.set_title(title, fontsize=12, pad=22)
    if series:
        fig.legend(
            loc="outside lower center",
            ncols=2,
            frameon=False,
            fontsize=9,
        )
    return fig


def distribution_figure(
    statements: Sequence[str],
    options: Sequence[str],
    counts: Sequence[Sequence[int]],
    *,
    title: str = "",
    width: float = 8.0,
    muted: Sequence[bool] = (),
    lang: str = "nl",
) -> Figure:
    """Per statement a horizontal bar split into the share of each answer option.

    `counts[i][j]` is how many chose option j on statement i; the number is printed in each
    segment wide enough for it. `muted` options (such as "don't know") are drawn in pale grey
    after the scale, which runs from vermilion (disagree) to blue (agree).
    """
    rows = max(1, len(statements))
    fig = Figure(figsize=(width, 1.1 + 0.4 * rows), layout="constrained")
    ax = fig.add_subplot()
    matrix = np.asarray(counts, dtype=float).reshape(len(statements), len(options))
    totals = matrix.sum(axis=1, keepdims=True)
    shares = np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > 0)
    y = np.arange(len(statements))
    left = np.zeros(len(statements))
    colours = option_colours(len(options), muted)
    for j, option in enumerate(options):
        bars = ax.barh(
            y,
            shares[:, j],
            left=left,
            color=colours[j],
            edgecolor="white",
            height=0.78,
            label=option,
        )
        for bar, count, share in zip(bars, matrix[:, j], shares[:, j], strict=True):
            if count and share >= 0.07:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(int(count)),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="black" if colours[j] in LIGHT else "white",
                )
        left += shares[:, j]
    ax.set_yticks(y)
    ax.set_yticklabels(["\n".join(textwrap.wrap(s, 75)) for s in statements], fontsize=7.5)
    ax.set_ylim(len(statements) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda value, _pos: format_percent(value, lang))
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, fontsize=11, loc="left")
    fig.legend(loc="outside lower center", ncols=min(len(options), 6), frameon=False, fontsize=8)
    return fig


def option_colours(count: int, muted: Sequence[bool] = ()) -> list[str]:
    """A colour per answer option: the scale diverging, `muted` options pale grey."""
    flags = list(muted) + [False] * (count - len(muted))
    scale = iter(_option_colours(sum(not m for m in flags)))
    return [MUTED if m else next(scale) for m in flags]


def _option_colours(count: int) -> list[str]:
    if count <= 1:
        return [BLUE]
    if count == 5:
        return ["#D55E00", "#E69F00", "#c8c8c8", "#56B4E9", "#0072B2"]
    if count == 4:
        return ["#D55E00", "#E69F00", "#56B4E9", "#0072B2"]
    if count == 3:
        return ["#D55E00", "#c8c8c8", "#0072B2"]
    return [OPTION_COLOURS[i % len(OPTION_COLOURS)] for i in range(count)]


# dark enough for text on white (contrast 4.5:1 or more), also on a washed-out projector
CLOUD_COLOURS = ["#0072B2", "#B34700", "#007A5A", "#A3487F", "#1f1f1f", "#8A5A00"]
