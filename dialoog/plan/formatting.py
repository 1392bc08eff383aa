"""Dates and numbers the way a Dutch or English reader writes them."""

from __future__ import annotations

from datetime import date

from ..i18n import t


def parse_date(value: object) -> date | None:
    """A date from a stored answer ('2026-03-12') or a date; None for anything else."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def format_date(value: object, lang: str) -> str:
    """'12 maart 2026' / '12 March 2026'; text that is not a date is returned as it is."""
    day = parse_date(value)
    if day is None:
        return "" if value is None else str(value)
    months = t("plan.months", lang).split(",")
    return f"{day.day} {months[day.month - 1].strip()} {day.year}"


def format_number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text
