"""A fact or parameter value as a rule text shows it, in ministry style.

The unit (rules/facts.yaml, knowledge/parameters/*.yaml) decides the form:

    persons 50000  -> '5万' / '50,000'          months 21.7 -> '22' (the text says 約…か月)
    share   0.3    -> '3割' / '30%'              multiple 2.3 -> '2.3倍' / '2.3 times'
    rate    0.5    -> '1/2'                      yen 120000000 -> '1.2億円' / '¥120 million'
    date    2026-03-31 -> '2026年3月31日（令和8年3月31日）' / '31 March 2026 (Reiwa 8)'

A text never shows a raw 0.3, 21.7 or ISO date to a reader.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from .wareki import format_date
from .yen import format_yen

UNKNOWN = {"ja": "（不明）", "en": "(unknown)"}
_YES_NO = {"ja": ("はい", "いいえ"), "en": ("yes", "no")}
MAN = 10_000


def half_up(value: float, digits: int = 0) -> Decimal:
    """Round as a reader does (21.5 -> 22), not as Python's banker's rounding does."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _plain(value: Any) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def man_count(n: int) -> str:
    """A count in 万 as ministry documents write exact figures: 26317 -> '2万6,317', 50000 -> '5万',
    1952356 -> '195万2,356'; under 1万 in digits (9,800)."""
    n = int(n)
    if abs(n) < MAN:
        return f"{n:,}"
    high, low = divmod(abs(n), MAN)
    return ("-" if n < 0 else "") + f"{high:,}万" + (f"{low:,}" if low else "")


def people(n: int, lang: str) -> str:
    """A number of people: '2万6,317人' / '26,317 people'."""
    return f"{man_count(n)}人" if lang == "ja" else f"{int(n):,} people"


def _people(value: Any, lang: str) -> str:
    if isinstance(value, (int, float)) and lang == "ja" and value >= MAN and value % MAN == 0:
        return f"{int(value) // MAN:,}万"  # 50000 -> 5万 (ministry style)
    return _plain(int(value) if isinstance(value, float) and value.is_integer() else value)


def _share(value: float, lang: str) -> str:
    tenths = Decimal(str(value)) * 10
    if lang == "ja" and tenths == tenths.to_integral_value():
        return f"{int(tenths)}割"
    percent = Decimal(str(value)) * 100
    return f"{percent.normalize():f}%"


def _rate(value: float) -> str:
    fraction = Fraction(str(value)).limit_denominator(100)
    if fraction.denominator == 1:
        return str(fraction.numerator)
    if float(fraction) == value:
        return f"{fraction.numerator}/{fraction.denominator}"
    return _plain(value)


def show(value: Any, unit: str, lang: str) -> str:
    """``value`` in words for a reader of ``lang``, by ``unit``."""
    if value is None:
        return UNKNOWN[lang]
    if isinstance(value, bool):
        return _YES_NO[lang][0 if value else 1]
    if unit == "date" and isinstance(value, (str, dt.date)):
        return format_date(value, lang)
    if not isinstance(value, (int, float)):
        return str(value)
    if unit in ("persons", "count", "municipalities"):
        return _people(value, lang)
    if unit == "months":
        return f"{half_up(value)}"
    if unit == "yen":
        return format_yen(value, lang)
    if unit == "share":
        return _share(value, lang)
    if unit == "multiple":
        return f"{value:g}倍" if lang == "ja" else f"{value:g} times"
    if unit == "rate":
        return _rate(value)
    if unit == "index":
        return f"{value:.2f}"
    return _plain(value)


_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z][a-z0-9_.]*))?\}")


def fill(text: str, facts: dict[str, Any], params: dict[str, Any], lang: str = "ja",
         units: dict[str, str] | None = None, notes: dict[str, dict] | None = None) -> str:
    """Replace ``{fact}`` and ``{param:name}`` in a rule's text, shown by unit; never evaluates anything.

    ``notes`` adds a short remark after a fact's value, e.g. the fiscal year of the 財政力指数
    ({"fiscal_strength_index": {"ja": "（2017年度）", "en": " (FY2017)"}}).
    """
    units = units or {}
    notes = notes or {}

    def sub(match: re.Match) -> str:
        head, name = match.group(1), match.group(2)
        if head == "param" and name:
            return show(params[name], units.get(name, ""), lang) if name in params else match.group(0)
        if head not in facts:
            return UNKNOWN[lang]
        return show(facts[head], units.get(head, ""), lang) + notes.get(head, {}).get(lang, "")
    return _PLACEHOLDER.sub(sub, text)
