"""The self-assessment page driven like a user would: click answers, read the summary back."""

from __future__ import annotations

from datetime import date

import pytest

from dialoog.model import Assessment, Workbook
from dialoog.selfassessment import summary_view
from dialoog.selfassessment import view as view_module
from dialoog.selfassessment.statements import SelfAssessmentDataError
from dialoog.selfassessment.summary_view import SummaryPanel
from dialoog.selfassessment.view import SUMMARY, ElementPage, SelfAssessmentView


@pytest.fixture
def opened():
    return []


@pytest.fixture
def view(session, opened):
    return SelfAssessmentView(session, on_open_form=opened.append)


def inputs(view, element=None):
    pages = [p for p in view.pages.values() if isinstance(p, ElementPage)]
    return [i for p in pages if element in (None, p.element_id) for i in p.inputs]


def answer_all(view, element_answers: dict[str, str], default="4"):
    """Agree (or per element: the given option) everywhere; reversed statements the other way."""
    mirror = {"1": "5", "2": "4", "3": "3", "4": "2", "5": "1", "dk": "dk"}
    for item in inputs(view):
        option = element_answers.get(item.statement.element, default)
        item.choice.value = mirror[option] if item.statement.reversed else option


def steps(view) -> list:
    """The priority steps listed in the summary (not the group headings above them)."""
    return [r for r in view.summary.priority_rows.children if hasattr(r, "children")]


def replace_selfassessment(session, **parts) -> None:
    """A change made elsewhere (another page, another tab), through the session."""
    session.edit("selfassessment", lambda sa: sa.model_copy(update=parts))


def test_opens_on_the_first_element_with_progress_at_zero(view, data):
    assert view.page == "motivatie"
    assert view.page_box.children == (view.pages["motivatie"],)
    assert view.progress.value == 0
    assert f"0 van {len(data.statements)}" in view.progress_text.value
    assert view.previous.disabled


def test_clicking_an_answer_stores_it_and_autosaves(view, session, store, data):
    first = inputs(view, "motivatie")[0]
    revision = session.revision
    first.choice.value = "4"
    assert session.workbook.selfassessment.current.answers == {first.statement.id: "4"}
    assert session.workbook.selfassessment.current.taken == date.today()
    assert session.revision > revision
    assert view.progress.value == 1
    assert "1/5" in view.nav_buttons["motivatie"].description
    session.flush()
    saved = store.load(session.token)
    assert saved.selfassessment.current.answers == {first.statement.id: "4"}


def test_clear_button_removes_the_answer(view, session):
    first = inputs(view)[0]
    first.choice.value = "dk"
    assert first.clear.layout.visibility == "visible"
    first.clear.click()
    assert session.workbook.selfassessment.current.answers == {}
    assert first.choice.value is None
    assert first.clear.layout.visibility == "hidden"


def test_model_changes_show_in_the_widgets(view, session):
    item = inputs(view, "kennis")[1]
    replace_selfassessment(session, current=Assessment(answers={item.statement.id: "2"}))
    assert item.choice.value == "2"
    assert view.progress.value == 1


def test_next_and_previous_walk_the_elements_then_the_summary(view, data):
    for element in data.elements[1:]:
        view.next.click()
        assert view.page == element
    assert view.next.description == "Naar de samenvatting"
    view.next.click()
    assert view.page == SUMMARY
    assert view.next.layout.visibility == "hidden"
    view.previous.click()
    assert view.page == "kennis"
    view.nav_buttons["inclusie"].click()
    assert view.page == "inclusie"
    assert view.nav_buttons["inclusie"].button_style == "info"


def test_language_switch_relabels_and_keeps_answers(view, session):
    item = inputs(view, "inclusie")[0]
    item.choice.value = "5"
    session.language = "en"
    assert item.statement.text.en in item.text.value
    assert item.choice.value == "5"
    assert dict(item.choice.options)["Strongly agree"] == "5"
    assert "Inclusion" in view.nav_buttons["inclusie"].description
    assert "Step 0" in view.title.value
    assert session.workbook.selfassessment.current.answers[item.statement.id] == "5"


