"""What-if: ``advise PROFILE --join CODE,CODE`` — advice as if a group were formed.

The rules are evaluated again with the group's facts:

* ``cloud_status`` = ``group`` and ``in_known_group`` = true;
* ``population`` = the group's combined population. Reading decided here: every
  size-band rule in the rule book reads population as the scale of the system
  being run and paid for (the MIC per-resident cost bands, the 85 % of group
  members under 50,000 that motivates forming a group). Once the system is
  shared, that scale is the group's, so the what-if uses the group total. The
  member's own population is reported beside it.

The result (``advice.extras["what_if"]``) says which rules change outcome,
which grant items change eligibility, the group's population, and for each rule
that still does not fire the smallest change that would make it fire: for a
numeric atom the required value against the actual one, tied to the neighbour
graph ("さらに X と Y を加えると…" / "joining X and Y as well reaches ...").
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..errors import InputError
from ..grants import estimate_grants
from ..rules.trace import FIRED, NOT_FIRED

POPULATION_READING = {
    "ja": "規模の区分（人口）はグループの合計人口で判定した（共同利用するシステムの規模はグループの規模であるため）",
    "en": "size bands (population) are read at the group's combined population, the scale of the shared system",
}
NUMERIC_OPS = ("lt", "le", "gt", "ge")


def _validate(advisor, advice, codes: list[str]) -> list[str]:
    home = advice.profile.municipality.code
    if not codes:
        raise InputError("--join に団体コードを1つ以上指定してください。", "--join needs at least one code", field="--join")
    resolved = []
    for code in codes:
        try:
            municipality = advisor.knowledge.get(code)
        except InputError as exc:
            exc.field = "--join"
            raise
        if municipality.code == home:
            raise InputError(f"--join の {code} は当団体自身です。", f"--join {code} is the municipality itself",
                             field="--join")
        if municipality.code in resolved:
            raise InputError(f"--join で {code} が重複しています。", f"--join lists {code} twice", field="--join")
        resolved.append(municipality.code)
    return resolved


def _grant_view(grants) -> dict[str, dict]:
    return {g.item: {"eligible": g.eligible, "amount_yen": g.amount_yen} for g in grants}


def _reach_population(graph: nx.Graph, members: list[str], total: int, required: float, strict: bool,
                      allowed_prefecture: str) -> list[str] | None:
    """Fewest extra neighbours (largest first, along the graph) to reach ``required`` people."""
    chosen, group = [], list(members)
    while not (total > required if strict else total >= required):
        frontier = {o for m in group for o in graph.neighbors(m)} - set(group)
        frontier = [o for o in frontier if graph.nodes[o]["prefecture"] == allowed_prefecture] or list(frontier)
        if not frontier or len(chosen) >= 10:
            return None
        pick = max(frontier, key=lambda o: (graph.nodes[o]["population"], o))
        chosen.append(pick)
        group.append(pick)
        total += graph.nodes[pick]["population"]
    return chosen


def _change_for(atom, graph, members, total, own_population, prefecture) -> dict:
    """The smallest change that makes one failed atom hold."""
    op = {"lt": "ge", "le": "gt", "gt": "le", "ge": "lt"}.get(atom.op, atom.op) if atom.negated else atom.op
    entry = {"fact": atom.fact, "operator": op, "required": atom.required, "actual": atom.actual,
             "text": atom.describe()}
    numeric = op in NUMERIC_OPS and isinstance(atom.required, (int, float)) and isinstance(atom.actual, (int, float))
    if numeric:
        entry["needed_change"] = atom.required - atom.actual
    if atom.fact == "population" and numeric:
        names = lambda codes: "・".join(graph.nodes[c]["name"] for c in codes)  # noqa: E731
        if op in ("ge", "gt"):
            extra = _reach_population(graph, members, total, atom.required, op == "gt", prefecture)
            if extra:
                reached = total + sum(graph.nodes[c]["population"] for c in extra)
                entry["join_also"] = [{"code": c, "name": graph.nodes[c]["name"]} for c in extra]
                entry["change"] = f"さらに{names(extra)}と組むと合計{reached:,}人となり、{atom.required:,}人の条件に達する"
                entry["change_en"] = f"joining {names(extra)} as well reaches {reached:,} people (required {atom.required:,})"
            else:
                entry["change"] = f"隣接する団体を加えても{atom.required:,}人に届かない"
                entry["change_en"] = f"no set of neighbours reaches {atom.required:,} people"
        else:
            fits = own_population < atom.required if op == "lt" else own_population <= atom.required
            entry["change"] = (f"グループの合計人口{total:,}人は条件（{atom.required:,}人未満）を超える。"
                               + (f"当団体単独（{own_population:,}人）なら満たす" if fits else "団体を減らしても満たさない"))
            entry["change_en"] = (f"the group's {total:,} people exceed the bound {atom.required:,}; "
                                  + (f"the municipality alone ({own_population:,}) meets it" if fits else "no smaller group meets it"))
    elif numeric:
        entry["change"] = f"{atom.fact} を {atom.actual} から {atom.required} へ（差 {atom.required - atom.actual:+}）"
        entry["change_en"] = f"{atom.fact} from {atom.actual} to {atom.required} ({atom.required - atom.actual:+})"
    elif op == "exists":
        present = bool(atom.required) != atom.negated
        entry["change"] = f"{atom.fact} を" + ("プロファイルに記入する" if present else "未記入にする")
        entry["change_en"] = f"{'fill in' if present else 'leave out'} {atom.fact} in the profile"
    else:
        wanted = atom.required
        entry["change"] = f"{atom.fact} を {wanted!r} にする（現在 {atom.actual!r}）"
        entry["change_en"] = f"set {atom.fact} to {wanted!r} (now {atom.actual!r})"
    return entry


def apply_join(advisor, advice, codes: list[str]) -> dict:
    """Evaluate the rules as if the municipality formed a group with ``codes``; store and return the result."""
    from .partners import scorer_for

    codes = _validate(advisor, advice, codes)
    scorer = scorer_for(advisor, advice)
    graph = scorer.graph
    home = advice.profile.municipality
    before = advice.facts.values
    own_population = before.get("population", home.population)
    members = [home.code] + codes
    total = own_population + sum(graph.nodes[c]["population"] for c in codes)

    facts = dict(before)
    facts.update({"cloud_status": "group", "in_known_group": True, "population": total})
    if before.get("cloud_status") != "group":
        # Forming the group is a move to a group cloud: the 導入 measures apply to it (issue 10).
        facts["migration_plan"] = "forming_group"
    trace = advisor.evaluate(facts, advice.as_of)
    grants_after = estimate_grants(advisor.book, trace, advisor.parameters, facts, advice.facts.fiscal_year)
    rules = advisor.book.by_id()

    changed = []
    for old in advice.trace.outcomes:
        new = trace.outcome(old.rule_id)
        if new.status != old.status:
            rule = rules[old.rule_id]
            atoms = {a.fact for a in old.atoms} | {a.fact for a in new.atoms}
            changed.append({"id": old.rule_id, "family": old.family, "title": rule.title["ja"],
                            "title_en": rule.title["en"], "before": old.status, "after": new.status,
                            "size_band": "population" in atoms})
    grants_before, grants_now = _grant_view(advice.grants), _grant_view(grants_after)
    grants = [{"item": item, "eligible_before": grants_before.get(item, {}).get("eligible"),
               "eligible_after": grants_now.get(item, {}).get("eligible"),
               "amount_yen_before": grants_before.get(item, {}).get("amount_yen"),
               "amount_yen_after": grants_now.get(item, {}).get("amount_yen")}
              for item in sorted(set(grants_before) | set(grants_now))]
    to_fire = []
    for outcome in trace.by_status(NOT_FIRED):
        to_fire.append({"id": outcome.rule_id, "family": outcome.family,
                        "changes": [_change_for(a, graph, members, total, own_population, home.prefecture)
                                    for a in outcome.failed]})
    links = []
    for code in codes:
        touching = sorted(m for m in members if m != code and graph.has_edge(m, code))
        links.append({"code": code, "name": graph.nodes[code]["name"], "prefecture": graph.nodes[code]["prefecture"],
                      "population": graph.nodes[code]["population"],
                      "linked_to": touching, "link": graph.edges[touching[0], code]["kind"] if touching else None})
    connected = nx.is_connected(graph.subgraph(members))
    result: dict[str, Any] = {
        "members": [{"code": home.code, "name": home.name, "prefecture": home.prefecture,
                     "population": own_population, "linked_to": [], "link": None}] + links,
        "population_total": total,
        "own_population": own_population,
        "connected": connected,
        "crosses_prefecture": len({graph.nodes[m]["prefecture"] for m in members}) > 1,
        "population_reading": POPULATION_READING,
        "facts_changed": {name: {"before": before.get(name), "after": facts[name]}
                          for name in ("cloud_status", "in_known_group", "population", "migration_plan")
                          if name in facts and before.get(name) != facts[name]},
        "changed_rules": changed,
        "fired_after": sorted(o.rule_id for o in trace.by_status(FIRED)),
        "grants": grants,
        "to_fire": to_fire,
    }
    if not connected:
        result["warning"] = {"ja": "指定した団体は当団体と陸・橋・海の連携でつながっていない",
                             "en": "the members are not connected to the municipality by land, bridge or sea links"}
    advice.extras["what_if"] = result
    return result
