"""What-if (`--join`), on real data."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.errors import InputError
from jichitai_cloud_advisor.engine.groups.whatif import apply_join
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
from jichitai_cloud_advisor.engine.profile.loader import parse_profile


@pytest.fixture()
def kamiichi(advisor, examples):
    path = next(p for p in examples if "kamiichi" in p.name)
    return advisor.advise(advisor.load(str(path)))


def test_joining_two_neighbours_changes_the_group_size_advice(advisor, kamiichi):
    before = kamiichi.trace.outcome("group.small_no_cloud").status
    result = apply_join(advisor, kamiichi, ["163236", "162060"])  # 立山町, 滑川市
    # as_of 2017-06-09: 2015 census for all three: 上市町 20,930 + 立山町 26,317 + 滑川市 32,755 = 80,002.
    assert kamiichi.facts.values["population"] == 20_930
    assert result["population_total"] == 20_930 + 26_317 + 32_755 == 80_002
    assert result["connected"] is True
    changed = {c["id"]: c for c in result["changed_rules"]}
    assert before == "fired"
    assert changed["group.small_no_cloud"]["after"] == "not_fired"
    assert changed["group.small_no_cloud"]["size_band"] is True
    assert result["facts_changed"]["cloud_status"] == {"before": "none", "after": "group"}
    assert kamiichi.extras["what_if"] is result
    json.dumps(result, ensure_ascii=False)


def test_smallest_change_is_tied_to_neighbours(advisor, examples):
    # In 2019 the large-body customisation rule (population ≥ 200,000) is in force:
    # 上市町 + 立山町 fall short, and the graph says whom to add to reach it.
    path = next(p for p in examples if "kamiichi" in p.name)
    kamiichi = advisor.advise(advisor.load(str(path), dt.date(2019, 6, 1)))
    result = apply_join(advisor, kamiichi, ["163236"])
    changes = [c for rule in result["to_fire"] for c in rule["changes"] if c["fact"] == "population"]
    assert changes
    for change in changes:
        assert "required" in change and "actual" in change and change["actual"] == result["population_total"]
        if change["operator"] in ("ge", "gt"):
            assert change["join_also"], change
            graph_total = result["population_total"] + sum(
                advisor.knowledge.get(m["code"]).population for m in change["join_also"])
            assert graph_total >= change["required"]
            assert all(m["name"] in change["change"] for m in change["join_also"])


def test_grants_after_are_worked_out_again_not_copied(advisor):
    # 川越市 (財政力指数 0.97 in FY2017) runs a cloud of its own with nothing planned: no 特別交付税 item
    # applies (the items are for a municipality moving to a group cloud, issue 10). As a group with
    # 坂戸市 (forming it) the three items with costs apply, at 1/2 with no fiscal correction in force in
    # 2017: 6,000,000 x 0.5 = 3,000,000; 4,000,000 x 0.5 = 2,000,000; 1,500,000 x 0.5 = 750,000.
    # (A ward such as 大田区 would stay not applicable: 都区合算.)
    text = ('code: "112011"\nas_of: 2017-06-09\ncloud: {status: single, migration: none}\n'
            'costs: {planning: 4000000, consultant: 6000000, training: 1500000}\n')
    kawagoe = advisor.advise(parse_profile(parse_text(text, "t.yaml"), advisor.knowledge))
    result = apply_join(advisor, kawagoe, ["112399"])
    grants = {g["item"]: g for g in result["grants"]}
    assert {i: (g["eligible_before"], g["amount_yen_before"]) for i, g in grants.items()
            if i != "data_migration"} == {"consultant": (False, 0), "joint_planning": (False, 0), "training": (False, 0)}
    assert {i: (g["eligible_after"], g["amount_yen_after"]) for i, g in grants.items()
            if i != "data_migration"} == {"consultant": (True, 3_000_000), "joint_planning": (True, 2_000_000),
                                          "training": (True, 750_000)}
    # data migration: no cost given, no answer on 中間標準レイアウト: eligible only on condition, no amount.
    assert grants["data_migration"]["eligible_after"] == "conditional"
    assert grants["data_migration"]["amount_yen_after"] is None
    assert result["facts_changed"]["migration_plan"] == {"before": "none", "after": "forming_group"}
    assert items_of(kawagoe.grants) == set(grants)


def items_of(grants):
    return {g.item for g in grants}


def test_unconnected_join_is_flagged(advisor, kamiichi):
    result = apply_join(advisor, kamiichi, ["131016"])  # 千代田区
    assert result["connected"] is False and "warning" in result and result["crosses_prefecture"]


@pytest.mark.parametrize("codes", [["999999"], ["163228"], ["163236", "163236"], []])
def test_bad_join_codes_are_input_errors_naming_join(advisor, kamiichi, codes):
    with pytest.raises(InputError) as error:
        apply_join(advisor, kamiichi, codes)
    assert error.value.field == "--join"


def test_join_option_on_the_command_line(examples):
    path = str(next(p for p in examples if "kamiichi" in p.name))
    runner = CliRunner()
    out = runner.invoke(main, [path, "--join", "163236,162060", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["what_if"]["population_total"] > data["municipality"]["population"]
    bad = runner.invoke(main, [path, "--join", "12345x"])
    assert bad.exit_code == 2 and "--join" in bad.output


# --- the what-if section of the memo, in both formats ---------------------------------------------

def test_memo_gains_the_what_if_section_in_markdown_and_html(examples):
    path = str(next(p for p in examples if "kamiichi" in p.name))
    runner = CliRunner()
    plain = runner.invoke(main, [path])
    assert plain.exit_code == 0 and "仮定の試算" not in plain.output
    md = runner.invoke(main, [path, "--join", "163236,162060"])
    assert md.exit_code == 0, md.output
    text = md.output
    assert "### 仮定の試算: 立山町・滑川市とグループを組んだ場合" in text
    # 2015 census: 20,930 + 26,317 + 32,755 = 80,002. The one population line in force on 2017-06-09 is
    # group.small_population (5万, from 2016-10-27); the 2万 and 20万 lines date from 2018-03-30.
    assert "- 合計人口 8万2人（当団体 2万930人）、人口の区分: 5万人未満 → 5万人以上" in text
    assert "| 小規模団体は自治体クラウドへの参加・形成を | 該当 | 非該当 |" in text
    assert "| 特別交付税の試算 | 現在 | グループを組んだ場合 |" in text
    html = runner.invoke(main, [path, "--join", "163236,162060", "--format", "html"])
    assert html.exit_code == 0
    page = html.output
    assert '<div class="whatif" id="what-if">' in page
    assert "<h3>仮定の試算: 立山町・滑川市とグループを組んだ場合</h3>" in page
    assert "<tr><td>小規模団体は自治体クラウドへの参加・形成を</td><td>該当</td><td>非該当</td></tr>" in page
    en = runner.invoke(main, [path, "--join", "163236,162060", "--lang", "en"])
    assert "### What-if: forming a group with 立山町, 滑川市" in en.output
    assert "80,002 people in all (20,930 people in this municipality), size band: under 50,000 people → 50,000 people or more" \
        in en.output


def test_memo_what_if_grants_before_and_after(tmp_path):
    profile = tmp_path / "kawagoe.yaml"
    profile.write_text('code: "112011"\nas_of: 2017-06-09\ncloud: {status: single, migration: none}\n'
                       'costs: {planning: 4000000, consultant: 6000000, training: 1500000}\n', encoding="utf-8")
    out = CliRunner().invoke(main, [str(profile), "--join", "112399"])
    assert out.exit_code == 0, out.output
    assert "| 導入コンサルタント | 対象外、0円 | 対象、300万円 |" in out.output
    assert "| 共同化計画策定 | 対象外、0円 | 対象、200万円 |" in out.output
    assert "| 実務処理研修 | 対象外、0円 | 対象、75万円 |" in out.output
    assert "特別交付税の試算は変わらない" not in out.output
