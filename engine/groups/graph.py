"""全国の隣接グラフ / the national border graph of all 1,741 municipalities.

Nodes carry name, prefecture, type, population (of the census in force on the
advice date: one graph per census), 財政力指数
(latest year), a point (lon/lat), whether the municipality has a coast, its
郡 (district) for a 町村, and its 振興局 in 北海道. Edges are land borders (``kind="land"``, shared
``km``) and, for the 48 municipalities with no land border, sea links to their
nearest ones (``kind="sea"``, ``km`` = distance). A sea link shorter than the
bridge threshold (江田島市–呉市, 0.3 km) is a neighbour in practice
(``kind="bridge"``). A "nearest" municipality that has no coast is not across
the sea (奥尻町's third nearest, 今金町, lies inland behind せたな町): such rows
are not links at all; the coastal municipality in between is.

Memberships of 自治体クラウド groups are not on the graph: they are dated, and
the graph is shared by advice for every date (see ``known.py``).

The graph is built once per process and threshold (``national_graph()``) and must
be treated as read-only by callers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import weakref

import networkx as nx

from ..knowledge.base import KnowledgeBase, _Table, load_knowledge
from ..paths import KNOWLEDGE_DIR

LAND, SEA, BRIDGE = "land", "sea", "bridge"
DEFAULT_BRIDGE_KM = 1.0  # mirrors parameter partners.bridge_km; a link strictly under it is a bridge
COASTLINE_PATH = KNOWLEDGE_DIR / "data" / "coastline.csv"
SUBPREFECTURES_PATH = KNOWLEDGE_DIR / "data" / "hokkaido_subprefectures.csv"
EARTH_KM = 6371.0088


def coastal_codes(knowledge: KnowledgeBase, path=COASTLINE_PATH) -> frozenset[str]:
    """Codes of the municipalities with a coast (knowledge/data/coastline.csv, derived from the TopoJSON)."""
    table = _Table(path, ("code", "coastline_km"))
    codes = table.require_known("code", set(knowledge.municipalities))
    return frozenset(code for code, km in zip(codes, table.numbers("coastline_km")) if km > 0)


def subprefectures(knowledge: KnowledgeBase, path=SUBPREFECTURES_PATH) -> dict[str, str]:
    """北海道's municipalities -> their 振興局 (knowledge/data/hokkaido_subprefectures.csv, from the TopoJSON)."""
    table = _Table(path, ("code", "subprefecture"))
    codes = table.require_known("code", set(knowledge.municipalities))
    return dict(zip(codes, table.text("subprefecture")))


def district_of(code: str, kind: str) -> int | None:
    """The 郡 (district) of a 町 or 村 as its block of the code: 町村 are numbered by 郡 from 301, 321,
    341… in blocks of 20 (全国地方公共団体コード 付番方法). A 市 or 区 belongs to no 郡 (None).

    Two exceptions, where the block is the 支庁 (``district_kind``): 東京都's island 町村 belong to no
    郡 and are numbered by 支庁 the same way (大島 361–, 三宅 381–, 八丈 401–, 小笠原 421); 北海道
    numbers by 支庁 (振興局) in blocks of 30, the 振興局 itself taking the round number (石狩振興局
    01300, 渡島総合振興局 01330, 檜山振興局 01360…: 国土数値情報 行政コード, 2012-04-01).
    """
    number = int(code[2:5])
    if kind not in ("町", "村") or number < 301:
        return None
    if code.startswith("01"):
        return (number - 300) // 30
    return (number - 301) // 20


def district_kind(code: str) -> str:
    """What a code block stands for: 振興局 in 北海道, 支庁 for 東京都's islands, else 郡."""
    return "振興局" if code.startswith("01") else "支庁" if code.startswith("13") else "郡"


def build_graph(knowledge: KnowledgeBase, bridge_km: float = DEFAULT_BRIDGE_KM,
                as_of: dt.date | None = None) -> nx.Graph:
    """A fresh graph (use ``national_graph`` for the shared cached one).

    Populations are those of the census in force on ``as_of`` (the latest census when None).
    """
    graph = nx.Graph()
    populations = knowledge.populations_on(as_of) if as_of is not None else None
    coastal = coastal_codes(knowledge)
    offices = subprefectures(knowledge)
    fiscal_latest = {code: (max(h.items()) if h else (None, None)) for code, h in knowledge._fiscal.items()}
    graph.add_nodes_from(
        (code, {
            "name": m.name, "prefecture": m.prefecture, "type": m.type,
            "population": populations[code] if populations is not None else m.population,
            "fiscal_strength_index": fiscal_latest[code][1], "fiscal_year": fiscal_latest[code][0],
            "lon": m.lon, "lat": m.lat, "coastal": code in coastal, "district": district_of(code, m.type),
            "subprefecture": offices.get(code),  # 北海道 only: its 振興局
        })
        for code, m in knowledge.municipalities.items()
    )
    graph.add_edges_from(
        (b.code_a, b.code_b, {"kind": LAND, "km": b.km, "cross_prefecture": b.cross_prefecture})
        for b in knowledge.borders
    )
    inland = []
    for link in knowledge.sea_links:
        if link.neighbor_code not in coastal:
            inland.append((link.code, link.neighbor_code))
            continue
        if graph.has_edge(link.code, link.neighbor_code):
            # Both ends island-only and each in the other's list: keep the shorter reading.
            if graph.edges[link.code, link.neighbor_code]["km"] <= link.km:
                continue
        kind = BRIDGE if link.km < bridge_km else SEA
        pref_a = graph.nodes[link.code]["prefecture"]
        pref_b = graph.nodes[link.neighbor_code]["prefecture"]
        graph.add_edge(link.code, link.neighbor_code, kind=kind, km=link.km, rank=link.rank,
                       cross_prefecture=pref_a != pref_b)
    graph.graph["inland_nearest"] = tuple(inland)  # dropped "nearest" rows, for the record
    return graph


