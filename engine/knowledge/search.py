"""Find municipalities from part of a name (`advise lookup`).

``KnowledgeBase.find`` wants the exact name and one answer, which is right for
anything that goes on to advise. An advisor looking for a code types less:
上市 for 上市町, 府中 for the two 府中市 (and 府中町), かみいち for 上市町. This
returns every candidate, best kind of match first:

1. the exact name (東京都府中市, 府中市 — several where prefectures share it);
2. names that start with the text (上市 → 上市町);
3. readings that start with it (かみいち / カミイチ → 上市町);
4. names that contain it (ヶ崎 → 茅ヶ崎市, 龍ケ崎市 …).

Nothing found at all is bad input; the suggestions are the names that share the
text without its last 市/町/村/区 (上市村 → 上市町), else the did-you-mean of ``find``.
"""

from __future__ import annotations

from ..errors import LookupInputError
from .base import KnowledgeBase, Municipality
from .codes import normalize_name

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}


def _reading(text: str) -> str:
    return normalize_name(text).translate(_HIRAGANA_TO_KATAKANA)


def search(knowledge: KnowledgeBase, text: str, prefecture: str | None = None) -> list[Municipality]:
    """Every municipality ``text`` could mean (a code, a name or part of one), in code order per kind."""
    query = text.strip()
    if query.isdigit():
        return [knowledge.get(query)]
    key = normalize_name(query)
    if not key:
        return [knowledge.find(query, prefecture)]  # raises: an empty name matches nothing
    pref = knowledge.resolve_prefecture(prefecture) if prefecture else None
    if pref is None:
        # "東京都府中" names its prefecture itself.
        for candidate in knowledge.prefectures:
            if key.startswith(candidate) and len(key) > len(candidate):
                key, pref = key[len(candidate):], candidate
                break
    pool = [m for m in knowledge.municipalities.values() if pref is None or m.prefecture == pref]
    reading = _reading(query)
    for matches in (
        lambda m: normalize_name(m.name) == key,
        lambda m: normalize_name(m.name).startswith(key),
        lambda m: bool(reading) and _reading(m.kana).startswith(reading),
        lambda m: key in normalize_name(m.name),
    ):
        found = sorted((m for m in pool if matches(m)), key=lambda m: m.code)
        if found:
            return found
    stem = key[:-1] if len(key) > 1 and key[-1] in "市町村区" else ""
    near = sorted((m for m in pool if stem and normalize_name(m.name).startswith(stem)), key=lambda m: m.code)
    if near:
        listed = "、".join(f"{m.display_name} ({m.code})" for m in near)
        raise LookupInputError(f"「{query}」という市区町村はありません。もしかして: {listed}",
                               f"no municipality named {query!r}; did you mean: {listed}", field="name")
    return [knowledge.find(query, prefecture)]  # raises the error with its did-you-mean
