"""One formatter: every number, percentage and date a person reads goes through
`dialoog.formatting`, written as the reader writes it, and a label never rounds a value onto the
other side of a threshold it is compared with.

The package's source is read as a syntax tree: `strftime` and format specs in f-strings
(`{x:.1f}`, `{x:%Y}`, `{x:.0%}`) appear in `formatting.py` only; views, charts and the
self-assessment's texts write no ISO date (`isoformat()`), which is for storage and machines.
"""

from __future__ import annotations

import ast
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

import dialoog
from dialoog.formatting import (
    clock_time,
    file_stamp,
    format_banded,
    format_moment,
    format_number,
    format_percent,
    sheet_moment,
)
from dialoog.i18n import t

PACKAGE = Path(dialoog.__file__).parent
# modules that show things to people: no ISO date may be written there
SHOWN = ("views", "view", "panel", "plots", "charts", "radar", "pagebits", "selfassessment",
         "sources", "document", "timeline")  # fmt: skip


def _sources() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.name != "formatting.py" and "testing" not in p.parts
    )


def _calls(tree: ast.AST, name: str) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == name
    ]


def test_no_strftime_or_number_format_outside_the_formatter():
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text())
        where = path.relative_to(PACKAGE)
        found += [f"{where}:{line}: strftime" for line in _calls(tree, "strftime")]
        for node in ast.walk(tree):
            if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                spec = ast.unparse(node.format_spec)
                found.append(f"{where}:{node.lineno}: format spec {spec}")
            if (
                isinstance(node, ast.BinOp)
                and isinstance(node.op, ast.Mod)
                and isinstance(node.left, ast.Constant)
                and isinstance(node.left.value, str)
                and "%" in node.left.value
            ):
                found.append(f"{where}:{node.lineno}: %-format")
    assert found == []


def test_no_iso_date_in_what_people_read():
    found = []
    for path in _sources():
        where = path.relative_to(PACKAGE)
        if not any(part in str(where) for part in SHOWN):
            continue
        tree = ast.parse(path.read_text())
        found += [f"{where}:{line}" for line in _calls(tree, "isoformat")]
    allowed = {
        "views/fields.py",  # a date answer is stored as ISO text (the model's format)
        "workshop/pagebits.py",  # the countdown's end, for the script that counts down
    }
    assert [f for f in found if f.split(":")[0] not in allowed] == []


@pytest.mark.parametrize(
    ("value", "limits", "shown"),
    [(69.6, (40, 70), "69,6"), (69.4, (40, 70), "69"), (70.0, (40, 70), "70"),
     (39.96, (40, 70), "39,9"), (85.2, (40, 70), "85"), (None, (40,), "—")],
)  # fmt: skip
def test_a_label_never_rounds_across_a_band(value, limits, shown):
    assert format_banded(value, "nl", limits) == shown


def test_the_ranking_chart_labels_a_priority_on_its_own_side_of_the_band():
    import pandas as pd

    from dialoog.stakeholders.plots import ranking_chart

    frame = pd.DataFrame(
        {"name": ["A", "B"], "priority": [69.6, 40.0], "band": ["medium", "medium"],
         "rank": [1, 2], "selected": [False, False], "complete": [True, True]}
    )  # fmt: skip
    fig = ranking_chart(frame, "nl")
    labels = {text.get_text() for text in fig.axes[0].texts}
    assert "69,6" in labels and "70" not in labels and "40" in labels


def test_dates_and_moments_as_the_reader_writes_them():
    moment = datetime(2026, 3, 12, 14, 10, 5, tzinfo=timezone.utc).astimezone()
    assert format_moment(moment, "nl") == moment.strftime("%d-%m-%Y %H:%M")
    assert format_moment(moment, "en") == moment.strftime("%d/%m/%Y %H:%M")
    assert clock_time(moment.isoformat()) == moment.strftime("%H:%M:%S")
    assert file_stamp(date(2026, 3, 2)) == "2026-03-02"
    assert file_stamp(moment) == moment.strftime("%Y%m%d-%H%M")
    assert sheet_moment(moment).tzinfo is None
    assert format_percent(0.125, "nl", 1) == "12,5%" and format_percent(0.4, "en") == "40%"
    assert format_number(3.25, "nl", 6) == "3,25"
    # a date given to a message is written the reader's way, in either language
    assert "12-03-2026" in t(
        "sa.assessment.label_with_date", "nl", label="x", date=date(2026, 3, 12)
    )
    assert "12/03/2026" in t(
        "sa.assessment.label_with_date", "en", label="x", date=date(2026, 3, 12)
    )


def test_the_radar_title_and_a_refused_date_are_written_the_readers_way():
    from dialoog.engagement import api
    from dialoog.selfassessment.radar import chart_title

    assert "1-3-2026" not in chart_title("De Boon", date(2026, 3, 1), "nl")
    assert "01-03-2026" in chart_title("De Boon", date(2026, 3, 1), "nl")
    problem = api.validate([], {"contact_date": date(2031, 1, 15), "stakeholder_names": ["A"]},
                           today=date(2026, 12, 7))  # fmt: skip
    assert "15-01-2031" in problem.text("nl") and "2031-01-15" not in problem.text("nl")
