"""Entry points for notebooks/plan.ipynb: one call per cell, no logic in the notebook."""

from __future__ import annotations

from ..session import Session, open_session


def plan_page(session: Session | None = None):
    """The plan page (downloads, agreements, letter, evaluation) for the workbook of this page."""
    from .view import PlanView

    return PlanView(session or open_session())
