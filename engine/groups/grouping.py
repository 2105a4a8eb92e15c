"""県の広域グループ案 / a prefecture's plan of candidate groups.

The prefecture's support role: partition its municipalities that are not yet in
a known group into connected candidate groups of at most ``max_size`` members.

1. The prefecture's subgraph (land borders, bridges, sea links between its own
   municipalities), edges weighted by the partner score of the pair.
2. Louvain communities (``networkx.community.louvain_communities``, fixed seed:
   deterministic) on that weighted graph.
3. Each community split into its connected parts; a part over ``max_size`` is
   cut by Kernighan–Lin bisection (``networkx.algorithms.community.
   kernighan_lin_bisection``, fixed seed) until every part fits, again keeping
   only connected parts.
4. A lone municipality joins the adjacent group with room that it is most
   strongly linked to; two lone neighbours pair up. One with no link inside the
   prefecture stays alone, with the reason (and its nearest across the line).
"""

from __future__ import annotations

import datetime as dt
import math

import networkx as nx
from networkx.algorithms.community import kernighan_lin_bisection, louvain_communities

from ..errors import InputError
from .graph import national_graph
from .partners import PartnerScorer, load_weights

SEED = 20170609  # fixed seed: the same input gives the same plan


def _weighted_subgraph(graph: nx.Graph, scorer: PartnerScorer, codes: list[str]) -> nx.Graph:
    sub = nx.Graph()
    sub.add_nodes_from(sorted(codes))
    # Edges in code order: a subgraph view's order depends on the string hash seed.
    edges = sorted((min(a, b), max(a, b), data) for a, b, data in graph.subgraph(codes).edges(data=True))
    for a, b, data in edges:
        sub.add_edge(a, b, weight=max(scorer.points(a, b)[0], 0.01), kind=data["kind"], km=data["km"])
    return sub


def _ordered(sub: nx.Graph, nodes) -> nx.Graph:
    """A copy of the induced subgraph with nodes and edges in code order.

    networkx subgraph views iterate a set of nodes, whose order depends on the
    process's string hash seed; the algorithms below are seeded, so they must
    also see their input in a fixed order to give the same plan every run.
    """
    keep = set(nodes)
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(keep))
    ordered.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in sub.edges(keep, data=True)
                                  if a in keep and b in keep))
    return ordered


def _connected_parts(sub: nx.Graph, nodes) -> list[set]:
    return sorted((set(part) for part in nx.connected_components(_ordered(sub, nodes))), key=min)


def _split(sub: nx.Graph, part: set, max_size: int) -> list[set]:
    """Kernighan–Lin bisection, recursively, until every connected part fits."""
    if len(part) <= max_size:
        return [part]
    halves = kernighan_lin_bisection(_ordered(sub, part), weight="weight", seed=SEED)
    out = []
    for half in halves:
        for piece in _connected_parts(sub, half):
            out.extend(_split(sub, piece, max_size))
    return out


def _link_weight(sub: nx.Graph, node: str, group: set) -> float:
    return sum(sub.edges[node, other]["weight"] for other in sorted(sub.neighbors(node)) if other in group)


def _merge_singletons(sub: nx.Graph, parts: list[set], max_size: int) -> list[set]:
    parts = sorted((set(p) for p in parts), key=lambda p: min(p))
    changed = True
    while changed:
        changed = False
        for lone in [p for p in parts if len(p) == 1]:
            node = next(iter(lone))
            options = [p for p in parts if p is not lone and len(p) < max_size and _link_weight(sub, node, p) > 0]
            if not options:
                continue
            best = max(options, key=lambda p: (_link_weight(sub, node, p), -len(p), [-int(c) for c in sorted(p)]))
            best.add(node)
            parts.remove(lone)
            changed = True
            break
    return sorted(parts, key=lambda p: min(p))


