"""The plan's outline: every step present, empty steps open, answers as readable text."""

from __future__ import annotations

from dialoog.model import Workbook
from dialoog.plan.blocks import Answer, Bullets, Checklist, Paragraph, Table
from dialoog.plan.document import build_document


def _blocks(section):
    for block in section.blocks:
        yield block
        if isinstance(block, Answer):
            yield from block.blocks


def test_every_form_has_a_section_in_reading_order(example, content, today):
    doc = build_document(example, content, "nl", today)
    anchors = [s.anchor for s in doc.walk() if s.anchor.startswith("step-")]
    form_ids = [f.id for f in content.forms]
    for form_id in form_ids:
        assert f"step-{form_id}" in anchors
    positions = [anchors.index(f"step-{f}") for f in form_ids]
    assert positions == sorted(positions)


def test_empty_workbook_marks_every_step_open_with_its_questions(content, today):
    doc = build_document(Workbook(), content, "nl", today)
    forms = {s.anchor: s for s in doc.walk() if s.status}
    step1 = forms["step-1"]
    assert step1.status == "empty" and step1.status_label == "Open"
    texts = [b for b in step1.blocks if isinstance(b, Paragraph) and b.style == "open"]
    assert texts, "an empty step says it is open"
    questions = next(b for b in step1.blocks if isinstance(b, Bullets))
    assert content.form("1").fields[0].label.nl in questions.items
    sa = next(s for s in doc.sections if s.anchor == "selfassessment")
    assert any(isinstance(b, Paragraph) and b.style == "open" for b in sa.blocks)


def test_choice_ids_become_labels_in_the_workbook_language(example, content, today):
    nl = build_document(example, content, "nl", today)
    en = build_document(example, content, "en", today)

    def answer(doc, form, label_start):
        section = next(s for s in doc.walk() if s.anchor == f"step-{form}")
        return next(
            b for b in section.blocks if isinstance(b, Answer) and b.label.startswith(label_start)
        )

    ready_nl = answer(nl, "2", "Is je bedrijf klaar")
    assert ready_nl.blocks[0].text == "Ja, met aandachtspunten"
    ready_en = answer(en, "2", "Is your company ready")
    assert ready_en.blocks[0].text == "Yes, with points to work on"
    assert en.title.startswith("Plan of approach")


def test_table_answers_keep_their_rows_with_labels_and_dates(example, content, today):
    doc = build_document(example, content, "nl", today)
    section = next(s for s in doc.walk() if s.anchor == "step-7")
    sessions = next(
        b for b in section.blocks if isinstance(b, Answer) and b.label.startswith("Bijeenkomsten")
    )
    table = sessions.blocks[0]
    assert isinstance(table, Table)
    assert table.headers[0] == "Datum"
    assert table.rows[0][0] == "10 maart 2026"
    assert table.rows[0][2] == "Fysiek"


def test_step7_abroad_shows_both_checklists_because_the_abroad_one_comes_on_top(
    example, content, today
):
    doc = build_document(example, content, "nl", today)
    section = next(s for s in doc.walk() if s.anchor == "step-7")
    labels = [b.label for b in section.blocks if isinstance(b, Answer)]
    assert any("productieland" in label for label in labels)
    assert any("in Nederland" in label for label in labels)
    checklists = [b for b in _blocks(section) if isinstance(b, Checklist)]
    done = [label for c in checklists for label, ok in c.items if ok]
    still_open = [label for c in checklists for label, ok in c.items if not ok]
    assert done and still_open
    advice = [b.text for b in section.blocks if isinstance(b, Paragraph) and b.style == "note"]
    # the example engages an external facilitator and an interpreter: the advice says so
    assert any("Je kiest voor een onafhankelijke facilitator" in text for text in advice)
    assert any("Er is een tolk geregeld" in text for text in advice)
    assert not any("kan volstaan" in text for text in advice)


def test_step7_in_the_netherlands_leaves_out_the_abroad_checklist(example, content, today):
    example.set_answer("7", "meeting_where", ["nederland"])
    doc = build_document(example, content, "nl", today)
    section = next(s for s in doc.walk() if s.anchor == "step-7")
    labels = [b.label for b in section.blocks if isinstance(b, Answer)]
    assert any("in Nederland" in label for label in labels)
    assert not any("productieland" in label for label in labels)


