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
