"""The guided workbook: the overview, every step's form, navigation and file handling."""

from __future__ import annotations

import logging

import ipywidgets as w
from traitlets import Unicode

from ..i18n import t
from ..plan.view import PlanView
from ..selfassessment.view import SelfAssessmentView
from ..session import Change, Session
from ..ui import Header, Notice, button, stylesheet
from .files import FilePanel
from .organisation import OrganisationPage
from .overview import FIXED_PAGES, Navigator, Overview
from .priorities import Priorities
from .step_form import StepForm

log = logging.getLogger(__name__)


class WorkbookApp(w.VBox):
    """The whole app. `page` is the page on show; pages are built when first opened."""

    page = Unicode("home")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-app")
        self.priorities = Priorities(session)
        self.page_ids = [*FIXED_PAGES, *(f.id for f in session.content.forms), "plan"]
        self._pages: dict[str, w.Widget] = {}

        self.css = stylesheet()
        self.header = Header(session, "app.title")
        self.files = FilePanel(session)
        self.notice = Notice()
        self.nav = Navigator(session, self.page_ids, self.show, self.priorities)
        self.main = w.VBox(layout=w.Layout(flex="1 1 0", min_width="0", padding="0 0 0 1.5em"))
        self.main.add_class("dialoog-main")
        self.previous = button("", icon="arrow-left")
        self.next = button("", icon="arrow-right")
        self.previous.add_class("dialoog-previous")
        self.next.add_class("dialoog-next")
        self.previous.on_click(lambda _b: self.step(-1))
        self.next.on_click(lambda _b: self.step(+1))
        self.pager = w.HBox([self.previous, self.next], layout=w.Layout(margin="1.5em 0"))
        self.pager.add_class("dialoog-pager")
        self.page_box = w.VBox()
        self.main.children = [self.notice, self.page_box, self.pager]
        self.nav.layout = w.Layout(flex="0 0 19em", max_width="19em")
        body = w.HBox([self.nav, self.main], layout=w.Layout(align_items="flex-start"))
        body.add_class("dialoog-body")
        self.children = [self.css, self.header, self.files, body]
        session.observe(self._relabel, "language")
        session.watch(self._refresh_priorities, "selfassessment")
        session.observe(self._show_error, "error_count")
        self._relabel()
        self.show("home")

    def page_widget(self, page: str) -> w.Widget:
        """The widget of a page, built on first use so the app opens fast."""
        if page not in self._pages:
            session = self.session
            if page == "home":
                widget = Overview(session, self.show, self.priorities)
            elif page == "organisation":
                widget = OrganisationPage(session)
            elif page == "selfassessment":
                widget = SelfAssessmentView(session, on_open_form=self.show)
            elif page == "plan":
                widget = PlanView(session)
            else:
                form = session.content.form(page)
                widget = StepForm(session, form, priority=page in self.priorities.ids())
            self._pages[page] = widget
        return self._pages[page]

    def show(self, page: str) -> None:
        if page not in self.page_ids:
            return
        try:
            widget = self.page_widget(page)
        except Exception:  # shown as a message, never as a traceback
            log.exception("page %s could not be built", page)
            self.notice.show(t("app.error", self.session.language), "error")
            return
        self.notice.clear()
        self.page = page
        self.page_box.children = [widget]
        self.nav.select(page)
        index = self.page_ids.index(page)
        self.previous.disabled = index == 0
        self.next.disabled = index == len(self.page_ids) - 1

    def step(self, delta: int) -> None:
        index = self.page_ids.index(self.page) + delta
        if 0 <= index < len(self.page_ids):
            self.show(self.page_ids[index])

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.previous.description = t("nav.previous", lang)
        self.next.description = t("nav.next", lang)

    def _show_error(self, _change: object = None) -> None:
        if self.session.error:
            self.notice.show(t(self.session.error, self.session.language), "error")

    def _refresh_priorities(self, _change: Change | None = None) -> None:
        priorities = self.priorities.ids()
        for page, widget in self._pages.items():
            if isinstance(widget, StepForm):
                widget.set_priority(page in priorities)
