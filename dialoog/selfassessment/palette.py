"""Colours of the self-assessment, from the Okabe-Ito palette, which colour-blind readers can tell
apart. Shared by the chart and the summary so that a band looks the same everywhere; a band is
always named in words as well, never shown by colour alone.
"""

from __future__ import annotations

BAND_COLOURS = {
    "green": "#009E73",  # bluish green
    "orange": "#E69F00",  # orange
    "insufficient": "#8C8C8C",  # grey
}
THRESHOLD_COLOUR = "#D55E00"  # vermillion: the ring between green and orange
ATTENTION_FILL = "#E69F00"  # the orange zone inside the ring, drawn faintly

# One assessment after the other (current first): colour, line style and marker all differ,
# so that overlaid assessments can be told apart in colour, in grey print and by shape.
SERIES_STYLES: tuple[tuple[str, str, str], ...] = (
    ("#0072B2", "-", "o"),  # blue, solid, circles
    ("#CC79A7", "--", "s"),  # reddish purple, dashed, squares
    ("#000000", ":", "^"),  # black, dotted, triangles
    ("#56B4E9", "-.", "D"),  # sky blue, dash-dot, diamonds
    ("#009E73", (0, (6, 2, 1, 2, 1, 2)), "v"),  # bluish green, dash-dot-dot, down triangles
)
