"""連携相手 / partner ranking, and the municipality's options for a group.

``attach(advisor, advice)`` (called by ``Advisor.advise``) sets

* ``advice.partners``: the best candidates (land borders, bridged islands, sea
  links of islands with no land border, and any municipality within
  ``partners.reach_km``), each with a score and the reasons behind it in words,
  best first (ties by code);
* ``advice.proposed_group``: the municipality's group in its prefecture's plan
  (``grouping.plan_prefecture``, the same plan ``advise groups`` prints), or,
  for a municipality already in a group, that group; where the profile knows
  better than the public data (a neighbour not interested or already in a
  group) the plan is made without them and the group says why it differs;
* ``advice.extras["join_option"]``: the best existing group within reach to
  join instead (same prefecture — in 北海道 the same 振興局 — or a member within
  ``partners.reach_km``), none for a municipality too large for a group cloud;
  ``advice.extras["join_unavailable"]`` says why a group within reach is not
  proposed (its members and this municipality too unlike in size).

What drives real groups (shared/policy/domain-research.md 2.3–2.5), each a
parameter in knowledge/parameters/partners.yaml with its evidence: a shared
border or sea link; nearness; the same prefecture; a similar size; the same
郡 for 町村 (the unit of their existing joint bodies). What the advisor knows of
a neighbour (profile ``neighbours:``: group, vendor, contract end, interest)
adds to its score.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache

import networkx as nx

from ..documents.values import half_up, people
from ..documents.wareki import format_date
from ..knowledge.census import census_on
from .graph import BRIDGE, LAND, distance_km, district_kind, lookups, national_graph, within_km
from .known import known_on

WEIGHT_NAMES = ("weight_land", "weight_border_km", "border_km_cap", "weight_sea", "sea_rank_decay", "bridge_km",
                "weight_near", "reach_km", "weight_same_prefecture", "weight_similar_size", "size_ratio_zero",
                "weight_same_district", "weight_contract_aligned", "contract_window_months", "weight_same_vendor",
                "weight_existing_group", "weight_interested", "max_group_size", "min_link_score",
                "max_member_population", "peer_only_population")
LIST_SIZE = 10  # partners shown: the memo lists them all with reasons


class Weights:
    """The partner weights as plain attributes (read in the scoring hot loop)."""

    def __init__(self, values: dict):
        self.values = dict(values)
        self.__dict__.update(values)
        self.log_size_ratio = math.log(values["size_ratio_zero"])


@lru_cache(maxsize=32)
def load_weights(parameters, as_of: dt.date) -> Weights:
    """The partner weights in force on ``as_of`` (the earliest value if none is yet); cached per date."""
    values = {}
    for name in WEIGHT_NAMES:
        param = parameters.get(f"partners.{name}")
        dated = param.at(as_of) or param.values[0]
        values[name] = dated.value
    return Weights(values)


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
    group_from_profile: bool = False           # the profile, not the knowledge base, says so
    as_of: dt.date | None = None               # the advice date (dates in reasons are written as known then)


def home_context(profile, knowledge, as_of: dt.date, population: int | None = None) -> HomeContext:
    m = profile.municipality
    systems = profile.get("systems") or []
    vendors = frozenset(s["vendor"] for s in systems if s.get("vendor"))
    ends = [dt.date.fromisoformat(str(s["contract_end"])) for s in systems if s.get("contract_end")]
    neighbours = {knowledge.get(entry["code"]).code: entry for entry in profile.get("neighbours") or []}
    known = known_on(knowledge, as_of).group_of(m.code)
    status = profile.get("cloud.status")
    group, from_profile = None, False
    if status == "group":
        group = profile.get("cloud.group") or (known.name if known else "（名称不明のグループ）")
        from_profile = known is None or group != known.name
    elif known is not None and status is None:
        group = known.name
    return HomeContext(code=m.code, prefecture=m.prefecture, population=population or m.population,
                       vendors=vendors, contract_end=min(ends) if ends else None, neighbours=neighbours,
                       group=group, group_from_profile=from_profile, as_of=as_of)


def _months_apart(a: dt.date, b: dt.date) -> float:
    return abs((a - b).days) / 30.4375


def _contract_words(end: str, months: float, as_of: str | None, window: float = 12) -> tuple[str, str]:
    """The partner's contract end in words (和暦 as known on the advice date) and how far from ours."""
    day, known = dt.date.fromisoformat(end), dt.date.fromisoformat(as_of) if as_of else None
    ja_day, en_day = format_date(day, "ja", known), format_date(day, "en", known)
    apart = int(half_up(months))
    if apart == 0:
        return f"契約満了が{ja_day}で当団体と同じ時期", f"contract ends {en_day}, at the same time as ours"
    within = ("1年以内", "within a year") if window == 12 else (f"{window:g}か月以内", f"within {window:g} months")
    return (f"契約満了が{ja_day}で当団体と約{apart}か月差（{within[0]}）",
            f"contract ends {en_day}, about {apart} month{'s' if apart > 1 else ''} from ours ({within[1]})")


