"""The two engines compared where it matters (property-based, hypothesis).

On public data alone the national comparison is nearly vacuous (in 2017 three rules of 29
fire; in 2025 every municipality gives the same set). Here the facts are generated *on and
beside each rule's thresholds*, read from the rules and the parameters in force on the date,
with every fact sometimes unknown; and small generated rule books add the negated
conditions (not / ne / not_in / exists) that no shipped rule uses. Both engines must fire
exactly the same rules.
"""

import datetime as dt
import functools
import hashlib
import itertools
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jichitai_cloud_advisor.engine.rules import durable_adapter
from jichitai_cloud_advisor.engine.rules.conditions import All, AnyOf, Atom, Not, ParamRef, atoms
from jichitai_cloud_advisor.engine.rules.evaluator import active_rules, evaluate_rules
from jichitai_cloud_advisor.engine.rules.rulebook import Rule, RuleBook

# Dates on which different rule sets are in force: before 2016-10-27 group.small_population has
# no value; 2017 (the founding policy); 2021-08-31/09-01 (grants end, standardisation law);
# 2025 (after the 2024/2025 changes).
DATES = (dt.date(2016, 10, 26), dt.date(2017, 6, 9), dt.date(2019, 4, 1), dt.date(2021, 8, 31),
         dt.date(2021, 9, 1), dt.date(2025, 4, 1))
SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _near(spec, value):
    """Values on and just beside a threshold, of the fact's type."""
    if spec.type == "integer":
        value = int(value)
        return [value - 1, value, value + 1]
    return [round(value - 0.1, 4), value, round(value + 0.1, 4)]


def threshold_candidates(advisor, as_of):
    """fact -> the values worth trying on ``as_of``: each threshold and its neighbours."""
    vocab = advisor.vocabulary
    active, _, values = active_rules(advisor.book, advisor.parameters, as_of)
    out = {name: set() for name in vocab}
    for rule in active:
        for atom, _ in atoms(rule.when):
            if atom.fact not in vocab or atom.op == "exists":
                continue
            spec = vocab[atom.fact]
            required = values[atom.value.name] if isinstance(atom.value, ParamRef) else atom.value
            for value in (required if isinstance(required, tuple) else (required,)):
                out[atom.fact].update(_near(spec, value) if spec.type in ("integer", "number") else [value])
    for name, spec in vocab.items():
        if spec.type == "boolean":
            out[name] = {True, False}
        elif spec.enum:
            out[name] |= set(spec.enum)
        elif spec.type in ("integer", "number"):
            out[name] |= {0, 1}
        elif not out[name]:
            out[name] = {"x"}
    return {name: sorted(values, key=repr) for name, values in out.items()}


@pytest.fixture(scope="module")
def candidates(advisor):
    return {as_of: threshold_candidates(advisor, as_of) for as_of in DATES}


def test_candidates_sit_on_the_shipped_thresholds(candidates):
    """The generator really aims at the thresholds (by hand from knowledge/parameters)."""
    in_2017 = candidates[dt.date(2017, 6, 9)]
    assert {49_999, 50_000, 50_001} <= set(in_2017["population"])                # group.small_population
    assert {23.9, 24, 24.1} <= set(in_2017["months_to_contract_end"])            # bpr.procurement_lead_months
    assert {23.9, 24, 24.1} <= set(in_2017["contract_end_spread_months"])        # group.contract_spread_months
    assert {0.9, 1.0, 1.1} <= set(in_2017["fiscal_strength_index"])              # grant.unallocated_fiscal_index


@st.composite
def dated_facts(draw, candidates):
    as_of = draw(st.sampled_from(DATES))
    facts = {}
    for name, values in candidates[as_of].items():
        if draw(st.integers(0, 3)) == 0:  # a quarter of the time the fact is unknown
            continue
        facts[name] = draw(st.sampled_from(values))
    return as_of, facts


def test_shipped_rules_agree_on_their_thresholds(advisor, candidates):
    book, params, vocab = advisor.book, advisor.parameters, advisor.vocabulary
    seen = set()

    @settings(max_examples=150, **SETTINGS)
    @given(dated_facts(candidates))
    def check(case):
        as_of, facts = case
        pure = evaluate_rules(book, params, facts, as_of).fired_ids
        active, _, values = active_rules(book, params, as_of)
        fired = set(durable_adapter.fire(book, active, values, facts, vocab))
        assert fired == set(pure), (as_of, facts, sorted(fired ^ set(pure)))
        seen.update(pure)

    check()
    # the comparison is not vacuous: most shipped rules fired in some example
    assert len(seen) >= len(advisor.book.rules) // 2, sorted(seen)


# --- generated rule books with negations -----------------------------------------------------

NUMERIC = {"population": (19_999, 20_000, 50_000), "it_staff": (2, 3), "fiscal_strength_index": (0.5, 1.0),
           "months_to_contract_end": (12, 24.0)}
