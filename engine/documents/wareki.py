"""和暦 (Japanese era dates) beside 西暦, as a memo's readers expect them.

    format_date(date(2017, 7, 10), "ja")  # '2017年7月10日（平成29年7月10日）'
    format_date(date(2019, 5, 1), "en")   # '1 May 2019 (Reiwa 1)'

An era's first year is written 元年. Era boundaries are the days the new era
began (改元日); dates before 明治 have no era here and are written in 西暦 only.

Era names as known on the advice date: an era's name exists only from the day it
was announced (令和 on 2019-04-01, 平成 on 1989-01-07). A memo dated before that
writes later dates in the era it knew, as documents of the time did:

    format_date(date(2020, 3, 31), "ja", as_of=date(2017, 6, 9))  # '…（平成32年3月31日）'
"""

from __future__ import annotations

import datetime as dt

from ..knowledge.dates import MONTHS_EN, day_text

# (first day, 元号, romaji, day the name was announced), newest first. 令和 was announced on
# 2019-04-01 and 平成 on 1989-01-07; earlier names were announced on their first day.
ERAS = (
    (dt.date(2019, 5, 1), "令和", "Reiwa", dt.date(2019, 4, 1)),
    (dt.date(1989, 1, 8), "平成", "Heisei", dt.date(1989, 1, 7)),
    (dt.date(1926, 12, 25), "昭和", "Showa", dt.date(1926, 12, 25)),
    (dt.date(1912, 7, 30), "大正", "Taisho", dt.date(1912, 7, 30)),
    (dt.date(1868, 10, 23), "明治", "Meiji", dt.date(1868, 10, 23)),
)


def era_of(date: dt.date, as_of: dt.date | None = None) -> tuple[str, str, int] | None:
    """(元号, romaji, year of the era) or None before 明治; only eras announced by ``as_of`` when given."""
    for start, name, romaji, announced in ERAS:
        if as_of is not None and announced > as_of:
            continue
        if date >= start:
            return name, romaji, date.year - start.year + 1
    return None


def wareki(date: dt.date, as_of: dt.date | None = None) -> str:
    """'平成29年7月10日'; the first year of an era is 元年. ``as_of``: era names as known on that day."""
    era = era_of(date, as_of)
    if era is None:
        return ""
    name, _, year = era
    return f"{name}{'元' if year == 1 else year}年{date.month}月{date.day}日"


def seireki(date: dt.date, lang: str = "ja") -> str:
    return day_text(date, lang)


def format_date(date: dt.date | str | None, lang: str = "ja", as_of: dt.date | None = None) -> str:
    """西暦 with 和暦 beside it: '2017年7月10日（平成29年7月10日）' / '10 July 2017 (Heisei 29)'."""
    if date is None:
        return ""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    era = era_of(date, as_of)
    if era is None:
        return seireki(date, lang)
    if lang == "ja":
        return f"{seireki(date, 'ja')}（{wareki(date, as_of)}）"
    return f"{seireki(date, 'en')} ({era[1]} {era[2]})"


def format_month(date: dt.date, lang: str = "ja", as_of: dt.date | None = None) -> str:
    """Year and month only, for a roadmap: '2018年4月（平成30年4月）' / 'April 2018'."""
    era = era_of(date, as_of)
    if lang == "ja":
        if era is None:
            return f"{date.year}年{date.month}月"
        year = "元" if era[2] == 1 else era[2]
        return f"{date.year}年{date.month}月（{era[0]}{year}年{date.month}月）"
    return f"{MONTHS_EN[date.month - 1]} {date.year}"
