"""The JSON advice of the contract (``--format json``).

Keys of shared/spec/CONTRACT.md, plus a few more (inactive rules, facts and
their origins, the engine cross-check). Amounts are integers in yen, dates ISO
strings, every list in a stable order.
"""

from __future__ import annotations

from typing import Any

from ..advice import Advice, Advisor, TOOL_VERSION, question_for
from ..knowledge.dates import period_end
from ..rules.trace import FIRED, INACTIVE, NOT_FIRED, UNDETERMINED


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def source_dating(rule, as_of) -> dict:
    """``source_date`` (ISO, or None when the rule names no date) and ``hindsight``: published after as_of.

    A source dated to a month or year counts from the period's end, so it is never taken as known early.
    """
    text = str(rule.source.get("date") or "")
    day = period_end(text)
    return {"source_date": day.isoformat() if day else None, "hindsight": bool(day and day > as_of)}


def known_group_json(advice: Advice) -> dict | None:
    group = advice.facts.known_group
    if group is None:
        return None
    return group.as_json()


def advice_json(advice: Advice, advisor: Advisor, lang: str = "ja") -> dict:
    book = advice.book
    rules = book.by_id()
    m = advice.profile.municipality
    facts = advice.facts.values
    trace = advice.trace

    def source(rule_id: str) -> str:
        return rules[rule_id].source_text()

    fired = [
        {"id": o.rule_id, "family": o.family, "title": rules[o.rule_id].title[lang], "source": source(o.rule_id),
         "confidence": rules[o.rule_id].source["confidence"], "order": o.order, "round": o.round,
         **source_dating(rules[o.rule_id], trace.as_of),
         "matched": {k: _jsonable(v) for k, v in o.matched.items()}}
        for o in sorted(trace.by_status(FIRED), key=lambda o: o.order)
    ]
    not_fired = [
        {"id": o.rule_id, "family": o.family, "source": source(o.rule_id),
         "reasons": [{"fact": a.fact, "condition": a.path, "operator": a.op, "negated": a.negated,
                      "required": _jsonable(a.required), "actual": _jsonable(a.actual), "text": a.describe()}
                     for a in o.failed]}
        for o in trace.by_status(NOT_FIRED)
    ]
    undetermined = [
        {"id": o.rule_id, "family": o.family, "source": source(o.rule_id), "missing": list(missing),
         "settled_by": sorted({f for fact in missing
                               for f in getattr(advisor.vocabulary.get(fact), "settled_by", ()) or (fact,)}),
         "questions": [question_for(fact, rules[o.rule_id], advisor.vocabulary, lang) for fact in missing]}
        for o in trace.by_status(UNDETERMINED)
        for missing in (o.missing,)  # a property worked out on each read: once here
    ]
    inactive = [{"id": o.rule_id, "family": o.family, "reason": o.reason} for o in trace.by_status(INACTIVE)]
    group = advice.proposed_group
    return {
        "municipality": {
            "code": m.code, "name": m.name, "prefecture": m.prefecture, "type": m.type,
            # The census figure even where the rules do not use it as a size (0 in an evacuated town).
            "population": facts.get("population", advice.facts.population.value if advice.facts.population else None),
            "fiscal_strength_index": facts.get("fiscal_strength_index"),
            "fiscal_year": advice.facts.fiscal_year, "fiscal_note": advice.facts.fiscal_note,
            "population_year": advice.facts.population_year,
            "population_hindsight": bool(advice.facts.population_year and advice.facts.population.hindsight),
            "fiscal_hindsight": bool(advice.facts.fiscal_year and advice.facts.fiscal.hindsight),
            "known_group": known_group_json(advice),
        },
        "conflicts": [c.as_json() for c in advice.facts.conflicts],
        "as_of": trace.as_of.isoformat(),
        "lang": lang,
        "tool": {"name": "jichitai-cloud-advisor", "version": TOOL_VERSION},
        "ruleset": {"version": TOOL_VERSION, "sha256": book.sha256, "rules": len(book.rules)},
        "profile_sha256": advice.profile.sha256,
        "fired": fired,
        "not_fired": not_fired,
        "undetermined": undetermined,
        "inactive": inactive,
        "recommendations": [r.as_json(lang) for r in advice.recommendations],
        "grants": [g.as_json(lang) for g in advice.grants],
        "partners": list(advice.partners),
        "proposed_group": group if group is not None else {"members": [], "population_total": None, "reasons": []},
        "facts": {name: {"value": _jsonable(value), "origin": advice.facts.origins.get(name, "")}
                  for name, value in sorted(facts.items())},
        "engines": {"durable_rules_fired": list(trace.engine_fired), "agree": True},
        **advice.extras,
    }
