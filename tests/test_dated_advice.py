"""Advice true to its date, on real municipalities at 2013, 2017, 2022 and 2025 (issue 9).

Expected values are looked up by hand (quoted in comments):
- population_census_2015.csv: 上市町 163228 20,930; 大田区 131113 717,082; 忠岡町 273414 17,298.
- SSDSE-A-2025 (2020 census): 上市町 19,351; 大田区 748,081; 忠岡町 16,567.
- fiscal_indicators_history: 上市町 FY2017 0.47 / FY2020 0.47 / FY2021 0.46; 大田区 FY2017 0.54 /
  FY2020 0.54 / FY2021 0.55; 忠岡町 FY2017 0.57 / FY2020 0.57 / FY2021 0.56.
- Census 確定: 2015 → 2016-10-26, 2020 → 2021-11-30. FY N counts as published from N+2-04-01.
- cloud_groups.csv: 上市町 in 富山県情報システム共同利用推進協議会 (source 2016-02 → known from
  2016-02-29); 忠岡町 in 大阪府高石市・忠岡町 (source 2015 → known from 2015-12-31); 大田区 none.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap

import pytest

from jichitai_cloud_advisor.engine.documents.memo_context import build_context
from jichitai_cloud_advisor.engine.documents.memo_labels import LABELS
from jichitai_cloud_advisor.engine.documents.output_json import advice_json
from jichitai_cloud_advisor.engine.documents.render import render_memo
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
from jichitai_cloud_advisor.engine.knowledge.dates import period_end
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR
from jichitai_cloud_advisor.engine.profile.loader import parse_profile

D = dt.date.fromisoformat
KAMIICHI = EXAMPLES_DIR / "kamiichi_no_cloud.yaml"
TOYAMA = "富山県情報システム共同利用推進協議会"
HINDSIGHT_JA = LABELS["ja"]["hindsight_tag"]


def advise_text(advisor, text):
    return advisor.advise(parse_profile(parse_text(textwrap.dedent(text), "test.yaml"), advisor.knowledge))


def advise_code(advisor, code, as_of):
    return advise_text(advisor, f'code: "{code}"\nas_of: {as_of}\n')


# (code, as_of, population, census year, index, fiscal year, known group or None, 和暦 of as_of)
CASES = [
    ("163228", "2013-04-01", 20_930, 2015, 0.47, 2017, None, "平成25年4月1日"),
    ("163228", "2017-06-09", 20_930, 2015, 0.47, 2017, TOYAMA, "平成29年6月9日"),
    ("163228", "2022-04-01", 19_351, 2020, 0.47, 2020, TOYAMA, "令和4年4月1日"),
    ("163228", "2025-04-01", 19_351, 2020, 0.46, 2021, TOYAMA, "令和7年4月1日"),
    ("131113", "2013-04-01", 717_082, 2015, 0.54, 2017, None, "平成25年4月1日"),
    ("131113", "2022-04-01", 748_081, 2020, 0.54, 2020, None, "令和4年4月1日"),
    ("131113", "2025-04-01", 748_081, 2020, 0.55, 2021, None, "令和7年4月1日"),
    ("273414", "2013-04-01", 17_298, 2015, 0.57, 2017, None, "平成25年4月1日"),
    ("273414", "2017-06-09", 17_298, 2015, 0.57, 2017, "大阪府高石市・忠岡町", "平成29年6月9日"),
    ("273414", "2025-04-01", 16_567, 2020, 0.56, 2021, "大阪府高石市・忠岡町", "令和7年4月1日"),
]


@pytest.mark.parametrize("code, as_of, population, census, index, fiscal_year, group, era", CASES)
def test_municipality_on_its_date(advisor, code, as_of, population, census, index, fiscal_year, group, era):
    advice = advise_code(advisor, code, as_of)
    data = advice_json(advice, advisor, "ja")
    m = data["municipality"]
    assert (m["population"], m["population_year"]) == (population, census)
    assert (m["fiscal_strength_index"], m["fiscal_year"]) == (index, fiscal_year)
    assert m["population_hindsight"] is (D(as_of) < D("2016-10-26"))
    assert m["fiscal_hindsight"] is (D(as_of) < D(f"{fiscal_year + 2}-04-01"))
    assert (m["known_group"]["name"] if m["known_group"] else None) == group
    # Silent profile + known membership → cloud_status group from the knowledge base; else unknown.
    status = data["facts"].get("cloud_status")
    if group:
        assert status["value"] == "group" and status["origin"].startswith("knowledge")
    else:
        assert status is None
    assert f"{census}年国勢調査" in data["facts"]["population"]["origin"]
    assert f"{fiscal_year}年度" in data["facts"]["fiscal_strength_index"]["origin"]
    assert data["conflicts"] == []

    header = build_context(advice, advisor, "ja")["header"]
    assert header["population"] == f"{population:,}"
    assert header["population_basis"].startswith(f"{census}年国勢調査")
    assert header["fiscal_basis"].startswith(f"{fiscal_year}年度")
    assert (HINDSIGHT_JA in header["population_basis"]) is m["population_hindsight"]
    assert (HINDSIGHT_JA in header["fiscal_basis"]) is m["fiscal_hindsight"]
    assert era in header["as_of"]
    memo = render_memo(advice, advisor, "ja", "markdown")
    assert f"{population:,}人（{census}年国勢調査" in memo
    if group:
        assert f"知識ベース上の参加グループ: **{group}**" in memo
    else:
        assert LABELS["ja"]["known_group_none"] in memo


def test_the_2017_example_uses_the_2015_census_and_reports_the_conflict(advisor):
    """Issue 9's case: 上市町 in 2017 is 20,930 people (2015 census), not 19,351 (2020), and a member."""
    advice = advisor.advise(advisor.load(str(KAMIICHI)))
    data = advice_json(advice, advisor, "ja")
    assert data["municipality"]["population"] == 20_930 and data["municipality"]["population_year"] == 2015
    assert data["municipality"]["known_group"]["name"] == TOYAMA
    assert [(c["field"], c["profile_value"], c["knowledge_value"]) for c in data["conflicts"]] == [
        ("cloud.status", "none", "group")]
    assert "https://expydoc.com/doc/8369578/" in data["conflicts"][0]["source"]
    # The profile still wins for the evaluation, visibly.
    assert data["facts"]["cloud_status"] == {"value": "none", "origin": "profile: cloud.status"}
    assert any(f["id"] == "group.small_no_cloud" for f in data["fired"])
    for lang in ("ja", "en"):
        for fmt in ("markdown", "html"):
            memo = html.unescape(render_memo(advice, advisor, lang, fmt))
            box = memo.index(LABELS[lang]["sec_checks"])
            assert box < memo.index(LABELS[lang]["sec_summary"])  # at the top
            assert LABELS[lang]["ask_membership"].format(group=TOYAMA) in memo
            assert LABELS[lang]["evaluated_with_profile"] in memo
            assert "19,351" not in memo


