"""Prefecture plans (`advise groups`), on real data."""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.errors import InputError
from jichitai_cloud_advisor.engine.groups.graph import national_graph
from jichitai_cloud_advisor.engine.groups.grouping import plan_prefecture


@pytest.fixture(scope="module")
def plan(advisor):
    return lambda prefecture, size=None: plan_prefecture(advisor.knowledge, advisor.parameters, prefecture, size)


@pytest.mark.parametrize("prefecture,size", [("富山県", None), ("北海道", None), ("北海道", 3), ("東京都", 4),
                                             ("長崎県", 5), ("大阪府", 2)])
def test_plan_covers_each_municipality_at_most_once_and_groups_are_connected(advisor, plan, prefecture, size):
    graph = national_graph(advisor.knowledge)
    result = plan(prefecture, size)
    in_prefecture = {c for c, d in graph.nodes(data=True) if d["prefecture"] == prefecture}
    planned = [m["code"] for g in result["groups"] for m in g["members"]]
    assert len(planned) == len(set(planned))
    already = {m["code"] for m in result["already_in_group"]}
    assert set(planned) == in_prefecture - already
    for group in result["groups"]:
        codes = [m["code"] for m in group["members"]]
        assert 1 <= len(codes) <= result["max_size"]
        assert nx.is_connected(graph.subgraph(codes))
        assert group["population_total"] == sum(graph.nodes[c]["population"] for c in codes)
        assert group["reasons"] and len(group["reasons"]) == len(group["reasons_en"])
    singles = [g for g in result["groups"] if len(g["members"]) == 1]
    assert len(singles) <= len(result["groups"]) // 4 + 1


def test_members_of_a_known_group_are_left_out(plan):
    osaka = plan("大阪府")
    assert {m["name"] for m in osaka["already_in_group"]} == {"高石市", "忠岡町"}


def test_plan_is_deterministic(plan):
    assert plan("北海道") == plan("北海道")


def test_unknown_prefecture_and_bad_size_are_input_errors(plan):
    assert plan("富山")["prefecture"] == "富山県"  # without 県, as batch and lookup accept
    with pytest.raises(InputError) as error:
        plan("富山都")
    assert "富山県" in str(error.value) and error.value.field == "--prefecture"
    with pytest.raises(InputError):
        plan("富山県", 1)


def test_groups_command_text_and_json():
    runner = CliRunner()
    text = runner.invoke(main, ["groups", "--prefecture", "富山県"])
    assert text.exit_code == 0, text.output
    assert "上市町" in text.output and "合計人口" in text.output
    data = runner.invoke(main, ["groups", "--prefecture", "富山県", "--max-size", "3", "--format", "json"])
    assert data.exit_code == 0
    parsed = json.loads(data.output)
    assert parsed["max_size"] == 3 and all(len(g["members"]) <= 3 for g in parsed["groups"])
    bad = runner.invoke(main, ["groups", "--prefecture", "トヤマ"])
    assert bad.exit_code == 2


def test_plan_is_the_same_under_any_string_hash_seed():
    """networkx views iterate sets; the plan must not depend on PYTHONHASHSEED."""
    import os
    import subprocess
    import sys
    script = ("import json, datetime as dt\n"
              "from jichitai_cloud_advisor.engine.knowledge.base import load_knowledge\n"
              "from jichitai_cloud_advisor.engine.rules.parameters import load_parameters\n"
              "from jichitai_cloud_advisor.engine.groups.grouping import plan_prefecture\n"
              "p = plan_prefecture(load_knowledge(), load_parameters(), '北海道', None, dt.date(2017, 6, 9))\n"
              "print(json.dumps(p, ensure_ascii=False, sort_keys=True))\n")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1
