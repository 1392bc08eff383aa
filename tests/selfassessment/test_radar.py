"""The radar chart, checked on the figure's data: axes, polygons, gaps, ring, legend, notes."""

from __future__ import annotations

import math
from datetime import date

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from dialoog.selfassessment.radar import RadarSeries, chart_title, radar_figure
from dialoog.selfassessment.scoring import score
from dialoog.ui import figure_png, figure_svg


def _answers(data, agree="4", skip=()):
    disagree = {"5": "1", "4": "2", "3": "3", "2": "4", "1": "5"}[agree]
    return {
        s.id: (disagree if s.reversed else agree) for s in data.statements if s.element not in skip
    }


def _polar(fig):
    return next(ax for ax in fig.axes if ax.name == "polar")


def _line(fig, gid):
    return next((ln for ln in _polar(fig).lines if ln.get_gid() == gid), None)


def _texts(fig, gid=None):
    artists = [*fig.texts, *(t for ax in fig.axes for t in ax.texts)]
    return [t.get_text() for t in artists if gid is None or t.get_gid() == gid]


def _draw(data, content, *answer_sets, lang="nl", labels=None):
    labels = labels or [f"Meting {i}" for i in range(len(answer_sets))]
    series = [
        RadarSeries(label, score(answers, data).scores())
        for label, answers in zip(labels, answer_sets, strict=True)
    ]
    return radar_figure(
        series, content.elements, lang, title="Titel", threshold=data.rule.green_from
    )


def test_full_assessment_draws_closed_filled_polygon_in_sers_order(data, content):
    answers = _answers(data, "4")
    answers[data.for_element("kennis")[0].id] = "2"  # kennis a bit lower
    fig = _draw(data, content, answers)
    line = _line(fig, "series-0")
    radii = list(line.get_ydata())
    expected = [score(answers, data).element(e.id).score for e in content.elements]
    assert radii[:-1] == pytest.approx(expected)
    assert radii[-1] == radii[0]  # closed
    angles = list(line.get_xdata())
    assert angles[:-1] == pytest.approx([2 * math.pi * i / 9 for i in range(9)])
    assert any(p.get_gid() == "series-fill-0" for p in _polar(fig).patches)
    # axis labels: one per element, SER order clockwise from the top
    axis = [t for t in _polar(fig).texts if (t.get_gid() or "").startswith("axis-")]
    assert [t.get_gid() for t in axis] == [f"axis-{e.id}" for e in content.elements]
    assert axis[0].get_text() == "Motivatie"
    assert _polar(fig).get_ylim() == (0, 100)


def test_threshold_is_a_ring_at_the_rule_value(data, content):
    fig = _draw(data, content, _answers(data))
    ring = _line(fig, "threshold")
    assert set(ring.get_ydata()) == {data.rule.green_from}
    assert max(ring.get_xdata()) == pytest.approx(2 * math.pi)


def test_current_scores_are_written_beside_the_points(data, content):
    fig = _draw(data, content, _answers(data, "4"))
    assert _texts(fig, "value-label") == ["75"] * 9


def test_partial_assessment_leaves_a_gap_not_a_zero(data, content):
    fig = _draw(data, content, _answers(data, "5", skip=("kennis", "inclusie")))
    radii = list(_line(fig, "series-0").get_ydata())
    order = [e.id for e in content.elements]
    assert math.isnan(radii[order.index("kennis")])
    assert math.isnan(radii[order.index("inclusie")])
    assert 0 not in radii
    assert not any(p.get_gid() == "series-fill-0" for p in _polar(fig).patches)
    assert "Kennis *" in _texts(fig, "axis-kennis")
    note = " ".join(_texts(fig, "note-missing"))
    assert "Inclusie" in note and "Kennis" in note


def test_empty_assessment_draws_no_polygon_and_says_too_little_answered(data, content):
    for answers in ({}, {s.id: "dk" for s in data.statements}):
        fig = _draw(data, content, answers)
        assert _line(fig, "series-0") is None
        (note,) = _texts(fig, "note-empty")
        assert " ".join(note.split()) == "Te weinig beantwoord om een diagram te tekenen."
        assert _line(fig, "threshold") is not None


