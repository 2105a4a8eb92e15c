"""The national graph and the partner scores, on real data, checked by hand from the weights."""

import datetime as dt
import math

import pytest

from jichitai_cloud_advisor.engine.groups.graph import (BRIDGE, LAND, SEA, build_graph, distance_km,
                                                        district_kind, district_of, national_graph)
from jichitai_cloud_advisor.engine.groups.partners import (LIST_SIZE, HomeContext, PartnerScorer, load_weights,
                                                           rank_partners, score_text)
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
from jichitai_cloud_advisor.engine.profile.loader import parse_profile

DATE = dt.date(2017, 6, 9)
LN3 = math.log(3)  # partners.size_ratio_zero = 3


def advise_text(advisor, text):
    return advisor.advise(parse_profile(parse_text(text, "test.yaml"), advisor.knowledge))


def advise_code(advisor, code, as_of="2017-06-09"):
    return advise_text(advisor, f'code: "{code}"\nas_of: {as_of}\n')


@pytest.fixture(scope="module")
def graph(advisor):
    return national_graph(advisor.knowledge)


@pytest.fixture(scope="module")
def weights(advisor):
    return load_weights(advisor.parameters, DATE)


def scores_of(partners):
    return {p["name"]: p["score"] for p in partners}


# --- the graph ---------------------------------------------------------------------------

def test_graph_has_every_municipality_and_border(advisor, graph):
    kb = advisor.knowledge
    assert graph.number_of_nodes() == len(kb.municipalities) == 1741
    land = [(a, b) for a, b, d in graph.edges(data=True) if d["kind"] == LAND]
    assert len(land) == len(kb.borders)
    assert graph.nodes["163228"]["population"] == kb.get("163228").population
    # Memberships are dated, so they are not on the shared graph.
    assert "group" not in graph.nodes["272256"]


def test_graph_is_built_once(advisor, graph):
    assert national_graph(advisor.knowledge) is graph


def test_chiyoda_land_neighbours_are_exactly_the_five_wards(advisor, graph):
    names = {graph.nodes[c]["name"] for c in graph.neighbors("131016")}
    assert names == {"中央区", "港区", "新宿区", "文京区", "台東区"}
    partners = advise_code(advisor, "131016").partners
    bordering = {p["name"] for p in partners if p["link"] == "land"}
    assert bordering == names and all(p["border_km"] > 0 for p in partners if p["link"] == "land")


def test_every_island_without_land_border_has_sea_links_to_coastal_municipalities_only(advisor, graph):
    islands = {link.code for link in advisor.knowledge.sea_links}
    assert len(islands) == 48
    for code in islands:
        kinds = {graph.edges[code, o]["kind"] for o in graph.neighbors(code)}
        assert kinds and kinds <= {SEA, BRIDGE}
        assert all(graph.nodes[o]["coastal"] for o in graph.neighbors(code))


def test_inland_nearest_is_not_across_the_sea(advisor, graph):
    # 奥尻町's third nearest in the distance table is 今金町, which has no coast (behind せたな町);
    # 佐渡市's third and fourth are 弥彦村 and 燕市, 粟島浦村's fourth 関川村: all inland.
    assert not graph.nodes["013706"]["coastal"] and graph.nodes["013714"]["coastal"]
    assert not graph.has_edge("013676", "013706")
    assert set(graph.graph["inland_nearest"]) == {("013676", "013706"), ("152242", "153427"),
                                                  ("152242", "152137"), ("155861", "155811")}
    partners = advise_code(advisor, "013676").partners  # 奥尻町
    setana = next(p for p in partners if p["name"] == "せたな町")
    assert setana["link"] == "sea" and "海を隔てて最寄り1番目（18.1 km）" in setana["reasons"]
    for p in partners:
        across = any("海を隔てて" in r for r in p["reasons"])
        assert across == (p["link"] == "sea"), p
        if across:
            assert graph.nodes[p["code"]]["coastal"]


def test_etajima_links_to_kure_as_bridge(advisor, graph):
    assert graph.edges["342157", "342025"]["kind"] == BRIDGE
    top = advise_code(advisor, "342157").partners[0]
    assert (top["name"], top["link"]) == ("呉市", "bridge")


def test_bridge_threshold_is_a_parameter(advisor):
    strict = build_graph(advisor.knowledge, bridge_km=0.2)
    assert strict.edges["342157", "342025"]["kind"] == SEA


