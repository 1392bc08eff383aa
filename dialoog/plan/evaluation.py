"""Step 9b: the evaluation of the dialogue by the company and by the stakeholders, side by side.

Both fill in the same statements (data/plan/evaluation.yaml) on a 1–5 scale; the comparison
gives the mean per side and flags statements where the views differ by at least `compare_gap`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formatting import format_number
from ..i18n import t
from ..model import Workbook
from .blocks import Table
from .records import EvaluationResponse
from .texts import plan_texts


@dataclass(frozen=True)
class Comparison:
    question_id: str
    label: str
    company: float | None
    company_n: int
    stakeholders: float | None
    stakeholders_n: int
    differs: bool

    @property
    def gap(self) -> float | None:
        if self.company is None or self.stakeholders is None:
            return None
        return self.stakeholders - self.company


def _score(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def mean_scores(responses: list[EvaluationResponse], question_id: str) -> tuple[float | None, int]:
    """The mean of the scores given to a statement ('don't know' and blanks left out)."""
    scores = [s for r in responses if (s := _score(r.answers.get(question_id))) is not None]
    return (sum(scores) / len(scores) if scores else None), len(scores)


def compare(workbook: Workbook, lang: str) -> list[Comparison]:
    form = plan_texts().evaluation
    responses = workbook.followup.evaluations
    company = [r for r in responses if r.perspective == "company"]
    stakeholders = [r for r in responses if r.perspective == "stakeholder"]
    out = []
    for q in form.statements:
        c, cn = mean_scores(company, q.id)
        s, sn = mean_scores(stakeholders, q.id)
        differs = c is not None and s is not None and abs(s - c) >= form.compare_gap
        out.append(Comparison(q.id, q.label.get(lang), c, cn, s, sn, differs))
    return out


def comparison_table(workbook: Workbook, lang: str) -> Table:
    headers = tuple(
        t(f"plan.eval.{c}", lang) for c in ("statement", "company", "stakeholders", "difference")
    )

    def shown(value: float | None, n: int) -> str:
        return "—" if value is None else f"{format_number(value, lang)} (n={n})"

    rows, flags = [], []
    for c in compare(workbook, lang):
        gap = c.gap
        note = "" if gap is None else f"{'+' if gap > 0 else ''}{format_number(gap, lang)}"
        if c.differs:
            note = f"{note} — {t('plan.eval.differs', lang)}"
        rows.append(
            (c.label, shown(c.company, c.company_n), shown(c.stakeholders, c.stakeholders_n), note)
        )
        flags.append("differs" if c.differs else "")
    return Table(headers, tuple(rows), tuple(flags))


def open_answers(workbook: Workbook, lang: str) -> Table:
    """The answers to the open questions, per respondent."""
    form = plan_texts().evaluation
    headers = tuple(t(f"plan.eval.{c}", lang) for c in ("respondent", "question", "answer"))
    rows = []
    for r in workbook.followup.evaluations:
        who = r.respondent or t(f"plan.eval.perspective.{r.perspective}", lang)
        if r.perspective == "stakeholder" and r.respondent:
            who = f"{who} ({t('plan.eval.perspective.stakeholder', lang)})"
        for q in form.open_questions:
            text = (r.answers.get(q.id) or "").strip()
            if text:
                rows.append((who, q.label.get(lang), text))
    return Table(headers, tuple(rows))


def summary(workbook: Workbook, lang: str) -> str:
    """One sentence on whether company and stakeholders agree that the goal was reached."""
    responses = workbook.followup.evaluations
    if not responses:
        return t("plan.eval.none", lang)
    n_company = sum(r.perspective == "company" for r in responses)
    n_stake = len(responses) - n_company
    text = t("plan.eval.count", lang, company=n_company, stakeholders=n_stake)
    differing = [c.label for c in compare(workbook, lang) if c.differs]
    if differing:
        text += " " + t("plan.eval.differs_on", lang, count=len(differing))
    elif n_company and n_stake:
        text += " " + t("plan.eval.agree", lang)
    return text
