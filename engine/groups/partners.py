"""連携相手と提案グループ / partner ranking and the proposed group.

``attach(advisor, advice)`` (called by ``Advisor.advise``) sets

* ``advice.partners``: the municipality's graph neighbours (land borders,
  bridged islands, and sea links for islands with no land border), each with a
  score and the reasons behind it in words, best first (ties by code);
* ``advice.proposed_group``: a connected group of 2..N members grown from the
  municipality by partner score within its prefecture, or, for a municipality
  already in a group (or whose best partner is), the advice to join that group.

The weights are parameters (knowledge/parameters/partners.yaml), all marked as
this tool's judgement (confidence I). What the advisor knows of a neighbour
(profile ``neighbours:``: cloud status, group, vendor, contract end, interest)
adds to its score.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import networkx as nx

from .graph import BRIDGE, LAND, national_graph

WEIGHT_NAMES = ("weight_land", "weight_border_km", "border_km_cap", "weight_bridge", "weight_sea", "sea_rank_decay",
                "bridge_km", "weight_same_prefecture", "weight_also_small", "weight_contract_aligned",
                "contract_window_months", "weight_same_vendor", "weight_existing_group", "weight_interested",
                "max_group_size", "min_member_score", "target_population")


class Weights:
    """The partner weights as plain attributes (read in the scoring hot loop)."""

    def __init__(self, values: dict, small_population: int):
        self.values = dict(values)
        self.small_population = small_population
        self.__dict__.update(values)


@lru_cache(maxsize=32)
def load_weights(parameters, as_of: dt.date) -> Weights:
    """The partner weights in force on ``as_of`` (the earliest value if none is yet); cached per date."""
    values = {}
    for name in WEIGHT_NAMES:
        param = parameters.get(f"partners.{name}")
        dated = param.at(as_of) or param.values[0]
        values[name] = dated.value
    small = parameters.value("group.small_population", as_of)
    return Weights(values=values, small_population=small if small is not None else 50000)


@dataclass
class HomeContext:
    """What the profile says about the municipality itself and its neighbours."""

    code: str
    prefecture: str
    population: int
    vendors: frozenset = frozenset()
    contract_end: dt.date | None = None        # the earliest of our systems' contract ends
    neighbours: dict = field(default_factory=dict)  # code -> the profile's neighbours[] entry
    group: str | None = None                   # our own group, if we are in one


def home_context(profile, knowledge, population: int | None = None) -> HomeContext:
    m = profile.municipality
    systems = profile.get("systems") or []
    vendors = frozenset(s["vendor"] for s in systems if s.get("vendor"))
    ends = [dt.date.fromisoformat(str(s["contract_end"])) for s in systems if s.get("contract_end")]
    neighbours = {knowledge.get(entry["code"]).code: entry for entry in profile.get("neighbours") or []}
    group = None
    if profile.get("cloud.status") == "group":
        group = profile.get("cloud.group") or (knowledge.group_of(m.code).group_name if knowledge.group_of(m.code)
                                               else "（名称不明のグループ）")
    elif knowledge.group_of(m.code) is not None and profile.get("cloud.status") is None:
        group = knowledge.group_of(m.code).group_name
    return HomeContext(code=m.code, prefecture=m.prefecture, population=population or m.population,
                       vendors=vendors, contract_end=min(ends) if ends else None, neighbours=neighbours, group=group)


def _months_apart(a: dt.date, b: dt.date) -> float:
    return abs((a - b).days) / 30.4375


# Reason key -> (ja, en) words.
REASONS = {
    "land": lambda km: (f"{km:.1f} km の境界を接する", f"shares a {km:.1f} km border"),
    "bridge": lambda km: (f"{km:.1f} km の海峡を隔てて隣接する（架橋・近接の島）",
                          f"adjacent across a {km:.1f} km strait (bridged or nearby island)"),
    "sea": lambda rank, km: (f"海を隔てて最寄り{rank}番目（{km:.1f} km）", f"nearest across the sea (#{rank}, {km:.1f} km)"),
    "same_prefecture": lambda pref: (f"同じ{pref}", f"same prefecture ({pref})"),
    "also_small": lambda limit, pop: (f"相手も人口{limit:,}人未満（{pop:,}人）", f"also under {limit:,} people ({pop:,})"),
    "contract": lambda end, months: (f"契約満了（{end}）が当団体と1年以内（{months:.0f}か月差）",
                                     f"contract ends {end}, within a year of ours ({months:.0f} months apart)"),
    "vendor": lambda vendor: (f"同じベンダー（{vendor}）", f"same vendor ({vendor})"),
    "interested": lambda: ("共同化に関心を示している", "has shown interest in a shared system"),
    "not_interested": lambda: ("共同化に関心がないと確認済み（減点）", "known not to be interested (score lowered)"),
    "group": lambda group: (f"既に「{group}」に参加しており、そのグループへの参加を検討できる",
                            f"already in group 「{group}」, which could be joined"),
}


class PartnerScorer:
    """Scores one candidate against the member it is linked to, with reasons (ja and en)."""

    def __init__(self, graph: nx.Graph, weights: Weights, home: HomeContext | None = None):
        self.graph = graph
        self.w = weights
        self.home = home

    def link_score(self, edge: dict) -> tuple[float, tuple]:
        w = self.w
        km = edge["km"]
        if edge["kind"] == LAND:
            return w.weight_land + w.weight_border_km * min(km / w.border_km_cap, 1.0), ("land", km)
        if edge["kind"] == BRIDGE:
            return w.weight_bridge, ("bridge", km)
        rank = edge.get("rank", 1)
        return w.weight_sea * (w.sea_rank_decay ** (rank - 1)), ("sea", rank, km)

    def points(self, anchor: str, code: str) -> tuple[float, list[tuple]]:
        """Score of ``code`` as a partner reached from ``anchor``, with reason keys (words come later:
        growing a group scores many candidates and explains only those it picks)."""
        w, node = self.w, self.graph.nodes[code]
        score, link = self.link_score(self.graph.edges[anchor, code])
        keys = [link]
        home_pref = self.home.prefecture if self.home else self.graph.nodes[anchor]["prefecture"]
        home_pop = self.home.population if self.home else self.graph.nodes[anchor]["population"]
        if node["prefecture"] == home_pref:
            score += w.weight_same_prefecture
            keys.append(("same_prefecture", home_pref))
        if node["population"] < w.small_population and home_pop < w.small_population:
            score += w.weight_also_small
            keys.append(("also_small", w.small_population, node["population"]))
        group = node["group"]
        info = self.home.neighbours.get(code, {}) if self.home else {}
        if info.get("cloud_status") == "group" or info.get("group"):
            group = info.get("group") or group or "（名称不明）"
        if info.get("cloud_status") in ("none", "single") and not info.get("group"):
            group = None  # the advisor knows better than the partial case list
        if self.home is not None:
            if info.get("contract_end") and self.home.contract_end:
                theirs = dt.date.fromisoformat(str(info["contract_end"]))
                months = _months_apart(theirs, self.home.contract_end)
                if months <= w.contract_window_months:
                    score += w.weight_contract_aligned
                    keys.append(("contract", theirs.isoformat(), months))
            if info.get("vendor") and info["vendor"] in self.home.vendors:
                score += w.weight_same_vendor
                keys.append(("vendor", info["vendor"]))
            if info.get("interested") is True:
                score += w.weight_interested
                keys.append(("interested",))
            elif info.get("interested") is False:
                score -= w.weight_interested
                keys.append(("not_interested",))
        if group and (self.home is None or group != self.home.group):
            score += w.weight_existing_group
            keys.append(("group", group))
        return round(score, 3), keys

    def score(self, anchor: str, code: str) -> tuple[float, list[str], list[str]]:
        """Score of ``code`` as a partner, reached over its edge from ``anchor``, with reasons (ja, en)."""
        score, keys = self.points(anchor, code)
        ja, en = zip(*(REASONS[key[0]](*key[1:]) for key in keys))
        return score, list(ja), list(en)

    def group_of(self, code: str) -> str | None:
        info = self.home.neighbours.get(code, {}) if self.home else {}
        if info.get("cloud_status") in ("none", "single") and not info.get("group"):
            return None
        if info.get("cloud_status") == "group" or info.get("group"):
            return info.get("group") or self.graph.nodes[code]["group"] or "（名称不明）"
        return self.graph.nodes[code]["group"]


def score_text(score: float) -> str:
    """A partner score as people read it, the same everywhere (memo table, group reasons): 6.8."""
    return f"{score:.1f}"


def rank_partners(graph: nx.Graph, scorer: PartnerScorer, code: str) -> list[dict]:
    """Every graph neighbour of ``code`` as a partner, best first, ties by code."""
    out = []
    for other in graph.neighbors(code):
        edge = graph.edges[code, other]
        score, ja, en = scorer.score(code, other)
        node = graph.nodes[other]
        entry = {"code": other, "name": node["name"], "prefecture": node["prefecture"], "score": score,
                 "reasons": ja, "reasons_en": en, "link": edge["kind"],
                 "border_km": edge["km"] if edge["kind"] == LAND else None,
                 "distance_km": edge["km"] if edge["kind"] != LAND else 0.0,
                 "population": node["population"]}
        info = scorer.home.neighbours.get(other, {}) if scorer.home else {}
        if "cloud_status" in info:
            entry["cloud_status"] = info["cloud_status"]
        group = scorer.group_of(other)
        if group:
            entry["group"] = group
        out.append(entry)
    out.sort(key=lambda p: (-p["score"], p["code"]))
    return out


def grow_group(graph: nx.Graph, scorer: PartnerScorer, seed: str, max_size: int, *,
               exclude: frozenset = frozenset(), allowed: set | None = None) -> tuple[list[str], dict[str, tuple]]:
    """Grow a connected group from ``seed`` by best marginal partner score (deterministic).

    A candidate must touch the group; its score is its best pair score against a
    member. Candidates in the seed's prefecture come first; another prefecture is
    used only while the group has no second member and none is left at home.
    Stops at ``max_size``, when the best candidate scores under the threshold
    (after the second member), or when the combined population reaches the target.
    Returns the members in joining order and, per added member, (anchor, score, ja, en, crossed).
    """
    w = scorer.w
    home_pref = graph.nodes[seed]["prefecture"]
    members, why = [seed], {}
    population = graph.nodes[seed]["population"]
    best: dict[str, tuple] = {}

    def consider(anchor: str) -> None:
        for other in graph.neighbors(anchor):
            if other in why or other == seed or other in exclude or (allowed is not None and other not in allowed):
                continue
            score, _ = scorer.points(anchor, other)
            current = best.get(other)
            if current is None or (score, -int(anchor)) > (current[1], -int(current[0])):
                best[other] = (anchor, score)

    consider(seed)
    while len(members) < max_size and best:
        home = [c for c in best if graph.nodes[c]["prefecture"] == home_pref]
        pool = home or (list(best) if len(members) == 1 else [])
        if not pool:
            break
        pick = min(pool, key=lambda c: (-best[c][1], c))
        anchor, score = best.pop(pick)
        if len(members) >= 2 and (score < w.min_member_score or population >= w.target_population):
            break
        _, ja, en = scorer.score(anchor, pick)  # words only for the members picked
        why[pick] = (anchor, score, ja, en, graph.nodes[pick]["prefecture"] != home_pref)
        members.append(pick)
        population += graph.nodes[pick]["population"]
        consider(pick)
    return members, why


def _member(graph: nx.Graph, code: str) -> dict:
    return {"code": code, "name": graph.nodes[code]["name"], "prefecture": graph.nodes[code]["prefecture"],
            "population": graph.nodes[code]["population"]}


def _join_proposal(graph, knowledge, home: HomeContext, group_name: str, via: str | None) -> dict:
    """Advice to join (or stay in) an existing group rather than form a new one."""
    known = next((g for g in knowledge.case_groups if g.group_name == group_name), None)
    codes = [home.code] + ([via] if via else [])
    if known is not None:
        codes += [c for c in known.members if c not in codes]
    members = [_member(graph, c) for c in codes]
    if via is None:
        ja = [f"既に「{group_name}」に参加しているため、新たなグループを作るのではなく、このグループでの共同利用の拡充（業務範囲・調達の合わせ込み）を助言する"]
        en = [f"already in 「{group_name}」: advise on extending that shared use (scope, aligned procurement) rather than forming a new group"]
    else:
        ja = [f"最も評価の高い連携相手 {graph.nodes[via]['name']} が既に「{group_name}」に参加しているため、新たに作るより参加を検討する（後から参加する団体も J-LIS 支援の対象）"]
        en = [f"the best partner, {graph.nodes[via]['name']}, is already in 「{group_name}」: consider joining it rather than forming a new group (late joiners are eligible for J-LIS support)"]
    if known is None or not known.members:
        ja.append("このグループの構成団体の一覧は知識ベースにないため、判明している団体のみ示す")
        en.append("the knowledge base does not list this group's members; only those known are shown")
    prefectures = {m["prefecture"] for m in members}
    return {"members": [{"code": m["code"], "name": m["name"]} for m in members],
            "population_total": sum(m["population"] for m in members),
            "reasons": ja, "reasons_en": en, "crosses_prefecture": len(prefectures) > 1,
            "join_existing": group_name, "connected": nx.is_connected(graph.subgraph(codes)) if codes else False}


def propose_group(graph: nx.Graph, knowledge, scorer: PartnerScorer, partners: list[dict]) -> dict:
    home, w = scorer.home, scorer.w
    if home.group:
        return _join_proposal(graph, knowledge, home, home.group, None)
    if partners and partners[0].get("group"):
        return _join_proposal(graph, knowledge, home, partners[0]["group"], partners[0]["code"])
    # Neighbours already in a group are for joining, not for a new group.
    taken = frozenset(p["code"] for p in partners if p.get("group"))
    members, why = grow_group(graph, scorer, home.code, int(w.max_group_size), exclude=taken)
    # The home's own population may come from the profile's overrides.
    population = home.population + sum(graph.nodes[c]["population"] for c in members[1:])
    ja, en = [], []
    for code in members[1:]:
        anchor, score, reasons, reasons_en, crossed = why[code]
        via = "" if anchor == home.code else f"（{graph.nodes[anchor]['name']}経由）"
        via_en = "" if anchor == home.code else f" (via {graph.nodes[anchor]['name']})"
        ja.append(f"{graph.nodes[code]['name']}{via}: " + "、".join(reasons) + f"（{score_text(score)}点）")
        en.append(f"{graph.nodes[code]['name']}{via_en}: " + "; ".join(reasons_en) + f" ({score_text(score)} points)")
        if crossed:
            ja.append(f"県内に連携できる隣接・最寄りの団体がないため、県境を越えて{graph.nodes[code]['prefecture']}"
                      f"{graph.nodes[code]['name']}と組む")
            en.append(f"no partner within the prefecture, so the group crosses into {graph.nodes[code]['prefecture']}")
    if len(members) < 2:
        ja.append("グループを組める隣接・最寄りの団体が見つからない")
        en.append("no neighbour or nearest municipality is available for a group")
    else:
        ja.append(f"{len(members)}団体・合計人口{population:,}人（上限{int(w.max_group_size)}団体、目安{int(w.target_population):,}人）")
        en.append(f"{len(members)} municipalities, {population:,} people in all (at most {int(w.max_group_size)}, "
                  f"aiming at {int(w.target_population):,})")
    prefectures = {graph.nodes[c]["prefecture"] for c in members}
    return {"members": [{"code": c, "name": graph.nodes[c]["name"]} for c in members],
            "population_total": population, "reasons": ja, "reasons_en": en,
            "crosses_prefecture": len(prefectures) > 1, "join_existing": None,
            # grow_group only adds neighbours of members, so a grown group is connected by construction
            "connected": len(members) >= 2}


def scorer_for(advisor, advice) -> PartnerScorer:
    weights = load_weights(advisor.parameters, advice.as_of)
    graph = national_graph(advisor.knowledge, weights.bridge_km, advice.as_of)
    home = home_context(advice.profile, advisor.knowledge, advice.facts.values.get("population"))
    return PartnerScorer(graph, weights, home)


def attach(advisor, advice) -> None:
    """Set ``advice.partners`` and ``advice.proposed_group``."""
    scorer = scorer_for(advisor, advice)
    partners = rank_partners(scorer.graph, scorer, scorer.home.code)
    advice.partners = partners
    advice.proposed_group = propose_group(scorer.graph, advisor.knowledge, scorer, partners)
