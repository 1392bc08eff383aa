"""What the notebooks call: one function per page, one line per notebook, no logic there.

    from dialoog.pages import workbook;  workbook()      # notebooks/workbook.ipynb
    from dialoog.pages import selfassessment; …          # and so on for every page

Each resumes the workbook named in the page's address (or starts one) and returns the page.
"""

from __future__ import annotations

import html
import logging
import threading

import ipywidgets as w

from .content import load_content
from .i18n import catalogue, t
from .session import TOKEN_PARAM, Session, open_session
from .ui import LinkGate
from .web import in_voila, page_href, preheating

log = logging.getLogger(__name__)


def workbook(session: Session | None = None):
    """The guided workbook: overview, organisation, self-assessment, steps, plan.

    What the visitor sees first is built first; the other pages when opened. A preheated kernel
    also imports and loads what those pages need before a visitor arrives; a kernel started for
    a visitor does that in the background a moment after the visitor chose a first page (not
    while the start page loads: the warming competed with it and cost the visitor 0.3-0.5 s)."""
    from .views.app import WorkbookApp

    load_content()  # parse content before waiting for the visitor (preheated kernels)
    catalogue()
    early = preheating()
    if early:
        warm_up()
    app = WorkbookApp(session or open_session())
    if not early and in_voila():
        _warm_after_first_choice(app)
    return app


def _warm_after_first_choice(app) -> None:
    """Warm up once, a second after the visitor opened a page of their choice (built by then):
    a visitor who only looks costs nothing, and nothing competes with the pages being drawn."""

    def chosen(_change: object) -> None:
        app.unobserve(chosen, "page")
        timer = threading.Timer(1.0, warm_up)
        timer.name, timer.daemon = "dialoog-warm-up", True
        timer.start()

    app.observe(chosen, "page")


def warm_up() -> None:
    """Import the pages' modules (the plan's brings pandas and matplotlib), read their data and
    draw one small chart (matplotlib's fonts), so that opening a page later costs no start-up.
    Nothing here depends on the visitor; a page being built meanwhile waits for it."""
    from .views.app import PAGE_IMPORTS, import_page_views

    try:
        with PAGE_IMPORTS:
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            from .engagement.record import engagement_data
            from .plan.texts import plan_texts
            from .selfassessment.statements import load_statements
            from .stakeholders.choices import register_data
            from .stakeholders.readings import readings

            import_page_views()
            register_data(), readings(), engagement_data(), plan_texts(), load_statements()
            figure = Figure(figsize=(1, 1))
            figure.add_subplot().set_title("Ag")
            FigureCanvasAgg(figure).draw()
    except Exception:  # a warm-up that fails costs only the time it would have saved
        log.exception("warming up failed")


def selfassessment(session: Session | None = None):
    """The self-assessment on its own, on the same workbook as the guided workbook."""
    from .selfassessment.page import SelfAssessmentPage

    session = session or open_session()
    return LinkGate(session, "sa.page.title", lambda: SelfAssessmentPage(session))


def plan(session: Session | None = None):
    """The plan page (downloads, agreements, letter, evaluation) for this page's workbook."""
    from .plan.view import PlanView
    from .ui import Header, stylesheet

    session = session or open_session()

    def build():
        page = w.VBox([stylesheet(), Header(session, "nav.plan"), PlanView(session)])
        page.add_class("dialoog-app")
        return page

    return LinkGate(session, "nav.plan", build)


def analysis(session: Session | None = None):
    """The analyst's page: the register of this workbook or the user's own file, as tables,
    map, ranking and spreadsheets; it changes nothing and writes nothing on the server."""
    from .stakeholders.view_analysis import AnalysisPage
    from .ui import Header, stylesheet

    session = session or open_session()
    css = (("dialoog.stakeholders", "register.css"),)

    def build():
        page = w.VBox([stylesheet(*css), Header(session, "nav.analysis"), AnalysisPage(session)])
        page.add_class("dialoog-app")
        return page

    return LinkGate(session, "nav.analysis", build, styles=css)


def _unavailable(session: Session, error) -> w.HTML:
    """What a workshop page shows when the shared database cannot be reached: a message."""
    log.warning("workshop store unavailable: %s", error)
    lang = session.language
    text = f"{t(error.key, lang)} {t('ws.error.reload', lang)}"
    return w.HTML(f'<div class="dialoog-notice-error" role="alert">{html.escape(text)}</div>')


def facilitator(session: Session | None = None, store=None):
    """The facilitator's page; `?beheer=<secret>` in the address opens that session.

    Participants' phones and the projected room view are served without a kernel by the same
    server (`dialoog.server`): /dialoog/join and /dialoog/room."""
    from .web import query_param
    from .workshop.facilitation import WorkshopSession
    from .workshop.facilitator_view import FacilitatorView
    from .workshop.instrument import load_instrument
    from .workshop.pagebits import FACILITATOR_PARAM
    from .workshop.store import WorkshopError, WorkshopStore

    session = session or open_session()
    try:
        store = store or WorkshopStore()
    except WorkshopError as error:
        return _unavailable(session, error)

    def build():
        content = session.content
        workshop = WorkshopSession(store, session, load_instrument(content), content)
        return FacilitatorView(session, workshop, query_param(FACILITATOR_PARAM))

    return LinkGate(
        session,
        "ws.fac.title",
        build,
        start_href=page_href(drop=(TOKEN_PARAM,)) or "facilitator.ipynb",
    )
