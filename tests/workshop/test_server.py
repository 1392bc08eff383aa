"""The participant's page and the room view as the server serves them, without a kernel and
without a browser: plain HTTP against a real Voilà server with dialoog's handlers, each phone a
cookie jar of its own."""

from __future__ import annotations

import http.cookiejar
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dialoog.testing.browser import VoilaProcess
from dialoog.workshop.store import Questionnaire, WorkshopStore

NOTEBOOKS = Path(__file__).parents[1] / "browser" / "notebooks"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("server-data")
    process = VoilaProcess(NOTEBOOKS, data, data / "voila.log")
    yield process
    process.stop()


@pytest.fixture(scope="module")
def wstore(server):
    store = WorkshopStore(f"sqlite:///{server.data_dir / 'dialoog.sqlite'}", wrong_code_delay=0)
    yield store
    store.engine.dispose()


@pytest.fixture
def session(wstore):
    workshop, secret = wstore.create("Ketendag", "nl", Questionnaire(True, ("9b",)))
    return workshop, wstore.facilitate(secret)


class Phone:
    """One phone: its own cookies (the participant token, the XSRF token)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def open_page(self, code: str) -> str:
        with self.opener.open(f"{self.base}/dialoog/join?code={code}", timeout=30) as response:
            return response.read().decode()

    def call(self, method: str, action: str, code: str, xsrf: bool = True, **body):
        url = f"{self.base}/dialoog/api/join/{action}"
        data = None
        headers = {}
        if method == "GET":
            url += f"?code={code}"
        else:
            data = json.dumps({"code": code, **body}).encode()
            headers["Content-Type"] = "application/json"
            if xsrf:
                headers["X-XSRFToken"] = self.cookie("_xsrf") or ""
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            text = error.read()
            return error.code, json.loads(text) if text.startswith(b"{") else {}


def test_the_page_gives_the_phone_its_own_token_and_says_nothing_of_the_session(server, session):
    workshop, facilitation = session
    phone = Phone(server.url)
    page = phone.open_page(workshop.display_code)
    token = next(c for c in phone.jar if c.name == "dialoog_deelnemer")
    assert len(token.value) == 32 and token.has_nonstandard_attr("HttpOnly")
    assert token.path == "/dialoog/" and phone.cookie("_xsrf")
    assert facilitation.secret not in page and facilitation.room_key() not in page
    assert (
        "<script>" in page and "cdn" not in page.lower() and "http" not in page.split("<script")[0]
    )
    again = phone.open_page(workshop.display_code)  # a reload keeps the token
    assert next(c.value for c in phone.jar if c.name == "dialoog_deelnemer") == token.value
    assert again


def test_one_phone_is_one_person_through_reloads_and_a_second_tab(server, session):
    workshop, facilitation = session
    code = workshop.display_code
    phone = Phone(server.url)
    phone.open_page(code)
    status, state = phone.call("GET", "state", code)
    assert status == 200 and state["me"] == {"joined": False}
    assert phone.call("POST", "join", code, xsrf=False, name="Bram")[0] == 403  # no XSRF token
    status, state = phone.call("POST", "join", code, name="Bram")
    assert status == 200 and state["me"]["joined"] and state["me"]["name"] == "Bram"
    statement = state["questionnaire"]["screens"][0]["statements"][0]["id"]
    option = state["questionnaire"]["options"][3]["id"]
    draft = {"selfassessment": {statement: option}}
    assert phone.call("POST", "save", code, draft=draft, screen=2)[0] == 200
    phone.open_page(code.lower().replace("-", ""))  # scanned again, typed differently: a new tab
    status, state = phone.call("GET", "state", code)
    assert state["me"]["draft"] == draft and state["me"]["screen"] == 2
    assert state["me"]["name"] == "Bram"
    other = Phone(server.url)
    other.open_page(code)
    assert other.call("GET", "state", code)[1]["me"] == {"joined": False}
    assert facilitation.counts() == (1, 0)


def test_sending_closing_and_the_clock(server, session, wstore):
    workshop, facilitation = session
    code = workshop.display_code
    phone = Phone(server.url)
    phone.open_page(code)
    phone.call("POST", "join", code, name="")
    answers = {"forms": {"9b": {"value": "Veel geleerd"}}, "forged": {"x": 1}}
    status, sent = phone.call("POST", "submit", code, draft=answers, screen=9)
    assert (
        status == 200
        and sent["submitted_at"]
        and sent["draft"] == {"forms": {"9b": {"value": "Veel geleerd"}}}
    )
    facilitation.close()
    status, refused = phone.call("POST", "submit", code, draft=answers, screen=9)
    assert (status, refused["error"]) == (409, "ws.error.closed")
    assert phone.call("GET", "state", code)[1]["me"]["draft"] == sent["draft"]  # kept
    facilitation.start_timer(60)  # opens the round again, for a minute
    poll = phone.call("GET", "poll", code)[1]
    assert poll["open"] and poll["ends_at"]


def test_wrong_codes_wrong_bodies_and_no_cookie_get_a_message_not_a_trace(server, session):
    workshop, _facilitation = session
    phone = Phone(server.url)
    phone.open_page(workshop.display_code)
    started = time.monotonic()
    status, answer = phone.call("GET", "state", "ABCDE-ABCDE")
    assert (status, answer) == (404, {"error": "ws.error.unknown_code"})
    assert time.monotonic() - started >= 0.7  # guessing is slow
    assert phone.call("GET", "state", "hallo")[1] == {"error": "ws.error.malformed_code"}
    request = urllib.request.Request(
        f"{server.url}/dialoog/api/join/save",
        data=b"x" * 300_000,
        headers={"X-XSRFToken": phone.cookie("_xsrf"), "Content-Type": "application/json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as too_big:
        phone.opener.open(request, timeout=30)
    assert too_big.value.code == 413
    stranger = Phone(server.url)  # never opened the page: no participant cookie
    status, answer = stranger.call("GET", "state", workshop.display_code)
    assert (status, answer) == (400, {"error": "ws.phone.no_cookie"})


def test_an_open_question_and_approve_first_over_the_api(server, wstore):
    workshop, secret = wstore.create("Zaal", "nl", Questionnaire(True), moderated=True)
    facilitation = wstore.facilitate(secret)
    code = workshop.display_code
    phone = Phone(server.url)
    phone.open_page(code)
    phone.call("POST", "join", code, name="")
    question = facilitation.pose("Wat viel op?", seconds=120)
    poll = phone.call("GET", "poll", code)[1]
    assert poll["question"]["id"] == question.id and poll["question"]["ends_at"]
    status, sent = phone.call("POST", "answer", code, question=question.id, text="<b>Veel</b>")
    assert status == 200 and sent["open_answer"] == "<b>Veel</b>"
    assert facilitation.room().question()[1] == []  # waits for the facilitator
    (answer,) = facilitation.open_answers(question.id)
    facilitation.release(answer)
    assert facilitation.room().question()[1] == ["<b>Veel</b>"]
    room = urllib.request.urlopen(
        f"{server.url}/dialoog/api/room?zaal={facilitation.room_key()}&lang=en", timeout=30
    )
    state = json.loads(room.read())
    assert state["question"]["answers"] == ["<b>Veel</b>"] and state["lang"] == "en"
    assert state["join_link"].endswith(f"/dialoog/join?code={code}")
    assert state["qr"].startswith("data:image/svg+xml")
    with pytest.raises(urllib.error.HTTPError) as denied:
        urllib.request.urlopen(f"{server.url}/dialoog/api/room?zaal={secret}", timeout=30)
    assert denied.value.code == 403 and b"ws.error.room_denied" in denied.value.read()


def test_the_old_notebook_addresses_lead_to_the_new_pages(server):
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(Stay)
    for old, new in (("participant.ipynb?code=ABCDE-FGHJK", "/dialoog/join?code=ABCDE-FGHJK"),
                     ("room.ipynb?zaal=k", "/dialoog/room?zaal=k")):  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as moved:
            opener.open(f"{server.url}/voila/render/{old}", timeout=30)
        assert moved.value.code == 302 and moved.value.headers["Location"] == new
