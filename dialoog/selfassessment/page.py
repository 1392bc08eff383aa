"""The stand-alone self-assessment page (notebooks/selfassessment.ipynb).

For people who only want the self-assessment. It works on the same workbook as the guided
workbook (same address token), so the answers and the priority steps carry over.
"""

from __future__ import annotations

import ipywidgets as w

from ..i18n import t
from ..session import Session
from ..ui import Header, Notice, stylesheet
from ..views.files import FilePanel
from .view import SelfAssessmentView


class SelfAssessmentPage(w.VBox):
    """Title and language switch, the workbook file bar, and the self-assessment."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-app")
        self.header = Header(session, "sa.page.title")
        self.files = FilePanel(session)
        self.notice = Notice()
        self.view = SelfAssessmentView(session)
        self.children = [
            stylesheet(),
            self.header,
            self.files,
            self.notice,
            self.view,
        ]
        session.observe(self._show_error, "error_count")

    def _show_error(self, _change: object = None) -> None:
        if self.session.error:
            self.notice.show(t(self.session.error, self.session.language), "error")
