"""The organisation's details, which head the plan of approach."""

from __future__ import annotations

import html

import ipywidgets as w

from .. import api
from ..i18n import t
from ..session import Change, Session
from ..ui import Notice, guarded


class OrganisationPage(w.VBox):
    """Name, sector, authors and contact; each field is stored as it is typed."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.title = w.HTML()
        self.notice = Notice()
        self.inputs = {name: w.Text(continuous_update=True) for name in api.ORGANISATION_FIELDS}
        for name, widget in self.inputs.items():
            widget.layout.width = "min(40em, 100%)"
            widget.style.description_width = "10em"
            widget.observe(lambda change, n=name: self._edited(n, change["new"]), "value")
        self.children = [self.title, self.notice, *self.inputs.values()]
        session.observe(self._relabel, "language")
        session.watch(self._refresh, "organisation")
        self._relabel()
        self._refresh()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.title.value = f"<h2>{html.escape(t('org.title', lang))}</h2>"
        for name, widget in self.inputs.items():
            widget.description = t(f"org.{name}", lang)

    def _refresh(self, _change: Change | None = None) -> None:
        organisation = self.session.workbook.organisation
        for name, widget in self.inputs.items():
            if widget.value != getattr(organisation, name):
                widget.value = getattr(organisation, name)

    @guarded
    def _edited(self, name: str, value: str) -> None:
        if getattr(self.session.workbook.organisation, name) == value:
            return  # showing the model, not an edit
        problem = self.session.edit("organisation", api.set_organisation, name, value)
        if problem:
            self.notice.show(problem.message(self.session.language), "error")
        else:
            self.notice.clear()
