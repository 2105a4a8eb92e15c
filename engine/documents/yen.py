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


def format_yen_column(amounts: list[int | None], lang: str = "ja") -> list[str]:
    """Amounts of one table column (with its total) in one unit, so that they add up as printed.

    Multiples of 1万円 are shown in 万円 (ja) or in millions with up to two decimals (en:
    2 + 3 + 0.75 = ¥5.75 million); any other amount puts the whole column in exact yen.
    """
    known = [a for a in amounts if a is not None]
    if known and all(a % MAN == 0 for a in known):
        if lang == "ja":
            return ["—" if a is None else ("0円" if a == 0 else f"{a // MAN:,}万円") for a in amounts]
        return ["—" if a is None else ("¥0" if a == 0 else f"¥{_trim(a / 1_000_000, 2)} million") for a in amounts]
    return [yen_exact(a, lang) for a in amounts]
