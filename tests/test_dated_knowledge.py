"""The dated knowledge API: what was true, and known, on as_of (issue 9).

Every expected value is looked up by hand in the CSVs under knowledge/data/ (the line is
quoted in the comment), never computed by the code under test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from jichitai_cloud_advisor.engine.knowledge.base import load_knowledge
from jichitai_cloud_advisor.engine.knowledge.dates import add_months, period_end

D = dt.date.fromisoformat
KAMIICHI = "163228"
TOYAMA_COUNCIL = "富山県情報システム共同利用推進協議会"
# cloud_groups.csv, group 富山県情報システム共同利用推進協議会 (source_date 2016-02):
TOYAMA_MEMBERS = ("162060", "162116", "163210", "163228", "163422", "163431")  # 滑川 射水 舟橋 上市 入善 朝日


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


# --- partial dates ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "end"), [
    ("2016-02", "2016-02-29"),       # leap year
    ("2015-02", "2015-02-28"),
    ("2015", "2015-12-31"),
    ("FY2022", "2023-03-31"),        # FY2022 = 2022-04-01 … 2023-03-31
    ("2014-06-27", "2014-06-27"),
])
def test_period_end(text, end):
    assert period_end(text) == D(end)


@pytest.mark.parametrize("text", ["", "2016-13", "2016-02-30", "about 2015", "FY22"])
def test_period_end_unreadable(text):
    assert period_end(text) is None


def test_add_months_clamps_to_month_end():
    assert add_months(D("2016-01-31"), 1) == D("2016-02-29")
    assert add_months(D("2018-03-31"), 12) == D("2019-03-31")


# --- population by census ---------------------------------------------------------------
# 上市町: population_census_2015.csv "163228,上市町,富山県,20930"; SSDSE-A-2025 2020 census 19,351.


@pytest.mark.parametrize(("as_of", "value", "year", "hindsight"), [
    ("2013-04-01", 20_930, 2015, True),    # no census in the KB published by then
    ("2016-10-25", 20_930, 2015, True),    # one day before the 2015 確定 (2016-10-26)
    ("2016-10-26", 20_930, 2015, False),
    ("2017-06-09", 20_930, 2015, False),
    ("2021-11-29", 20_930, 2015, False),   # 2020 確定 not yet published (2021-11-30)
    ("2021-11-30", 19_351, 2020, False),
    ("2022-04-01", 19_351, 2020, False),
    ("2025-04-01", 19_351, 2020, False),
])
def test_population_on(kb, as_of, value, year, hindsight):
    fact = kb.population_on(KAMIICHI, D(as_of))
    assert (fact.value, fact.census_year, fact.hindsight) == (value, year, hindsight)
    assert bool(fact.note) is hindsight


def test_population_published_dates(kb):
    assert kb.population_on(KAMIICHI, D("2017-06-09")).published == D("2016-10-26")
    assert kb.population_on(KAMIICHI, D("2022-04-01")).published == D("2021-11-30")


def test_population_note_tells_preliminary_from_nothing(kb):
    # 2015 速報 was published 2016-02-26: after it, the note says only preliminary figures were out.
    assert "速報値のみ" in kb.population_on(KAMIICHI, D("2016-05-01")).note["ja"]
    assert "それ以前の国勢調査は知識ベースにない" in kb.population_on(KAMIICHI, D("2013-04-01")).note["ja"]


def test_census_2015_national_total(kb):
    # The published final total of the 平成27年国勢調査 is 127,094,745 (knowledge/PROVENANCE.md).
    assert sum(kb.populations_on(D("2017-01-01")).values()) == 127_094_745
    assert sum(kb.populations_on(D("2022-01-01")).values()) == 126_146_099


# --- 財政力指数 -----------------------------------------------------------------------------
# fiscal_indicators_history_fy2017_2021.csv, 上市町: 2017 0.47, 2018 0.46, 2019 0.47, 2020 0.47, 2021 0.46.


@pytest.mark.parametrize(("as_of", "year", "value", "hindsight"), [
    ("2013-04-01", 2017, 0.47, True),
    ("2017-06-09", 2017, 0.47, True),   # FY2017 public only from 2019-04-01
    ("2022-04-01", 2020, 0.47, False),  # FY2020 ended 2021-03-31, + 12 months
    ("2025-04-01", 2021, 0.46, False),  # latest held; FY2023 would be public but is not in the file
])
def test_fiscal_on(kb, as_of, year, value, hindsight):
    fact = kb.fiscal_on(KAMIICHI, D(as_of))
    assert (fact.fiscal_year, fact.value, fact.hindsight) == (year, value, hindsight)


# --- memberships ------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "member"), [
    ("2013-04-01", False),
    ("2016-02-28", False),   # source dated 2016-02: known from the month's end, never early
    ("2016-02-29", True),
    ("2017-06-09", True),
    ("2022-04-01", True),
    ("2025-04-01", True),
])
def test_kamiichi_membership(kb, as_of, member):
    group = kb.membership_on(KAMIICHI, D(as_of))
    assert (group is not None) is member
    if member:
        assert group.name == TOYAMA_COUNCIL
        assert group.members == TOYAMA_MEMBERS
        assert group.since == D("2016-02-29") and group.source_date == "2016-02" and group.confidence == "C"
        assert group.source["url"] == "https://expydoc.com/doc/8369578/"


def test_membership_from_a_fiscal_year_start(kb):
    # 河合町 294276: start FY2011 (actual_fy) → known from the end of FY2011, 2012-03-31.
    assert kb.membership_on("294276", D("2012-03-30")) is None
    group = kb.membership_on("294276", D("2012-03-31"))
    assert group.name == "奈良県基幹システム共同化検討会" and group.members == ("294276",)
    # On 2013-06-01: 河合町 + the five FY2012 members (香芝市 葛城市 川西町 田原本町 広陵町); 上牧町 is FY2013.
    group = kb.membership_on("294276", D("2013-06-01"))
    assert group.members == ("292109", "292117", "293610", "293636", "294268", "294276")


def test_planned_start_counts_from_its_month_end(kb):
    # せとうち3市: 高松市・松山市 from the 2020-10-23 agreement; 倉敷市 start 2022-10 (planned) → 2022-10-31.
    on_2022 = kb.membership_on("372013", D("2022-04-01"))
    assert on_2022.members == ("372013", "382019")
    assert kb.membership_on("332020", D("2022-10-30")) is None
    kurashiki = kb.membership_on("332020", D("2022-10-31"))
    assert kurashiki.members == ("332020", "372013", "382019") and kurashiki.planned is True


def test_unnamed_group(kb):
    # 富士市 222101: 資料6-2 (2016-10-27) names it a 自治体クラウド member without naming the group.
    group = kb.membership_on("222101", D("2017-01-01"))
    assert group is not None and group.named is False and group.as_json()["name"] is None


@pytest.mark.parametrize(("as_of", "groups", "members"), [
    # 2013-06-01: 留萌地域 7 (2011-01-21) + 宮崎 日向市 (2012-01) and 門川町 (source 2012) 2 + 奈良 6 = 15.
    ("2013-06-01", 3, 15),
    # 2025-04-01: every group except the undated 和歌山 有田市… group (6 members): 22 groups, 88 - 6 = 82.
    ("2025-04-01", 22, 82),
])
def test_known_groups_on(kb, as_of, groups, members):
    known = kb.known_groups_on(D(as_of))
    assert len(known) == groups
    assert sum(len(group.members) for group in known) == members


def test_undated_rows_are_never_known(kb):
    undated = kb.memberships.undated()
    assert len(undated) == 6 and {row.group_name for row in undated} == {
        "和歌山県 有田市・御坊市・美浜町・由良町・印南町・上富田町 自治体クラウド"}
    assert kb.membership_on("302040", D("2030-01-01")) is None  # 有田市


# --- national series -----------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "any_cloud", "status"), [
    ("2014-11-17", None, None),
    ("2014-11-18", 562, "final"),          # 247 + 315, 2014-04-01
    ("2016-10-26", 562, "final"),
    ("2016-10-27", 787, "preliminary"),    # 資料6-2: 2016-04-01 速報値
    ("2017-06-08", 787, "preliminary"),
    ("2017-06-09", 842, "revised"),        # 「自治体クラウドの推進について」842団体(H28.4.1)
    ("2018-03-30", 1013, "final"),
    ("2025-04-01", 1013, "final"),
])
def test_one_national_count_per_date(kb, as_of, any_cloud, status):
    release = kb.national.release_on(D(as_of))
    if any_cloud is None:
        assert release is None
        return
    assert (release.figures["any_cloud"], release.status) == (any_cloud, status)


@pytest.mark.parametrize(("as_of", "target"), [
    ("2015-12-23", None),
    ("2015-12-24", 1000),
    ("2018-03-31", 1000),   # the KPI ends with FY2017
    ("2018-04-01", None),
    ("2018-06-15", 1600),   # 2018-06-15 decision (P)
    ("2025-04-01", 1600),
])
def test_national_target_on(kb, as_of, target):
    found = kb.national.target_on("any_cloud", D(as_of))
    assert (found.value if found else None) == target
