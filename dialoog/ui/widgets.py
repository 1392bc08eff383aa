"""Small widgets every page uses: notices, downloads, figures with a text alternative, buttons.

They only display; none of them knows the workbook.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from ..formatting import format_date
from .lock import view_only

if TYPE_CHECKING:
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)


def guarded(method):
    """Turn an exception in a widget callback into a friendly message instead of silence.

    The callback's object needs a `session`; the app shows `session.error` to the user, and the
    error is logged with its traceback.
    """

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception:
            log.exception("error in %s", method.__qualname__)
            self.session.report_error("app.error")
            return None

    return wrapper


def stylesheet(*extra: tuple[str, str]) -> w.HTML:
    """The app's styles (ui/app.css) and a feature's own (package, file), inlined: nothing is
    fetched from elsewhere."""
    from importlib import resources

    css = resources.files(__package__).joinpath("app.css").read_text(encoding="utf-8")
    for package, name in extra:
        css += resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return w.HTML(f"<style>{css}</style>")


def guard(session, func):
    """`func` for a callback that has no object with a `session`: its errors are shown to the
    user as a message and logged, like `guarded`."""

    @functools.wraps(func)
    def call(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Exception:
            log.exception("error in %s", getattr(func, "__qualname__", func))
            session.report_error("app.error")
            return None

    return call


def show(widget: w.Widget, visible: bool = True) -> None:
    """Show or hide a widget (and take it out of the layout when hidden)."""
    widget.layout.display = None if visible else "none"


def shown(widget: w.Widget) -> bool:
    return widget.layout.display != "none"


class Notice(w.HTML):
    """A one-line message to the user (info, success or error), shown as escaped text.

    Errors are announced to screen readers at once (role=alert), the rest politely (status).
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_class("dialoog-notice")
        self.kind = ""
        self.message = ""

    def show(self, message: str, kind: str = "info") -> None:
        role = "alert" if kind == "error" else "status"
        self.kind, self.message = kind, message
        self.value = (
            f'<div class="dialoog-notice-{kind}" role="{role}">{html.escape(message)}</div>'
        )

    def clear(self) -> None:
        self.kind = self.message = ""
        self.value = ""

    @property
    def text(self) -> str:
        """The message as plain text (for tests and logs)."""
        return self.message


class DownloadLink(w.HTML):
    """A link that downloads a file built in the kernel (a data: URI, so no server route).

    `set(..., start=True)` also starts the download in the browser at once (one click for the
    user: the button builds the file, the page's script clicks the link); the link stays, for
    a second copy or a browser that blocked the first.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_class("dialoog-download")
        self.filename = ""
        self.data = b""
        self._serial = 0

    def set(
        self, filename: str, data: bytes, mime: str, label: str | None = None, *, start=False
    ) -> None:
        self.filename = filename
        self.data = data
        self._serial += 1
        encoded = base64.b64encode(data).decode("ascii")
        auto = f' data-autostart="{self._serial}"' if start else ""
        self.value = (
            f'<a class="dialoog-download-link" download="{html.escape(filename)}"{auto} '
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


class SvgDownload(w.HBox):
    """A chart's SVG, drawn when asked for: one click draws it and starts the download (the
    link stays for a second copy). Drawing an SVG costs as much as the PNG on show, so drawing
    both at every change doubled the time a chart took to follow an answer."""

    def __init__(self) -> None:
        self.button = w.Button(icon="download")
        self.button.layout.width = "auto"
        self.button.add_class("dialoog-svg-button")
        view_only(self.button)  # a reader may download it too
        self.button.on_click(self._draw)
        self.link = DownloadLink()
        super().__init__([self.button, self.link])  # spaced in app.css
        self.add_class("dialoog-svg-download")
        self.figure: Figure | None = None
        self.filename = ""
        self.again = ""

    @property
    def data(self) -> bytes:
        return self.link.data

    def offer(self, figure: Figure, filename: str, label: str, again: str) -> None:
        """The chart now on show; a link to an earlier one goes, as it would be out of date."""
        self.figure, self.filename, self.again = figure, filename, again
        self.button.description = self.button.tooltip = label
        self.link.clear()

    def _draw(self, _button: object = None) -> None:
        if self.figure is None:
            return
        try:
            data = figure_svg(self.figure)
        except Exception:  # shown as a missing download, never as a traceback
            log.exception("SVG of %s could not be drawn", self.filename)
            return
        self.link.set(self.filename, data, "image/svg+xml", self.again, start=True)


class ImageView(w.HTML):
    """A chart as a PNG image with a real text alternative (what it shows, in words).

    An HTML <img> rather than ipywidgets' Image, whose view cannot carry alt text.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_class("dialoog-figure")
        self.png = b""
        self.alt = ""

    def show_png(self, png: bytes, alt: str) -> None:
        self.png, self.alt = png, alt
        if not png:
            self.value = ""
            return
        encoded = base64.b64encode(png).decode("ascii")
        self.value = (
            f'<img class="dialoog-figure-img" src="data:image/png;base64,{encoded}" '
            f'alt="{html.escape(alt)}">'
        )

    def show_figure(self, fig: Figure, alt: str, dpi: int = 110) -> bytes:
        """Draw `fig`; returns the PNG bytes (for a download of the same picture)."""
        png = figure_png(fig, dpi=dpi)
        self.show_png(png, alt)
        return png

    def clear(self) -> None:
        self.show_png(b"", "")


def button(label: str, *, icon: str = "", style: str = "", tooltip: str = "") -> w.Button:
    """A button whose text fits its label (ipywidgets' default width cuts Dutch labels)."""
    btn = w.Button(description=label, icon=icon, button_style=style, tooltip=tooltip or label)
    btn.layout.width = "auto"
    return btn


class SpelledDate(w.HTML):
    """A date picker's date written out in the user's language ('= 10 maart 2026'), shown
    beside it: the browser draws a date input in its own locale (03/10/2026 in an English
    browser), so the words say which day it is. Follows the picker; `update()` after a change
    of language."""

    def __init__(self, picker: w.DatePicker, language: Callable[[], str]) -> None:
        super().__init__()
        self.add_class("dialoog-date-words")
        self.picker, self.language = picker, language
        picker.observe(self.update, "value")
        self.update()

    def update(self, _change: object = None) -> None:
        day = self.picker.value
        self.value = (
            f"<span>= {html.escape(format_date(day, self.language()))}</span>" if day else ""
        )

    def row(self) -> w.HBox:
        """The picker with its words beside it."""
        box = w.HBox(
            [self.picker, self], layout=w.Layout(align_items="flex-end", flex_flow="row wrap")
        )
        box.add_class("dialoog-date-row")
        return box


def take_upload(upload: w.FileUpload) -> tuple[str, bytes] | None:
    """The name and bytes of the file chosen in `upload` (ipywidgets 8), if any; the widget is
    emptied, so that the same file can be chosen again after a correction."""
    if not upload.value:
        return None
    item = upload.value[0]
    upload.value = ()
    return item["name"], bytes(item["content"])
