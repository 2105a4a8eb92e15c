"""Partial dates in the knowledge files, resolved so that nothing is known early.

Sources give dates as ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or a fiscal year
``FYYYYY``. A fact dated only to a period is taken as known from the **last day**
of that period: "2016-02" is known from 2016-02-29, "2015" from 2015-12-31,
"FY2022" (2022-04-01 to 2023-03-31) from 2023-03-31. Taking the first day would
let a memo dated 2016-02-01 use a document that may have appeared on 2016-02-28.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")
_FISCAL_YEAR = re.compile(r"FY(\d{4})")


def period_end(text: str) -> dt.date | None:
    """The last day of the period ``text`` names; None for an empty or unreadable text."""
    text = (text or "").strip()
    try:
        if match := _DAY.fullmatch(text):
            return dt.date(*map(int, match.groups()))
        if match := _MONTH.fullmatch(text):
            year, month = map(int, match.groups())
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if match := _YEAR.fullmatch(text):
            return dt.date(int(text), 12, 31)
        if match := _FISCAL_YEAR.fullmatch(text):
            return dt.date(int(match.group(1)) + 1, 3, 31)
    except ValueError:  # a month 13 or a day 31 of a short month
        return None
    return None


def fiscal_year_of(day: dt.date) -> int:
    """Japanese fiscal year N runs from N-04-01 to N+1-03-31."""
    return day.year if day.month >= 4 else day.year - 1


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day (2016-01-31 + 1 → 2016-02-29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def day_text(day: dt.date, lang: str = "ja") -> str:
    """A day as a reader writes it: '2016年10月26日' / '26 October 2016' (never ISO in prose)."""
    if lang == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def period_text(text: str, lang: str = "ja") -> str:
    """A source's date as precise as the source gives it: '2016-02' -> '2016年2月' / 'February 2016',
    '2015' -> '2015年' / '2015', 'FY2022' -> '2022年度' / 'FY2022', a full date as ``day_text``.

    Showing '2016-02' as 2016-02-29 (the day it counts from) would claim a precision the source
    does not have; showing it raw puts an ISO date among Japanese text.
    """
    text = (text or "").strip()
    day = period_end(text)
    if day is None:
        return text
    if _DAY.fullmatch(text):
        return day_text(day, lang)
    if _MONTH.fullmatch(text):
        return f"{day.year}年{day.month}月" if lang == "ja" else f"{MONTHS_EN[day.month - 1]} {day.year}"
    if _YEAR.fullmatch(text):
        return f"{day.year}年" if lang == "ja" else str(day.year)
    fiscal = int(_FISCAL_YEAR.fullmatch(text).group(1))
    return f"{fiscal}年度" if lang == "ja" else f"FY{fiscal}"


def is_partial(text: str) -> bool:
    """True for a date given only to its month, year or fiscal year ('2016-02', '2015', 'FY2022')."""
    text = (text or "").strip()
    return period_end(text) is not None and not _DAY.fullmatch(text)
