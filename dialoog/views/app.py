"""The guided workbook: the overview, every step's form, navigation and file handling."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from importlib import resources

import ipywidgets as w
from traitlets import Unicode

from ..i18n import t
from ..session import Session
from .common import Notice, button
from .files import FilePanel
from .organisation import OrganisationPage
from .overview import Navigator, Overview
from .step_form import StepForm

log = logging.getLogger(__name__)

FIXED_PAGES = ("home", "organisation", "selfassessment")


def _priorities_of(session: Session) -> Callable[[], set[str]]:
    """The priority steps from the self-assessment, or none when that feature is absent."""
    try:
        from ..selfassessment.scoring import priority_form_ids
    except ImportError:
        return set

    def priorities() -> set[str]:
        try:
            return set(priority_form_ids(session.workbook, session.content))
        except Exception:  # a scoring bug must not take the workbook down
            log.exception("priority steps could not be computed")
            return set()

    return priorities


def _selfassessment_page(session: Session, open_page: Callable[[str], None]) -> w.Widget:
    try:
        from ..selfassessment.view import SelfAssessmentView
    except ImportError:
        return w.HTML(html.escape(t("nav.selfassessment", session.language)))
    return SelfAssessmentView(session, on_open_form=open_page)


class WorkbookApp(w.VBox):
    """The whole app. `page` is the page on show; pages are built when first opened."""

    page = Unicode("home")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-app")
        self.priorities = _priorities_of(session)
        self.page_ids = [*FIXED_PAGES, *(f.id for f in session.content.forms), "plan"]
        self._pages: dict[str, w.Widget] = {}

        self.css = w.HTML(
            f"<style>{resources.files(__package__).joinpath('app.css').read_text()}</style>"
        )
        self.title = w.HTML()
        self.language = w.ToggleButtons(options=[("Nederlands", "nl"), ("English", "en")])
        self.language.add_class("dialoog-language")
        w.link((session, "language"), (self.language, "value"))  # the workbook decides
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
        header = w.HBox(
            [self.title, self.language],
            layout=w.Layout(
                justify_content="space-between", align_items="center", flex_flow="row wrap"
            ),
        )
        header.add_class("dialoog-header")
        self.nav.layout = w.Layout(flex="0 0 19em", max_width="19em")
        body = w.HBox([self.nav, self.main], layout=w.Layout(align_items="flex-start"))
        body.add_class("dialoog-body")
        self.children = [self.css, header, self.files, body]
        session.observe(self._relabel, "language")
        session.observe(self._refresh_priorities, "revision")
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
                widget = _selfassessment_page(session, self.show)
            elif page == "plan":
                from ..plan.view import PlanView

                widget = PlanView(session)
            else:
                form = session.content.form(page)
                widget = StepForm(session, form, priority=page in self.priorities())
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
        self.title.value = f'<div class="dialoog-title">{html.escape(t("app.title", lang))}</div>'
        self.previous.description = t("nav.previous", lang)
        self.next.description = t("nav.next", lang)

    def _show_error(self, _change: object = None) -> None:
        if self.session.error:
            self.notice.show(t(self.session.error, self.session.language), "error")

    def _refresh_priorities(self, _change: object = None) -> None:
        priorities = self.priorities()
        for page, widget in self._pages.items():
            if isinstance(widget, StepForm):
                widget.set_priority(page in priorities)
