"""The pure-Python evaluator of the rule model: fired / not fired / undetermined.

It gives every rule one of three outcomes with its reasons; durable-rules (see
engine/rules/durable_adapter.py) must fire exactly the same set, which the advice
checks on every run. Chaining: a fired rule's ``then.derive`` facts are set to
true and the rules are evaluated again until nothing new is derived. A derived
fact that no rule can still set is then false, so rules waiting on it become
"not fired" rather than "undetermined".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .conditions import evaluate, param_names, verdict
from .parameters import ParameterSet
from .rulebook import Rule, RuleBook
from .trace import FIRED, INACTIVE, NOT_FIRED, UNDETERMINED, ParameterUse, RuleOutcome, Trace


# (id(book), id(params), as_of) -> (book, params, result): a batch asks the same
# question for every profile of one date; book and params are kept so ids stay theirs.
_ACTIVE_CACHE: dict[tuple, tuple] = {}


def active_rules(book: RuleBook, params: ParameterSet, as_of: dt.date) -> tuple[list[Rule], dict[str, str], dict[str, Any]]:
    """Rules in force on ``as_of`` whose parameters all have a value then.

    Returns (active rules, inactive rule id -> reason, parameter name -> value).
    """
    key = (id(book), id(params), as_of)
    cached = _ACTIVE_CACHE.get(key)
    if cached is None or cached[0] is not book or cached[1] is not params:
        if len(_ACTIVE_CACHE) > 64:
            _ACTIVE_CACHE.clear()
        cached = _ACTIVE_CACHE[key] = (book, params, _active_rules(book, params, as_of))
    active, inactive, values = cached[2]
    return list(active), dict(inactive), dict(values)


def _active_rules(book: RuleBook, params: ParameterSet, as_of: dt.date) -> tuple[list[Rule], dict[str, str], dict[str, Any]]:
    active, inactive, values = [], {}, {}
    for rule in book.rules:
        if not rule.in_force(as_of):
            inactive[rule.id] = f"not in force on {as_of.isoformat()} (effective {rule.effective_from.isoformat()}" \
                                f" – {rule.effective_to.isoformat() if rule.effective_to else ''})"
            continue
        unset = []
        for name in sorted(param_names(rule.when)):
            value = params.value(name, as_of)
            if value is None:
                unset.append(name)
            else:
                values[name] = value
        if unset:
            inactive[rule.id] = f"parameter {', '.join(unset)} has no value on {as_of.isoformat()}"
            continue
        active.append(rule)
    return active, inactive, values


def evaluate_rules(book: RuleBook, params: ParameterSet, facts: dict[str, Any], as_of: dt.date) -> Trace:
    active, inactive, param_values = active_rules(book, params, as_of)
    facts = dict(facts)
    derivers: dict[str, list[str]] = {}
    for rule in active:
        for name in rule.derive:
            derivers.setdefault(name, []).append(rule.id)

    fired_round: dict[str, int] = {}
    order: list[str] = []
    derived_by: dict[str, str] = {}
    round_no = 0
    while True:
        new_facts = {}
        for rule in active:
            if rule.id in fired_round:
                continue
            if verdict(rule.when, facts, param_values) is True:
                fired_round[rule.id] = round_no
                order.append(rule.id)
                for name in rule.derive:
                    if name not in facts and name not in new_facts:
                        new_facts[name] = True
                        derived_by[name] = rule.id
        if not new_facts:
            break
        facts.update(new_facts)
        round_no += 1

    # Settle derived facts that can no longer become true: false, not unknown.
    # Derived facts that no rule in force can set are false from the start.
    facts.update({name: False for name in book.derived_facts if name not in facts and name not in derivers})
    by_id = {rule.id: rule for rule in active}
    while True:
        settled = {
            name: False for name, ids in derivers.items()
            if name not in facts and all(_status(by_id[i], facts, param_values, fired_round) == NOT_FIRED for i in ids)
        }
        if not settled:
            break
        facts.update(settled)

    outcomes = []
    for rule in book.rules:
        if rule.id in inactive:
            outcomes.append(RuleOutcome(rule.id, rule.family, INACTIVE, (), reason=inactive[rule.id]))
            continue
        result, why = evaluate(rule.when, facts, param_values)
        status = FIRED if rule.id in fired_round else (NOT_FIRED if result is False else UNDETERMINED)
        outcomes.append(RuleOutcome(
            rule.id, rule.family, status, tuple(why), round=fired_round.get(rule.id),
            order=order.index(rule.id) + 1 if rule.id in fired_round else None))
    used = tuple(
        ParameterUse(name, value, getattr(params.get(name).at(as_of), "start", None), params.get(name).confidence)
        for name, value in sorted(param_values.items())
    )
    return Trace(as_of=as_of, outcomes=tuple(outcomes), firing_order=tuple(order),
                 derived=tuple(sorted(derived_by.items())), parameters=used)


def _status(rule: Rule, facts: dict, params: dict, fired: dict) -> str:
    if rule.id in fired:
        return FIRED
    return NOT_FIRED if verdict(rule.when, facts, params) is False else UNDETERMINED
