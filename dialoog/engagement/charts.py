"""Charts of the engagement log: contacts over time per group, and coverage — each
stakeholder's priority against the number of contacts, so that "high priority, never engaged"
stands out. Pure functions from the workbook to a matplotlib `Figure` and its text alternative.
"""

from __future__ import annotations

from collections import Counter

from matplotlib.figure import Figure

from ..i18n import t, tn
from ..model import Workbook
from ..stakeholders.choices import register_data
from .timeline import contacts_of, quarter_of

NAMED_MISSED = 12  # names on the chart; all of them are in the text alternative
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#1f1f1f"]


def contacts_over_time(workbook: Workbook, lang: str) -> tuple[Figure, str]:
    """Contacts per quarter, one line per stakeholder group (the five largest, then 'other')."""
    groups = {s.id: s.group or "" for s in workbook.stakeholders}
    data = register_data()
    counts: Counter[tuple[str, str]] = Counter()
    for entry in workbook.engagements:
        for group in {groups.get(i, "") for i in entry.stakeholder_ids} or {""}:
            counts[(quarter_of(entry.contact_date), group)] += 1
    quarters = sorted({q for q, _g in counts})
    totals = Counter()
    for (_q, group), n in counts.items():
        totals[group] += n
    top = [g for g, _n in totals.most_common(5)]
    fig = Figure(figsize=(8, 4), layout="constrained")
    ax = fig.add_subplot()
    for index, group in enumerate(top):
        label = data.option_label("group", group, lang) if group else "—"
        ax.plot(quarters, [counts[(q, group)] for q in quarters], marker="o",
                color=COLOURS[index % len(COLOURS)], label=label,
                linestyle=("-", "--", ":", "-.")[index % 4])  # fmt: skip
    ax.set_title(t("eng.chart.time.title", lang))
    ax.set_ylabel(t("eng.by.count", lang))
    ax.grid(axis="y", color="#e6e6e6")
    if top:
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    busiest = max(quarters, key=lambda q: sum(counts[(q, g)] for g in top)) if quarters else "—"
    alt = t("eng.chart.time.alt", lang, count=len(workbook.engagements), quarters=len(quarters),
            busiest=busiest)  # fmt: skip
    return fig, alt


def coverage(workbook: Workbook, lang: str) -> tuple[Figure, str]:
    """Priority (0–100) against the number of contacts; high priority with no contact is
    marked and named. Stakeholders on the same spot are fanned out so that none hides another,
    and names are placed where they overlap no other name."""
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    from ..stakeholders.plots import NAME_OFFSETS, place_labels
    from ..stakeholders.priority import prioritise
    from ..stakeholders.register import to_frame

    contacts = Counter({sid: len(entries) for sid, entries in contacts_of(workbook).items()})
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(t("eng.chart.coverage.title", lang))
    ax.set_xlabel(t("eng.chart.coverage.x", lang))
    ax.set_ylabel(t("eng.by.count", lang))
    if not workbook.stakeholders:
        return fig, t("eng.no_register", lang)
    ranked = prioritise(to_frame(workbook.stakeholders))
    ranked = ranked[ranked["priority"].notna()]  # not assessed yet: no place on the axis
    priority = ranked["priority"].astype(float).to_numpy()
    count = np.array([contacts[i] for i in ranked["id"]], dtype=float)
    high = register_data().rule.bands[0].min  # the first band: high priority
    alarm = (count == 0) & (priority >= high)
    top = max(float(count.max()) if len(count) else 0.0, 3.0)
    xs, ys = priority, _fan_out(priority, count, slot=0.04 * (top + 1))
    ax.scatter(xs[~alarm], ys[~alarm], s=30, marker="o", color="#0072B2", zorder=3,
               edgecolors="white", linewidths=0.5)  # fmt: skip
    ax.scatter(xs[alarm], ys[alarm], s=60, marker="X", color="#D55E00", zorder=4,
               edgecolors="white", linewidths=0.5)  # fmt: skip
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.5, top + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.axvspan(high, 100, color="#fbe9e9", zorder=0)
    ax.grid(color="#eeeeee")
    missed = [str(n) for n in ranked["name"][alarm]]
    order = np.argsort(-priority[alarm], kind="stable")[:NAMED_MISSED]
    labels = [
        (xs[alarm][i], ys[alarm][i], missed[i] if len(missed[i]) <= 40 else missed[i][:39] + "…")
        for i in order
    ]
    if labels:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig).draw()  # fix the layout: labels are placed in pixels
        fig.set_layout_engine("none")
        markers = np.column_stack([xs, ys, np.where(alarm, 60.0, 30.0)])
        place_labels(fig, ax, labels, markers, fontsize=7, offsets=NAME_OFFSETS, boxed=True)
    alt = tn("eng.chart.coverage.alt", lang, len(missed), names=", ".join(missed) or "—")
    return fig, alt


def _fan_out(x, count, slot: float, near: float = 1.5):
    """Counts nudged up and down in small slots where points of the same count lie within
    `near` on the priority axis, so that none hides another; priority itself is never moved
    (a point stays on its side of the high band), and no point leaves its count's row."""
    import numpy as np

    ys = count.astype(float).copy()
    placed: dict[float, list[tuple[float, int]]] = {}
    slots = [0] + [s * k for k in range(1, 20) for s in (1, -1)]
    for i in np.argsort(x, kind="stable"):
        row = placed.setdefault(float(count[i]), [])
        busy = {k for px, k in row if abs(px - x[i]) < near}
        # on the zero row only upwards (no point below zero contacts), so twice as far
        room = [k for k in slots if k >= 0] if count[i] == 0 else slots
        reach = 0.9 if count[i] == 0 else 0.45
        free = [k for k in room if k not in busy and abs(k) * slot < reach]
        k = free[0] if free else room[len(busy) % len(room)]
        row.append((float(x[i]), k))
        ys[i] += k * slot
    return ys