def plan_prefecture(knowledge, parameters, prefecture: str, max_size: int | None = None,
                    as_of: dt.date | None = None) -> dict:
    """The candidate groups of ``prefecture`` (a JSON-able dict)."""
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
    graph = national_graph(knowledge, weights.bridge_km)
    scorer = PartnerScorer(graph, weights)
    all_codes = [c for c, d in graph.nodes(data=True) if d["prefecture"] == prefecture]
    in_group = sorted(c for c in all_codes if graph.nodes[c]["group"])
    free = [c for c in all_codes if not graph.nodes[c]["group"]]
    sub = _weighted_subgraph(graph, scorer, free)
    parts: list[set] = []
    if sub.number_of_edges():
        communities = louvain_communities(sub, weight="weight", seed=SEED)
    else:
        communities = [{c} for c in sub]
    for community in sorted(communities, key=lambda c: min(c)):
        for piece in _connected_parts(sub, community):
            parts.extend(_split(sub, piece, max_size))
    parts = _merge_singletons(sub, parts, max_size)
    groups = [_describe(graph, sub, sorted(part), index + 1, weights) for index, part in enumerate(parts)]
    return {
        "prefecture": prefecture, "as_of": as_of.isoformat(), "max_size": max_size,
        "algorithm": "louvain_communities + kernighan_lin_bisection (networkx), seed " + str(SEED),
        "municipalities": len(all_codes), "planned": len(free),
        "already_in_group": [{"code": c, "name": graph.nodes[c]["name"], "group": graph.nodes[c]["group"]}
                             for c in in_group],
        "groups": groups,
    }


def _describe(graph: nx.Graph, sub: nx.Graph, members: list[str], number: int, weights) -> dict:
    population = sum(graph.nodes[c]["population"] for c in members)
    small = [c for c in members if graph.nodes[c]["population"] < weights.small_population]
    inner = sub.subgraph(members)
    kinds = sorted({d["kind"] for _, _, d in inner.edges(data=True)})
    border = math.fsum(d["km"] for _, _, d in inner.edges(data=True) if d["kind"] == "land")  # order-free sum
    ja, en = [], []
    if len(members) == 1:
        code = members[0]
        outside = sorted(graph.neighbors(code), key=lambda o: (graph.edges[code, o]["km"] if graph.edges[code, o]["kind"] != "land" else 0, o))
        ja.append("県内に連携できる未参加の隣接・最寄りの団体がない")
        en.append("no neighbour in the prefecture that is not already in a group")
        across = [o for o in outside if graph.nodes[o]["prefecture"] != graph.nodes[code]["prefecture"]]
        if across:
            o = across[0]
            ja.append(f"県境を越えた最寄りは{graph.nodes[o]['prefecture']}{graph.nodes[o]['name']}（県をまたぐ連携を検討）")
            en.append(f"its nearest across the prefectural line is {graph.nodes[o]['name']} ({graph.nodes[o]['prefecture']})")
    else:
        link_ja = {"land": "陸の境界", "bridge": "架橋・近接の島", "sea": "海の最寄り"}
        ja.append(f"{len(members)}団体が互いに連結している（" + "・".join(link_ja[k] for k in kinds) + "）")
        en.append(f"{len(members)} municipalities, connected by " + ", ".join(kinds) + " links")
        if border:
            ja.append(f"団体間の境界は合計 {border:.1f} km")
            en.append(f"{border:.1f} km of shared borders within the group")
        ja.append(f"人口{weights.small_population:,}人未満の団体が {len(small)} / {len(members)}")
        en.append(f"{len(small)} of {len(members)} have under {weights.small_population:,} people")
    ja.append(f"合計人口 {population:,}人")
    en.append(f"{population:,} people in all")
    return {"number": number,
            "members": [{"code": c, "name": graph.nodes[c]["name"], "population": graph.nodes[c]["population"]}
                        for c in members],
            "population_total": population, "connected": nx.is_connected(graph.subgraph(members)),
            "reasons": ja, "reasons_en": en}


def render_text(plan: dict, lang: str = "ja") -> str:
    lines = [f"{plan['prefecture']} の自治体クラウド グループ案（最大 {plan['max_size']} 団体、"
             f"対象 {plan['planned']} / {plan['municipalities']} 団体）"]
    if plan["already_in_group"]:
        lines.append("既にグループに参加（対象外）: " + "、".join(f"{m['name']}（{m['group']}）" for m in plan["already_in_group"]))
    for group in plan["groups"]:
        names = "・".join(m["name"] for m in group["members"])
        lines.append(f"\n案{group['number']}: {names}  合計人口 {group['population_total']:,}人")
        for reason in group["reasons" if lang == "ja" else "reasons_en"]:
            lines.append(f"  - {reason}")
    lines.append(f"\n手法: {plan['algorithm']}")
    return "\n".join(lines) + "\n"
