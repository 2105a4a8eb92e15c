"""The guards of the durable-rules adapter: names durable-rules cannot take, facts of the
wrong kind, and every session's state deleted afterwards, even when an assert fails."""

import datetime as dt
import itertools

import pytest

from jichitai_cloud_advisor.engine.errors import InputError
from jichitai_cloud_advisor.engine.rules import durable_adapter
from jichitai_cloud_advisor.engine.rules.evaluator import active_rules

AS_OF = dt.date(2017, 6, 9)
KAMIICHI = {"population": 19_351, "cloud_status": "none"}  # 上市町: small, no cloud


@pytest.fixture
def engine(advisor):
    active, _, values = active_rules(advisor.book, advisor.parameters, AS_OF)
    return advisor.book, active, values, advisor.vocabulary


@pytest.mark.parametrize("key", ["sid", "id", "round", "$s", "population__known"])
def test_reserved_fact_names_are_refused(engine, key):
    book, active, values, vocab = engine
    with pytest.raises(InputError) as caught:
        durable_adapter.fire(book, active, values, {**KAMIICHI, key: 1}, vocab)
    assert f"fact name `{key}` is reserved" in caught.value.message_en


def test_only_derived_facts_may_be_outside_the_vocabulary_and_only_as_true(engine):
    book, active, values, vocab = engine
    derived = sorted(book.derived_facts)[0]
    assert durable_adapter.fire(book, active, values, {**KAMIICHI, derived: True}, vocab)
    for facts in ({**KAMIICHI, derived: False}, {**KAMIICHI, "t_not_a_fact": True}):
        with pytest.raises(InputError) as caught:
            durable_adapter.fire(book, active, values, facts, vocab)
        assert "unknown fact" in caught.value.message_en


def test_no_rules_fire_nothing(engine):
    book, _, values, vocab = engine
    assert durable_adapter.fire(book, [], values, KAMIICHI, vocab) == []


def _state(name, sid):
    try:
        return durable_adapter._durable().get_host().get_state(name, sid)
    except Exception:  # durable-rules raises its own error type for a sid it does not hold
        return None


def test_the_session_state_is_deleted_after_firing(engine, monkeypatch):
    book, active, values, vocab = engine
    monkeypatch.setattr(durable_adapter, "_session_counter", itertools.count(900_000_001))
    fired = durable_adapter.fire(book, active, values, KAMIICHI, vocab)
    assert "group.small_no_cloud" in fired
    name = durable_adapter._compile(book, active, values)
    assert _state(name, "p900000001") is None
    assert durable_adapter._firings == {}


def test_a_refused_fact_leaves_no_session_and_raises_only_the_input_error(engine, monkeypatch):
    book, active, values, vocab = engine
    monkeypatch.setattr(durable_adapter, "_session_counter", itertools.count(900_000_101))
    with pytest.raises(InputError):
        durable_adapter.fire(book, active, values, {"population": "19351"}, vocab)  # a string: refused
    name = durable_adapter._compile(book, active, values)
    assert _state(name, "p900000101") is None


def test_a_failing_assert_still_deletes_the_session_and_its_firings(engine, monkeypatch):
    book, active, values, vocab = engine
    host = durable_adapter._durable().get_host()
    real_assert = host.assert_fact

    def assert_then_fail(name, fact):
        real_assert(name, fact)  # actions run (firings recorded), then the call fails
        raise RuntimeError("durable failed")

    monkeypatch.setattr(host, "assert_fact", assert_then_fail)
    monkeypatch.setattr(durable_adapter, "_session_counter", itertools.count(900_000_201))
    with pytest.raises(RuntimeError):
        durable_adapter.fire(book, active, values, KAMIICHI, vocab)
    monkeypatch.undo()
    assert durable_adapter._firings == {}
    assert _state(durable_adapter._compile(book, active, values), "p900000201") is None


# durable-rules reads a number back wrongly beyond 64-bit magnitudes and refuses one printed
# with an exponent (1e-05); the loader refuses such values first, and the adapter checks again
# (defence in depth): these tests reach the adapter's own check directly.
@pytest.mark.parametrize("fact, value", [
    ("population", 10 ** 15),                # exactly the bound MAX_ENGINE_MAGNITUDE: refused
    ("population", -(10 ** 15)),
    ("fiscal_strength_index", 1e-05),        # json.dumps gives '1e-05'
    ("fiscal_strength_index", 1e16),         # '1e+16': both faults at once
])
def test_a_fact_number_the_engine_cannot_take_is_refused(engine, fact, value):
    book, active, values, vocab = engine
    with pytest.raises(InputError) as caught:
        durable_adapter.fire(book, active, values, {**KAMIICHI, fact: value}, vocab)
    assert f"`{fact}`: the value {value!r} is a number the rule engine cannot take" in caught.value.message_en


@pytest.mark.parametrize("fact, value", [("population", 10 ** 15 - 1), ("fiscal_strength_index", 0.0001)])
def test_numbers_just_inside_the_bounds_are_taken(engine, fact, value):
    book, active, values, vocab = engine
    durable_adapter.fire(book, active, values, {**KAMIICHI, fact: value}, vocab)  # no error


def test_a_parameter_value_the_engine_cannot_take_is_refused_when_the_rules_are_compiled(engine):
    # group.small_no_cloud compares population with {param: group.small_population}.
    book, active, values, vocab = engine
    with pytest.raises(InputError) as caught:
        durable_adapter.fire(book, active, {**values, "group.small_population": 10 ** 15}, KAMIICHI, vocab)
    assert "`group.small_population`: the value 1000000000000000" in caught.value.message_en