def test_summary_shows_bands_and_priority_steps_that_open_the_workbook(view, session, opened):
    answer_all(view, {"inclusie": "2"})
    view.show(SUMMARY)
    table = view.summary.table.value
    assert 'sa-row-orange" data-element="inclusie"' in table
    assert table.count("sa-row-green") == 8
    assert "Oranje" in table and "Groen" in table
    buttons = [r.children[0] for r in steps(view)]
    assert [b.description for b in buttons] == [
        "Stap 3: Stakeholders in kaart brengen",
        "Stap 5a: Met wie ga je in dialoog?",
    ] or all("Stap" in b.description for b in buttons)
    assert len(buttons) == 2
    buttons[1].click()
    assert opened == ["5a"]


def test_orange_explanation_names_what_to_work_on_and_the_weakest_statement(view, data):
    answer_all(view, {"kennis": "1"})
    view.show(SUMMARY)
    row = view.summary.table.value.split('data-element="kennis"')[1].split("</tr>")[0]
    assert "onder de drempel van 60" in row
    assert "Verdiep je in de lokale context" in row
    assert "Laagste score" in row


def test_summary_with_nothing_answered_says_so(view):
    view.show(SUMMARY)
    assert "te weinig beantwoord" in view.summary.status.text.lower()
    assert view.summary.table.value.count("sa-row-insufficient") == 9
    texts = [r.value for r in view.summary.priority_rows.children if not hasattr(r, "children")]
    assert any("zodra er genoeg beantwoord" in t for t in texts)
    assert view.summary.image.png.startswith(b"\x89PNG")


def test_all_dont_know_is_not_a_low_score(view):
    answer_all(view, {}, default="dk")
    view.show(SUMMARY)
    assert view.summary.table.value.count("sa-row-insufficient") == 9
    assert "sa-row-orange" not in view.summary.table.value
    assert view.progress.value == view.progress.max


def test_radar_image_and_downloads(view):
    answer_all(view, {"samenwerking": "2"})
    view.show(SUMMARY)
    assert view.summary.image.png.startswith(b"\x89PNG")
    assert view.summary.png.filename.endswith(".png")
    assert view.summary.png.data.startswith(b"\x89PNG")
    assert not view.summary.svg.data  # drawn when asked for
    view.summary.svg.button.click()
    assert view.summary.svg.filename.endswith(".svg")
    assert b"<svg" in view.summary.svg.data[:500]
    assert "data-autostart" in view.summary.svg.link.value
    view.summary._stale = True  # another answer: the chart changes, the old SVG goes
    view.summary.refresh()
    assert not view.summary.svg.data


def test_chart_is_redrawn_only_when_answers_change(view, monkeypatch):
    calls = []
    real = summary_view.radar_figure
    monkeypatch.setattr(
        summary_view, "radar_figure", lambda *a, **k: calls.append(a) or real(*a, **k)
    )
    answer_all(view, {})
    view.show(SUMMARY)
    view.show("motivatie")
    view.show(SUMMARY)
    view.summary.refresh()
    assert len(calls) == 1
    inputs(view, "motivatie")[0].choice.value = "1"
    view.show(SUMMARY)
    assert len(calls) == 2
    view.session.set_answer("1", "motivation", "elders in het werkboek")  # not on the chart
    view.show(SUMMARY)
    assert len(calls) == 2


def test_keep_as_earlier_starts_again_and_compares(view, session, monkeypatch):
    answer_all(view, {"inclusie": "2"})
    view.show(SUMMARY)
    summary = view.summary
    summary.label.value = "Nulmeting 2025"
    summary.taken.value = date(2025, 11, 1)
    summary.keep.click()
    sa = session.workbook.selfassessment
    assert [a.label for a in sa.earlier] == ["Nulmeting 2025"]
    assert sa.earlier[0].taken == date(2025, 11, 1)
    assert len(sa.earlier[0].answers) == len(inputs(view))
    assert sa.current.answers == {}
    assert all(i.choice.value is None for i in inputs(view))
    assert "Nulmeting 2025" in view.notice.text
    (box,) = summary.compare.children
    assert box.value and box.description == "Nulmeting 2025 (01-11-2025)"
    assert summary.keep.disabled  # nothing to keep now

    captured = []
    real = summary_view.radar_figure
    monkeypatch.setattr(
        summary_view, "radar_figure", lambda s, *a, **k: captured.append(s) or real(s, *a, **k)
    )
    inputs(view, "motivatie")[0].choice.value = "5"
    summary.refresh()
    assert [s.label for s in captured[-1]][1] == "Nulmeting 2025 (01-11-2025)"
    box.value = False
    assert len(captured[-1]) == 1


