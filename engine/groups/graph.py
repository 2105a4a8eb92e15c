"""全国の隣接グラフ / the national border graph of all 1,741 municipalities.

Nodes carry population, 財政力指数 (latest year), prefecture, type and the known
自治体クラウド group; edges are land borders (``kind="land"``, shared ``km``) and,
for the 48 municipalities with no land border, sea links to their nearest ones
(``kind="sea"``, ``km`` = distance). A sea link shorter than the bridge threshold
(江田島市–呉市, 0.3 km) is a neighbour in practice (``kind="bridge"``).

The graph is built once per process and threshold (``national_graph()``) and must
be treated as read-only by callers.
"""

from __future__ import annotations

import datetime as dt
import weakref

import networkx as nx

from ..knowledge.base import KnowledgeBase, load_knowledge

LAND, SEA, BRIDGE = "land", "sea", "bridge"
DEFAULT_BRIDGE_KM = 1.0  # mirrors parameter partners.bridge_km; a link strictly under it is a bridge
# The fiscal data ends in FY2021; "latest" means the newest year on file.
_LATEST = dt.date(9999, 12, 31)


def build_graph(knowledge: KnowledgeBase, bridge_km: float = DEFAULT_BRIDGE_KM,
                as_of: dt.date | None = None) -> nx.Graph:
    """A fresh graph (use ``national_graph`` for the shared cached one).

    Populations are those of the census in force on ``as_of`` (the latest census when None).
    """
    graph = nx.Graph()
    populations = knowledge.populations_on(as_of) if as_of is not None else None
    fiscal_latest = {code: (max(h.items()) if h else (None, None)) for code, h in knowledge._fiscal.items()}
    graph.add_nodes_from(
        (code, {
            "name": m.name, "prefecture": m.prefecture, "type": m.type,
            "population": populations[code] if populations is not None else m.population,
            "fiscal_strength_index": fiscal_latest[code][1], "fiscal_year": fiscal_latest[code][0],
            "group": (knowledge._group_of[code].group_name if code in knowledge._group_of else None),
            "lon": m.lon, "lat": m.lat,
        })
        for code, m in knowledge.municipalities.items()
    )
    graph.add_edges_from(
        (b.code_a, b.code_b, {"kind": LAND, "km": b.km, "cross_prefecture": b.cross_prefecture})
        for b in knowledge.borders
    )
    for link in knowledge.sea_links:
        if graph.has_edge(link.code, link.neighbor_code):
            # Both ends island-only and each in the other's list: keep the shorter reading.
            if graph.edges[link.code, link.neighbor_code]["km"] <= link.km:
                continue
        kind = BRIDGE if link.km < bridge_km else SEA
        pref_a = graph.nodes[link.code]["prefecture"]
        pref_b = graph.nodes[link.neighbor_code]["prefecture"]
        graph.add_edge(link.code, link.neighbor_code, kind=kind, km=link.km, rank=link.rank,
                       cross_prefecture=pref_a != pref_b)
    return graph


# One graph per (knowledge base, threshold); weak keys so a test's own knowledge base can go.
_GRAPHS: "weakref.WeakKeyDictionary[KnowledgeBase, dict[float, nx.Graph]]" = weakref.WeakKeyDictionary()


def national_graph(knowledge: KnowledgeBase | None = None, bridge_km: float = DEFAULT_BRIDGE_KM,
                   as_of: dt.date | None = None) -> nx.Graph:
    """The graph, built once per process (per knowledge base, bridge threshold and census in force)."""
    from ..knowledge.census import census_on
    knowledge = knowledge or load_knowledge()
    by_threshold = _GRAPHS.setdefault(knowledge, {})
    census = census_on(as_of)[0].year if as_of is not None else None
    key = (float(bridge_km), census)
    if key not in by_threshold:
        by_threshold[key] = build_graph(knowledge, key[0], as_of)
    return by_threshold[key]


def is_neighbour_edge(data: dict) -> bool:
    """A land border or a bridge: the two can be treated as neighbours."""
    return data["kind"] in (LAND, BRIDGE)


def neighbour_view(graph: nx.Graph) -> nx.Graph:
    """The subgraph view of land borders and bridges only."""
    return nx.subgraph_view(graph, filter_edge=lambda a, b: is_neighbour_edge(graph.edges[a, b]))
