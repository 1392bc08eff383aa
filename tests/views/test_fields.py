"""Every kind of question: widget -> model, model -> widget, hostile text, re-labelling."""

from __future__ import annotations

from datetime import date

import pytest

from dialoog.content import Column, FieldSpec, Form, Option, Step
from dialoog.i18n import Localized
from dialoog.model import Workbook
from dialoog.storage import dumps, loads
from dialoog.views.fields import (
    ChoiceField,
    DateField,
    MultiChoiceField,
    NumberField,
    TableField,
    TextField,
    field_view,
)
from dialoog.views.step_form import StepForm


def L(nl: str, en: str | None = None) -> Localized:  # noqa: N802
    return Localized(nl=nl, en=en or f"EN {nl}")


OPTIONS = (
    Option(id="ja", label=L("Ja", "Yes")),
    Option(id="nee", label=L("Nee", "No")),
    Option(id="weet_niet", label=L("Weet ik niet", "Don't know")),
)
SPECS = (
    FieldSpec(id="t", kind="text", label=L("Naam", "Name")),
    FieldSpec(id="lt", kind="longtext", label=L("Toelichting", "Explanation")),
    FieldSpec(id="n", kind="number", label=L("Aantal", "Number")),
    FieldSpec(id="c", kind="choice", label=L("Keuze", "Choice"), options=OPTIONS),
    FieldSpec(id="mc", kind="multichoice", label=L("Meerkeuze", "Multi"), options=OPTIONS),
    FieldSpec(id="cl", kind="checklist", label=L("Lijst", "List"), options=OPTIONS),
    FieldSpec(id="d", kind="date", label=L("Datum", "Date"), required=False),
    FieldSpec(
        id="tb",
        kind="table",
        label=L("Tabel", "Table"),
        columns=(
            Column(id="wie", label=L("Wie", "Who")),
            Column(id="rol", kind="choice", label=L("Rol", "Role"), options=OPTIONS),
            Column(id="wanneer", kind="date", label=L("Wanneer", "When")),
        ),
    ),
)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "x" * 100_000,
    "Dialoog 🤝🌍👩🏽‍🌾 met emoji",
    "مرحبا بالعالم — حوار أصحاب المصلحة",
    "שלום עולם, דיאלוג",
    "\u202etxt.exe\u202c & \"quotes\" 'single' \\ back",
]


@pytest.fixture
def form(content) -> Form:
    step = Step(id="99", phase="aanloop", title=L("Test"), summary=L("Test"), fields=SPECS)
    return Form(
        id="99",
        step=step,
        phase=content.phases[0],
        title=L("Alle soorten vragen", "Every kind of question"),
        summary=L("Samenvatting", "Summary"),
        guidance=L("Toelichting", "Guidance"),
        pitfalls=(),
        tools=(),
        elements=(),
        fields=SPECS,
    )


@pytest.fixture
def page(session, form) -> StepForm:
    return StepForm(session, form)


def view(page: StepForm, field_id: str):
    return next(f for f in page.fields if f.spec.id == field_id)


def test_each_kind_gets_its_widget(page):
    kinds = {f.spec.id: type(f) for f in page.fields}
    assert kinds == {
        "t": TextField,
        "lt": TextField,
        "n": NumberField,
        "c": ChoiceField,
        "mc": MultiChoiceField,
        "cl": MultiChoiceField,
        "d": DateField,
        "tb": TableField,
    }


# -- widget -> model -------------------------------------------------------------------------


@pytest.mark.parametrize("field_id", ["t", "lt"])
def test_typing_text_stores_it(page, session, field_id):
    view(page, field_id).input.value = "Onze motivatie"
    assert session.answer("99", field_id) == "Onze motivatie"
    view(page, field_id).input.value = "   "
    assert session.answer("99", field_id) is None


@pytest.mark.parametrize(("typed", "stored"), [("12", 12.0), ("3,5", 3.5), (" 7.25 ", 7.25)])
def test_typing_a_number_stores_it(page, session, typed, stored):
    view(page, "n").input.value = typed
    assert session.answer("99", "n") == stored


def test_typing_no_number_flags_it_and_keeps_the_last_number(page, session):
    field = view(page, "n")
    field.input.value = "4"
    field.input.value = "vier"
    assert session.answer("99", "n") == 4.0
    assert "dialoog-field-error" in field.help.value
    field.input.value = ""
    assert session.answer("99", "n") is None
    assert "dialoog-field-error" not in field.help.value


def test_choosing_an_option_stores_its_id(page, session):
    view(page, "c").input.value = "nee"
    assert session.answer("99", "c") == "nee"


