"""Every rule-test case beside the rules (rules/<family>/tests/*.yaml) passes."""

import pytest

from jichitai_cloud_advisor.engine.rules.rule_tests import expectations_by_rule, load_cases, run_case

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file.split('/')[1]}:{c.line}" for c in CASES])
def test_rule_case(advisor, case):
    result = run_case(advisor, case)
    assert result.passed, f"{case.label}\n" + "\n".join(result.failures)


def test_every_rule_has_a_firing_and_a_not_firing_case(advisor):
    expected = expectations_by_rule(CASES)
    lacking = {r.id: sorted(expected.get(r.id, ())) for r in advisor.book.rules
               if not {"fired", "not_fired"} <= expected.get(r.id, set())}
    assert not lacking


def test_a_wrong_expectation_is_reported_with_the_reason(advisor, tmp_path):
    from jichitai_cloud_advisor.engine.rules.rule_tests import Case
    import datetime as dt
    case = Case(name="a deliberately wrong case", file="x.yaml", line=3, as_of=dt.date(2017, 6, 9),
                expect={"group.small_no_cloud": "not_fired"}, facts={"population": 1000, "cloud_status": "none"})
    result = run_case(advisor, case)
    assert not result.passed
    assert "group.small_no_cloud: expected not_fired, got fired" in result.failures[0]
    assert "population" in result.failures[0]