def test_district_is_read_from_the_code_blocks_of_twenty():
    # 中新川郡: 舟橋村 16321, 上市町 16322, 立山町 16323 (block 321-340); 下新川郡: 入善町 16342, 朝日町 16343.
    assert district_of("163210", "村") == district_of("163228", "町") == district_of("163236", "町") == 1
    assert district_of("163422", "町") == district_of("163431", "町") == 2
    assert district_of("162060", "市") is None  # a 市 is in no 郡
    # 北海道: blocks of 30 by 振興局 (石狩 01300, 渡島 01330, 檜山 01360 …): 奥尻町 01367 and せたな町 01371
    # (檜山) share one, 八雲町 01346 (渡島) does not; 上川 01452 鷹栖町 … 01472 幌加内町 share one.
    assert district_of("013676", "町") == district_of("013714", "町") == 2 != district_of("013463", "町")
    assert district_of("014524", "町") == district_of("014729", "町") == 5
    assert (district_kind("013676"), district_kind("133612"), district_kind("163228")) == ("振興局", "支庁", "郡")


# --- 上市町's partners, by hand ----------------------------------------------------------------
#
# Weights (knowledge/parameters/partners.yaml): land 3, border 1 (full at 20 km), near 2 (linear to 0 at
# 60 km), same prefecture 2, similar size 2 (linear in |ln ratio| to 0 at a ratio of 3), same 郡 2.
# Populations: 2020 census (SSDSE). Distances: haversine between the points of municipalities.csv.
# 上市町 163228: 19,351 people, 中新川郡.
KAMIICHI = [
    # 立山町: border 42.26 km, 10.606 km apart, 24,792 people, 中新川郡
    #   3 + 1*min(42.26/20, 1) + 2*(1 - 10.606/60) + 2 + 2*(1 - ln(24792/19351)/ln 3) + 2
    #   = 3 + 1 + 1.6465 + 2 + 2*(1 - 0.24778/1.09861 = 0.77446) 1.5489 + 2 = 11.195
    ("立山町", 11.195),
    # 舟橋村: border 0.91 km, 15.846 km, 3,132 people (ratio 6.18 > 3: no size points), 中新川郡
    #   3 + 0.91/20 + 2*(1 - 15.846/60) + 2 + 0 + 2 = 3 + 0.0455 + 1.4718 + 2 + 2 = 8.517
    ("舟橋村", 8.517),
    # 滑川市: border 16.23 km, 13.190 km, 32,349 people, a 市
    #   3 + 16.23/20 + 2*(1 - 13.19/60) + 2 + 2*(1 - ln(32349/19351)/ln 3)
    #   = 3 + 0.8115 + 1.5603 + 2 + 2*(1 - 0.51384/1.09861) 1.0646 = 8.436
    ("滑川市", 8.436),
    # 魚津市: border 20.55 km (full), 11.117 km, 40,535 people
    #   3 + 1 + 2*(1 - 11.117/60) + 2 + 2*(1 - ln(40535/19351)/ln 3) = 4 + 1.6294 + 2 + 0.6535 = 8.283
    ("魚津市", 8.283),
    # 黒部市: border 5.97 km, 17.317 km, 39,638 people
    #   3 + 0.2985 + 2*(1 - 17.317/60) + 2 + 2*(1 - ln(39638/19351)/ln 3) = 3.2985 + 1.4228 + 2 + 0.6943 = 7.416
    ("黒部市", 7.416),
    # 富山市: border 6.30 km, 20.271 km, 413,938 people (ratio 21: no size points)
    #   3 + 0.315 + 2*(1 - 20.271/60) + 2 = 3.315 + 1.3243 + 2 = 6.639
    ("富山市", 6.639),
    # 入善町: no border, 28.165 km, 23,839 people, 下新川郡 (another 郡)
    #   2*(1 - 28.165/60) + 2 + 2*(1 - ln(23839/19351)/ln 3) = 1.0612 + 2 + 1.6203 = 4.681
    ("入善町", 4.681),
    # 朝日町: 30.058 km, 11,081 people: 2*(1 - 30.058/60) + 2 + 2*(1 - ln(19351/11081)/ln 3)
    #   = 0.9981 + 2 + 0.9852 = 3.983
    ("朝日町", 3.983),
]


