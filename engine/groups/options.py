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

from ..documents.values import man_count
from .graph import EARTH_KM, distance_km
from .grouping import SizeGuard, is_large, member_reasons, plan_prefecture, population_words
from .partners import PartnerScorer, score_text


# J-LIS 自治体クラウド導入団体支援事業 Q&A (FY2020, domain-research 1.16): a member that joins after the
# representative has migrated is still eligible. The scheme ran FY2020–FY2021 (1.15, R15) and excludes
# 政令指定都市; outside those years, or for one, the sentence is not said.
LATE_JOINER_FROM, LATE_JOINER_UNTIL = dt.date(2020, 4, 1), dt.date(2022, 3, 31)
# 総務省 資料6-2 (2016-10-27): no group-cloud member of 50万 or more; cited with the hindsight tag before it.
LARGE_EVIDENCE_PUBLISHED = dt.date(2016, 10, 27)


def _member(scorer: PartnerScorer, code: str) -> dict:
    return {"code": code, "name": scorer.graph.nodes[code]["name"]}


def _plan_ref(plan: dict, number: int | None) -> dict:
    """Which plan group the option is; the command that prints the plan is for the JSON and the audit
    (an advisor can run it), never for the memo's reasons (a mayor reads those)."""
    return {"prefecture": plan["prefecture"], "as_of": plan["as_of"], "number": number,
            "command": f"advise groups --prefecture {plan['prefecture']} --as-of {plan['as_of']}"}