ENUMS = {"cloud_status": ("none", "single", "group"), "hazard": ("low", "medium", "high"),
         "municipality_type": ("市", "町", "村", "特別区")}
BOOLEANS = ("offsite_backup", "cloud_experience")


@st.composite
def atom_strategy(draw, derived):
    kind = draw(st.sampled_from(["numeric", "enum", "bool", "exists"] + (["derived"] if derived else [])))
    path = f"a{draw(st.integers(0, 10**6))}"
    if kind == "numeric":
        fact = draw(st.sampled_from(sorted(NUMERIC)))
        op = draw(st.sampled_from(["lt", "le", "gt", "ge", "eq", "ne"]))
        return Atom(fact, op, draw(st.sampled_from(NUMERIC[fact])), path)
    if kind == "enum":
        fact = draw(st.sampled_from(sorted(ENUMS)))
        op = draw(st.sampled_from(["eq", "ne", "in", "not_in"]))
        if op in ("in", "not_in"):
            chosen = draw(st.lists(st.sampled_from(ENUMS[fact]), min_size=1, max_size=3, unique=True))
            return Atom(fact, op, tuple(chosen), path)
        return Atom(fact, op, draw(st.sampled_from(ENUMS[fact])), path)
    if kind == "bool":
        return Atom(draw(st.sampled_from(BOOLEANS)), draw(st.sampled_from(["eq", "ne"])), draw(st.booleans()), path)
    if kind == "exists":
        fact = draw(st.sampled_from(sorted(NUMERIC) + sorted(ENUMS) + list(BOOLEANS)))
        return Atom(fact, "exists", draw(st.booleans()), path)
    return Atom(draw(st.sampled_from(sorted(derived))), "eq", True, path)


@functools.lru_cache(maxsize=None)  # strategies are built once per (derived facts, depth)
def condition(derived, depth=3):
    """A condition tree; a derived fact only as `eq: true` outside any `not` (the loader's rule)."""
    leaf = atom_strategy(derived)
    if depth == 0:
        return leaf
    negatable = condition(frozenset(), depth - 1)
    return st.one_of(
        leaf,
        st.builds(lambda items: All(tuple(items), "all"), st.lists(condition(derived, depth - 1), min_size=1, max_size=3)),
        st.builds(lambda items: AnyOf(tuple(items), "any"), st.lists(condition(derived, depth - 1), min_size=1, max_size=3)),
        st.builds(lambda item: Not(item, "not"), negatable),
    )


_book_ids = itertools.count(1)


@st.composite
def rule_books(draw):
    """Two to five rules; the first two may derive facts that later rules use."""
    count = draw(st.integers(2, 5))
    rules, derived = [], set()
    for index in range(count):
        when = draw(condition(frozenset(derived)))
        derive = (f"t_d{index}",) if index < 2 and draw(st.booleans()) else ()
        rules.append(Rule(id=f"group.g{index}", family="group", title={}, source={}, effective_from=dt.date(2014, 1, 1),
                          effective_to=None, when=when, derive=derive))
        derived.update(derive)
    digest = hashlib.sha256(f"{next(_book_ids)}:{rules!r}".encode()).hexdigest()
    return RuleBook(rules=tuple(rules), files=(), sha256=digest, derived_facts=frozenset(derived))


@st.composite
def fact_sets(draw):
    facts = {}
    for fact, values in NUMERIC.items():
        choice = draw(st.sampled_from([None, *values, values[0] - 1, values[-1] + 1]))
        if choice is not None:
            facts[fact] = float(choice) if fact in ("fiscal_strength_index", "months_to_contract_end") else choice
    for fact, values in ENUMS.items():
        choice = draw(st.sampled_from((None,) + values))
        if choice is not None:
            facts[fact] = choice
    for fact in BOOLEANS:
        choice = draw(st.sampled_from([None, True, False]))
        if choice is not None:
            facts[fact] = choice
    return facts


def test_generated_rule_books_with_negations_agree(advisor):
    """Also a race check: threads switch every microsecond (as in test_durable_race), over
    chaining rounds, `$or` branches and negations that the shipped rules do not have."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        _check_generated_books(advisor)
    finally:
        sys.setswitchinterval(before)


def _check_generated_books(advisor):
    params, vocab = advisor.parameters, advisor.vocabulary
    as_of = dt.date(2017, 6, 9)
    outcomes = set()

    @settings(max_examples=100, **SETTINGS)
    @given(rule_books(), st.lists(fact_sets(), min_size=1, max_size=4))
    def check(book, fact_list):
        active, _, values = active_rules(book, params, as_of)
        for facts in fact_list:
            trace = evaluate_rules(book, params, facts, as_of)
            fired = set(durable_adapter.fire(book, active, values, facts, vocab))
            assert fired == set(trace.fired_ids), (book.rules, facts, sorted(fired ^ set(trace.fired_ids)))
            outcomes.update(o.status for o in trace.outcomes)

    check()
    assert {"fired", "not_fired", "undetermined"} <= outcomes