# Reason key -> (ja, en) words.
REASONS = {
    "land": lambda km: (f"{km:.1f} km の境界を接する", f"shares a {km:.1f} km border"),
    "bridge": lambda km: (f"{km:.1f} km の海峡を隔てて隣接する（架橋・近接の島）",
                          f"adjacent across a {km:.1f} km strait (bridged or nearby island)"),
    "sea": lambda rank, km: (f"海を隔てて最寄り{rank}番目（{km:.1f} km）", f"nearest across the sea (#{rank}, {km:.1f} km)"),
    "near": lambda km: (f"役場間の直線距離 約{km:.0f} km", f"about {km:.0f} km apart in a straight line"),
    "same_prefecture": lambda pref: (f"同じ{pref}", f"same prefecture ({pref})"),
    "other_prefecture": lambda pref: (f"県境を越えた{pref}の団体", f"across the prefectural line, in {pref}"),
    "similar_size": lambda pop: (f"人口規模が近い（{people(pop, 'ja')}）", f"similar in size ({people(pop, 'en')})"),
    "district": lambda kind: (f"同じ{kind}の町村（町村会・一部事務組合など既存の広域連携の単位。団体コードから判定）",
                              f"a town or village of the same {kind} (the unit of existing joint bodies; "
                              "read from the code)"),
    "contract": _contract_words,
    "vendor": lambda vendor: (f"同じベンダー（{vendor}）", f"same vendor ({vendor})"),
    "interested": lambda: ("共同化に関心を示している", "has shown interest in a shared system"),
    "not_interested": lambda: ("共同化に関心がないと確認済み（減点）", "known not to be interested (score lowered)"),
    "group": lambda group: (f"既に「{group}」に参加しており、そのグループへの参加を検討できる",
                            f"already in group 「{group}」, which could be joined"),
}


def words(keys: list[tuple]) -> tuple[list[str], list[str]]:
    ja, en = zip(*(REASONS[key[0]](*key[1:]) for key in keys)) if keys else ((), ())
    return list(ja), list(en)


class PartnerScorer:
    """Scores one candidate against the member it is linked to, with reasons (ja and en).

    ``home`` is the advised municipality's profile context, or None for the
    prefecture plan, which uses public knowledge only (so the score is symmetric).
    """

    def __init__(self, graph: nx.Graph, weights: Weights, home: HomeContext | None = None,
                 known=None, populations: dict | None = None):
        self.graph = graph
        self.look = lookups(graph)  # plain dicts of the graph's nodes and edges, for the hot loop
        self.w = weights
        self.home = home
        self.known = known            # KnownOnDate, or None: no group known
        self.populations = populations or {}

    def population(self, code: str) -> int:
        if self.home is not None and code == self.home.code:
            return self.home.population
        return self.populations.get(code) or self.look.nodes[code]["population"]

    def link_points(self, edge: dict) -> tuple[float, tuple]:
        w = self.w
        km = edge["km"]
        if edge["kind"] == LAND:
            return w.weight_land + w.weight_border_km * min(km / w.border_km_cap, 1.0), ("land", km)
        if edge["kind"] == BRIDGE:
            return w.weight_land, ("bridge", km)  # a bridged island is a neighbour in practice
        rank = edge.get("rank", 1)
        return w.weight_sea * (w.sea_rank_decay ** (rank - 1)), ("sea", rank, km)

    def size_points(self, a: int, b: int) -> float:
        """Full for equal populations, falling to 0 at a ratio of ``size_ratio_zero``."""
        if a <= 0 or b <= 0:
            return 0.0
        return self.w.weight_similar_size * max(0.0, 1.0 - abs(math.log(a / b)) / self.w.log_size_ratio)

    def group_of(self, code: str) -> str | None:
        """The candidate's group: what the profile says, else what is known on the date."""
        info = self.home.neighbours.get(code, {}) if self.home else {}
        known = self.known.group_of(code) if self.known is not None else None
        if info.get("cloud_status") in ("none", "single") and not info.get("group"):
            return None  # the advisor knows better than the case lists
        if info.get("cloud_status") == "group" or info.get("group"):
            return info.get("group") or (known.name if known else None) or "（名称不明）"
        return known.name if known else None

    def points(self, anchor: str, code: str, km: float | None = None) -> tuple[float, list[tuple]]:
        """Score of ``code`` as a partner of ``anchor``, with reason keys (words come later: the plan
        scores many pairs and explains only the groups it keeps)."""
        w, nodes = self.w, self.look.nodes
        node, anchor_node = nodes[code], nodes[anchor]
        score, keys = 0.0, []
        edge = self.look.adj[anchor].get(code)
        if edge is not None:
            score, link = self.link_points(edge)
            keys.append(link)
        if km is None:
            km = distance_km(self.graph, anchor, code)
        if km < w.reach_km:
            score += w.weight_near * (1.0 - km / w.reach_km)
        if not keys:
            keys.append(("near", km))
        home_pref = self.home.prefecture if self.home else anchor_node["prefecture"]
        if node["prefecture"] == home_pref:
            score += w.weight_same_prefecture
            keys.append(("same_prefecture", home_pref))
        else:
            keys.append(("other_prefecture", node["prefecture"]))
        size = self.size_points(self.population(anchor), self.population(code))
        if size > 0:
            score += size
            keys.append(("similar_size", self.population(code)))
        district = node["district"]
        if district is not None and district == anchor_node["district"] \
                and node["prefecture"] == anchor_node["prefecture"]:
            score += w.weight_same_district
            keys.append(("district", district_kind(code)))
        if self.home is not None:
            info = self.home.neighbours.get(code, {})
            if info.get("contract_end") and self.home.contract_end:
                theirs = dt.date.fromisoformat(str(info["contract_end"]))
                months = _months_apart(theirs, self.home.contract_end)
                if months <= w.contract_window_months:
                    score += w.weight_contract_aligned
                    keys.append(("contract", theirs.isoformat(), months,
                                 self.home.as_of.isoformat() if self.home.as_of else None, w.contract_window_months))
            if info.get("vendor") and info["vendor"] in self.home.vendors:
                score += w.weight_same_vendor
                keys.append(("vendor", info["vendor"]))
            if info.get("interested") is True:
                score += w.weight_interested
                keys.append(("interested",))
            elif info.get("interested") is False:
                score -= w.weight_interested
                keys.append(("not_interested",))
            group = self.group_of(code)
            if group and group != self.home.group:
                score += w.weight_existing_group
                keys.append(("group", group))
        return round(score, 3), keys

    def candidates(self, code: str) -> dict[str, float]:
        """Linked municipalities (land, bridge, sea) and every one within reach: code -> distance."""
        out = dict(within_km(self.graph, code, self.w.reach_km))
        for other in self.look.adj[code]:
            if other not in out:
                out[other] = distance_km(self.graph, code, other)
        return out


