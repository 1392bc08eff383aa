"""The register in the workbook, driven as a user would: set values, click, read what is shown."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from dialoog import api
from dialoog.paths import REPO_ROOT
from dialoog.stakeholders.record import Stakeholder
from dialoog.stakeholders.view import RegisterView

EXAMPLE = REPO_ROOT / "data" / "examples" / "stakeholders.csv"
MESSY = REPO_ROOT / "data" / "examples" / "stakeholders-messy.csv"


def upload(view: RegisterView, data: bytes, name: str) -> None:
    """What the browser's file input hands to the kernel."""
    view.importer.upload.value = (
        {"name": name, "type": "text/csv", "size": len(data), "content": memoryview(data),
         "last_modified": datetime(2025, 3, 12, tzinfo=timezone.utc)},
    )  # fmt: skip


@pytest.fixture
def view(session) -> RegisterView:
    return RegisterView(session, mode="map")


@pytest.fixture
def filled(session, view) -> RegisterView:
    upload(view, EXAMPLE.read_bytes(), "stakeholders.csv")
    view.importer.confirm.click()
    return view


def test_an_unknown_mode_is_refused(session):
    with pytest.raises(ValueError, match="mode"):
        RegisterView(session, mode="edit")


def test_an_empty_register_says_how_to_start(view):
    assert "Het register is nog leeg" in view.register.table.value
    assert view.summary.value.startswith('<p class="sh-summary">0 stakeholders')


def test_an_upload_shows_a_preview_and_changes_nothing_until_confirmed(session, view):
    upload(view, EXAMPLE.read_bytes(), "stakeholders.csv")
    assert view.importer.preview.layout.display == "flex"
    assert "42 van de 42 rijen" in view.importer.summary.value
    assert "Naaisters bij confectiefabriek Dhaka Stitch" in view.importer.sample.value
    assert session.workbook.stakeholders == [] and session.revision == 0
    view.importer.confirm.click()
    assert len(session.workbook.stakeholders) == 42 and session.revision == 1
    assert view.notice.text == "Ingelezen: 42 nieuw, 0 bijgewerkt; 0 rijen overgeslagen."
    assert "<td><bdi>Seizoensarbeiders bij de katoenpluk, onder wie kinderen</bdi></td>" in (
        view.table_html
    )


def test_a_cancelled_import_changes_nothing(session, filled):
    before = list(session.workbook.stakeholders)
    upload(filled, MESSY.read_bytes(), "messy.csv")
    filled.importer.cancel.click()
    assert session.workbook.stakeholders == before
    assert filled.importer.preview.layout.display == "none"


def test_the_messy_file_shows_each_skipped_row_and_brings_in_the_rest(session, view):
    upload(view, MESSY.read_bytes(), "messy.csv")
    problems = view.importer.problems.value
    assert "2 rijen worden niet ingelezen" in problems
    assert "2 cellen kunnen niet worden gelezen en blijven leeg" in problems
    assert (
        "Rij 16, kolom &#x27;Ernst: Schaal (1-5)&#x27;: 7 valt buiten de schaal van 1 tot 5."
        in problems
    )
    assert "Leeg gelaten per kolom: Ernst: Schaal (1-5) 1, In dialoog? 1." in problems
    assert view.importer.skipped.filename == "importverslag.csv"
    assert b"Rij;Kolom;Waarde;Probleem" in view.importer.skipped.data
    cards = {c.heading: c for c in view.importer.columns.columns}
    assert "hoog → 4" in cards["Omvang (1-5)"].how
    assert "1 getal afgerond" in cards["Kans"].how
    assert cards["Laatste contact"].field == "+notes" and cards["Laatste contact"].kept
    view.importer.confirm.click()
    assert len(session.workbook.stakeholders) == 14


def test_a_bad_file_gets_a_message_and_the_register_stays(session, filled):
    before = list(session.workbook.stakeholders)
    upload(filled, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "foto.png")
    assert "geen tabel" in filled.importer.notice.text
    assert filled.importer.notice.kind == "error"
    assert filled.importer.preview.layout.display == "none"
    assert session.workbook.stakeholders == before


def test_a_fifty_megabyte_upload_is_refused_with_a_message(session, view):
    upload(view, b"Naam\n" + b"x" * (50 * 1024 * 1024), "groot.csv")
    assert "50.0 MB" in view.importer.notice.text and "10 MB" in view.importer.notice.text
    assert session.workbook.stakeholders == []


def test_the_user_points_at_the_name_column_when_it_is_not_recognised(session, view):
    upload(view, b"Persoon;Type\nBuurtbewoners;Omwonenden\n", "x.csv")
    assert view.importer.confirm.disabled
    assert "Kies hieronder bij de kolom met de namen" in view.importer.columns.asks.value
    card = view.importer.columns.cards.children[0]
    name_choice = card.children[1]
    assert name_choice.description == "‘Persoon’ lezen als"  # the menu keeps its label
    name_choice.value = "name"
    assert not view.importer.confirm.disabled and view.importer.columns.asks.value == ""
    view.importer.confirm.click()
    assert [(s.name, s.group) for s in session.workbook.stakeholders] == [
        ("Buurtbewoners", "community")
    ]


