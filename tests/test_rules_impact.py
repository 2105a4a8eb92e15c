"""`advise rules impact`: a parameter or rule edit against the shipped rule base, over the same
municipalities, with the expected municipalities worked out here from the data files."""

import csv
import json
import shutil
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR, KNOWLEDGE_DIR, RULES_DIR

AS_OF = "2025-07-01"   # standardisation.small_joint_use is in force (from 2025-06-16)
RULE = "standardisation.small_joint_use"


def run(*args):
    return CliRunner().invoke(main, ["rules", "impact", *[str(a) for a in args]])


def impact_json(*args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def read_csv(name):
    with open(KNOWLEDGE_DIR / "data" / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def small_30000(tmp_path_factory):
    path = tmp_path_factory.mktemp("reform") / "small_30000.yaml"
    path.write_text('parameters:\n  group.small_population:\n    values:\n'
                    '      - {from: "2016-10-27", value: 30000}\n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def data():
    """From the data files alone: 2020 population, prefecture, and members of known cloud groups."""
    population = {r["code"]: int(r["population_total_2020"]) for r in read_csv("population_and_basics_ssdse_a_2025.csv")}
    prefecture = {r["code"]: r["prefecture"] for r in read_csv("municipalities.csv")}
    members = {r["member_code"] for r in read_csv("cloud_groups.csv") if r["member_code"]}
    # The rule concerns: population < group.small_population AND cloud_status in [none, single].
    # With public data alone cloud_status is unknown, so below the threshold the rule is
    # undetermined and at or above it not fired. Lowering the threshold from 50,000 to 30,000
    # therefore changes exactly 30,000 <= population < 50,000 (2020 census, in force on
    # 2025-07-01) — except a member of a known cloud group wherever the engine knows its
    # cloud_status is `group` (then the rule is not fired under both).
    band = {code for code, people in population.items() if 30_000 <= people < 50_000}
    return {"population": population, "prefecture": prefecture, "members": members, "band": band}


@pytest.fixture(scope="module")
def national(small_30000):
    return impact_json("--parameters", small_30000, "--as-of", AS_OF, "--all")


def test_lowering_small_population_changes_exactly_the_municipalities_between(national, data):
    assert len(data["band"]) == 239       # counted from the population file (2020 census)
    affected = {m["code"] for m in national["affected"]}
    assert data["band"] - data["members"] <= affected <= data["band"]
    assert national["evaluated"] == 1741
    for m in national["affected"]:
        assert 30_000 <= m["population"] < 50_000 and m["population"] == data["population"][m["code"]]
        assert m["status_changes"] == [{"rule": RULE, "before": "undetermined", "after": "not_fired"}]
        assert m["now_fire"] == m["no_longer_fire"] == m["asks_added"] == m["asks_removed"] == []
        assert m["grants"] == [] and m["change_yen"] == 0
    assert national["totals"]["by_rule"] == {RULE: {"now_fire": 0, "no_longer_fire": 0, "other": len(affected),
                                                    "asks_added": 0, "asks_removed": 0}}
    assert national["totals"]["yen"]["total"] == {"before_yen": 0, "after_yen": 0, "change_yen": 0}


def test_exact_list_in_a_prefecture_without_known_groups_in_the_band(small_30000, data):
    # 茨城県: 44 municipalities, 14 with 30,000–49,999 people, none of them in a known cloud group,
    # so the expected list does not depend on how known memberships are read.
    band = sorted(c for c in data["band"] if data["prefecture"][c] == "茨城県")
    assert len(band) == 14 and not set(band) & data["members"]
    report = impact_json("--parameters", small_30000, "--as-of", AS_OF, "--prefecture", "茨城県")
    assert [m["code"] for m in report["affected"]] == band
    assert report["totals"]["by_prefecture"] == {"茨城県": {"evaluated": 44, "affected": 14, "now_fire": 0,
                                                           "no_longer_fire": 0, "change_yen": 0}}
    text = run("--parameters", small_30000, "--as-of", AS_OF, "--prefecture", "茨城県", "--lang", "en").stdout
    for code in band:
        assert code in text
    assert f"{RULE} undetermined → not fired" in text


def test_totals_by_prefecture_match_the_hand_count(national, data):
    expected = {}
    for code in data["band"] - data["members"]:
        expected[data["prefecture"][code]] = expected.get(data["prefecture"][code], 0) + 1
    by_prefecture = national["totals"]["by_prefecture"]
    assert sum(row["evaluated"] for row in by_prefecture.values()) == 1741
    assert list(by_prefecture)[:2] == ["北海道", "青森県"]   # in the order of prefecture codes
    for prefecture, count in expected.items():
        members_here = sum(1 for c in data["band"] & data["members"] if data["prefecture"][c] == prefecture)
        assert count <= by_prefecture[prefecture]["affected"] <= count + members_here


def test_a_rule_edit_over_a_prefecture(tmp_path):
    # The rule author ends plan.cost_visibility on 2025-03-31. Public data has no operating
    # cost, so the rule (cost_it_operating does not exist) fired for all 15 of 富山県 and its
    # ask was in every memo; on 2025-07-01 it is no longer in force.
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    plan = rules / "plan" / "plan_and_visibility.yaml"
    text = plan.read_text(encoding="utf-8")
    old = '- id: plan.cost_visibility'
    start = text.index(old)
    effective = text.index('effective: {from: "2017-05-30", to: null}', start)
    plan.write_text(text[:effective] + 'effective: {from: "2017-05-30", to: "2025-03-31"}'
                    + text[effective + len('effective: {from: "2017-05-30", to: null}'):], encoding="utf-8")
    report = impact_json("--rules", rules, "--as-of", AS_OF, "--prefecture", "富山県")
    assert len(report["affected"]) == 15
    for m in report["affected"]:
        assert m["no_longer_fire"] == ["plan.cost_visibility"] and m["asks_removed"] == ["plan.cost_visibility"]
        assert m["status_changes"] == [{"rule": "plan.cost_visibility", "before": "fired", "after": "inactive"}]
    assert report["totals"]["by_rule"]["plan.cost_visibility"]["no_longer_fire"] == 15
    assert report["totals"]["by_prefecture"]["富山県"]["no_longer_fire"] == 15


def test_grant_amounts_change_in_yen(tmp_path):
    # 上市町 (examples/kamiichi_no_cloud.yaml, 財政力指数 0.46) is eligible for three items:
    # planning 4,000,000, consultant 6,000,000, training 1,500,000 yen, each × 0.5 with no
    # correction (the table ships unset): 2,000,000 + 3,000,000 + 750,000 = 5,750,000.
    # With a table giving 0.8 below an index of 0.5: 1,600,000 + 2,400,000 + 600,000 = 4,600,000,
    # a change of −400,000, −600,000, −150,000 = −1,150,000 yen.
    # 舟橋村 (index 0.35 given): planning 2,000,000 × 0.5 = 1,000,000 → × 0.8 = 800,000 (−200,000);
    # its data migration is eligible only on condition (systems unknown: the migration specification
    # must require the 中間標準レイアウト, issue 10): 5,000,000 → 4,000,000 is shown but, not being
    # found eligible outright, counts for nothing in the totals.
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    shutil.copy(EXAMPLES_DIR / "kamiichi_no_cloud.yaml", profiles)
    (profiles / "funahashi.yaml").write_text(
        'code: "163210"\nas_of: 2017-06-09\noverrides: {fiscal_strength_index: 0.35}\ncloud: {status: none}\n'
        'costs: {planning: 2000000, data_migration: 10000000}\n', encoding="utf-8")
    table = tmp_path / "correction.yaml"
    table.write_text('parameters:\n  grant.fiscal_correction:\n    values:\n      - from: "2011-04-01"\n'
                     '        value: [{below: 0.5, multiplier: 0.8}, {below: null, multiplier: 0.6}]\n', encoding="utf-8")
    report = impact_json(profiles, "--parameters", table)
    assert report["as_of"] is None   # each profile's own (2017-06-09)
    funahashi, kamiichi = report["affected"]   # by code
    assert (funahashi["code"], kamiichi["code"]) == ("163210", "163228")
    assert kamiichi["status_changes"] == funahashi["status_changes"] == []
    changes = {g["item"]: (g["yen_before"], g["yen_after"], g["change_yen"]) for g in kamiichi["grants"]}
    # 上市町's data migration is eligible on condition (its 住民記録 cannot export the 中間標準レイアウト,
    # issue 10): 25,000,000 × 0.5 = 12,500,000 → × 0.8 = 10,000,000, shown but not counted in the totals.
    assert changes == {"joint_planning": (2_000_000, 1_600_000, -400_000), "consultant": (3_000_000, 2_400_000, -600_000),
                       "training": (750_000, 600_000, -150_000), "data_migration": (12_500_000, 10_000_000, 0)}
    assert kamiichi["change_yen"] == -1_150_000
    changes = {g["item"]: (g["eligible_after"], g["yen_before"], g["yen_after"], g["change_yen"])
               for g in funahashi["grants"]}
    assert changes == {"joint_planning": (True, 1_000_000, 800_000, -200_000),
                       "data_migration": ("conditional", 5_000_000, 4_000_000, 0)}
    assert report["totals"]["yen"]["total"] == {"before_yen": 6_750_000, "after_yen": 5_400_000, "change_yen": -1_350_000}
    assert report["totals"]["by_prefecture"]["富山県"]["change_yen"] == -1_350_000
    text = run(profiles, "--parameters", table).stdout
    assert "-1,350,000" in text and "6,750,000" in text


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_escaped_page(tmp_path, small_30000):
    hostile = tmp_path / "<script>x"   # a directory name that must come out as text
    hostile.mkdir()
    params = hostile / "p.yaml"
    shutil.copy(small_30000, params)
    result = run("--parameters", params, "--as-of", AS_OF, "--prefecture", "茨城県", "--format", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "<script>x" not in page and "&lt;script&gt;x" in page
    parser = _Text()
    parser.feed(page)
    assert "script" not in parser.tags and parser.tags[0] == "html"
    assert RULE in "".join(parser.text)


def test_no_change_and_bad_input_exit_2(tmp_path):
    result = run("--prefecture", "富山県")
    assert result.exit_code == 2 and "--parameters" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("parameters:\n  group.small_populaton:\n    values: [{from: '2016-10-27', value: 1}]\n",
                   encoding="utf-8")
    result = run("--parameters", bad, "--prefecture", "富山県")
    assert result.exit_code == 2 and "bad.yaml" in result.output and "group.small_population" in result.output
    assert run("--parameters", bad, "--prefecture", "富士県").exit_code == 2
