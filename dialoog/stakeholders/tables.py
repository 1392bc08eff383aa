"""The analyst's views of the register as pandas DataFrames, labelled in the user's language.

Every function takes a register frame (see `register.py`); one that has not been prioritised yet
is prioritised first. Option ids become labels, countries become names; the frames are what the
workbook shows and what the export writes, one sheet per view.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import t
from .choices import RegisterData, register_data
from .priority import COMPUTED, prioritise

GroupBy = str  # "group", "chain", "country", "issues", "relationship", "reach"


def ensure_prioritised(frame: pd.DataFrame) -> pd.DataFrame:
    return frame if "priority" in frame.columns else prioritise(frame)


def heading(name: str, lang: str, data: RegisterData | None = None) -> str:
    """The column heading of a field or computed value in `lang`."""
    data = data or register_data()
    for spec in (*data.fields, *data.computed):
        if spec.id == name:
            return spec.label.get(lang)
    return t(f"sh.table.{name}", lang)


def labels(frame: pd.DataFrame, name: str, lang: str, data: RegisterData | None = None):
    """A column as the user reads it: option labels, country names, issues joined by '; '."""
    data = data or register_data()
    column = frame[name]
    spec = data.field(name) if name not in COMPUTED and name != "id" else None
    if spec is None:
        if name == "band":
            mapping = {b.id: b.label.get(lang) for b in data.rule.bands}
            return _mapped(column, mapping | {"": t("sh.priority.unassessed", lang)})
        if name == "complete":
            return _yes_no(column, lang)
        return column
    if spec.kind == "choice":
        return _mapped(column, {o.id: o.label.get(lang) for o in data.options(name)})
    if spec.kind == "multichoice":
        mapping = {o.id: o.label.get(lang) for o in data.options(name)}
        codes, uniques = pd.factorize(column)
        shown = np.array(["; ".join(mapping.get(i, i) for i in v) for v in uniques] + [""])
        return pd.Series(shown[codes], index=frame.index, dtype="str")
    if spec.kind == "country":
        codes, uniques = pd.factorize(column)
        shown = np.array([data.country_label(v, lang) for v in uniques] + [""], dtype=object)
        return pd.Series(shown[codes], index=frame.index, dtype="str")
    if spec.kind == "flag":
        return _yes_no(column, lang)
    return column


def _yes_no(column: pd.Series, lang: str) -> pd.Series:
    shown = np.array([t("sh.no", lang), t("sh.yes", lang)], dtype=object)
    flags = column.to_numpy(dtype=bool).astype(np.intp)
    return pd.Series(shown[flags], index=column.index, dtype="str")


def _mapped(column: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """Ids to labels through a dict (fast for many rows); unknown ids are shown as they are."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object))
    shown = np.array([mapping.get(u, u) for u in uniques] + [""], dtype=object)
    return pd.Series(shown[codes], index=column.index, dtype="str")


def register_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The whole register, ranked, every field plus the computed values, with labels.

    Its headings and values are what the importer reads back, so an export can be re-imported.
    """
    data = register_data()
    ranked = ensure_prioritised(frame)
    names = [f.id for f in data.fields] + ["rank", "severity", "priority", "band", "complete"]
    out = {heading(n, lang, data): labels(ranked, n, lang, data) for n in names}
    return pd.DataFrame(out).reset_index(drop=True)


def ranking(frame: pd.DataFrame, lang: str, top: int | None = None) -> pd.DataFrame:
    """Who comes first: rank, name, group, country, the scores behind the priority, selection."""
    data = register_data()
    ranked = ensure_prioritised(frame)
    if top is not None:
        ranked = ranked.head(top)
    names = ["rank", "name", "group", "country", "severity", "likelihood", "vulnerability",
             "priority", "band", "selected"]  # fmt: skip
    columns = {heading(n, lang, data): labels(ranked, n, lang, data) for n in names}
    shown = np.array([t("sh.table.incomplete", lang), ""], dtype=object)
    assessed = shown[ranked["complete"].to_numpy(dtype=bool).astype(np.intp)]
    columns[t("sh.table.assessed", lang)] = pd.Series(assessed, index=ranked.index, dtype="str")
    return pd.DataFrame(columns).reset_index(drop=True)


def plan_ranking(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ranking as the plan hands it in: who, priority (0–100) and class, and the severity
    behind it; every value a label in `lang`."""
    data = register_data()
    ranked = ensure_prioritised(frame)
    names = ["rank", "name", "group", "country", "severity", "priority", "band", "selected"]
    table = pd.DataFrame({heading(n, lang, data): labels(ranked, n, lang, data) for n in names})
    return table.reset_index(drop=True)


