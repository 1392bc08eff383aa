"""A step's form: its texts are escaped, its status follows what is filled in."""

from __future__ import annotations

from dialoog.content import FieldSpec, Form, Pitfall, Step, Tool
from dialoog.i18n import Localized
from dialoog.views.step_form import StepForm

EVIL = "<script>alert(1)</script>"


def evil_form(content) -> Form:
    text = Localized(nl=f"Titel {EVIL}", en=f"Title {EVIL}")
    spec = FieldSpec(id="x", kind="text", label=text)
    step = Step(id="99", phase="aanloop", title=text, summary=text, fields=(spec,))
    return Form(
        id="99",
        step=step,
        phase=content.phases[0],
        title=text,
        summary=Localized(nl=f"Samenvatting {EVIL}", en=f"Summary {EVIL}"),
        guidance=Localized(nl=f"Toelichting <img src=x onerror=alert(1)>\n\n- punt {EVIL}", en="G"),
        pitfalls=(Pitfall(id="p", title=text, summary=text),),
        tools=(Tool(id="t", title=text, url=Localized(nl='https://x.nl/"><b>', en="https://x")),),
        elements=("motivatie",),
        fields=(spec,),
    )


def test_title_guidance_and_pitfalls_are_shown_escaped(session, content):
    page = StepForm(session, evil_form(content))
    shown = page.header.value + page.summary.value + page.info.value
    assert "<script>" not in shown and "<img" not in shown
    assert 'href="https://x.nl/&quot;&gt;&lt;b&gt;"' in page.info.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.header.value
    assert "&lt;script&gt;" in page.summary.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.info.value
    assert "<li>punt &lt;script&gt;" in page.info.value
    assert "Valkuil: Titel &lt;script&gt;" in page.info.value


def test_real_step_shows_heading_phase_guidance_pitfall_tools_and_elements(session, content):
    page = StepForm(session, content.form("1"))
    assert "Stap 1: Bepaal je motivatie" in page.header.value
    assert "Fase 1: In aanloop" in page.header.value
    assert "<p>" in page.info.value and "<ul>" in page.info.value
    assert "Valkuil" in page.info.value
    assert 'href="https://' in page.info.value and 'rel="noopener noreferrer"' in page.info.value
    assert "Motivatie" in page.info.value


def test_a_sub_step_names_its_parent_step(session, content):
    page = StepForm(session, content.form("4b"))
    assert "Stap 4b:" in page.header.value
    assert 'dialoog-parent">Stap 4:' in page.header.value


def test_status_badge_follows_the_fields(session, content):
    form = content.form("2")
    page = StepForm(session, form)
    fields = {f.spec.id: f for f in page.fields}
    assert "dialoog-status-empty" in page.header.value
    assert "Nog leeg" in page.header.value
    fields["owner"].input.value = "Directie"
    assert "dialoog-status-in_progress" in page.header.value
    assert page.status == "in_progress"
    fields["ready"].input.value = fields["ready"].spec.options[0].id
    assert "dialoog-status-complete" in page.header.value
    assert "Ingevuld" in page.header.value
    fields["owner"].input.value = ""
    assert "dialoog-status-in_progress" in page.header.value


def test_language_switch_relabels_the_step(session, content):
    page = StepForm(session, content.form("1"))
    session.language = "en"
    assert "Step 1: Determine your motivation" in page.header.value
    assert "Phase 1" in page.header.value
    assert "Guidance" in page.info.value and "Pitfall" in page.info.value
    assert "Empty" in page.header.value


def test_priority_mark_can_be_set_and_cleared(session, content):
    page = StepForm(session, content.form("1"))
    assert "dialoog-priority" not in page.header.value
    page.set_priority(True)
    assert "Prioriteit" in page.header.value
    page.set_priority(False)
    assert "dialoog-priority" not in page.header.value
