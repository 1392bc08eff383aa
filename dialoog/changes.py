"""What one revision changed, part by part, before → after, written as the pages show it.

A revision's changes are units (`dialoog.units`) with their old and new JSON value. A person
reads them as the page shows them: a row of a table with its columns ("Bijeenkomsten, rij 1:
Vorm: Online → Fysiek"), a stakeholder by name and field ("Vakbond NGWF: Ernst: schaal: 3 → 4"),
a contact by its date and who, options by their labels and dates the reader's way; only what
differs, never a dict. Pure functions of the changes and the content, for the history page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import units as U
from .content import Content
from .formatting import format_number, parse_date, short_date
from .history import unit_name
from .i18n import catalogue, t

CELL = 200  # characters of a value shown


@dataclass(frozen=True)
class Difference:
    """One part that changed: what it is, and its value before and after, as text."""

    part: str
    before: str
    after: str


def _cut(text: str) -> str:
    text = " ".join(str(text).split()) if "\n" not in str(text) else str(text).strip()
    return text if len(text) <= CELL else text[: CELL - 1] + "…"


def _plain(value: Any, lang: str) -> str:
    """A value without a known kind: dates the reader's way, lists joined, yes and no."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return t("sh.yes" if value else "sh.no", lang)
    if isinstance(value, float):
        return format_number(value, lang, 2)
    if isinstance(value, str) and len(value) == 10 and parse_date(value) is not None:
        return short_date(value, lang)
    if isinstance(value, list):
        return ", ".join(_plain(v, lang) for v in value)
    if isinstance(value, dict):
        return " · ".join(
            f"{k}: {_plain(v, lang)}" for k, v in value.items() if v not in ("", None)
        )
    return str(value)


def _fields(
    old: Mapping | None, new: Mapping | None, label: Callable[[str], str],
    show: Callable[[str, Any], str], skip: frozenset[str] = frozenset(),
) -> list[tuple[str, str, str]]:  # fmt: skip
    """The fields of a record that differ: (label, before, after), in the record's order."""
    keys = list(dict.fromkeys([*(old or {}), *(new or {})]))
    out = []
    for key in keys:
        if key in skip:
            continue
        a, b = (old or {}).get(key), (new or {}).get(key)
        if a == b or (a in (None, "", [], {}) and b in (None, "", [], {})):
            continue
        out.append((label(key), _cut(show(key, a)), _cut(show(key, b))))
    return out


def _label_or(key: str, lang: str, fallback: str) -> str:
    entry = catalogue().get(key)
    return entry.get(lang) if entry is not None else fallback


# -- answers of the steps ----------------------------------------------------------------------
def _answer(key: str, old: Any, new: Any, content: Content, lang: str) -> list[Difference]:
    _, form_id, field_id = key.split("/")
    name = unit_name(key, content, lang)
    try:
        spec = content.form(form_id).field(field_id)
    except KeyError:
        return [Difference(name, _cut(_plain(old, lang)), _cut(_plain(new, lang)))]

    def shown(value: Any) -> str:
        if value in (None, "", []):
            return "—"
        if spec.kind == "choice":
            return spec.option_label(str(value), lang)
        if spec.kind == "multichoice":
            values = value if isinstance(value, list) else [value]
            return ", ".join(spec.option_label(str(v), lang) for v in values)
        if spec.kind == "date":
            return short_date(value, lang)
        if spec.kind == "number":
            return format_number(value, lang, 2)
        return _plain(value, lang)

    if spec.kind != "table":
        return [Difference(name, _cut(shown(old)), _cut(shown(new)))]
    columns = {c.id: c for c in spec.columns}

    def cell(column_id: str, value: Any) -> str:
        column = columns.get(column_id)
        if value in (None, ""):
            return "—"
        if column is not None and column.kind == "choice":
            return column.option_label(str(value), lang)
        if column is not None and column.kind == "date":
            return short_date(value, lang)
        return str(value)

    def title(column_id: str) -> str:
        column = columns.get(column_id)
        return column.label.get(lang) if column is not None else column_id

    def whole(row: Mapping) -> str:
        return " · ".join(
            f"{title(k)}: {cell(k, v)}" for k, v in row.items() if v not in ("", None)
        )

    before = old if isinstance(old, list) else []
    after = new if isinstance(new, list) else []
    out = []
    for i in range(max(len(before), len(after))):
        a = before[i] if i < len(before) and isinstance(before[i], dict) else None
        b = after[i] if i < len(after) and isinstance(after[i], dict) else None
        row = t("history.row", lang, name=name, number=i + 1)
        if a is None or b is None:
            out.append(Difference(row, _cut(whole(a)) if a else "—", _cut(whole(b)) if b else "—"))
            continue
        out += [Difference(f"{row}: {label}", x, y) for label, x, y in _fields(a, b, title, cell)]
    return out


# -- records of the lists ----------------------------------------------------------------------
def _stakeholder(old: Mapping | None, new: Mapping | None, lang: str) -> list[tuple]:
    from .stakeholders.choices import register_data

    data = register_data()

    def label(field_id: str) -> str:
        try:
            return data.field(field_id).label.get(lang)
        except KeyError:
            return field_id

    def show(field_id: str, value: Any) -> str:
        if value in (None, "", []):
            return "—"
        try:
            spec = data.field(field_id)
        except KeyError:
            return _plain(value, lang)
        if spec.kind == "choice":
            return data.option_label(field_id, str(value), lang)
        if spec.kind == "multichoice":
            return ", ".join(data.option_label(field_id, str(v), lang)
                             for v in value)  # fmt: skip
        return _plain(value, lang)

    return _fields(old, new, label, show, frozenset({"id"}))


