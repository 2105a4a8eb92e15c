"""Turn a profile plus the knowledge base into the flat facts the rules see.

Public facts (population, 財政力指数, type, neighbours) come from knowledge/,
replaced by a profile `overrides` entry where one is given. Local facts come
from the profile alone: a field that is absent leaves its fact absent (unknown),
and a fact aggregated over systems is unknown unless the known systems already
settle it (one `heavy` system makes the heaviest customisation `heavy` even if
another system's level is not known).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..knowledge.base import KnowledgeBase
from ..knowledge.census import PopulationFact
from ..knowledge.fiscal import FiscalFact
from ..knowledge.memberships import KnownGroup, normalize_group_name
from .loader import Profile

CUSTOMIZATION_ORDER = ["none", "minor", "heavy"]
# The 20 標準化対象事務 of the 2021 standardisation law (domain-research 4.4, city.shimada
# list), plus the names advisors commonly write in `systems[].area` for them.
STANDARD_AREAS = frozenset({
    "住民基本台帳", "選挙人名簿管理", "固定資産税", "個人住民税", "法人住民税", "軽自動車税", "国民健康保険",
    "国民年金", "障害者福祉", "後期高齢者医療", "介護保険", "児童手当", "健康管理", "就学", "児童扶養手当",
    "生活保護", "子ども・子育て支援", "印鑑登録", "戸籍", "戸籍の附票",
})
STANDARD_AREA_ALIASES = frozenset({"住民記録", "住基", "税務", "住民税", "国保", "福祉", "選挙", "後期高齢",
                                   "子ども子育て", "子育て支援", "印鑑", "健康"})


@dataclass(frozen=True)
class FactSet:
    """Fact values and where each came from (for the audit)."""

    values: dict[str, Any]
    origins: dict[str, str]
    fiscal_year: int | None = None
    fiscal_note: str = ""
    notes: tuple = field(default_factory=tuple)
    # What the knowledge base held on as_of, whether or not the profile overrode it.
    population: PopulationFact | None = None
    fiscal: FiscalFact | None = None
    known_group: KnownGroup | None = None
    conflicts: tuple = field(default_factory=tuple)  # of Conflict

    @property
    def population_year(self) -> int | None:
        """The census year of the population the rules saw; None when the profile overrode it."""
        if self.population is None or self.origins.get("population", "").startswith("profile"):
            return None
        return self.population.census_year


@dataclass(frozen=True)
class Conflict:
    """The profile says one thing, the knowledge base on as_of another: the profile wins, visibly."""

    field: str  # the profile field
    profile_value: Any
    knowledge_value: Any
    source: str  # the knowledge source, with its date
    kind: str  # membership | group_name | population | fiscal_strength_index

    def as_json(self) -> dict:
        return {"field": self.field, "profile_value": self.profile_value, "knowledge_value": self.knowledge_value,
                "source": self.source, "kind": self.kind}


def _months_between(start: dt.date, end: dt.date) -> float:
    return round((end - start).days / 30.4375, 1)


def _kleene_any(flags: Iterable[bool | None]) -> bool | None:
    flags = list(flags)
    if any(f is True for f in flags):
        return True
    if any(f is None for f in flags):
        return None
    return False


def _kleene_all(flags: Iterable[bool | None]) -> bool | None:
    flags = list(flags)
    if any(f is False for f in flags):
        return False
    if any(f is None for f in flags):
        return None
    return True


def _system_facts(systems: list[dict], as_of: dt.date) -> dict[str, Any]:
    if not systems:
        return {}
    out: dict[str, Any] = {"systems_count": len(systems)}
    levels = [s.get("customization") for s in systems]
    known = [CUSTOMIZATION_ORDER.index(x) for x in levels if x is not None]
    if "heavy" in levels:
        out["max_customization"] = "heavy"
    elif None not in levels:
        out["max_customization"] = CUSTOMIZATION_ORDER[max(known)]
    forms = [s.get("form") for s in systems]
    for name, kinds in (("has_custom_or_mainframe", ("custom", "mainframe")), ("has_mainframe", ("mainframe",))):
        value = _kleene_any(None if f is None else f in kinds for f in forms)
        if value is not None:
            out[name] = value
    layout = _kleene_all(s.get("standard_layout") for s in systems)
    if layout is not None:
        out["all_standard_layout"] = layout
    onprem = _kleene_any(None if s.get("hosting") is None else s["hosting"] == "onprem" for s in systems)
    if onprem is not None:
        out["any_onprem"] = onprem
    vendors = [s.get("vendor") for s in systems]
    if None not in vendors:
        out["vendor_count"] = len(set(vendors))
    areas = [s.get("area") for s in systems]
    in_scope = _kleene_any(None if a is None else (a in STANDARD_AREAS or a in STANDARD_AREA_ALIASES) for a in areas)
    if in_scope is not None:
        out["has_standard_area_system"] = in_scope
    ends = [dt.date.fromisoformat(s["contract_end"]) for s in systems if s.get("contract_end")]
    if ends and len(ends) == len(systems):
        out["months_to_contract_end"] = _months_between(as_of, min(ends))
        if len(ends) >= 2:
            out["contract_end_spread_months"] = _months_between(min(ends), max(ends))
    return out


def build_facts(profile: Profile, knowledge: KnowledgeBase) -> FactSet:
    m = profile.municipality
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}

    def put(name: str, value: Any, origin: str) -> None:
        if value is not None:
            values[name] = value
            origins[name] = origin

    as_of = profile.as_of
    overrides = profile.get("overrides") or {}
    population = knowledge.population_on(m.code, as_of)
    if "population" in overrides:
        put("population", overrides["population"], "profile: overrides.population")
    elif population is not None and population.value > 0:
        # A census count of 0 (an evacuated town) is no size to advise on: population stays
        # unknown and its question is asked (engine/knowledge/census.py says why in its note).
        put("population", population.value,
            f"knowledge: {population.census_year}年国勢調査" + ("（後知恵）" if population.hindsight else ""))
    fiscal = knowledge.fiscal_on(m.code, as_of)
    fiscal_year, fiscal_note = (fiscal.fiscal_year, fiscal.note.get("ja", "")) if fiscal else (None, "")
    if "fiscal_strength_index" in overrides:
        put("fiscal_strength_index", overrides["fiscal_strength_index"], "profile: overrides.fiscal_strength_index")
        fiscal_year, fiscal_note = None, ""
    elif fiscal:
        put("fiscal_strength_index", fiscal.value,
            f"knowledge: 主要財政指標 {fiscal.fiscal_year}年度" + ("（後知恵）" if fiscal.hindsight else ""))
    put("municipality_type", m.type, "knowledge: 全国地方公共団体コード")
    put("is_designated_city", m.type == "政令指定都市", "knowledge: 全国地方公共団体コード")
    put("land_neighbour_count", len(knowledge.neighbours(m.code)), "knowledge: 国土数値情報 N03 (2021)")
    put("neighbour_in_known_group",
        any(knowledge.membership_on(code, as_of) is not None for code, _ in knowledge.neighbours(m.code)),
        f"knowledge: 国土数値情報 N03 (2021) × 自治体クラウド参加団体 ({as_of.isoformat()} 時点)")
    known_group = knowledge.membership_on(m.code, as_of)
    status = profile.get("cloud.status")
    if status is None and known_group is not None:
        # The profile is silent and a membership is known on as_of: the municipality is in a group.
        put("cloud_status", "group", f"knowledge: {membership_origin(known_group)}")
    effective = values.get("cloud_status", status)
    if effective is not None:
        put("in_known_group", effective == "group",
            "knowledge: " + membership_origin(known_group) if known_group is not None and effective == "group"
            else "profile: cloud.status")
    conflicts = find_conflicts(profile, known_group, population, fiscal)

    for name, path in (("cloud_status", "cloud.status"), ("cloud_plan", "cloud.plan"),
                       ("driving_body", "cloud.driving_body"), ("migration_plan", "cloud.migration"),
                       ("it_staff", "staff.it_staff"),
                       ("cloud_experience", "staff.cloud_experience"),
                       ("offsite_backup", "continuity.offsite_backup"), ("hazard", "continuity.hazard"),
                       ("cost_it_operating", "costs.it_operating"), ("cost_planning", "costs.planning"),
                       ("cost_consultant", "costs.consultant"), ("cost_data_migration", "costs.data_migration"),
                       ("cost_training", "costs.training")):
        if name not in values:
            put(name, profile.get(path), f"profile: {path}")

    for name, value in _system_facts(profile.get("systems") or [], profile.as_of).items():
        put(name, value, "profile: systems")
    if "cost_it_operating" in values and values.get("population"):
        put("it_cost_per_resident", round(values["cost_it_operating"] / values["population"], 1),
            "profile: costs.it_operating ÷ population")
    after, baseline = profile.get("costs.after_migration"), profile.get("costs.baseline_fy2018")
    base_name = "costs.baseline_fy2018" if baseline else "costs.it_operating"
    baseline = baseline or profile.get("costs.it_operating")
    if after is not None and baseline:
        put("post_migration_cost_ratio", round(after / baseline, 3), f"profile: costs.after_migration ÷ {base_name}")
    return FactSet(values=values, origins=origins, fiscal_year=fiscal_year, fiscal_note=fiscal_note,
                   population=population, fiscal=fiscal, known_group=known_group, conflicts=tuple(conflicts))


def membership_origin(group: KnownGroup) -> str:
    """'自治体クラウド参加団体 富山県情報システム共同利用推進協議会（出典 2016-02、C）'."""
    name = group.name if group.named else "グループ名不明"
    return f"自治体クラウド参加団体 {name}（出典 {group.source_date or '日付不明'}、{group.confidence}）"


def _source_line(group: KnownGroup) -> str:
    return f"{group.source['title']} ({group.source_date})" + (f" {group.source['url']}" if group.source.get("url") else "")


def find_conflicts(profile: Profile, group: KnownGroup | None, population: PopulationFact | None,
                   fiscal: FiscalFact | None) -> list[Conflict]:
    """Where the profile contradicts the knowledge base on as_of (the profile still wins)."""
    out = []
    status, name = profile.get("cloud.status"), profile.get("cloud.group")
    if group is not None and status in ("none", "single"):
        out.append(Conflict("cloud.status", status, "group", _source_line(group), "membership"))
    if group is not None and group.named and status in ("group", None) and name \
            and not same_group(name, group.name):
        out.append(Conflict("cloud.group", name, group.name, _source_line(group), "group_name"))
    overrides = profile.get("overrides") or {}
    if population is not None and "population" in overrides and overrides["population"] != population.value:
        out.append(Conflict("overrides.population", overrides["population"], population.value,
                            f"{population.source.get('ja', '')} ({population.census_year})", "population"))
    if fiscal is not None and "fiscal_strength_index" in overrides \
            and overrides["fiscal_strength_index"] != fiscal.value:
        out.append(Conflict("overrides.fiscal_strength_index", overrides["fiscal_strength_index"], fiscal.value,
                            f"総務省「地方公共団体の主要財政指標一覧」 ({fiscal.fiscal_year}年度)", "fiscal_strength_index"))
    return out


def same_group(profile_name: str, known_name: str) -> bool:
    """Loosely the same group: one normalised name contains the other (short forms are common)."""
    a, b = normalize_group_name(profile_name), normalize_group_name(known_name)
    return bool(a) and bool(b) and (a in b or b in a)
