"""The whole workbook app: every page opens, the pager walks the pages, the overview re-labels."""

from __future__ import annotations

import warnings

import pytest

from dialoog import api
from dialoog.views.app import FIXED_PAGES, WorkbookApp
from dialoog.views.organisation import OrganisationPage
from dialoog.views.overview import Overview
from dialoog.views.step_form import StepForm

FORM_IDS = ["1", "2", "3", "4a", "4b", "4c", "4d", "5a", "5b", "6", "7", "8a", "8b", "9a", "9b"]


@pytest.fixture
def app(session) -> WorkbookApp:
    return WorkbookApp(session)


def test_the_app_opens_on_the_overview(app):
    assert app.page == "home"
    assert isinstance(app.page_box.children[0], Overview)
    assert app.previous.disabled and not app.next.disabled


def test_pages_are_the_fixed_pages_then_every_form_then_the_plan_then_sharing(app):
    assert app.page_ids == [*FIXED_PAGES, *FORM_IDS, "plan", "share", "history"]


@pytest.mark.parametrize("page", [*FIXED_PAGES, *FORM_IDS, "plan", "share", "history"])
def test_every_page_opens(app, page):
    app.show(page)
    assert app.page == page
    assert app.notice.value == ""
    widget = app.page_box.children[0]
    if page in FORM_IDS:
        assert isinstance(widget, StepForm) and widget.form.id == page
    elif page == "organisation":
        assert isinstance(widget, OrganisationPage)
    assert app.nav.buttons[page].button_style == "info"
    assert sum(b.button_style == "info" for b in app.nav.buttons.values()) == 1


def test_an_unknown_page_is_ignored(app):
    app.show("4e")
    assert app.page == "home"


def test_next_walks_through_all_pages_in_order_and_previous_walks_back(app):
    seen = [app.page]
    while not app.next.disabled:
        app.next.click()
        seen.append(app.page)
    assert seen == app.page_ids
    assert app.previous.disabled is False
    back = [app.page]
    while not app.previous.disabled:
        app.previous.click()
        back.append(app.page)
    assert back == list(reversed(app.page_ids))


def test_pages_are_built_once_and_keep_their_state(app, session):
    app.show("1")
    first = app.page_box.children[0]
    app.show("2")
    app.show("1")
    assert app.page_box.children[0] is first


def overview_text(app: WorkbookApp) -> dict[str, str]:
    """Per phase number: all the text of that phase's box."""
    overview = app.page_widget("home")
    out = {}
    for phase, title in overview.phase_titles.items():
        box = next(c for c in overview.children if title in getattr(c, "children", ()))
        number = next(p.number for p in app.session.content.phases if p.id == phase)
        parts = [title.value]
        for row in box.children[1:]:
            parts.append(row.value if hasattr(row, "value") else row.children[0].value)
        out[number] = " ".join(parts)
    return out


def test_overview_lists_the_nine_steps_under_their_phases(app):
    text = overview_text(app)
    expected = {1: [1, 2, 3], 2: [4, 5, 6, 7], 3: [8], 4: [9]}
    for phase, steps in expected.items():
        assert f"Fase {phase}:" in text[phase]
        for step in range(1, 10):
            assert (f"Stap {step}:" in text[phase]) is (step in steps), (phase, step)


def test_overview_buttons_open_their_step(app):
    overview = app.page_widget("home")
    overview.rows["5b"][1].click()
    assert app.page == "5b"
    overview.start["organisation"].click()
    assert app.page == "organisation"


def test_overview_shows_status_of_each_form(app, session):
    overview = app.page_widget("home")
    assert "dialoog-status-empty" in overview.rows["1"][0].value
    session.set_answer("1", "motivation", "x")
    assert "dialoog-status-in_progress" in overview.rows["1"][0].value
    session.set_answer("4a", next(iter(session.content.form("4a").fields)).id, "x")
    assert "dialoog-status-in_progress" in overview.step_titles["4"].value


def test_language_switch_relabels_the_app_without_losing_answers(app, session):
    app.show("1")
    page = app.page_box.children[0]
    page.fields[1].input.value = "Omdat we willen leren"
    app.header.language.value = "en"
    assert session.language == "en"
    text = overview_text(app)
    assert "Step 1:" in text[1] and "Phase 1:" in text[1] and "Stap 1" not in text[1]
    assert app.next.description == "Next" and app.previous.description == "Previous"
    assert "Meaningful stakeholder dialogue" in app.header.title.value
    assert session.answer("1", "motivation") == "Omdat we willen leren"
    assert page.fields[1].input.value == "Omdat we willen leren"
    assert "Step 1" in app.nav.buttons["1"].description


def test_a_language_change_in_the_session_moves_the_toggle(app, session):
    session.language = "en"
    assert app.header.language.value == "en"


def test_organisation_page_edits_the_workbook(app, session):
    app.show("organisation")
    page = app.page_box.children[0]
    page.inputs["name"].value = "Bakkerij <De Korenaar>"
    assert session.workbook.organisation.name == "Bakkerij <De Korenaar>"
    session.edit("organisation", api.set_organisation, "sector", "Voeding")
    assert page.inputs["sector"].value == "Voeding"
    session.language = "en"
    assert page.inputs["name"].description == "Name"
    assert page.inputs["name"].value == "Bakkerij <De Korenaar>"


def test_views_pass_only_layout_properties_that_ipywidgets_knows(session):
    """Unknown Layout arguments (e.g. gap) are silently dropped by ipywidgets 8."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app = WorkbookApp(session)
        for page in app.page_ids:
            app.show(page)
    unknown = [str(w.message) for w in caught if "unrecognized arguments" in str(w.message)]
    assert not unknown


def test_step_0_shows_one_pair_of_previous_and_next(app):
    app.show("selfassessment")
    assert app.pager.layout.display == "none"  # the self-assessment's own pager leads
    app.show("1")
    assert app.pager.layout.display != "none"


def test_a_stakeholder_shows_its_dialogue_and_leads_to_the_engagement_log(app, session):
    """Step 3: the form of a stakeholder says how often it was engaged and when last; the
    button opens the page of the engagement log in the same app."""
    from datetime import date, timedelta

    from dialoog.engagement import api as log_api
    from dialoog.stakeholders import api as register_api

    session.edit("stakeholders", register_api.add, {"name": "Naaisters", "selected": True})
    stakeholder = session.workbook.stakeholders[0]
    app.show("3")
    register = app.page_widget("3")
    form = next(w for w in _walk(register) if type(w).__name__ == "StakeholderForm")
    form.show(stakeholder.id)
    assert "nog geen contact" in form.dialogue.value
    assert "gekozen, nog nooit gesproken" in form.dialogue.value
    day = date.today() - timedelta(days=3)
    session.edit(
        "engagements", log_api.add, session.workbook.stakeholders,
        {"contact_date": day, "stakeholder_ids": [stakeholder.id]}, today=date.today(),
    )  # fmt: skip
    assert "Dialoog: 1 contact in het logboek" in form.dialogue.value
    assert "laatste op" in form.dialogue.value and "nooit" not in form.dialogue.value
    form.to_log.click()
    log_form, _spec = session.content.field_with_role("engagement_log")
    assert app.page == log_form.id and session.page_request == ""


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)