class Lookups:
    """Plain-dict views of a built graph for the scoring hot loops (networkx's views cost a
    Python call per access), and every point in radians sorted by latitude for ``within_km``.

    The node and neighbour dicts are the graph's own (not copies), so attributes read the same;
    the graph must not gain or lose nodes or edges afterwards (it is shared read-only).
    """

    def __init__(self, graph: nx.Graph):
        self.nodes = dict(graph.nodes(data=True))
        self.adj = dict(graph.adjacency())
        self.lat = {code: math.radians(data["lat"]) for code, data in self.nodes.items()}
        self.lon = {code: math.radians(data["lon"]) for code, data in self.nodes.items()}
        by_lat = sorted((self.lat[code], code) for code in sorted(self.nodes))
        self.lats = [lat for lat, _ in by_lat]
        self.by_lat = [code for _, code in by_lat]
        self.order = {code: i for i, code in enumerate(sorted(self.nodes))}


def lookups(graph: nx.Graph) -> Lookups:
    """The graph's ``Lookups``, made on first use and kept with it."""
    found = graph.graph.get("lookups")
    if found is None:
        found = graph.graph["lookups"] = Lookups(graph)
    return found


# One graph per (knowledge base, threshold); weak keys so a test's own knowledge base can go.
_GRAPHS: "weakref.WeakKeyDictionary[KnowledgeBase, dict[tuple, nx.Graph]]" = weakref.WeakKeyDictionary()


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


def distance_km(graph: nx.Graph, a: str, b: str) -> float:
    """Great-circle distance between the two municipalities' points (a point inside each)."""
    look = lookups(graph)
    lat1, lat2 = look.lat[a], look.lat[b]
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(look.nodes[b]["lon"] - look.nodes[a]["lon"]) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def within_km(graph: nx.Graph, code: str, km: float) -> list[tuple[str, float]]:
    """Every other municipality whose point is within ``km`` of ``code``'s, with the distance, by code."""
    look = lookups(graph)
    lat1, lon1 = look.lat[code], look.lon[code]
    cos1 = math.cos(lat1)
    # A cheap bound first: one degree of latitude is about 111 km. Only the band of latitudes
    # is scanned (bisected, a little wider than the bound, which then decides exactly as before).
    dlat_max = km / EARTH_KM
    low = bisect.bisect_left(look.lats, lat1 - dlat_max * 1.001 - 1e-9)
    high = bisect.bisect_right(look.lats, lat1 + dlat_max * 1.001 + 1e-9)
    # And a bound on longitude, loose on purpose (the distance test decides): within the band every
    # cos(lat) >= smallest, and hav(d) >= cos(lat1) cos(lat2) hav(dlon), so
    # dlon <= 2 asin(sin(d / 2) / smallest).
    smallest = min(math.cos(look.lats[low]), math.cos(look.lats[high - 1])) if high > low else 1.0
    dlon_max = 2 * math.asin(min(1.0, math.sin(dlat_max / 2) / max(smallest, 1e-6))) * 1.01 + 1e-9 \
        if smallest > 0.05 else math.inf
    lons = look.lon
    found = []
    sin, cos, asin, sqrt = math.sin, math.cos, math.asin, math.sqrt
    for lat2, other in zip(look.lats[low:high], look.by_lat[low:high]):
        if abs(lat2 - lat1) > dlat_max or other == code:
            continue
        dlon = abs(lons[other] - lon1)
        if dlon > dlon_max and math.tau - dlon > dlon_max:  # (either way round the globe)
            continue
        h = sin((lat2 - lat1) / 2) ** 2 + cos1 * cos(lat2) * sin((lons[other] - lon1) / 2) ** 2
        d = 2 * EARTH_KM * asin(min(1.0, sqrt(h)))
        if d <= km:
            found.append((look.order[other], other, d))
    found.sort()
    return [(other, d) for _, other, d in found]
