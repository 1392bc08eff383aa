"""The plan as a Word document that is easy to edit further: real headings, tables, pictures.

Built with python-docx on its default template, so Word's own styles (Title, Heading 1–3,
List Bullet, a table grid) are used and the navigation pane and a table of contents work.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

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

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
OPEN = RGBColor(0x8A, 0x5A, 0x00)
LATE = RGBColor(0xA6, 0x1B, 0x1B)
MUTED = RGBColor(0x5B, 0x67, 0x70)
LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}
FLAG_FILL = {"overdue": "FBE9E9", "differs": "FBE9E9"}
MAX_TABLE_CELLS = 60_000  # beyond this, Word gets slow; longer tables are split into parts


def _set_language(document, lang: str) -> None:
    """Spelling and hyphenation in the plan's language (Word reads w:lang of the styles)."""
    tag = LANG_TAGS.get(lang, "nl-NL")
    for style_name in ("Normal",):
        rpr = document.styles[style_name].element.get_or_add_rPr()
        node = rpr.find(qn("w:lang"))
        if node is None:
            node = OxmlElement("w:lang")
            rpr.append(node)
        node.set(qn("w:val"), tag)
        node.set(qn("w:eastAsia"), tag)
    document.core_properties.language = tag


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    trpr.append(node)


def _text(paragraph, text: str, *, bold=False, italic=False, color=None, size=None):
    """Add text to a paragraph, with line breaks where the text has them."""
    lines = clean(text).split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold, run.italic = bold or None, italic or None
        if color is not None:
            run.font.color.rgb = color
        if size is not None:
            run.font.size = size
        if i < len(lines) - 1:
            run.add_break()
    return paragraph


def _paragraphs(document, text: str, style: str = "") -> None:
    color = {"open": OPEN, "muted": MUTED, "warning": LATE}.get(style)
    italic = style in ("open", "muted")
    bold = style in ("label", "warning")
    if style == "letter":
        for block in clean(text).split("\n\n"):
            _text(document.add_paragraph(), block)
        return
    for block in clean(text).split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            for line in lines:
                _text(document.add_paragraph(style="List Bullet"), line[2:])
        else:
            p = document.add_paragraph(style="Intense Quote" if style == "note" else None)
            _text(p, "\n".join(lines), bold=bold, italic=italic, color=color)
            if style == "label":
                p.paragraph_format.space_after = Pt(2)
                p.paragraph_format.keep_with_next = True


def _table(document, table: Table) -> None:
    if not table.headers:
        return
    columns = len(table.headers)
    per_part = max(1, MAX_TABLE_CELLS // columns)
    rows = list(table.rows) or [tuple("" for _ in table.headers)]
    for start in range(0, len(rows), per_part):
        part = rows[start : start + per_part]
        grid = document.add_table(rows=1 + len(part), cols=columns)
        grid.style = document.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        small = Pt(8) if columns > 6 else Pt(9)
        widths = _widths(table)
        grid.autofit = False
        header = grid.rows[0]
        _repeat_header(header)
        for cell, text in zip(header.cells, table.headers, strict=True):
            _text(cell.paragraphs[0], text, bold=True, size=small)
            _shade(cell, "E8EEF4")
        for i, row in enumerate(part):
            flag = table.flags[start + i] if start + i < len(table.flags) else ""
            cells = grid.rows[i + 1].cells
            for j in range(columns):
                value = row[j] if j < len(row) else ""
                color = LATE if flag in FLAG_FILL else None
                _text(cells[j].paragraphs[0], value, size=small, color=color)
                if flag in FLAG_FILL:
                    _shade(cells[j], FLAG_FILL[flag])
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        for row in grid.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        document.add_paragraph()


def _widths(table: Table, total_cm: float = 16.6) -> list:
    """Column widths in proportion to their longest word and text, so no column is crushed."""
    weights = []
    for j, head in enumerate(table.headers):
        texts = [head] + [row[j] if j < len(row) else "" for row in table.rows[:300]]
        longest = max((len(x) for x in texts), default=4)
        word = max((len(w) for x in texts for w in x.split()), default=4)
        weights.append(max(min(longest, 60), word, 4))
    scale = total_cm / sum(weights)
    return [Cm(max(w * scale, 1.2)) for w in weights]


def _block(document, block: object) -> None:
    if isinstance(block, Paragraph):
        _paragraphs(document, block.text, block.style)
    elif isinstance(block, Bullets):
        for item in block.items:
            _text(document.add_paragraph(style="List Bullet"), item)
    elif isinstance(block, Checklist):
        for label, done in block.items:
            p = document.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.5)
            p.paragraph_format.space_after = Pt(1)
            _text(p, "☑ " if done else "☐ ", bold=True)
            _text(p, label)
            state = block.done_label if done else block.open_label
            _text(p, f" ({state})", italic=True, color=MUTED if done else OPEN)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Image):
        document.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
        caption = document.add_paragraph(style="Caption")
        _text(caption, block.alt)
    elif isinstance(block, Answer):
        label = document.add_paragraph()
        _text(label, block.label, bold=True)
        label.paragraph_format.keep_with_next = True
        label.paragraph_format.space_after = Pt(2)
        for inner in block.blocks:
            _block(document, inner)


