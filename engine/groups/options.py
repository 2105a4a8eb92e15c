"""グループの選択肢 / the municipality's two options: form a group, or join one.

* Form: its group in the prefecture's plan (``grouping.plan_prefecture``), so the
  memo and ``advise groups --prefecture`` agree. The profile can know better
  than the public data (a neighbour not interested, or already in a group; the
  municipality itself not in the group the knowledge base lists): the plan is
  then made with that knowledge, and the proposal says how and why it differs.
* Join: the best group known on the date that is within reach: a member in the
  same prefecture, or one within ``partners.reach_km``.
* A municipality already in a group is advised to stay and extend it.
"""

from __future__ import annotations

import datetime as dt

from .graph import EARTH_KM, distance_km
from .grouping import member_reasons, plan_prefecture
from .partners import PartnerScorer, score_text


# J-LIS 自治体クラウド導入団体支援事業 Q&A (FY2020, domain-research 1.16): a member that joins after the
# representative has migrated is still eligible. The scheme ran FY2020–FY2021 (1.15, R15) and excludes
# 政令指定都市; outside those years, or for one, the sentence is not said.
LATE_JOINER_FROM, LATE_JOINER_UNTIL = dt.date(2020, 4, 1), dt.date(2022, 3, 31)


def _member(scorer: PartnerScorer, code: str) -> dict:
    return {"code": code, "name": scorer.graph.nodes[code]["name"]}


def _plan_ref(plan: dict, number: int | None) -> dict:
    return {"prefecture": plan["prefecture"], "as_of": plan["as_of"], "number": number}


def _stay(scorer: PartnerScorer, plan: dict) -> dict:
    home = scorer.home
    known = scorer.known.group_of(home.code) if scorer.known is not None else None
    codes = [home.code] + ([c for c in known.members if c != home.code] if known and known.name == home.group else [])
    ja = [f"既に「{home.group}」に参加しているため、新たなグループを作るのではなく、このグループでの共同利用の拡充（業務範囲・調達の合わせ込み）を助言する"]
    en = [f"already in 「{home.group}」: advise on extending that shared use (scope, aligned procurement) rather than forming a new group"]
    if len(codes) == 1:
        ja.append("このグループの構成団体は知識ベースにないため、当団体のみ示す")
        en.append("the knowledge base does not list this group's members on this date; only this municipality is shown")
    if home.group_from_profile:
        ja.append(f"県の案（advise groups --prefecture {plan['prefecture']}）は公開情報のみで作るため、当団体を新たなグループの候補に含むことがある（プロファイルではグループに参加済み）")
        en.append(f"the prefecture plan (advise groups --prefecture {plan['prefecture']}) uses public data only and may place this "
                  "municipality in a new group; the profile says it is already in one")
    prefectures = {scorer.graph.nodes[c]["prefecture"] for c in codes}
    return {"members": [_member(scorer, c) for c in codes],
            "population_total": sum(scorer.population(c) for c in codes),
            "reasons": ja, "reasons_en": en, "crosses_prefecture": len(prefectures) > 1,
            "join_existing": home.group, "connected": None, "plan": _plan_ref(plan, None)}


def _profile_knowledge(scorer: PartnerScorer) -> tuple[frozenset, frozenset, list]:
    """(exclude, free, why): what the profile changes about who can form a new group."""
    home, known = scorer.home, scorer.known
    exclude, free, why = set(), set(), []
    for code, info in sorted(home.neighbours.items()):
        name = scorer.graph.nodes[code]["name"]
        in_known = known is not None and known.group_of(code) is not None
        if info.get("interested") is False:
            exclude.add(code)
            why.append((f"{name}は共同化に関心がないと確認済みのため除いた", f"{name} is known not to be interested, so it is left out"))
        elif info.get("cloud_status") == "group" or info.get("group"):
            if not in_known:
                exclude.add(code)
                why.append((f"{name}は既にグループに参加している（プロファイル）ため除いた",
                            f"{name} is already in a group (profile), so it is left out"))
        elif info.get("cloud_status") in ("none", "single") and in_known:
            free.add(code)
            why.append((f"{name}はプロファイルではグループに未参加のため候補に含めた",
                        f"{name} is not in a group according to the profile, so it is included"))
    if known is not None and known.group_of(home.code) is not None and home.group is None:
        free.add(home.code)
        why.append(("当団体はプロファイルではグループに未参加のため、新たなグループの候補として計画した",
                    "the profile says this municipality is not in a group, so it is planned for a new one"))
    return frozenset(exclude), frozenset(free), why


