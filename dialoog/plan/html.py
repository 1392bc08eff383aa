"""The plan as one self-contained, printable HTML page: inline CSS, images as data: URIs.

Every text goes through `_esc` (clean + html.escape), so no answer can add markup or script;
the page loads nothing from elsewhere and prints with a page break before each phase.
"""

from __future__ import annotations

import base64
import html as _html

from ..formatting import css_number
from .blocks import (
    Answer,
    Bullets,
    Checklist,
    Image,
    Paragraph,
    PlanDocument,
    Section,
    Table,
    clean,
)

HTML_MIME = "text/html"

CSS = """
:root { --ink:#1d2733; --muted:#5b6770; --line:#c9d2da; --accent:#1f4e79; --open:#8a5a00;
        --late:#a61b1b; --done:#2e6b30; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 52em; padding: 2em 2.5em; line-height: 1.45; font-size: 11pt; }
h1, h2, h3 { color: var(--accent); line-height: 1.2; }
h1 { font-size: 1.7em; border-bottom: 2px solid var(--accent); padding-bottom: .2em;
     margin-top: 1.6em; }
h2 { font-size: 1.3em; margin-top: 1.5em; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
p { margin: .35em 0 .6em; overflow-wrap: break-word; }
.title-page { min-height: 60vh; display: flex; flex-direction: column; justify-content: center;
              border-left: 8px solid var(--accent); padding-left: 1.5em; margin-bottom: 2em; }
.title-page h1 { border: none; font-size: 2.2em; margin: 0 0 .3em; }
.title-page .subtitle { font-size: 1.4em; color: var(--muted); margin-bottom: 1.5em; }
.facts { border-collapse: collapse; width: auto; }
.facts th { text-align: left; padding: .2em 1.2em .2em 0; color: var(--muted); font-weight: 600; }
.facts td { padding: .2em 0; }
nav.contents ol { padding-left: 1.2em; }
nav.contents ul { list-style: none; padding-left: 1em; }
nav.contents a { color: var(--ink); text-decoration: none; }
.status { display: inline-block; font-size: .8em; padding: .05em .6em; border-radius: 1em;
          border: 1px solid var(--line); margin-left: .5em; vertical-align: middle;
          color: var(--muted); font-weight: normal; }
.status-empty { color: var(--open); border-color: var(--open); }
.status-complete { color: var(--done); border-color: var(--done); }
.answer { margin: .8em 0 1em; page-break-inside: avoid; }
.answer .label, p.label { font-weight: 600; margin-bottom: .2em; }
p.muted { color: var(--muted); }
p.open, .answer.open .value { color: var(--open); font-style: italic; }
p.warning { color: var(--late); font-weight: 600; }
p.note { border-left: 4px solid var(--accent); padding-left: .6em; }
p.letter, .letter p { white-space: pre-wrap; font-family: Georgia, serif; }
ul.checklist { list-style: none; padding-left: .2em; }
ul.checklist li::before { content: attr(data-mark) " "; font-weight: bold; }
ul.checklist li.done { color: var(--done); }
ul.checklist li.todo { color: var(--ink); }
table.data { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .92em; }
table.data th, table.data td { border: 1px solid var(--line); padding: .3em .45em;
                               vertical-align: top; text-align: left; overflow-wrap: break-word;
                               hyphens: auto; }
table.data th { background: #e8eef4; hyphens: manual; overflow-wrap: normal; }
table.data tr.overdue td, table.data tr.differs td { background: #fbe9e9; color: var(--late); }
table.data tr.open td { color: var(--open); }
table.data tr.done td { color: var(--done); }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
footer { margin-top: 3em; color: var(--muted); font-size: .85em; border-top: 1px solid var(--line);
         padding-top: .5em; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .title-page { min-height: 240mm; page-break-after: always; }
  nav.contents { page-break-after: always; }
  section.break { page-break-before: always; }
  h1, h2, h3, h4, p.label, caption { page-break-after: avoid; break-after: avoid; }
  .answer.long { page-break-inside: auto; }
  figure { page-break-inside: avoid; break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
  table.data thead { display: table-header-group; }
  table.data tr { page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _esc(text: object) -> str:
    return _html.escape(clean(text), quote=True)


def _txt(text: object) -> str:
    """Someone's words in the document: escaped and isolated for direction (<bdi>)."""
    return f"<bdi>{_esc(text)}</bdi>"


def _paragraphs(text: str, css: str = "") -> str:
    """Paragraphs on blank lines, bullets for '- ' lines, line breaks kept; all escaped."""
    cls = f' class="{_esc(css)}"' if css else ""
    if css == "letter":
        return f'<div class="letter"><p>{_esc(text)}</p></div>'
    out = []
    for block in clean(text).split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            out.append("<ul>" + "".join(f"<li>{_txt(x[2:])}</li>" for x in lines) + "</ul>")
        else:
            out.append(f"<p{cls}>" + "<br>".join(_txt(x) for x in lines) + "</p>")
    return "".join(out)


