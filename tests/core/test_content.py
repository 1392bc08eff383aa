"""The method as data: the real content loads; broken content is refused with a clear message."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from dialoog.content import ContentError, load_content
from dialoog.i18n import Localized, catalogue
from dialoog.paths import data_dir

FORM_IDS = ["1", "2", "3", "4a", "4b", "4c", "4d", "5a", "5b", "6", "7", "8a", "8b", "9a", "9b"]
SER_ELEMENTS = [
    "motivatie",
    "commitment",
    "inclusie",
    "transparantie",
    "persoonlijk_contact",
    "organiseren_gesprek",
    "interne_processen",
    "samenwerking",
    "kennis",
]


def localized_texts(value: object, where: str = "") -> Iterator[tuple[str, Localized]]:
    """Every Localized anywhere inside a model, with a path that says where it is."""
    if isinstance(value, Localized):
        yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from localized_texts(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from localized_texts(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from localized_texts(item, f"{where}[{key!r}]")


def test_real_content_has_the_fifteen_forms_in_workbook_order(content):
    assert [f.id for f in content.forms] == FORM_IDS


def test_real_content_has_four_numbered_phases(content):
    assert [p.number for p in content.phases] == [1, 2, 3, 4]
    assert [f.phase.number for f in content.forms if f.id in ("1", "4a", "8a", "9b")] == [
        1,
        2,
        3,
        4,
    ]


def test_real_content_has_nine_elements_in_ser_order(content):
    assert [e.id for e in content.elements] == SER_ELEMENTS


def test_every_form_has_fields_guidance_and_elements(content):
    for form in content.forms:
        assert form.fields, form.id
        assert form.guidance is not None, form.id
        assert form.elements, form.id
        for element_id in form.elements:
            content.element(element_id)  # raises KeyError for an unknown element


def test_step_one_is_mapped_to_motivation(content):
    assert "1" in [f.id for f in content.forms_for_element("motivatie")]


def test_every_content_text_has_dutch_and_english(content):
    texts = list(localized_texts(content))
    texts += list(localized_texts(list(content.forms), "forms"))
    assert len(texts) > 300  # the walk reaches into steps, fields, options and columns
    for where, text in texts:
        assert text.nl.strip() and text.en.strip(), where


def test_every_interface_message_has_dutch_and_english():
    messages = catalogue()
    assert len(messages) > 40
    for key, text in messages.items():
        assert text.nl.strip() and text.en.strip(), key


# -- broken content ------------------------------------------------------------------------


def copy_content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(data_dir() / "content", folder)
    return folder


def edit(folder: Path, filename: str, change: Callable[[dict], None]) -> None:
    path = folder / filename
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def step(doc: dict, step_id: str) -> dict:
    return next(s for s in doc["steps"] if s["id"] == step_id)


def field_of_kind(doc: dict, kind: str) -> tuple[dict, dict]:
    """(the step entry, the field) of the first top-level step field of this kind."""
    for entry in doc["steps"]:
        for spec in entry.get("fields", ()):
            if spec["kind"] == kind:
                return entry, spec
    raise LookupError(kind)


def content_error(folder: Path) -> str:
    with pytest.raises(ContentError) as info:
        load_content(folder)
    return str(info.value)


def test_copied_content_loads(tmp_path):
    assert [f.id for f in load_content(copy_content(tmp_path)).forms] == FORM_IDS


def test_unknown_phase_is_named_with_file_and_step(tmp_path):
    folder = copy_content(tmp_path)
    edit(folder, "steps.yaml", lambda d: step(d, "2").update(phase="no_such_phase"))
    message = content_error(folder)
    assert message.startswith("steps.yaml")
    assert "step 2" in message and "no_such_phase" in message


def test_unknown_tool_is_named_with_file_and_step(tmp_path):
    folder = copy_content(tmp_path)
    edit(folder, "steps.yaml", lambda d: step(d, "1")["tools"].append("no_such_tool"))
    message = content_error(folder)
    assert message.startswith("steps.yaml")
    assert "step 1" in message and "unknown tool 'no_such_tool'" in message


def test_duplicate_step_id_is_named(tmp_path):
    folder = copy_content(tmp_path)
    edit(folder, "steps.yaml", lambda d: step(d, "3").update(id="2"))
    message = content_error(folder)
    assert message.startswith("steps.yaml")
    assert "'2'" in message and "twice" in message


def test_missing_english_text_names_file_entry_and_field(tmp_path):
    folder = copy_content(tmp_path)
    edit(folder, "steps.yaml", lambda d: step(d, "6")["title"].pop("en"))
    message = content_error(folder)
    assert message.startswith("steps.yaml")
    assert "'6'" in message and "title.en" in message


def test_blank_english_text_is_refused(tmp_path):
    folder = copy_content(tmp_path)
    edit(folder, "elements.yaml", lambda d: d["elements"][2]["summary"].update(en="  "))
    message = content_error(folder)
    assert message.startswith("elements.yaml")
    assert "'inclusie'" in message and "summary.en" in message and "empty" in message


def test_choice_field_without_options_is_named(tmp_path):
    folder = copy_content(tmp_path)
    holder: dict = {}

    def drop_options(doc: dict) -> None:
        entry, spec = field_of_kind(doc, "choice")
        holder.update(step=entry["id"], field=spec["id"])
        del spec["options"]

    edit(folder, "steps.yaml", drop_options)
    message = content_error(folder)
    assert message.startswith("steps.yaml")
    assert f"'{holder['step']}'" in message
    assert f"field '{holder['field']}'" in message and "options" in message


def test_table_without_columns_is_named(tmp_path):
    folder = copy_content(tmp_path)
    holder: dict = {}

    def drop_columns(doc: dict) -> None:
        entry, spec = field_of_kind(doc, "table")
        holder.update(step=entry["id"], field=spec["id"])
        del spec["columns"]

    edit(folder, "steps.yaml", drop_columns)
    message = content_error(folder)
    assert message.startswith("steps.yaml")
    assert f"'{holder['step']}'" in message
    assert f"field '{holder['field']}'" in message and "columns" in message


def test_invalid_yaml_names_the_file(tmp_path):
    folder = copy_content(tmp_path)
    (folder / "pitfalls.yaml").write_text("pitfalls: [unclosed\n  - id: x", encoding="utf-8")
    message = content_error(folder)
    assert message.startswith("pitfalls.yaml") and "not valid YAML" in message


def test_missing_file_is_named(tmp_path):
    folder = copy_content(tmp_path)
    (folder / "tools.yaml").unlink()
    message = content_error(folder)
    assert message.startswith("tools.yaml") and "missing" in message


def test_file_without_its_top_level_list_is_named(tmp_path):
    folder = copy_content(tmp_path)
    (folder / "elements.yaml").write_text("elementen: []\n", encoding="utf-8")
    message = content_error(folder)
    assert message.startswith("elements.yaml") and "'elements'" in message


def test_duplicate_tool_id_names_the_tools_file(tmp_path):
    folder = copy_content(tmp_path)
    edit(folder, "tools.yaml", lambda d: d["tools"].append(dict(d["tools"][0])))
    message = content_error(folder)
    assert "twice" in message
    assert message.startswith("tools.yaml"), message


# -- roles: code finds parts of the content by role, never by id -----------------------------


def every_field(doc: dict):
    for entry in doc["steps"]:
        for part in [entry, *entry.get("substeps", ())]:
            for spec in part.get("fields", ()):
                yield part, spec


def test_a_role_that_no_field_has_is_a_load_error_naming_it(tmp_path):
    folder = copy_content(tmp_path)

    def drop(doc):
        for _part, spec in every_field(doc):
            if spec.get("role") == "follow_up":
                del spec["role"]

    edit(folder, "steps.yaml", drop)
    message = content_error(folder)
    assert message.startswith("steps.yaml") and "'follow_up'" in message


def test_a_role_given_twice_names_both_places(tmp_path):
    folder = copy_content(tmp_path)

    def twice(doc):
        step(doc, "1")["fields"][0]["role"] = "discussed"

    edit(folder, "steps.yaml", twice)
    message = content_error(folder)
    assert "step 8b: field 'discussed': role 'discussed' is also given to step 1" in message


def test_an_unknown_role_is_named(tmp_path):
    folder = copy_content(tmp_path)
    edit(folder, "steps.yaml", lambda d: step(d, "1")["fields"][0].update(role="favourite"))
    assert "'favourite' is not a role of a field" in content_error(folder)


def test_renaming_every_field_with_a_role_keeps_the_plan_complete(tmp_path, monkeypatch):
    """Ids are data: rename them in steps.yaml (keeping the roles) and the plan still holds
    the register, the checklists, the advice, the agreements and the letter's answers."""
    from datetime import date

    from dialoog.plan.agreements import draft_letter
    from dialoog.plan.blocks import Checklist, Table
    from dialoog.plan.document import build_document
    from dialoog.storage import loads

    example = loads((data_dir() / "examples" / "workbook.json").read_bytes())
    original = load_content()
    folder = copy_content(tmp_path)
    renamed: dict[tuple[str, str], str] = {}

    def rename(doc):
        for part, spec in every_field(doc):
            if spec.get("role"):
                renamed[(str(part["id"]), spec["id"])] = spec["id"] + "_renamed"
                spec["id"] += "_renamed"

    edit(folder, "steps.yaml", rename)
    content = load_content(folder)
    for (form, old), new in renamed.items():  # the answers move with their question
        value = example.answer(form, old)
        example.set_answer(form, old, None)
        example.set_answer(form, new, value)
    today = date(2026, 6, 25)
    before = build_document(loads((data_dir() / "examples" / "workbook.json").read_bytes()),
                            original, "nl", today)  # fmt: skip
    after = build_document(example, content, "nl", today)

    def shape(doc):
        return [
            (s.anchor, s.status, sorted({type(b).__name__ for b in s.blocks})) for s in doc.walk()
        ]

    assert shape(after) == shape(before)
    step3 = next(s for s in after.walk() if s.anchor == "step-3")
    assert any(isinstance(x, Table) for b in step3.blocks for x in getattr(b, "blocks", ()))
    step7 = next(s for s in after.walk() if s.anchor == "step-7")
    assert any(isinstance(x, Checklist) for b in step7.blocks for x in getattr(b, "blocks", ()))
    letter = draft_letter(example, content, "nl", today)
    assert "Levertijden voor de wintercollectie" in letter  # 8b 'discussed', found by role


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", sorted(data_dir().rglob("*.yaml")), ids=lambda p: p.name)
def test_every_data_file_reads_the_same_with_libyaml_as_with_pure_python(path):
    """Content is read with libyaml's parser (ten times quicker at start-up); it must give
    exactly what PyYAML's own safe parser gives, file by file."""
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text)


def test_a_key_written_twice_in_a_data_file_is_an_error_naming_the_file(tmp_path):
    from dialoog.datafiles import read_yaml

    path = tmp_path / "berichten.yaml"
    path.write_text('a:\n  nl: "een"\nb:\n  nl: "twee"\na:\n  nl: "weer een"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"berichten.yaml: .*'a' is written twice"):
        read_yaml(path)
