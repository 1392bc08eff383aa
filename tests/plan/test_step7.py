"""Step 7 of the plan says each thing once, in one state, and agrees with its answers: every
item of every checklist appears once, marked done exactly when it is ticked; no list of open
items repeats them; no item of one list says what another list (or the meetings table) asks."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from dialoog.content import load_content
from dialoog.paths import REPO_ROOT
from dialoog.plan.export import plan_html
from dialoog.storage import loads

CHECKLISTS = ("checklist_nl", "checklist_abroad", "participation")
STATE = {"nl": ("gedaan", "open"), "en": ("done", "open")}


def _step7_text(workbook, lang: str) -> str:
    page = plan_html(workbook, lang=lang, today=date(2026, 6, 25)).decode()
    word = "Stap" if lang == "nl" else "Step"
    start = re.search(rf"<h[23][^>]*>[^<]*{word} 7", page).start()
    end = re.search(rf"<h[23][^>]*>[^<]*{word} 8", page[start:]).start() + start
    text = re.sub(r"<(br|/p|/li|/tr|/h\d|/caption)[^>]*>", "\n", page[start:end])
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.fixture(scope="module")
def example():
    return loads((REPO_ROOT / "data" / "examples" / "workbook.json").read_bytes())


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("field_id", CHECKLISTS)
def test_every_checklist_item_appears_once_in_the_state_of_its_answer(example, field_id, lang):
    form = load_content().form("7")
    spec = form.field(field_id)
    ticked = set(example.answers["7"].get(field_id) or [])
    text = _step7_text(example, lang)
    done, open_ = STATE[lang]
    for option in spec.options:
        label = option.label.get(lang)
        assert text.count(label) == 1, (label, text.count(label))
        state = done if option.id in ticked else open_
        assert f"{label} ({state})" in text, label


def test_no_item_says_what_another_list_or_the_meetings_table_asks():
    """Each concept once: compensation, childcare, language and accessibility are asked under
    participation only, the format of a meeting in the meetings table only."""
    form = load_content().form("7")
    words = {"reiskosten", "vergoed", "kinderopvang", "vertaling", "materiaal", "toegankelijk",
             "vorm"}  # fmt: skip
    seen: dict[str, str] = {}
    for field_id in CHECKLISTS:
        for option in form.field(field_id).options:
            label = option.label.get("nl").lower()
            for word in words:
                if re.search(rf"\b{word}", label):
                    assert seen.setdefault(word, field_id) == field_id, (word, label)
    assert "vorm" not in seen  # chosen per meeting in the table


def test_no_list_of_open_items_repeats_the_checklists(example):
    text = _step7_text(example, "nl")
    assert "Nog te regelen" not in text
    assert "Fysiek" in text  # the format, from the meetings table


def test_the_plan_holds_no_old_ticks_of_items_that_were_merged():
    """A workbook saved before items were merged keeps its old ticks in the file; the plan
    counts only the items that are there."""
    workbook = loads((REPO_ROOT / "data" / "examples" / "workbook.json").read_bytes())
    workbook.set_answer("7", "checklist_abroad", ["lokale_partner", "inkomen_vervoer"])
    text = _step7_text(workbook, "nl")
    total = len(load_content().form("7").field("checklist_abroad").options)
    assert f"1 van {total} afgevinkt" in text
