"""Charts of the engagement log: contacts over time per group, and coverage — each
stakeholder's priority against the number of contacts, so that "high priority, never engaged"
stands out. Pure functions from the workbook to a matplotlib `Figure` and its text alternative.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
from matplotlib.figure import Figure

from ..i18n import t
from ..model import Workbook
from ..stakeholders.choices import register_data
from .timeline import _quarter

COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#1f1f1f"]


def contacts_over_time(workbook: Workbook, lang: str) -> tuple[Figure, str]:
    """Contacts per quarter, one line per stakeholder group (the five largest, then 'other')."""
    groups = {s.id: s.group or "" for s in workbook.stakeholders}
    data = register_data()
    counts: Counter[tuple[str, str]] = Counter()
    for entry in workbook.engagements:
        for group in {groups.get(i, "") for i in entry.stakeholder_ids} or {""}:
            counts[(_quarter(entry.contact_date), group)] += 1
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
    marked and named."""
    from ..stakeholders.priority import prioritise
    from ..stakeholders.register import to_frame

    contacts: Counter[str] = Counter(
        i for entry in workbook.engagements for i in entry.stakeholder_ids
    )
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(t("eng.chart.coverage.title", lang))
    ax.set_xlabel(t("eng.chart.coverage.x", lang))
    ax.set_ylabel(t("eng.by.count", lang))
    if not workbook.stakeholders:
        return fig, t("eng.no_register", lang)
    ranked = prioritise(to_frame(workbook.stakeholders))
    missed = []
    for _index, row in ranked.iterrows():
        priority = row.get("priority")
        if priority is None or pd.isna(priority):
            continue  # not assessed yet: no place on the priority axis
        priority = float(priority)
        n = contacts[row["id"]]
        alarm = n == 0 and priority >= 70
        ax.scatter(priority, n, s=60 if alarm else 30, marker="X" if alarm else "o",
                   color="#D55E00" if alarm else "#0072B2", zorder=3)  # fmt: skip
        if alarm:
            missed.append(row["name"])
            name = str(row["name"])
            ax.annotate(name if len(name) <= 40 else name[:39] + "…", (priority, n),
                        textcoords="offset points",
                        xytext=(4, 6 + 9 * (len(missed) % 3)), fontsize=7)  # fmt: skip
    ax.set_xlim(0, 100)
    ax.axvspan(70, 100, color="#fbe9e9", zorder=0)
    ax.grid(color="#eeeeee")
    alt = t("eng.chart.coverage.alt", lang, count=len(missed), names=", ".join(missed[:8]) or "—")
    return fig, alt
