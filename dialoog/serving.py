"""The Voilà server's side of dialoog (loaded by the Voilà process through config/voila.py).

**A page lives as long as its heartbeat.** Every page's script tells the server every few
seconds that it is still there (`dialoog.server`, POST /dialoog/api/heartbeat/<kernel id>).
A kernel whose page has not been heard from for the cull time (`cull_idle_timeout`) is shut
down, whatever it did before: saved or not, busy sending updates or quiet. A kernel that never
heard from a page (a plain GET by a link checker, a page that never got its script running) goes
after `first_heartbeat_timeout` once its notebook ran. The kernel's own activity no longer
counts: a page that saved, or shows who else is open, sends messages every few seconds, so
activity never told whether anybody was there.

**A stopped kernel first handles what its page sent.** A closed tab asks the server to stop its
kernel (Voilà's unload request); its last keystrokes may still be on their way on the shell
channel, while the stop request travels on the control channel, which the kernel serves first.
So the manager lets in-flight messages arrive and waits for one shell round trip: everything the
page sent before it closed has then reached the workbook, and the kernel's exit handler saves it.

The same manager adds, once the server runs, gzip for what it sends and dialoog's own handlers
(`dialoog.server`): Voilà applies `tornado_settings` only after it built its web application,
too late for `compress_response`, and has no hook for extra handlers.
"""

from __future__ import annotations

import asyncio
import logging
import time

from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import IOLoop
from tornado.web import GZipContentEncoding
from traitlets import Float

log = logging.getLogger(__name__)

SETTLE_SECONDS = 0.3  # for websocket frames sent just before the page closed
DRAIN_SECONDS = 5.0  # at most this long for the kernel to answer on its shell channel


def compress(voila_app) -> None:
    """Gzip the server's responses (pages, scripts, styles): about 5 MB less per first visit."""
    web_app = getattr(voila_app, "app", None)
    if web_app is not None and GZipContentEncoding not in web_app.transforms:
        web_app.add_transform(GZipContentEncoding)


def _setup(voila_app) -> None:
    from .server import attach

    compress(voila_app)
    web_app = getattr(voila_app, "app", None)
    if web_app is not None:
        attach(web_app, getattr(voila_app, "base_url", "/"))


class PageKernelManager(AsyncMappingKernelManager):
    """Kernels that live as long as their page's heartbeat, and stop only after they handled
    what their page sent before closing."""

    first_heartbeat_timeout = Float(
        60.0,
        config=True,
        help="Seconds a kernel may wait, once its notebook ran, for its page's first heartbeat "
        "before it is shut down (a page fetched without a browser keeps no kernel).",
    )

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._heard: dict[str, float] = {}  # kernel id -> monotonic time of the last heartbeat
        self._quiet: dict[str, float] = {}  # kernel id -> when it was first seen done, unheard
        if self.parent is not None:  # the Voilà application, which builds its web app next
            IOLoop.current().add_callback(_setup, self.parent)

    # -- heartbeats ------------------------------------------------------------------------------
    def hear(self, kernel_id: str) -> bool:
        """A page says it is there; False when this server has no such kernel (culled,
        stopped, or of another server)."""
        if kernel_id not in self._kernels:
            return False
        self._heard[kernel_id] = time.monotonic()
        return True

    def last_heard(self, kernel_id: str) -> float | None:
        """Seconds since the kernel's page was last heard from (None: never)."""
        heard = self._heard.get(kernel_id)
        return None if heard is None else time.monotonic() - heard

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        """Shut down a kernel whose page went quiet (see the module's docstring)."""
        kernel = self._kernels.get(kernel_id)
        if kernel is None:
            return
        if getattr(kernel, "execution_state", None) == "dead":
            await ensure_async(super().cull_kernel_if_idle(kernel_id))
            return
        now = time.monotonic()
        heard = self._heard.get(kernel_id)
        if heard is None:
            if getattr(kernel, "execution_state", "idle") in ("starting", "busy"):
                self._quiet.pop(kernel_id, None)  # its notebook is still running
                return
            since = self._quiet.setdefault(kernel_id, now)
            if now - since < self.first_heartbeat_timeout:
                return
            reason = f"no page was heard from in {round(now - since)} s"
        else:
            if now - heard < self.cull_idle_timeout:
                return
            reason = f"its page was last heard from {round(now - heard)} s ago"
        self.log.warning("Culling kernel %s: %s", kernel_id, reason)
        await ensure_async(self.shutdown_kernel(kernel_id))

    # -- stopping --------------------------------------------------------------------------------
    async def shutdown_kernel(self, kernel_id, now=False, restart=False):
        if not now and not restart:
            await self._drain(kernel_id)
        try:
            return await super().shutdown_kernel(kernel_id, now=now, restart=restart)
        finally:
            if not restart:
                self._heard.pop(kernel_id, None)
                self._quiet.pop(kernel_id, None)

    async def _drain(self, kernel_id: str) -> None:
        try:
            kernel = self.get_kernel(kernel_id)
        except KeyError:
            return
        await asyncio.sleep(SETTLE_SECONDS)
        client = kernel.client()
        client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            await client.kernel_info(reply=True, timeout=DRAIN_SECONDS)
        except Exception as error:  # a dead or hung kernel is stopped all the same
            log.info("kernel %s did not answer before shutdown: %s", kernel_id, error)
        finally:
            client.stop_channels()
