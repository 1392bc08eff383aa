"""A live workshop in one Chromium: a facilitator page and three participants on their own pages.

The facilitator starts a session, three participants join with the code (one by typing it, two
from the link), answer and submit; the facilitator page updates by itself (no reload) to three
submissions and shows the group's radar chart. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re

import pytest

from dialoog.testing.browser import is_local, wait_rendered
from dialoog.workshop.instrument import load_instrument

CHOICES = [0, 2, 4]  # each participant picks another point of the scale: the group disagrees


def _participant_page(browser, requests: list[str]):
    context = browser.new_context(viewport={"width": 420, "height": 900})  # a phone-sized page
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    page.on("dialog", lambda d: (requests.append(f"dialog: {d.message}"), d.dismiss()))
    return context, page


def test_facilitator_sees_three_submissions_and_the_pooled_radar(
    voila_server, page, browser, artifacts_dir
):
    if load_instrument() is None:
        pytest.skip("the self-assessment (issue 3) is not installed yet: no statements to pool")
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{voila_server}/voila/render/facilitator.ipynb")
    wait_rendered(page, ".ws-facilitator")
    page.locator(".ws-title-input input").fill("Sectordag textiel")
    page.locator("button.ws-create").click()
    code_box = page.locator(".ws-code")
    code_box.wait_for()
    code = code_box.inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", code)
    page.wait_for_url(re.compile(r"werkboek="))  # a reload resumes this facilitator's session
    page.screenshot(path=str(artifacts_dir / "workshop-facilitator-start.png"), full_page=True)

    requests: list[str] = []
    contexts = []
    try:
        for number, choice in enumerate(CHOICES):
            context, participant = _participant_page(browser, requests)
            contexts.append(context)
            if number == 0:  # typed by hand, in lower case and without the dash
                participant.goto(f"{voila_server}/voila/render/participant.ipynb")
                wait_rendered(participant, ".ws-participant")
                participant.locator(".ws-code-input input").fill(code.lower().replace("-", ""))
            else:  # from the link the facilitator shares
                participant.goto(f"{voila_server}/voila/render/participant.ipynb?code={code}")
                wait_rendered(participant, ".ws-participant")
            if number == 1:
                participant.locator(".ws-name-input input").fill("Deelnemer <b>twee</b>")
            participant.locator("button.ws-join").click()
            participant.locator("button.ws-submit").wait_for()
            statements = participant.locator(".ws-statement")
            for index in range(statements.count()):
                statements.nth(index).locator(".widget-toggle-button").nth(choice).click()
            participant.locator("button.ws-submit").click()
            participant.locator(".dialoog-notice-success").wait_for(timeout=20_000)
            participant.wait_for_url(re.compile(r"werkboek="))
            participant.screenshot(
                path=str(artifacts_dir / f"workshop-participant-{number + 1}.png"), full_page=True
            )

        # the facilitator page catches up by itself: no reload, no click
        page.locator(".ws-counts", has_text="3 verstuurd").wait_for(timeout=20_000)
        radar = page.locator(".ws-radar img")
        radar.wait_for(state="visible", timeout=20_000)
        page.wait_for_function(
            "() => { const i = document.querySelector('.ws-radar img');"
            " return i && i.complete && i.naturalWidth > 200; }",
            timeout=20_000,
        )
        page.locator(".ws-distribution .ws-bar").nth(9).wait_for()  # answers per statement
        assert page.locator(".ws-people", has_text="Deelnemer <b>twee</b>").count() == 1
        assert page.locator(".ws-people b").count() == 0  # names are text, never markup
        page.screenshot(path=str(artifacts_dir / "workshop-facilitator-top.png"))
        page.set_viewport_size({"width": 1280, "height": 3200})  # the whole room view at once
        results = page.locator(".ws-results")
        results.screenshot(path=str(artifacts_dir / "workshop-facilitator-results.png"))

        # a re-submission changes the answers, not the count
        again = contexts[0].pages[0]
        again.locator("button.ws-submit").click()
        again.locator(".dialoog-notice-success").wait_for()
        page.wait_for_timeout(3_500)
        assert page.locator(".ws-counts", has_text="3 meegedaan · 3 verstuurd").count() == 1

        # closed: a participant's submission is refused with a message, their answers stay
        page.locator("button.ws-close").click()
        page.locator(".ws-status-closed").wait_for()
        again.locator("button.ws-submit").click()
        again.locator(".dialoog-notice-error", has_text="gesloten").wait_for()
        assert again.locator(".ws-statement .widget-toggle-button.mod-active").count() > 0
        again.screenshot(path=str(artifacts_dir / "workshop-participant-closed.png"))
    finally:
        for context in contexts:
            for p in context.pages:
                p.close(run_before_unload=True)
            context.close()
    external = [u for u in requests if not u.startswith("dialog") and not is_local(u)]
    assert not external, f"requests left 127.0.0.1: {external}"
    assert not [u for u in requests if u.startswith("dialog")]
