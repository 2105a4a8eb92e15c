"""The one place that talks to durable-rules.

durable-rules has sharp edges, each handled here:
- one Host per process; a ruleset is compiled once per (rule book, as_of rules and
  parameter values) and cached; each profile gets a unique sid and its state is
  deleted afterwards;
- a catch-all rule handles every fact (deleting the state of an unhandled sid
  segfaults); facts are asserted with ``assert_fact``, never ``post``;
- fact keys are never ``id``, ``sid`` or ``$…``; facts are type-checked against the
  vocabulary before asserting (durable compares ``'10' < 5`` silently);
- "not exists" (``-m.x``) hangs it, so each fact travels with a ``<name>__known``
  flag and ``exists`` compiles to a comparison on that flag;
- ``$or`` fires once per matching branch: firings are de-duplicated by rule id;
- a negation is pushed down to the atoms (``not a < b`` is ``a >= b``), because a
  comparison on a missing attribute never matches — exactly the three-valued
  "unknown is not true" of the pure evaluator;
- action functions take exactly one parameter; no empty all/any reaches it (the
  rule schema forbids them);
- its JSON reader rejects numbers printed with an exponent (``1e-05``, ``1e+16``:
  "Could not assert fact", then "Could not delete state") and misorders integers
  beyond 64 bits; inputs are bounded where they are read (engine/inputs/limits.py)
  and every number is checked once more here, so none can crash it;
- it hangs compiling a rule set of 512 distinct comparisons or more: the rule book
  refuses more than limits.MAX_ENGINE_ATOMS;
- its Host starts timer threads that dispatch pending actions in the background, so
  an action could run on another thread after ``assert_fact`` returned and its firing
  be lost (seen as random engine disagreements and "error code: 307"). Our Host never
  starts them: every action runs synchronously inside ``assert_fact`` (no rule here
  uses timers).
Chaining works in rounds: derived facts are added and the fact asserted again
with the next ``round`` number until nothing new is derived.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
from typing import Any

from .conditions import INVERSE, All, AnyOf, Atom, Not, ParamRef
from ..errors import InputError
from ..inputs.limits import MAX_ENGINE_MAGNITUDE
from .rulebook import RuleBook
from .vocabulary import KNOWN_SUFFIX, RESERVED_FACT_NAMES as RESERVED_KEYS, FactSpec  # one list, checked at load

_lock = threading.Lock()
_compiled: dict[str, dict] = {}
_session_counter = itertools.count(1)
_firings: dict[str, list[tuple[int, str]]] = {}


def _durable():
    # Imported lazily: only the engine needs it, and it is Python <= 3.12 only.
    from durable import engine, lang
    if lang._main_host is None:
        class SynchronousHost(engine.Host):
            def _run(self):  # no background dispatch threads (see the module docstring)
                pass
        lang._main_host = SynchronousHost()
    return lang


def _expr(lang, cond, params: dict[str, Any], negate: bool = False):
    """Compile a condition tree to a durable-rules expression on the single fact ``m``."""
    m = lang.m
    if isinstance(cond, Not):
        return _expr(lang, cond.item, params, not negate)
    if isinstance(cond, (All, AnyOf)):
        parts = [_expr(lang, item, params, negate) for item in cond.items]
        conjunction = isinstance(cond, All) != negate  # De Morgan
        out = parts[0]
        for part in parts[1:]:
            out = (out & part) if conjunction else (out | part)
        return out
    assert isinstance(cond, Atom)
    value = params[cond.value.name] if isinstance(cond.value, ParamRef) else cond.value
    for item in value if isinstance(value, (list, tuple)) else (value,):
        _check_number(item, cond.value.name if isinstance(cond.value, ParamRef) else cond.fact)
    if cond.op == "exists":
        wanted = bool(value) != negate
        return getattr(m, cond.fact + KNOWN_SUFFIX) == (1 if wanted else 0)
    op = INVERSE[cond.op] if negate else cond.op
    attr = getattr(m, cond.fact)
    if op in ("in", "not_in"):
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        parts = [(getattr(m, cond.fact) == v) if op == "in" else (getattr(m, cond.fact) != v) for v in values]
        out = parts[0]
        for part in parts[1:]:
            out = (out | part) if op == "in" else (out & part)
        return out
    return {"eq": attr.__eq__, "ne": attr.__ne__, "lt": attr.__lt__, "le": attr.__le__,
            "gt": attr.__gt__, "ge": attr.__ge__}[op](value)


def _check_number(value: Any, name: str) -> None:
    """A number durable-rules reads back as the same number (see the module docstring)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    text = json.dumps(value)  # what durable-rules is handed (NaN/Infinity are not JSON either)
    if abs(value) >= MAX_ENGINE_MAGNITUDE or any(c in text for c in "eEIN"):
        raise InputError(f"`{name}` の値 {value!r} はルールエンジンで扱えない数値です。",
                         f"`{name}`: the value {value!r} is a number the rule engine cannot take", field=name)


