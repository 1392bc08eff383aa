"""Entry points that the notebooks call: one line per notebook cell, no logic there."""

from __future__ import annotations

from .content import load_content
from .i18n import catalogue
from .session import Session, open_session


def register_field_kinds() -> None:
    """Plug feature views into the forms (the stakeholder register in steps 3 and 5a)."""
    from .views.fields import EXTRA_KINDS

    def register(session, form, spec):
        # imported here: the register brings pandas, which only steps 3 and 5a need
        from .stakeholders.view import RegisterView

        return RegisterView(session, mode="select" if form.id.startswith("5") else "map")

    EXTRA_KINDS["stakeholder_register"] = register


def workbook(session: Session | None = None):
    """The guided workbook as a widget, resuming the workbook named in the page's URL."""
    from .views.app import WorkbookApp

    register_field_kinds()
    load_content()  # parse content before waiting for the visitor (preheated kernels)
    catalogue()
    return WorkbookApp(session or open_session())
