"""The map and the ranking chart: pure functions to a Figure that read well as images."""

from __future__ import annotations

import matplotlib
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from dialoog.paths import REPO_ROOT
from dialoog.stakeholders import plots
from dialoog.stakeholders.importer import import_file
from dialoog.stakeholders.record import Stakeholder
from dialoog.stakeholders.register import to_frame

from .conftest import frame_of, person

ARTIFACTS = REPO_ROOT / "tests" / "artifacts"


def example():
    return import_file((REPO_ROOT / "data/examples/stakeholders.csv").read_bytes()).frame


def many(count: int):
    groups = ["worker", "community", "union", "ngo", "supplier", "government", "expert"]
    return to_frame(
        [
            Stakeholder(name=f"Stakeholder met een lange naam {i}", group=groups[i % 7],
                        scale=1 + i % 5, scope=1 + (i // 5) % 5, irremediability=1 + (i // 3) % 5,
                        likelihood=1 + (i // 7) % 5, vulnerability=1 + i % 4, influence=1 + i % 5)
            for i in range(count)
        ]
    )  # fmt: skip


def name_labels(fig: Figure) -> list[Annotation]:
    ax = fig.axes[0]
    return [c for c in ax.texts if isinstance(c, Annotation) and ". " in c.get_text()]


def boxes(fig: Figure, labels):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    renderer = FigureCanvasAgg(fig).get_renderer()
    out = []
    for label in labels:
        label.update_positions(renderer)
        out.append(Text.get_window_extent(label, renderer))
    return out


def test_the_map_is_a_figure_that_does_not_touch_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = plots.stakeholder_map(example(), "nl")
    assert isinstance(fig, Figure) and plt.get_fignums() == before
    (ARTIFACTS / "sh-map-nl.png").write_bytes(_png(fig))


def test_the_map_names_the_top_stakeholders_and_numbers_the_rest():
    fig = plots.stakeholder_map(example(), "en", named=12)
    labels = [label.get_text() for label in name_labels(fig)]
    assert len(labels) == 12 and labels[0].startswith("1. Seizoensarbeiders")
    ax = fig.axes[0]
    numbers = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert "28" in numbers
    assert ax.get_xlabel().startswith("Severity") and ax.get_ylabel() == "Likelihood"


def test_labels_do_not_pile_up_with_sixty_stakeholders():
    fig = plots.stakeholder_map(many(60), "nl", named=15)
    placed = boxes(fig, name_labels(fig))
    assert len(placed) == 15
    overlaps = [
        (i, j) for i in range(len(placed)) for j in range(i) if placed[i].overlaps(placed[j])
    ]
    assert overlaps == []
    area = fig.axes[0].get_window_extent()
    assert all(area.x0 <= b.x0 and b.x1 <= area.x1 for b in placed)
    (ARTIFACTS / "sh-map-60.png").write_bytes(_png(fig))


def test_the_secondary_view_puts_influence_on_the_vertical_axis():
    fig = plots.stakeholder_map(example(), "nl", y="influence")
    assert fig.axes[0].get_ylabel() == "Invloed"
    assert "Tweede blik" in fig.axes[0].get_title(loc="left")
    (ARTIFACTS / "sh-map-influence.png").write_bytes(_png(fig))


def test_points_are_sized_by_vulnerability_and_coloured_by_group():
    fig = plots.stakeholder_map(
        frame_of(
            person("A", group="worker", scale=3, likelihood=3, vulnerability=5),
            person("B", group="ngo", scale=3, likelihood=2, vulnerability=1),
        ),
        "nl",
    )
    collections = fig.axes[0].collections
    sizes = {c.get_label(): c.get_sizes()[0] for c in collections}
    assert sizes["Werkenden in de keten"] > sizes["Ngo of maatschappelijke organisatie"]
    colours = {tuple(c.get_facecolor()[0]) for c in collections}
    assert len(colours) == 2


def test_an_empty_register_gives_a_figure_with_a_message():
    fig = plots.stakeholder_map(frame_of(person("Zonder scores")), "en")
    assert "No stakeholders to show yet" in fig.axes[0].texts[0].get_text()
    chart = plots.ranking_chart(frame_of(), "nl")
    assert "Nog geen rangorde" in chart.axes[0].texts[0].get_text()


def test_the_ranking_chart_shows_the_top_with_selected_ones_starred():
    fig = plots.ranking_chart(example(), "nl", top=20)
    ax = fig.axes[0]
    assert len(ax.patches) == 20
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("1. Seizoensarbeiders")  # ticks bottom-up: the first on top
    assert labels[1].startswith("★ 2. Omwonenden")
    assert ax.get_yticks()[0] == 19
    assert "(20 van 28)" in ax.get_title(loc="left")
    (ARTIFACTS / "sh-ranking-nl.png").write_bytes(_png(fig))


def test_figures_export_as_png_and_svg():
    from dialoog.ui import figure_svg

    fig = plots.ranking_chart(example(), "en")
    assert _png(fig).startswith(b"\x89PNG") and b"<svg" in figure_svg(fig)[:400]
    assert matplotlib.get_backend()  # nothing above switched backends


def _png(fig: Figure) -> bytes:
    from dialoog.ui import figure_png

    ARTIFACTS.mkdir(exist_ok=True)
    return figure_png(fig)
