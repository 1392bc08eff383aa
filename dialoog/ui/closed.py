"""What a page shows when its link opens no workbook: one message, the same on every page.

A link that is malformed, cut short, unknown or revoked opens nothing; the page says so instead
of showing an empty workbook that claims to be saved, and offers to start a new workbook. A
link revoked while its page is open closes the page the same way within one sync tick.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from ..i18n import t
from .header import Header
from .lock import lock
from .widgets import stylesheet


def closed_html(problem: str, lang: str, start_href: str) -> str:
    """The message for a link that opens nothing (`problem`: the store's message key), with a
    link, drawn as a button, to start a new workbook."""
    revoked = problem == "store.revoked_link"
    title = html.escape(t("store.no_workbook_now" if revoked else "store.no_workbook", lang))
    text = html.escape(t(problem, lang))
    start = html.escape(t("app.start_new", lang))
    return (
        f'<div class="dialoog-notice-error dialoog-closed" role="alert"><h2>{title}</h2>'
        f"<p>{text}</p>"
        f'<p><a class="dialoog-button-link" href="{html.escape(start_href)}">{start}</a></p></div>'
    )


class LinkGate(w.VBox):
    """A page while its link opens the workbook, and only the message once it does not.

    `build` makes the page (not called for a link that is wrong from the start); a link that
    becomes read-only while the page is open locks the page's inputs.
    """

    def __init__(
        self,
        session,
        title_key: str,
        build: Callable[[], w.Widget],
        start_href: str = "workbook.ipynb",
        styles: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__()
        self.session, self.title_key, self.start_href = session, title_key, start_href
        self.styles = styles
        self.content: w.Widget | None = None
        self.message = w.HTML()
        if session.access_problem:
            self._close()
        else:
            self.content = build()
            self.children = [self.content]
        session.observe(self._close, "access_problem")
        session.observe(self._read_only, "read_only")
        session.observe(self._relabel, "language")

    def _close(self, _change: object = None) -> None:
        if not self.session.access_problem:
            return
        self._relabel()
        self.add_class("dialoog-app")
        header = Header(self.session, self.title_key)
        self.children = [stylesheet(*self.styles), header, self.message]

    def _relabel(self, _change: object = None) -> None:
        if self.session.access_problem:
            lang = self.session.language
            self.message.value = closed_html(self.session.access_problem, lang, self.start_href)

    def _read_only(self, change: dict) -> None:
        if change["new"] and self.content is not None:
            lock(self.content)
