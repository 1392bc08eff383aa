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
import re
from urllib.parse import parse_qs, parse_qsl, urlencode

_KERNEL_FILE = re.compile(r"\Akernel-([0-9a-f-]{32,36})\.json\Z")


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


def preheating() -> bool:
    """A preheated kernel that no visitor has taken yet: what it does now costs nobody time."""
    return os.environ.get("VOILA_PREHEAT") == "True" and "QUERY_STRING" not in os.environ


def query_param(name: str) -> str | None:
    """First value of `name` in the page's query string; None if absent or outside Voilà.

    In preheat mode the first call blocks until a visitor opens the page.
    """
    if not in_voila():
        return None
    values = parse_qs(_query_string() or "", keep_blank_values=True).get(name)
    return values[0] if values else None


def kernel_page() -> str | None:
    """This kernel's id without dashes (32 characters), when it runs in Voilà: the name under
    which the page counts as open, which the server's heartbeat handler knows too."""
    if not in_voila():
        return None
    try:
        from ipykernel.connect import get_connection_file

        name = os.path.basename(get_connection_file())
    except (ImportError, RuntimeError, AttributeError, OSError):
        return None
    match = _KERNEL_FILE.match(name)
    return match[1].replace("-", "") if match else None


def page_href(drop: tuple[str, ...] = ()) -> str:
    """This page's own address, relative ("facilitator.ipynb?beheer=…"), without the query
    parameters in `drop`; "" outside Voilà."""
    script = os.environ.get("SCRIPT_NAME", "")
    if not in_voila() or not script:
        return ""
    params = [
        (k, v)
        for k, v in parse_qsl(os.environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if k not in drop
    ]
    name = script.rsplit("/", 1)[-1]
    return f"{name}?{urlencode(params)}" if params else name
