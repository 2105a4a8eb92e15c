"""engine/grants.py on small rule books written for each case (several rules for one item, gaps
in force, derived facts, parameters unset), and on the shipped rules for the notes a reader sees.

Every expected status, note and amount is worked out by hand from the rules written here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from jichitai_cloud_advisor.engine.grants import (
    CONDITIONAL, ELIGIBLE, INELIGIBLE, UNDETERMINED_STATUS, _withheld, estimate_grants)
from jichitai_cloud_advisor.engine.rules.evaluator import evaluate_rules
from jichitai_cloud_advisor.engine.rules.parameters import load_parameters
from jichitai_cloud_advisor.engine.rules.rulebook import load_rulebook

SOURCE = '{document: 自治体クラウドの推進について（総務省）, section: "3. ①", date: "2017-06-09", confidence: C}'


def rule(rule_id: str, when: str, then: str, start: str = "2011-04-01", end: str | None = None) -> str:
    to = f'"{end}"' if end else "null"
    return (f"  - id: {rule_id}\n    title: {{ja: 題, en: title}}\n    source: {SOURCE}\n"
            f'    effective: {{from: "{start}", to: {to}}}\n    when: {when}\n    then: {then}\n')


def book_of(tmp_path, *rules: str, params=None):
    directory = tmp_path / "rules"
    (directory / "grant").mkdir(parents=True)
    (directory / "grant" / "a.yaml").write_text("family: grant\nrules:\n" + "".join(rules), encoding="utf-8")
    params = params or load_parameters()
    from jichitai_cloud_advisor.engine.rules.vocabulary import default_vocabulary
    return load_rulebook(default_vocabulary(), params, directory), params


def estimate(book, params, facts: dict, as_of: dt.date):
    trace = evaluate_rules(book, params, facts, as_of)
    return {g.item: g for g in estimate_grants(book, trace, params, facts)}


D2017 = dt.date(2017, 6, 9)


# --- several rules for one item -----------------------------------------------------------------

def test_one_rule_not_fired_and_one_undetermined_leave_the_item_undetermined(tmp_path):
    book, params = book_of(
        tmp_path,
        rule("grant.a", "{fact: cloud_status, eq: group}", "{grant: joint_planning}"),
        rule("grant.b", "{fact: migration_plan, eq: forming_group}", "{grant: joint_planning}"))
    # cloud_status none: grant.a not fired; migration_plan unknown: grant.b undetermined.
    g = estimate(book, params, {"cloud_status": "none", "cost_planning": 4_000_000}, D2017)["joint_planning"]
    assert g.status == UNDETERMINED_STATUS and g.amount_yen is None
    assert any("未確定" in n["ja"] and "undetermined" in n["en"] for n in g.notes)


def test_both_rules_not_fired_make_it_ineligible_with_the_facts_in_words(tmp_path):
    book, params = book_of(
        tmp_path,
        rule("grant.a", "{fact: cloud_status, eq: group}", "{grant: joint_planning}"),
        rule("grant.b", "{fact: migration_plan, eq: forming_group}", "{grant: joint_planning}"))
    g = estimate(book, params, {"cloud_status": "single", "migration_plan": "none"}, D2017)["joint_planning"]
    assert g.status == INELIGIBLE and g.amount_yen == 0
    note = g.notes[-1]
    assert "単独クラウド" in note["ja"] and "予定なし" in note["ja"]
    assert "single-municipality cloud" in note["en"] and "nothing planned" in note["en"]
    # the source of an ineligible item is still its rule's
    assert g.source == "自治体クラウドの推進について（総務省） 3. ①"


# --- out of force: not begun, ended, a gap, a parameter unset -----------------------------------

def test_before_any_rule_began_the_item_is_ineligible_without_an_amount(tmp_path):
    book, params = book_of(
        tmp_path,
        rule("grant.late", "{fact: cloud_status, eq: none}", "{grant: consultant}", start="2015-04-01"),
        rule("grant.early", "{fact: cloud_status, eq: none}", "{grant: consultant}", start="2014-04-01"))
    g = estimate(book, params, {"cloud_status": "none", "cost_consultant": 6_000_000},
                 dt.date(2013, 6, 1))["consultant"]
    assert g.status == INELIGIBLE and g.amount_yen is None and g.rate is None
    # the earliest start is named (2014-04-01 = 平成26年4月1日), not the later one
    assert "平成26年4月1日" in g.notes[0]["ja"] and "平成27年" not in g.notes[0]["ja"]


def test_a_rule_begun_and_another_to_come_is_not_read_as_not_begun(tmp_path):
    # 2016: the first rule ended 2015-03-31, the second starts 2018-04-01 (open-ended).
    book, params = book_of(
        tmp_path,
        rule("grant.old", "{fact: cloud_status, eq: none}", "{grant: training}", end="2015-03-31"),
        rule("grant.new", "{fact: cloud_status, eq: none}", "{grant: training}", start="2018-04-01"))
    g = estimate(book, params, {"cloud_status": "none"}, dt.date(2016, 6, 1))["training"]
    assert g.status == UNDETERMINED_STATUS and g.amount_yen is None
    assert "平成27年3月31日" in g.notes[0]["ja"] and "確度 U" in g.notes[0]["ja"]


def test_after_two_rules_ended_the_later_end_is_named(tmp_path):
    book, params = book_of(
        tmp_path,
        rule("grant.one", "{fact: cloud_status, eq: none}", "{grant: training}", end="2015-03-31"),
        rule("grant.two", "{fact: cloud_status, eq: none}", "{grant: training}", start="2016-04-01",
             end="2019-03-31"))
    g = estimate(book, params, {"cloud_status": "none"}, dt.date(2020, 6, 1))["training"]
    assert g.status == UNDETERMINED_STATUS
    assert "平成31年3月31日" in g.notes[0]["ja"] and "平成27年" not in g.notes[0]["ja"]
    assert "31 March 2019" in g.notes[0]["en"]


def test_a_rule_inactive_for_an_unset_parameter_is_undetermined_not_ended(tmp_path):
    # grant.fiscal_correction ships unset (null): the rule naming it is not in force on any date.
    book, params = book_of(
        tmp_path, rule("grant.param", "{fact: population, lt: {param: grant.fiscal_correction}}",
                       "{grant: data_migration}"))
    g = estimate(book, params, {"population": 10_000}, D2017)["data_migration"]
    assert g.status == UNDETERMINED_STATUS
    assert g.notes[0]["ja"] == "基準日に適用される措置が確認できていません。対象になるかは未確定です。"


@pytest.mark.parametrize("start, end", [("2017-06-09", None), ("2011-04-01", "2017-06-09")])
def test_a_rule_inactive_for_its_parameter_on_its_first_or_last_day_is_neither_begun_nor_ended(tmp_path, start, end):
    # In its period on 2017-06-09 (first or last day) but out of force for the unset parameter.
    book, params = book_of(
        tmp_path, rule("grant.param", "{fact: population, lt: {param: grant.fiscal_correction}}",
                       "{grant: data_migration}", start=start, end=end))
    g = estimate(book, params, {"population": 10_000}, D2017)["data_migration"]
    assert g.status == UNDETERMINED_STATUS
    assert g.notes[0]["ja"] == "基準日に適用される措置が確認できていません。対象になるかは未確定です。"


# --- why not, in words ----------------------------------------------------------------------------

DERIVE = rule("grant.derive", "{fact: cloud_status, eq: none}", "{derive: {x_flag: true}}")


def test_a_derived_fact_is_skipped_and_the_facts_after_it_still_named(tmp_path):
    book, params = book_of(
        tmp_path, DERIVE,
        rule("grant.item", "{any: [{fact: x_flag, eq: true}, {fact: cloud_status, eq: group}]}",
             "{grant: joint_planning}"))
    g = estimate(book, params, {"cloud_status": "single"}, D2017)["joint_planning"]
    assert g.status == INELIGIBLE
    assert "単独クラウド" in g.notes[0]["ja"] and "x_flag" not in g.notes[0]["ja"]


def test_only_a_derived_fact_failing_gives_the_plain_reason(tmp_path):
    book, params = book_of(tmp_path, DERIVE, rule("grant.item", "{fact: x_flag, eq: true}", "{grant: training}"))
    g = estimate(book, params, {"cloud_status": "single"}, D2017)["training"]
    assert g.notes[0] == {"ja": "対象外（この措置の条件に当たりません）。", "en": "not eligible (the conditions are not met)."}


def test_at_most_four_facts_are_named(tmp_path):
    when = ("{any: [{fact: cloud_status, eq: group}, {fact: cloud_plan, eq: adopted}, "
            "{fact: driving_body, eq: council}, {fact: hazard, eq: high}, {fact: max_customization, eq: heavy}]}")
    book, params = book_of(tmp_path, rule("grant.item", when, "{grant: training}"))
    facts = {"cloud_status": "none", "cloud_plan": "none", "driving_body": "none", "hazard": "low",
             "max_customization": "none"}
    note = estimate(book, params, facts, D2017)["training"].notes[0]["ja"]
    # the first four in the order written: status, plan, body, hazard; not customisation
    assert "未導入" in note and "推進組織: なし" in note
    assert "災害リスク" in note and "カスタマイズ" not in note
    assert note.count("、") == 3


@pytest.mark.parametrize("actual, ja, en", [(True, "はい", "yes"), (False, "いいえ", "no")])
def test_a_yes_no_fact_is_named_in_words(tmp_path, actual, ja, en):
    book, params = book_of(tmp_path, rule("grant.item", f"{{fact: cloud_experience, eq: {str(not actual).lower()}}}",
                                          "{grant: training}"))
    note = estimate(book, params, {"cloud_experience": actual}, D2017)["training"].notes[0]
    assert note["ja"].endswith(f"クラウド導入の経験がある職員がいるか: {ja}）。")
    assert note["en"].endswith(f"staff with cloud-migration experience: {en}).")


# --- amounts and their notes on the shipped rules ---------------------------------------------------

FORMING = {"cloud_status": "none", "migration_plan": "forming_group", "all_standard_layout": True,
           "municipality_type": "町", "fiscal_strength_index": 0.46}


def test_each_note_where_it_belongs(advisor):
    facts = dict(FORMING, cost_planning=4_000_000, cost_data_migration=25_000_000)  # consultant, training: no cost
    g = estimate(advisor.book, advisor.parameters, facts, D2017)
    assert g["joint_planning"].status == ELIGIBLE and g["joint_planning"].amount_yen == 2_000_000  # 4,000,000 × 1/2
    assert g["data_migration"].status == ELIGIBLE and g["data_migration"].amount_yen == 12_500_000  # 25,000,000 × 1/2
    assert g["consultant"].amount_yen is None
    assert any("経費の見込み額が未記入" in n["ja"] for n in g["consultant"].notes)
    assert not any("経費の見込み額が未記入" in n["ja"] for n in g["joint_planning"].notes)
    # the unconfirmed rate is said for the three items, not for data migration (stated by its source)
    unconfirmed = "この項目の措置率は資料で確認できていない仮の値です"
    assert any(unconfirmed in n["ja"] for n in g["joint_planning"].caveats)
    assert not any(unconfirmed in n["ja"] for n in g["data_migration"].caveats)
    # the correction table ships unset: said as such, not as an unknown index
    assert any("係数表が未確認" in n["ja"] for n in g["joint_planning"].caveats)
    assert g["joint_planning"].as_json("ja")["notes"][-len(g["joint_planning"].caveats):] == \
        [n["ja"] for n in g["joint_planning"].caveats]


def test_an_unknown_index_with_a_supplied_table_is_said(advisor, tmp_path):
    table = tmp_path / "t.yaml"
    table.write_text('parameters:\n  grant.fiscal_correction:\n    values:\n      - from: "2011-04-01"\n'
                     '        value: [{below: 0.5, multiplier: 0.8}, {below: null, multiplier: 0.6}]\n',
                     encoding="utf-8")
    params = load_parameters([table])
    facts = {k: v for k, v in FORMING.items() if k != "fiscal_strength_index"}
    facts["cost_planning"] = 4_000_000
    g = estimate(advisor.book, params, facts, D2017)["joint_planning"]
    assert g.fiscal_correction is None and g.amount_yen == 2_000_000  # no index: not corrected
    assert any("財政力指数が不明" in n["ja"] for n in g.caveats)
    facts["fiscal_strength_index"] = 0.46
    g = estimate(advisor.book, params, facts, D2017)["joint_planning"]
    assert g.fiscal_correction == 0.8 and g.amount_yen == 1_600_000  # 4,000,000 × 1/2 × 0.8
    assert not any("補正を適用していません" in n["ja"] for n in g.caveats)


def test_an_unset_rate_is_said_and_gives_no_amount(advisor, tmp_path):
    unset = tmp_path / "r.yaml"
    # a user's file that gives the rate only from 2020: on 2017-06-09 there is none in force
    unset.write_text('parameters:\n  grant.special_allocation_rate_other_items:\n    values:\n'
                     '      - {from: "2020-04-01", value: 0.5}\n', encoding="utf-8")
    params = load_parameters([unset])
    g = estimate(advisor.book, params, dict(FORMING, cost_planning=4_000_000), D2017)["joint_planning"]
    assert g.status == ELIGIBLE and g.rate is None and g.amount_yen is None
    assert any(n["ja"] == "措置率が設定されていません。" for n in g.notes)
    assert not any("仮の値" in n["ja"] for n in g.caveats)  # no rate, nothing to call unconfirmed


def test_a_conditional_item_keeps_its_amount(advisor):
    facts = dict(FORMING, all_standard_layout=False, cost_data_migration=6_000_000)
    g = estimate(advisor.book, advisor.parameters, facts, D2017)["data_migration"]
    assert g.status == CONDITIONAL and g.eligible == "conditional" and g.amount_yen == 3_000_000  # 6,000,000 × 1/2


def test_the_withheld_note_names_the_index_and_its_year():
    note = _withheld(2_000_000, 1.51, 2017)
    assert note["ja"] == "財政力指数 1.51（2017年度の値）。試算額は示しません（参考: 補正・控除前の上限 2,000,000円）。"
    assert note["en"].startswith("fiscal strength index 1.51 (FY2017); no estimate")
    bare = _withheld(2_000_000, None, None)
    assert bare["ja"].startswith("試算額は示しません") and "財政力指数" not in bare["ja"]
    assert bare["en"].startswith("no estimate")