def test_keeping_an_empty_assessment_is_refused(view, session):
    view.show(SUMMARY)
    view.summary._keep()
    assert session.workbook.selfassessment.earlier == []
    assert "niets te bewaren" in view.notice.text


def test_removing_an_earlier_assessment_asks_first(view, session):
    old = Assessment(label="Oud", taken=date(2024, 1, 1), answers={"kennis_context": "3"})
    replace_selfassessment(session, earlier=[old])
    view.show(SUMMARY)
    remove = view.summary.earlier_rows.children[0].children[-1]
    remove.click()
    assert len(session.workbook.selfassessment.earlier) == 1
    remove = view.summary.earlier_rows.children[0].children[-1]
    assert remove.description == "Zeker weten?"
    remove.click()
    assert session.workbook.selfassessment.earlier == []
    assert "Oud" in view.notice.text


def test_earlier_labels_are_shown_as_text_not_html(view, session):
    hostile = "<img src=x onerror=alert(1)>"
    replace_selfassessment(session, earlier=[Assessment(label=hostile, answers={"x": "1"})])
    view.show(SUMMARY)
    label = view.summary.earlier_rows.children[0].children[0]
    assert label.value == hostile and type(label).__name__ == "Label"
    assert not view.summary.compare.children[0].description_allow_html


def test_opened_file_with_unknown_statements_keeps_known_and_reports_rest(view, session, data):
    known = data.statements[0].id
    workbook = Workbook()
    workbook.selfassessment.current.answers = {known: "5", "oude_stelling": "3", "nog_een": "1"}
    session.replace(workbook)
    assert inputs(view)[0].choice.value == "5"
    assert "2 antwoord(en)" in view.check_notice.text
    assert "oude_stelling" in view.check_notice.text
    assert session.workbook.selfassessment.current.answers["oude_stelling"] == "3"  # kept
    session.language = "en"
    assert "no longer knows" in view.check_notice.text


def test_unknown_option_value_shows_as_open_and_is_reported(session, data):
    first = data.statements[0].id
    session.workbook.selfassessment.current.answers = {first: "7"}
    view = SelfAssessmentView(session)
    assert inputs(view)[0].choice.value is None
    assert first in view.check_notice.text


def test_without_workbook_navigation_priorities_are_listed_as_text(session):
    view = SelfAssessmentView(session)
    answer_all(view, {"motivatie": "1"})
    view.show(SUMMARY)
    (row,) = steps(view)
    assert "Stap 1" in row.children[0].value
    assert type(row.children[0]).__name__ == "HTML"


def test_english_summary(view, session):
    answer_all(view, {"commitment": "2"})
    session.language = "en"
    view.show(SUMMARY)
    assert "Orange" in view.summary.table.value
    assert "Step 2" in steps(view)[0].children[0].description


def test_broken_data_shows_a_message_instead_of_failing(session, monkeypatch):
    def broken(**_kwargs):
        raise SelfAssessmentDataError("statements.yaml: element 'moed' is not one of ...")

    monkeypatch.setattr(view_module, "load_statements", broken)
    view = SelfAssessmentView(session)
    assert "statements.yaml" in view.notice.text
    assert view.notice.kind == "error"


def test_summary_panel_is_a_widget_of_its_own(session, data):
    panel = SummaryPanel(session, data, None, view_module.Notice())
    panel.refresh()
    assert panel.image.png.startswith(b"\x89PNG")
