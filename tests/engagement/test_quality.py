"""Dialogue quality over time: the company's ratings beside the stakeholders' own view (9b)."""

from __future__ import annotations

from datetime import date

import pytest

from dialoog.engagement import api, quality
from dialoog.engagement.record import EngagementDataError, _load
from dialoog.model import Workbook
from dialoog.paths import data_dir
from dialoog.plan import api as plan_api
from dialoog.plan.export import plan_html
from dialoog.plan.view import EvaluationPanel
from dialoog.stakeholders.record import Stakeholder

TODAY = date(2026, 12, 2)


@pytest.fixture
def workbook() -> Workbook:
    register = [Stakeholder(name="Vakbond NGWF", group="union", selected=True)]
    log = []
    for day, scores in (
        (date(2026, 3, 10), {"two_way": 2, "ongoing": 3}),
        (date(2026, 3, 20), {"two_way": 4}),
        (date(2026, 10, 1), {"two_way": 5, "responsive": 1}),
        (date(2026, 10, 2), {}),
    ):
        values = {"contact_date": day, "stakeholder_ids": [register[0].id], "quality": scores}
        log = api.add(log, register, values, today=TODAY).value
    wb = Workbook(stakeholders=register, engagements=log)
    # the stakeholders' own view in 9b: 'heard' and 'equal' ask about two-way dialogue
    wb.followup = plan_api.add_evaluation(
        wb.followup, "stakeholder", "Vakbond", {"heard": "2", "equal": "na", "feedback": "3"},
        date(2026, 10, 15),
    )  # fmt: skip
    wb.followup = plan_api.add_evaluation(
        wb.followup, "company", "", {"heard": "5"}, date(2026, 10, 15)
    )
    return wb


def test_ratings_are_averaged_per_quarter_beside_the_stakeholders_view(workbook):
    points = {(p.quarter, p.quality): p for p in quality.over_time(workbook)}
    assert points[("2026-K1", "two_way")].company == 3
    assert points[("2026-K1", "two_way")].company_n == 2
    assert points[("2026-K1", "two_way")].stakeholders is None
    assert points[("2026-K4", "two_way")].company == 5
    # the stakeholder said 2 on 'heard' and 'don't know' on 'equal': only the 2 counts,
    # and the company's own 9b form is not the stakeholders' view
    assert points[("2026-K4", "two_way")].stakeholders == 2
    assert points[("2026-K4", "two_way")].stakeholders_n == 1
    assert points[("2026-K4", "responsive")].stakeholders == 3
    assert ("2026-K4", "ongoing") not in points  # nothing on either side


def test_the_table_and_summary_read_in_the_users_language(workbook):
    table = quality.table(workbook, "nl")
    assert table.headers[2] == "Ons oordeel na contact"
    row = next(r for r in table.rows if r[0] == "2026-K1" and r[1] == "Tweerichtingsverkeer")
    assert row[2:] == ("3 (n=2)", "—")
    text = quality.summary(workbook, "nl")
    assert text.startswith("3 contacten beoordeeld") and "‘Responsief" in text
    assert quality.summary(Workbook(), "en").startswith("No contact has been rated")


def test_the_chart_has_four_panels_and_a_text_alternative(workbook):
    fig, alt = quality.chart(workbook, "en")
    assert len(fig.axes) == 4
    assert [ax.get_title() for ax in fig.axes][0] == "Two-way"
    assert "2 quarters" in alt and "lowest is ‘Responsive" in alt


def test_the_evaluation_page_and_the_plan_show_quality_over_time(session, workbook):
    session.replace(workbook)
    panel = EvaluationPanel(session)
    assert "Kwaliteit van de dialoog door de tijd" in panel.quality.value
    assert "3 (n=2)" in panel.quality.value
    panel.draw_quality()
    assert panel.quality_chart.png.startswith(b"\x89PNG")
    assert "Vier kleine lijndiagrammen" in panel.quality_chart.alt
    page = plan_html(workbook, lang="nl", today=TODAY).decode()
    assert "Kwaliteit van de dialoog door de tijd" in page and "Oordeel van de stakeholders" in page


def test_a_quality_naming_an_unknown_evaluation_statement_is_refused(tmp_path):
    source = (data_dir() / "engagement" / "choices.yaml").read_text(encoding="utf-8")
    (tmp_path / "choices.yaml").write_text(source.replace("[continue]", "[carry_on]"), "utf-8")
    with pytest.raises(EngagementDataError, match="carry_on"):
        _load(str(tmp_path))
