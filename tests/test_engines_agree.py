"""durable-rules and the pure evaluator fire the same rules: for all 1,741 municipalities
(public data only) on both regime dates, and for every rule-test case."""

import datetime as dt

import pytest

from jichitai_cloud_advisor.engine.rules import durable_adapter
from jichitai_cloud_advisor.engine.rules.coverage import _profile
from jichitai_cloud_advisor.engine.rules.evaluator import active_rules, evaluate_rules
from jichitai_cloud_advisor.engine.profile.facts import build_facts
from jichitai_cloud_advisor.engine.rules.rule_tests import case_facts, load_cases

DATES = (dt.date(2017, 6, 9), dt.date(2025, 4, 1))


def _both(advisor, facts, as_of):
    pure = evaluate_rules(advisor.book, advisor.parameters, facts, as_of).fired_ids
    active, _, values = active_rules(advisor.book, advisor.parameters, as_of)
    durable = durable_adapter.fire(advisor.book, active, values, facts, advisor.vocabulary)
    return set(pure), set(durable)


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_all_municipalities_public_data(advisor, as_of):
    disagreements, fired_any = [], set()
    for municipality in advisor.knowledge.municipalities.values():
        facts = build_facts(_profile(municipality, {}, as_of), advisor.knowledge).values
        pure, durable = _both(advisor, facts, as_of)
        fired_any |= pure
        if pure != durable:
            disagreements.append((municipality.code, sorted(pure ^ durable)))
    assert len(advisor.knowledge.municipalities) == 1741
    assert fired_any, "nothing fired: the comparison would be vacuous"
    assert not disagreements, disagreements[:10]


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: f"{c.file.split('/')[1]}:{c.line}")
def test_every_rule_test_profile(advisor, case):
    pure, durable = _both(advisor, case_facts(advisor, case), case.as_of)
    assert pure == durable


@pytest.mark.parametrize("variant", ["none_heavy", "single_clean", "group_clean", "custom_mainframe"])
@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_all_municipalities_what_if_variants(advisor, as_of, variant):
    from jichitai_cloud_advisor.engine.rules.coverage import VARIANTS
    disagreements = []
    for municipality in advisor.knowledge.municipalities.values():
        facts = build_facts(_profile(municipality, VARIANTS[variant], as_of), advisor.knowledge).values
        pure, durable = _both(advisor, facts, as_of)
        if pure != durable:
            disagreements.append((municipality.code, sorted(pure ^ durable)))
    assert not disagreements, disagreements[:10]
