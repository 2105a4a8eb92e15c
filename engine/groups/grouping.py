"""県の広域グループ案 / a prefecture's plan of candidate groups.

The prefecture's support role: partition its municipalities that are not in a
group known on the date into candidate groups of 2..``max_size`` members. The
memo's proposed group for a municipality is its group here (``options.py``).

1. Pair scores: every pair of those municipalities that is linked (land, bridge,
   sea) or within ``partners.reach_km`` gets its partner score (public
   knowledge only, so symmetric); other pairs score 0.
2. Average-linkage agglomeration: start from single municipalities and merge,
   again and again, the two groups whose mean pair score (over every pair
   across them, 0 where not within reach) is highest, while the merged group
   fits ``max_size`` and the mean reaches ``partners.min_link_score``. Ties go
   to the lower codes, so the plan is deterministic. Each step is one sentence
   of reasoning: "these two are, on average, the most strongly linked".
3. A municipality left alone joins the group with room it is most strongly
   linked to, if any; one with no link inside the prefecture stays alone, with
   the reason (and its nearest across the prefectural line).
4. A municipality of ``partners.max_member_population`` people or more, or a
   政令指定都市, is not planned (none of that size was in a group cloud in 2016):
   it is listed apart.
5. Size guard on the members: a municipality of ``partners.peer_only_population``
   people or more is merged only with municipalities of similar size (within
   ``partners.size_ratio_zero`` times): the large cities in real groups are in
   groups of peers (岡崎・豊橋; 倉敷・高松・松山), so a 41万 city is not proposed
   to a 2万 town. A census count of 0 (an evacuated town) is no size: it is not
   summed into a group's population, and the group says so.

Plans are cached per process (knowledge base, prefecture, parameters in force,
groups known on the date, and the profile's exclusions).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import weakref
from typing import Callable

import networkx as nx

from ..errors import InputError
from .graph import EARTH_KM, distance_km, national_graph
from .known import known_on
from ..documents.values import man_count, people
from .partners import PartnerScorer, load_weights, words

ALGORITHM = "average-linkage agglomeration of partner scores (deterministic)"
LARGE_REASON = {
    "ja": "人口{n}人以上の団体は新たなグループの候補にしない（2016年4月時点で、この規模で自治体クラウドに参加した団体はなく、単独クラウドが5団体。総務省 資料6-2）",
    "en": "municipalities of {n} people or more are not planned into new groups (in April 2016 none of that size was in a "
          "group cloud, and five ran their own; MIC 資料6-2)"}
SCALE = 1000  # pair scores are summed as integers (thousandths): the same plan whatever the order of sums


def pair_scores(scorer: PartnerScorer, codes: list[str]) -> dict[tuple[str, str], int]:
    """Partner score (thousandths) of every linked or within-reach pair of ``codes`` (a < b)."""
    graph, reach = scorer.graph, scorer.w.reach_km
    ordered = sorted(codes)
    lat = {c: math.radians(graph.nodes[c]["lat"]) for c in ordered}
    span = reach / EARTH_KM  # a cheap bound first: the latitude difference alone
    inside = set(ordered)
    linked_pairs = {(a, b) for a in ordered for b in graph.adj[a] if a < b and b in inside}
    out = {}
    for i, a in enumerate(ordered):
        lat_a = lat[a]
        for b in ordered[i + 1:]:
            linked = (a, b) in linked_pairs
            if not linked and abs(lat_a - lat[b]) > span:
                continue
            km = distance_km(graph, a, b)
            if linked or km <= reach:
                out[(a, b)] = round(scorer.points(a, b, km)[0] * SCALE)
    return out


class SizeGuard:
    """Whether two groups may merge by their members' populations (step 5 of the module's docstring).

    ``size``: code -> population; ``peer_line``: from this population on, every other member must be
    more than ``1 / ratio`` of the largest (a census 0 never is). None disables the guard."""

    def __init__(self, size: Callable[[str], int], peer_line: float | None, ratio: float):
        self.size, self.peer_line, self.ratio = size, peer_line, ratio

    def span(self, codes) -> tuple[int, int]:
        values = [self.size(c) for c in codes]
        return min(values), max(values)

    def allows(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        if self.peer_line is None:
            return True
        low, high = min(a[0], b[0]), max(a[1], b[1])
        return high < self.peer_line or low * self.ratio > high


def agglomerate(codes: list[str], scores: dict[tuple[str, str], int], max_size: int,
                min_link: float, guard: SizeGuard | None = None) -> list[list[str]]:
    """Average-linkage merging under a size cap, a least mean link and the size guard (module docstring)."""
    members = {code: [code] for code in sorted(codes)}
    links: dict[str, dict[str, int]] = {code: {} for code in members}
    for (a, b), s in scores.items():
        if a in links and b in links and s > 0:
            links[a][b] = links[b][a] = s
    _merge(members, links, max_size, min_link * SCALE, singletons_only=False, guard=guard)
    # Step 3: whoever is still alone joins the group with room it is most strongly linked to.
    _merge(members, links, max_size, 1, singletons_only=True, guard=guard)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _merge(members: dict, links: dict, max_size: int, threshold: float, singletons_only: bool,
           guard: SizeGuard | None = None) -> None:
    """Merge the best pair of groups (mean link >= threshold, fits max_size) until none is left.

    A heap of candidate pairs, highest mean first and then lowest keys (the same
    order as scanning every pair each time); an entry is stale once either group
    has changed since it was pushed (its stamp moved on)."""
    stamp = {key: 0 for key in members}
    span = {key: guard.span(codes) for key, codes in members.items()} if guard is not None else {}
    heap: list = []

    def push(x: str, y: str) -> None:
        x, y = min(x, y), max(x, y)
        size_x, size_y = len(members[x]), len(members[y])
        if size_x + size_y > max_size or (singletons_only and min(size_x, size_y) > 1):
            return
        if guard is not None and not guard.allows(span[x], span[y]):
            return
        mean = links[x][y] / (size_x * size_y)
        if mean >= threshold:
            heapq.heappush(heap, (-mean, x, y, stamp[x], stamp[y]))

    for x in members:
        for y in links[x]:
            if x < y:
                push(x, y)
    while heap:
        _, x, y, stamp_x, stamp_y = heapq.heappop(heap)
        if x not in members or y not in members or stamp[x] != stamp_x or stamp[y] != stamp_y:
            continue
        members[x].extend(members.pop(y))  # x < y: the merged group keeps the lower key
        stamp[x] += 1
        if guard is not None:
            (low_x, high_x), (low_y, high_y) = span[x], span.pop(y)
            span[x] = (min(low_x, low_y), max(high_x, high_y))
        for z, total in links.pop(y).items():
            del links[z][y]
            if z != x:
                links[x][z] = links[z][x] = links[x].get(z, 0) + total
        for z in links[x]:
            push(x, z)


_PLANS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def plan_prefecture(knowledge, parameters, prefecture: str, max_size: int | None = None,
                    as_of: dt.date | None = None, *, exclude: frozenset = frozenset(),
                    free: frozenset = frozenset()) -> dict:
    """The candidate groups of ``prefecture`` (a JSON-able dict; cached: treat as read-only).

    ``exclude``: municipalities the advisor knows will not take part (left out of
    the plan); ``free``: municipalities to plan although a group is known for them
    (the profile says otherwise). Both empty for ``advise groups``.
    """
    try:
        prefecture = knowledge.resolve_prefecture(prefecture)  # 富山 → 富山県, as batch and lookup accept
    except InputError as exc:
        exc.field = "--prefecture"
        raise
    as_of = as_of or dt.date.today()
    weights = load_weights(parameters, as_of)
    max_size = int(max_size or weights.max_group_size)
    if max_size < 2:
        raise InputError("--max-size は 2 以上にしてください。", "--max-size must be at least 2", field="--max-size")
    known = known_on(knowledge, as_of)
    key = (prefecture, max_size, as_of, exclude, free, tuple(sorted(weights.values.items())),
           tuple((g.name, g.members) for g in known.groups))
    cache = _PLANS.setdefault(knowledge, {})
    if key not in cache:
        if len(cache) > 256:
            cache.clear()
        cache[key] = _plan(knowledge, weights, known, prefecture, max_size, as_of, exclude, free)
    return cache[key]


def _plan(knowledge, weights, known, prefecture, max_size, as_of, exclude, free) -> dict:
    graph = national_graph(knowledge, weights.bridge_km, as_of)
    scorer = PartnerScorer(graph, weights, known=known)
    all_codes = sorted(c for c, d in graph.nodes(data=True) if d["prefecture"] == prefecture)
    in_group = [c for c in all_codes if known.group_of(c) is not None and c not in free]
    left_out = [c for c in all_codes if c in exclude and c not in in_group]
    large = [c for c in all_codes if c not in in_group and c not in left_out and is_large(graph, scorer, c)]
    planned = [c for c in all_codes if c not in in_group and c not in left_out and c not in large]
    scores = pair_scores(scorer, planned)
    guard = SizeGuard(scorer.population, weights.peer_only_population, weights.size_ratio_zero)
    parts = agglomerate(planned, scores, max_size, weights.min_link_score, guard)
    part_of = {code: part for part in parts for code in part}
    groups = [_describe(graph, scorer, scores, part, index + 1, guard, part_of, max_size)
              for index, part in enumerate(parts)]
    return {
        "prefecture": prefecture, "as_of": as_of.isoformat(), "max_size": max_size,
        "algorithm": ALGORITHM,
        "municipalities": len(all_codes), "planned": len(planned),
        "already_in_group": [{"code": c, "name": graph.nodes[c]["name"], "group": known.group_of(c).name}
                             for c in in_group],
        "left_out": [{"code": c, "name": graph.nodes[c]["name"]} for c in left_out],
        "large": [{"code": c, "name": graph.nodes[c]["name"], "population": scorer.population(c)} for c in large],
        "large_reason": {"ja": LARGE_REASON["ja"].format(n=_man(int(weights.max_member_population))),
                         "en": LARGE_REASON["en"].format(n=f"{int(weights.max_member_population):,}")},
        "groups": groups,
    }


def is_large(graph: nx.Graph, scorer: PartnerScorer, code: str) -> bool:
    """Too large for a group cloud: ``partners.max_member_population`` people or more, or a 政令指定都市."""
    return graph.nodes[code]["type"] == "政令指定都市" or scorer.population(code) >= scorer.w.max_member_population


def _man(n: int) -> str:
    """50万 for 500,000 (ministry style)."""
    return man_count(n)


def population_words(scorer: PartnerScorer, codes: list[str]) -> tuple[int, list[str], str, str]:
    """(total of the usable sizes, codes whose census is 0, the total in ja, in en).

    A census 0 (an evacuated town) is no size: it is left out of the total, which says so."""
    unknown = [c for c in codes if scorer.population(c) <= 0]
    total = sum(scorer.population(c) for c in codes if c not in unknown)
    if not unknown:
        return total, unknown, f"合計人口 {people(total, 'ja')}", f"{people(total, 'en')} in all"
    names = "・".join(scorer.graph.nodes[c]["name"] for c in unknown)
    names_en = ", ".join(scorer.graph.nodes[c]["name"] for c in unknown)
    if len(unknown) == len(codes):
        return (0, unknown, f"合計人口は不明（{names}は国勢調査の人口が0人（全域が避難指示区域）で、規模として使えない）",
                f"population unknown ({names_en}: census count 0, the whole area under an evacuation order)")
    return (total, unknown,
            f"合計人口 {people(total, 'ja')}（{names}は国勢調査の人口が0人（全域が避難指示区域）のため含まない）",
            f"{people(total, 'en')} in all, not counting {names_en} (census count 0: the whole area under an "
            "evacuation order)")


def _alone(scores: dict, code: str, guard: SizeGuard | None, part_of: dict, max_size: int) -> tuple[str, str]:
    """Why a municipality is left alone in the plan: nobody within reach, the size guard, or full groups."""
    linked = sorted({o for (a, b), s in scores.items() if s > 0 and code in (a, b) for o in (a, b) if o != code})
    if not linked:
        return ("県内に連携できる未参加の団体が範囲内にない",
                "no municipality within reach in the prefecture that is not already in a group")
    if guard is not None and guard.peer_line is not None and not any(
            guard.allows(guard.span([code]), guard.span(part_of.get(o, [o]))) for o in linked):
        line = int(guard.peer_line)
        return (f"人口{_man(line)}人以上の団体は人口規模の近い（{guard.ratio:g}倍未満の）団体とだけ組む案にするため、"
                "県内の範囲内に組める団体がない",
                f"a municipality of {line:,} people or more is planned only with municipalities of similar size "
                f"(under {guard.ratio:g} times apart), and none within reach in the prefecture can be grouped with it")
    return (f"範囲内の未参加の団体は、いずれもほかのグループ（上限{max_size}団体）に入った",
            f"every municipality within reach that is not in a group went into another group (at most {max_size})")


def _describe(graph: nx.Graph, scorer: PartnerScorer, scores: dict, members: list[str], number: int,
              guard: SizeGuard | None = None, part_of: dict | None = None, max_size: int = 0) -> dict:
    population, _, total_ja, total_en = population_words(scorer, members)
    ja, en = [], []
    if len(members) == 1:
        code = members[0]
        why_ja, why_en = _alone(scores, code, guard, part_of or {}, max_size)
        ja.append(why_ja)
        en.append(why_en)
        across = sorted((distance_km(graph, code, o), o) for o in scorer.candidates(code)
                        if graph.nodes[o]["prefecture"] != graph.nodes[code]["prefecture"])
        if across:
            o = across[0][1]
            ja.append(f"県境を越えた最寄りは{graph.nodes[o]['prefecture']}{graph.nodes[o]['name']}（県をまたぐ連携を検討）")
            en.append(f"its nearest across the prefectural line is {graph.nodes[o]['name']} ({graph.nodes[o]['prefecture']})")
    else:
        inner = graph.subgraph(members)
        kinds = sorted({d["kind"] for _, _, d in inner.edges(data=True)})
        border = math.fsum(d["km"] for _, _, d in inner.edges(data=True) if d["kind"] == "land")  # order-free sum
        pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
        linked = [scores[p] for p in pairs if p in scores]
        span = max(distance_km(graph, a, b) for a, b in pairs)
        ja.append(f"{len(members)}団体。団体間の最長の直線距離 約{span:.0f} km")
        en.append(f"{len(members)} municipalities, at most about {span:.0f} km apart")
        if kinds:
            link_ja = {"land": "陸の境界", "bridge": "架橋・近接の島", "sea": "海の最寄り"}
            ja.append("隣接: " + "・".join(link_ja[k] for k in kinds) + (f"（境界は合計 {border:.1f} km）" if border else ""))
            en.append("linked by " + ", ".join(kinds) + (f" ({border:.1f} km of shared borders)" if border else ""))
        mean = sum(linked) / len(pairs) / SCALE
        ja.append(f"団体間の連携の評価の平均 {mean:.1f}点（{len(linked)} / {len(pairs)} 組が範囲内）")
        en.append(f"mean partner score between members {mean:.1f} ({len(linked)} of {len(pairs)} pairs within reach)")
    ja.append(total_ja)
    en.append(total_en)
    return {"number": number,
            "members": [{"code": c, "name": graph.nodes[c]["name"], "population": scorer.population(c)}
                        for c in members],
            "population_total": population,
            # Every merge needs a positive link between the two groups, so a group is connected by its
            # links (linked or within reach) by construction; tests check it independently.
            "connected": True,
            "reasons": ja, "reasons_en": en}


def member_reasons(scorer: PartnerScorer, home: str, code: str, members: list[str]) -> tuple[float, list, list, str]:
    """Why ``code`` is in ``home``'s group: its score from home, or via its best-linked member."""
    graph = scorer.graph
    anchors = [home] + [m for m in members if m not in (home, code)]
    best = None
    for anchor in anchors:
        km = distance_km(graph, anchor, code)
        if km > scorer.w.reach_km and not graph.has_edge(anchor, code):
            continue
        score, keys = scorer.points(anchor, code, km)
        if anchor == home:
            best = (score, keys, anchor)
            break
        if best is None or score > best[0]:
            best = (score, keys, anchor)
    if best is None:
        score, keys = scorer.points(home, code)
        best = (score, keys, home)
    ja, en = words(best[1])
    return best[0], ja, en, best[2]


