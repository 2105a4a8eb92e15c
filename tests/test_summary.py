"""The batch summary's population bands: edges pinned exactly (issue 15) — band_of excludes its upper bound."""

import pytest

from jichitai_cloud_advisor.engine.batch.summary import BANDS, band_of, _status_counts


@pytest.mark.parametrize("population, band", [
    (None, "unknown"),
    (0, "lt20k"),
    (19_999, "lt20k"),
    (20_000, "20k-50k"),
    (49_999, "20k-50k"),
    (50_000, "50k-100k"),      # 5万人 exactly is not "under 50,000"
    (99_999, "50k-100k"),
    (100_000, "100k-200k"),
    (199_999, "100k-200k"),
    (200_000, "200k-300k"),    # 20万人 exactly is in the 20万–30万 band
    (299_999, "200k-300k"),
    (300_000, "ge300k"),
    (3_777_491, "ge300k"),     # 横浜市, 2020 census
])
def test_band_edges(population, band):
    assert band_of(population) == band


def test_negative_population_has_no_band():
    assert band_of(-1) == "unknown"


def test_bands_tile_without_gaps():
    for (low, high, _), (next_low, _, _) in zip(BANDS, BANDS[1:]):
        assert high == next_low
    assert BANDS[0][0] == 0 and BANDS[-1][1] is None


def test_status_counts_share_of_known():
    records = [{"cloud_status": s} for s in ("group", "group", "single", "none", None)]
    counts = _status_counts(records)
    # 5 municipalities, 1 unknown; cloud = 2 + 1 = 3 of 4 known = 0.75.
    assert counts == {"municipalities": 5, "group": 2, "single": 1, "none": 1, "unknown": 1, "cloud": 3,
                      "cloud_share_of_known": 0.75}
    assert _status_counts([{"cloud_status": None}])["cloud_share_of_known"] is None


# --- the whole summary from three hand-made records ------------------------------------------
# National per-resident IT cost (jichitai_cloud_and_it_cost_national_facts.csv, FY2017 budgets):
# all 3,742 yen; under 20k 11,724; 100k–200k 3,096. Other bands are compared with the national 3,742.

import datetime as dt  # noqa: E402

from jichitai_cloud_advisor.engine.batch.summary import summarise, summary_csv, summary_rows  # noqa: E402
from jichitai_cloud_advisor.engine.knowledge.base import load_knowledge  # noqa: E402
from jichitai_cloud_advisor.engine.rules.parameters import load_parameters  # noqa: E402


def record(code, name, population, per_resident, grants, missing, undetermined, fired=(), recommended=(),
           status=None):
    return {"code": code, "name": name, "prefecture": "富山県", "type": "町", "population": population,
            "as_of": "2017-06-09", "cloud_status": status, "status_from_knowledge": False, "conflicts": 0,
            "cost_it_operating": None, "it_cost_per_resident": per_resident,
            "fired": [list(f) for f in fired], "recommendations": [list(r) for r in recommended],
            "grants": [list(g) for g in grants], "undetermined_rules": undetermined, "missing_key_facts": missing}


RECORDS = [
    record("163228", "上市町", 20_930, 5733.4,
           [("joint_planning", True, 2_000_000), ("consultant", True, None), ("training", None, None),
            ("data_migration", False, 0)], ["it_staff"], 2,
           fired=[("group.small_no_cloud", "group"), ("plan.cloud_plan_required", "plan")],
           recommended=[("group.small_no_cloud", "group")], status="none"),
    record("162043", "魚津市", 42_935, None, [("joint_planning", True, 3_000_000)], [], 0,
           fired=[("group.small_no_cloud", "group")], status="single"),
    record("163210", "舟橋村", 3_000, 23_448.0, [("joint_planning", False, None)], ["cloud_status"], 0),
]
RECORDS[0]["conflicts"] = 1               # 上市町: profile none, known member
RECORDS[2]["status_from_knowledge"] = True


@pytest.fixture(scope="module")
def summary():
    return summarise(list(reversed(RECORDS)), load_knowledge(), load_parameters(),
                     failures=[{"source": "x.csv:4", "message": "bad"}], as_of=dt.date(2017, 6, 9))


