"""The organisation's details, which head the plan of approach."""

from __future__ import annotations

import html

import ipywidgets as w

from ..i18n import t
from ..session import Session

FIELDS = ("name", "sector", "authors", "contact")


class OrganisationPage(w.VBox):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.title = w.HTML()
        self.inputs = {name: w.Text(continuous_update=True) for name in FIELDS}
        for name, widget in self.inputs.items():
            widget.layout.width = "min(40em, 100%)"
            widget.style.description_width = "10em"
            widget.observe(lambda change, n=name: self._edited(n, change["new"]), "value")
        self.children = [self.title, *self.inputs.values()]
        session.observe(self._relabel, "language")
        session.observe(self._refresh, "revision")
        self._relabel()
        self._refresh()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.title.value = f"<h2>{html.escape(t('org.title', lang))}</h2>"
        for name, widget in self.inputs.items():
            widget.description = t(f"org.{name}", lang)

    def _refresh(self, _change: object = None) -> None:
        organisation = self.session.workbook.organisation
        for name, widget in self.inputs.items():
            if widget.value != getattr(organisation, name):
                widget.value = getattr(organisation, name)

    def _edited(self, name: str, value: str) -> None:
        organisation = self.session.workbook.organisation
        if getattr(organisation, name) != value:
            setattr(organisation, name, value)
            self.session.changed()