def test_kamiichi_partner_order_and_scores_by_hand(advisor, graph, weights):
    scorer = PartnerScorer(graph, weights)  # public knowledge only, as the prefecture plan uses
    partners = rank_partners(graph, scorer, "163228")
    got = [(p["name"], p["score"]) for p in partners[:len(KAMIICHI)]]
    assert [name for name, _ in got] == [name for name, _ in KAMIICHI]
    for (name, score), (_, expected) in zip(got, KAMIICHI):
        assert score == pytest.approx(expected, abs=0.002), name


def test_kamiichi_reasons_in_words(advisor, graph, weights):
    partners = {p["name"]: p for p in rank_partners(graph, PartnerScorer(graph, weights), "163228")}
    tateyama = partners["立山町"]
    assert tateyama["reasons"] == ["42.3 km の境界を接する", "同じ富山県", "人口規模が近い（2万4,792人）",
                                   "同じ郡の町村（町村会・一部事務組合など既存の広域連携の単位。団体コードから判定）"]
    assert len(tateyama["reasons_en"]) == 4 and tateyama["reasons_en"][0] == "shares a 42.3 km border"
    assert partners["入善町"]["reasons"][0] == "役場間の直線距離 約28 km" and partners["入善町"]["link"] == "near"
    assert not any("人口規模" in r for r in partners["富山市"]["reasons"])
    assert not any("郡" in r for r in partners["滑川市"]["reasons"])


def test_other_prefecture_partner_gets_no_prefecture_points_and_says_so(advisor, graph, weights):
    # 朝日町 (富山県) borders 糸魚川市 (新潟県) and 白馬村 (長野県).
    partners = {p["name"]: p for p in rank_partners(graph, PartnerScorer(graph, weights), "163431")}
    hakuba = partners["白馬村"]
    assert "県境を越えた長野県の団体" in hakuba["reasons"]
    assert not any(r.startswith("同じ") and "県" in r for r in hakuba["reasons"])
    # 白馬村: border 27.0 km (full), 8,928 people vs 朝日町 11,081, both 村/町 but different prefectures (no 郡).
    edge = graph.edges["163431", "204854"]
    km = distance_km(graph, "163431", "204854")
    expected = (3 + min(edge["km"] / 20, 1) + 2 * (1 - km / 60)
                + 2 * (1 - math.log(11081 / graph.nodes["204854"]["population"]) / LN3))
    assert graph.nodes["163431"]["population"] == 11081
    assert hakuba["score"] == pytest.approx(expected, abs=0.002)


# --- what the profile says about neighbours -----------------------------------------------

BASE = 'code: "163228"\nas_of: 2017-06-09\nsystems:\n  - {vendor: A社, contract_end: 2019-03-31}\n'


def test_profile_neighbour_knowledge_raises_the_score_by_the_weights(advisor):
    plain = scores_of(advise_text(advisor, BASE).partners)
    told = advise_text(advisor, BASE + 'neighbours:\n  - {code: "163210", vendor: A社, contract_end: 2019-09-30,'
                                       ' interested: true}\n')
    funahashi = next(p for p in told.partners if p["code"] == "163210")
    # same vendor 1.5 + contract within 12 months (6 months apart) 1.5 + interested 2 = 5 more
    assert funahashi["score"] == pytest.approx(plain["舟橋村"] + 1.5 + 1.5 + 2.0, abs=0.002)
    assert "同じベンダー（A社）" in funahashi["reasons"] and "共同化に関心を示している" in funahashi["reasons"]
    # 2019-09-30 written as known on 2017-06-09 (平成; 令和 was announced on 2019-04-01)
    assert "契約満了が2019年9月30日（平成31年9月30日）で当団体と約6か月差（1年以内）" in funahashi["reasons"]
    assert told.partners[0]["code"] == "163210"


def test_not_interested_lowers_the_score(advisor):
    plain = scores_of(advise_text(advisor, BASE).partners)
    told = advise_text(advisor, BASE + 'neighbours:\n  - {code: "163236", interested: false}\n')
    tateyama = next(p for p in told.partners if p["code"] == "163236")
    assert tateyama["score"] == pytest.approx(plain["立山町"] - 2.0, abs=0.002)
    assert "共同化に関心がないと確認済み（減点）" in tateyama["reasons"]