def test_group_name_and_override_conflicts(advisor):
    advice = advise_text(advisor, """\
        code: "163228"
        as_of: 2017-06-09
        overrides: {population: 19351, note: 2020年国勢調査}
        cloud: {status: group, group: 富山広域クラウド}
        """)
    data = advice_json(advice, advisor, "ja")
    kinds = {c["kind"]: c for c in data["conflicts"]}
    assert set(kinds) == {"group_name", "population"}
    assert kinds["group_name"]["knowledge_value"] == TOYAMA
    # The override is used (the advisor may know better) but reported against the 2015 figure.
    assert data["municipality"]["population"] == 19_351 and data["municipality"]["population_year"] is None
    assert (kinds["population"]["profile_value"], kinds["population"]["knowledge_value"]) == (19_351, 20_930)
    memo = render_memo(advice, advisor, "ja", "markdown")
    assert LABELS["ja"]["ask_group_name"] in memo and LABELS["ja"]["ask_population"] in memo


def test_same_group_by_a_shorter_name_is_no_conflict(advisor):
    advice = advise_text(advisor, """\
        code: "273414"
        as_of: 2017-06-09
        cloud: {status: group, group: 高石市・忠岡町}
        """)
    assert advice.facts.conflicts == ()


def test_examples_on_their_dates(advisor, examples):
    """The shipped examples: only the 上市町 illustration contradicts the knowledge base (on purpose)."""
    conflicts = {}
    for example in examples:
        advice = advisor.advise(advisor.load(str(example)))
        assert "overrides" not in advice.profile.data or "population" not in advice.profile.data["overrides"]
        conflicts[example.name] = [c.field for c in advice.facts.conflicts]
        assert build_context(advice, advisor, "ja")["checks"]["dates"] == []  # visit near as_of, contracts ahead
    assert conflicts == {"kamiichi_no_cloud.yaml": ["cloud.status"], "ota_single_cloud.yaml": [],
                         "tadaoka_group_member.yaml": []}


# --- sources dated by as_of -------------------------------------------------------------------


def test_every_rule_source_is_dated_or_says_it_is_undated(advisor):
    for rule in advisor.book.rules:
        date = rule.source.get("date")
        if date:
            assert period_end(str(date)) is not None, rule.id
        else:
            assert "日付不明" in rule.source.get("note", ""), rule.id


@pytest.mark.parametrize("as_of", ["2013-04-01", "2017-06-09", "2022-04-01", "2025-04-01"])
def test_every_fired_rule_carries_its_source_date(advisor, examples, as_of):
    for example in examples:
        advice = advisor.advise(advisor.load(str(example), D(as_of)))
        data = advice_json(advice, advisor, "ja")
        rules = advice.book.by_id()
        context = build_context(advice, advisor, "ja")
        tagged = {note["rule"] for note in context["footnotes"] if note["hindsight"]}
        for fired in data["fired"]:
            source = rules[fired["id"]].source
            expected = period_end(str(source["date"])) if source.get("date") else None
            assert fired["source_date"] == (expected.isoformat() if expected else None), fired["id"]
            assert fired["hindsight"] is bool(expected and expected > D(as_of)), fired["id"]
        footnoted = {note["rule"] for note in context["footnotes"]}
        assert tagged == {f["id"] for f in data["fired"] if f["hindsight"] and f["id"] in footnoted}