def test_grant_totals_by_item_in_item_order(summary):
    grants = {g["item"]: g for g in summary["grants"]}
    assert [g["item"] for g in summary["grants"]] == ["joint_planning", "consultant", "data_migration", "training"]
    # joint_planning: 上市町 2,000,000 + 魚津市 3,000,000; 舟橋村 not eligible.
    assert {k: grants["joint_planning"][k] for k in ("eligible", "computed", "total_yen", "amount_unknown",
                                                      "undetermined", "not_eligible")} == \
        {"eligible": 2, "computed": 2, "total_yen": 5_000_000, "amount_unknown": 0, "undetermined": 0,
         "not_eligible": 1}
    assert (grants["consultant"]["eligible"], grants["consultant"]["amount_unknown"],
            grants["consultant"]["computed"], grants["consultant"]["total_yen"]) == (1, 1, 0, 0)
    assert grants["training"]["undetermined"] == 1 and grants["training"]["eligible"] == 0
    assert grants["data_migration"]["not_eligible"] == 1


def test_costs_against_the_band_average(summary):
    rows = {r["code"]: r for r in summary["costs"]["municipalities"]}
    assert set(rows) == {"163228", "163210"}  # 魚津市 gave no cost
    # 上市町 20,930 people: 20k–50k band, no band average → national 3,742; 5,733.4 / 3,742 = 1.5322 → 1.532.
    assert (rows["163228"]["band"], rows["163228"]["national_yen"], rows["163228"]["ratio"]) == ("20k-50k", 3742, 1.532)
    # 舟橋村 3,000 people: under-20k average 11,724; 23,448 / 11,724 = 2.0.
    assert (rows["163210"]["band"], rows["163210"]["national_yen"], rows["163210"]["ratio"]) == ("lt20k", 11724, 2.0)
    bands = {b["band"]: b for b in summary["costs"]["bands"]}
    assert (bands["lt20k"]["known"], bands["lt20k"]["mean_per_resident_yen"], bands["lt20k"]["ratio"]) == (1, 23448.0, 2.0)
    assert (bands["20k-50k"]["mean_per_resident_yen"], bands["20k-50k"]["ratio"]) == (5733.4, 1.532)
    assert bands["20k-50k"]["national"]["scope"] == "all" and bands["lt20k"]["national"]["scope"] == "band"
    assert bands["100k-200k"]["national"] == {**bands["100k-200k"]["national"], "yen": 3096, "scope": "band"}
    assert (bands["50k-100k"]["known"], bands["50k-100k"]["mean_per_resident_yen"], bands["50k-100k"]["ratio"]) == \
        (0, None, None)


def test_two_records_of_one_band_average(summary):
    two = summarise([record("163228", "上市町", 20_930, 4000.0, [], [], 0),
                     record("162043", "魚津市", 42_935, 6000.0, [], [], 0)],
                    load_knowledge(), load_parameters(), as_of=dt.date(2017, 6, 9))
    band = next(b for b in two["costs"]["bands"] if b["band"] == "20k-50k")
    # (4,000 + 6,000) / 2 = 5,000; 5,000 / 3,742 = 1.3362 → 1.336.
    assert (band["known"], band["mean_per_resident_yen"], band["ratio"]) == (2, 5000.0, 1.336)


def test_undetermined_lists_missing_facts_and_rules(summary):
    facts = {f["fact"]: f["missing"] for f in summary["undetermined"]["key_facts"]}
    assert facts == {"cloud_status": 1, "cloud_plan": 0, "driving_body": 0, "cost_it_operating": 0, "it_staff": 1}
    rows = {r["code"]: r for r in summary["undetermined"]["municipalities"]}
    # 上市町: a missing fact and 2 undetermined rules; 舟橋村: a missing fact only; 魚津市: neither.
    assert set(rows) == {"163228", "163210"}
    assert rows["163228"]["undetermined_rules"] == 2 and rows["163210"]["missing"] == ["cloud_status"]


def test_families_and_rules(summary):
    families = {f["family"]: f for f in summary["families"]}
    assert families["group"] == {"family": "group", "fired": 2, "recommendations": 1, "municipalities_fired": 2,
                                 "municipalities_recommended": 1}
    assert families["plan"]["fired"] == 1
    # These records carry no titles (made by hand above), so each rule is shown by its id.
    assert summary["rules"] == [{"id": "group.small_no_cloud", "title": "group.small_no_cloud", "family": "group", "fired": 2},
                                {"id": "plan.cloud_plan_required", "title": "plan.cloud_plan_required", "family": "plan",
                                 "fired": 1}]


def test_status_and_target_on_2017(summary):
    assert summary["status"]["none"] == 1 and summary["status"]["single"] == 1 and summary["status"]["unknown"] == 1
    # 2017-06-09: the KPI of about 1,000 (2015-12-24 → 2018-03-31) is in force; 1 cloud (魚津市 single) / 1,000.
    target = summary["target"]
    assert (target["value"], target["from"], target["to"], target["progress"]) == (1000, "2015-12-24", "2018-03-31", 0.001)
    assert target["national_share"] == round(1000 / 1741, 4) == 0.5744
    assert target["national_actual"]["value"] == 842 and target["national_actual"]["status"] == "revised"


