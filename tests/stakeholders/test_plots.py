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
from dialoog.stakeholders.tables import ensure_prioritised

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
    (ARTIFACTS / "sh-map-42.png").write_bytes(_png(fig))
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


def key_entries(fig: Figure) -> list[str]:
    key = fig.axes[2]
    lines = [line for text in key.texts[1:] for line in text.get_text().splitlines()]
    return lines


def test_every_assessed_stakeholder_is_named_or_in_the_key():
    frame = example()
    fig = plots.stakeholder_map(frame, "nl")
    named = [label.get_text() for label in name_labels(fig)]
    keyed = key_entries(fig)
    assert fig.axes[2].texts[0].get_text() == "Getallen op de kaart"
    ranked = ensure_prioritised(frame)
    assessed = ranked[ranked["severity"].notna()]
    for rank, name, band, selected in assessed[["rank", "name", "band", "selected"]].itertuples(
        index=False
    ):
        shown = [n for n in named if n.startswith(f"{rank}. ")]
        listed = [k for k in keyed if k.startswith(f"{rank}  ") and name[:20] in k]
        assert shown or listed, name
        if band == "high" or selected:  # every high-priority and selected one carries a name
            assert shown, name
    assert len(named) + len(keyed) == len(assessed)
    numbers = sorted(int(t.get_text()) for t in fig.axes[0].texts if t.get_text().isdigit())
    assert numbers == sorted(int(k.split()[0]) for k in keyed)


def test_group_names_in_the_legend_wrap_instead_of_being_cut():
    fig = plots.stakeholder_map(example(), "nl")
    from matplotlib.legend import Legend

    legends = [a for a in fig.axes[1].get_children() if isinstance(a, Legend)]
    texts = [t.get_text() for legend in legends for t in legend.get_texts()]
    assert not any("…" in text for text in texts)
    assert "Rechthebbenden (direct\ngetroffen)" in texts


def test_a_missing_likelihood_puts_the_point_in_a_row_of_its_own():
    frame = frame_of(
        person("Met kans", group="worker", scale=4, likelihood=4, vulnerability=3),
        person("Zonder kans", group="worker", scale=4, vulnerability=3),
        person("Niet beoordeeld", group="worker"),
    )
    fig = plots.stakeholder_map(frame, "en")
    ax = fig.axes[0]
    offsets = [tuple(o) for c in ax.collections for o in c.get_offsets()]
    assert len(offsets) == 2  # both assessed ones, the unassessed one is counted in the note
    assert min(y for _x, y in offsets) < 1  # below the scale: the "not filled in" row
    assert ax.get_yticklabels()[0].get_text() == "?  not filled in"
    note = fig.texts[-1].get_text().replace("\n", " ")
    assert "Open symbol: likelihood not yet filled in" in note
    assert "1 stakeholders without a severity score" in note


def test_a_map_of_150_stakeholders_shows_every_point_and_keeps_names_apart():
    import sys

    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from register import make_register

    frame = import_file(make_register(150), "big.csv").frame
    fig = plots.stakeholder_map(frame, "nl")
    ranked = ensure_prioritised(frame)
    assessed = int(ranked["severity"].notna().sum())
    points = sum(len(c.get_offsets()) for c in fig.axes[0].collections)
    assert points == assessed
    placed = boxes(fig, name_labels(fig))
    assert 10 <= len(placed) <= 20  # a name with no free spot left becomes a number in the key
    assert [
        (i, j) for i in range(len(placed)) for j in range(i) if placed[i].overlaps(placed[j])
    ] == []
    assert len(name_labels(fig)) + len(key_entries(fig)) == assessed
    (ARTIFACTS / "sh-map-150.png").write_bytes(_png(fig))


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
