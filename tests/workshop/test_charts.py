"""Charts for the room, saved under tests/artifacts/ to look at."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from dialoog.workshop.charts import RadarSeries, distribution_figure, pooled_radar_figure

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LABELS = [
    "Motivatie",
    "Commitment",
    "Inclusie",
    "Transparantie",
    "Persoonlijk contact",
    "Organiseren gesprek",
    "Vertrouwen",
    "Opvolging",
    "Evaluatie",
]


def test_pooled_radar_draws_median_line_and_spread_band():
    group = RadarSeries(
        "Groep (mediaan)",
        [60, 45, 30, 70, 55, 50, 40, 65, 35],
        [45, 30, 20, 60, 40, 35, 20, 55, 25],
        [75, 60, 50, 85, 70, 60, 70, 80, 45],
        "Groep: middelste helft (IQR)",
    )
    sector = RadarSeries("Sector", [50, 50, 45, 60, 50, 40, 50, 55, 30], None, None)
    fig = pooled_radar_figure(LABELS, [group, sector], title="Waar staat de groep?", highlight=[6])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    assert len(ax.collections) == 1  # one band: the sector has no spread
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "Motivatie"
    ARTIFACTS.mkdir(exist_ok=True)
    fig.savefig(ARTIFACTS / "workshop-radar.png", dpi=100)


def test_distribution_chart_has_one_bar_per_statement_and_option():
    fig = distribution_figure(
        ["We weten waarom we de dialoog voeren", "De top steunt de dialoog zichtbaar"],
        ["Oneens", "Deels", "Eens", "Weet ik niet"],
        [[1, 2, 5, 1], [4, 0, 0, 0]],
        title="Antwoorden per stelling",
        muted=[False, False, False, True],
    )
    assert len(fig.axes[0].patches) == 8
    fig.savefig(ARTIFACTS / "workshop-distribution.png", dpi=100)


def test_empty_radar_draws_without_error():
    fig = pooled_radar_figure(LABELS, [RadarSeries("Groep", [None] * 9)])
    assert len(fig.axes[0].lines) == 1
