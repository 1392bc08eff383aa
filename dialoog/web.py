"""Where the kernel learns about the Voilà page that runs it (no widget imports).

How the query string reaches the kernel in Voilà 0.5.13:
- normal kernels: the page request starts the kernel with CGI-style env vars
  (QUERY_STRING, SCRIPT_NAME, SERVER_NAME, ...; VOILA_PREHEAT="False").
- preheated kernels (VOILA_PREHEAT="True"): the kernel starts before any visitor, so the
  env has no QUERY_STRING. voila.utils.get_query_string() blocks until a visitor takes the
  kernel, fetches the request info over the /voila/query/<kernel_id> websocket, copies it
  into os.environ and returns QUERY_STRING.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs


def in_voila() -> bool:
    """True when this kernel was started by Voilà (both normal and preheated mode)."""
    return "VOILA_PREHEAT" in os.environ or os.environ.get("SERVER_SOFTWARE", "").startswith(
        "voila/"
    )


def _query_string() -> str | None:
    qs = os.environ.get("QUERY_STRING")
    if qs is None and os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string  # blocks until a visitor arrives

        qs = get_query_string()
    return qs


def query_param(name: str) -> str | None:
    """First value of `name` in the page's query string; None if absent or outside Voilà.

    In preheat mode the first call blocks until a visitor opens the page.
    """
    if not in_voila():
        return None
    values = parse_qs(_query_string() or "", keep_blank_values=True).get(name)
    return values[0] if values else None
