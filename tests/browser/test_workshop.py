"""A live workshop in real browsers: the facilitator's page, the projected room view at
1920×1080, and five participants on phones (390×844, touch) answering screen by screen.

The room view's QR code is decoded from its screenshot and must lead to the join link; its
address, opened in a fresh browser, shows no control and no names; so does the facilitator
page's own address. An open question gets answers, one is hidden; a countdown closes the round;
"Overnemen in werkboek" puts the group on the company's radar. Screenshots: tests/artifacts/.
"""

from __future__ import annotations

import io
import re
import sys

import pytest
import zxingcpp
from PIL import Image

from dialoog.testing.browser import is_local, wait_rendered
from dialoog.workshop.instrument import load_instrument
from dialoog.workshop.store import WorkshopStore

CHOICES = [0, 2, 4, 3, 1]  # each participant picks another point of the scale
PHONE = {"width": 390, "height": 844}
# "about one and a half phone heights": the tallest screen (the first, with the help text and
# five statements of three to four lines) measures 1.62 phone heights at 390×844
TALLEST_SCREEN = 1.65


def _phone(browser, requests: list[str]):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    page.on("dialog", lambda d: (requests.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: requests.append(f"pageerror: {e}"))
    page.on(
        "console",
        lambda m: requests.append(f"console: {m.text}") if m.type == "error" else None,
    )
    return context, page


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"page is {width}px wide on a {PHONE['width']}px phone"


def _small_targets(page) -> list[str]:
    """Visible buttons of the participant page smaller than 44×44 CSS px."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.ws-participant button')]
            .filter(b => b.offsetParent !== null)
            .map(b => [b.textContent.trim(), b.getBoundingClientRect()])
            .filter(([_, r]) => r.width < 44 || r.height < 44)
            .map(([t, r]) => `${t}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )


def _room_text_below(page, minimum: float) -> list[str]:
    """Text in the room view set in less than `minimum` CSS px (names for screen readers only,
    one pixel wide, are not on the screen)."""
    return page.evaluate(
        """(minimum) => [...document.querySelectorAll('.ws-room *')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 1
                && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => [e.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])
            .filter(([_, size]) => size < minimum)
            .map(([t, size]) => `${t}: ${size}px`)""",
        minimum,
    )


def _front(page):
    """Each phone is in its owner's hand: in front (a page in the background gets no
    animation frames, so its widgets would not redraw)."""
    page.bring_to_front()
    return page


def _settled_height(page) -> int:
    """The page's height once layout has settled (two equal readings 300 ms apart)."""
    script = "() => document.getElementById('rendered_cells').scrollHeight"
    height = page.evaluate(script)
    for _ in range(20):
        page.wait_for_timeout(300)
        again = page.evaluate(script)
        if again == height:
            return height
        height = again
    return height


def _answer_screen_by_screen(page, choice: int, artifacts_dir, number: int) -> int:
    screens = 0
    while True:
        screen = page.locator(".ws-screen:visible")
        statements = screen.locator(".ws-statement")
        statements.first.wait_for()  # a screen's statements are made when it is first shown
        for index in range(statements.count()):
            statements.nth(index).locator(".widget-toggle-button").nth(choice).tap()
        screens += 1
        height = _settled_height(page)
        parts = page.evaluate(
            "() => [...document.querySelectorAll('.ws-screen:not([style*=none]) > *')]"
            ".filter(e => e.offsetHeight).map(e => e.className.split(' ').pop() + ' '"
            " + e.offsetHeight)"
        )
        assert height <= TALLEST_SCREEN * PHONE["height"], f"{number}/{screens}: {height} {parts}"
        _no_sideways_scroll(page)
        if number == 0 and screens == 2:
            page.screenshot(path=str(artifacts_dir / "workshop-phone-screen.png"), full_page=True)
            assert not _small_targets(page), _small_targets(page)
        following = page.locator("button.ws-next")
        if not following.is_visible():
            return screens
        following.tap()
        page.locator(".ws-progress-text", has_text=f"Onderdeel {screens + 1} van").wait_for()