def _block(block: object) -> str:
    if isinstance(block, Paragraph):
        return _paragraphs(block.text, block.style)
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_txt(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Checklist):
        items = []
        for label, done in block.items:
            mark = "☑" if done else "☐"
            state = block.done_label if done else block.open_label
            items.append(
                f'<li class="{"done" if done else "todo"}" data-mark="{mark}">{_esc(label)} '
                f'<span class="state">({_esc(state)})</span></li>'
            )
        return '<ul class="checklist">' + "".join(items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Image):
        data = base64.b64encode(block.png).decode("ascii")
        return (
            f'<figure><img alt="{_esc(block.alt)}" src="data:image/png;base64,{data}" '
            f'style="width:{css_number(block.width_cm, 1)}cm">'
            f"<figcaption>{_esc(block.alt)}</figcaption>"
            "</figure>"
        )
    if isinstance(block, Answer):
        css = "answer" if block.filled else "answer open"
        if any(isinstance(b, (Table, Image)) for b in block.blocks):
            css += " long"  # may run over a page; its label stays with its start
        inner = "".join(_block(b) for b in block.blocks)
        return (
            f'<div class="{css}"><p class="label">{_esc(block.label)}</p>'
            f'<div class="value">{inner}</div></div>'
        )
    return _paragraphs(str(block))


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{_esc(h)}</th>' for h in table.headers)
    rows = []
    for i, row in enumerate(table.rows):
        flag = table.flags[i] if i < len(table.flags) else ""
        cls = f' class="{_esc(flag)}"' if flag else ""
        rows.append(f"<tr{cls}>" + "".join(f"<td>{_txt(c)}</td>" for c in row) + "</tr>")
    caption = f"<caption>{_esc(table.caption)}</caption>" if table.caption else ""
    return (
        f'<table class="data">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _section(section: Section) -> str:
    tag = f"h{min(section.level, 4)}"
    status = (
        f' <span class="status status-{_esc(section.status)}">{_esc(section.status_label)}</span>'
        if section.status_label
        else ""
    )
    css = "break" if section.page_break else ""
    parts = [
        f'<section id="{_esc(section.anchor)}" class="{css}" data-status="{_esc(section.status)}">',
        f"<{tag}>{_esc(section.title)}{status}</{tag}>",
        *(_block(b) for b in section.blocks),
        *(_section(c) for c in section.children),
        "</section>",
    ]
    return "".join(parts)


def _contents(doc: PlanDocument) -> str:
    items = []
    for section in doc.sections:
        sub = "".join(
            f'<li><a href="#{_esc(c.anchor)}">{_esc(c.title)}</a></li>' for c in section.children
        )
        sub = f"<ul>{sub}</ul>" if sub else ""
        items.append(f'<li><a href="#{_esc(section.anchor)}">{_esc(section.title)}</a>{sub}</li>')
    return (
        f'<nav class="contents"><h1>{_esc(doc.contents_title)}</h1><ol>{"".join(items)}</ol></nav>'
    )


def render_html(doc: PlanDocument) -> str:
    """The whole plan as one HTML page (a string)."""
    facts = "".join(f"<tr><th>{_esc(k)}</th><td>{_txt(v)}</td></tr>" for k, v in doc.facts)
    body = "".join(_section(s) for s in doc.sections)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_esc(doc.lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">"
        f"<title>{_esc(doc.title)} — {_esc(doc.subtitle)}</title><style>{CSS}</style></head>"
        f'<body><header class="title-page"><h1>{_esc(doc.title)}</h1>'
        f'<div class="subtitle">{_esc(doc.subtitle)}</div>'
        f'<table class="facts">{facts}</table></header>'
        f"{_contents(doc)}<main>{body}</main><footer>{_esc(doc.footer)}</footer></body></html>"
    )


def html_bytes(doc: PlanDocument) -> bytes:
    return render_html(doc).encode("utf-8")


def evaluation_form_html(lang: str, organisation: str = "") -> str:
    """A blank evaluation form to print and hand to stakeholders (step 9b), one page or two."""
    from ..i18n import t
    from .texts import plan_texts

    form = plan_texts().evaluation
    scale = [*(p.label.get(lang) for p in form.scale), form.dont_know.get(lang)]
    head = "".join(f'<th scope="col">{_esc(label)}</th>' for label in scale)
    rows = "".join(
        f"<tr><td>{_esc(q.label.get(lang))}</td>" + "<td class='box'>☐</td>" * len(scale) + "</tr>"
        for q in form.statements
    )
    open_q = "".join(
        f'<p class="label">{_esc(q.label.get(lang))}</p><div class="lines"></div>'
        for q in form.open_questions
    )
    extra = (
        "td.box { text-align: center; font-size: 1.3em; } .lines { height: 7em; "
        "border-bottom: 1px solid var(--line); margin-bottom: 1em; "
        "background: repeating-linear-gradient(transparent 0 1.9em, var(--line) 1.9em 2em); }"
    )
    title = t("plan.evalform.title", lang)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_esc(lang)}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{_esc(title)}</title><style>{CSS}{extra}</style></head><body>"
        f"<h1>{_esc(title)}</h1>"
        + (f'<p class="muted">{_esc(organisation)}</p>' if organisation else "")
        + f"<p>{_esc(t('plan.evalform.intro', lang))}</p>"
        f'<table class="facts"><tr><th>{_esc(t("plan.evalform.name", lang))}</th>'
        "<td>______________________________</td></tr>"
        f"<tr><th>{_esc(t('plan.fact.date', lang))}</th><td>______________</td></tr></table>"
        f'<table class="data"><thead><tr><th scope="col">'
        f"{_esc(t('plan.eval.statement', lang))}</th>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f"{open_q}<footer>{_esc(t('plan.evalform.footer', lang))}</footer></body></html>"
    )
