"""Conditions on their edges: facts exactly on a threshold, negations, the last day a rule
is in force. Each case runs through both engines (the pure evaluator and durable-rules),
on small rule books written here, because no shipped rule uses not / ne / not_in.

Expected values are worked out by hand from the rule text: ``population lt 50000`` holds
for 49,999 and not for 50,000; a rule effective to 2021-08-31 is in force on that day and
not on 2021-09-01.
"""

import datetime as dt
import textwrap

import pytest

from jichitai_cloud_advisor.engine.rules import durable_adapter
from jichitai_cloud_advisor.engine.rules.conditions import (
    All, AnyOf, Atom, AtomResult, Not, ParamRef, atoms, compare, evaluate, param_names, verdict)
from jichitai_cloud_advisor.engine.rules.evaluator import active_rules, evaluate_rules
from jichitai_cloud_advisor.engine.rules.parameters import load_parameters
from jichitai_cloud_advisor.engine.rules.rulebook import load_rulebook
from jichitai_cloud_advisor.engine.rules.vocabulary import default_vocabulary

AS_OF = dt.date(2017, 6, 9)
HEADER = """
  - id: {id}
    title: {{ja: 題, en: title}}
    source: {{document: 資料, section: "1", confidence: C}}
    effective: {{from: "{start}"{end}}}
    when: {when}
    then: {then}
"""


def rule(rule_id, when, start="2014-01-01", end=None, then="{recommendation: {ja: 文, en: text}}"):
    return HEADER.format(id=rule_id, when=when, start=start, end=f', to: "{end}"' if end else "", then=then)


def make_book(tmp_path, *rules, params=None):
    root = tmp_path / "rules"
    (root / "group").mkdir(parents=True)
    (root / "group" / "t.yaml").write_text("family: group\nrules:\n" + "".join(rules), encoding="utf-8")
    vocab = default_vocabulary()
    params = params or load_parameters()
    return load_rulebook(vocab, params, root), params, vocab


def both(book, params, vocab, facts, as_of=AS_OF):
    """(the evaluator's trace, durable-rules' fired set), after checking they agree."""
    trace = evaluate_rules(book, params, facts, as_of)
    active, _, values = active_rules(book, params, as_of)
    fired = set(durable_adapter.fire(book, active, values, facts, vocab))
    assert fired == set(trace.fired_ids), (facts, sorted(fired ^ set(trace.fired_ids)))
    return trace, fired


# --- compare / verdict / evaluate on their own ----------------------------------------------

@pytest.mark.parametrize("op, actual, required, expected", [
    ("lt", 49_999, 50_000, True), ("lt", 50_000, 50_000, False), ("lt", 50_001, 50_000, False),
    ("le", 49_999, 50_000, True), ("le", 50_000, 50_000, True), ("le", 50_001, 50_000, False),
    ("gt", 23.9, 24, False), ("gt", 24, 24, False), ("gt", 24.1, 24, True),
    ("ge", 23.9, 24, False), ("ge", 24, 24, True), ("ge", 24.1, 24, True),
    ("eq", "none", "none", True), ("eq", "single", "none", False),
    ("ne", "none", "none", False), ("ne", "single", "none", True),
    ("in", "町", ("町", "村"), True), ("in", "市", ("町", "村"), False),
    ("not_in", "町", ("町", "村"), False), ("not_in", "市", ("町", "村"), True),
])
def test_compare_on_and_beside_the_threshold(op, actual, required, expected):
    assert compare(op, actual, required) is expected


def test_compare_refuses_an_unknown_operator():
    with pytest.raises(ValueError):
        compare("exists", 1, True)


def atom(fact, op, value, path="p"):
    return Atom(fact, op, value, path)


POP_SMALL = atom("population", "lt", ParamRef("group.small_population"), "a")
STATUS_NONE = atom("cloud_status", "eq", "none", "b")
PARAMS = {"group.small_population": 50_000}