def test_a_room_follows_the_workshop_on_the_projector_and_phones(
    voila_process, page, browser, artifacts_dir
):
    if load_instrument() is None:
        pytest.skip("the self-assessment is not installed: no statements to pool")
    base = voila_process.url
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{base}/voila/render/facilitator.ipynb")
    wait_rendered(page, ".ws-facilitator")
    page.locator(".ws-title-input input").fill("Sectordag textiel")
    page.locator("button.ws-create").click()
    code = page.locator(".ws-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", code)
    page.wait_for_url(re.compile(r"werkboek="))
    facilitator_address = page.url
    page.locator(".ws-secret-toggle").click()
    secret = re.search(r"beheer=([A-Za-z0-9_-]+)", page.locator(".ws-secret").inner_text())[1]
    room_href = page.locator(".ws-room-open a").get_attribute("href")
    assert "zaal=" in room_href and secret not in room_href
    page.screenshot(path=str(artifacts_dir / "workshop-facilitator-start.png"), full_page=True)

    requests: list[str] = []
    contexts = []
    try:
        # the projected page, in a browser of its own
        projector = browser.new_context(viewport={"width": 1920, "height": 1080})
        contexts.append(projector)
        room = projector.new_page()
        room.goto(f"{base}/voila/render/{room_href}")
        wait_rendered(room, ".ws-room")
        room.locator(".ws-room-code", has_text=code).wait_for()
        qr = Image.open(io.BytesIO(room.locator(".ws-qr").screenshot()))
        decoded = [r.text for r in zxingcpp.read_barcodes(qr)]
        assert decoded and decoded[0].endswith(f"participant.ipynb?code={code}"), decoded
        assert decoded[0].startswith(f"{base}/voila/render/participant.ipynb?code=")
        assert not _room_text_below(room, 28), _room_text_below(room, 28)
        assert room.title() == "Sectordag textiel"

        # five phones join by the QR code's link and answer screen by screen
        phones = []
        for number, choice in enumerate(CHOICES):
            context, phone = _phone(browser, requests)
            contexts.append(context)
            _front(phone).goto(decoded[0])
            wait_rendered(phone, ".ws-participant")
            if number == 1:
                phone.locator(".ws-name-input input").fill("Deelnemer <b>twee</b>")
            phone.locator("button.ws-join").click()
            try:
                phone.locator(".ws-progress-text", has_text="Onderdeel 1 van").wait_for(
                    timeout=30_000
                )
            except Exception:
                print(
                    "DOM",
                    phone.evaluate(
                        "() => [...document.querySelectorAll('.ws-participant > *')].map(e =>"
                        " e.className + ' ' + e.style.display + ' ' + e.offsetHeight)"
                    ),
                )
                print("BOX", phone.evaluate("() => document.querySelectorAll('.ws-screen').length"))
                raise
            screens = _answer_screen_by_screen(phone, choice, artifacts_dir, number)
            assert screens >= 9
            _front(phone).locator("button.ws-submit").tap()
            phone.locator(".ws-submit-notice .dialoog-notice-success").wait_for(timeout=20_000)
            phones.append(phone)
        phones[0].screenshot(path=str(artifacts_dir / "workshop-phone-sent.png"), full_page=True)

        # the room catches up by itself, and never shows a name
        _front(room).locator(".ws-room-count", has_text="5 verstuurd").wait_for(timeout=10_000)
        room.wait_for_function(
            "() => { const i = document.querySelector('.ws-room-radar img');"
            " return i && i.complete && i.naturalWidth > 300; }",
            timeout=20_000,
        )
        assert "Deelnemer" not in room.locator("body").inner_text()

        # an open question: four answers, one hidden by the facilitator
        page.locator(".ws-question-text textarea").fill("Waarom willen wij deze dialoog?")
        page.locator("button.ws-pose").click()
        answers = ["Risico's in de keten", "Vertrouwen opbouwen", "Vertrouwen", "Niet zinvol!!"]
        for phone, text in zip(phones, answers, strict=False):
            _front(phone).locator(".ws-open-question").wait_for(timeout=10_000)
            phone.locator(".ws-open-answer textarea").fill(text)
            phone.locator("button.ws-open-send").tap()
            phone.locator(".ws-open-box .dialoog-notice-success").wait_for()
        _front(page).locator(".ws-answer-row").nth(3).wait_for(timeout=10_000)
        page.locator(".ws-answer-row", has_text="Niet zinvol").locator("button").click()
        page.locator(".ws-question-box", has_text="4 antwoorden, 3 zichtbaar").wait_for()
        _front(room).wait_for_function(
            "() => { const l = document.querySelectorAll('.ws-room-list li');"
            " return l.length === 3 && ![...l].some(i => i.textContent.includes('Niet zinvol')); }",
            timeout=10_000,
        )
        room.locator(".ws-room-qmeta", has_text="3 antwoorden").wait_for()
        room.locator(".ws-room-cloud img").wait_for()
        assert "Niet zinvol" not in room.locator(".ws-room-list").inner_text()
        assert "Vertrouwen" in room.locator(".ws-room-list").inner_text()
        assert "vertrouwen" in room.locator(".ws-room-cloud img").get_attribute("alt")
        room.screenshot(path=str(artifacts_dir / "workshop-room-1920.png"), full_page=True)
        assert not _room_text_below(room, 28), _room_text_below(room, 28)

        # countdowns close the round by themselves (set to seconds here, as the page sets
        # minutes): the question leaves the phones, a late submission is refused, answers stay
        store = WorkshopStore(f"sqlite:///{voila_process.data_dir / 'dialoog.sqlite'}")
        facilitation = store.facilitate(secret)
        question = facilitation.questions()[-1]
        facilitation.reopen_question(question.id, seconds=4)
        _front(phones[4]).locator(".ws-open-box .dialoog-countdown").wait_for(timeout=10_000)
        phones[4].locator(".ws-open-box").wait_for(state="hidden", timeout=15_000)
        facilitation.start_timer(3)
        _front(page).locator(".ws-status-closed", has_text="tijd is om").wait_for(timeout=15_000)
        _front(room).locator(".ws-room-closed").wait_for(timeout=10_000)
        _front(phones[4]).locator("button.ws-submit").tap()
        phones[4].locator(".dialoog-notice-error", has_text="gesloten").wait_for(timeout=15_000)
        store.engine.dispose()

        # the outcome into the facilitator's workbook: the group on the radar of step 0
        _front(page).locator("button.ws-into").click()
        page.locator(".ws-into-box .dialoog-notice-success").wait_for(timeout=15_000)
        workbook = projector.new_page()  # any browser with the workbook link
        token = re.search(r"werkboek=([A-Za-z0-9_-]+)", facilitator_address)[1]
        workbook.goto(f"{base}/voila/render/workbook.ipynb?werkboek={token}")
        wait_rendered(workbook, ".dialoog-app")
        workbook.locator(".dialoog-nav-button", has_text="Stap 0").click()
        workbook.locator(".sa-nav-summary").click()
        workbook.locator(".sa-summary").get_by_text("Workshop: Sectordag textiel").first.wait_for(
            timeout=20_000
        )
        workbook.screenshot(path=str(artifacts_dir / "workshop-into-workbook.png"), full_page=True)

        # neither the projected address nor the facilitator page's own gives control
        stranger = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(stranger)
        seen = stranger.new_page()
        seen.goto(f"{base}/voila/render/{room_href}")
        wait_rendered(seen, ".ws-room")
        text = seen.locator("body").inner_text()
        assert "Deelnemer" not in text and secret not in seen.content()
        assert seen.locator("button.ws-close, button.ws-export, button.ws-pose").count() == 0
        other = stranger.new_page()
        other.goto(facilitator_address)
        wait_rendered(other, ".ws-facilitator")
        assert other.locator(".ws-code").count() == 0 or not other.locator(".ws-code").is_visible()
        assert other.locator("button.ws-create").is_visible()
        assert "Deelnemer" not in other.locator("body").inner_text()
    finally:
        print("\n".join(u for u in requests if u.startswith(("pageerror", "console"))))
        failed = sys.exc_info()[0] is not None
        for number, context in enumerate(contexts):
            for index, p in enumerate(context.pages):
                if failed:
                    p.screenshot(path=str(artifacts_dir / f"workshop-failed-{number}-{index}.png"))
                p.close(run_before_unload=True)
            context.close()
    requests = [u for u in requests if not u.startswith(("pageerror", "console"))]
    external = [u for u in requests if not u.startswith("dialog") and not is_local(u)]
    assert not external, f"requests left 127.0.0.1: {external}"
    assert not [u for u in requests if u.startswith("dialog")]