def test_long_rows_and_csv(summary):
    rows = set(summary_rows(summary))
    expected = {
        ("total", "", "municipalities", 3), ("total", "", "failed", 1), ("total", "", "as_of", "2017-06-09"),
        ("status", "", "single", 1), ("status", "", "cloud", 1),
        ("target", "knowledge/national/cloud_adoption.yaml", "value", 1000),
        ("known_groups", "cloud_groups.csv", "in_batch", 2),  # 上市町 and 舟橋村 (富山県 council, 2016-02)
        ("prefecture", "富山県", "municipalities", 3), ("band", "lt20k", "municipalities", 1),
        ("family", "group", "fired", 2), ("rule", "group.small_no_cloud", "fired", 2),
        ("grant", "joint_planning", "total_yen", 5_000_000),
        ("cost_band", "lt20k", "known", 1), ("cost_band", "lt20k", "mean_per_resident_yen", 23448.0),
        ("cost_band", "lt20k", "national_yen", 11724), ("cost_band", "lt20k", "ratio", 2.0),
        ("cost", "163228", "per_resident_yen", 5733.4), ("cost", "163228", "ratio", 1.532),
        ("key_fact_missing", "it_staff", "municipalities", 1),
        ("undetermined", "163228", "missing", "it_staff"), ("undetermined", "163228", "undetermined_rules", 2),
        ("failure", "x.csv:4", "message", "bad"),
    }
    assert expected <= rows
    text = summary_csv(summary)
    lines = text.splitlines()
    assert lines[0] == "section,key,metric,value"
    assert "cost_band,50k-100k,mean_per_resident_yen," in lines  # None is written as an empty cell
    assert "grant,joint_planning,total_yen,5000000" in lines
    assert len(lines) == len(summary_rows(summary)) + 1


def test_known_groups_coverage_on_2017(summary):
    known = summary["known_groups"]
    # cloud_groups.csv rows known by 2017-06-09 (start, else source date, each at its period's end):
    # 新潟三条5 + 高石・忠岡2 + 名寄3 + 聖籠3 + 岡崎・豊橋2 + 豊川5 + 深川3 + 錦3 + 美濃加茂2 (表58, 2015)
    # + 橋本・大和郡山2 + 富山6 + 留萌地域7 + 宮崎2 + 上川7 + 奈良7 + 富士市1 = 60 members in 16 groups.
    assert (known["members_known"], known["groups_known"]) == (60, 16)
    assert known["share_of_country"] == round(60 / 1741, 4) == 0.0345
    # The ministry's newest public 自治体クラウド count on that date: 312 (2016-04-01, preliminary).
    assert known["national_group_cloud"]["value"] == 312
    assert known["share_of_national_group_cloud"] == round(60 / 312, 4) == 0.1923
    assert (known["in_batch"], known["counted_from_knowledge"], known["profile_conflicts"]) == (2, 1, 1)


def test_as_of_defaults_to_the_latest_advice_date():
    later = dict(RECORDS[1], as_of="2018-04-01")
    summary = summarise([RECORDS[0], later], load_knowledge(), load_parameters())
    assert summary["as_of"] == "2018-04-01"


def test_record_of_keeps_what_the_summary_needs():
    from jichitai_cloud_advisor.engine.batch.summary import record_of
    advice = {
        "municipality": {"code": "163210", "name": "舟橋村", "prefecture": "富山県", "type": "村", "population": 2_985},
        "as_of": "2017-06-09",
        "facts": {"cloud_status": {"value": "group", "origin": "knowledge: 自治体クラウド参加団体 …"},
                  "cloud_plan": {"value": "none", "origin": "profile: cloud.plan"}},
        "fired": [{"id": "a.b", "family": "group"}], "recommendations": [{"id": "a.b", "family": "group"}],
        "grants": [{"item": "training", "eligible": None, "amount_yen": None}],
        "undetermined": [{"id": "c.d"}, {"id": "e.f"}], "conflicts": [{"field": "cloud.status"}],
    }
    rec = record_of(advice)
    assert rec["cloud_status"] == "group" and rec["status_from_knowledge"] is True and rec["conflicts"] == 1
    assert rec["population"] == 2_985 and rec["cost_it_operating"] is None
    assert rec["fired"] == [["a.b", "group"]] and rec["grants"] == [["training", None, None]]
    assert rec["undetermined_rules"] == 2
    assert rec["missing_key_facts"] == ["driving_body", "cost_it_operating", "it_staff"]
    advice["facts"]["cloud_status"]["origin"] = "profile: cloud.status"
    assert record_of(advice)["status_from_knowledge"] is False