@pytest.mark.parametrize("field_id", ["mc", "cl"])
def test_ticking_boxes_stores_the_ticked_ids_in_option_order(page, session, field_id):
    field = view(page, field_id)
    field.boxes[2].value = True
    field.boxes[0].value = True
    assert session.answer("99", field_id) == ["ja", "weet_niet"]
    field.boxes[0].value = False
    field.boxes[2].value = False
    assert session.answer("99", field_id) is None


def test_picking_a_date_stores_it_as_iso_text(page, session):
    view(page, "d").input.value = date(2025, 6, 30)
    assert session.answer("99", "d") == "2025-06-30"
    view(page, "d").input.value = None
    assert session.answer("99", "d") is None


def test_a_date_is_written_out_in_the_users_language_beside_the_picker(page, session):
    field = view(page, "d")
    field.input.value = date(2026, 3, 10)  # the browser may draw this as 03/10/2026
    assert "10 maart 2026" in field.words.value
    session.language = "en"
    assert "10 March 2026" in field.words.value
    field.input.value = None
    assert field.words.value == ""


def test_every_table_cell_has_a_name_for_screen_readers(page, session):
    session.set_answer("99", "tb", [{"wie": "A", "rol": "", "wanneer": ""}])
    names = [cell.description for cell in view(page, "tb")._rows[0]]
    assert names[0].endswith(", rij 1") and len(set(names)) == len(names)


def test_filling_a_table_row_stores_the_row(page, session):
    field = view(page, "tb")
    field.add_button.click()
    assert session.answer("99", "tb") is None  # an empty row is not an answer yet
    who, role, when = field._rows[0]
    who.value = "Vakbond"
    role.value = "ja"
    when.value = date(2025, 1, 2)
    assert session.answer("99", "tb") == [{"wie": "Vakbond", "rol": "ja", "wanneer": "2025-01-02"}]


def test_removing_a_table_row_stores_the_rest(page, session):
    session.set_answer("99", "tb", [{"wie": "A", "rol": "", "wanneer": ""}, {"wie": "B"}])
    field = view(page, "tb")
    remove = field.rows_box.children[0].children[-1]
    remove.click()
    assert session.answer("99", "tb") == [{"wie": "B", "rol": "", "wanneer": ""}]


# -- model -> widget -------------------------------------------------------------------------

MODEL_VALUES = {
    "t": ("Fatima", "Fatima"),
    "lt": ("Regel 1\nRegel 2", "Regel 1\nRegel 2"),
    "n": (12.5, "12,5"),  # written as a Dutch reader writes it (and read back)
    "c": ("weet_niet", "weet_niet"),
    "d": ("2024-02-29", date(2024, 2, 29)),
}


@pytest.mark.parametrize("field_id", sorted(MODEL_VALUES))
def test_a_changed_answer_shows_in_the_widget(page, session, field_id):
    answer, shown = MODEL_VALUES[field_id]
    session.set_answer("99", field_id, answer)
    assert view(page, field_id).input.value == shown
    session.set_answer("99", field_id, None)
    assert view(page, field_id).input.value in ("", None)


@pytest.mark.parametrize("field_id", ["mc", "cl"])
def test_changed_ticks_show_in_the_boxes(page, session, field_id):
    session.set_answer("99", field_id, ["nee"])
    assert [b.value for b in view(page, field_id).boxes] == [False, True, False]


def test_changed_table_rows_show_in_the_table(page, session):
    rows = [
        {"wie": "NGO", "rol": "nee", "wanneer": "2025-03-04"},
        {"wie": "Gemeente", "rol": "", "wanneer": ""},
    ]
    session.set_answer("99", "tb", rows)
    cells = view(page, "tb")._rows
    assert [[c.value for c in row] for row in cells] == [
        ["NGO", "nee", date(2025, 3, 4)],
        ["Gemeente", "", None],
    ]


def test_replacing_the_workbook_updates_every_widget(page, session):
    for field in page.fields:
        if isinstance(field, TextField):
            field.input.value = "oud" if not isinstance(field, NumberField) else "1"
    other = Workbook()
    other.set_answer("99", "t", "nieuw")
    other.set_answer("99", "n", 2.0)
    other.set_answer("99", "c", "ja")
    other.set_answer("99", "mc", ["ja", "nee"])
    other.set_answer("99", "d", "2020-01-01")
    other.set_answer("99", "tb", [{"wie": "X", "rol": "ja", "wanneer": ""}])
    session.replace(other)
    assert view(page, "t").input.value == "nieuw"
    assert view(page, "lt").input.value == ""
    assert view(page, "n").input.value == "2"
    assert view(page, "c").input.value == "ja"
    assert [b.value for b in view(page, "mc").boxes] == [True, True, False]
    assert [b.value for b in view(page, "cl").boxes] == [False, False, False]
    assert view(page, "d").input.value == date(2020, 1, 1)
    assert [c.value for c in view(page, "tb")._rows[0]] == ["X", "ja", None]


