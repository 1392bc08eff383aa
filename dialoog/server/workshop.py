"""The workshop's pages for the room, served without a kernel: participants' phones and the
projected room view (plain HTML, a little JavaScript, a JSON API on the shared store).

A phone costs the server a few database rows and a request every few seconds, not a kernel
of 80 MB: a room of 200 fits a small server. The facilitator's page stays a Voilà page.

Who a phone is: a random token in a cookie (`participation.PARTICIPANT_COOKIE`), sent with
every request; writes also carry the XSRF token (the page's cookie, in a header). The store is
asked in a pool of threads, never on the server's event loop; a wrong code or room key costs a
delay there too (asynchronously: guessing is slow, other pages are not).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from tornado import web
from tornado.ioloop import IOLoop
from tornado.template import Template

from ..workshop.participation import (
    PARTICIPANT_COOKIE,
    Participation,
    new_participant_token,
    page_messages,
    valid_token,
)
from ..workshop.store import (
    AccessDenied,
    InvalidSubmission,
    MalformedCode,
    QuestionClosed,
    StoreUnavailable,
    UnknownCode,
    WorkshopClosed,
    WorkshopError,
)

log = logging.getLogger(__name__)

WRONG_KEY_DELAY = 0.8  # seconds after a wrong code or room key: guessing is slow
MAX_BODY = 256 * 1024  # a participant's request: a few kB of answers
COOKIE_DAYS = 30
JOIN = "dialoog/join"
ROOM = "dialoog/room"
LANGUAGES = ("nl", "en")

_executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="dialoog-workshop")


class Services:
    """The store and what participants are asked, made once per server process."""

    def __init__(self) -> None:
        from ..content import load_content
        from ..workshop.instrument import load_instrument
        from ..workshop.store import WorkshopStore

        self.content = load_content()
        self.instrument = load_instrument(self.content)
        # the delay after a wrong code is waited for here, asynchronously, not in a thread
        self.store = WorkshopStore(wrong_code_delay=0)
        self.participation = Participation(self.store, self.instrument, self.content)
        self.rooms = RoomCache()
        self.polls = PollCache()


_services: Services | None = None
_services_lock = threading.Lock()


def services() -> Services:
    global _services
    with _services_lock:
        if _services is None:
            _services = Services()
        return _services


async def blocking(function, *args):
    """Run a store call in the pool (the event loop serves other pages meanwhile)."""
    return await IOLoop.current().run_in_executor(_executor, function, *args)


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def _template(name: str) -> Template:
    return Template(_asset(name), autoescape="xhtml_escape")


def _script_json(value: Any) -> str:
    """JSON to put inside <script type="application/json">: nothing in it can end the tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def public_root(handler: web.RequestHandler) -> str:
    """The address people reach the server at, ending in '/': DIALOOG_PUBLIC_URL (which may
    name Voilà's render folder) behind a proxy, else what the request came to."""
    public = os.environ.get("DIALOOG_PUBLIC_URL", "").strip()
    if public:
        root = public.split("voila/render", 1)[0]
        return root if root.endswith("/") else root + "/"
    base = handler.settings.get("base_url", "/")
    return f"{handler.request.protocol}://{handler.request.host}{base}"


def chosen_language(handler: web.RequestHandler) -> str | None:
    """A language asked for in the address (?taal=en), if any."""
    wanted = handler.get_query_argument("taal", "") or handler.get_query_argument("lang", "")
    return wanted if wanted in LANGUAGES else None


def page_language(handler: web.RequestHandler) -> str:
    """The language a page opens in before it knows the session's: the address's, else the
    browser's when it asks for English, else Dutch."""
    wanted = chosen_language(handler)
    if wanted:
        return wanted
    accepted = handler.request.headers.get("Accept-Language", "")
    return "en" if accepted[:2].lower() == "en" else "nl"


