"""The guided workbook: the overview, every step's form, navigation and file handling."""

from __future__ import annotations

import html
import logging
import re
import threading
from importlib import import_module

import ipywidgets as w
from traitlets import Unicode

from ..i18n import t
from ..session import Change, Session
from ..ui import Header, Notice, button, closed_html, lock, show, stylesheet, view_only
from ..web import query_param
from .conflicts import ConflictBar
from .files import FilePanel
from .overview import FIXED_PAGES, Navigator, Overview
from .priorities import Priorities

PAGE_PARAM = "pagina"  # the page on show is kept in the address: a reload returns to it
# Each page's view and its module, imported when the page is first opened (the plan's brings
# pandas and matplotlib), or beforehand by `pages.warm_up`; every other page is a step.
PAGE_VIEWS = {
    "organisation": "dialoog.views.organisation:OrganisationPage",
    "selfassessment": "dialoog.selfassessment.view:SelfAssessmentView",
    "plan": "dialoog.plan.view:PlanView",
    "share": "dialoog.views.sharing:SharePanel",
    "history": "dialoog.views.history:HistoryPanel",
}
STEP_VIEW = "dialoog.views.step_form:StepForm"
SHARED_PAGES = ("share", "history")
_PAGE = re.compile(r"\A[a-z0-9]{1,20}\Z")

log = logging.getLogger(__name__)


# Held while a page is built and while `pages.warm_up` imports in its thread: two threads
# importing modules that import each other can see one half initialised (an ImportError).
PAGE_IMPORTS = threading.RLock()


def page_view(page: str) -> type:
    """The view class of a page (a step's unless the page has its own), imported on first use."""
    module, _, name = PAGE_VIEWS.get(page, STEP_VIEW).partition(":")
    return getattr(import_module(module), name)


def import_page_views() -> None:
    """Import every page's module now, so that opening a page later costs no start-up."""
    for page in (*PAGE_VIEWS, "step"):
        page_view(page)


