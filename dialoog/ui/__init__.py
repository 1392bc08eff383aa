"""The UI kit: what every page and feature shares. Widgets only display and ask.

- `widgets`: notices, downloads, figures with text alternatives, buttons, show/hide, `guarded`
- `html`: escaped text and the one HTML table builder (from `plan.blocks.Table`)
- `header`: the page header with the language switch
- `statement`: one statement with its answer scale
"""

from .closed import LinkGate, closed_html
from .header import Header
from .html import esc, isolate, table_html, tag, text_html, user_text
from .lock import accessible_name, lock, view_only
from .statement import ScaleOption, StatementInput
from .widgets import (
    DownloadLink,
    ImageView,
    Notice,
    SpelledDate,
    SvgDownload,
    button,
    figure_png,
    figure_svg,
    guard,
    guarded,
    show,
    shown,
    stylesheet,
    take_upload,
)

__all__ = [
    "accessible_name",
    "closed_html",
    "LinkGate",
    "DownloadLink",
    "SvgDownload",
    "Header",
    "ImageView",
    "Notice",
    "SpelledDate",
    "ScaleOption",
    "StatementInput",
    "button",
    "esc",
    "figure_png",
    "figure_svg",
    "guard",
    "guarded",
    "take_upload",
    "isolate",
    "lock",
    "show",
    "shown",
    "stylesheet",
    "table_html",
    "tag",
    "text_html",
    "user_text",
    "view_only",
]