def test_other_vendor_or_distant_contract_gives_nothing(advisor):
    plain = scores_of(advise_text(advisor, BASE).partners)
    told = advise_text(advisor, BASE + 'neighbours:\n  - {code: "163236", vendor: B社, contract_end: 2021-03-31}\n')
    tateyama = next(p for p in told.partners if p["code"] == "163236")
    assert tateyama["score"] == pytest.approx(plain["立山町"], abs=0.001)  # 24 months apart, other vendor
    assert not any("ベンダー" in r or "契約満了" in r for r in tateyama["reasons"])


def test_neighbour_in_a_group_scores_the_existing_group_weight(advisor):
    plain = scores_of(advise_text(advisor, BASE).partners)
    told = advise_text(advisor, BASE + 'neighbours:\n  - {code: "162060", cloud_status: group, group: 滑川グループ}\n')
    namerikawa = next(p for p in told.partners if p["code"] == "162060")
    assert namerikawa["score"] == pytest.approx(plain["滑川市"] + 2.0, abs=0.002)
    assert namerikawa["group"] == "滑川グループ"
    assert "既に「滑川グループ」に参加しており、そのグループへの参加を検討できる" in namerikawa["reasons"]


def test_home_context_reads_profile(advisor):
    advice = advise_text(advisor, BASE + '  - {vendor: B社, contract_end: 2018-09-30}\n'
                                         '  - {vendor: A社, contract_end: 2020-03-31}\noverrides: {population: 20000}\n')
    from jichitai_cloud_advisor.engine.groups.partners import scorer_for
    home = scorer_for(advisor, advice).home
    assert isinstance(home, HomeContext)
    # the earliest of the systems' contract ends
    assert (home.population, home.vendors, home.contract_end) == (20000, frozenset({"A社", "B社"}),
                                                                 dt.date(2018, 9, 30))


def test_okushiri_sea_links_decay_by_rank_by_hand(advisor, graph, weights):
    # 奥尻町 (2,410 people, 檜山振興局). Sea 2 x 0.7^(rank-1); near 2 x (1 - km/60) between the points;
    # same prefecture 2; size 2 x (1 - |ln ratio| / ln 3) when the ratio is under 3; same 振興局 2.
    #   せたな町 rank 1, 43.429 km, 7,398 (ratio 3.07): 2 + 2*(1 - 43.429/60) 0.5524 + 2 + 0 + 2 = 6.552
    #   乙部町 rank 5, 60.438 km (beyond 60), 3,403: 2*0.7^4 0.4802 + 0 + 2 + 2*(1 - 0.34503/1.09861) 1.3719 + 2 = 5.852
    #   島牧村 rank 4, 74.139 km, 1,356, 後志: 2*0.7^3 0.686 + 0 + 2 + 2*(1 - 0.57508/1.09861) 0.9531 = 3.639
    #   八雲町 rank 2, 60.065 km, 15,826 (ratio 6.6), 渡島: 2*0.7 1.4 + 0 + 2 = 3.4
    partners = rank_partners(graph, PartnerScorer(graph, weights), "013676")
    assert [(p["name"], p["link"]) for p in partners] == [("せたな町", "sea"), ("乙部町", "sea"), ("島牧村", "sea"),
                                                          ("八雲町", "sea")]
    for p, expected in zip(partners, (6.552, 5.852, 3.639, 3.4)):
        assert p["score"] == pytest.approx(expected, abs=0.002), p["name"]
    assert partners[0]["distance_km"] == 43.4 and partners[0]["border_km"] is None


def test_links_beyond_reach_are_still_candidates(advisor, graph, weights):
    # 小笠原村: every nearest municipality is hundreds of km away (青ヶ島村 586.8 km), beyond the 60 km reach.
    partners = rank_partners(graph, PartnerScorer(graph, weights), "134210")
    assert {p["name"] for p in partners} == {"青ヶ島村", "八丈町", "御蔵島村", "三宅村", "新島村"}
    assert all(p["link"] == "sea" for p in partners)


def test_scores_are_rounded_to_three_decimals_and_lists_cut_at_ten(advisor, graph, weights):
    partners = rank_partners(graph, PartnerScorer(graph, weights), "163228")
    assert LIST_SIZE == 10 and len(partners) == 10
    assert partners[0]["score"] == 11.195  # 11.19539… rounded to 3 decimals
    nyuzen = next(p for p in partners if p["name"] == "入善町")
    assert nyuzen["distance_km"] == 28.2 and nyuzen["link"] == "near"  # 28.165 km to one decimal
    assert score_text(6.849) == "6.8" and score_text(11.195) == "11.2"