def _plan_name(plan: dict, lang: str) -> str:
    """The prefecture plan in words: 「富山県全体のグループ案」 / "the plan for all of 富山県"."""
    return f"{plan['prefecture']}全体のグループ案" if lang == "ja" else f"the group plan for all of {plan['prefecture']}"


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
        ja.append(f"{_plan_name(plan, 'ja')}は公開情報のみで作るため、当団体を新たなグループの候補に含むことがある"
                  "（プロファイルではグループに参加済み）")
        en.append(f"{_plan_name(plan, 'en')} uses public data only and may place this municipality in a new group; "
                  "the profile says it is already in one")
    prefectures = {scorer.graph.nodes[c]["prefecture"] for c in codes}
    population, unknown, _, _ = population_words(scorer, codes)
    return {"members": [_member(scorer, c) for c in codes],
            "population_total": population, "population_unknown": unknown,
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
    if group is None or len(group["members"]) == 1:
        # No group to form: not a one-member "group", but no option B, and why.
        ja = list(group["reasons"][:-1]) if group else [plan["large_reason"]["ja"]]
        en = list(group["reasons_en"][:-1]) if group else [plan["large_reason"]["en"]]
        return {"members": [], "population_total": None,
                "reasons": ja, "reasons_en": en,
                "crosses_prefecture": False, "join_existing": None, "connected": False, "none": "alone",
                "plan": _plan_ref(plan, group["number"] if group else None) | {"same_as_plan": not why}}
    others = [m["code"] for m in group["members"] if m["code"] != home.code]
    explained = {c: member_reasons(scorer, home.code, c, others) for c in others}
    others.sort(key=lambda c: (-explained[c][0], c))
    codes = [home.code] + others
    population, _, total_ja, total_en = population_words(scorer, codes)
    ja, en = [], []
    for code in others:
        score, reasons, reasons_en, anchor = explained[code]
        via = "" if anchor == home.code else f"（{graph.nodes[anchor]['name']}経由）"
        via_en = "" if anchor == home.code else f" (via {graph.nodes[anchor]['name']})"
        ja.append(f"{graph.nodes[code]['name']}{via}: " + "、".join(reasons) + f"（{score_text(score)}点）")
        en.append(f"{graph.nodes[code]['name']}{via_en}: " + "; ".join(reasons_en) + f" ({score_text(score)} points)")
    ja.append(f"{len(codes)}団体（上限{plan['max_size']}団体）・{total_ja}")
    en.append(f"{len(codes)} municipalities (at most {plan['max_size']}), {total_en}")
    plan_ja, plan_en = _plan_name(plan, "ja"), _plan_name(plan, "en")
    if why:
        public = plan_prefecture(advisor.knowledge, advisor.parameters, home.prefecture, None, advice.as_of)
        public_group = next((g for g in public["groups"] if any(m["code"] == home.code for m in g["members"])), None)
        if public_group is not None and [m["code"] for m in public_group["members"]] == sorted(codes):
            ja.append(f"{plan_ja}（案{public_group['number']}）と同じ")
            en.append(f"the same as group {public_group['number']} of {plan_en}")
        else:
            if public_group:
                where = f"{plan_ja}では案{public_group['number']}（" + "・".join(m["name"] for m in public_group["members"]) + "）"
                where_en = (f"{plan_en} has group {public_group['number']} ("
                            + ", ".join(m["name"] for m in public_group["members"]) + ")")
            else:
                where = f"{plan_ja}では、当団体は既にグループに参加している団体として扱った"
                where_en = f"{plan_en} treats this municipality as already in a group"
            ja.append(f"{where}。プロファイルの情報を反映したため異なる: " + "。".join(j for j, _ in why))
            en.append(f"{where_en}; this differs because of the profile: " + "; ".join(e for _, e in why))
    else:
        ja.append(f"{plan_ja}（案{group['number']}）と同じ")
        en.append(f"the same as group {group['number']} of {plan_en}")
    prefectures = {graph.nodes[c]["prefecture"] for c in codes}
    return {"members": [_member(scorer, c) for c in codes], "population_total": population,
            "population_unknown": population_words(scorer, codes)[1],
            "reasons": ja, "reasons_en": en, "crosses_prefecture": len(prefectures) > 1,
            "join_existing": None, "connected": group["connected"],
            "plan": _plan_ref(plan, group["number"]) | {"same_as_plan": not why}}


def _may_be_within_reach(scorer: PartnerScorer, codes) -> bool:
    """False only if no member is in the home prefecture and every one is beyond the reach.

    A cheap test before the exact one of ``_join_option`` (most groups are far away): the
    great-circle distance is at least the earth's radius times the difference of latitude
    (in radians), so a group whose every member is farther than that is out of reach; the
    margin keeps rounding on the safe side. Any subset of ``codes`` is then out of reach too.
    (In 北海道 the area is the 振興局, narrower than the prefecture: still on the safe side.)
    """
    home, look = scorer.home, scorer.look
    lat, nodes = look.lat[home.code], look.nodes
    bound = scorer.w.reach_km * (1 + 1e-9) + 1e-9
    return any(nodes[c]["prefecture"] == home.prefecture or EARTH_KM * abs(look.lat[c] - lat) <= bound
               for c in codes)


def _join_area(scorer: PartnerScorer, subprefecture_prefectures) -> tuple[str, str, str] | None:
    """(key, ja, en) of the area within which joining needs no distance bound: the 振興局 in 北海道
    (``partners.join_reach_subprefecture``), else the prefecture."""
    home = scorer.graph.nodes[scorer.home.code]
    if scorer.home.prefecture in subprefecture_prefectures:
        office = home.get("subprefecture")
        return ("subprefecture", f"同じ{office}管内", f"the same 振興局 ({office})") if office else None
    return "prefecture", f"同じ{scorer.home.prefecture}内", f"the same prefecture ({scorer.home.prefecture})"


def _in_area(scorer: PartnerScorer, code: str, area: tuple | None) -> bool:
    if area is None:
        return False
    node, home = scorer.graph.nodes[code], scorer.graph.nodes[scorer.home.code]
    if area[0] == "subprefecture":
        return node["prefecture"] == home["prefecture"] and node.get("subprefecture") == home.get("subprefecture")
    return node["prefecture"] == scorer.home.prefecture


def _join_option(scorer: PartnerScorer, as_of: dt.date, subprefecture_prefectures=(),
                 guard: SizeGuard | None = None) -> tuple[dict | None, dict | None]:
    """(the best group known on the date, or named in the profile, within reach, or None;
    and, when None, why: none within reach, or those within reach too unlike in size)."""
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
    area = _join_area(scorer, subprefecture_prefectures)
    best, unlike = None, []
    for name, codes in sorted(groups.items()):
        nearest_km, nearest = min((distance_km(graph, home.code, c), c) for c in codes)
        same = any(_in_area(scorer, c, area) for c in codes)
        if not same and nearest_km > w.reach_km:
            continue
        if guard is not None and not guard.allows(guard.span([home.code]), guard.span(codes)):
            unlike.append(name)  # within reach, but of members too unlike in size (the plan's guard)
            continue
        top = max(sorted(codes), key=lambda c: scorer.points(home.code, c)[0])
        score = scorer.points(home.code, top)[0]
        if best is None or score > best[0]:
            best = (score, name, codes, top, nearest, nearest_km, same)
    if best is None:
        if not unlike:
            inside = f"{area[1]}、または" if area else ""
            inside_en = f"{area[2]}, or " if area else ""
            return None, {"reason": "none",
                          "reasons": [f"範囲内（{inside}{w.reach_km:g} km 以内）に参加を検討できる既存のグループはない"],
                          "reasons_en": [f"no existing group within reach ({inside_en}within {w.reach_km:g} km) to join"]}
        line = int(guard.peer_line)
        names = "・".join(f"「{n}」" for n in unlike)
        return None, {"reason": "size",
                      "reasons": [f"範囲内の既存グループ{names}は、人口規模が大きく異なる団体を含むため参加の候補にしない"
                                  f"（人口{man_count(line)}人以上の団体は規模の近い団体（{guard.ratio:g}倍未満）とだけ組む）"],
                      "reasons_en": [f"the group(s) within reach, {', '.join(unlike)}, are not proposed: their members "
                                     f"and this municipality differ too much in size (a municipality of {line:,} people "
                                     f"or more is grouped only with peers under {guard.ratio:g} times its size apart)"]}
    score, name, codes, top, nearest, nearest_km, same = best
    _, reasons, reasons_en, _ = member_reasons(scorer, home.code, top, [])
    members = [home.code] + sorted(codes, key=lambda c: (c != top, c))
    population, unknown, total_ja, total_en = population_words(scorer, members)
    where = (f"{area[1]}のグループ" if same else f"最寄りの構成団体まで約{nearest_km:.0f} km（範囲 {w.reach_km:g} km 以内）")
    where_en = (f"a group in {area[2]}" if same else
                f"its nearest member is about {nearest_km:.0f} km away (within {w.reach_km:g} km)")
    ja = [f"「{name}」に参加する: {where}",
          f"最も評価の高い構成団体 {graph.nodes[top]['name']}: " + "、".join(reasons) + f"（{score_text(score)}点）"]
    en = [f"join 「{name}」: {where_en}",
          f"its best-scoring member, {graph.nodes[top]['name']}: " + "; ".join(reasons_en) + f" ({score_text(score)} points)"]
    if LATE_JOINER_FROM <= as_of <= LATE_JOINER_UNTIL and graph.nodes[home.code]["type"] != "政令指定都市":
        ja.append("後から参加する団体も J-LIS 自治体クラウド導入団体支援事業の対象（同事業 Q&A、令和2年度）")
        en.append("a late joiner is still eligible for the J-LIS 自治体クラウド導入団体支援事業 (its Q&A, FY2020)")
    ja.append(f"参加後 {len(members)}団体・{total_ja}（判明している構成団体のみ）")
    en.append(f"{len(members)} municipalities once joined, {total_en} (known members only)")
    return {"join_existing": name, "members": [_member(scorer, c) for c in members], "population_total": population,
            "population_unknown": unknown, "score": score, "nearest_member": _member(scorer, nearest) | {"distance_km": round(nearest_km, 1)},
            "same_prefecture": any(graph.nodes[c]["prefecture"] == home.prefecture for c in codes),
            "within": area[0] if same else "distance", "reasons": ja, "reasons_en": en}, None


def _large(advisor, advice, scorer: PartnerScorer) -> dict:
    """Neither option for a municipality too large for a group cloud (the plan leaves it out, too)."""
    w, home = scorer.w, scorer.home
    line = int(w.max_member_population)
    designated = scorer.graph.nodes[home.code]["type"] == "政令指定都市"
    late = advice.as_of < LARGE_EVIDENCE_PUBLISHED
    tag_ja, tag_en = ("［後知恵：基準日より後に公表］", " [hindsight: published after the advice date]") if late else ("", "")
    who = "政令指定都市" if designated else f"人口{man_count(line)}人以上の団体"
    who_en = "a designated city (政令指定都市)" if designated else f"a municipality of {line:,} people or more"
    ja = [f"{who}には、既存グループへの参加も、新たなグループの新設も提案しない",
          f"2016年4月1日時点で、人口{man_count(line)}人以上で自治体クラウドに参加した団体はなく、単独クラウドが5団体"
          f"（総務省 資料6-2、2016年10月27日）{tag_ja}"]
    en = [f"for {who_en}, neither joining an existing group nor forming a new one is proposed",
          f"on 1 April 2016 no municipality of {line:,} people or more was in a group cloud, and five ran their own "
          f"(MIC 資料6-2, 27 October 2016){tag_en}"]
    plan = plan_prefecture(advisor.knowledge, advisor.parameters, home.prefecture, None, advice.as_of)
    return {"members": [], "population_total": None, "reasons": ja, "reasons_en": en, "crosses_prefecture": False,
            "join_existing": None, "connected": False, "none": "large", "plan": _plan_ref(plan, None)}


def group_options(advisor, advice, scorer: PartnerScorer) -> tuple[dict, dict | None, dict | None]:
    """(proposed group, join option or None, why there is no join option or None) for the advised
    municipality. The proposed group has no members (``none``: why) when there is no group to form."""
    home = scorer.home
    if home.group:
        plan = plan_prefecture(advisor.knowledge, advisor.parameters, home.prefecture, None, advice.as_of)
        return _stay(scorer, plan), None, None
    if is_large(scorer.graph, scorer, home.code):
        return _large(advisor, advice, scorer), None, None
    offices = advisor.parameters.value("partners.join_reach_subprefecture", advice.as_of) or ()
    guard = SizeGuard(scorer.population, scorer.w.peer_only_population, scorer.w.size_ratio_zero)
    join, why_not = _join_option(scorer, advice.as_of, tuple(offices), guard)
    return _form(advisor, advice, scorer), join, why_not
