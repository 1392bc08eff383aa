"""Comfort on a phone and by keyboard: every control at least 44 px high on a 360 px phone, a
header that lets the page start in the first third of the screen; a skip link as the first Tab
stop; the focus on the page's heading after choosing a page, on every width; step 0's first
statement at most three Tabs from opening it; a focus ring of 3 px with at least 3:1 contrast.
Screenshots: tests/artifacts/comfort-*.png."""

from __future__ import annotations

import re

from dialoog.testing.browser import HEADING, open_example, wait_rendered

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 768}
SMALL = """() => {
  const out = [];
  const seen = new Set();
  const targets = document.querySelectorAll(
    'button, select, input[type=text], input[type=date], input[type=number], textarea,' +
    ' .widget-checkbox, a.dialoog-button-link');
  for (const el of targets) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || el.offsetParent === null) continue;  // hidden, sr-only
    if (el.closest('.widget-checkbox') && el.tagName === 'INPUT') continue;  // its row counts
    if (r.height < 44) {
      const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim();
      const key = el.tagName + ':' + text.slice(0, 30);
      if (!seen.has(key)) { seen.add(key); out.push(`${key} (${Math.round(r.height)} px)`); }
    }
  }
  return out;
}"""


def _choose(page, name: str) -> None:
    menu, nav = page.locator(".dialoog-menu-toggle"), page.locator(".dialoog-nav")
    if not nav.is_visible():
        menu.click()
        nav.wait_for()
    page.locator(".dialoog-nav-button", has_text=name).first.click()
    page.locator(HEADING, has_text=name.split("·")[0].strip()).first.wait_for()


def test_on_a_phone_every_control_is_a_finger_high_and_the_page_starts_high(
    voila_server, page, artifacts_dir
):
    open_example(page, voila_server, PHONE)
    small = {"overview": page.evaluate(SMALL)}
    for name, shot in (("Stap 0", "step0"), ("Stap 7 ·", "step7"), ("Delen", "share")):
        _choose(page, name)
        small[name] = page.evaluate(SMALL)
        top = page.locator(".dialoog-main").bounding_box()["y"] + page.evaluate("scrollY")
        page.evaluate("scrollTo(0, 0)")
        page.screenshot(path=str(artifacts_dir / f"comfort-phone-{shot}.png"))
        assert top < PHONE["height"] / 3, (name, top)  # the page starts in the first third
    assert {k: v for k, v in small.items() if v} == {}
    # the workbook's files are in the folded menu on a phone, with the steps
    assert not page.locator(".dialoog-download-workbook").is_visible()
    page.locator(".dialoog-menu-toggle").click()
    page.locator(".dialoog-download-workbook").wait_for()


def test_by_keyboard_a_skip_link_the_focus_on_the_heading_and_three_tabs_to_step_0(
    voila_server, page
):
    page.set_viewport_size(LAPTOP)
    page.goto(f"{voila_server}/voila/render/workbook.ipynb")
    wait_rendered(page, ".dialoog-app")
    page.locator(".dialoog-nav-button").first.wait_for()
    page.locator(".dialoog-main h2").first.wait_for()
    # the first Tab stop is the skip link; it takes the focus to the page's heading
    page.keyboard.press("Tab")
    skip = page.evaluate("() => [document.activeElement.id, document.activeElement.textContent]")
    assert skip == ["dialoog-skip", "Naar de inhoud"]
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => /^H[1-3]$/.test(document.activeElement.tagName)"
        " && !!document.activeElement.closest('.dialoog-main')"
    )

    # step 0 chosen in the menu by keyboard: focus on its heading, three Tabs to a statement
    step0 = page.locator(".dialoog-nav-button", has_text=re.compile(r"^Stap 0"))
    step0.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.activeElement.matches('.dialoog-main h2')"
        " && document.activeElement.textContent.includes('Stap 0')"
    )
    tabs = 0
    while not page.evaluate("() => !!document.activeElement.closest('.dialoog-statement')"):
        page.keyboard.press("Tab")
        tabs += 1
        assert tabs <= 3, page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    # the element buttons are one Tab stop: a tab list that arrows move through
    tablist = page.locator(".sa-element-nav[role='tablist']")
    assert tablist.locator("[role='tab'][tabindex='0']").count() == 1

    # the ring of the focused answer: 3 px, at least 3:1 against the white page
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [parseFloat(s.outlineWidth), s.outlineColor, s.outlineStyle]; }"
    )
    assert ring[0] >= 3 and ring[2] != "none"
    assert _contrast(ring[1], "rgb(255, 255, 255)") >= 3


def test_on_a_phone_the_focus_follows_the_page_chosen_in_the_menu(voila_server, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{voila_server}/voila/render/workbook.ipynb")
    wait_rendered(page, ".dialoog-app")
    menu = page.locator(".dialoog-menu-toggle")
    menu.focus()
    page.keyboard.press("Enter")
    step1 = page.locator(".dialoog-nav-button", has_text=re.compile(r"Stap 1 ·"))
    step1.wait_for()
    step1.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.activeElement.matches('.dialoog-main .dialoog-step-title')"
        " && document.activeElement.textContent.includes('Stap 1')"
    )


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(x) / 255 for x in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# A page that takes its time, drawn by hand: the page's marker changes and a heading appears.
DRAW = """(name) => {
  const markers = document.querySelectorAll('.dialoog-page[data-page]');
  markers[markers.length - 1].dataset.page = name;
  const heading = document.createElement('h2');
  heading.id = 'late-' + name;
  heading.textContent = 'Late page ' + name;
  document.querySelector('.dialoog-main').prepend(heading);
}"""
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def test_a_page_drawn_late_leaves_the_focus_with_someone_who_moved_on(voila_server, page):
    """After choosing a page the focus goes to its heading once it is drawn; but someone who
    pressed a key or the pointer meanwhile keeps their focus, and the page does not scroll under
    their pointer (a late jump could swallow their next click)."""
    page.set_viewport_size(LAPTOP)
    page.goto(f"{voila_server}/voila/render/workbook.ipynb")
    wait_rendered(page, ".dialoog-app")
    page.evaluate(
        """() => {
          const main = document.querySelector('.dialoog-main');
          main.insertAdjacentHTML('beforeend',
            '<button class="dialoog-open-step" id="slow">Slow page</button>' +
            '<input id="elsewhere" aria-label="elsewhere">');
        }"""
    )
    page.locator("#slow").click()  # a page chosen; the person clicks into a field meanwhile
    page.locator("#elsewhere").click()
    page.keyboard.type("abc")
    page.evaluate(DRAW, "one")
    page.evaluate(TWO_FRAMES)
    assert page.evaluate("() => document.activeElement.id") == "elsewhere"
    assert page.locator("#elsewhere").input_value() == "abc"

    page.locator("#slow").click()  # chosen and waited for: the focus goes to its heading
    page.evaluate(DRAW, "two")
    page.wait_for_function("() => document.activeElement.id === 'late-two'")