@pytest.mark.parametrize("cond, facts, expected", [
    # Kleene: all is false if any part is false, even with an unknown part; unknown otherwise
    (All((POP_SMALL, STATUS_NONE), "w"), {"population": 60_000}, False),
    (All((POP_SMALL, STATUS_NONE), "w"), {"population": 19_351}, None),
    (All((POP_SMALL, STATUS_NONE), "w"), {"population": 19_351, "cloud_status": "none"}, True),
    (All((POP_SMALL, STATUS_NONE), "w"), {"population": 50_000, "cloud_status": "none"}, False),
    # any is true if any part is true, even with an unknown part
    (AnyOf((POP_SMALL, STATUS_NONE), "w"), {"population": 19_351}, True),
    (AnyOf((POP_SMALL, STATUS_NONE), "w"), {"population": 60_000}, None),
    (AnyOf((POP_SMALL, STATUS_NONE), "w"), {"population": 60_000, "cloud_status": "group"}, False),
    (AnyOf((STATUS_NONE, POP_SMALL), "w"), {"cloud_status": "group"}, None),
    # not: unknown stays unknown
    (Not(POP_SMALL, "w"), {}, None),
    (Not(POP_SMALL, "w"), {"population": 50_000}, True),
    (Not(Not(POP_SMALL, "v"), "w"), {"population": 49_999}, True),
    # exists: true / false on present / absent, never unknown
    (atom("cloud_plan", "exists", True), {}, False),
    (atom("cloud_plan", "exists", True), {"cloud_plan": "none"}, True),
    (atom("cloud_plan", "exists", False), {}, True),
    (atom("cloud_plan", "exists", False), {"cloud_plan": "none"}, False),
    (Not(atom("cloud_plan", "exists", True), "w"), {}, True),
])
def test_verdict_and_evaluate_follow_kleene(cond, facts, expected):
    assert verdict(cond, facts, PARAMS) is expected
    assert evaluate(cond, facts, PARAMS)[0] is expected


def test_evaluate_names_the_responsible_atoms():
    cond = All((POP_SMALL, STATUS_NONE, atom("hazard", "eq", "high", "c")), "w")
    # true: every atom (what the rule saw)
    _, why = evaluate(cond, {"population": 19_351, "cloud_status": "none", "hazard": "high"}, PARAMS)
    assert [a.path for a in why] == ["a", "b", "c"]
    # false: only the false ones (population 50,000 is not < 50,000; hazard unknown is not blamed)
    _, why = evaluate(cond, {"population": 50_000, "cloud_status": "none"}, PARAMS)
    assert [(a.path, a.holds) for a in why] == [("a", False)]
    assert why[0].required == 50_000 and why[0].actual == 50_000 and why[0].known
    # unknown: only the unknown ones (what to ask)
    _, why = evaluate(cond, {"population": 19_351}, PARAMS)
    assert [(a.path, a.known, a.holds) for a in why] == [("b", False, None), ("c", False, None)]
    # any: true names the true ones only; false names all
    any_cond = AnyOf((POP_SMALL, STATUS_NONE), "w")
    _, why = evaluate(any_cond, {"population": 19_351, "cloud_status": "group"}, PARAMS)
    assert [a.path for a in why] == ["a"]
    _, why = evaluate(any_cond, {"population": 60_000, "cloud_status": "group"}, PARAMS)
    assert [a.path for a in why] == ["a", "b"]


def test_negated_atoms_are_marked_and_described_with_the_inverse():
    cond = Not(AnyOf((POP_SMALL, atom("municipality_type", "in", ("政令指定都市", "特別区"), "t")), "v"), "w")
    value, why = evaluate(cond, {"population": 19_351, "municipality_type": "町"}, PARAMS)
    assert value is False
    assert [(a.path, a.negated) for a in why] == [("a", True)]
    # not(population < 50000) requires population ≥ 50000
    assert why[0].describe() == "population ≥ 50000 required, actual 19351"
    value, why = evaluate(cond, {"municipality_type": "特別区"}, PARAMS)
    assert value is False and why[0].describe() == "municipality_type ∉ ('政令指定都市', '特別区') required, actual '特別区'"
    unknown = AtomResult("p", "population", "lt", 50_000, None, False, None)
    assert unknown.describe() == "population < 50000 required, actual unknown"
    absent = AtomResult("p", "cloud_plan", "exists", True, None, False, False, negated=True)
    assert absent.describe() == "cloud_plan: required absent, actual absent"
    present = AtomResult("p", "cloud_plan", "exists", True, "none", True, True)
    assert present.describe() == "cloud_plan: required present, actual present"


def test_atoms_and_param_names_walk_the_whole_tree():
    cond = All((Not(AnyOf((POP_SMALL, STATUS_NONE), "v"), "n"),
                atom("months_to_contract_end", "le", ParamRef("bpr.procurement_lead_months"), "m")), "w")
    assert [(a.path, negated) for a, negated in atoms(cond)] == [("a", True), ("b", True), ("m", False)]
    assert param_names(cond) == {"group.small_population", "bpr.procurement_lead_months"}


# --- both engines on small rule books ----------------------------------------------------