def _form(advisor, advice, scorer: PartnerScorer) -> dict:
    home, graph = scorer.home, scorer.graph
    exclude, free, why = _profile_knowledge(scorer)
    plan = plan_prefecture(advisor.knowledge, advisor.parameters, home.prefecture, None, advice.as_of,
                           exclude=exclude, free=free)
    group = next((g for g in plan["groups"] if any(m["code"] == home.code for m in g["members"])), None)
    if group is None:  # too large to be planned into a group
        return {"members": [_member(scorer, home.code)], "population_total": home.population,
                "reasons": [plan["large_reason"]["ja"]], "reasons_en": [plan["large_reason"]["en"]],
                "crosses_prefecture": False, "join_existing": None, "connected": False,
                "plan": _plan_ref(plan, None) | {"same_as_plan": True}}
    others = [m["code"] for m in group["members"] if m["code"] != home.code]
    explained = {c: member_reasons(scorer, home.code, c, others) for c in others}
    others.sort(key=lambda c: (-explained[c][0], c))
    codes = [home.code] + others
    population = sum(scorer.population(c) for c in codes)
    ja, en = [], []
    for code in others:
        score, reasons, reasons_en, anchor = explained[code]
        via = "" if anchor == home.code else f"（{graph.nodes[anchor]['name']}経由）"
        via_en = "" if anchor == home.code else f" (via {graph.nodes[anchor]['name']})"
        ja.append(f"{graph.nodes[code]['name']}{via}: " + "、".join(reasons) + f"（{score_text(score)}点）")
        en.append(f"{graph.nodes[code]['name']}{via_en}: " + "; ".join(reasons_en) + f" ({score_text(score)} points)")
    if not others:
        ja.extend(group["reasons"][:-1])
        en.extend(group["reasons_en"][:-1])
    else:
        ja.append(f"{len(codes)}団体・合計人口{population:,}人（上限{plan['max_size']}団体）")
        en.append(f"{len(codes)} municipalities, {population:,} people in all (at most {plan['max_size']})")
    command = f"advise groups --prefecture {plan['prefecture']} --as-of {plan['as_of']}"
    if why:
        public = plan_prefecture(advisor.knowledge, advisor.parameters, home.prefecture, None, advice.as_of)
        public_group = next((g for g in public["groups"] if any(m["code"] == home.code for m in g["members"])), None)
        if public_group is not None and [m["code"] for m in public_group["members"]] == sorted(codes):
            ja.append(f"県の案（{command}）の案{public_group['number']}と同じ")
            en.append(f"the same as group {public_group['number']} of the prefecture plan ({command})")
        else:
            where = (f"案{public_group['number']}（" + "・".join(m["name"] for m in public_group["members"]) + "）"
                     if public_group else "グループ参加済みとして対象外")
            where_en = (f"group {public_group['number']} (" + ", ".join(m["name"] for m in public_group["members"]) + ")"
                        if public_group else "not planned (already in a group)")
            ja.append(f"県の案（{command}）では{where}。プロファイルの情報を反映したため異なる: " + "。".join(j for j, _ in why))
            en.append(f"the prefecture plan ({command}) has {where_en}; this differs because of the profile: "
                      + "; ".join(e for _, e in why))
    else:
        ja.append(f"県の案（{command}）の案{group['number']}")
        en.append(f"group {group['number']} of the prefecture plan ({command})")
    prefectures = {graph.nodes[c]["prefecture"] for c in codes}
    return {"members": [_member(scorer, c) for c in codes], "population_total": population,
            "reasons": ja, "reasons_en": en, "crosses_prefecture": len(prefectures) > 1,
            "join_existing": None, "connected": group["connected"] if others else False,
            "plan": _plan_ref(plan, group["number"]) | {"same_as_plan": not why}}


def _may_be_within_reach(scorer: PartnerScorer, codes) -> bool:
    """False only if no member is in the home prefecture and every one is beyond the reach.

    A cheap test before the exact one of ``_join_option`` (most groups are far away): the
    great-circle distance is at least the earth's radius times the difference of latitude
    (in radians), so a group whose every member is farther than that is out of reach; the
    margin keeps rounding on the safe side. Any subset of ``codes`` is then out of reach too.
    """
    home, look = scorer.home, scorer.look
    lat, nodes = look.lat[home.code], look.nodes
    bound = scorer.w.reach_km * (1 + 1e-9) + 1e-9
    return any(nodes[c]["prefecture"] == home.prefecture or EARTH_KM * abs(look.lat[c] - lat) <= bound
               for c in codes)