class _Page(JupyterHandler):
    """A page of ours: no caching of its HTML, and the XSRF cookie its script sends back."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")  # the code or room key stays here

    def render_page(self, root: str, **values: Any) -> None:
        """The one page template: a root element (`root`: 'app' or 'wall') that the page's
        script fills, after the scripts' shared helpers (common.js)."""
        self.xsrf_token  # noqa: B018 (sets the _xsrf cookie the page's script sends back)
        html = _template("page.html").generate(
            css=_asset("workshop.css"),
            script=_asset("common.js") + "\n" + _asset(values.pop("script")),
            root_id=root,
            **values,
        )
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(html)


class _Api(APIHandler):
    """JSON in and out; the store's refusals become {"error": message key} with a status."""

    STATUS = {
        MalformedCode: 404,
        UnknownCode: 404,
        AccessDenied: 403,
        WorkshopClosed: 409,
        QuestionClosed: 409,
        InvalidSubmission: 400,
        StoreUnavailable: 503,
    }

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")

    def body(self) -> dict[str, Any]:
        if len(self.request.body) > MAX_BODY:
            raise web.HTTPError(413)
        try:
            value = json.loads(self.request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as error:
            raise web.HTTPError(400) from error
        if not isinstance(value, dict):
            raise web.HTTPError(400)
        return value

    DENIED = ""  # the message of a wrong key, when it is not the store's own

    async def answer(self, function, *args) -> None:
        try:
            result = await blocking(function, *args)
        except WorkshopError as error:
            if isinstance(error, (MalformedCode, UnknownCode, AccessDenied)):
                await asyncio.sleep(WRONG_KEY_DELAY)
            status = next((s for k, s in self.STATUS.items() if isinstance(error, k)), 400)
            denied = isinstance(error, AccessDenied) and self.DENIED
            self.set_status(status)
            self.finish({"error": denied or error.key})
            return
        self.finish(result)


# -- participants ---------------------------------------------------------------------------------
def participant_cookie(handler: web.RequestHandler) -> str | None:
    token = handler.get_cookie(PARTICIPANT_COOKIE)
    return token if valid_token(token) else None


class JoinPage(_Page):
    """GET /dialoog/join?code=…: the participant's page. The first visit gives the phone its
    participant token (a cookie that outlives reloads, rescans and sleep)."""

    @web.authenticated
    def get(self) -> None:
        if participant_cookie(self) is None:
            base = self.settings.get("base_url", "/")
            self.set_cookie(
                PARTICIPANT_COOKIE,
                new_participant_token(),
                path=f"{base}dialoog/",
                expires_days=COOKIE_DAYS,
                httponly=True,
                samesite="Lax",
                secure=self.request.protocol == "https",
            )
        lang = page_language(self)
        base = self.settings.get("base_url", "/")
        config = {
            "code": self.get_query_argument("code", "")[:40],
            "lang": lang,
            "api": f"{base}dialoog/api/join/",
            "messages": page_messages(),
        }
        self.render_page(
            "app",
            root_class="ws-phone",
            body_class="ws-phone-page",
            announce=True,
            script="participant.js",
            lang=lang,
            title=page_messages()["ws.part.title"][lang],
            config=_script_json(config),
        )


class JoinApi(_Api):
    """The participant's page talks to the session here (see `Participation`)."""

    def token(self) -> str:
        token = participant_cookie(self)
        if token is None:
            raise web.HTTPError(400, reason="no participant cookie")
        return token

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        reason = getattr(kwargs.get("exc_info", (None, None))[1], "reason", "") or ""
        key = "ws.phone.no_cookie" if "cookie" in reason else "ws.error.generic"
        self.set_header("Content-Type", "application/json")
        self.finish({"error": key})

    @web.authenticated
    async def get(self, action: str) -> None:
        code = self.get_query_argument("code", "")
        participation = services().participation
        if action == "state":
            await self.answer(participation.state, code, self.token())
        elif action == "poll":
            await self.answer(services().polls.get, participation, code)
        else:
            raise web.HTTPError(404)

    @web.authenticated
    async def post(self, action: str) -> None:
        body, token = self.body(), self.token()
        code = str(body.get("code", ""))[:40]
        participation = services().participation
        screen = body.get("screen", 0)
        screen = screen if isinstance(screen, int) and not isinstance(screen, bool) else 0
        if action == "join":
            name = body.get("name")
            await self.answer(
                participation.join, code, token, name if isinstance(name, str) else ""
            )
        elif action == "save":
            await self.answer(participation.save, code, token, body.get("draft"), screen)
        elif action == "submit":
            await self.answer(participation.submit, code, token, body.get("draft"), screen)
        elif action == "answer":
            await self.answer(
                participation.answer,
                code,
                token,
                str(body.get("question", "")),
                str(body.get("text", ""))[:2000],
            )
        else:
            raise web.HTTPError(404)


class PollCache:
    """What every phone of a session polls, read once per moment for the whole room: two
    hundred phones polling every two seconds ask the store about once a second."""

    FRESH = 0.5  # seconds

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_code: dict[str, tuple[float, dict[str, Any]]] = {}

    def get(self, participation: Participation, code: str) -> dict[str, Any]:
        now = time.monotonic()
        with self._lock:
            cached = self._by_code.get(code)
        if cached is not None and now - cached[0] < self.FRESH:
            return cached[1]
        state = participation.session_state(participation.find(code))
        with self._lock:
            if len(self._by_code) > 1000:
                self._by_code.clear()
            self._by_code[code] = (now, state)
        return state


# -- the room view -------------------------------------------------------------------------------
class RoomCache:
    """The room's state per session and language, computed again only when the session
    changed (pooling the answers is the costly part)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._states: dict[tuple[str, str], tuple[tuple, dict[str, Any]]] = {}

    def get(self, key: str, lang: str, join_root: str) -> dict[str, Any]:
        from ..workshop.room import room_messages, room_state

        s = services()
        room = s.store.room(key)
        revision = (*room.revision(), lang, join_root)
        with self._lock:
            cached = self._states.get((room.workshop_id, lang))
        if cached is not None and cached[0] == revision:
            return cached[1]
        state = room_state(room, s.instrument, s.content, lang)
        link = f"{join_root}{JOIN}?{urlencode({'code': state['code']})}"
        state.update(
            revision=list(revision[:3]),
            lang=lang,
            join_link=link,
            qr=qr_data_uri(link),
            messages=room_messages(lang),
        )
        with self._lock:
            if len(self._states) > 200:
                self._states.clear()
            self._states[(room.workshop_id, lang)] = (revision, state)
        return state


@lru_cache(maxsize=64)
def qr_data_uri(link: str) -> str:
    import segno

    return segno.make(link, error="m").svg_data_uri(scale=1, border=4)


class RoomPage(_Page):
    """GET /dialoog/room?zaal=…: the projected page (it shows nothing without a valid key)."""

    @web.authenticated
    def get(self) -> None:
        lang = page_language(self)
        base = self.settings.get("base_url", "/")
        config = {
            "key": self.get_query_argument("zaal", "")[:120],
            "lang": lang,
            "chosen": chosen_language(self) is not None,  # else: the session's language
            "api": f"{base}dialoog/api/room",
            "denied": {
                x: page_messages().get("ws.error.room_denied", {}).get(x) for x in LANGUAGES
            },
        }
        self.render_page(
            "wall", root_class="ws-wall", body_class="ws-wall-page", announce=False,
            script="room.js", lang=lang, title="dialoog", config=_script_json(config),
        )  # fmt: skip


class RoomApi(_Api):
    """The room's state as JSON; a wrong key is refused (after a delay) with the room's own
    message, never the facilitator's."""

    DENIED = "ws.error.room_denied"

    @web.authenticated
    async def get(self) -> None:
        lang = self.get_query_argument("lang", "nl")
        lang = lang if lang in LANGUAGES else "nl"
        key = self.get_query_argument("zaal", "")[:120]
        await self.answer(services().rooms.get, key, lang, public_root(self))


# -- addresses of the kernel pages these replace ---------------------------------------------------
class MovedPage(web.RequestHandler):
    """The participant's and the room's notebooks became pages of the server: old links, QR
    codes and bookmarks lead to them."""

    def initialize(self, target: str) -> None:
        self.target = target

    def get(self) -> None:
        base = self.settings.get("base_url", "/")
        query = self.request.query
        self.redirect(f"{base}{self.target}" + (f"?{query}" if query else ""))
