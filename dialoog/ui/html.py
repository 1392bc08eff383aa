"""Safe HTML for HTML widgets: escaped text, paragraphs, and the one table builder.

Every text that reaches an HTML widget goes through here (or `html.escape`): user text and
content text can never add markup. User text is isolated for direction (`<bdi>`), so a name
written right to left, or with an override character, never reorders the page around it.
"""

from __future__ import annotations

import html

from ..plan.blocks import Table

esc = html.escape


def text_html(text: str) -> str:
    """Escaped HTML for a text: blank lines make paragraphs, lines starting '- ' make bullets."""
    blocks = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{esc(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append(f"<p>{esc(' '.join(lines))}</p>")
    return "".join(blocks)


def tag(name: str, text: str, css: str = "", **attrs: str) -> str:
    """An HTML element holding escaped text."""
    parts = [name]
    if css:
        parts.append(f'class="{esc(css)}"')
    parts += [f'{k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items()]
    return f"<{' '.join(parts)}>{esc(text)}</{name}>"


def user_text(text: object) -> str:
    """A person's own words (a name, an answer) escaped and isolated for direction."""
    return f"<bdi>{esc('' if text is None else str(text))}</bdi>"


def isolate(text: object) -> str:
    """A person's words for a widget that shows plain text (a menu option, a label): wrapped
    in Unicode isolates, so a right-to-left name never reorders what follows it."""
    return f"\u2068{'' if text is None else text}\u2069"


def table_html(table: Table, css: str = "dialoog-table") -> str:
    """A `Table` as an escaped HTML table.

    Numeric columns are right-aligned, a flagged row gets `<css>-row-<flag>`, a badge column
    shows its cells as coloured chips (`<css>-badge-<id>`), every cell is isolated for
    direction, and wide tables scroll inside their own frame (see the CSS of `.dialoog-scroll`).
    """
    numeric = set(table.numeric)
    head = "".join(
        f'<th scope="col" class="num">{esc(h)}</th>'
        if i in numeric
        else f'<th scope="col">{esc(h)}</th>'
        for i, h in enumerate(table.headers)
    )
    rows = []
    for r, row in enumerate(table.rows):
        flag = table.flags[r] if r < len(table.flags) else ""
        row_css = f' class="{esc(css)}-row-{esc(flag)}"' if flag else ""
        cells = []
        for c, value in enumerate(row):
            text = user_text(value)
            badges = table.badges.get(c)
            if badges and r < len(badges) and badges[r]:
                chip = f"{esc(css)}-badge {esc(css)}-badge-{esc(badges[r])}"
                text = f'<span class="{chip}">{text}</span>'
            if c == 0 and table.row_headers:
                cells.append(f'<th scope="row">{text}</th>')
            else:
                cells.append(f'<td class="num">{text}</td>' if c in numeric else f"<td>{text}</td>")
        rows.append(f"<tr{row_css}>{''.join(cells)}</tr>")
    caption = f"<caption>{esc(table.caption)}</caption>" if table.caption else ""
    return (
        f'<div class="dialoog-scroll" tabindex="0" role="region" '
        f'aria-label="{esc(table.caption or (table.headers[0] if table.headers else ""))}">'
        f'<table class="{esc(css)}">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
