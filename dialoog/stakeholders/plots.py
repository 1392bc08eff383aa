"""The stakeholder map and the ranking chart, as pure functions from a register to a Figure.

Figures are built on `matplotlib.figure.Figure` directly (no pyplot state, so they are
thread-safe and never leak), and matplotlib is imported inside the functions so that importing
the package stays light. Colours are the Okabe–Ito palette, safe for colour-blind readers; a
group is told apart by colour and marker shape together.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ..formatting import format_banded, format_number
from ..i18n import t
from .choices import register_data
from .tables import ensure_prioritised, heading

if TYPE_CHECKING:
    from matplotlib.figure import Figure

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
             "#F0E442")  # fmt: skip
MARKERS = ("o", "s", "^", "D", "v", "P")
BAND_COLOURS = {"high": "#D55E00", "medium": "#E69F00", "low": "#56B4E9"}
MapAxis = Literal["likelihood", "influence"]


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    fig.set_facecolor("white")
    return fig


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _empty(fig: Figure, message: str) -> Figure:
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, fontsize=12, color="#444")
    return fig


def _note(fig: Figure, text: str) -> None:
    """A small explanatory note under the chart, with room kept free for it."""
    import textwrap

    per_line = int(fig.get_figwidth() * 17)  # characters of 7.5 pt text per line, roughly
    lines = textwrap.wrap(text, per_line)
    fig.text(0.01, 0.005, "\n".join(lines), fontsize=7.5, color="#555", ha="left", va="bottom")
    height = (0.14 * len(lines) + 0.08) / fig.get_figheight()
    fig.get_layout_engine().set(rect=(0, height, 1, 1 - height))


def group_styles(groups: list[str]) -> dict[str, tuple[str, str]]:
    """(colour, marker) per group id, in the order of the group list, so they never change
    between the map and its legend, nor from one register to the next."""
    order = [o.id for o in register_data().options("group")]
    ranked = sorted(set(groups), key=lambda g: (order.index(g) if g in order else len(order), g))
    return {
        g: (OKABE_ITO[i % len(OKABE_ITO)], MARKERS[(i // len(OKABE_ITO)) % len(MARKERS)])
        for i, g in enumerate(ranked)
    }


def spread_points(
    x: np.ndarray, y: np.ndarray, step: float = 0.12
) -> tuple[np.ndarray, np.ndarray]:
    """Points on the same spot fanned out on a sunflower spiral, so none hides another."""
    xs, ys = x.copy(), y.copy()
    seen: dict[tuple[float, float], int] = {}
    golden = math.pi * (3 - math.sqrt(5))
    for i, key in enumerate(zip(np.round(x, 2), np.round(y, 2), strict=True)):
        k = seen.get(key, 0)
        seen[key] = k + 1
        if k:
            radius = step * math.sqrt(k)
            xs[i] += radius * math.cos(k * golden)
            ys[i] += radius * math.sin(k * golden)
    return xs, ys


def _overlap(box, others) -> float:
    total = 0.0
    for o in others:
        w = min(box[2], o[2]) - max(box[0], o[0])
        h = min(box[3], o[3]) - max(box[1], o[1])
        if w > 0 and h > 0:
            total += w * h
    return total


def place_labels(
    fig, ax, labels, markers, *, fontsize, offsets, boxed, taken=(), crowded=None
) -> list:
    """Greedy placement without pile-ups: each label takes the first spot around its point that
    overlaps no label placed before it and no marker; else the spot that overlaps least.

    `labels` is a list of (x, y, text); `markers` the (x, y, size) of every point; `taken` boxes
    of labels placed before. Call after the layout is fixed (positions are measured in pixels).
    Returns the boxes placed, `taken` included. The index of a label that could only be put
    over another label (or outside the axes) is added to `crowded`, when given.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    renderer = FigureCanvasAgg(fig).get_renderer()
    area = ax.get_window_extent(renderer)
    obstacles = []
    for (px, py), size in zip(ax.transData.transform(markers[:, :2]), markers[:, 2], strict=True):
        r = math.sqrt(size) * fig.dpi / 72 / 2
        obstacles.append((px - r, py - r, px + r, py + r))
    placed: list[tuple[float, float, float, float]] = list(taken)
    for index, (x, y, text) in enumerate(labels):
        best = None
        for dx, dy in offsets:
            label = ax.annotate(
                text,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                fontsize=fontsize,
                ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
                va="bottom" if dy > 0 else ("top" if dy < 0 else "center"),
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85}
                if boxed
                else None,
                arrowprops={"arrowstyle": "-", "color": "#666", "lw": 0.6, "shrinkB": 2}
                if boxed and abs(dx) + abs(dy) > 18
                else None,
                zorder=5 if boxed else 4,
            )
            label.update_positions(renderer)
            e = Text.get_window_extent(label, renderer)  # the text only, not its leader line
            outside = e.x0 < area.x0 or e.x1 > area.x1 or e.y0 < area.y0 or e.y1 > area.y1
            pad = 3 if boxed else 1
            box = (e.x0 - pad, e.y0 - pad, e.x1 + pad, e.y1 + pad)
            clash = _overlap(box, placed) + 1e7 * outside
            score = 5 * clash + _overlap(box, obstacles)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, label, box, clash)
            else:
                label.remove()
            if score == 0:
                break
        placed.append(best[2])
        if crowded is not None and best[3] > 0:
            crowded.append(index)
    return placed


