"""The "Delen" page: links to this workbook with a role and a name, made and revoked here.

The store decides what a link may do, at the moment it is asked: a link revoked or made
read-only while this page is open can no longer make or revoke links, nobody can revoke the
owner's link, and only the owner's own link can replace it. A link's address is shown only to
the page that made it (the store keeps no address, only a hash), with a copy button.
"""

from __future__ import annotations

import html
import secrets

import ipywidgets as w

from ..formatting import short_date
from ..i18n import link_label, t
from ..plan.blocks import Table
from ..problems import Problem
from ..session import ROLES, TOKEN_PARAM, Session
from ..ui import Notice, button, guarded, table_html
from ..workshop.pagebits import page_link


def copy_html(address: str, lang: str) -> str:
    """An address with a button that copies it (the page script does the copying)."""
    node = f"dialoog-copy-{secrets.token_hex(4)}"
    label = html.escape(t("share.copy", lang))
    done = html.escape(t("share.copied", lang))
    return (
        f'<div class="dialoog-copy-row"><code class="dialoog-share-url" id="{node}">'
        f"{html.escape(address)}</code>"
        f'<button type="button" class="dialoog-copy" data-copy="{node}" data-done="{done}">'
        f"{label}</button></div>"
    )


class SharePanel(w.VBox):
    """Links with their role and state; a form to make one; a button per link to revoke it;
    for the owner, a way to replace the owner's own link."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("dialoog-share")
        self.made: list[tuple[str, str, str]] = []  # (label, role, token) made on this page
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
        self.owner_text = w.HTML()
        self.replace = button("", icon="refresh")
        self.replace.add_class("dialoog-share-replace")
        self.replace.on_click(self._ask_replace)
        self.replace_yes = button("", icon="check", style="danger")
        self.replace_yes.add_class("dialoog-share-replace-yes")
        self.replace_yes.on_click(self._replace)
        self.replace_no = button("")
        self.replace_no.on_click(lambda _b: self._confirming(False))
        self.confirm = w.HBox([self.replace_yes, self.replace_no],
                              layout=w.Layout(flex_flow="row wrap"))  # fmt: skip
        self.owner_box = w.VBox([self.owner_text, self.replace, self.confirm])
        self.owner_box.add_class("dialoog-share-owner")
        self.children = [self.title, self.intro, self.form, self.notice, self.new_link,
                         self.table, self.revoke_box, self.owner_box]  # fmt: skip
        session.observe(self.refresh, "language")
        self._confirming(False)
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
        self.replace.description = t("share.replace.button", lang)
        self.replace_yes.description = t("share.replace.yes", lang)
        self.replace_no.description = t("share.replace.cancel", lang)
        self._show_made()
        access = session.access
        links = session.links()
        if isinstance(links, Problem):
            self.form.layout.display = "none"
            self.owner_box.layout.display = "none"
            if not session.access_problem:
                self.notice.show(links.message(lang), "info")
            self.table.value = ""
            self.revoke_box.children = []
            return
        editing = not session.read_only and access.can_edit
        self.form.layout.display = None if editing else "none"
        if not editing:
            self.notice.show(t("share.read_only_note", lang), "info")
        rows = []
        for link in links:
            label = link_label(link.label, lang)
            marker = t("share.owner_marker", lang)
            if link.owner and marker.strip("()").casefold() not in label.casefold():
                label += f" {marker}"  # not "Eigenaar (eigenaar)"
            if link.id == access.link_id:
                label += f" {t('share.this_link', lang)}"
            state = t(f"share.state.{'revoked' if link.revoked else 'active'}", lang)
            rows.append((label, t(f"share.role.{link.role}", lang),
                         short_date(link.created_at, lang), state))  # fmt: skip
        headers = tuple(t(f"share.col.{c}", lang) for c in ("label", "role", "created", "state"))
        flags = tuple("done" if not x.revoked else "overdue" for x in links)
        self.table.value = table_html(Table(headers, tuple(rows), flags))
        buttons = []
        if editing:
            for link in links:
                if link.revoked or link.owner or link.id == access.link_id:
                    continue
                shown = link_label(link.label, lang)
                b = button(f"{t('share.revoke', lang)}: {shown}", icon="ban")
                b.add_class("dialoog-share-revoke")
                b.on_click(lambda _b, i=link.id, n=shown: self._revoke(i, n))
                buttons.append(b)
        self.revoke_box.children = buttons
        owner = editing and access.owner
        self.owner_box.layout.display = None if owner else "none"
        self.owner_text.value = (
            f"<h3>{html.escape(t('share.replace.heading', lang))}</h3>"
            f"<p>{html.escape(t('share.replace.help', lang))}</p>"
        )

    def _show_made(self) -> None:
        """Every link made on this page, newest first, each with its address and a copy
        button (the store keeps no address: once this page is closed, they are gone)."""
        lang = self.session.language
        if not self.made:
            self.new_link.value = ""
            return
        items = []
        for label, role, token in reversed(self.made):
            _href, shown = page_link("workbook.ipynb", **{TOKEN_PARAM: token})
            title = t("share.made_item", lang, label=label, role=t(f"share.role.{role}", lang))
            items.append(f"<li><p>{html.escape(title)}</p>{copy_html(shown, lang)}</li>")
        heading = html.escape(t("share.made", lang))
        self.new_link.value = f'<h3>{heading}</h3><ul class="dialoog-made">{"".join(items)}</ul>'

    @guarded
    def _create(self, _button: object = None) -> None:
        lang, session = self.session.language, self.session
        label = " ".join(self.label.value.split())
        if not label:
            self.notice.show(t("share.label_needed", lang), "error")
            return
        role = self.role.value
        token = session.make_link(role, label)
        if isinstance(token, Problem):
            self.notice.show(token.message(lang), "error")
            return
        self.made.append((label, role, token))
        self.label.value = ""
        self.notice.show(t("share.created", lang, label=label), "success")
        self.refresh()

    @guarded
    def _revoke(self, link_id: str, label: str) -> None:
        lang = self.session.language
        problem = self.session.revoke_link(link_id)
        if problem is not None:
            self.notice.show(problem.message(lang), "error")
            return
        self.notice.show(t("share.revoked", lang, label=label), "success")
        self.refresh()

    def _confirming(self, asking: bool) -> None:
        self.replace.layout.display = "none" if asking else None
        self.confirm.layout.display = None if asking else "none"
        if asking:
            self.notice.show(t("share.replace.confirm", self.session.language), "info")

    def _ask_replace(self, _button: object = None) -> None:
        self._confirming(True)

    @guarded
    def _replace(self, _button: object = None) -> None:
        """The owner's link is replaced: the old one opens nothing from now on, this page goes on
        under the new one (its address changes too), which is shown once."""
        lang, session = self.session.language, self.session
        self._confirming(False)
        token = session.replace_own_link()
        if isinstance(token, Problem):
            self.notice.show(token.message(lang), "error")
            return
        self.made.append((link_label(session.access.label, lang), "edit", token))
        self.notice.show(t("share.replace.done", lang), "success")
        self.refresh()