def test_merging_an_import_updates_by_name(session, filled):
    upload(filled, b"Naam;Ernst: schaal\nDirectie Tunis Textiles;2\nNieuw;3\n", "x.csv")
    assert filled.importer.mode.value == "merge"
    assert "1 nieuw, 1 bijgewerkt" in filled.importer.mode.options[0][0]
    filled.importer.confirm.click()
    names = {s.name: s for s in session.workbook.stakeholders}
    assert len(names) == 43 and names["Directie Tunis Textiles"].scale == 2
    assert names["Directie Tunis Textiles"].influence == 4  # not in the file: kept


def test_replacing_by_import_swaps_the_register_in_one_step(session, filled):
    revision = session.revision
    upload(filled, b"Naam\nEen\nTwee\n", "x.csv")
    filled.importer.mode.value = "replace"
    filled.importer.confirm.click()
    assert [s.name for s in session.workbook.stakeholders] == ["Een", "Twee"]
    assert session.revision == revision + 1


def test_adding_editing_and_removing_a_stakeholder_edits_the_workbook(session, view):
    view.register.add.click()
    form = view.register.form
    assert form.layout.display != "none" and form.draft
    assert session.workbook.stakeholders == []  # nothing is created until it is saved
    form.save.click()
    assert "heeft een naam nodig" in form.notice.text and session.workbook.stakeholders == []
    form.inputs["name"].value = "Naaisters in fabriek X"
    form.inputs["group"].value = "worker"
    form.inputs["country"].value = "Bangladesh"
    form.issues.boxes["living_wage"].value = True
    form.issues.boxes["harassment"].value = True
    form.inputs["own_issues"].value = "Huisvesting; Kinderopvang"
    form.inputs["scale"].value = 5
    form.inputs["likelihood"].value = 4
    assert session.workbook.stakeholders == []
    form.save.click()
    assert [s.name for s in session.workbook.stakeholders] == ["Naaisters in fabriek X"]
    assert form.notice.text == "" and not form.draft
    assert "Toegevoegd" in view.register.notice.text
    form.inputs["selected"].value = True  # an existing stakeholder: stored at once
    form.inputs["selection_reason"].value = "Zwaarst getroffen"
    assert view.register.notice.text == "" or "Toegevoegd" in view.register.notice.text
    s = session.workbook.stakeholders[0]
    assert (s.name, s.group, s.country, s.scale, s.likelihood, s.selected) == (
        "Naaisters in fabriek X",
        "worker",
        "BD",
        5,
        4,
        True,
    )
    assert s.issues == ["living_wage", "harassment", "Huisvesting", "Kinderopvang"]
    assert "Naaisters in fabriek X" in view.table_html
    assert "prioriteit 85 (Hoog), rang 1" in form.explanation.value
    form.remove.click()
    assert session.workbook.stakeholders != []  # asks first
    form.confirm_remove.click()
    assert session.workbook.stakeholders == []
    assert "is uit het register verwijderd" in view.register.notice.text
    view.register.undo.click()
    assert [x.name for x in session.workbook.stakeholders] == ["Naaisters in fabriek X"]


def test_a_duplicate_or_empty_name_is_refused_and_not_saved(session, filled):
    form = filled.register.form
    filled.register.picker.value = filled.register.picker.options[1][1]
    original = form.record()[1].name
    form.inputs["name"].value = "directie tunis TEXTILES"
    assert form.notice.kind == "error" and "staat al in het register" in form.notice.text
    assert form.record()[1].name == original
    form.inputs["name"].value = "  "
    assert "heeft een naam nodig" in form.notice.text and form.record()[1].name == original


def test_a_cancelled_new_stakeholder_leaves_nothing(session, view):
    view.register.add.click()
    view.register.form.inputs["name"].value = "Bijna"
    view.register.form.cancel.click()
    assert session.workbook.stakeholders == []
    assert view.register.form.layout.display == "none"


def test_user_text_is_never_shown_as_html(session, view):
    people = [
        Stakeholder(
            name="<img src=x onerror=alert(1)>",
            notes="<script>x</script>",
            scale=3,
            selected=True,
            selection_reason="<b>vet</b>",
        ),  # fmt: skip
    ]
    session.edit("stakeholders", lambda _register: people)
    assert "<img" not in view.table_html and "&lt;img src=x" in view.table_html
    view.open_tab("tables")
    view.tables.choice.value = "selection"
    assert "<b>vet</b>" not in view.tables.table.value and "&lt;b&gt;vet" in view.tables.table.value
    select = RegisterView(session, mode="select")
    assert "<img" not in select.selection.rows[0].who.value


