"""A keystroke in one step redraws that step and its status, and no other page.

Every page of the app is built, then one answer is typed in step 1; the refreshes of every
page are counted.
"""

from __future__ import annotations

from collections import Counter

import pytest

from dialoog.plan import view as plan_view
from dialoog.selfassessment.summary_view import SummaryPanel
from dialoog.stakeholders.view import RegisterView
from dialoog.views import overview as overview_module
from dialoog.views.app import WorkbookApp
from dialoog.views.step_form import StepForm


@pytest.fixture
def counted(monkeypatch):
    calls: Counter = Counter()

    def count(cls, name, key=None):
        real = getattr(cls, name)

        def wrapper(self, *args, **kwargs):
            label = key(self, *args) if key else cls.__name__
            calls[label] += 1
            return real(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, wrapper)

    count(StepForm, "refresh", lambda self, *a: f"step {self.form.id}")
    count(overview_module.Overview, "refresh_form", lambda self, form: f"overview {form.id}")
    count(overview_module.Navigator, "refresh_page", lambda self, page: f"nav {page}")
    count(RegisterView, "refresh")
    count(SummaryPanel, "_on_change")
    count(plan_view.AgreementsEditor, "_refresh")
    count(plan_view.LetterEditor, "_refresh")
    count(plan_view.EvaluationPanel, "_refresh")
    count(plan_view.DownloadsPanel, "_stale")
    return calls


def test_typing_in_step_1_refreshes_only_step_1_and_its_status(session, counted):
    app = WorkbookApp(session)
    for page in app.page_ids:  # every page built, so every view is listening
        app.show(page)
    app.show("1")
    counted.clear()
    field = next(f for f in app.page_widget("1").fields if f.spec.id == "motivation")
    field.input.value = "Omdat we willen leren"
    assert session.answer("1", "motivation") == "Omdat we willen leren"
    expected = {"step 1": 1, "overview 1": 1, "nav 1": 1, "DownloadsPanel": 1}
    assert dict(counted) == expected


def test_a_register_change_refreshes_the_register_and_its_steps_not_the_others(session, counted):
    app = WorkbookApp(session)
    for page in app.page_ids:
        app.show(page)
    counted.clear()
    register = app.page_widget("3")
    view = next(f for f in register.fields if isinstance(f, RegisterView))
    view.register.add.click()
    view.register.form.inputs["name"].value = "Buurtbewoners"
    view.register.form.save.click()
    steps = {k for k in counted if k.startswith("step ")}
    assert steps == {"step 3", "step 5a"}  # the two steps that show the register
    assert counted["RegisterView"] == 2  # the map (step 3) and the selection (step 5a)
    assert "SummaryPanel" not in counted
