"""The declarative `when` of a rule, and its three-valued evaluation.

A condition is a tree of ``all`` / ``any`` / ``not`` over atoms such as
``{fact: population, lt: {param: group.small_population}}``. Nothing is ever
evaluated as code. An atom on a fact that is absent is *unknown*; ``all``,
``any`` and ``not`` follow Kleene's logic, so a rule is fired (true), not fired
(false) or undetermined (unknown: it names the facts that would settle it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

OPERATORS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "exists")
ORDERING = ("lt", "le", "gt", "ge")
# not(a op b) == a inverse(op) b, for facts that are known.
INVERSE = {"eq": "ne", "ne": "eq", "lt": "ge", "ge": "lt", "gt": "le", "le": "gt", "in": "not_in", "not_in": "in"}
SYMBOL = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "in": "∈", "not_in": "∉", "exists": "exists"}


@dataclass(frozen=True)
class ParamRef:
    name: str


@dataclass(frozen=True)
class Atom:
    fact: str
    op: str
    value: Any  # a literal, a tuple (in / not_in), or a ParamRef
    path: str
    line: int | None = None


@dataclass(frozen=True)
class All:
    items: tuple
    path: str


@dataclass(frozen=True)
class AnyOf:
    items: tuple
    path: str


@dataclass(frozen=True)
class Not:
    item: "Condition"
    path: str


Condition = Union[Atom, All, AnyOf, Not]


@dataclass(frozen=True)
class AtomResult:
    """One atom's verdict: what it required, what the fact was."""

    path: str
    fact: str
    op: str
    required: Any
    actual: Any
    known: bool
    holds: bool | None  # None: unknown
    negated: bool = False  # under an odd number of `not`

    def describe(self) -> str:
        op = INVERSE.get(self.op, self.op) if self.negated else self.op
        if self.op == "exists":
            wanted = "absent" if self.negated else "present"
            return f"{self.fact}: required {wanted}, actual {'present' if self.known else 'absent'}"
        return f"{self.fact} {SYMBOL[op]} {self.required!r} required, actual {self.actual!r}" if self.known \
            else f"{self.fact} {SYMBOL[op]} {self.required!r} required, actual unknown"


def resolve(value: Any, params: dict[str, Any]) -> Any:
    if isinstance(value, ParamRef):
        return params[value.name]
    return value


def compare(op: str, actual: Any, required: Any) -> bool:
    if op == "eq":
        return actual == required
    if op == "ne":
        return actual != required
    if op == "lt":
        return actual < required
    if op == "le":
        return actual <= required
    if op == "gt":
        return actual > required
    if op == "ge":
        return actual >= required
    if op == "in":
        return actual in required
    if op == "not_in":
        return actual not in required
    raise ValueError(op)


def evaluate(cond: Condition, facts: dict[str, Any], params: dict[str, Any],
             negated: bool = False) -> tuple[bool | None, list[AtomResult]]:
    """Kleene evaluation of ``cond``, with the atoms responsible for the verdict.

    Responsible atoms: for a true ``all``, all of them (what the rule saw); for a
    false one, the false ones (why not); for an unknown one, the unknown ones
    (what is missing); ``any`` the other way round; ``not`` passes them through.
    """
    if isinstance(cond, Atom):
        required = resolve(cond.value, params)
        known = cond.fact in facts
        actual = facts.get(cond.fact)
        if cond.op == "exists":
            holds = known == bool(required)
        elif not known:
            holds = None
        else:
            holds = compare(cond.op, actual, required)
        return holds, [AtomResult(cond.path, cond.fact, cond.op, required, actual, known, holds, negated)]
    if isinstance(cond, Not):
        inner, why = evaluate(cond.item, facts, params, not negated)
        return (None if inner is None else not inner), why
    results = [evaluate(item, facts, params, negated) for item in cond.items]
    values = [r[0] for r in results]
    if isinstance(cond, All):
        verdict = False if False in values else (None if None in values else True)
    else:
        verdict = True if True in values else (None if None in values else False)
    if verdict is None:
        chosen = [why for value, why in results if value is None]
    elif (verdict is True) == isinstance(cond, All):
        chosen = [why for _, why in results]  # every child agreed
    else:
        chosen = [why for value, why in results if value is verdict]
    return verdict, [atom for why in chosen for atom in why]


def verdict(cond: Condition, facts: dict[str, Any], params: dict[str, Any]) -> bool | None:
    """The verdict of ``evaluate`` without its explanation, for the evaluator's repeated passes.

    Same Kleene logic; it builds no AtomResult, which made evaluate the hot spot
    of a national batch (1,741 profiles × several passes over every rule).
    """
    if isinstance(cond, Atom):
        if cond.op == "exists":
            return (cond.fact in facts) == bool(resolve(cond.value, params))
        if cond.fact not in facts:
            return None
        return compare(cond.op, facts[cond.fact], resolve(cond.value, params))
    if isinstance(cond, Not):
        inner = verdict(cond.item, facts, params)
        return None if inner is None else not inner
    decisive = isinstance(cond, AnyOf)  # the value that settles the node: True for any, False for all
    unknown = False
    for item in cond.items:
        value = verdict(item, facts, params)
        if value is decisive:
            return decisive
        if value is None:
            unknown = True
    return None if unknown else not decisive


def atoms(cond: Condition):
    """Every atom in ``cond``, with whether it sits under an odd number of `not`."""
    stack = [(cond, False)]
    while stack:
        node, negated = stack.pop()
        if isinstance(node, Atom):
            yield node, negated
        elif isinstance(node, Not):
            stack.append((node.item, not negated))
        else:
            stack.extend((item, negated) for item in reversed(node.items))


def param_names(cond: Condition) -> set[str]:
    return {a.value.name for a, _ in atoms(cond) if isinstance(a.value, ParamRef)}
