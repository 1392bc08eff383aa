"""Entry points of the two workshop notebooks: one call per notebook, no logic there."""

from __future__ import annotations

import html
import logging

import ipywidgets as w

from ..i18n import t
from ..session import Session, open_session
from ..web import query_param
from .facilitator_view import FacilitatorView
from .instrument import load_instrument
from .pagebits import CODE_PARAM, FACILITATOR_PARAM
from .participant_view import ParticipantView
from .store import WorkshopError, WorkshopStore

log = logging.getLogger(__name__)


def _unavailable(session: Session, error: WorkshopError) -> w.HTML:
    """What a page shows when the shared database cannot be reached at all: a message."""
    log.warning("workshop store unavailable: %s", error)
    lang = session.language
    text = f"{t(error.key, lang)} {t('ws.error.reload', lang)}"
    return w.HTML(f'<div class="dialoog-notice-error" role="alert">{html.escape(text)}</div>')


def facilitator(session: Session | None = None, store: WorkshopStore | None = None):
    """The facilitator's page; `?beheer=<secret>` in the address opens that session."""
    session = session or open_session()
    try:
        store = store or WorkshopStore()
    except WorkshopError as error:
        return _unavailable(session, error)
    return FacilitatorView(
        session,
        store,
        load_instrument(session.content),
        secret=query_param(FACILITATOR_PARAM),
    )


def participant(session: Session | None = None, store: WorkshopStore | None = None):
    """The participant's page; `?code=<join code>` in the address fills in the code."""
    session = session or open_session()
    try:
        store = store or WorkshopStore()
    except WorkshopError as error:
        return _unavailable(session, error)
    return ParticipantView(
        session,
        store,
        load_instrument(session.content),
        code=query_param(CODE_PARAM),
    )
