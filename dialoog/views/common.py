"""Small widgets and helpers that every view uses: safe text, notices, downloads, images."""

from __future__ import annotations

import base64
import functools
import html
import io
import logging
from typing import TYPE_CHECKING

import ipywidgets as w

if TYPE_CHECKING:
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)


def guarded(method):
    """Turn an exception in a widget callback into a friendly message instead of silence.

    The callback's object needs a `session`; the app shows `session.error` to the user.
    """

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception:
            log.exception("error in %s", method.__qualname__)
            self.session.error = "app.error"
            self.session.error_count += 1
            return None

    return wrapper


def text_html(text: str) -> str:
    """Escaped HTML for a text: blank lines make paragraphs, lines starting '- ' make bullets.

    Everything is escaped, so user text and content text can never inject markup.
    """
    blocks = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{html.escape(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append(f"<p>{html.escape(' '.join(lines))}</p>")
    return "".join(blocks)


class Notice(w.HTML):
    """A one-line message to the user (info, success or error), shown as escaped text."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_class("dialoog-notice")
        self.kind = ""

    def show(self, message: str, kind: str = "info") -> None:
        role = "alert" if kind == "error" else "status"
        self.kind = kind
        self.value = (
            f'<div class="dialoog-notice-{kind}" role="{role}">{html.escape(message)}</div>'
        )

    def clear(self) -> None:
        self.kind = ""
        self.value = ""

    @property
    def text(self) -> str:
        """The message as plain text (for tests and logs)."""
        return html.unescape(self.value.split(">", 1)[-1].rsplit("<", 1)[0]) if self.value else ""


class DownloadLink(w.HTML):
    """A link that downloads a file built in the kernel (a data: URI, so no server route)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_class("dialoog-download")
        self.filename = ""
        self.data = b""

    def set(self, filename: str, data: bytes, mime: str, label: str | None = None) -> None:
        self.filename = filename
        self.data = data
        encoded = base64.b64encode(data).decode("ascii")
        self.value = (
            f'<a class="dialoog-download-link" download="{html.escape(filename)}" '
            f'href="data:{html.escape(mime)};base64,{encoded}">'
            f"⬇ {html.escape(label or filename)}</a>"
        )

    def clear(self) -> None:
        self.filename, self.data, self.value = "", b"", ""


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def figure_svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


class ImageView(w.Image):
    """Shows a matplotlib figure as a PNG image, with alt text for screen readers."""

    def __init__(self, **kwargs) -> None:
        super().__init__(format="png", **kwargs)
        self.add_class("dialoog-figure")
        self.layout.max_width = "100%"

    def show_figure(self, fig: Figure, alt: str = "") -> None:
        self.value = figure_png(fig)  # no tooltip: ipywidgets' Image view fails on one


def button(label: str, *, icon: str = "", style: str = "", tooltip: str = "") -> w.Button:
    """A button whose text fits its label (ipywidgets' default width cuts Dutch labels)."""
    btn = w.Button(description=label, icon=icon, button_style=style, tooltip=tooltip or label)
    btn.layout.width = "auto"
    return btn