def test_empty_note_in_english(data, content):
    fig = _draw(data, content, {}, lang="en")
    assert "Too little answered" in _texts(fig, "note-empty")[0]


def test_two_assessments_are_overlaid_with_a_legend(data, content):
    now, before = _answers(data, "4"), _answers(data, "2")
    fig = _draw(data, content, now, before, labels=["Nu (2026)", "Nulmeting (2025)"])
    assert list(_line(fig, "series-0").get_ydata())[:-1] == pytest.approx([75] * 9)
    assert list(_line(fig, "series-1").get_ydata())[:-1] == pytest.approx([25] * 9)
    first, second = _line(fig, "series-0"), _line(fig, "series-1")
    assert first.get_color() != second.get_color()
    assert first.get_linestyle() != second.get_linestyle()
    assert first.get_marker() != second.get_marker()
    legend = next(ax.get_legend() for ax in fig.axes if ax.get_legend())
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[:2] == ["Nu (2026)", "Nulmeting (2025)"]
    assert "Drempel" in labels[2]


def test_an_empty_earlier_assessment_is_named_under_the_chart(data, content):
    fig = _draw(data, content, _answers(data), {}, labels=["Nu", "Toen"])
    assert _line(fig, "series-1") is None
    assert any("Toen" in text for text in _texts(fig, "note-missing"))


def test_colour_blind_safe_palette(data, content):
    fig = _draw(data, content, _answers(data), _answers(data, "2"))
    okabe_ito = {"#0072b2", "#cc79a7", "#000000", "#56b4e9", "#009e73", "#d55e00", "#e69f00"}
    for line in _polar(fig).lines:
        assert str(line.get_color()).lower() in okabe_ito


def test_more_than_five_assessments_is_refused(data, content):
    series = [RadarSeries(str(i), {}) for i in range(6)]
    with pytest.raises(ValueError, match="at most 5"):
        radar_figure(series, content.elements, "nl")


def test_title_names_organisation_and_date():
    assert chart_title("De Boon B.V.", date(2026, 3, 1), "nl") == (
        "Self-assessment stakeholderdialoog — De Boon B.V. — 01-03-2026"
    )
    assert chart_title("  ", date(2026, 3, 1), "en") == (
        "Stakeholder dialogue self-assessment — 01/03/2026"
    )


def test_title_and_labels_are_on_the_figure_in_english(data, content):
    fig = radar_figure(
        [RadarSeries("Now", score(_answers(data), data).scores())],
        content.elements,
        "en",
        title=chart_title("De Boon", date(2026, 3, 1), "en"),
        threshold=60,
    )
    assert "De Boon" in fig.get_suptitle() and "01/03/2026" in fig.get_suptitle()
    assert "Organising the\ndialogue" in _texts(fig, "axis-organiseren_gesprek")


def test_figure_is_pyplot_free_and_exports_png_and_svg(data, content):
    fig = _draw(data, content, _answers(data))
    assert isinstance(fig.canvas, FigureCanvasAgg)
    assert figure_png(fig).startswith(b"\x89PNG")
    assert b"<svg" in figure_svg(fig)[:500]


def test_user_text_with_dollar_signs_is_shown_literally(data, content):
    name = "Winst $ & Zo $\\frac{1}{0}$ B.V."
    fig = radar_figure(
        [RadarSeries("Meting $1$", score(_answers(data), data).scores()), RadarSeries("$x", {})],
        content.elements,
        "nl",
        title=chart_title(name, date(2026, 1, 1), "nl"),
        threshold=60,
    )
    assert figure_png(fig).startswith(b"\x89PNG")  # no mathtext error
    legend = next(ax.get_legend() for ax in fig.axes if ax.get_legend())
    assert legend.get_texts()[0].get_text() == "Meting \\$1\\$"