NAME_OFFSETS = [(8, 6), (8, -8), (-8, 6), (-8, -8), (0, 12), (0, -14)] + [
    (round(d * math.cos(a)), round(d * math.sin(a)))
    for d in (26, 42, 60)
    for a in np.linspace(0, 2 * math.pi, 12, endpoint=False)
]
NUMBER_OFFSETS = [(4, 3), (4, -9), (-4, 3), (-4, -9), (0, 7), (0, -12)]


FIRST_BAND = "high"  # the class whose stakeholders are always named on the map
MIN_NAMED = 8  # name at least this many, even when few are high or selected
KEY_COLUMNS = 3


def _named_rows(shown: pd.DataFrame, named: int | None, most: int) -> list[int]:
    """Which points carry a name: every high-priority and every selected stakeholder (at least
    `MIN_NAMED`, at most `most`, in order of rank), or exactly the top `named` when asked."""
    if named is not None:
        return list(range(min(named, len(shown))))
    wanted = (shown["band"].to_numpy() == FIRST_BAND) | shown["selected"].to_numpy(dtype=bool)
    rows = [i for i in range(len(shown)) if wanted[i]]
    extra = (i for i in range(len(shown)) if not wanted[i])
    while len(rows) < min(MIN_NAMED, len(shown)):
        rows.append(next(extra))
    return sorted(rows)[:most]


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def stakeholder_map(
    frame: pd.DataFrame,
    lang: str,
    *,
    y: MapAxis = "likelihood",
    named: int | None = None,
    most_named: int = 20,
) -> Figure:
    """Severity (x) against likelihood, or against influence as the secondary view.

    Point size shows vulnerability, colour and shape the group; points on the same spot fan
    out so none hides another. High-priority and selected stakeholders carry their name, every
    other point its rank, and a key under the map gives the names to those ranks, so the
    figure reads on its own (downloaded, or in the plan) with 150 stakeholders as with 10.
    A stakeholder with a severity but no score on the vertical axis sits in a row of its own
    (open markers) instead of disappearing.
    """
    data = register_data()
    ranked = ensure_prioritised(frame)
    assessed = ranked[ranked["severity"].notna()]
    left_out = len(ranked) - len(assessed)
    if assessed.empty:
        return _empty(_figure(10.5, 6.6), t("sh.plot.nothing_to_map", lang))
    shown = assessed.reset_index(drop=True)
    label_rows = _named_rows(shown, named, most_named)
    for _attempt in range(3):  # a name that finds no free spot becomes a number in the key
        crowded: list[int] = []
        fig = _draw_map(shown, data, lang, y, label_rows, left_out, crowded)
        if not crowded:
            break
        label_rows = [r for i, r in enumerate(label_rows) if i not in set(crowded)]
    return fig