def render_text(plan: dict, lang: str = "ja") -> str:
    ja = lang == "ja"
    lines = [f"{plan['prefecture']} の自治体クラウド グループ案（{plan['as_of']} 時点、最大 {plan['max_size']} 団体、"
             f"対象 {plan['planned']} / {plan['municipalities']} 団体）" if ja else
             f"Candidate groups for {plan['prefecture']} (as of {plan['as_of']}, at most {plan['max_size']} each, "
             f"{plan['planned']} of {plan['municipalities']} planned)"]
    lp, rp = ("（", "）") if ja else (" (", ")")
    if plan["already_in_group"]:
        lines.append(("既にグループに参加（対象外）: " if ja else "Already in a group (not planned): ")
                     + ("、" if ja else ", ").join(f"{m['name']}{lp}{m['group']}{rp}" for m in plan["already_in_group"]))
    if plan["large"]:
        lines.append(("大規模団体（対象外）: " if ja else "Large municipalities (not planned): ")
                     + ("、" if ja else ", ").join(m["name"] for m in plan["large"])
                     + f"{lp}{plan['large_reason'][lang]}{rp}")
    for group in plan["groups"]:
        names = "・".join(m["name"] for m in group["members"])
        alone = len(group["members"]) == 1
        lines.append((f"\n案{group['number']}{'（単独: 組める団体なし）' if alone else ''}: {names}  "
                      f"合計人口 {people(group['population_total'], 'ja')}") if ja else
                     (f"\nGroup {group['number']}{' (alone: no one to group with)' if alone else ''}: {names}  "
                      f"{people(group['population_total'], 'en')}"))
        for reason in group["reasons" if ja else "reasons_en"]:
            lines.append(f"  - {reason}")
    lines.append(("\n手法: " if ja else "\nMethod: ") + plan["algorithm"])
    return "\n".join(lines) + "\n"
