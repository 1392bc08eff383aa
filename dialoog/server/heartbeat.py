"""The pages' heartbeat: how the server knows a page is still there.

A page's script (dialoog.js) posts its kernel's id every few seconds. The kernel manager
(`dialoog.serving.PageKernelManager`) keeps the kernel as long as its page is heard from; the
workbook's presence counts the pages heard from lately (`WorkbookStore.heard_from`), written
for all pages at once every `PRESENCE_FLUSH_SECONDS`, off the server's event loop.
"""

from __future__ import annotations

import logging
import threading

from jupyter_server.base.handlers import APIHandler
from tornado import web
from tornado.ioloop import IOLoop, PeriodicCallback

log = logging.getLogger(__name__)

PRESENCE_FLUSH_SECONDS = 2.0


class HeardPages:
    """Pages heard from since the last flush, written to the workbook store in one statement."""

    def __init__(self) -> None:
        self._pages: set[str] = set()
        self._lock = threading.Lock()
        self._store = None
        self._flusher: PeriodicCallback | None = None

    def add(self, kernel_id: str) -> None:
        with self._lock:
            self._pages.add(kernel_id.replace("-", ""))
        if self._flusher is None:
            self._flusher = PeriodicCallback(self.flush, PRESENCE_FLUSH_SECONDS * 1000)
            self._flusher.start()

    async def flush(self) -> None:
        with self._lock:
            pages, self._pages = sorted(self._pages), set()
        if pages:
            await IOLoop.current().run_in_executor(None, self._write, pages)

    def _write(self, pages: list[str]) -> None:
        from ..workbook_store import StoreError, WorkbookStore

        try:
            if self._store is None:
                self._store = WorkbookStore()
            self._store.heard_from(pages)
        except StoreError as error:  # presence is a courtesy: the next beat tries again
            log.warning("presence not written: %s", error)


heard = HeardPages()


class HeartbeatHandler(APIHandler):
    """POST /dialoog/api/heartbeat/<kernel id>: 204 while this server runs that kernel, 404
    after it was stopped (the page then says its connection is gone)."""

    @web.authenticated
    def post(self, kernel_id: str) -> None:
        manager = self.settings.get("kernel_manager")
        hear = getattr(manager, "hear", None)
        if hear is None or not hear(kernel_id):
            raise web.HTTPError(404)
        heard.add(kernel_id)
        self.set_status(204)
        self.finish()
