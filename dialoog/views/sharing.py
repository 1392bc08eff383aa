"""The "Delen" page: links to this workbook with a role and a name, made and revoked here."""

from __future__ import annotations

import html

import ipywidgets as w

from ..formatting import short_date
from ..i18n import link_label, t
from ..plan.blocks import Table
from ..session import TOKEN_PARAM, Session
from ..ui import Notice, button, guarded, table_html
from ..workbook_store import ROLES, StoreError
from ..workshop.pagebits import page_link


class SharePanel(w.VBox):
    """Links with their role and state; a form to make one; a button per link to revoke it."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-share")
        self.title = w.HTML()
        self.intro = w.HTML()
        self.label = w.Text(layout=w.Layout(width="min(24em, 100%)"))
        self.role = w.Dropdown(layout=w.Layout(width="auto"))
        self.create = button("", icon="link", style="primary")
        self.create.add_class("dialoog-share-create")
        self.create.on_click(self._create)
        self.notice = Notice()
        self.new_link = w.HTML()
        self.new_link.add_class("dialoog-share-new")
        self.table = w.HTML()
        self.revoke_box = w.VBox()
        self.form = w.HBox([self.label, self.role, self.create],
                           layout=w.Layout(flex_flow="row wrap", align_items="center"))  # fmt: skip
        self.children = [self.title, self.intro, self.form, self.notice, self.new_link,
                         self.table, self.revoke_box]  # fmt: skip
        session.observe(self.refresh, "language")
        self.refresh()

    def refresh(self, _change: object = None) -> None:
        lang, session = self.session.language, self.session
        self.title.value = f"<h2>{html.escape(t('share.title', lang))}</h2>"
        self.intro.value = f"<p>{html.escape(t('share.intro', lang))}</p>"
        self.label.description = t("share.label", lang)
        self.label.style.description_width = "initial"
        self.label.placeholder = t("share.label_hint", lang)
        role = self.role.value or "edit"
        self.role.options = [(t(f"share.role.{r}", lang), r) for r in ROLES]
        self.role.value = role
        self.role.description = t("share.role", lang)
        self.create.description = t("share.create", lang)
        access = session.access
        if session.read_only:
            self.form.layout.display = "none"
            self.notice.show(t("share.read_only_note", lang), "info")
        elif access is None or session.store is None:
            self.form.layout.display = "none"
            self.notice.show(t("share.not_saved_yet", lang), "info")
            self.table.value = ""
            return
        else:
            self.form.layout.display = None
        links = session.store.links(access) if access and session.store else []
        rows = []
        for link in links:
            label = link_label(link.label, lang) + (
                f" {t('share.this_link', lang)}" if link.id == access.link_id else ""
            )
            state = t(f"share.state.{'revoked' if link.revoked else 'active'}", lang)
            rows.append((label, t(f"share.role.{link.role}", lang),
                         short_date(link.created_at, lang), state))  # fmt: skip
        headers = tuple(t(f"share.col.{c}", lang) for c in ("label", "role", "created", "state"))
        flags = tuple("done" if not x.revoked else "overdue" for x in links)
        self.table.value = table_html(Table(headers, tuple(rows), flags))
        buttons = []
        if not session.read_only:
            for link in links:
                if link.revoked or link.id == access.link_id:
                    continue
                shown = link_label(link.label, lang)
                b = button(f"{t('share.revoke', lang)}: {shown}", icon="ban")
                b.add_class("dialoog-share-revoke")
                b.on_click(lambda _b, i=link.id, n=shown: self._revoke(i, n))
                buttons.append(b)
        self.revoke_box.children = buttons

    @guarded
    def _create(self, _button: object = None) -> None:
        lang, session = self.session.language, self.session
        label = " ".join(self.label.value.split())
        if not label:
            self.notice.show(t("share.label_needed", lang), "error")
            return
        if session.access is None:
            session.save_now()
        try:
            token = session.store.create_link(session.access, self.role.value, label)
        except StoreError as error:
            self.notice.show(error.message(lang), "error")
            return
        href, shown = page_link("workbook.ipynb", **{TOKEN_PARAM: token})
        self.new_link.value = (
            f"<p>{html.escape(t('share.created', lang, label=label))}</p>"
            f'<p><code class="dialoog-share-url">{html.escape(shown)}</code></p>'
        )
        self.label.value = ""
        self.notice.clear()
        self.refresh()

    @guarded
    def _revoke(self, link_id: str, label: str) -> None:
        lang = self.session.language
        try:
            self.session.store.revoke(self.session.access, link_id)
        except StoreError as error:
            self.notice.show(error.message(lang), "error")
            return
        self.new_link.value = ""
        self.notice.show(t("share.revoked", lang, label=label), "success")
        self.refresh()