class WorkbookApp(w.VBox):
    """The whole app. `page` is the page on show; pages are built when first opened."""

    page = Unicode("home")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-app")
        self.priorities = Priorities(session)
        self.page_ids = [
            *FIXED_PAGES, *(f.id for f in session.content.forms), "plan", *SHARED_PAGES,
        ]  # fmt: skip
        self._pages: dict[str, w.Widget] = {}

        self.css = stylesheet()
        self.header = Header(session, "app.title")
        self.files = FilePanel(session)
        self.conflicts = ConflictBar(session)
        self.banner = w.HTML()
        self.notice = Notice()
        self.page_marker = w.HTML()
        self.nav = Navigator(session, self.page_ids, self.show, self.priorities)
        self.main = w.VBox(layout=w.Layout(flex="1 1 0", min_width="0", padding="0 0 0 1.5em"))
        self.main.add_class("dialoog-main")
        self.previous = button("", icon="arrow-left")
        self.next = button("", icon="arrow-right")
        self.previous.add_class("dialoog-previous")
        self.next.add_class("dialoog-next")
        self.previous.on_click(lambda _b: self.step(-1))
        self.next.on_click(lambda _b: self.step(+1))
        view_only(self.previous, self.next)
        self.pager = w.HBox([self.previous, self.next], layout=w.Layout(margin="1.5em 0"))
        self.pager.add_class("dialoog-pager")
        self.page_box = w.VBox()
        self.main.children = [self.notice, self.page_box, self.pager]
        self.nav.layout = w.Layout(flex="0 0 19em", max_width="19em")
        # on a phone the menu folds away above the page (CSS); this button opens it
        self.menu = button("", icon="bars")
        self.menu.add_class("dialoog-menu-toggle")
        view_only(self.menu)
        self.menu.on_click(lambda _b: self.toggle_menu())
        body = w.HBox([self.nav, self.main], layout=w.Layout(align_items="flex-start"))
        body.add_class("dialoog-body")
        self.children = [
            self.css, self.header, self.banner, self.files, self.conflicts, self.menu, body,
            self.page_marker,
        ]  # fmt: skip
        session.observe(self._relabel, "language")
        session.watch(self._refresh_priorities, "selfassessment")
        session.watch(
            self._after_change,
            "answers",
            "organisation",
            "selfassessment",
            "stakeholders",
            "followup",
        )
        session.observe(self._show_error, "error_count")
        session.observe(self._page_requested, "page_request")
        session.observe(self._closed, "access_problem")
        session.observe(self._now_read_only, "read_only")
        self._relabel()
        if session.access_problem:
            self._closed()
            return
        start = query_param(PAGE_PARAM) or "home"
        self.show(start if start in self.page_ids else "home")

    def page_widget(self, page: str) -> w.Widget:
        """The widget of a page, built on first use so the app opens fast; its module too (the
        plan's brings pandas and matplotlib), unless `warm_up` imported it already."""
        if page not in self._pages:
            with PAGE_IMPORTS:
                self._pages[page] = self._build(page)
        return self._pages[page]

    def _build(self, page: str) -> w.Widget:
        session = self.session
        if page == "home":
            return Overview(session, self.show, self.priorities)
        view = page_view(page)
        if page == "selfassessment":
            return view(session, on_open_form=self.show)
        if page in PAGE_VIEWS:
            return view(session)
        form = session.content.form(page)
        return view(session, form, priority=page in self.priorities.ids())

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
        if self.files.notice.kind != "error":  # "opened", "downloaded": read by now
            self.files.notice.clear()
        self.page = page
        if hasattr(widget, "refresh") and page in SHARED_PAGES:
            widget.refresh()  # what others did: read it when the page is opened
        self.page_box.children = [widget]
        if self.session.read_only:
            lock(widget)
        self.nav.select(page)
        self.toggle_menu(False)  # a page chosen: on a phone the menu folds away again
        if _PAGE.match(page):
            self.page_marker.value = (
                f'<span class="dialoog-page" data-page="{html.escape(page)}"></span>'
            )
        index = self.page_ids.index(page)
        self.previous.disabled = index == 0
        self.next.disabled = index == len(self.page_ids) - 1
        # step 0 pages through its elements with its own Previous/Next: one pair, not two
        show(self.pager, page != "selfassessment")

    def toggle_menu(self, open_: bool | None = None) -> None:
        """Open or fold the side menu; only a narrow screen folds it (see app.css)."""
        opened = "dialoog-nav-open" in self.nav._dom_classes
        opened = not opened if open_ is None else open_
        if opened:
            self.nav.add_class("dialoog-nav-open")
            self.add_class("dialoog-menu-open")  # on a phone the file actions show with it
        else:
            self.nav.remove_class("dialoog-nav-open")
            self.remove_class("dialoog-menu-open")
        lang = self.session.language
        self.menu.description = t("nav.menu_close" if opened else "nav.menu_open", lang)

    def _page_requested(self, change: dict) -> None:
        if change["new"]:
            self.session.page_request = ""
            self.show(change["new"])

    def step(self, delta: int) -> None:
        index = self.page_ids.index(self.page) + delta
        if 0 <= index < len(self.page_ids):
            self.show(self.page_ids[index])

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.previous.description = t("nav.previous", lang)
        self.next.description = t("nav.next", lang)
        self.toggle_menu("dialoog-nav-open" in self.nav._dom_classes)
        if self.session.read_only and not self.session.access_problem:
            text = html.escape(t("app.read_only", lang))
            self.banner.value = f'<div class="dialoog-notice-info" role="status">{text}</div>'
        elif self.session.access_problem:
            self._closed()

    def _after_change(self, _change: Change) -> None:
        """In a read-only page, inputs that a change (from another page) drew are locked too."""
        if self.session.read_only and self.page_box.children:
            lock(self.page_box.children[0])

    def _closed(self, _change: object = None) -> None:
        """A link that opens nothing (wrong from the start, or revoked while this page was
        open): say why, offer a new workbook, show nothing else of the workbook."""
        if not self.session.access_problem:
            return
        lang = self.session.language
        self.banner.value = closed_html(self.session.access_problem, lang, "workbook.ipynb")
        self.children = [self.css, self.header, self.banner]

    def _now_read_only(self, change: dict) -> None:
        """The link was made read-only while the page was open: say so and lock the page."""
        if change["new"] and not self.session.access_problem:
            self._relabel()
            for widget in self._pages.values():
                lock(widget)
            self.files.refresh_controls()

    def _show_error(self, _change: object = None) -> None:
        if self.session.error:
            self.notice.show(t(self.session.error, self.session.language), "error")

    def _refresh_priorities(self, _change: Change | None = None) -> None:
        priorities = self.priorities.ids()
        for page, widget in self._pages.items():
            if page != "home" and page not in PAGE_VIEWS:  # a step's page
                widget.set_priority(page in priorities)
