"""What a revision changed, in words: "Stap 4c: doel aangepast", "3 stakeholders toegevoegd".

Pure functions from a revision's changes (unit key -> [old, new]) and the content to short
sentences in the user's language, for the history panel and the conflict notices.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from . import units as U
from .content import Content
from .i18n import t, tn

LIST_PARTS = {
    "stakeholders": "history.stakeholders",
    "followup/agreements": "history.agreements",
    "followup/evaluations": "history.evaluations",
    "selfassessment/earlier": "history.earlier",
    "engagements": "history.engagements",
}


def unit_name(key: str, content: Content, lang: str) -> str:
    """What a unit is, for a person: 'Stap 4c: Wat is het doel?', 'Organisatie: naam' …"""
    parts = key.split("/")
    if parts[0] == "answers" and len(parts) == 3:
        form_id, field_id = parts[1], parts[2]
        try:
            form = content.form(form_id)
            label = form.field(field_id).label.get(lang)
        except KeyError:
            return t("history.unknown_field", lang, form=form_id, field=field_id)
        return f"{t('step.heading', lang, id=form_id)}: {label}"
    if parts[0] == "organisation":
        return f"{t('org.title', lang)}: {t(f'org.{parts[1]}', lang).lower()}"
    if key == "followup/letter":
        return t("plan.appendix.letter", lang)
    if parts[0] == "selfassessment":
        return t("sa.title", lang)
    if parts[0] == "stakeholders":
        return t("history.a_stakeholder", lang)
    if parts[0] == "engagements":
        return t("history.an_engagement", lang)
    if parts[0] == "meta":
        return t("history.meta", lang)
    return key


def describe(changes: Mapping[str, list], content: Content, lang: str) -> list[str]:
    """The changes of one revision as sentences, most specific first, at most a few."""
    out: list[str] = []
    counts: Counter = Counter()
    answers_sa = 0
    for key, (old, new) in changes.items():
        if U.is_order(key):
            continue
        prefix = key.rsplit("/", 1)[0]
        if prefix in LIST_PARTS:
            what = "added" if old is None else "removed" if new is None else "changed"
            counts[(prefix, what)] += 1
        elif key.startswith("selfassessment/answers/"):
            answers_sa += 1
        elif key.startswith("meta/"):
            continue
        else:
            verb = (
                "history.added"
                if old is None
                else "history.cleared"
                if new is None
                else ("history.changed")
            )
            out.append(t(verb, lang, what=unit_name(key, content, lang)))
    for (prefix, what), count in sorted(counts.items()):
        out.append(tn(f"{LIST_PARTS[prefix]}.{what}", lang, count))
    if answers_sa:
        out.append(tn("history.selfassessment", lang, answers_sa))
    return out or [t("history.nothing", lang)]


def summary(changes: Mapping[str, list], content: Content, lang: str, limit: int = 3) -> str:
    """One line: the first sentences, and how many more."""
    lines = describe(changes, content, lang)
    text = "; ".join(lines[:limit])
    if len(lines) > limit:
        text += " " + t("history.more", lang, count=len(lines) - limit)
    return text
