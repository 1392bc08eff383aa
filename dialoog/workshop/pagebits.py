"""Pieces of the facilitator's page: its styles, the marker that keeps its workbook in the
address, links to other pages and to the pages the server serves without a kernel."""

from __future__ import annotations

import html
import os
from urllib.parse import quote, urlencode

import ipywidgets as w

from ..i18n import t
from ..session import Session
from ..ui import stylesheet
from .api import FACILITATOR_PARAM  # noqa: F401 (the facilitator link's parameter, for pages)

PUBLIC_URL_ENV = "DIALOOG_PUBLIC_URL"


def styles() -> w.HTML:
    """The app's styles and the workshop's own, inlined (nothing is fetched from elsewhere)."""
    return stylesheet((__package__, "workshop.css"))


def token_marker(session: Session) -> w.HTML:
    """Lets the page keep this visitor's workbook in its address, so a reload resumes it."""
    return w.HTML(f'<span class="dialoog-token" data-token="{html.escape(session.token)}"></span>')


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


def server_link(path: str, **params: str) -> tuple[str, str]:
    """(href, the full address to show) of a page the server serves without a kernel
    ('dialoog/join', 'dialoog/room'), seen from a Voilà page (…/voila/render/x.ipynb)."""
    query = f"?{urlencode(params)}" if params else ""
    href = f"../../{path}{query}"  # from voila/render/ up to the server's root
    shown = base_url()
    if shown.endswith("voila/render/"):
        shown = shown[: -len("voila/render/")]
    return href, (shown + path + query) if shown else href


def page_link(notebook: str, **params: str) -> tuple[str, str]:
    """(relative href, the full address to show) of another notebook with query parameters."""
    href = f"{notebook}?{urlencode(params)}" if params else notebook
    return href, base_url() + href


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