def _ruleset_name(book: RuleBook, rule_ids: list[str], params: dict[str, Any]) -> str:
    key = json.dumps([book.sha256, rule_ids, sorted(params.items())], sort_keys=True, default=str)
    return "advisor_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _compile(book: RuleBook, rules: list, params: dict[str, Any]) -> str:
    lang = _durable()
    name = _ruleset_name(book, [r.id for r in rules], params)
    with _lock:
        if name in _compiled:
            return name

        def action(rule_id: str):
            def fire(c):  # durable calls actions with exactly one argument
                _firings.setdefault(c.m.sid, []).append((c.m["round"], rule_id))
            return fire

        with lang.ruleset(name):
            for rule in rules:
                lang.when_all(_expr(lang, rule.when, params))(action(rule.id))
            # Catch-all: every fact is handled, so delete_state is safe.
            lang.when_all(getattr(lang.m, "round") >= 0)(lambda c: None)
        lang.get_host()
        _compiled[name] = {"rules": rules}
    return name


def _checked_fact(facts: dict[str, Any], vocab: dict[str, FactSpec], derived: frozenset) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in facts.items():
        if key in RESERVED_KEYS or key.startswith("$") or KNOWN_SUFFIX in key:
            raise InputError(f"事実名 `{key}` は使えません。", f"fact name `{key}` is reserved", field=key)
        spec = vocab.get(key)
        if spec is not None and not spec.accepts(value):
            raise InputError(f"事実 `{key}` の値 {value!r} は {spec.type} 型ではありません。",
                             f"fact `{key}` value {value!r} is not of type {spec.type}", field=key)
        if spec is None and not (key in derived and value is True):
            raise InputError(f"未知の事実 `{key}` です。", f"unknown fact `{key}`", field=key)
        _check_number(value, key)
        out[key] = value
    for name in vocab:
        out[name + KNOWN_SUFFIX] = 1 if name in facts else 0
    return out


def fire(book: RuleBook, rules: list, params: dict[str, Any], facts: dict[str, Any],
         vocab: dict[str, FactSpec]) -> list[str]:
    """The rule ids durable-rules fires for ``facts`` (first-firing order, de-duplicated)."""
    if not rules:
        return []
    lang = _durable()
    name = _compile(book, rules, params)
    host = lang.get_host()
    derives = {r.id: r.derive for r in rules}
    sid = f"p{next(_session_counter)}"
    current = dict(facts)
    fired: list[str] = []
    asserted = False
    try:
        for round_no in itertools.count():
            fact = _checked_fact(current, vocab, book.derived_facts)
            fact["sid"], fact["round"] = sid, round_no
            asserted = True  # from here on the sid has state to delete, even if the assert fails
            host.assert_fact(name, fact)
            new = False
            for _, rule_id in _firings.pop(sid, []):
                if rule_id in fired:
                    continue  # $or fires once per branch; later rounds re-fire too
                fired.append(rule_id)
                for derived in derives[rule_id]:
                    if derived not in current:
                        current[derived] = True
                        new = True
            if not new:
                break
    finally:
        _firings.pop(sid, None)
        if asserted:  # deleting a sid that never held a fact is an error in durable-rules
            host.delete_state(name, sid)
    return fired
