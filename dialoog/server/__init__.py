"""dialoog's own handlers in the Jupyter server that runs Voilà (a Jupyter server extension).

Voilà serves the workbook and the facilitator's page from kernels; what needs no kernel is
served here, by the same server process: the pages' heartbeat (`heartbeat`), which decides how
long a kernel lives and who counts as present, and the workshop's pages for the room
(`workshop`): the participants' phones and the projected room view.

With Voilà's own server (scripts/serve.sh) the kernel manager `dialoog.serving` attaches the
handlers once the server runs; in a `jupyter server` with Voilà as an extension, this package is
an extension of its own (`jupyter server --ServerApp.jpserver_extensions="{'dialoog.server':
True}"`).
"""

from __future__ import annotations

from tornado.routing import HostMatches, Rule
from tornado.web import Application, _ApplicationRouter

from .heartbeat import HeartbeatHandler
from .workshop import JOIN, ROOM, JoinApi, JoinPage, MovedPage, RoomApi, RoomPage

ROUTE = "dialoog"


def handlers(base_url: str = "/") -> list[tuple]:
    base = base_url.rstrip("/")
    return [
        (rf"{base}/{ROUTE}/api/heartbeat/([0-9a-f-]{{36}})", HeartbeatHandler),
        (rf"{base}/{JOIN}", JoinPage),
        (rf"{base}/{ROUTE}/api/join/(state|poll|join|save|submit|answer)", JoinApi),
        (rf"{base}/{ROOM}", RoomPage),
        (rf"{base}/{ROUTE}/api/room", RoomApi),
        (rf"{base}/voila/render/participant\.ipynb", MovedPage, {"target": JOIN}),
        (rf"{base}/voila/render/room\.ipynb", MovedPage, {"target": ROOM}),
    ]


def attach(web_app: Application, base_url: str = "/") -> None:
    """Put dialoog's handlers in front of the app's own (Voilà serving one notebook answers
    every path, so handlers added after its own would never be reached)."""
    if getattr(web_app, "_dialoog_attached", False):
        return
    rule = Rule(HostMatches(".*$"), _ApplicationRouter(web_app, handlers(base_url)))
    web_app.default_router.rules.insert(0, rule)
    web_app._dialoog_attached = True


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "dialoog.server"}]


def _load_jupyter_server_extension(serverapp) -> None:
    attach(serverapp.web_app, serverapp.base_url)
