"""Numbers and dates the way a Dutch or English reader writes them: one formatter for the product.

Every number a person reads (a score in the summary, a priority in the register, a median in
the workshop, a score in the plan) goes through `format_number`, so 59.6 is never "60" in one
place and "59,6" in another.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime

MISSING = "—"


def is_missing(value: object) -> bool:
    """None, NaN and pandas' NA: a value nobody gave."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    return False


def format_count(count: int, lang: str) -> str:
    """A whole number of things, grouped by thousands as the reader writes it: '30.000' in
    Dutch, '30,000' in English (a count, never a year or a row number)."""
    text = f"{int(count):,}"
    return text.replace(",", ".") if lang == "nl" else text


def format_number(
    value: object, lang: str, digits: int = 1, *, threshold: float | None = None
) -> str:
    """`value` rounded to at most `digits` decimals, with the decimal sign of `lang`.

    Trailing zeros go ('70,5', '70'). With a `threshold`, a value is never rounded onto the
    other side of it: 59.6 against a threshold of 60 shows as 59,6 (never as a misleading 60).
    """
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    text = _rounded(number, digits)
    if threshold is not None and (float(text) >= threshold) != (number >= threshold):
        more = digits + 1
        scale = 10**more
        exact = math.floor(number * scale) / scale if number < threshold else number
        text = f"{exact:.{more}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",") if lang == "nl" else text


def _rounded(number: float, digits: int) -> str:
    """Half away from zero (as people round), not Python's half to even."""
    scale = 10**digits
    rounded = math.floor(abs(number) * scale + 0.5) / scale
    return f"{math.copysign(rounded, number):.{digits}f}"


def format_signed(value: object, lang: str, digits: int = 0) -> str:
    """'+5', '−3' for a difference; '—' when missing."""
    if is_missing(value):
        return MISSING
    text = format_number(value, lang, digits)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def parse_date(value: object) -> date | None:
    """A date from a stored answer ('2026-03-12') or a date; None for anything else."""
    if isinstance(value, datetime):
        return value.date()
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
    from .i18n import t

    day = parse_date(value)
    if day is None:
        return "" if value is None else str(value)
    months = t("plan.months", lang).split(",")
    return f"{day.day} {months[day.month - 1].strip()} {day.year}"


def short_date(value: object, lang: str) -> str:
    """'12-03-2026' in Dutch, '12/03/2026' in English (day first in both): for tables."""
    day = parse_date(value)
    if day is None:
        return "" if value is None else str(value)
    sep = "-" if lang == "nl" else "/"
    return f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"


def sheet_date_format(lang: str) -> str:
    """The number format of a date cell in a spreadsheet, the way `short_date` writes it."""
    return "dd-mm-yyyy" if lang == "nl" else "dd/mm/yyyy"


def format_percent(share: float, lang: str, digits: int = 0) -> str:
    """A share of 1 as a percentage: '40%', '12,5%' in Dutch, '12.5%' in English."""
    return f"{format_number(share * 100, lang, digits)}%"


def format_banded(value: object, lang: str, thresholds: Iterable[float], digits: int = 0) -> str:
    """A value that is compared with thresholds (a priority against the bands that start at 40
    and 70), rounded so that its label never lands on the other side of one: 69.6 is '69,6',
    never '70' beside a bar coloured as below 70."""
    if is_missing(value):
        return MISSING
    above = [limit for limit in thresholds if limit > float(value)]
    return format_number(value, lang, digits, threshold=min(above) if above else None)


def _local(moment: datetime) -> datetime:
    """A moment in the server's local time (one without a zone is taken as local already)."""
    return moment.astimezone() if moment.tzinfo else moment


def format_moment(moment: datetime, lang: str) -> str:
    """A moment in the server's local time, day first: '12-03-2026 14:10' / '12/03/2026 14:10'."""
    local = _local(moment)
    return f"{short_date(local.date(), lang)} {local.hour:02d}:{local.minute:02d}"


def clock_time(moment: datetime | str) -> str:
    """The local time of a moment, to the second: '14:10:05' (the same in both languages)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    local = _local(moment)
    return f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"


def file_stamp(moment: date | None = None) -> str:
    """The date (or date and local time) in a file name, sorting as it should in any language:
    '2026-03-12' or '20260312-1410'."""
    moment = moment or date.today()
    if isinstance(moment, datetime):
        local = _local(moment)
        day = f"{local.year:04d}{local.month:02d}{local.day:02d}"
        return f"{day}-{local.hour:02d}{local.minute:02d}"
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"


def sheet_moment(moment: datetime | None) -> datetime | None:
    """A moment as a spreadsheet cell holds it: local time without a zone (Excel has none)."""
    if moment is None:
        return None
    return _local(moment).replace(tzinfo=None, microsecond=0)


def css_number(value: float, digits: int = 2) -> str:
    """A length or share in a style attribute ('12.5'): never localised, never shown."""
    return f"{value:.{digits}f}"