def test_size_points_guard_an_empty_municipality(advisor, graph, weights):
    scorer = PartnerScorer(graph, weights)
    # 双葉町 had 0 people in the 2020 census: no size points either way, and no error.
    assert scorer.size_points(0, 5000) == 0.0 and scorer.size_points(5000, 0) == 0.0
    assert scorer.size_points(1, 1) == 2.0  # equal sizes: the full weight
    assert scorer.size_points(300, 100) == 0.0  # a ratio of 3: nothing


def test_weights_before_their_first_date_are_the_earliest(advisor):
    early = load_weights(advisor.parameters, dt.date(2005, 1, 1))
    assert early.values == load_weights(advisor.parameters, DATE).values
    assert early.weight_same_prefecture == 2.0 and early.max_group_size == 7


def test_contract_window_is_twelve_months(advisor):
    plain = scores_of(advise_text(advisor, BASE).partners)
    # 2019-03-31 to 2020-03-31 is 366 days = 12.02 months: just outside the window.
    late = advise_text(advisor, BASE + 'neighbours:\n  - {code: "163236", contract_end: 2020-03-31}\n')
    tateyama = next(p for p in late.partners if p["code"] == "163236")
    assert tateyama["score"] == plain["立山町"] and not any("契約満了" in r for r in tateyama["reasons"])
    near = advise_text(advisor, BASE + 'neighbours:\n  - {code: "163236", contract_end: 2020-03-01}\n')
    tateyama = next(p for p in near.partners if p["code"] == "163236")
    assert "契約満了が2020年3月1日（平成32年3月1日）で当団体と約11か月差（1年以内）" in tateyama["reasons"]


def test_what_the_profile_says_of_a_neighbours_group(advisor):
    # On 2017-06-09 滑川市 is a known member of the 富山県 council (source 2016-02).
    def group_of(entry):
        advice = advise_text(advisor, BASE + f"neighbours:\n  - {entry}\n")
        return next(p for p in advice.partners if p["code"] == "162060").get("group")

    council = "富山県情報システム共同利用推進協議会"
    assert group_of('{code: "162060"}') == council                              # known on the date
    assert group_of('{code: "162060", cloud_status: none}') is None             # the advisor knows better
    assert group_of('{code: "162060", cloud_status: single}') is None
    assert group_of('{code: "162060", group: 別のグループ}') == "別のグループ"   # a name without a status
    assert group_of('{code: "162060", cloud_status: group}') == council        # a status without a name
    told = advise_text(advisor, BASE + 'neighbours:\n  - {code: "163236", cloud_status: group}\n')
    assert next(p for p in told.partners if p["code"] == "163236")["group"] == "（名称不明）"


def test_home_in_a_group_by_profile_or_knowledge(advisor, examples):
    from jichitai_cloud_advisor.engine.groups.partners import scorer_for
    plain = scorer_for(advisor, advise_text(advisor, BASE)).home
    # BASE has no cloud.status; 上市町 is a known member on 2017-06-09: its group, from the knowledge base.
    assert (plain.group, plain.group_from_profile) == ("富山県情報システム共同利用推進協議会", False)
    none = scorer_for(advisor, advise_text(advisor, BASE + "cloud: {status: none}\n")).home
    assert (none.group, none.group_from_profile) == (None, False)
    named = scorer_for(advisor, advise_text(advisor, BASE + "cloud: {status: group, group: 中新川グループ}\n")).home
    assert (named.group, named.group_from_profile) == ("中新川グループ", True)
    same = scorer_for(advisor, advise_text(advisor, BASE + "cloud: {status: group}\n")).home
    assert (same.group, same.group_from_profile) == ("富山県情報システム共同利用推進協議会", False)
    early = scorer_for(advisor, advise_text(advisor, 'code: "163228"\nas_of: 2015-06-01\ncloud: {status: group}\n')).home
    assert (early.group, early.group_from_profile) == ("（名称不明のグループ）", True)
    proposed = advise_text(advisor, BASE + "cloud: {status: group, group: 中新川グループ}\n").proposed_group
    assert proposed["join_existing"] == "中新川グループ"
    assert any("プロファイルではグループに参加済み" in r for r in proposed["reasons"])