def test_a_2025_memo_tags_the_2025_06_16_document(advisor):
    """standardisation.cost_increase is in force from 2025-01-01 but its source is dated 2025-06-16:
    a 2025-04-01 memo must not cite it as known."""
    advice = advise_text(advisor, """\
        code: "163228"
        as_of: 2025-04-01
        costs: {baseline_fy2018: 100000000, after_migration: 230000000}
        """)
    fired = {f["id"]: f for f in advice_json(advice, advisor, "ja")["fired"]}
    assert fired["standardisation.cost_increase"]["source_date"] == "2025-06-16"
    assert fired["standardisation.cost_increase"]["hindsight"] is True
    notes = {n["rule"]: n for n in build_context(advice, advisor, "ja")["footnotes"]}
    assert notes["standardisation.cost_increase"]["hindsight"] == HINDSIGHT_JA
    memo = render_memo(advice, advisor, "ja", "markdown")
    assert "（2025年6月16日）" + HINDSIGHT_JA in memo


# --- national figures: one count per day --------------------------------------------------------


@pytest.mark.parametrize("as_of, shown, hidden", [
    ("2017-06-08", "787", "842"),   # preliminary 2016-04-01 count (資料6-2, 2016-10-27)
    ("2017-06-09", "842", "787"),   # the ministry's later figure for the same day
])
def test_memo_never_shows_787_and_842_together(advisor, as_of, shown, hidden):
    advice = advise_code(advisor, "162043", as_of)  # 魚津市
    for lang in ("ja", "en"):
        memo = render_memo(advice, advisor, lang, "markdown")
        assert shown in memo and hidden not in memo


def test_plan_parameters_agree_with_the_national_series(advisor):
    """The rule text's 2015/2016 counts are the series' counts for those days, on every date."""
    kb, params = advisor.knowledge, advisor.parameters
    day = D("2014-01-01")
    while day <= D("2026-12-31"):
        for name, refers_to in (("plan.cloud_municipalities_2015", D("2015-04-01")),
                                ("plan.cloud_municipalities_2016", D("2016-04-01"))):
            public = [r for r in kb.national.releases if r.refers_to == refers_to and r.published <= day]
            expected = max(public, key=lambda r: r.published).figures["any_cloud"] if public else None
            assert params.value(name, day) == expected, (name, day)
        target = kb.national.target_on("any_cloud", day)
        kpi = params.value("plan.kpi_target_fy2017", day)
        assert kpi is None or (target is not None and target.value == kpi), day
        day += dt.timedelta(days=7)


def test_kpi_ends_with_fy2017(advisor):
    context = build_context(advise_code(advisor, "162043", "2018-04-01"), advisor, "ja")
    assert context["standing"]["national"]["target"] is None
    assert context["standing"]["national"]["target_none"] == LABELS["ja"]["national_target_none"]
    later = build_context(advise_code(advisor, "162043", "2018-06-15"), advisor, "ja")["standing"]["national"]
    assert later["target"] == "1,600" and later["target_confidence"] == "P"


# --- dates that hang together ---------------------------------------------------------------------


def test_example_run_in_2025_points_out_stale_dates(advisor):
    advice = advisor.advise(advisor.load(str(KAMIICHI), D("2025-04-01")))
    context = build_context(advice, advisor, "ja")
    dates = context["checks"]["dates"]
    # visit 2017-07-10 vs 2025-04-01: 2,822 days ≈ 93 months; contracts 2019-03-31 and 2020-03-31 past.
    assert any("約93か月" in d for d in dates)
    assert sum("基準日より前に過ぎています" in d for d in dates) == 2
    assert context["roadmap"]["anchor"] == LABELS["ja"]["roadmap_all_past"]
    assert all("20" not in stage["period"] for stage in context["roadmap"]["stages"])  # no dated 2016–2019 stages


def test_roadmap_starts_from_the_contract_still_ahead(advisor):
    advice = advisor.advise(advisor.load(str(KAMIICHI), D("2019-06-01")))
    road = build_context(advice, advisor, "ja")["roadmap"]
    # 住民記録 ended 2019-03-31 (past); 税務 ends 2020-03-31 → go-live 2020-04-01, written 令和2年.
    assert "2020年3月31日" in road["anchor"] and "税務" in road["anchor"]
    assert road["past"] and "2019年3月31日" in road["past"]
    assert road["stages"][-1]["period"].startswith("2020年4月（令和2年4月）")
    assert "（基準日時点で期限経過）" in road["stages"][0]["period"]


def test_cases_are_groups_known_on_the_date(advisor):
    early = build_context(advise_code(advisor, "163228", "2013-04-01"), advisor, "ja")["cases"]
    assert TOYAMA not in {c["name"] for c in early}
    # Known on 2013-04-01: 留萌地域 (2011-01-21), 宮崎 (2012), 奈良 (FY2011/FY2012 starts) — 3 groups.
    assert len(early) == 3
    later = build_context(advise_code(advisor, "163228", "2017-06-09"), advisor, "ja")["cases"]
    assert later[0]["name"] == TOYAMA and later[0]["own"] is True