THRESHOLD_RULES = [
    rule("group.t_lt", "{fact: population, lt: {param: group.small_population}}"),
    rule("group.t_le", "{fact: population, le: 50000}"),
    rule("group.t_gt", "{fact: contract_end_spread_months, gt: {param: group.contract_spread_months}}"),
    rule("group.t_ge", "{fact: fiscal_strength_index, ge: 1.0}"),
]


@pytest.mark.parametrize("facts, expected", [
    # group.small_population is 50,000 from 2016-10-27; group.contract_spread_months is 24
    ({"population": 49_999, "contract_end_spread_months": 24.1, "fiscal_strength_index": 1.0},
     {"group.t_lt", "group.t_le", "group.t_gt", "group.t_ge"}),
    ({"population": 50_000, "contract_end_spread_months": 24.0, "fiscal_strength_index": 0.99},
     {"group.t_le"}),
    ({"population": 50_001, "contract_end_spread_months": 23.9, "fiscal_strength_index": 1.01},
     {"group.t_ge"}),
])
def test_facts_exactly_on_a_threshold(tmp_path, facts, expected):
    book, params, vocab = make_book(tmp_path, *THRESHOLD_RULES)
    trace, fired = both(book, params, vocab, facts)
    assert fired == expected
    for rule_id in {"group.t_lt", "group.t_le", "group.t_gt", "group.t_ge"} - expected:
        assert trace.outcome(rule_id).status == "not_fired"


NEGATION_RULES = [
    rule("group.n_not_lt", "{not: {fact: population, lt: 50000}}"),
    rule("group.n_not_exists", "{not: {fact: cloud_plan, exists: true}}"),
    rule("group.n_not_absent", "{not: {fact: cloud_plan, exists: false}}"),
    rule("group.n_ne", "{fact: cloud_status, ne: group}"),
    rule("group.n_not_in", "{fact: municipality_type, not_in: [政令指定都市, 特別区]}"),
    rule("group.n_not_all", "{not: {all: [{fact: hazard, eq: high}, {fact: offsite_backup, eq: false}]}}"),
    rule("group.n_not_any", "{not: {any: [{fact: cloud_status, eq: group}, {fact: it_staff, gt: 3}]}}"),
    rule("group.n_not_not", "{not: {not: {fact: it_staff, le: 3}}}"),
    rule("group.n_not_ne", "{not: {fact: driving_body, ne: none}}"),
    rule("group.n_not_not_in", "{not: {fact: hazard, not_in: [low, medium]}}"),
]


@pytest.mark.parametrize("facts, expected", [
    # a 19,351-person 町 with nothing decided: population < 50000, so not(lt) is false
    ({"population": 19_351, "cloud_status": "none", "municipality_type": "町", "hazard": "high",
      "offsite_backup": False, "it_staff": 2, "driving_body": "none"},
     {"group.n_not_exists", "group.n_ne", "group.n_not_in", "group.n_not_any", "group.n_not_not",
      "group.n_not_ne"}),  # hazard high: not(hazard ∉ {low, medium}) is false
    # exactly 50,000: not(population < 50000) holds; a plan is known; the body is a council
    ({"population": 50_000, "cloud_plan": "drafting", "cloud_status": "group", "municipality_type": "特別区",
      "hazard": "low", "offsite_backup": False, "it_staff": 4, "driving_body": "council"},
     {"group.n_not_lt", "group.n_not_absent", "group.n_not_all", "group.n_not_not_in"}),
    # nothing known: only the exists rule is determined (cloud_plan absent); negation of
    # unknown is unknown, so nothing else fires
    ({}, {"group.n_not_exists"}),
])
def test_negated_conditions_in_both_engines(tmp_path, facts, expected):
    book, params, vocab = make_book(tmp_path, *NEGATION_RULES)
    trace, fired = both(book, params, vocab, facts)
    assert fired == expected


def test_not_exists_is_not_ignored_by_durable(tmp_path):
    """`not exists` must fire only when the fact is absent: durable compiles it to the __known flag."""
    book, params, vocab = make_book(tmp_path, rule("group.n_not_exists", "{not: {fact: cloud_plan, exists: true}}"),
                                    rule("group.n_absent", "{fact: cloud_plan, exists: false}"))
    active, _, values = active_rules(book, params, AS_OF)
    assert set(durable_adapter.fire(book, active, values, {}, vocab)) == {"group.n_not_exists", "group.n_absent"}
    assert durable_adapter.fire(book, active, values, {"cloud_plan": "none"}, vocab) == []