def score_text(score: float) -> str:
    """A partner score as people read it, the same everywhere (memo table, group reasons): 6.8."""
    return f"{score:.1f}"


def rank_partners(graph: nx.Graph, scorer: PartnerScorer, code: str, limit: int = LIST_SIZE) -> list[dict]:
    """The best ``limit`` candidates for ``code``, best first, ties by code."""
    # Best first, ties by code: (-score, code) tuples sort that way on their own.
    candidates = scorer.candidates(code)
    points = {other: scorer.points(code, other, km) for other, km in candidates.items()}
    scored = sorted((-score, other) for other, (score, _) in points.items())
    out = []
    for negative, other in scored[:limit]:
        score = -negative
        keys, km = points[other][1], candidates[other]
        ja, en = words(keys)
        node = scorer.look.nodes[other]
        edge = scorer.look.adj[code].get(other)
        entry = {"code": other, "name": node["name"], "prefecture": node["prefecture"], "score": score,
                 "reasons": ja, "reasons_en": en, "link": edge["kind"] if edge else "near",
                 "border_km": edge["km"] if edge and edge["kind"] == LAND else None,
                 "distance_km": round(km, 1), "population": scorer.population(other)}
        info = scorer.home.neighbours.get(other, {}) if scorer.home else {}
        if "cloud_status" in info:
            entry["cloud_status"] = info["cloud_status"]
        group = scorer.group_of(other)
        if group:
            entry["group"] = group
        out.append(entry)
    return out


def scorer_for(advisor, advice) -> PartnerScorer:
    weights = load_weights(advisor.parameters, advice.as_of)
    graph = national_graph(advisor.knowledge, weights.bridge_km, advice.as_of)
    home = home_context(advice.profile, advisor.knowledge, advice.as_of, advice.facts.values.get("population"))
    return PartnerScorer(graph, weights, home, known_on(advisor.knowledge, advice.as_of))


def attach(advisor, advice) -> None:
    """Set ``advice.partners``, ``advice.proposed_group`` and ``advice.extras["join_option"]``."""
    from .options import group_options

    scorer = scorer_for(advisor, advice)
    advice.partners = rank_partners(scorer.graph, scorer, scorer.home.code)
    census, hindsight = census_on(advice.as_of)
    # The partners' and groups' populations are this census (the node populations of the graph).
    advice.extras["partner_census"] = {"year": census.year, "published": census.published.isoformat(),
                                       "hindsight": hindsight}
    proposed, join, no_join = group_options(advisor, advice, scorer)
    advice.proposed_group = proposed
    advice.extras["join_option"] = join
    if no_join is not None:  # a group within reach that is not proposed, and why
        advice.extras["join_unavailable"] = no_join
