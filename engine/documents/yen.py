"""Yen amounts as Japanese readers expect them: 9,800円, 1,234万円, 1.2億円.

Memos round to what a reader takes in at a glance; tables that must add up use
``yen_exact``. English uses ¥ with thousand / million / billion.
"""

from __future__ import annotations

MAN = 10_000
OKU = 100_000_000


def _trim(number: float, digits: int) -> str:
    text = f"{number:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_yen(amount: int | float | None, lang: str = "ja") -> str:
    """'3,742円', '11,724円', '2,500万円', '1,234.6万円', '1.2億円', '4,786億円'; '—' when unknown."""
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if lang != "ja":
        if value < 1_000_000:
            return f"{sign}¥{value:,.0f}"
        if value < 1_000_000_000:
            return f"{sign}¥{_trim(value / 1_000_000, 1)} million"
        return f"{sign}¥{_trim(value / 1_000_000_000, 1)} billion"
    if value < 10 * MAN:  # below 10万 the exact figure reads as easily
        return f"{sign}{value:,.0f}円"
    man = round(value / MAN, 1)
    if man < 10_000:
        return f"{sign}{_trim(man, 1)}万円"
    oku = value / OKU
    return f"{sign}{_trim(round(oku, 1) if oku < 1000 else round(oku), 1)}億円"


def yen_exact(amount: int | float | None, lang: str = "ja") -> str:
    """'25,000,000円' / '¥25,000,000'."""
    if amount is None:
        return "—"
    return f"{amount:,.0f}円" if lang == "ja" else f"¥{amount:,.0f}"
