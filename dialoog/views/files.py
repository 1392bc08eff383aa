"""Keeping work safe from the page: autosave status, download of the workbook, opening a file."""

from __future__ import annotations

import html
from datetime import datetime

import ipywidgets as w

from ..i18n import t
from ..session import Session
from ..storage import MAX_FILE_BYTES, WorkbookFileError, dumps
from .common import DownloadLink, Notice

# The browser refuses bigger files before they reach the kernel (see the voila template).
UPLOAD_LIMIT_BYTES = MAX_FILE_BYTES


def upload_payload(upload: w.FileUpload) -> tuple[str, bytes] | None:
    """The name and bytes of the file in a FileUpload widget (ipywidgets 8), if any."""
    if not upload.value:
        return None
    item = upload.value[0]
    return item["name"], bytes(item["content"])


class FilePanel(w.VBox):
    """Save status, 'download workbook' and 'open workbook'; errors never touch current work."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-files")
        self.status = w.HTML()
        self.download = DownloadLink()
        self.upload = w.FileUpload(accept=".json,application/json", multiple=False)
        self.upload.add_class("dialoog-open-workbook")
        self.upload.observe(self._uploaded, "value")
        self.notice = Notice()
        self.hint = w.HTML()
        # markers read by the page's script: the token (to keep it in the URL) and the size limit
        self.markers = w.HTML(
            f'<span class="dialoog-token" data-token="{html.escape(session.token)}"></span>'
            f'<span class="dialoog-upload-limit" data-max-bytes="{UPLOAD_LIMIT_BYTES}"></span>'
        )
        bar = w.HBox(
            [self.status, self.download, self.upload],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        bar.add_class("dialoog-files-bar")
        self.children = [
            bar,
            self.notice,
            self.hint,
            self.markers,
        ]
        session.observe(self._on_save_state, ["save_state", "saved_at"])
        session.observe(self._relabel, "language")
        self._relabel()
        self.refresh_download()

    def _relabel(self, _change: object = None) -> None:
        lang = self.session.language
        self.upload.description = t("files.open", lang)
        self.upload.tooltip = t("files.open_help", lang)
        self.hint.value = f'<div class="dialoog-hint">{html.escape(t("files.hint", lang))}</div>'
        self._on_save_state()
        self.refresh_download()

    def refresh_download(self) -> None:
        workbook = self.session.workbook
        stamp = workbook.updated.strftime("%Y%m%d-%H%M")
        name = "".join(c for c in workbook.organisation.name if c.isalnum() or c in "-_ ")
        name = "-".join(name.split())[:40] or "werkboek"
        self.download.set(
            f"dialoog-{name}-{stamp}.json",
            dumps(workbook).encode("utf-8"),
            "application/json",
            t("files.download", self.session.language),
        )

    def _on_save_state(self, _change: object = None) -> None:
        lang = self.session.language
        state = self.session.save_state
        if state == "saved" and self.session.saved_at:
            when = datetime.fromisoformat(self.session.saved_at).astimezone().strftime("%H:%M:%S")
            text = t("files.saved", lang, time=when)
            self.refresh_download()
        else:
            text = t(f"files.state.{state}", lang)
            if state == "error":
                self.refresh_download()  # the message asks for a backup: make it current
        self.status.value = (
            f'<span class="dialoog-save-state dialoog-save-{state}">{html.escape(text)}</span>'
        )

    def _uploaded(self, change: dict) -> None:
        payload = upload_payload(self.upload)
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
            self.refresh_download()
        finally:
            self.upload.value = ()  # so that the same file can be chosen again