def test_signs_of_a_facilitator_are_listed_as_present_not_as_done(example, content, today):
    doc = build_document(example, content, "nl", today)
    section = next(s for s in doc.walk() if s.anchor == "step-7")
    signs = next(b for b in section.blocks if isinstance(b, Answer) and "Wat speelt er" in b.label)
    assert not any(isinstance(x, Checklist) for x in signs.blocks)
    text = " ".join(" ".join(x.items) for x in signs.blocks if isinstance(x, Bullets))
    assert "verschillende talen" in text and "(gedaan)" not in text


def test_stakeholders_selected_with_their_reason(example, content, today):
    doc = build_document(example, content, "nl", today)
    section = next(s for s in doc.walk() if s.anchor == "step-5a")
    tables = [b for b in _blocks(section) if isinstance(b, Table)]
    chosen = [s for s in example.stakeholders if s.selected]
    assert tables and len(tables[0].rows) == len(chosen)
    flat = " ".join(" ".join(row) for row in tables[0].rows)
    assert chosen[0].selection_reason[:30] in flat


def test_large_register_goes_to_an_appendix(example, content, today):
    doc = build_document(example, content, "nl", today)
    appendix = next(s for s in doc.sections if s.anchor == "appendix-register")
    assert len(appendix.blocks[0].rows) == len(example.stakeholders)


def test_agreements_and_evaluation_appear_in_step_9(example, content, today):
    doc = build_document(example, content, "nl", today)
    s9a = next(s for s in doc.walk() if s.anchor == "step-9a")
    register = next(b for b in s9a.blocks if isinstance(b, Table))
    assert "overdue" in register.flags
    s9b = next(s for s in doc.walk() if s.anchor == "step-9b")
    comparison = next(b for b in s9b.blocks if isinstance(b, Table))
    assert comparison.headers[1].startswith("Bedrijf")


def _texts(section) -> list[str]:
    out = []
    for block in _blocks(section):
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Bullets):
            out.extend(block.items)
    return out


def test_priority_steps_begin_with_the_three_most_urgent_and_say_why(example, content, today):
    doc = build_document(example, content, "nl", today)
    section = next(s for s in doc.sections if s.anchor == "selfassessment")
    texts = _texts(section)
    start, also = texts.index("Begin hier"), texts.index("Ook aandacht nodig")
    first = texts[start + 1 : also]
    assert len(first) == 3
    # Kennis scores lowest in the example: its steps come first, whatever their number
    assert all(line.endswith("vanwege Kennis") for line in first)
    rest = texts[also + 1 :]
    assert any("Stap 6:" in line and "Samenwerking" in line for line in rest)
    assert any("Stap 5b:" in line and "Transparantie" in line for line in rest)


def test_the_english_plan_lists_the_priority_steps_in_english(example, content, today):
    doc = build_document(example, content, "en", today)
    texts = _texts(next(s for s in doc.sections if s.anchor == "selfassessment"))
    assert "Start here" in texts and "Also needs attention" in texts
    assert any(line.endswith("because of Knowledge") for line in texts)
    assert all("Stap" not in line and "vanwege" not in line for line in texts)


def test_step7_abroad_names_the_general_checklist_as_one_for_every_meeting(example, content, today):
    doc = build_document(example, content, "nl", today)
    section = next(s for s in doc.walk() if s.anchor == "step-7")
    labels = [b.label for b in section.blocks if isinstance(b, Answer)]
    assert "Checklist: elke bijeenkomst, in Nederland en daarbuiten" in labels
    assert "Checklist: extra bij een bijeenkomst in een productieland" in labels
    assert not any(label == "Checklist: bijeenkomst in Nederland" for label in labels)


def test_signs_left_unticked_read_as_none_applies_not_as_an_open_question(example, content, today):
    doc = build_document(example, content, "nl", today)
    section = next(s for s in doc.walk() if s.anchor == "step-2")
    warning = next(b for b in section.blocks if isinstance(b, Answer) and "Waarschuwing" in b.label)
    assert [x.text for x in warning.blocks] == ["Geen waarschuwingssignaal aangevinkt."]
    assert warning.filled
    # a step not begun still lists the question as open
    empty = build_document(Workbook(), content, "nl", today)
    step2 = next(s for s in empty.walk() if s.anchor == "step-2")
    assert any("Waarschuwingssignalen" in line for line in _texts(step2))
    assert not any("Geen waarschuwingssignaal" in line for line in _texts(step2))


def test_when_empty_is_refused_on_a_required_field():
    import pytest
    from pydantic import ValidationError

    from dialoog.content import FieldSpec

    with pytest.raises(ValidationError, match="when_empty is only for optional fields"):
        FieldSpec(
            id="x", kind="text", label={"nl": "X", "en": "X"}, when_empty={"nl": "-", "en": "-"}
        )