def test_not_in_with_one_value_and_a_parameter(tmp_path):
    book, params, vocab = make_book(
        tmp_path,
        rule("group.one", "{fact: cloud_status, not_in: [group]}"),
        rule("group.one_in", "{fact: cloud_status, in: [single]}"),
        rule("group.param_ne", "{fact: population, ne: {param: group.small_population}}"))
    _, fired = both(book, params, vocab, {"cloud_status": "single", "population": 50_000})
    assert fired == {"group.one", "group.one_in"}
    _, fired = both(book, params, vocab, {"cloud_status": "group", "population": 50_001})
    assert fired == {"group.param_ne"}


# --- dates: the last day in force and the day after ----------------------------------------

def test_rule_is_in_force_on_its_end_date_and_not_the_day_after(tmp_path):
    book, params, vocab = make_book(
        tmp_path, rule("group.until", "{fact: population, gt: 0}", start="2014-04-01", end="2021-08-31"),
        rule("group.from", "{fact: population, gt: 0}", start="2021-09-01"))
    until, starting = book.by_id()["group.until"], book.by_id()["group.from"]
    assert not until.in_force(dt.date(2014, 3, 31)) and until.in_force(dt.date(2014, 4, 1))
    assert until.in_force(dt.date(2021, 8, 31)) and not until.in_force(dt.date(2021, 9, 1))
    assert not starting.in_force(dt.date(2021, 8, 31)) and starting.in_force(dt.date(2021, 9, 1))

    facts = {"population": 19_351}
    trace, fired = both(book, params, vocab, facts, dt.date(2021, 8, 31))
    assert fired == {"group.until"}
    assert trace.outcome("group.from").status == "inactive"
    assert trace.outcome("group.from").reason == "not in force on 2021-08-31 (effective 2021-09-01 – )"
    trace, fired = both(book, params, vocab, facts, dt.date(2021, 9, 1))
    assert fired == {"group.from"}
    assert trace.outcome("group.until").reason == "not in force on 2021-09-01 (effective 2014-04-01 – 2021-08-31)"


def test_shipped_grant_rules_end_on_2021_08_31(advisor):
    """The four 特別交付税 items are in force to 2021-08-31 (rules/grant) and not the day after."""
    # a group member re-procuring and migrating with its group: the items apply (issue 10)
    # (a town: the items are not a ward's own, 都区合算)
    facts = {"population": 19_351, "cloud_status": "group", "migration_plan": "renewal_with_migration",
             "all_standard_layout": True, "municipality_type": "町"}
    last = advisor.evaluate(facts, dt.date(2021, 8, 31))
    after = advisor.evaluate(facts, dt.date(2021, 9, 1))
    items = {"grant.joint_planning", "grant.consultant", "grant.data_migration", "grant.training"}
    assert items <= last.fired_ids
    assert {o.rule_id for o in after.by_status("inactive")} >= items
    assert not items & after.fired_ids


def test_rule_whose_parameter_has_no_value_yet_is_inactive(tmp_path):
    # group.small_population has a value from 2016-10-27 only (knowledge/parameters/group.yaml)
    # (the rule without a value sorts first: the rules after it must still be considered)
    book, params, vocab = make_book(tmp_path, rule("group.a_lt", "{fact: population, lt: {param: group.small_population}}"),
                                    rule("group.plain", "{fact: population, lt: 50000}"))
    active, inactive, values = active_rules(book, params, dt.date(2016, 10, 26))
    assert [r.id for r in active] == ["group.plain"]
    assert inactive == {"group.a_lt": "parameter group.small_population has no value on 2016-10-26"}
    assert values == {}
    active, inactive, values = active_rules(book, params, dt.date(2016, 10, 27))
    assert {r.id for r in active} == {"group.a_lt", "group.plain"} and inactive == {}
    assert values == {"group.small_population": 50_000}
    trace = evaluate_rules(book, params, {"population": 19_351}, dt.date(2016, 10, 27))
    (use,) = trace.parameters
    assert (use.name, use.value, use.valid_from) == ("group.small_population", 50_000, dt.date(2016, 10, 27))


def test_active_rules_hands_out_copies(tmp_path):
    book, params, _ = make_book(tmp_path, rule("group.plain", "{fact: population, lt: 50000}"))
    active, inactive, values = active_rules(book, params, AS_OF)
    active.clear(), inactive.update(x="y"), values.update(x=1)
    again = active_rules(book, params, AS_OF)
    assert [r.id for r in again[0]] == ["group.plain"] and again[1] == {} and again[2] == {}


