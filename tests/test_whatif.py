"""What-if (`--join`), on real data."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.errors import InputError
from jichitai_cloud_advisor.engine.groups.whatif import apply_join


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


def test_grants_before_and_after_are_reported(advisor, kamiichi):
    result = apply_join(advisor, kamiichi, ["163236", "162060"])
    items = {g["item"] for g in result["grants"]}
    assert items == {g.item for g in kamiichi.grants}
    assert all({"eligible_before", "eligible_after"} <= set(g) for g in result["grants"])


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
