"""The memo's group options (join an existing group, or form one) and the what-if section.

Both read the advice JSON (``proposed_group``, ``join_option``, ``what_if``) and
return plain strings for the templates. ``esc`` escapes text for the memo's
format (a group name may come from the profile).
"""

from __future__ import annotations

import re
from typing import Callable

from markupsafe import Markup, escape

from ..grants import ITEM_NAMES
from .values import people
from .yen import format_yen

TEXT = {
    "ja": {
        "option_join": "A. 既存のグループに参加する", "option_form": "B. 近隣とグループを新設する",
        "option_stay": "参加中のグループ", "no_join": "範囲内（同じ県、または{km} km 以内）に参加を検討できる既存のグループはない",
        "option_none": "案なし", "options_none": "グループの選択肢: 既存グループへの参加・グループの新設とも提案なし",
        "members": "構成", "population": "合計人口", "persons": "人", "reasons": "理由", "cell_sep": "；",
        "unknown_size": "、ほかに人口の分からない{n}団体",
        "whatif_title": "仮定の試算: {names}とグループを組んだ場合",
        "whatif_population": "合計人口 {total}（当団体 {own}）", "band": "人口の区分: {band}",
        "whatif_reading": "規模の区分はグループの合計人口で判定した（共同利用するシステムの規模はグループの規模であるため）",
        "changed_rules": "判定が変わる規則", "rule": "規則", "before": "現在", "after": "グループを組んだ場合",
        "no_changed_rules": "判定が変わる規則はない",
        "grants": "特別交付税の試算", "item": "項目", "eligible": "対象", "amount": "試算額",
        "grants_unchanged": "特別交付税の試算は変わらない",
        "not_connected": "指定した団体は当団体と陸・橋・海の連携でつながっていない",
        "status": {"fired": "該当", "not_fired": "非該当", "undetermined": "未確定（情報不足）", "inactive": "期間外"},
        "eligible_value": {True: "対象", False: "対象外", None: "未確定", "conditional": "条件付きで対象"},
        "band_below": "{high}未満", "band_between": "{low}以上{high}未満", "band_above": "{low}以上",
    },
    "en": {
        "option_join": "A. Join an existing group", "option_form": "B. Form a group with neighbours",
        "option_stay": "The group it is in", "no_join": "no existing group within reach (same prefecture, or within {km} km) to join",
        "option_none": "none", "options_none": "Group options: neither joining an existing group nor forming one is proposed",
        "members": "Members", "population": "Population", "persons": "people", "reasons": "Reasons", "cell_sep": " — ",
        "unknown_size": ", and {n} of unknown size",
        "whatif_title": "What-if: forming a group with {names}",
        "whatif_population": "{total} in all ({own} in this municipality)", "band": "size band: {band}",
        "whatif_reading": "size bands are read at the group's combined population, the scale of the shared system",
        "changed_rules": "Rules whose outcome changes", "rule": "Rule", "before": "Now", "after": "In the group",
        "no_changed_rules": "no rule changes outcome",
        "grants": "Special allocation tax estimate", "item": "Item", "eligible": "Eligible", "amount": "Estimate",
        "grants_unchanged": "the grant estimate does not change",
        "not_connected": "the members are not connected to the municipality by land, bridge or sea links",
        "status": {"fired": "applies", "not_fired": "does not apply", "undetermined": "undetermined (missing facts)",
                   "inactive": "not in force"},
        "eligible_value": {True: "eligible", False: "not eligible", None: "undetermined",
                           "conditional": "eligible on condition"},
        "band_below": "under {high}", "band_between": "{low} to under {high}", "band_above": "{low} or more",
    },
}
# A figure with its unit (and 約 before it), kept on one printed line: 2万6,317人, 約28 km, 11.2点, 約6か月.
_FIGURE = re.compile(r"約?\d[\d,.]*(?:万[\d,]*)?(?: ?km|人|点|か月|団体)")


def html_words(text) -> Markup:
    """Escaped text for the HTML memo, with every figure and its unit in a span that does not break
    (a printed line must not end between 2万6,317 and 人)."""
    return Markup(_FIGURE.sub(lambda m: f'<span class="nb">{m.group(0)}</span>', str(escape(text))))


# The population lines of the size rules and cost bands (parameters; a line counts from its own date).
BAND_PARAMETERS = ("group.small_band_upper", "group.small_population", "group.large_band_lower")


def _people(n: int, lang: str) -> str:
    if lang == "ja":
        return f"{n // 10_000}万人" if n % 10_000 == 0 else f"{n:,}人"
    return f"{n:,} people"


