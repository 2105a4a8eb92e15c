"""The national graph, partner ranking and the proposed group, on real data."""


import networkx as nx
import pytest

from jichitai_cloud_advisor.engine.groups.graph import BRIDGE, LAND, SEA, build_graph, national_graph
from jichitai_cloud_advisor.engine.profile.loader import parse_profile
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text


def advise_text(advisor, text):
    return advisor.advise(parse_profile(parse_text(text, "test.yaml"), advisor.knowledge))


def advise_code(advisor, code):
    return advise_text(advisor, f'code: "{code}"\nas_of: 2017-06-09\n')


@pytest.fixture(scope="module")
def graph(advisor):
    return national_graph(advisor.knowledge)


def test_graph_has_every_municipality_and_border(advisor, graph):
    kb = advisor.knowledge
    assert graph.number_of_nodes() == len(kb.municipalities) == 1741
    land = [(a, b) for a, b, d in graph.edges(data=True) if d["kind"] == LAND]
    assert len(land) == len(kb.borders)
    assert graph.nodes["163228"]["population"] == kb.get("163228").population
    assert graph.nodes["163228"]["fiscal_strength_index"] == kb.fiscal_history("163228")[max(kb.fiscal_history("163228"))]
    assert graph.nodes["272256"]["group"] == "大阪府高石市・忠岡町"


def test_graph_is_built_once(advisor, graph):
    assert national_graph(advisor.knowledge) is graph


def test_chiyoda_neighbours_are_exactly_the_five_wards(advisor, graph):
    names = {graph.nodes[c]["name"] for c in graph.neighbors("131016")}
    assert names == {"中央区", "港区", "新宿区", "文京区", "台東区"}
    partners = advise_code(advisor, "131016").partners
    assert {p["name"] for p in partners} == names
    assert all(p["link"] == "land" and p["border_km"] > 0 for p in partners)


def test_every_island_without_land_border_has_sea_links(advisor, graph):
    islands = {link.code for link in advisor.knowledge.sea_links}
    assert len(islands) == 48
    for code in islands:
        kinds = {graph.edges[code, o]["kind"] for o in graph.neighbors(code)}
        assert kinds and kinds <= {SEA, BRIDGE}


def test_okushiri_gets_sea_link_partners(advisor):
    partners = advise_code(advisor, "013676").partners  # 奥尻町
    assert partners and all(p["link"] == "sea" for p in partners)
    assert "せたな町" in {p["name"] for p in partners}
    assert any("海を隔てて" in r for p in partners for r in p["reasons"])


def test_etajima_links_to_kure_as_bridge(advisor, graph):
    assert graph.edges["342157", "342025"]["kind"] == BRIDGE
    top = advise_code(advisor, "342157").partners[0]
    assert (top["name"], top["link"]) == ("呉市", "bridge")


def test_bridge_threshold_is_a_parameter(advisor):
    strict = build_graph(advisor.knowledge, bridge_km=0.2)
    assert strict.edges["342157", "342025"]["kind"] == SEA


def test_partners_ranked_with_reasons_in_both_languages(advisor):
    partners = advise_code(advisor, "163228").partners  # 上市町
    scores = [(-p["score"], p["code"]) for p in partners]
    assert scores == sorted(scores)
    for p in partners:
        assert {"code", "name", "score", "reasons", "reasons_en", "link", "border_km", "population"} <= set(p)
        assert len(p["reasons"]) == len(p["reasons_en"]) >= 2
    tateyama = next(p for p in partners if p["name"] == "立山町")
    assert "42.3 km の境界を接する" in tateyama["reasons"]
    assert "同じ富山県" in tateyama["reasons"]
    assert any("人口50,000人未満" in r for r in tateyama["reasons"])
    toyama = next(p for p in partners if p["name"] == "富山市")
    assert not any("人口50,000人未満" in r for r in toyama["reasons"])


def test_profile_neighbour_knowledge_changes_the_ranking(advisor):
    base = 'code: "163228"\nas_of: 2017-06-09\nsystems:\n  - {vendor: A社, contract_end: 2019-03-31}\n'
    plain = {p["code"]: p["score"] for p in advise_text(advisor, base).partners}
    # 舟橋村, the smallest neighbour of 上市町, ranks last without what the advisor knows.
    told = advise_text(advisor, base + 'neighbours:\n  - {code: "163210", vendor: A社, contract_end: 2019-09-30,'
                                      ' interested: true}\n')
    funahashi = next(p for p in told.partners if p["code"] == "163210")
    assert funahashi["score"] > plain[funahashi["code"]]
    assert "同じベンダー（A社）" in funahashi["reasons"]
    assert any("1年以内" in r for r in funahashi["reasons"])
    assert told.partners[0]["code"] == funahashi["code"]


def _check_new_group(advisor, graph, code):
    advice = advise_code(advisor, code)
    group = advice.proposed_group
    assert {"members", "population_total", "reasons"} <= set(group)
    if group["join_existing"]:
        return group
    codes = [m["code"] for m in group["members"]]
    max_size = advisor.parameters.value("partners.max_group_size", advice.as_of)
    assert codes[0] == code and len(set(codes)) == len(codes)
    if len(codes) >= 2:
        assert 2 <= len(codes) <= max_size
        assert nx.is_connected(graph.subgraph(codes))
        # as_of 2017-06-09: the 2015 census (確定 2016-10-26) is in force for every member.
        assert group["population_total"] == sum(advisor.knowledge.census_population(c)[2015] for c in codes)
        assert group["crosses_prefecture"] == (len({graph.nodes[c]["prefecture"] for c in codes}) > 1)
    return group


@pytest.mark.parametrize("code", ["163228", "131016", "342157", "134210", "015172", "472140", "011002"])
def test_proposed_groups_connected_and_within_bounds(advisor, graph, code):
    _check_new_group(advisor, graph, code)


def test_proposed_groups_on_a_sample_of_all_municipalities(advisor, graph):
    for code in sorted(graph.nodes)[::37]:
        _check_new_group(advisor, graph, code)


def test_proposed_group_is_deterministic(advisor):
    first = advise_code(advisor, "163228")
    second = advise_code(advisor, "163228")
    assert first.proposed_group == second.proposed_group and first.partners == second.partners
    assert len(first.proposed_group["members"]) >= 2


def test_group_member_is_advised_to_stay_in_its_group(advisor, examples):
    tadaoka = next(p for p in examples if "tadaoka" in p.name)
    group = advisor.advise(advisor.load(str(tadaoka))).proposed_group
    assert group["join_existing"] == "大阪府高石市・忠岡町"
    assert [m["name"] for m in group["members"]] == ["忠岡町", "高石市"]


def test_best_partner_in_a_group_means_join_it(advisor):
    advice = advise_text(advisor, 'code: "163228"\nas_of: 2017-06-09\nneighbours:\n'
                                  '  - {code: "163236", cloud_status: group, group: 立山グループ, interested: true}\n')
    assert advice.partners[0]["name"] == "立山町"
    assert advice.partners[0]["group"] == "立山グループ"
    assert advice.proposed_group["join_existing"] == "立山グループ"


def test_island_crossing_prefecture_says_why(advisor, graph):
    group = _check_new_group(advisor, graph, "344311")  # 大崎上島町: nearest is 今治市 (愛媛県)
    if group["crosses_prefecture"]:
        assert any("県境を越えて" in r for r in group["reasons"])
    else:
        assert all(graph.nodes[m["code"]]["prefecture"] == "広島県" for m in group["members"])
