"""The room's results: where the group stands per element and where opinions differ.

Pure functions on plain data (scores 0–100 per element per participant, answers per
statement), so they can be tested and used from a script. No individual answer leaves this
module: every result is an aggregate over the participants who submitted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

POOLED_COLUMNS = ["n", "median", "q1", "q3", "min", "max", "iqr", "range"]
MIN_FOR_SPREAD = 2  # a spread over one person says nothing


def score_table(
    scores: Mapping[str, Mapping[str, float | None]], element_ids: Sequence[str]
) -> pd.DataFrame:
    """Participants (rows, by pseudonym) × elements (columns, in `element_ids` order)."""
    frame = pd.DataFrame.from_dict(
        {who: dict(per_element) for who, per_element in scores.items()}, orient="index"
    )
    frame = frame.reindex(columns=list(element_ids))
    return frame.astype("float64")


def pool(table: pd.DataFrame) -> pd.DataFrame:
    """Per element: n, median, quartiles (q1, q3), min, max, IQR and range of the scores.

    Quartiles use linear interpolation (pandas' default, the same as a spreadsheet's
    QUARTILE.INC), so a facilitator can check a figure by hand.
    """
    rows = {}
    for element in table.columns:
        values = table[element].dropna()
        if values.empty:
            rows[element] = dict.fromkeys(POOLED_COLUMNS, float("nan")) | {"n": 0}
            continue
        q1, median, q3 = (float(values.quantile(q)) for q in (0.25, 0.5, 0.75))
        low, high = float(values.min()), float(values.max())
        rows[element] = {
            "n": int(values.size),
            "median": median,
            "q1": q1,
            "q3": q3,
            "min": low,
            "max": high,
            "iqr": q3 - q1,
            "range": high - low,
        }
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=POOLED_COLUMNS)
    frame["n"] = frame["n"].astype(int)
    return frame.reindex(table.columns)


def disagreement(pooled: pd.DataFrame, top: int = 3, threshold: float = 0.0) -> list[str]:
    """The elements where the group disagrees most: largest IQR first, then largest range.

    Elements with fewer than two scores, or a spread not above `threshold`, are left out.
    """
    usable = pooled[(pooled["n"] >= MIN_FOR_SPREAD) & (pooled["range"] > threshold)]
    ordered = usable.sort_values(["iqr", "range"], ascending=False, kind="stable")
    return list(ordered.index[:top])


def distribution(
    answers: Iterable[Mapping[str, str]],
    question_ids: Sequence[str],
    option_ids: Sequence[str],
) -> pd.DataFrame:
    """How many participants chose each option, per question (rows) and option (columns).

    Answers that are not one of `option_ids` (an old option, a typo in a file) are not counted.
    """
    counts = {q: dict.fromkeys(option_ids, 0) for q in question_ids}
    for answer in answers:
        for question in question_ids:
            chosen = answer.get(question)
            if isinstance(chosen, list):
                for option in chosen:
                    if option in counts[question]:
                        counts[question][option] += 1
            elif chosen in counts[question]:
                counts[question][chosen] += 1
    frame = pd.DataFrame.from_dict(counts, orient="index", columns=list(option_ids))
    return frame.reindex(list(question_ids)).fillna(0).astype(int)


def group_priorities(
    pooled: pd.DataFrame,
    needs_attention: Callable[[float], bool],
    forms_for_element: Callable[[str], Iterable[str]],
    form_order: Sequence[str],
) -> list[str]:
    """The forms (steps) that need the group's attention: those of elements whose median needs it.

    `needs_attention` is the self-assessment's own rule (one place per fact); the result is in
    the method's order.
    """
    wanted: set[str] = set()
    for element, row in pooled.iterrows():
        if row["n"] and needs_attention(float(row["median"])):
            wanted.update(forms_for_element(str(element)))
    return [form_id for form_id in form_order if form_id in wanted]


@dataclass(frozen=True)
class Comparison:
    """Two sessions' medians side by side and the change from the first to the second."""

    table: pd.DataFrame  # columns: median_a, median_b, change, n_a, n_b


def compare(first: pd.DataFrame, second: pd.DataFrame) -> Comparison:
    """Element by element: median of session A, of session B, and B minus A."""
    table = pd.DataFrame(
        {
            "median_a": first["median"],
            "median_b": second["median"].reindex(first.index),
            "n_a": first["n"],
            "n_b": second["n"].reindex(first.index).fillna(0).astype(int),
        }
    )
    table["change"] = table["median_b"] - table["median_a"]
    return Comparison(table[["median_a", "median_b", "change", "n_a", "n_b"]])