def rule_line(lang: str, data: RegisterData | None = None) -> str:
    """The prioritisation rule in one line, from the data (for under a table)."""
    data = data or register_data()
    rule = data.rule

    def shares(weights: dict[str, float]) -> str:
        total = sum(weights.values())
        return " + ".join(
            f"{round(100 * w / total)}% {heading(n, lang, data).lower()}"
            for n, w in weights.items()
        )

    parts = ", ".join(
        heading(n, lang, data).split(":")[-1].strip().lower() for n in rule.severity.weights
    )
    return t("sh.priority.rule_line", lang, priority=shares(rule.priority.weights), severity=parts)


def selection(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The stakeholders selected for dialogue and why, in order of priority."""
    data = register_data()
    ranked = ensure_prioritised(frame)
    names = ["rank", "name", "group", "priority", "band", "reach", "selection_reason"]
    chosen = ranked[names][ranked["selected"].to_numpy(dtype=bool)]  # those columns only
    table = pd.DataFrame({heading(n, lang, data): labels(chosen, n, lang, data) for n in names})
    return table.reset_index(drop=True)


def selection_gaps(frame: pd.DataFrame) -> dict[str, list[str]]:
    """What step 5a should question: selections without a reason, high priorities left out,
    and whether anyone who speaks for the affected people is selected at all."""
    data = register_data()
    ranked = ensure_prioritised(frame)
    selected = ranked["selected"].to_numpy(dtype=bool)
    no_reason = selected & (ranked["selection_reason"].str.strip() == "").to_numpy()
    high = data.rule.bands[0].id
    left_out = ~selected & (ranked["band"] == high).to_numpy()
    voices = ranked["group"].map(data.voice_rank).fillna(99).to_numpy()
    affected_selected = bool((selected & (voices <= 1)).any())
    return {
        "no_reason": ranked["name"][no_reason].tolist(),
        "high_not_selected": ranked["name"][left_out].tolist(),
        "no_affected_voice": [] if affected_selected or not selected.any() else ["-"],
    }


def _explode(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row position, issue code) for every issue of every stakeholder, and the issues by code
    in the order they first appear ('' for rows with none).

    Registers repeat a few combinations of issues over many rows: each distinct combination is
    taken apart once, and numpy lays the parts out over the rows."""
    codes, combinations = pd.factorize(frame["issues"].to_numpy(dtype=object))
    parts = [c or ("",) for c in combinations]
    size_c = np.fromiter(map(len, parts), np.int64, len(parts))
    issue_c, issues = pd.factorize(np.array([i for c in parts for i in c], dtype=object))
    sizes = size_c[codes]
    rows = np.repeat(np.arange(len(codes)), sizes)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    first_c = np.cumsum(size_c) - size_c
    return rows, np.asarray(issue_c)[first_c[codes][rows] + within], np.asarray(issues)


def _renumber(codes: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Codes for only the values in `keep` (ascending), numbered 0, 1, … in the same order."""
    new = np.full(int(codes.max(initial=-1)) + 1, -1, dtype=np.int64)
    new[keep] = np.arange(len(keep))
    return new[codes]


def counts(frame: pd.DataFrame, by: GroupBy, lang: str) -> pd.DataFrame:
    """Stakeholders per group, place in the chain, country or issue, with how many are selected
    and of high priority. Per issue, a stakeholder counts once for each of its issues."""
    data = register_data()
    ranked = ensure_prioritised(frame)
    selected = ranked["selected"].to_numpy(dtype=bool)
    high = ranked["band"].to_numpy(dtype=object) == data.rule.bands[0].id
    priority = ranked["priority"].to_numpy(dtype="float64", na_value=np.nan)
    if by == "issues":
        rows, codes, uniques = _explode(ranked)
        selected, high, priority = selected[rows], high[rows], priority[rows]
    else:
        codes, uniques = pd.factorize(ranked[by].to_numpy(dtype=object))
    size = len(uniques)
    n = np.bincount(codes, minlength=size)
    known = ~np.isnan(priority)
    assessed = np.bincount(codes[known], minlength=size)
    total = np.bincount(codes[known], weights=priority[known], minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(assessed > 0, total / np.maximum(assessed, 1), np.nan)
    order_of = _option_order(data, by)
    order = np.lexsort(
        [np.array([order_of.get(k, len(order_of)) for k in uniques], dtype=np.int64), -n]
    )
    shown_keys = pd.DataFrame({by: [(k,) if k else () for k in uniques] if by == "issues"
                               else list(uniques)})  # fmt: skip
    names = labels(shown_keys, by, lang, data).to_numpy(dtype=object)
    not_given = t("sh.table.not_given", lang)
    return pd.DataFrame(
        {
            heading(by, lang, data): [names[i] or not_given for i in order],
            t("sh.table.count", lang): n[order],
            t("sh.table.selected", lang): np.bincount(codes[selected], minlength=size)[order],
            t("sh.table.high", lang): np.bincount(codes[high], minlength=size)[order],
            t("sh.table.mean_priority", lang): np.round(mean[order], 1),
        }
    )


def _option_order(data: RegisterData, by: str) -> dict[str, int]:
    spec = data.field(by)
    if spec.kind in ("choice", "multichoice"):
        return {o.id: i for i, o in enumerate(data.options(by))}
    return {}


def crosstab(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Groups (rows) × issues (columns): how many stakeholders of each group face each issue.

    Issues are ordered by how often they occur; the totals count stakeholders, not cells.
    """
    data = register_data()
    rows, i_codes, issues = _explode(frame)
    has = issues[i_codes] != ""
    if not has.any():
        return pd.DataFrame()
    rows, i_codes = rows[has], i_codes[has]
    used = np.flatnonzero(np.bincount(i_codes))  # in order of first appearance, as the codes
    i_codes, i_uniques = _renumber(i_codes, used), issues[used]
    g_all, groups = pd.factorize(frame["group"].to_numpy(dtype=object))
    g_codes = np.asarray(g_all)[rows]
    used = np.flatnonzero(np.bincount(g_codes))  # groups with at least one issue
    g_codes, g_uniques = _renumber(g_codes, used), np.asarray(groups)[used]
    shape = (len(g_uniques), len(i_uniques))
    cells = np.bincount(g_codes * shape[1] + i_codes, minlength=shape[0] * shape[1])
    cells = cells.reshape(shape)
    per_group = np.bincount(g_codes[_first_of_row(rows)], minlength=len(g_uniques))
    group_order = _option_order(data, "group")
    g_order = sorted(
        range(len(g_uniques)),
        key=lambda g: (group_order.get(g_uniques[g], len(group_order)), str(g_uniques[g])),
    )
    i_order = np.argsort(-cells.sum(axis=0), kind="stable")
    issue_labels = {o.id: o.label.get(lang) for o in data.options("issues")}
    group_labels = {o.id: o.label.get(lang) for o in data.options("group")}
    total, not_given = t("sh.table.total", lang), t("sh.table.not_given", lang)
    body = cells[np.ix_(g_order, i_order)]
    table = pd.DataFrame(
        np.vstack(
            [
                np.column_stack([body, per_group[g_order]]),
                [*body.sum(axis=0), int(_first_of_row(rows).sum())],
            ]
        ),
        columns=[issue_labels.get(i_uniques[i], i_uniques[i]) for i in i_order] + [total],
        index=[group_labels.get(g_uniques[g], g_uniques[g]) or not_given for g in g_order]
        + [total],
    )
    table.index.name = f"{heading('group', lang, data)} \\ {heading('issues', lang, data)}"
    return table


def _first_of_row(rows: np.ndarray) -> np.ndarray:
    """Positions of the first exploded entry of each stakeholder (rows are sorted)."""
    first = np.ones(len(rows), dtype=bool)
    first[1:] = rows[1:] != rows[:-1]
    return first


def views(frame: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """All views, by sheet title, in the order the export writes them."""
    ranked = ensure_prioritised(frame)
    crossed = crosstab(ranked, lang)
    return {
        t("sh.sheet.register", lang): register_table(ranked, lang),
        t("sh.sheet.ranking", lang): ranking(ranked, lang),
        t("sh.sheet.selection", lang): selection(ranked, lang),
        t("sh.sheet.groups", lang): counts(ranked, "group", lang),
        t("sh.sheet.countries", lang): counts(ranked, "country", lang),
        t("sh.sheet.issues", lang): counts(ranked, "issues", lang),
        t("sh.sheet.crosstab", lang): crossed.reset_index() if not crossed.empty else crossed,
    }