def _engagement(old: Mapping | None, new: Mapping | None, lang: str) -> list[tuple]:
    from .engagement.record import engagement_data

    data = engagement_data()

    def show(field_id: str, value: Any) -> str:
        if field_id == "kind" and value:
            return data.label("kinds", str(value), lang)
        if field_id == "concern" and isinstance(value, dict):
            status = data.label("concern_statuses", str(value.get("status")), lang)
            return " ".join(p for p in (value.get("case") or "", status) if p)
        if field_id == "quality" and isinstance(value, dict):
            return ", ".join(f"{data.label('qualities', k, lang)}: {v}" for k, v in value.items())
        return _plain(value, lang)

    def label(field_id: str) -> str:
        return _label_or(f"eng.field.{field_id}", lang, field_id)

    return _fields(old, new, label, show,
                   frozenset({"id", "stakeholder_ids", "agreement_ids"}))  # fmt: skip


def _agreement(old: Mapping | None, new: Mapping | None, lang: str) -> list[tuple]:
    def show(field_id: str, value: Any) -> str:
        if field_id == "status" and value:
            return t(f"plan.status.{value}", lang)
        return _plain(value, lang)

    def label(field_id: str) -> str:
        return _label_or(f"plan.agreements.{field_id}", lang, field_id)

    return _fields(old, new, label, show,
                   frozenset({"id", "stakeholder_ids", "engagement_id"}))  # fmt: skip


def _record_name(prefix: str, value: Mapping, lang: str) -> str:
    if prefix == "stakeholders":
        return str(value.get("name") or "—")
    if prefix == "engagements":
        when = short_date(value.get("contact_date"), lang) if value.get("contact_date") else "?"
        who = ", ".join(value.get("stakeholder_names") or [])
        return f"{t('history.an_engagement', lang)} {when}: {who}"
    if prefix == "followup/agreements":
        return f"{t('plan.agreements.what', lang)}: {value.get('what') or '—'}"
    return str(value.get("label") or value.get("respondent") or value.get("id") or "—")


RECORDS = {
    "stakeholders": _stakeholder,
    "engagements": _engagement,
    "followup/agreements": _agreement,
}


def _record(key: str, old: Any, new: Any, lang: str) -> list[Difference]:
    prefix = key.rsplit("/", 1)[0]
    name = _record_name(prefix, new or old or {}, lang)
    if old is None or new is None:  # a whole record added or removed
        verb = "history.record_added" if old is None else "history.record_removed"
        what = t(verb, lang, name=name)
        return [Difference(what, "—" if old is None else _cut(name), _cut(name) if new else "—")]
    fields = RECORDS.get(prefix)
    if fields is None:
        return [Difference(name, _cut(_plain(old, lang)), _cut(_plain(new, lang)))]
    return [Difference(f"{name}: {label}", a, b) for label, a, b in fields(old, new, lang)]


def _statement(key: str, old: Any, new: Any, statements, lang: str) -> Difference:
    """An answer of the self-assessment: the statement, and the options' labels."""
    statement = statements.statement(key.rsplit("/", 1)[1])
    label = statement.text.get(lang) if statement else key.rsplit("/", 1)[1]

    def option(value: Any) -> str:
        found = statements.scale.option(value) if value else None
        return found.label.get(lang) if found else _plain(value, lang)

    return Difference(f"{t('sa.title', lang)}: {_cut(label)}", option(old), option(new))


# -- a revision ----------------------------------------------------------------------------------
def differences(changes: Mapping[str, list], content: Content, lang: str) -> list[Difference]:
    """Every part a revision changed, before → after; the step answers, stakeholders, contacts
    and agreements as the page shows them, then the rest (the order of lists is left out: it
    is shown where it matters, in the lists)."""
    from .selfassessment.statements import load_statements

    out: list[Difference] = []
    statements = None
    for key, (old, new) in changes.items():
        if U.is_order(key) or key.startswith("meta/"):
            continue
        prefix = key.rsplit("/", 1)[0]
        if key.startswith("answers/") and key.count("/") == 2:
            out += _answer(key, old, new, content, lang)
        elif prefix in RECORDS or prefix in ("followup/evaluations", "selfassessment/earlier"):
            out += _record(key, old, new, lang)
        elif key.startswith("selfassessment/answers/"):
            statements = statements or load_statements(content=content)
            out.append(_statement(key, old, new, statements, lang))
        else:
            out.append(Difference(unit_name(key, content, lang), _cut(_plain(old, lang)),
                                  _cut(_plain(new, lang))))  # fmt: skip
    return out


def value_text(key: str, value: Any, content: Content, lang: str) -> str:
    """One unit's value as the page shows it (a conflict's other text): a table's rows one per
    line, options by their labels, dates the reader's way."""
    if value is None:
        return "—"
    return "\n".join(d.after for d in differences({key: [None, value]}, content, lang)) or "—"
