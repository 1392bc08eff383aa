"""Who comes first: severity of the potential harm, then likelihood and vulnerability.

The rule is data (`data/stakeholders/priority.yaml`), read through `register_data().rule`:

1. severity = weighted mean of the severity scores that are filled in (scale, scope,
   irremediability). A missing score is left out; with none the stakeholder is not yet assessed,
   gets no priority and no rank, and is listed last.
2. priority = weighted mean of severity, likelihood and vulnerability, each on the 1–5 scale,
   mapped to 0–100 and rounded to one decimal. A missing likelihood or vulnerability counts as
   its `assume_when_missing` value; the row is then marked not `complete`.
3. rank: by priority, then by the `tie_break` keys (higher severity, vulnerability, likelihood;
   a group whose voice is closer to the people affected). Rows equal on all of these share a
   rank (1, 2, 2, 4) and are listed by name.
4. band: the first band (high, medium, low) whose minimum the priority reaches.

Influence and knowledge never count: the OECD asks to prioritise the most severely affected,
not the most influential.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..formatting import format_number, format_percent
from ..i18n import t
from .choices import RegisterData, register_data

COMPUTED = ("rank", "severity", "priority", "band", "complete")


def _scores(frame: pd.DataFrame, name: str) -> np.ndarray:
    return frame[name].to_numpy(dtype="float64", na_value=np.nan)


def _weighted_mean(parts: list[tuple[np.ndarray, float]], size: int) -> np.ndarray:
    """The mean of the known values weighted by their weights; NaN where none is known."""
    total = np.zeros(size)
    weight = np.zeros(size)
    for values, w in parts:
        known = ~np.isnan(values)
        total += np.where(known, values, 0.0) * w
        weight += known * w
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, total / np.where(weight > 0, weight, 1.0), np.nan)


def prioritise(frame: pd.DataFrame, data: RegisterData | None = None) -> pd.DataFrame:
    """The register with `severity`, `priority`, `band`, `complete` and `rank`, ranked first.

    Returns a new frame sorted by rank (unassessed rows last, by name); the input is unchanged.
    """
    data = data or register_data()
    rule = data.rule
    size = len(frame)
    low, high = data.score_min, data.score_max

    severity = _weighted_mean(
        [(_scores(frame, name), w) for name, w in rule.severity.weights.items()], size
    )
    exact = severity
    severity = np.round(severity, 2)  # shown and compared at two decimals; priority uses `exact`
    complete = np.ones(size, dtype=bool)
    for name in rule.severity.weights:
        complete &= frame[name].notna().to_numpy()

    effective: dict[str, np.ndarray] = {"severity": severity}
    parts = []
    for name, w in rule.priority.weights.items():
        if name == "severity":
            values = exact
        else:
            values = _scores(frame, name)
            complete &= ~np.isnan(values)
            if name in rule.priority.assume_when_missing:
                values = np.where(np.isnan(values), rule.priority.assume_when_missing[name], values)
        effective[name] = values
        parts.append((values, w))
    mean = _weighted_mean(parts, size)
    priority = np.round((mean - low) / (high - low) * 100, 1)
    priority = np.where(np.isnan(severity), np.nan, priority)

    # index of the first (highest) band reached; len(bands) -> '' for unassessed rows
    band_index = np.full(size, len(rule.bands))
    for i in reversed(range(len(rule.bands))):
        band_index = np.where(priority >= rule.bands[i].min, i, band_index)
    band_ids = np.array([b.id for b in rule.bands] + [""], dtype=object)

    group_codes, groups = pd.factorize(frame["group"].to_numpy(dtype=object))
    other = len(rule.voice_order)
    voice = np.array([data.voice_rank.get(g, other) for g in groups] + [other])[group_codes]
    keys: list[np.ndarray] = [priority]
    for key in rule.tie_break:
        if key == "voice":
            keys.append(-voice.astype("float64"))  # lower voice rank goes first
        else:
            values = effective.get(key)
            keys.append(values if values is not None else _scores(frame, key))
    unranked = np.isnan(priority)
    # by name first (Python's sort is quicker than numpy's on text, and much quicker on a
    # register already in alphabetical order), then a stable sort by the keys keeps that order
    # among equals; np.lexsort sorts by the last key first: unranked rows last of all
    folded = list(map(str.casefold, frame["name"].tolist()))
    by_name = np.array(sorted(range(size), key=folded.__getitem__), dtype=np.intp)
    sort_keys = [np.nan_to_num(-k, nan=np.inf)[by_name] for k in keys]
    order = by_name[np.lexsort([*reversed(sort_keys), unranked[by_name]])]

    ranks = np.full(size, np.nan)
    if size:
        stacked = np.column_stack([np.nan_to_num(k, nan=-np.inf) for k in keys])[order]
        new_group = np.ones(size, dtype=bool)
        new_group[1:] = np.any(stacked[1:] != stacked[:-1], axis=1)
        positions = np.where(new_group, np.arange(1, size + 1), 0)
        ranks[order] = np.maximum.accumulate(positions)
    ranks[unranked] = np.nan

    out = frame.take(order)
    out["severity"] = pd.array(severity[order], dtype="Float64")
    out["priority"] = pd.array(priority[order], dtype="Float64")
    out["band"] = pd.Series(band_ids[band_index[order]], index=out.index, dtype="str")
    out["complete"] = complete[order]
    out["rank"] = pd.array(ranks[order], dtype="Int64")
    return out


def band_label(band_id: str, lang: str, data: RegisterData | None = None) -> str:
    data = data or register_data()
    for band in data.rule.bands:
        if band.id == band_id:
            return band.label.get(lang)
    return t("sh.priority.unassessed", lang)


def rule_text(lang: str, data: RegisterData | None = None) -> str:
    """The rule in words, built from the data, for the register's (i) text and the README."""
    data = data or register_data()
    rule = data.rule

    def shares(weights: dict[str, float]) -> str:
        total = sum(weights.values())
        return ", ".join(
            f"{_label(name, lang, data)} {format_percent(w / total, lang)}"
            for name, w in weights.items()
        )

    assumed = ", ".join(
        f"{_label(name, lang, data)} = {format_number(value, lang, 2)}"
        for name, value in rule.priority.assume_when_missing.items()
    )
    bands = ", ".join(
        f"{b.label.get(lang)} ≥ {format_number(b.min, lang, 2)}" for b in rule.bands if b.min > 0
    )
    return t(
        "sh.priority.rule",
        lang,
        severity=shares(rule.severity.weights),
        priority=shares(rule.priority.weights),
        assumed=assumed or "—",
        bands=bands,
    )


