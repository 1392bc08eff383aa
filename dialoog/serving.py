"""Server-side pieces for Voilà (loaded by the Voilà process through config/voila.py).

A closed tab asks the server to stop its kernel (Voilà's unload request). The last keystrokes
of that tab may still be on their way to the kernel's shell channel, while the stop request
travels on the control channel, which the kernel serves first. So before a kernel is stopped,
the manager lets in-flight messages arrive and waits for one shell round trip: everything the
page sent before it closed has then reached the workbook, and the kernel's exit handler saves
it.

The same class also turns on compression of what the server sends (Tornado's gzip transform):
Voilà applies `tornado_settings` only after it has built its web application, too late for
`compress_response`, so the transform is added once the server runs.
"""

from __future__ import annotations

import asyncio
import logging

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import IOLoop
from tornado.web import GZipContentEncoding

log = logging.getLogger(__name__)

SETTLE_SECONDS = 0.3  # for websocket frames sent just before the page closed
DRAIN_SECONDS = 5.0  # at most this long for the kernel to answer on its shell channel


def compress(voila_app) -> None:
    """Gzip the server's responses (pages, scripts, styles): about 5 MB less per first visit."""
    web_app = getattr(voila_app, "app", None)
    if web_app is not None and GZipContentEncoding not in web_app.transforms:
        web_app.add_transform(GZipContentEncoding)


class DrainingKernelManager(AsyncMappingKernelManager):
    """Stops a kernel only after it has handled what its page sent before closing."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        if self.parent is not None:  # the Voilà application, which builds its web app next
            IOLoop.current().add_callback(compress, self.parent)

    async def shutdown_kernel(self, kernel_id, now=False, restart=False):
        if not now and not restart:
            await self._drain(kernel_id)
        return await super().shutdown_kernel(kernel_id, now=now, restart=restart)

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
