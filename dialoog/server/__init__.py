"""dialoog's own handlers in the Jupyter server that runs Voilà (a Jupyter server extension).

Voilà serves the workbook and the facilitator's page from kernels; what needs no kernel is
served here, by the same server process: the pages' heartbeat (`heartbeat`), which decides how
long a kernel lives and who counts as present.

With Voilà's own server (scripts/serve.sh) the kernel manager `dialoog.serving` attaches the
handlers once the server runs; in a `jupyter server` with Voilà as an extension, this package is
an extension of its own (`jupyter server --ServerApp.jpserver_extensions="{'dialoog.server':
True}"`).
"""

from __future__ import annotations

from tornado.routing import HostMatches, Rule
from tornado.web import Application, _ApplicationRouter

from .heartbeat import HeartbeatHandler

ROUTE = "dialoog"


def handlers(base_url: str = "/") -> list[tuple]:
    base = base_url.rstrip("/")
    return [(rf"{base}/{ROUTE}/api/heartbeat/([0-9a-f-]{{36}})", HeartbeatHandler)]


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