def _label(name: str, lang: str, data: RegisterData) -> str:
    if name == "severity":
        return t("sh.col.severity", lang)
    return data.field(name).label.get(lang)


def explain(row: pd.Series, lang: str, data: RegisterData | None = None) -> str:
    """Why one stakeholder has its priority, in a sentence (for the edit form)."""
    data = data or register_data()
    if pd.isna(row["priority"]):
        return t("sh.priority.explain_unassessed", lang)

    def shown(name: str) -> str:
        value = row[name]
        return "?" if pd.isna(value) else str(int(value))

    def short(name: str) -> str:  # 'Ernst: schaal' -> 'schaal'
        return data.field(name).label.get(lang).split(":")[-1].strip()

    inner = ", ".join(f"{short(n)} {shown(n)}" for n in data.rule.severity.weights)
    parts = [f"{data.field(n).label.get(lang)} {shown(n)}"
             for n in data.rule.priority.weights if n != "severity"]  # fmt: skip
    text = t(
        "sh.priority.explain",
        lang,
        severity=f"{format_number(row['severity'], lang, 2)} ({inner})",
        parts="; ".join(parts),
        priority=format_number(row["priority"], lang),
        band=band_label(row["band"], lang, data),
        rank=int(row["rank"]),
    )
    if not row["complete"]:
        text += " " + t("sh.priority.incomplete", lang)
    return text
