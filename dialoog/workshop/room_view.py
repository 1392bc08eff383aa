"""The room view: the page on the projector, readable from the back of the room.

It is opened with the session's room key (`?zaal=…`), which shows the pooled results and
nothing else: no names, no participant ids, no controls. So its address on the projected
address bar gives nobody the facilitator's control; that stays on the facilitator's own screen.

Type sizes are for a 1920×1080 projector seen from ten metres: the join code at 84 px, the
counts at 56 px, the question at 44 px, every other text at 28 px or more (workshop.css,
`.ws-room`). The page follows the session by itself every two seconds.
"""

from __future__ import annotations

import html
import logging
import threading

import ipywidgets as w

from ..content import Content
from ..i18n import t
from ..live import Poller
from ..ui import ImageView, accessible_name
from .charts import RadarSeries, pooled_radar_figure, word_cloud_figure
from .instrument import Instrument
from .pagebits import CODE_PARAM, countdown_html, page_link, qr_html, styles
from .results import MIN_GROUP, room_results
from .store import AccessDenied, Room, WorkshopError, WorkshopStore
from .words import word_counts

log = logging.getLogger(__name__)

ROOM_PARAM = "zaal"


class RoomView(w.VBox):
    """The projected page of one session, or a message when its key is not valid."""

    def __init__(
        self,
        store: WorkshopStore,
        instrument: Instrument | None,
        content: Content,
        key: str | None,
        *,
        refresh_seconds: float = 2.0,
        live: bool = True,
        minimum: int = MIN_GROUP,
    ) -> None:
        super().__init__()
        self.add_class("ws-page")
        self.add_class("ws-room")
        self.store, self.instrument, self.content = store, instrument, content
        self.minimum = minimum
        self.room: Room | None = None
        self.language = "nl"
        self._seen: tuple | None = None
        self._lock = threading.RLock()
        self.poller = Poller(refresh_seconds, self.refresh)

        self.title = w.HTML()
        self.language_switch = w.ToggleButtons(options=[("NL", "nl"), ("EN", "en")])
        self.language_switch.add_class("dialoog-language")
        accessible_name(self.language_switch, "Taal / Language")
        self.language_switch.observe(self._switch_language, "value")
        self.join = w.HTML()
        self.join.add_class("ws-room-join")
        self.counts = w.HTML()
        self.counts.add_class("ws-room-counts")
        self.question = w.HTML()
        self.question.add_class("ws-room-question")
        self.cloud = ImageView()
        self.cloud.add_class("ws-room-cloud")
        self.answers = w.HTML()
        self.answers.add_class("ws-room-answers")
        self.radar = ImageView()
        self.radar.add_class("ws-room-radar")
        self.results_note = w.HTML()
        self.results_note.add_class("ws-room-note")
        top = w.HBox([self.title, self.language_switch])
        top.add_class("ws-room-top")
        side = w.VBox([self.join, self.counts])
        side.add_class("ws-room-side")
        main = w.VBox([self.question, self.cloud, self.answers, self.radar, self.results_note])
        main.add_class("ws-room-main")
        body = w.HBox([side, main])
        body.add_class("ws-room-body")
        self.children = [styles(), top, body]

        try:
            self.room = store.room(key or "")
        except WorkshopError as error:
            message = "ws.error.room_denied" if isinstance(error, AccessDenied) else error.key
            self.title.value = (
                f'<div class="dialoog-notice-error" role="alert">'
                f"{html.escape(t(message, 'nl'))} / {html.escape(t(message, 'en'))}</div>"
            )
            body.layout.display = "none"
            self.language_switch.layout.display = "none"
            return
        self.language = self.room.workshop().language
        self.language_switch.value = self.language
        self.refresh(force=True)
        if live:
            self.poller.start()

    def _switch_language(self, change: dict) -> None:
        self.language = change["new"]
        self.refresh(force=True)

    def refresh(self, force: bool = False) -> bool:
        """Redraw when the session changed (or when forced); True if redrawn."""
        with self._lock:
            if self.room is None:
                return False
            try:
                seen = (self.room.revision(), self.language)
                if not force and seen == self._seen:
                    return False
                snapshot = self.room.snapshot()
                question, texts = self.room.question()
            except WorkshopError as error:
                self.results_note.value = f"<p>{html.escape(t(error.key, self.language))}</p>"
                return False
            self._seen = seen
            self._render(snapshot, question, texts)
            return True

    def close(self) -> None:
        self.poller.stop()
        super().close()

    # -- drawing ----------------------------------------------------------------------------------
    def _render(self, snapshot, question, texts: list[str]) -> None:
        lang, workshop = self.language, snapshot.workshop
        self.title.value = (
            f'<h1 class="ws-room-title" data-page-title="{html.escape(workshop.title)}">'
            f"{html.escape(workshop.title)}</h1>"
        )
        href, shown = page_link("participant.ipynb", **{CODE_PARAM: workshop.display_code})
        if workshop.is_open:
            self.join.value = (
                f'<div class="ws-room-label">{html.escape(t("ws.room.join", lang))}</div>'
                f'<div class="ws-room-code">{html.escape(workshop.display_code)}</div>'
                + qr_html(shown or href, t("ws.room.qr_alt", lang, link=shown or href))
                + f'<div class="ws-room-link">{html.escape(shown or href)}</div>'
                + countdown_html(workshop.ends_at, lang)
            )
        else:
            self.join.value = (
                f'<div class="ws-room-closed">{html.escape(t("ws.room.closed", lang))}</div>'
            )
        joined, submitted = snapshot.joined, len(snapshot.submitted)
        self.counts.value = (
            f'<div class="ws-room-count"><b>{joined}</b> {html.escape(t("ws.room.joined", lang))}'
            f'</div><div class="ws-room-count"><b>{submitted}</b> '
            f"{html.escape(t('ws.room.submitted', lang))}</div>"
        )
        self._render_question(question, texts)
        self._render_radar(snapshot)

    def _render_question(self, question, texts: list[str]) -> None:
        lang = self.language
        if question is None:
            self.question.value = ""
            self.answers.value = ""
            self.cloud.clear()
            self.cloud.layout.display = "none"
            return
        state = "" if question.is_open else f" · {t('ws.room.question_closed', lang)}"
        meta = t("ws.room.answers", lang, count=len(texts)) + state
        self.question.value = (
            f'<div class="ws-room-q">{html.escape(question.text)}</div>'
            f'<div class="ws-room-qmeta">{html.escape(meta)}</div>'
            + (countdown_html(question.ends_at, lang) if question.is_open else "")
        )
        counts = word_counts(texts)
        if counts:
            self.cloud.layout.display = None
            words = ", ".join(word for word, _n in counts[:12])
            self.cloud.show_figure(
                word_cloud_figure(counts), alt=t("ws.room.cloud_alt", lang, words=words), dpi=96
            )
        else:
            self.cloud.clear()
            self.cloud.layout.display = "none"
        items = "".join(f"<li>{html.escape(text)}</li>" for text in reversed(texts[-12:]))
        self.answers.value = f'<ul class="ws-room-list">{items}</ul>' if items else ""

    def _render_radar(self, snapshot) -> None:
        lang = self.language
        if not snapshot.workshop.questionnaire.selfassessment or self.instrument is None:
            self.radar.layout.display = "none"
            self.results_note.value = ""
            return
        results = room_results(snapshot, self.instrument, self.content, self.minimum)
        if not results.enough or results.pooled is None:
            self.radar.layout.display = "none"
            note = t("ws.room.too_few", lang, minimum=self.minimum, count=results.submitted)
            self.results_note.value = f"<p>{html.escape(note)}</p>"
            return
        pooled = results.pooled
        elements = list(results.element_ids)
        labels = [self.content.element(e).title.get(lang) for e in elements]
        group = t("ws.fac.results.group", lang)
        series = RadarSeries(
            t("ws.fac.results.median", lang, label=group),
            pooled["median"].tolist(),
            pooled["q1"].tolist(),
            pooled["q3"].tolist(),
            t("ws.fac.results.band_iqr", lang, label=group),
        )
        highlight = [elements.index(e) for e in results.disagreement]
        figure = pooled_radar_figure(
            labels, [series], title=t("ws.fac.results.radar_title", lang), highlight=highlight
        )
        self.radar.layout.display = None
        self.radar.show_figure(figure, alt=t("ws.fac.results.radar_alt", lang), dpi=120)
        differ = ", ".join(self.content.element(e).title.get(lang) for e in results.disagreement)
        text = t("ws.room.differ", lang, elements=differ) if differ else ""
        self.results_note.value = f"<p>{html.escape(text)}</p>" if text else ""