def _draw_map(shown, data, lang, y, label_rows, left_out, crowded) -> Figure:
    low, high = data.score_min, data.score_max
    unknown_y = low - 1  # the row for a missing vertical score
    sev = shown["severity"].to_numpy(dtype="float64")
    raw_y = shown[y].to_numpy(dtype="float64", na_value=np.nan)
    missing_y = np.isnan(raw_y)
    xs, ys = spread_points(sev, np.where(missing_y, unknown_y, raw_y))
    vulnerability = shown["vulnerability"].to_numpy(dtype="float64", na_value=np.nan)
    sizes = np.where(np.isnan(vulnerability), 30, 30 + (vulnerability - low) * 55)
    ranks = shown["rank"].to_numpy()
    names = shown["name"].tolist()
    numbered = [i for i in range(len(shown)) if i not in set(label_rows)]

    key_rows = math.ceil(len(numbered) / KEY_COLUMNS)
    key_height = 0.45 + 0.15 * key_rows if numbered else 0.0
    fig = _figure(10.5, 6.6 + key_height)
    if numbered:
        grid = fig.add_gridspec(2, 2, width_ratios=[2.5, 1], height_ratios=[6.6, key_height])
        ax, side = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
        key = fig.add_subplot(grid[1, :])
    else:
        ax, side = fig.subplots(1, 2, width_ratios=[2.5, 1])
        key = None
    side.axis("off")

    ax.axvspan(4 - 0.25, high + 0.5, color="#FBE3D6", zorder=0)
    zone = ax.text(high + 0.45, high + 0.42, t("sh.plot.most_severe", lang), ha="right",
                   va="top", fontsize=8, color="#8A3B12")  # fmt: skip
    groups = shown["group"].tolist()
    styles = group_styles(groups)
    group_labels = {o.id: o.label.get(lang) for o in data.options("group")}
    for group, (colour, marker) in styles.items():
        mask = np.array([g == group for g in groups])
        label = group_labels.get(group, group) if group else t("sh.table.not_given", lang)
        for hollow in (False, True):
            part = mask & (missing_y if hollow else ~missing_y)
            if not part.any() and hollow:
                continue
            ax.scatter(
                xs[part],
                ys[part],
                s=sizes[part],
                c="white" if hollow else colour,
                marker=marker,
                edgecolors=colour if hollow else "white",
                linewidths=1.4 if hollow else 0.8,
                alpha=0.9,
                zorder=3,
                label=None if hollow else label,
            )
    bottom = unknown_y if missing_y.any() else low
    ax.set_xlim(low - 0.5, high + 0.5)
    ax.set_ylim(bottom - 0.5, high + 0.5)
    ax.set_xticks(range(low, high + 1))
    ticks = list(range(bottom, high + 1))
    ax.set_yticks(ticks)
    ax.set_yticklabels(
        [
            t("sh.plot.not_filled", lang)
            if v == unknown_y
            else f"{v}  {_wrap(data.level_label(y, v, lang), 20)}"  # wrapped, never cut
            for v in ticks
        ],
        fontsize=8,
    )
    if missing_y.any():
        ax.axhline(low - 0.5, color="#999", lw=0.8, ls=":", zorder=1)
    ax.set_xlabel(t("sh.plot.x_severity", lang))
    ax.set_ylabel(heading(y, lang, data))
    ax.grid(True, color="#ddd", lw=0.6, zorder=1)
    ax.set_axisbelow(True)
    for edge in ("top", "right"):
        ax.spines[edge].set_visible(False)
    title = "sh.plot.map_title" if y == "likelihood" else "sh.plot.map_title_influence"
    ax.set_title(t(title, lang), loc="left", fontsize=12, fontweight="bold")

    from matplotlib.lines import Line2D

    handles, names_ = ax.get_legend_handles_labels()
    legend = side.legend(
        handles,
        [_wrap(n, 30) for n in names_],
        title=heading("group", lang, data),
        loc="upper left",
        alignment="left",
        fontsize=8,
        title_fontsize=8.5,
        frameon=False,
        markerscale=0.8,
    )
    for handle in legend.legend_handles:
        handle.set_sizes([45])
    size_handles = [
        Line2D([], [], ls="", marker="o", color="#888", markersize=math.sqrt(30 + (v - low) * 55),
               label=f"{v}  {_wrap(data.level_label('vulnerability', v, lang), 26)}")
        for v in (low, (low + high) // 2, high)
    ]  # fmt: skip
    side.add_artist(legend)
    side.legend(
        handles=size_handles,
        title=heading("vulnerability", lang, data),
        loc="lower left",
        alignment="left",
        fontsize=8,
        title_fontsize=8.5,
        frameon=False,
        labelspacing=1.1,
    )
    notes = [t("sh.plot.map_note", lang, named=len(label_rows))]
    if numbered:
        notes.append(t("sh.plot.key_note", lang))
    if missing_y.any():
        axis = heading(y, lang, data).lower()
        notes.append(t("sh.plot.open_note", lang, axis=axis))
        assumed = data.rule.priority.assume_when_missing.get(y)
        if assumed is not None:
            value = format_number(assumed, lang)
            notes.append(t("sh.plot.assumed_note", lang, axis=axis, value=value))
    if left_out:
        notes.append(t("sh.plot.left_out", lang, count=left_out))
    if y == "influence":
        notes.append(t("sh.plot.influence_note", lang))
    if key is not None:
        _key(key, [(ranks[i], names[i]) for i in numbered], lang)
    _note(fig, " ".join(notes))
    # fix the layout first: labels are placed in pixels and must not move afterwards
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    fig.set_layout_engine("none")
    markers = np.column_stack([xs, ys, sizes])
    named_labels = [(xs[i], ys[i], f"{ranks[i]}. {_short(names[i], 40)}") for i in label_rows]
    e = zone.get_window_extent(FigureCanvasAgg(fig).get_renderer())
    taken = place_labels(
        fig, ax, named_labels, markers, fontsize=7.5, offsets=NAME_OFFSETS, boxed=True,
        taken=[(e.x0, e.y0, e.x1, e.y1)], crowded=crowded,
    )  # fmt: skip
    numbers = [(xs[i], ys[i], str(ranks[i])) for i in numbered]
    place_labels(
        fig, ax, numbers, markers, fontsize=6.5, offsets=NUMBER_OFFSETS, boxed=False, taken=taken
    )
    return fig


def _key(ax, entries: list[tuple[object, str]], lang: str) -> None:
    """The names behind the numbers on the map, in columns, in order of rank."""
    ax.axis("off")
    ax.text(0, 1, t("sh.plot.key_title", lang), transform=ax.transAxes, fontsize=8.5,
            fontweight="bold", va="top")  # fmt: skip
    per_column = math.ceil(len(entries) / KEY_COLUMNS)
    for column in range(KEY_COLUMNS):
        part = entries[column * per_column : (column + 1) * per_column]
        if not part:
            break
        text = "\n".join(f"{rank}  {_short(name, 46)}" for rank, name in part)
        ax.annotate(text, (column / KEY_COLUMNS, 1), xycoords="axes fraction", xytext=(0, -15),
                    textcoords="offset points", fontsize=7.5, va="top", linespacing=1.35,
                    color="#222")  # fmt: skip


def ranking_chart(frame: pd.DataFrame, lang: str, *, top: int = 25) -> Figure:
    """The `top` stakeholders by priority as horizontal bars, coloured by priority class; a star
    marks those selected for dialogue. Unassessed stakeholders are counted in a note."""
    data = register_data()
    ranked = ensure_prioritised(frame)
    assessed = ranked[ranked["priority"].notna()]
    rows = assessed.head(top)
    fig = _figure(9.5, 1.6 + 0.3 * max(len(rows), 3))
    if rows.empty:
        return _empty(fig, t("sh.plot.nothing_to_rank", lang))
    ax = fig.add_subplot()
    positions = np.arange(len(rows))[::-1]
    values = rows["priority"].to_numpy(dtype="float64")
    colours = [BAND_COLOURS.get(b, "#999") for b in rows["band"]]
    ax.barh(positions, values, color=colours, height=0.7, zorder=2)
    selected = rows["selected"].to_numpy(dtype=bool)
    labels = [
        f"{'★ ' if s else ''}{r}. {_short(n, 46)}"
        for r, n, s in zip(rows["rank"], rows["name"], selected, strict=True)
    ]
    ax.set_yticks(positions, labels, fontsize=8)
    limits = [band.min for band in data.rule.bands if band.min > 0]
    for pos, value, incomplete in zip(positions, values, ~rows["complete"].to_numpy(), strict=True):
        text = format_banded(value, lang, limits) + (" *" if incomplete else "")
        ax.text(value + 1, pos, text, va="center", fontsize=7.5, color="#333")
    for band in data.rule.bands:
        if band.min > 0:
            ax.axvline(band.min, color="#888", lw=0.8, ls="--", zorder=1)
    ax.set_xlim(0, 105)
    ax.set_xlabel(t("sh.plot.x_priority", lang))
    for edge in ("top", "right"):
        ax.spines[edge].set_visible(False)
    ax.grid(True, axis="x", color="#eee", zorder=0)
    title = t("sh.plot.ranking_title", lang, shown=len(rows), total=len(assessed))
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")

    from matplotlib.patches import Patch

    handles = [
        Patch(color=BAND_COLOURS.get(b.id, "#999"), label=b.label.get(lang))
        for b in data.rule.bands
    ]
    ax.legend(handles=handles, title=heading("band", lang, data), loc="lower right",
              fontsize=8, title_fontsize=8.5, framealpha=0.9)  # fmt: skip
    notes = [t("sh.plot.ranking_note", lang)]
    unassessed = len(ranked) - len(assessed)
    if unassessed:
        notes.append(t("sh.plot.unassessed_note", lang, count=unassessed))
    _note(fig, " ".join(notes))
    return fig


def map_description(ranked: pd.DataFrame, lang: str, axis: str = "likelihood") -> str:
    """The map in words (its text alternative): how many stakeholders, who is at the top."""
    assessed = ranked[ranked["priority"].notna()]
    top = ", ".join(assessed["name"].head(3).tolist())
    key = "sh.chart.map_alt_influence" if axis == "influence" else "sh.chart.map_alt"
    text = t(key, lang, count=len(ranked), assessed=len(assessed))
    return f"{text} {t('sh.chart.alt_top', lang, names=top)}" if top else text


def ranking_description(ranked: pd.DataFrame, lang: str) -> str:
    """The ranking chart in words."""
    assessed = ranked[ranked["priority"].notna()]
    top = ", ".join(assessed["name"].head(3).tolist())
    text = t("sh.chart.ranking_alt", lang, count=len(assessed))
    return f"{text} {t('sh.chart.alt_top', lang, names=top)}" if top else text
