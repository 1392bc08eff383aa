"""A live workshop in real browsers: the facilitator's page (Voilà), the projected room view at
1920×1080 and 1280×720, and six phones (360×740, touch) on the participant's page, which the
server serves without a kernel.

What changes after a page opened is tried as a room would: the facilitator presses F5; phones
join by the QR code and by typing, one reloads, one scans again, one goes offline and comes back;
an open question in approve-first mode; a countdown. The room view must fit the wall in every
state (nothing beyond the window, the code and the QR code on it, chart text of 28 px or more at
1080), its QR code must decode to the join link. Screenshots: tests/artifacts/workshop-*.png.
"""

from __future__ import annotations

import io
import re
import time

import openpyxl
import pytest
import zxingcpp
from PIL import Image

from dialoog.testing.browser import axe_violations, is_local, wait_rendered
from dialoog.workshop.instrument import Questionnaire, load_instrument
from dialoog.workshop.store import WorkshopStore

PHONE = {"width": 360, "height": 740}
WALLS = ({"width": 1920, "height": 1080}, {"width": 1280, "height": 720})


@pytest.fixture
def wstore(voila_process):
    store = WorkshopStore(f"sqlite:///{voila_process.data_dir / 'dialoog.sqlite'}")
    yield store
    store.engine.dispose()


def phone_page(contexts, requests: list[str] | None = None):
    context = contexts(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: requests.append(f"pageerror: {e}"))
    return page


def joined(page, url: str, *, type_code: str | None = None, name: str = "") -> None:
    """Open the participant's page (by the QR code's link, or typing the code) and join."""
    page.goto(url)
    page.locator("form.ws-join-form").wait_for()
    if type_code is not None:
        page.locator("#ws-code").fill(type_code)
    if name:
        page.locator("#ws-name").fill(name)
    page.locator("button.ws-join").tap()
    page.locator(".ws-statement").first.wait_for()


def tap_first_screen(page, choice: int) -> list[str]:
    """Tap `choice` on every statement of the screen on show; the statement ids tapped."""
    ids = []
    for fieldset in page.locator(".ws-statement").all():
        option = fieldset.locator(".ws-option").nth(choice)
        option.tap()
        ids.append(option.locator("input").get_attribute("name").removeprefix("s-"))
    return ids


def fits_the_window(page) -> list[str]:
    """What the room view puts beyond the window, or scrolls."""
    return page.evaluate(
        """() => {
          const out = [];
          const w = innerWidth, h = innerHeight;
          const d = document.documentElement;
          if (d.scrollHeight > h + 1) out.push(`scrolls down by ${d.scrollHeight - h}px`);
          if (d.scrollWidth > w + 1) out.push(`scrolls sideways by ${d.scrollWidth - w}px`);
          for (const e of document.querySelectorAll('#wall *')) {
            const r = e.getBoundingClientRect();
            if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') continue;
            if (r.bottom > h + 1 || r.right > w + 1 || r.top < -1 || r.left < -1)
              out.push(`${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} ` +
                       `${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},` +
                       `${Math.round(r.bottom)}: ${(e.textContent || '').trim().slice(0, 30)}`);
          }
          return out.slice(0, 10);
        }"""
    )


def text_below(page, minimum: float) -> list[str]:
    """Text on the wall set smaller than `minimum` px (SVG text by its rendered size)."""
    return page.evaluate(
        """(minimum) => {
          const out = [];
          for (const e of document.querySelectorAll('#wall *')) {
            const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            if (!own || !e.getClientRects().length) continue;
            const size = e instanceof SVGElement
              ? parseFloat(e.closest('text').getAttribute('font-size'))
              : parseFloat(getComputedStyle(e).fontSize);
            if (size < minimum) out.push(`${e.textContent.trim().slice(0, 30)}: ${size}px`);
          }
          return out;
        }""",
        minimum,
    )


def qr_link(page) -> str:
    image = Image.open(io.BytesIO(page.locator(".ws-wall-qr").screenshot()))
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded, "the QR code does not decode"
    return decoded[0]


def check_wall(page, state: str, artifacts_dir, code: str, base: str) -> None:
    """The wall fits in `state`, with the code and a QR code that leads to the join link."""
    size = page.viewport_size
    assert not fits_the_window(page), (state, size, fits_the_window(page))
    page.locator(".ws-wall-code", has_text=code).wait_for()
    for part in (".ws-wall-code", ".ws-wall-qr"):
        box = page.locator(part).bounding_box()
        assert (
            box["y"] + box["height"] <= size["height"] and box["x"] + box["width"] <= size["width"]
        )
    assert qr_link(page) == f"{base}/dialoog/join?code={code}"
    if size["height"] == 1080:
        assert not text_below(page, 28), (state, text_below(page, 28))
    page.screenshot(path=str(artifacts_dir / f"workshop-wall-{state}-{size['width']}.png"))