def _join_option(scorer: PartnerScorer, as_of: dt.date) -> dict | None:
    """The best group known on the date (or named in the profile) within reach, else None."""
    home, graph, w = scorer.home, scorer.graph, scorer.w
    groups: dict[str, set] = {}
    if scorer.known is not None:
        for g in scorer.known.groups:
            groups.setdefault(g.name, set()).update(g.members)
    for code, info in home.neighbours.items():
        name = scorer.group_of(code)
        if name and (info.get("cloud_status") == "group" or info.get("group")):
            groups.setdefault(name, set()).add(code)
    for name, codes in list(groups.items()):
        if not _may_be_within_reach(scorer, codes):
            del groups[name]  # never chosen below: no member in the prefecture, none within reach
            continue
        # The profile may say a member is elsewhere; the municipality itself is the one joining (the
        # knowledge base may list it while its profile says it is in no group: the conflict is shown apart).
        codes = {c for c in codes if c != home.code and scorer.group_of(c) == name}
        if not codes or name == home.group:
            del groups[name]
        else:
            groups[name] = codes
    best = None
    for name, codes in sorted(groups.items()):
        nearest_km, nearest = min((distance_km(graph, home.code, c), c) for c in codes)
        same = any(graph.nodes[c]["prefecture"] == home.prefecture for c in codes)
        if not same and nearest_km > w.reach_km:
            continue
        top = max(sorted(codes), key=lambda c: scorer.points(home.code, c)[0])
        score = scorer.points(home.code, top)[0]
        if best is None or score > best[0]:
            best = (score, name, codes, top, nearest, nearest_km, same)
    if best is None:
        return None
    score, name, codes, top, nearest, nearest_km, same = best
    _, reasons, reasons_en, _ = member_reasons(scorer, home.code, top, [])
    members = [home.code] + sorted(codes, key=lambda c: (c != top, c))
    population = sum(scorer.population(c) for c in members)
    where = ("同じ県内のグループ" if same else f"最寄りの構成団体まで約{nearest_km:.0f} km（範囲 {w.reach_km:g} km 以内）")
    where_en = ("a group in the same prefecture" if same else
                f"its nearest member is about {nearest_km:.0f} km away (within {w.reach_km:g} km)")
    ja = [f"「{name}」に参加する: {where}",
          f"最も評価の高い構成団体 {graph.nodes[top]['name']}: " + "、".join(reasons) + f"（{score_text(score)}点）"]
    en = [f"join 「{name}」: {where_en}",
          f"its best-scoring member, {graph.nodes[top]['name']}: " + "; ".join(reasons_en) + f" ({score_text(score)} points)"]
    if LATE_JOINER_FROM <= as_of <= LATE_JOINER_UNTIL and graph.nodes[home.code]["type"] != "政令指定都市":
        ja.append("後から参加する団体も J-LIS 自治体クラウド導入団体支援事業の対象（同事業 Q&A、令和2年度）")
        en.append("a late joiner is still eligible for the J-LIS 自治体クラウド導入団体支援事業 (its Q&A, FY2020)")
    ja.append(f"参加後 {len(members)}団体・合計人口{population:,}人（判明している構成団体のみ）")
    en.append(f"{len(members)} municipalities, {population:,} people once joined (known members only)")
    return {"join_existing": name, "members": [_member(scorer, c) for c in members], "population_total": population,
            "score": score, "nearest_member": _member(scorer, nearest) | {"distance_km": round(nearest_km, 1)},
            "same_prefecture": same, "reasons": ja, "reasons_en": en}


def group_options(advisor, advice, scorer: PartnerScorer) -> tuple[dict, dict | None]:
    """(proposed group, join option or None) for the advised municipality."""
    home = scorer.home
    if home.group:
        plan = plan_prefecture(advisor.knowledge, advisor.parameters, home.prefecture, None, advice.as_of)
        return _stay(scorer, plan), None
    return _form(advisor, advice, scorer), _join_option(scorer, advice.as_of)