def size_band(population: int, parameters, as_of, lang: str) -> str | None:
    """The band of ``population`` between the population lines in force on ``as_of`` (None if none is)."""
    t = TEXT[lang]
    lines = sorted({v for name in BAND_PARAMETERS if (v := parameters.value(name, as_of)) is not None})
    if not lines:
        return None
    below = [v for v in lines if v <= population]
    above = [v for v in lines if v > population]
    if not below:
        return t["band_below"].format(high=_people(above[0], lang))
    if not above:
        return t["band_above"].format(low=_people(below[-1], lang))
    return t["band_between"].format(low=_people(below[-1], lang), high=_people(above[0], lang))


def _total(group: dict, lang: str) -> str:
    """'54万9,859人' / '549,859 people'; a census 0 (an evacuated town) is no size and is said apart."""
    total, unknown = group.get("population_total"), group.get("population_unknown") or []
    if not total:
        return "—"
    return people(total, lang) + (TEXT[lang]["unknown_size"].format(n=len(unknown)) if unknown else "")


def _option(group: dict, names: Callable, lang: str, esc: Callable) -> dict:
    key = "reasons" if lang == "ja" else "reasons_en"
    return {"name": esc(group["join_existing"]) if group.get("join_existing") else None,
            "members": [names(m["code"], m.get("name", "")) for m in group.get("members") or []],
            "population_total": esc(_total(group, lang)),
            "reasons": [esc(r) for r in group.get(key) or []]}


def group_options(data: dict, reach_km: float, names: Callable, lang: str, esc: Callable) -> dict:
    """Side by side: A (join the best group within reach) and B (the plan's group), or the group it is in.

    With no group to form, B says so and why (never a one-member "group"); a municipality too large
    for a group cloud gets neither option, with the reason."""
    t = TEXT[lang]
    key = "reasons" if lang == "ja" else "reasons_en"
    proposed = data.get("proposed_group") or {}
    join = data.get("join_option")
    stay = bool(proposed.get("join_existing"))
    none = proposed.get("none") if not proposed.get("members") else None
    unavailable = data.get("join_unavailable") or {}
    if join or stay or none == "large":
        no_join = None
    elif unavailable.get(key):
        no_join = t["cell_sep"].join(esc(r) for r in unavailable[key])
    else:
        no_join = t["no_join"].format(km=f"{reach_km:g}")
    return {
        "labels": {k: t[k] for k in ("option_join", "option_form", "option_stay", "option_none", "options_none",
                                      "members", "population", "persons", "reasons", "cell_sep")},
        "stay": _option(proposed, names, lang, esc) if stay and proposed.get("members") else None,
        "form": _option(proposed, names, lang, esc) if not stay and proposed.get("members") else None,
        "form_none": {"reasons": [esc(r) for r in proposed.get(key) or []]} if none == "alone" else None,
        "none_large": {"reasons": [esc(r) for r in proposed.get(key) or []]} if none == "large" else None,
        "join": _option(join, names, lang, esc) if join else None,
        "no_join": no_join,
    }


def what_if(data: dict, rule_titles: dict, parameters, as_of, names: Callable, lang: str, esc: Callable) -> dict | None:
    """The what-if section (``advise --join``): population and band, rules that change, grants before/after."""
    result = data.get("what_if")
    if not result:
        return None
    t = TEXT[lang]
    others = [m for m in result["members"][1:]]
    grants = []
    for g in result["grants"]:
        before = (g["eligible_before"], g["amount_yen_before"])
        after = (g["eligible_after"], g["amount_yen_after"])
        grants.append({"item": ITEM_NAMES.get(g["item"], {}).get(lang, g["item"]),
                       "before": t["eligible_value"][before[0]], "after": t["eligible_value"][after[0]],
                       "amount_before": format_yen(before[1], lang), "amount_after": format_yen(after[1], lang),
                       "changed": before != after})
    band = size_band(result["population_total"], parameters, as_of, lang)
    own_band = size_band(result["own_population"], parameters, as_of, lang)
    return {
        "labels": {k: t[k] for k in ("changed_rules", "rule", "before", "after", "no_changed_rules", "grants", "item",
                                     "eligible", "amount", "grants_unchanged", "whatif_reading")},
        "title": t["whatif_title"].format(names=("・" if lang == "ja" else ", ").join(
            names(m["code"], m.get("name", "")) for m in others)),
        "population": t["whatif_population"].format(total=people(result["population_total"], lang),
                                                    own=people(result["own_population"], lang)),
        "band": t["band"].format(band=f"{own_band} → {band}" if own_band != band else band) if band else None,
        "warning": t["not_connected"] if not result["connected"] else None,
        "changed": [{"title": esc(rule_titles.get(c["id"], {}).get(lang) or (c["title"] if lang == "ja" else c["title_en"])),
                     "id": c["id"], "before": t["status"].get(c["before"], c["before"]),
                     "after": t["status"].get(c["after"], c["after"])} for c in result["changed_rules"]],
        "grants": grants,
        "grants_changed": any(g["changed"] for g in grants),
    }