def _section(document, section: Section) -> None:
    if section.page_break:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    heading = document.add_heading(level=min(section.level, 4))
    _text(heading, section.title)
    if section.status_label:
        color = {"empty": OPEN, "complete": RGBColor(0x2E, 0x6B, 0x30)}.get(section.status, MUTED)
        _text(heading, f"  [{section.status_label}]", color=color, size=Pt(9), italic=True)
    for block in section.blocks:
        _block(document, block)
    for child in section.children:
        _section(document, child)


def _title_page(document, doc: PlanDocument) -> None:
    for _ in range(4):
        document.add_paragraph()
    _text(document.add_paragraph(style="Title"), doc.title)
    subtitle = document.add_paragraph(style="Subtitle")
    _text(subtitle, doc.subtitle)
    facts = document.add_table(rows=len(doc.facts), cols=2)
    for row, (key, value) in zip(facts.rows, doc.facts, strict=True):
        _text(row.cells[0].paragraphs[0], key, bold=True, color=MUTED)
        _text(row.cells[1].paragraphs[0], value)
        row.cells[0].width, row.cells[1].width = Cm(4.5), Cm(11)
    footer = document.add_paragraph()
    footer.paragraph_format.space_before = Pt(36)
    _text(footer, doc.footer, italic=True, color=MUTED, size=Pt(9))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document, doc: PlanDocument) -> None:
    """A plain list of the parts (a Word TOC field would stay empty until the reader updates it)."""
    _text(document.add_heading(level=1), doc.contents_title)
    for section in doc.sections:
        _text(document.add_paragraph(style="List Number"), section.title)


def render_docx(doc: PlanDocument) -> bytes:
    """The whole plan as .docx bytes."""
    document = Document()
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Cm(21.0), Cm(29.7)
    page.left_margin = page.right_margin = Cm(2.2)
    page.top_margin = page.bottom_margin = Cm(2.0)
    _set_language(document, doc.lang)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for level in (1, 2, 3):
        document.styles[f"Heading {level}"].font.color.rgb = ACCENT
    props = document.core_properties
    props.title = clean(f"{doc.title} — {doc.subtitle}")[:250]
    props.subject = clean(doc.title)[:250]
    props.author = "dialoog"
    props.comments = clean(doc.footer)[:250]
    _title_page(document, doc)
    _contents(document, doc)
    footer = page.footer.paragraphs[0]
    _text(footer, f"{doc.title} — {doc.subtitle}", size=Pt(8), color=MUTED)
    for section in doc.sections:
        _section(document, section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_docx(text: str, lang: str, title: str = "") -> bytes:
    """The feedback letter as a Word document the user can print on letterhead."""
    document = Document()
    _set_language(document, lang)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    if title:
        document.core_properties.title = clean(title)[:250]
    for block in clean(text).split("\n\n"):
        _text(document.add_paragraph(), block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
