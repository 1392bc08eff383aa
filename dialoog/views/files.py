"""Keeping work safe from the page: autosave status, download of the workbook, opening a file."""

from __future__ import annotations

import html
import re
import unicodedata

import ipywidgets as w

from ..formatting import clock_time, file_stamp
from ..i18n import link_label, t, tn
from ..session import Session
from ..storage import MAX_FILE_BYTES, WorkbookFileError, dumps
from ..ui import DownloadLink, Notice, button, guarded, show, take_upload, view_only

# The browser refuses bigger files before they reach the kernel (see the voila template).
UPLOAD_LIMIT_BYTES = MAX_FILE_BYTES


def slug(text: str, limit: int = 40) -> str:
    """'Groen Garen B.V.' -> 'groen-garen-b-v': safe in every file system's names."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(name) > limit:
        name = name[:limit].rsplit("-", 1)[0]
    return name


def workbook_filename(session: Session) -> str:
    """'werkboek-groen-garen-20260312-1410.json' ('workbook-…' in English)."""
    workbook = session.workbook
    stamp = file_stamp(workbook.updated)
    parts = [t("files.stem", session.language), slug(workbook.organisation.name), stamp]
    return "-".join(p for p in parts if p) + ".json"


class FilePanel(w.VBox):
    """Save status, 'download workbook' and 'open workbook'; errors never touch current work."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-files")
        self.status = w.HTML()
        self.download_button = button("", icon="download")
        self.download_button.add_class("dialoog-download-workbook")
        self.download_button.add_class("dialoog-files-action")
        self.download_button.on_click(self.download_now)
        view_only(self.download_button)
        self.download = DownloadLink()
        self.upload = w.FileUpload(accept=".json,application/json", multiple=False)
        self.upload.add_class("dialoog-open-workbook")
        self.upload.add_class("dialoog-files-action")
        self.upload.observe(self._uploaded, "value")
        self.notice = Notice()
        self.hint = w.HTML()
        self.hint.add_class("dialoog-files-hint")
        self.presence = w.HTML()
        self.presence.add_class("dialoog-presence")
        show(self.upload, not session.read_only)

        self.markers = w.HTML()
        bar = w.HBox(
            [self.status, self.download_button, self.upload, self.download, self.presence],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        bar.add_class("dialoog-files-bar")
        self.children = [bar, self.notice, self.hint, self.markers]
        session.observe(self._on_save_state, ["save_state", "saved_at"])
        session.observe(self._relabel, "language")
        session.observe(self._show_presence, "others")
        session.observe(self._resend_presence, "presence_checks")
        session.observe(self._relabel, "token")  # the owner replaced the link of this page
        self._relabel()

    def refresh_controls(self) -> None:
        """A page that became read-only no longer offers to open a file into the workbook."""
        show(self.upload, not self.session.read_only)

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.upload.description = t("files.open", lang)
        self.upload.tooltip = t("files.open_help", lang)
        self.download_button.description = t("files.download", lang)
        self.download_button.tooltip = t("files.download_help", lang)
        self.hint.value = f'<div class="dialoog-hint">{html.escape(t("files.hint", lang))}</div>'
        # read by the page's script: the link (kept in the address), the size limit of uploads,
        # and the language of its own messages (a lost connection)
        self.markers.value = (
            f'<span class="dialoog-token" data-token="{html.escape(self.session.token)}" '
            f'data-lang="{lang}"></span>'
            f'<span class="dialoog-upload-limit" data-max-bytes="{UPLOAD_LIMIT_BYTES}"></span>'
        )
        self._on_save_state()
        self._show_presence()

    def _resend_presence(self, _change: object = None) -> None:
        """Send the presence line again: an update the browser dropped while it was building
        the page (a colleague who came in just then) would otherwise stay missing."""
        self.presence.send_state("value")

    def _show_presence(self, _change: object = None) -> None:
        """Who else has this workbook open now, by the names of their links."""
        lang = self.session.language
        names = [
            tn(f"presence.{role}", lang, pages, label=link_label(label, lang))
            for label, role, pages in self.session.others
        ]
        text = t("presence.others", lang, names=", ".join(names)) if names else ""
        self.presence.value = (
            f'<span class="dialoog-presence-text" role="status">{html.escape(text)}</span>'
            if text
            else ""
        )

    @guarded
    def download_now(self, _button: object = None) -> None:
        """Build the workbook file now and start its download (one click)."""
        self.download.set(
            workbook_filename(self.session),
            dumps(self.session.workbook).encode("utf-8"),
            "application/json",
            t("files.download_again", self.session.language),
            start=True,
        )

    def _on_save_state(self, _change: object = None) -> None:
        lang = self.session.language
        state = self.session.save_state
        if state == "saved" and self.session.saved_at:
            when = clock_time(self.session.saved_at)
            text = t("files.saved", lang, time=when)
        else:
            text = t(f"files.state.{state}", lang)
        role = "alert" if state == "error" else "status"
        css = f"dialoog-save-state dialoog-save-{state}"
        self.status.value = f'<span class="{css}" role="{role}">{html.escape(text)}</span>'

    @guarded
    def _uploaded(self, change: dict) -> None:
        payload = take_upload(self.upload)
        if payload is None:
            return
        name, data = payload
        lang = self.session.language
        try:
            if len(data) > UPLOAD_LIMIT_BYTES:
                raise WorkbookFileError("file.too_large", mb=UPLOAD_LIMIT_BYTES // 2**20)
            self.session.open_file(data)
        except WorkbookFileError as exc:
            self.notice.show(exc.message(lang), "error")
        else:
            self.notice.show(t("file.loaded", self.session.language, name=name), "success")
            self.download.clear()
