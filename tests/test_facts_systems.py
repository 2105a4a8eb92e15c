"""Facts derived from a profile's systems[]: months to the earliest contract end, and the
spread between the earliest and the latest. Months are days ÷ 30.4375 (365.25 ÷ 12),
rounded to 0.1; every figure below is counted by hand from the calendar."""

import datetime as dt
import textwrap

import pytest

from jichitai_cloud_advisor.engine.profile.facts import build_facts

KAMIICHI_SYSTEMS = """
systems:
  - {area: 住民記録, form: package, customization: heavy, vendor: A社, contract_end: %s, hosting: onprem, standard_layout: false}
  - {area: 税務, form: package, customization: minor, vendor: A社, contract_end: %s, hosting: onprem, standard_layout: true}
"""


def facts_for(advisor, tmp_path, as_of, ends, extra=""):
    """上市町 (small, no cloud) with two systems whose contracts end on ``ends``."""
    systems = KAMIICHI_SYSTEMS % ends if len(ends) == 2 else textwrap.dedent(f"""
        systems:
          - {{area: 住民記録, form: package, vendor: A社, contract_end: {ends[0]}}}
        """)
    path = tmp_path / "p.yaml"
    path.write_text(f'code: "163228"\nas_of: {as_of}\ncloud: {{status: none}}\n{systems}{extra}', encoding="utf-8")
    profile = advisor.load(str(path))
    return profile, build_facts(profile, advisor.knowledge).values


def test_kamiichi_months_to_contract_end_and_spread(advisor, tmp_path):
    # as_of 2017-06-09 → earliest end 2019-03-31: 2017-06-09 → 2018-06-09 is 365 days,
    # → 2019-03-09 is 21+31+31+30+31+30+31+31+28+9 = 273, → 2019-03-31 is 22: 660 days;
    # 660 / 30.4375 = 21.68 → 21.7 (the memo's 約22か月).
    # spread 2019-03-31 → 2020-03-31 = 366 days (29 Feb 2020): 366 / 30.4375 = 12.02 → 12.0.
    _, facts = facts_for(advisor, tmp_path, "2017-06-09", ("2019-03-31", "2020-03-31"))
    assert facts["months_to_contract_end"] == 21.7
    assert facts["contract_end_spread_months"] == 12.0
    # the order of the systems does not matter: the earliest end counts
    _, facts = facts_for(advisor, tmp_path, "2017-06-09", ("2020-03-31", "2019-03-31"))
    assert facts["months_to_contract_end"] == 21.7 and facts["contract_end_spread_months"] == 12.0


def test_one_system_has_no_spread_and_a_past_end_is_negative(advisor, tmp_path):
    # 2019-04-30 → 2019-03-31 is -30 days: -30 / 30.4375 = -0.99 → -1.0
    _, facts = facts_for(advisor, tmp_path, "2019-04-30", ("2019-03-31",))
    assert facts["months_to_contract_end"] == -1.0
    assert "contract_end_spread_months" not in facts


def test_a_system_without_an_end_leaves_both_unknown(advisor, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(textwrap.dedent("""
        code: "163228"
        as_of: 2017-06-09
        systems:
          - {area: 住民記録, contract_end: 2019-03-31}
          - {area: 税務}
        """), encoding="utf-8")
    facts = build_facts(advisor.load(str(path)), advisor.knowledge).values
    assert "months_to_contract_end" not in facts and "contract_end_spread_months" not in facts


@pytest.mark.parametrize("as_of, months, fires", [
    # bpr.procurement_requirements: months_to_contract_end ≤ bpr.procurement_lead_months (24)
    ("2017-03-29", 24.0, True),   # 2017-03-29 → 2019-03-31 = 732 days: 24.05 → 24.0
    ("2017-03-28", 24.1, False),  # 733 days: 24.08 → 24.1
])
def test_procurement_rule_on_the_24_month_edge(advisor, tmp_path, as_of, months, fires):
    profile, facts = facts_for(advisor, tmp_path, as_of, ("2019-03-31", "2020-03-31"))
    assert facts["months_to_contract_end"] == months
    trace = advisor.evaluate(facts, profile.as_of)
    assert ("bpr.procurement_requirements" in trace.fired_ids) is fires


@pytest.mark.parametrize("second_end, spread, fires", [
    # group.align_contracts: contract_end_spread_months > group.contract_spread_months (24)
    ("2021-04-02", 24.1, True),   # 2019-03-31 → 2021-04-02 = 733 days: 24.08 → 24.1
    ("2021-03-31", 24.0, False),  # 731 days: 24.02 → 24.0, not more than 24
])
def test_align_contracts_rule_on_the_24_month_edge(advisor, tmp_path, second_end, spread, fires):
    # 上市町 is small (19,351 < 50,000) with no cloud: group_recommended is derived
    profile, facts = facts_for(advisor, tmp_path, "2017-06-09", ("2019-03-31", second_end))
    assert facts["contract_end_spread_months"] == spread
    trace = advisor.evaluate(facts, profile.as_of)
    assert ("group.align_contracts" in trace.fired_ids) is fires
