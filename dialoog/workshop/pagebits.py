"""Pieces both workshop pages share: the header with the language switch, styles, links."""

from __future__ import annotations

import html
import os
from urllib.parse import quote, urlencode

import ipywidgets as w

from ..i18n import t
from ..session import Session
from ..ui import accessible_name, stylesheet

PUBLIC_URL_ENV = "DIALOOG_PUBLIC_URL"
FACILITATOR_PARAM = "beheer"
CODE_PARAM = "code"


def styles() -> w.HTML:
    """The app's styles and the workshop's own, inlined (nothing is fetched from elsewhere)."""
    return stylesheet((__package__, "workshop.css"))


def token_marker(session: Session) -> w.HTML:
    """Lets the page keep this visitor's workbook in its address, so a reload resumes it."""
    return w.HTML(f'<span class="dialoog-token" data-token="{html.escape(session.token)}"></span>')


class Header(w.HBox):
    """Title and the Nederlands/English switch, linked to the session's language."""

    def __init__(self, session: Session, title_key: str) -> None:
        super().__init__(
            layout=w.Layout(
                justify_content="space-between", align_items="center", flex_flow="row wrap"
            )
        )
        self.add_class("dialoog-header")
        self.session, self.title_key = session, title_key
        self.title = w.HTML()
        self.language = w.ToggleButtons(options=[("Nederlands", "nl"), ("English", "en")])
        accessible_name(self.language, "Taal / Language")
        self.language.add_class("dialoog-language")
        w.link((session, "language"), (self.language, "value"))
        self.children = [self.title, self.language]
        session.observe(self._relabel, "language")
        self._relabel()

    def _relabel(self, _change: object = None) -> None:
        text = html.escape(t(self.title_key, self.session.language))
        self.title.value = f'<div class="dialoog-title">{text}</div>'


def base_url() -> str:
    """Where the notebooks are served, for links shown as text ('' = relative to this page).

    DIALOOG_PUBLIC_URL (e.g. https://dialoog.example.org/voila/render/) wins, because behind a
    proxy or JupyterHub the kernel cannot know the address people type.
    """
    public = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if public:
        return public if public.endswith("/") else public + "/"
    host = os.environ.get("SERVER_NAME", "")
    script = os.environ.get("SCRIPT_NAME", "")
    if not host or not script:
        return ""
    port = os.environ.get("SERVER_PORT", "")
    local = host in ("localhost", "127.0.0.1", "::1")
    scheme = "http" if local else "https"
    default = "80" if scheme == "http" else "443"
    netloc = host if not port or port == default else f"{host}:{port}"
    folder = script.rsplit("/", 1)[0] + "/"
    return f"{scheme}://{netloc}{quote(folder)}"


def page_link(notebook: str, **params: str) -> tuple[str, str]:
    """(relative href, the full address to show) of another notebook with query parameters."""
    href = f"{notebook}?{urlencode(params)}" if params else notebook
    return href, base_url() + href


def qr_html(link: str, alt: str) -> str:
    """A QR code of `link` as an inline SVG image (segno; nothing fetched), or "" when the
    link is not a full address (a QR code of a relative link would lead nowhere)."""
    if not link.startswith(("http://", "https://")):
        return ""
    import segno

    uri = segno.make(link, error="m").svg_data_uri(scale=1, border=4)
    return f'<img class="ws-qr" src="{html.escape(uri)}" alt="{html.escape(alt)}">'


def link_html(href: str, text: str, css: str = "ws-link") -> str:
    return (
        f'<a class="{css}" href="{html.escape(href)}" target="_blank" rel="noopener">'
        f"{html.escape(text)}</a>"
    )


def tag(name: str, text: str, css: str = "") -> str:
    """An HTML element holding escaped text."""
    attr = f' class="{css}"' if css else ""
    return f"<{name}{attr}>{html.escape(text)}</{name}>"


def countdown_html(ends_at, lang: str) -> str:
    """A countdown the page script runs (dialoog.js), so it ticks without the kernel."""
    if ends_at is None:
        return ""
    label = html.escape(t("ws.timer.left", lang))
    return (
        f'<div class="ws-countdown" role="timer" aria-live="off">{label} '
        f'<span class="dialoog-countdown" data-ends="{ends_at.isoformat()}">…</span></div>'
    )