def test_answers_that_do_not_fit_the_kind_show_as_empty(page, session):
    session.replace(
        Workbook(answers={"99": {"c": "onbekend", "d": "geen datum", "mc": "ja", "t": ["x"]}})
    )
    assert view(page, "c").input.value is None
    assert view(page, "d").input.value is None
    assert not any(b.value for b in view(page, "mc").boxes)
    assert view(page, "t").input.value == ""


# -- hostile text ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE, ids=lambda s: repr(s[:20]))
def test_hostile_text_round_trips_unchanged(page, session, store, text):
    view(page, "lt").input.value = text
    assert session.answer("99", "lt") == text
    session.flush()
    reloaded = store.load(session.token)
    assert reloaded.answer("99", "lt") == text
    assert loads(dumps(reloaded)).answer("99", "lt") == text
    session.replace(Workbook())
    session.replace(reloaded)
    assert view(page, "lt").input.value == text


@pytest.mark.parametrize("text", HOSTILE[:2])
def test_hostile_text_in_a_table_cell_round_trips(page, session, text):
    field = view(page, "tb")
    field.add_button.click()
    field._rows[0][0].value = text
    assert session.answer("99", "tb")[0]["wie"] == text
    session.set_answer("99", "tb", [{"wie": text + "!", "rol": "", "wanneer": ""}])
    assert field._rows[0][0].value == text + "!"


# -- re-labelling ----------------------------------------------------------------------------


def fill_all(page: StepForm) -> None:
    view(page, "t").input.value = "tekst"
    view(page, "lt").input.value = "lang"
    view(page, "n").input.value = "5"
    view(page, "c").input.value = "nee"
    view(page, "mc").boxes[1].value = True
    view(page, "cl").boxes[2].value = True
    view(page, "d").input.value = date(2025, 5, 5)
    view(page, "tb").add_button.click()
    view(page, "tb")._rows[0][0].value = "rij"


def widget_values(page: StepForm) -> dict:
    out = {}
    for field in page.fields:
        if isinstance(field, MultiChoiceField):
            out[field.spec.id] = [b.value for b in field.boxes]
        elif isinstance(field, TableField):
            out[field.spec.id] = [[c.value for c in row] for row in field._rows]
        else:
            out[field.spec.id] = field.input.value
    return out


def test_switching_language_relabels_and_keeps_every_value(page, session):
    fill_all(page)
    answers, shown = session.workbook.answers, widget_values(page)
    assert "Naam" in view(page, "t").label.value
    session.language = "en"
    assert session.workbook.answers == answers
    assert widget_values(page) == shown
    assert "Name" in view(page, "t").label.value
    assert "(optional)" in view(page, "d").label.value
    assert view(page, "c").input.options == (
        ("Yes", "ja"),
        ("No", "nee"),
        ("Don't know", "weet_niet"),
    )
    assert [b.description for b in view(page, "mc").boxes] == ["Yes", "No", "Don't know"]
    table = view(page, "tb")
    assert "Who" in table.header.children[0].value
    assert table.add_button.description == "Add row"
    assert [label for label, _ in table._rows[0][1].options] == ["", "Yes", "No", "Don't know"]


def test_field_labels_are_escaped(session, form):
    spec = FieldSpec(
        id="x", kind="text", label=L("<b>vet</b>", "<b>bold</b>"), help=L("<i>hulp</i>")
    )
    field = field_view(session, form, spec)
    assert "&lt;b&gt;vet&lt;/b&gt;" in field.label.value and "<b>" not in field.label.value
    assert "&lt;i&gt;" in field.help.value


def test_the_register_field_is_the_register_in_the_mode_its_role_asks(session, content):
    from dialoog.stakeholders.view import RegisterView

    for role, mode in (("register_map", "map"), ("register_selection", "select")):
        form, spec = content.field_with_role(role)
        widget = field_view(session, form, spec)
        assert isinstance(widget, RegisterView) and widget.mode == mode


def test_an_answer_over_the_limit_is_refused_with_a_message(page, session):
    field = view(page, "lt")
    field.input.value = "x" * 100_001
    assert session.answer("99", "lt") is None
    assert "te lang" in field.help.value and "100000" in field.help.value