def test_a_change_elsewhere_shows_up_in_the_view(session, filled):
    session.edit("stakeholders", lambda _register: [Stakeholder(name="Alleen ik", scale=2)])
    assert "Alleen ik" in filled.table_html and "Naaisters" not in filled.table_html
    assert filled.summary.value.startswith('<p class="sh-summary">1 stakeholders')


def test_switching_language_relabels_without_losing_values(session, filled):
    form = filled.register.form
    filled.register.picker.value = filled.register.picker.options[1][1]
    chosen = form.current
    session.language = "en"
    assert filled.tabs.get_title(0) == "Register" and filled.tabs.get_title(1) == "Import"
    assert form.current == chosen and form.inputs["group"].value == "worker"
    assert ("Workers in the value chain", "worker") in form.inputs["group"].options
    assert form.inputs["country"].value == "India"
    assert '<th scope="col">Name</th>' in filled.table_html
    assert "Severity" in form.explanation.value


def test_search_group_filter_and_pages(session, filled):
    register = filled.register
    assert register.pager.status.value == "1–25 van 42"
    register.pager.next.click()
    assert register.pager.status.value == "26–42 van 42"
    register.search.value = "textielbond"
    assert "Textielbond Denizli" in register.table.value
    assert register.pager.total == 3 and register.pager.page == 0  # incl. a contact person
    assert "Naaisters" not in register.table.value
    register.search.value = ""
    register.group.value = "ngo"
    assert register.table.value.count("<tr>") == 5  # heading + 4 NGOs


def test_the_map_and_ranking_are_drawn_when_their_tab_is_opened(filled):
    assert filled.charts.map.png == b""  # not drawn while hidden
    filled.open_tab("charts")
    assert filled.charts.map.png.startswith(b"\x89PNG")
    assert 'alt="Stakeholderkaart van 42 stakeholders' in filled.charts.map.value
    assert filled.charts.map_png.filename.endswith(".png")
    assert not filled.charts.map_svg.data  # the SVG is drawn when asked for
    filled.charts.map_svg.button.click()
    assert filled.charts.map_svg.filename.endswith(".svg") and b"<svg" in filled.charts.map_svg.data
    assert filled.charts.map_svg.button.description == filled.charts.map_svg.filename
    before = filled.charts.map.value
    filled.charts.axis.value = "influence"
    assert filled.charts.map.value != before
    assert filled.charts.ranking.png.startswith(b"\x89PNG")


def test_export_buttons_offer_a_clean_spreadsheet(session, filled):
    session.edit("organisation", api.set_organisation, "name", "Groen Garen BV")
    filled.export.xlsx.click()
    assert filled.export.link.filename.startswith("stakeholderregister-groen-garen-bv-")
    assert filled.export.link.data[:2] == b"PK"
    filled.export.csv.click()
    assert filled.export.link.filename.endswith(".csv")
    assert filled.export.link.data.decode("utf-8-sig").startswith("Naam;Groep;")


def test_selecting_for_dialogue_in_step_5a(session, filled):
    select = RegisterView(session, mode="select")
    hints = select.selection.hints.value
    assert "Hoge prioriteit maar niet gekozen" in hints and "Nodi Bachao" in hints
    first = select.selection.rows[0]
    assert "Seizoensarbeiders" in first.who.value and not first.tick.value
    first.tick.value = True
    first.reason.value = "Toch direct, via Bal Suraksha Manch"
    chosen = next(s for s in session.workbook.stakeholders if s.name.startswith("Seizoens"))
    assert chosen.selected and chosen.selection_reason == "Toch direct, via Bal Suraksha Manch"
    assert "Seizoensarbeiders" in select.selection.chosen.value
    # the map view of step 3 follows
    assert filled.summary.value.count("14 gekozen voor dialoog") == 1
    select.selection.filter.value = "selected"
    assert select.selection.pager.total == 14


def test_edits_are_autosaved(store, content):
    from dialoog.session import Session

    session = Session(store=store, content=content, autosave_delay=0.01)
    view = RegisterView(session)
    view.register.add.click()
    view.register.form.inputs["name"].value = "Bewaard"
    view.register.form.save.click()
    session.flush()
    time.sleep(0.05)
    assert [s.name for s in store.load(session.token).stakeholders] == ["Bewaard"]


def test_two_hundred_stakeholders_make_no_widget_per_row(session, view):
    """One HTML widget shows a page of the table: the number of widgets does not grow."""
    import ipywidgets

    before = len(ipywidgets.Widget.widgets)
    session.edit(
        "stakeholders",
        lambda _register: [
            Stakeholder(name=f"Stakeholder {i}", group="worker", scale=1 + i % 5, likelihood=3)
            for i in range(200)
        ],
    )
    assert view.register.pager.total == 200 and view.table_html.count("<tr>") == 26
    assert len(ipywidgets.Widget.widgets) - before < 40
