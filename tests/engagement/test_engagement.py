"""The engagement log: its rules (API), what it says per stakeholder, the evidence, the view."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import openpyxl
import pytest

from dialoog.engagement import api
from dialoog.engagement.record import Concern
from dialoog.engagement.timeline import contacts_by, evidence, open_concerns, per_stakeholder
from dialoog.engagement.view import EngagementLogView
from dialoog.model import Workbook
from dialoog.paths import REPO_ROOT
from dialoog.problems import Outcome, Problem
from dialoog.stakeholders.record import Stakeholder

ARTIFACTS = REPO_ROOT / "tests" / "artifacts"

TODAY = date(2026, 12, 2)


@pytest.fixture
def register():
    return [
        Stakeholder(name="Naaisters Dhaka Stitch", group="worker", selected=True, issues=[]),
        Stakeholder(name="Vakbond NGWF", group="union", selected=True),
        Stakeholder(name="Omwonenden ververij", group="community", selected=False),
    ]


def test_a_contact_needs_a_date_a_stakeholder_and_a_known_kind(register):
    ok = {"contact_date": date(2026, 11, 3), "stakeholder_ids": [register[0].id]}
    assert isinstance(api.add([], register, {**ok, "contact_date": None}, today=TODAY), Problem)
    assert api.add([], register, {"contact_date": date(2026, 1, 1)}, today=TODAY).key == (
        "eng.no_stakeholder"
    )
    assert api.add([], register, {**ok, "kind": "séance"}, today=TODAY).key == "eng.unknown_kind"
    result = api.add([], register, ok, today=TODAY)
    assert isinstance(result, Outcome)
    assert result.value[0].stakeholder_names == ["Naaisters Dhaka Stitch"]


def test_a_date_in_the_future_or_before_2000_is_questioned_then_kept_on_confirmation(register):
    values = {"contact_date": date(2027, 3, 1), "stakeholder_names": ["Iemand"]}
    assert api.add([], register, values, today=TODAY).key == "eng.date_future"
    old = {**values, "contact_date": date(1999, 12, 31)}
    assert api.add([], register, old, today=TODAY).key == "eng.date_old"
    kept = api.add([], register, values, today=TODAY, confirm=True)
    assert kept.value[0].contact_date == date(2027, 3, 1)


def test_a_removed_stakeholder_keeps_its_name_in_the_log(register):
    log = api.add([], register, {"contact_date": TODAY, "stakeholder_ids": [register[2].id]},
                  today=TODAY).value  # fmt: skip
    changed = api.update(log, log[0].id, register[:2], {"raised": "Geur"}, today=TODAY).value
    assert changed[0].stakeholder_names == ["Omwonenden ververij"]
    assert changed[0].stakeholder_ids == []
    assert changed[0].raised == "Geur"


def test_texts_are_bounded_with_a_message_in_the_users_language(register):
    values = {"contact_date": TODAY, "stakeholder_names": ["X"], "raised": "a" * 10_001}
    problem = api.add([], register, values, today=TODAY)
    assert isinstance(problem, Problem)
    assert "Wat de stakeholders inbrachten" in problem.text("nl")
    assert "String should" not in problem.text("en")


def test_remove_and_restore_put_the_contact_back_in_its_place(register):
    log = []
    for day in (1, 2, 3):
        values = {"contact_date": date(2026, 10, day), "stakeholder_names": ["X"]}
        log = api.add(log, register, values, today=TODAY).value
    removed = api.remove(log, log[1].id)
    assert len(removed.value) == 2
    back = api.restore(removed.value, removed.info["removed"], removed.info["at"])
    assert [e.contact_date.day for e in back] == [1, 2, 3]


def _workbook(register) -> Workbook:
    workbook = Workbook(stakeholders=register)
    log = []
    entries = [
        (date(2026, 3, 10), [register[0].id, register[1].id], "meeting", ["lonen"], None),
        (date(2026, 4, 2), [register[1].id], "call", [], Concern(case="K-1", status="open")),
        (date(2026, 11, 20), [register[1].id], "letter", [], None),
    ]
    for contact_date, ids, kind, topics, concern in entries:
        values = {
            "contact_date": contact_date, "stakeholder_ids": ids, "kind": kind, "topics": topics,
            "concern": concern, "raised": f"inbreng {contact_date}",
        }  # fmt: skip
        log = api.add(log, register, values, today=TODAY).value
    workbook.engagements = log
    made = api.follow_up(workbook.followup, log[0], "Levertijden verlengen", due=date(2026, 5, 1))
    workbook.followup = made.value
    workbook.engagements = api.link_agreement(log, log[0].id, made.info["agreement"].id)
    return workbook


def test_per_stakeholder_last_contact_follow_ups_and_no_contact_since(register):
    workbook = _workbook(register)
    contacts = {c.name: c for c in per_stakeholder(workbook, TODAY)}
    dhaka = contacts["Naaisters Dhaka Stitch"]
    assert dhaka.contacts == 1 and dhaka.last == date(2026, 3, 10)
    assert dhaka.open_follow_ups == 1 and dhaka.overdue == 1
    assert dhaka.no_contact_since == date(2026, 3, 10) and dhaka.flagged  # selected, 6 months
    union = contacts["Vakbond NGWF"]
    assert union.contacts == 3 and union.no_contact_since is None
    assert not contacts["Omwonenden ververij"].flagged  # not selected
    agreement = workbook.followup.agreements[0]
    assert agreement.engagement_id == workbook.engagements[0].id  # linked both ways
    assert workbook.engagements[0].agreement_ids == [agreement.id]


def test_open_concerns_tables_and_the_evidence(register):
    workbook = _workbook(register)
    ((entry, days),) = open_concerns(workbook, TODAY)
    assert entry.concern.case == "K-1" and days == (TODAY - date(2026, 4, 2)).days
    assert dict(contacts_by(workbook, "quarter", "nl")) == {"2026-K1": 1, "2026-K2": 1,
                                                             "2026-K4": 1}  # fmt: skip
    by_group = dict(contacts_by(workbook, "group", "nl"))
    assert by_group["Vakbond"] == 3
    rows = {row.name: row for row in evidence(workbook, "nl")}
    union = rows["Vakbond NGWF"]
    assert union.contacts == 3 and "Brief of e-mail (1)" in union.kinds
    assert union.first == date(2026, 3, 10) and union.last == date(2026, 11, 20)
    assert "Levertijden verlengen" in rows["Naaisters Dhaka Stitch"].committed
    assert rows["Omwonenden ververij"].contacts == 0 and rows["Omwonenden ververij"].why_not
    assert list(rows)[-1] == "Omwonenden ververij"  # the engaged first, then who is not yet


def test_the_view_logs_a_contact_raises_a_concern_and_exports_the_evidence(session, register):
    session.edit("stakeholders", lambda _old: list(register))
    view = EngagementLogView(session, today=TODAY)
    form = view.form
    form.contact_date.value = date(2026, 11, 3)
    form.stakeholders.value = ["Vakbond NGWF", "Naaisters Dhaka Stitch"]
    form.raised.value = "<b>Lonen</b> te laag"
    form.concern.value = True
    form.case.value = "=HYPERLINK(1)"
    form.follow_up.value = "Loonstrook uitleggen"
    form.save.click()
    assert view.notice.kind == "success", form.notice.text
    assert len(session.workbook.engagements) == 1
    entry = session.workbook.engagements[0]
    assert entry.concern.status == "open" and entry.agreement_ids
    assert session.workbook.followup.agreements[0].what == "Loonstrook uitleggen"
    assert "&lt;b&gt;Lonen" in view.entries.value and "<b>Lonen" not in view.entries.value
    assert "1 open zorg of klacht" in view.summary.value
    form.contact_date.value = date(2030, 1, 1)
    form.stakeholders.value = ["Vakbond NGWF"]
    form.save.click()
    assert form.notice.kind == "error" and form.save_anyway.layout.display != "none"
    view.export.click()
    book = openpyxl.load_workbook(io.BytesIO(view.download.data))
    sheet = book.worksheets[0]
    names = [row[0].value for row in sheet.iter_rows(min_row=11)]
    assert "Vakbond NGWF" in names and "Omwonenden ververij" in names
    log_sheet = book.worksheets[1]
    assert log_sheet.cell(2, 8).data_type == "s"  # the formula-like case number stays text


def test_the_charts_show_who_was_never_engaged_with_a_text_alternative(register):
    from dialoog.engagement.charts import contacts_over_time, coverage

    workbook = _workbook(register)
    for part in ("scale", "scope", "irremediability", "likelihood", "vulnerability"):
        setattr(workbook.stakeholders[2], part, 5)  # high priority, never engaged
    fig, alt = contacts_over_time(workbook, "nl")
    assert fig.axes and "3 contacten" in alt and "kwartalen" in alt
    fig, alt = coverage(workbook, "en")
    assert fig.axes[0].get_xlim() == (0.0, 100.0)
    assert "1 high-priority stakeholder has never been engaged: Omwonenden ververij" in alt


def test_the_coverage_chart_hides_no_stakeholder_and_names_without_overlap():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from dialoog.engagement.charts import coverage
    from dialoog.storage import loads

    workbook = loads((REPO_ROOT / "data" / "examples" / "workbook.json").read_bytes())
    fig, alt = coverage(workbook, "nl")  # nobody engaged yet: many points on the zero line
    ax = fig.axes[0]
    points = np.vstack([c.get_offsets() for c in ax.collections if len(c.get_offsets())])
    assessed = sum(1 for s in workbook.stakeholders if s.scale and s.likelihood)
    assert len(points) >= assessed > 20
    assert len({(round(x, 3), round(y, 3)) for x, y in points}) == len(points)  # none hidden
    renderer = FigureCanvasAgg(fig).get_renderer()
    ARTIFACTS.mkdir(exist_ok=True)
    fig.savefig(ARTIFACTS / "eng-coverage-42.png", dpi=110)
    boxes = [Text.get_window_extent(text, renderer) for text in ax.texts]  # without leader lines
    assert 0 < len(boxes) <= 12
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)
    assert "nog nooit gesproken" in alt


def test_the_view_draws_the_charts_on_request(session, register):
    session.edit("stakeholders", lambda _old: list(register))
    view = EngagementLogView(session, today=TODAY)
    assert view.time_chart.png == b""
    view.chart_button.click()
    assert view.time_chart.png.startswith(b"\x89PNG")
    assert view.coverage_chart.png.startswith(b"\x89PNG")
    assert 'alt="' in view.coverage_chart.value
    assert view.chart_links[1].data.startswith(b"<?xml")


def _sheets(data: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_the_evidence_export_pseudonymises_persons_and_keeps_groups_named(register):
    from dialoog.engagement.export import engagement_xlsx
    from dialoog.engagement.pseudonyms import person_names

    register[1] = register[1].model_copy(
        update={"contact": "Amina Rahman, amina@ngwf.example, +880 1711 555 123"}
    )
    values = {
        "contact_date": date(2026, 11, 3),
        "stakeholder_ids": [register[0].id, register[1].id],
        "company_people": "Sanne de Vries (MVO), Karim El Amrani",
        "raised": (
            "Amina Rahman vroeg of Karim El Amrani in maart terugkomt; mail amina@ngwf.example"
        ),
    }
    log = api.add([], register, values, today=TODAY).value
    workbook = Workbook(stakeholders=register, engagements=log)
    assert person_names(workbook) == ["Sanne de Vries", "Karim El Amrani", "Amina Rahman"]

    plain = _sheets(engagement_xlsx(workbook, "nl", TODAY))
    hidden = _sheets(engagement_xlsx(workbook, "nl", TODAY, pseudonymise=True))
    plain_text = repr(plain)
    text = repr(hidden)
    assert "Amina Rahman" in plain_text and "Sanne de Vries" in plain_text
    for name in ("Amina Rahman", "Karim El Amrani", "Sanne de Vries", "amina@ngwf.example"):
        assert name not in text
    assert "Persoon 3 vroeg of Persoon 2 in maart terugkomt; mail [e-mailadres]" in text
    assert "Persoon 1 (MVO), Persoon 2" in text
    # groups and organisations keep their names, and every sheet keeps its rows
    assert "Naaisters Dhaka Stitch" in text and "Vakbond NGWF" in text
    assert {k: len(v) for k, v in plain.items()} == {k: len(v) for k, v in hidden.items()}


def test_words_that_are_not_names_are_left_alone():
    from dialoog.engagement.pseudonyms import Pseudonymiser, _looks_like_a_name

    assert not _looks_like_a_name("inkoop") and not _looks_like_a_name("MVO")
    assert not _looks_like_a_name("Kantoor 12")
    assert _looks_like_a_name("J. Bakker") and _looks_like_a_name("Sanne de Vries")
    hide = Pseudonymiser(["Jan"], "en")
    assert hide("Jansen met Jan en Janneke") == "Jansen met Person 1 en Janneke"
    assert hide(3) == 3 and hide("") == ""


def test_the_view_exports_pseudonymised_when_asked(session, register):
    session.edit("stakeholders", lambda _old: list(register))
    view = EngagementLogView(session, today=TODAY)
    view.form.contact_date.value = date(2026, 11, 3)
    view.form.stakeholders.value = ["Vakbond NGWF"]
    view.form.company_people.value = "Sanne de Vries"
    view.form.save.click()
    view.export.click()
    assert "gepseudonimiseerd" not in view.download.filename
    assert "Sanne de Vries" in repr(_sheets(view.download.data))
    view.pseudonymise.value = True
    view.export.click()
    assert "gepseudonimiseerd" in view.download.filename
    text = repr(_sheets(view.download.data))
    assert "Sanne de Vries" not in text and "Persoon 1" in text
    assert session.revision == 2  # the choice of export edits nothing


def test_the_plan_counts_days_open_up_to_the_plans_own_date():
    from dialoog.plan.export import plan_html
    from dialoog.storage import loads

    workbook = loads((REPO_ROOT / "data" / "examples" / "workbook.json").read_bytes())
    page = plan_html(workbook, lang="nl", today=date(2026, 6, 25)).decode()
    # the example's concern ZK-2026-07 came in on 10-06-2026: 15 days open on 25-06-2026
    row = page[page.index("ZK-2026-07") :][:400]
    assert ">15<" in row.replace(" ", "")


def test_the_plan_shows_the_evidence_as_two_tables_that_fit_a_page(register):
    from dialoog.engagement.timeline import evidence_for_document

    workbook = _workbook(register)
    workbook.stakeholders[2].selection_reason = "Eerst de werkenden zelf"
    engaged, missing = evidence_for_document(workbook, "nl")
    assert len(engaged.headers) == 5 and len(missing.headers) == 3
    union = next(r for r in engaged.rows if r[0].startswith("Vakbond NGWF"))
    assert union[0] == "Vakbond NGWF (Vakbond)" and union[1].startswith("3: ")
    assert missing.rows == (
        ("Omwonenden ververij", "Omwonenden en lokale gemeenschappen",
         "Niet gekozen voor de dialoog (nog) — toelichting bij de keuze: Eerst de werkenden "
         "zelf"),
    )  # fmt: skip
    workbook.stakeholders[2].selected = True
    _engaged, missing = evidence_for_document(workbook, "en")
    assert missing.rows[0][2].startswith("Chosen for dialogue; no contact logged yet")


def test_the_analyst_tables_count_contacts_and_name_who_was_never_engaged(session, register):
    from dialoog.stakeholders.priority import prioritise
    from dialoog.stakeholders.register import to_frame
    from dialoog.stakeholders.view_outputs import TablesPanel

    register.append(Stakeholder(name="Thuiswerkers borduurwerk", group="worker", selected=True))
    workbook = _workbook(register)
    session.replace(workbook)
    panel = TablesPanel(session)
    panel.update(prioritise(to_frame(session.workbook.stakeholders)))
    views = [value for _label, value in panel.choice.options]
    assert views[-4:] == ["contacts_group", "contacts_issue", "contacts_quarter", "never_engaged"]
    panel.choice.value = "contacts_quarter"
    assert "2026-K1" in panel.table.value and "2026-K4" in panel.table.value
    panel.choice.value = "never_engaged"
    assert "Thuiswerkers borduurwerk" in panel.table.value
    assert "Vakbond NGWF" not in panel.table.value  # engaged three times
    assert "Omwonenden ververij" not in panel.table.value  # not selected
    # a file of the analyst's own has no log: those tables are not offered
    panel.update(prioritise(to_frame(register[:1])), of_workbook=False)
    assert "never_engaged" not in [value for _label, value in panel.choice.options]
    assert panel.choice.value == "ranking"
