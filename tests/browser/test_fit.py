"""Every page of the workbook fits the screen it is read on, with the example workbook's
answers in it: nothing to scroll sideways, no control beyond the edge, no label, button or menu
value cut off. On a 360 px wide phone the side menu folds away behind one button and a table of
answers becomes one card per row with each cell under its own name; on a 1366×768 laptop the
tables' dates and menus show whole. Screenshots: tests/artifacts/phone-*.png.
"""

from __future__ import annotations

from dialoog.testing.browser import (
    choose_page,
    clipped_text,
    off_screen,
    open_example,
    sideways_scroll,
    wait_rendered,
)

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 768}


def _fits(page) -> list[str]:
    problems = [f"scrolls sideways by {px} px" for px in [sideways_scroll(page)] if px]
    return (
        problems
        + [f"beyond the edge: {x}" for x in off_screen(page)]
        + [f"cut off: {x}" for x in clipped_text(page)]
    )


def _every_page(page, choose) -> list[str]:
    """What does not fit on the overview and on every page of the side menu, each page
    chosen by `choose(name)`."""
    found: dict[str, list[str]] = {"overview": _fits(page)}
    names = page.evaluate(
        "() => [...document.querySelectorAll('.dialoog-nav-button')].map(b => b.textContent)"
    )
    for name in names[1:]:
        choose_page(page, lambda name=name: choose(name.strip()))
        found[name.strip()[:40]] = _fits(page)
    return [f"{where}: {p}" for where, ps in found.items() for p in ps]


def _phone_fits(page) -> list[str]:
    """The participant's page (served without Voilà): nothing wider than the phone."""
    return page.evaluate(
        """() => {
          const out = [];
          const w = innerWidth;
          if (document.documentElement.scrollWidth > w + 1) out.push('scrolls sideways');
          for (const e of document.querySelectorAll('#app *')) {
            const r = e.getBoundingClientRect();
            if (r.width && r.height && (r.right > w + 1 || r.left < -1))
              out.push(`${e.tagName.toLowerCase()}: ${(e.textContent || '').trim().slice(0, 30)}`);
          }
          return out.slice(0, 10);
        }"""
    )


def test_every_page_fits_a_laptop(voila_server, page):
    open_example(page, voila_server, LAPTOP)

    def choose(name: str) -> None:
        page.locator(".dialoog-nav-button", has_text=name).first.click()

    problems = _every_page(page, choose)
    assert not problems, "\n".join(problems)


def test_every_page_fits_a_phone(voila_server, page, artifacts_dir):
    open_example(page, voila_server, PHONE)
    menu = page.locator(".dialoog-menu-toggle")
    nav = page.locator(".dialoog-nav")
    assert menu.is_visible() and not nav.is_visible()  # folded: the page comes first
    assert menu.bounding_box()["height"] >= 44

    def choose(name: str) -> None:
        if not nav.is_visible():
            menu.click()
            nav.wait_for()
        page.locator(".dialoog-nav-button", has_text=name).first.click()
        nav.wait_for(state="hidden")  # a page chosen: the menu folds again

    problems = _every_page(page, choose)
    assert not problems, "\n".join(problems)


def test_a_table_of_answers_is_a_card_per_row_on_a_phone(voila_server, page, artifacts_dir):
    open_example(page, voila_server, PHONE)
    toggle = page.locator("button.dialoog-menu-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")  # by keyboard: open the menu, choose step 7
    page.locator(".dialoog-nav").wait_for()
    page.wait_for_function(
        "() => document.querySelector('button.dialoog-menu-toggle')"
        ".getAttribute('aria-expanded') === 'true'"
    )
    page.locator(".dialoog-nav-button", has_text="Stap 7 ·").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('.dialoog-step-title')"
        " && document.activeElement.textContent.includes('7')"
    )  # the menu folded: focus on the new page's heading, not lost
    assert toggle.get_attribute("aria-expanded") == "false"
    row = page.locator(".dialoog-table-row").first
    row.wait_for()
    assert not page.locator(".dialoog-table-head").first.is_visible()
    date_label = row.get_by_text("Datum, rij 1")
    assert date_label.is_visible()  # the column's name above its cell
    cells = row.locator("input, select")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert all(b["width"] > 250 for b in boxes), boxes  # full width, one under the other
    assert all(b2["y"] > b1["y"] for b1, b2 in zip(boxes, boxes[1:], strict=False))
    row.evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(artifacts_dir / "phone-step7-table.png"))


def test_the_facilitator_and_participant_pages_fit_a_phone(voila_server, page, browser):
    """A facilitator may run the session from a phone while the room view is projected."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{voila_server}/voila/render/facilitator.ipynb")
    wait_rendered(page, ".ws-facilitator")
    found = {"facilitator start": _fits(page)}
    page.locator(".ws-title-input input").fill("Sectorbijeenkomst")
    page.locator("button.ws-create").click()
    code = page.locator(".ws-code").inner_text().strip()
    page.wait_for_timeout(500)
    found["facilitator session"] = _fits(page)
    phone = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        phone.goto(f"{voila_server}/dialoog/join?code={code}")
        phone.locator("form.ws-join-form").wait_for()
        found["participant join"] = _phone_fits(phone)
        phone.locator("button.ws-join").click()
        phone.locator(".ws-progress-text").wait_for()
        found["participant screen"] = _phone_fits(phone)
    finally:
        phone.close()
    problems = [f"{where}: {p}" for where, ps in found.items() for p in ps]
    assert not problems, "\n".join(problems)