def test_a_facilitator_keeps_control_through_a_reload(voila_server, page, artifacts_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{voila_server}/voila/render/facilitator.ipynb")
    wait_rendered(page, ".ws-facilitator")
    page.locator(".ws-title-input input").fill("Sectordag textiel")
    page.locator("button.ws-create").click()
    code = page.locator(".ws-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", code)
    page.wait_for_url(re.compile(r"beheer=[A-Za-z0-9_-]{32}"))
    page.get_by_text("projecteer deze pagina niet").wait_for()
    page.screenshot(path=str(artifacts_dir / "workshop-facilitator-start.png"), full_page=True)
    page.reload()  # F5
    wait_rendered(page, ".ws-facilitator")
    page.locator(".ws-code", has_text=code).wait_for()
    assert page.locator("button.ws-close").is_visible()
    page.locator("button.ws-close").click()
    page.locator(".ws-status-closed").wait_for()
    assert "beheer=" in page.url


def test_six_phones_stay_six_people_through_reloads_rescans_and_a_lost_connection(
    voila_server, contexts, wstore, artifacts_dir
):
    workshop, secret = wstore.create("Ketendag", "nl", Questionnaire(True))
    facilitation = wstore.facilitate(secret)
    code = workshop.display_code
    join_link = f"{voila_server}/dialoog/join?code={code}"
    requests: list[str] = []
    phones, tapped = [], []
    for number in range(6):
        phone = phone_page(contexts, requests)
        if number < 3:
            joined(phone, join_link, name=f"Deelnemer {number}")  # scanned the QR code
        else:  # typed the code, in lower case with a space
            joined(phone, f"{voila_server}/dialoog/join", type_code=code.lower().replace("-", " "))
        tapped.append(tap_first_screen(phone, number % 5))
        phones.append(phone)
    assert phones[0].evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    small = phones[0].evaluate(
        """() => [...document.querySelectorAll('button, .ws-option, input:not([type=radio])')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.className || e.tagName, e.getBoundingClientRect()])
            .filter(([_, r]) => r.height < 44 || r.width < 44)
            .map(([n, r]) => `${n}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert not small, small
    phones[0].screenshot(path=str(artifacts_dir / "workshop-phone-screen.png"), full_page=True)

    # phone 1 reloads: the same screen, its taps still there
    phones[1].locator("button.ws-next").tap()
    phones[1].locator(".ws-progress-text", has_text="Onderdeel 2 van").wait_for()
    phones[1].reload()
    phones[1].locator(".ws-progress-text", has_text="Onderdeel 2 van").wait_for()
    phones[1].locator("button.ws-prev").tap()
    checked = phones[1].locator(".ws-option input:checked").count()
    assert checked == len(tapped[1])
    # phone 2 scans the code again: a new tab of the same phone, the same person
    again = phones[2].context.new_page()
    again.goto(join_link)
    again.locator(".ws-statement").first.wait_for()
    assert again.locator(".ws-option input:checked").count() == len(tapped[2])
    # phone 3 loses its connection, taps on, and comes back
    offline = phones[3]
    offline.context.set_offline(True)
    offline.locator("button.ws-next").tap()
    more = tap_first_screen(offline, 2)
    offline.locator(".ws-offline").wait_for(timeout=10_000)
    offline.context.set_offline(False)
    offline.locator(".ws-offline").wait_for(state="detached", timeout=15_000)

    deadline = time.monotonic() + 15
    while True:
        snapshot = facilitation.snapshot()
        drafts = [p.draft or {} for p in sorted(snapshot.participants, key=lambda p: p.seq)]
        if len(drafts) == 6 and set(more) <= set(drafts[3].get("selfassessment", {})):
            break
        assert time.monotonic() < deadline, drafts
        time.sleep(0.3)
    assert snapshot.joined == 6  # six people, not eight pages
    for draft, ids in zip(drafts, tapped, strict=True):
        assert set(ids) <= set(draft["selfassessment"])  # every tap kept
    names = sorted(p.name for p in snapshot.participants)
    assert names == ["", "", "", "Deelnemer 0", "Deelnemer 1", "Deelnemer 2"]
    failed = [u for u in requests if u.startswith("pageerror")]
    assert not failed, failed
    external = [u for u in requests if not u.startswith("pageerror") and not is_local(u)]
    assert not external, external


def test_the_room_view_fits_the_wall_in_every_state(voila_server, contexts, wstore, artifacts_dir):
    workshop, secret = wstore.create("Sectordag textiel", "nl", Questionnaire(True),
                                     moderated=True)  # fmt: skip
    facilitation = wstore.facilitate(secret)
    code, key = workshop.display_code, facilitation.room_key()
    walls = []
    for size in WALLS:
        wall = contexts(viewport=size).new_page()
        wall.goto(f"{voila_server}/dialoog/room?zaal={key}")
        walls.append(wall)

    def each(state: str, ready: str) -> None:
        for wall in walls:
            wall.locator(ready).first.wait_for(timeout=15_000)
            check_wall(wall, state, artifacts_dir, code, voila_server)

    each("waiting", ".ws-wall-waiting")
    instrument = load_instrument()
    options = [o.id for o in instrument.options if o.scored]
    for number in range(5):
        pid = f"kamer-{number}"
        wstore.join(workshop.id, pid, "")
        wstore.submit(workshop.id, pid, {"selfassessment": {
            s.id: options[(number + i) % len(options)] for i, s in enumerate(instrument.statements)
        }})  # fmt: skip
    each("results", ".ws-wall-radar svg text")
    labels = walls[0].locator(".ws-wall-radar svg text")
    assert labels.count() == 9  # one per element, none cut or left off

    # an open question in approve-first mode: nothing reaches the wall before release
    question = facilitation.pose("Waarom willen wij deze dialoog met onze stakeholders?", None, 300)
    texts = [
        "Risico's in de keten beter begrijpen", "Vertrouwen opbouwen met de gemeenschap",
        "Vertrouwen", "Leren van kritiek", "Samen oplossingen vinden", "Niet zinvol!!",
    ]  # fmt: skip
    for number, text in enumerate(texts):
        wstore.answer_question(workshop.id, question.id, f"kamer-{number % 5}-{number}", text)
    each("question-waiting", ".ws-wall-question")
    assert walls[0].locator(".ws-wall-list li").count() == 0
    for answer in facilitation.open_answers(question.id):
        facilitation.release(answer)
    each("question", ".ws-wall-list li")
    rude = next(a for a in facilitation.open_answers(question.id) if a.text == "Niet zinvol!!")
    walls[0].get_by_text("Niet zinvol!!").wait_for()
    facilitation.hide(rude)
    started = time.monotonic()
    walls[0].get_by_text("Niet zinvol!!").wait_for(state="detached", timeout=5_000)
    assert time.monotonic() - started < 2.5  # hidden: off the wall within about a second
    facilitation.close_question(question.id)
    facilitation.start_timer(180)
    each("timer", ".ws-wall-clock:has-text('Nog')")
    assert not axe_violations(walls[0]), axe_violations(walls[0])


def test_phones_see_the_question_and_its_countdown_and_the_export_holds_every_answer(
    voila_server, contexts, page, wstore, artifacts_dir
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{voila_server}/voila/render/facilitator.ipynb")
    wait_rendered(page, ".ws-facilitator")
    page.locator(".ws-title-input input").fill("Open vragen")
    page.locator(".ws-moderated-input input").check()
    page.locator("button.ws-create").click()
    code = page.locator(".ws-code").inner_text().strip()
    phones = []
    for number in range(2):
        phone = phone_page(contexts)
        joined(phone, f"{voila_server}/dialoog/join?code={code}", name=f"P{number}")
        phone.locator("button.ws-next").tap()  # elsewhere on the page when the question comes
        phones.append(phone)
    page.locator(".ws-question-text textarea").fill("Wat is jullie eerste reactie?")
    page.locator(".ws-question-box select").nth(1).select_option(label="2 min")
    page.locator("button.ws-pose").click()
    for number, phone in enumerate(phones):
        phone.locator(".ws-open-question").wait_for(timeout=10_000)
        assert phone.locator(".ws-open").is_visible()  # brought into view
        phone.wait_for_function(  # and announced to screen readers
            "() => document.getElementById('announce').textContent.includes('Nieuwe vraag')"
        )
        phone.locator(".ws-open-clock", has_text=re.compile(r"Nog [12]:\d\d")).wait_for()
        phone.locator("#ws-open-answer").fill(f"Antwoord {number} =SOM(A1)")
        phone.locator("button.ws-open-send").tap()
        phone.locator(".ws-open-notice .ws-success").wait_for()
    phones[0].screenshot(path=str(artifacts_dir / "workshop-phone-question.png"), full_page=True)
    page.locator(".ws-question-box", has_text="2 wachten").wait_for(timeout=10_000)
    page.locator("button.ws-answer-release").first.click()
    page.locator(".ws-question-box", has_text="1 op het scherm").wait_for()
    page.locator("button.ws-export").click()
    page.locator(".ws-export-box .dialoog-notice-success").wait_for()
    with page.expect_download() as download:
        page.locator(".ws-export-box a[download$='.xlsx']").click()
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    rows = list(book["Open vragen"].iter_rows(values_only=True))[1:]
    assert sorted(r[4] for r in rows) == ["Antwoord 0 =SOM(A1)", "Antwoord 1 =SOM(A1)"]
    assert sorted(r[8] for r in rows) == ["ja", "nee"]  # released, and not yet
    assert {r[3] for r in rows} == {"P01", "P02"}

    # the clock runs out: the phones say so
    facilitation = wstore.facilitate(re.search(r"beheer=([\w-]+)", page.url)[1])
    question = facilitation.questions()[-1]
    facilitation.reopen_question(question.id, seconds=3)
    phones[1].locator(".ws-open-clock", has_text="De tijd voor deze vraag is om").wait_for(
        timeout=15_000
    )
    assert phones[1].locator("button.ws-open-send").is_disabled()