def test_active_rules_are_worked_out_once_per_date_and_never_for_another_book(tmp_path, monkeypatch):
    """A batch asks the same date for every profile: one computation; a stale entry left by
    a book or parameter set that was freed (its id reused) is never served."""
    from jichitai_cloud_advisor.engine.rules import evaluator
    book, params, _ = make_book(tmp_path, rule("group.plain", "{fact: population, lt: 50000}"))
    calls = []
    real = evaluator._active_rules
    monkeypatch.setattr(evaluator, "_active_rules", lambda *a: calls.append(a[2]) or real(*a))
    monkeypatch.setattr(evaluator, "_ACTIVE_CACHE", {})
    for _ in range(3):
        assert [r.id for r in active_rules(book, params, AS_OF)[0]] == ["group.plain"]
    assert calls == [AS_OF]
    key = (id(book), id(params), AS_OF)
    evaluator._ACTIVE_CACHE[key] = (object(), params, ([], {"x": "stale"}, {}))
    assert [r.id for r in active_rules(book, params, AS_OF)[0]] == ["group.plain"]
    evaluator._ACTIVE_CACHE[key] = (book, object(), ([], {"x": "stale"}, {}))
    assert [r.id for r in active_rules(book, params, AS_OF)[0]] == ["group.plain"]
    # bounded: a long run over many dates does not grow it without limit
    for day in range(200):
        active_rules(book, params, AS_OF + dt.timedelta(days=day))
    assert len(evaluator._ACTIVE_CACHE) <= 65


# --- chaining ------------------------------------------------------------------------------

CHAIN = [
    rule("group.c1", "{fact: population, lt: 50000}", then="{derive: {t_small: true}}"),
    rule("group.c2", "{all: [{fact: t_small, eq: true}, {fact: cloud_status, eq: none}]}",
         then="{derive: {t_needs: true}}"),
    rule("group.c3", "{fact: t_needs, eq: true}"),
    rule("group.c4", "{fact: t_never, eq: true}"),
    rule("group.c5", "{fact: hazard, eq: high}", then="{derive: {t_never: true}}", start="2030-01-01"),
]


def test_chaining_rounds_order_and_settled_derived_facts(tmp_path):
    book, params, vocab = make_book(tmp_path, *CHAIN)
    trace, fired = both(book, params, vocab, {"population": 19_351, "cloud_status": "none"})
    assert fired == {"group.c1", "group.c2", "group.c3"}
    assert [(trace.outcome(i).round, trace.outcome(i).order) for i in ("group.c1", "group.c2", "group.c3")] \
        == [(0, 1), (1, 2), (2, 3)]
    assert trace.firing_order == ("group.c1", "group.c2", "group.c3")
    assert trace.derived == (("t_needs", "group.c2"), ("t_small", "group.c1"))
    # t_never's only deriver is not in force: false, so c4 is not fired rather than undetermined
    assert trace.outcome("group.c4").status == "not_fired"
    assert trace.outcome("group.c5").status == "inactive"

    # cloud_status unknown: c2 and c3 wait on it (undetermined), not "not fired"
    trace, fired = both(book, params, vocab, {"population": 19_351})
    assert fired == {"group.c1"}
    assert trace.outcome("group.c2").status == "undetermined" and trace.outcome("group.c2").missing == ("cloud_status",)
    assert trace.outcome("group.c3").status == "undetermined"

    # c1 not fired: t_small can no longer be set, so c2 and c3 settle to not fired
    trace, fired = both(book, params, vocab, {"population": 50_000, "cloud_status": "none"})
    assert fired == set()
    assert [trace.outcome(i).status for i in ("group.c1", "group.c2", "group.c3")] == ["not_fired"] * 3
    assert trace.derived == () and trace.firing_order == ()


def test_a_fact_derived_twice_names_its_first_deriver_and_waits_on_every_deriver(tmp_path):
    book, params, vocab = make_book(
        tmp_path,
        rule("group.d1", "{fact: population, lt: 50000}", then="{derive: {t_small: true}}"),
        rule("group.d2", "{fact: hazard, eq: high}", then="{derive: {t_small: true}}"),
        rule("group.d3", "{fact: t_small, eq: true}"))
    trace, fired = both(book, params, vocab, {"population": 19_351, "hazard": "high"})
    assert fired == {"group.d1", "group.d2", "group.d3"}
    assert trace.derived == (("t_small", "group.d1"),)  # rule-book order: d1 before d2
    assert trace.outcome("group.d3").round == 1
    # d1 not fired, d2 undetermined (hazard unknown): t_small may still be set, so d3 waits
    trace, fired = both(book, params, vocab, {"population": 60_000})
    assert fired == set()
    assert trace.outcome("group.d3").status == "undetermined"
    # both not fired: t_small is settled false, d3 is not fired
    trace, _ = both(book, params, vocab, {"population": 60_000, "hazard": "low"})
    assert trace.outcome("group.d3").status == "not_fired"
