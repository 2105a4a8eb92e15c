"""The knowledge base on the real data under knowledge/ (installed package)."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest

import jichitai_cloud_advisor
from jichitai_cloud_advisor.engine.knowledge import base as knowledge
from jichitai_cloud_advisor.engine.knowledge.codes import check_digit, romanize_name
from jichitai_cloud_advisor.engine.errors import InputError, LookupInputError
from jichitai_cloud_advisor.engine.knowledge.base import (
    KNOWLEDGE_DIR,
    KnowledgeBase,
    KnowledgeDataError,
    load_knowledge,
)

KAMIICHI = "163228"
CHIYODA = "131016"
OKUSHIRI = "013676"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def names(kb: KnowledgeBase, codes) -> set[str]:
    return {kb.get(code).name for code in codes}


# --- data location --------------------------------------------------------------


def test_knowledge_directory_is_inside_the_installed_package(kb):
    package_dir = Path(jichitai_cloud_advisor.__file__).resolve().parent
    assert KNOWLEDGE_DIR == package_dir / "knowledge"
    assert kb.directory.resolve().is_relative_to(package_dir)
    assert "shared" not in KNOWLEDGE_DIR.relative_to(package_dir).parts
    assert (KNOWLEDGE_DIR / "PROVENANCE.md").is_file()
    assert knowledge.TOPOJSON_PATH.is_file()


def test_load_knowledge_is_cached_per_process(kb):
    assert load_knowledge() is kb
    assert load_knowledge(KNOWLEDGE_DIR) is kb


# --- municipalities -------------------------------------------------------------


def test_counts(kb):
    assert len(kb.municipalities) == 1741
    assert len(kb.prefectures) == 47
    assert kb.prefectures[0] == "北海道" and kb.prefectures[12] == "東京都" and kb.prefectures[-1] == "沖縄県"
    types = [m.type for m in kb.municipalities.values()]
    assert types.count("特別区") == 23
    assert types.count("政令指定都市") == 20


def test_municipalities_are_in_code_order_with_valid_check_digits(kb):
    codes = list(kb.municipalities)
    assert codes == sorted(codes)
    for code, municipality in kb.municipalities.items():
        assert municipality.code == code
        assert code[5] == check_digit(code[:5])


def test_population_totals(kb):
    assert sum(m.population for m in kb.municipalities.values()) == 126_146_099
    futaba = kb.find("双葉町", "福島県")
    assert futaba.population == 0
    assert kb.get("011002").area_km2 == pytest.approx(1121.26)


def test_municipality_fields(kb):
    chiyoda = kb.get(CHIYODA)
    assert chiyoda.display_name == "東京都千代田区"
    assert (chiyoda.code5, chiyoda.pref_code, chiyoda.type) == ("13101", "13", "特別区")
    assert 139 < chiyoda.lon < 140 and 35 < chiyoda.lat < 36
    with pytest.raises(dataclasses.FrozenInstanceError):
        chiyoda.name = "x"  # type: ignore[misc]


def test_fast_built_instances_equal_normally_built_ones(kb):
    chiyoda = kb.get(CHIYODA)
    rebuilt = knowledge.Municipality(**dataclasses.asdict(chiyoda))
    assert rebuilt == chiyoda and hash(rebuilt) == hash(chiyoda)


# --- get() by code --------------------------------------------------------------


def test_check_digit():
    assert check_digit("16322") == "8"
    assert check_digit("13101") == "6"
    assert check_digit("01100") == "2"
    with pytest.raises(ValueError):
        check_digit("1632")


@pytest.mark.parametrize("text", ["163228", "16322", " 163228 ", "１６３２２８"])
def test_get_kamiichi(kb, text):
    municipality = kb.get(text)
    assert municipality.code == KAMIICHI and municipality.name == "上市町"


def test_wrong_check_digit_names_the_right_code(kb):
    with pytest.raises(LookupInputError) as caught:
        kb.get("163221")
    error = caught.value
    assert error.field == "code"
    assert "163228" in error.message_ja and "上市町" in error.message_ja and "検査数字" in error.message_ja
    assert "163228" in error.message_en and "Kamiichi" in error.message_en
    assert isinstance(error, InputError)


def test_unknown_code_with_valid_check_digit(kb):
    code = "99999" + check_digit("99999")
    with pytest.raises(LookupInputError) as caught:
        kb.get(code)
    assert "1,741" in caught.value.message_ja and caught.value.field == "code"


def test_northern_territories_code_is_explained(kb):
    code = "01695" + check_digit("01695")
    with pytest.raises(LookupInputError, match="北方領土"):
        kb.get(code)


@pytest.mark.parametrize("text", ["1632", "1632288", "abcde", "", "16-322"])
def test_malformed_code(kb, text):
    with pytest.raises(LookupInputError) as caught:
        kb.get(text)
    assert caught.value.field == "code"


# --- find() by name -------------------------------------------------------------


def test_ambiguous_name_lists_candidates(kb):
    with pytest.raises(LookupInputError) as caught:
        kb.find("南牧村")
    message = caught.value.message_ja
    assert "群馬県" in message and "長野県" in message
    assert kb.find("南牧村", "群馬県").code in message
    assert kb.find("南牧村", "長野県").code in message


def test_find_with_prefecture(kb):
    assert kb.find("南牧村", "長野県").prefecture == "長野県"
    assert kb.find("府中市", "広島県").prefecture == "広島県"
    assert kb.find("府中市", "東京").prefecture == "東京都"
    assert kb.find("東京都府中市").prefecture == "東京都"
    with pytest.raises(LookupInputError):
        kb.find("府中市")
    with pytest.raises(LookupInputError):
        kb.find("伊達市")


def test_name_in_wrong_prefecture(kb):
    with pytest.raises(LookupInputError, match="東京都府中市"):
        kb.find("府中市", "長野県")


def test_name_variants(kb):
    assert kb.find("鰺ケ沢町").name == "鰺ヶ沢町"
    assert kb.find("鰺ヶ沢町").code == kb.find("鰺ケ沢町").code
    assert kb.find("檮原町").name == "梼原町"
    assert kb.find(" 上市町 ").code == KAMIICHI


def test_unknown_name_suggests(kb):
    with pytest.raises(LookupInputError) as caught:
        kb.find("千代田")
    assert "東京都千代田区" in caught.value.message_ja
    assert caught.value.field == "name"


def test_in_prefecture(kb):
    toyama = kb.in_prefecture("富山県")
    assert len(toyama) == 15
    assert [m.code for m in toyama] == sorted(m.code for m in toyama)
    assert sum(len(kb.in_prefecture(p)) for p in kb.prefectures) == 1741
    assert len(kb.in_prefecture("東京都")) == 62


def test_unknown_prefecture_suggests(kb):
    with pytest.raises(LookupInputError) as caught:
        kb.in_prefecture("富山件")
    assert "富山県" in caught.value.message_ja and caught.value.field == "prefecture"


# --- borders --------------------------------------------------------------------


def test_chiyoda_neighbours(kb):
    neighbours = kb.neighbours(CHIYODA)
    assert names(kb, (code for code, _ in neighbours)) == {"中央区", "港区", "新宿区", "文京区", "台東区"}
    lengths = [km for _, km in neighbours]
    assert lengths == sorted(lengths, reverse=True)


def test_borders_are_symmetric_and_geoshape_rows_dropped(kb):
    assert len(kb.borders) == 4400
    assert all(border.evidence in ("both", "smartnews_only") for border in kb.borders)
    assert sum(border.cross_prefecture for border in kb.borders) == 724
    koto, ota = kb.find("江東区").code, kb.find("大田区").code
    assert ota not in dict(kb.neighbours(koto))
    sapporo, otaru = "011002", "012033"
    assert dict(kb.neighbours(sapporo))[otaru] == pytest.approx(32.26)
    assert dict(kb.neighbours(otaru))[sapporo] == pytest.approx(32.26)


def test_yokohama_neighbours(kb):
    yokohama = kb.find("横浜市")
    expected = {"川崎市", "町田市", "大和市", "藤沢市", "鎌倉市", "逗子市", "横須賀市"}
    assert names(kb, (code for code, _ in kb.neighbours(yokohama.code))) == expected


def test_okushiri_has_only_sea_links(kb):
    assert kb.neighbours(OKUSHIRI) == []
    links = [link for link in kb.sea_links if link.code == OKUSHIRI]
    assert [link.rank for link in links] == [1, 2, 3, 4, 5]
    assert kb.get(links[0].neighbor_code).name == "せたな町"
    assert kb.sea_links_of("01367") == links
    islands = {link.code for link in kb.sea_links}
    assert len(islands) == 48
    assert all(kb.neighbours(code) == [] for code in islands)
    assert sum(1 for code in kb.municipalities if not kb.neighbours(code)) == 48


# --- finance --------------------------------------------------------------------


# FY N ends N+1-03-31; with the shipped 12-month lag (knowledge/parameters/knowledge.yaml)
# its index counts as published from N+2-04-01. The file holds FY2017–FY2021.
@pytest.mark.parametrize(
    ("as_of", "year", "hindsight", "noted"),
    [
        (datetime.date(2017, 6, 9), 2017, True, True),    # FY2017 public only from 2019-04-01
        (datetime.date(2019, 3, 31), 2017, True, True),   # one day early
        (datetime.date(2019, 4, 1), 2017, False, False),  # FY2017 public; FY2018 from 2020-04-01
        (datetime.date(2022, 3, 31), 2019, False, False),  # FY2019 public 2021-04-01, FY2020 from 2022-04-01
        (datetime.date(2022, 4, 1), 2020, False, False),
        (datetime.date(2023, 4, 1), 2021, False, False),
        (datetime.date(2025, 4, 1), 2021, False, True),   # FY2023 would be public, not in the file
        (datetime.date(2015, 1, 1), 2017, True, True),
    ],
)
def test_fiscal_index_year(kb, as_of, year, hindsight, noted):
    fiscal_year, value, note = kb.fiscal_index(KAMIICHI, as_of)
    assert fiscal_year == year
    assert value == kb.fiscal_history(KAMIICHI)[year]
    assert bool(note) is noted
    assert kb.fiscal_on(KAMIICHI, as_of).hindsight is hindsight


def test_fiscal_notes(kb):
    assert kb.fiscal_index(KAMIICHI, datetime.date(2015, 1, 1))[2] == (
        "基準日に公表済みの年度のデータが知識ベースにないため、最も古い2017年度の値（2019年4月1日以降に公表）を後知恵として用いた"
    )
    assert kb.fiscal_index(KAMIICHI, datetime.date(2025, 4, 1))[2] == (
        "2023年度の値は知識ベースにないため、入手できる最新の2021年度の値を用いた"
    )


def test_fiscal_values(kb):
    assert kb.fiscal_history("011002") == {2017: 0.73, 2018: 0.73, 2019: 0.73, 2020: 0.74, 2021: 0.72}
    # FY2021 ends 2022-03-31 and counts as published from 2023-04-01.
    assert kb.fiscal_index("011002", datetime.date(2023, 4, 1)) == (2021, 0.72, "")
    assert all(len(kb.fiscal_history(code)) == 5 for code in list(kb.municipalities)[::97])
    # 那珂川市 carries 那珂川町's FY2017 row.
    assert 2017 in kb.fiscal_history("402311")


# --- case groups and national facts ----------------------------------------------


def test_case_groups(kb):
    assert len(kb.case_groups) == 27
    assert [group.case_no for group in kb.case_groups] == list(range(1, 28))
    assert sum(group.members_listed for group in kb.case_groups) == 10
    assert sum(len(group.members) for group in kb.case_groups) == 30  # the shared PROVENANCE says 28; the file has 30
    nagaoka = kb.group_of(kb.find("長岡市").code)
    assert nagaoka is not None and nagaoka.case_no == 8
    assert names(kb, nagaoka.members) == {"三条市", "長岡市", "見附市", "魚沼市", "粟島浦村"}
    cross = kb.group_of(kb.find("錦町", "熊本県").code)
    assert cross.case_no == 16 and cross.prefecture == "熊本県;宮崎県"
    assert kb.group_of(CHIYODA) is None
    unlisted = kb.case_groups[0]
    assert unlisted.members == () and not unlisted.members_listed and unlisted.prefecture == "青森県"


def test_national_facts(kb):
    assert len(kb.national_facts) == 34
    assert not any(fact.source.lower() == "same as above" for fact in kb.national_facts)
    first, second = kb.national_facts[:2]
    assert second.source == first.source and second.value == 315
    total = next(fact for fact in kb.national_facts if fact.metric == "it_system_cost_total")
    assert total.value == 4786 and total.as_of == "FY2017 budget"


# --- romanisation in English messages -------------------------------------------


@pytest.mark.parametrize(
    ("name", "kana", "expected"),
    [("上市町", "カミイチマチ", "Kamiichi"), ("札幌市", "サッポロシ", "Sapporo"),
     ("倶知安町", "クッチャンチョウ", "Kutchan"), ("南牧村", "ミナミマキムラ", "Minamimaki")],
)
def test_romanize_name(name, kana, expected):
    assert romanize_name(name, kana) == expected


# --- corrupt data ---------------------------------------------------------------


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    for part in ("data", "national", "parameters"):
        shutil.copytree(KNOWLEDGE_DIR / part, tmp_path / part)
    return tmp_path


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_copy_loads(data_copy):
    assert len(KnowledgeBase(data_copy).municipalities) == 1741


def test_corrupt_check_digit(data_copy):
    rewrite(data_copy / "data" / "municipalities.csv", "163228,16322", "163221,16322")
    with pytest.raises(KnowledgeDataError, match="検査数字"):
        KnowledgeBase(data_copy)


def test_missing_row(data_copy):
    path = data_copy / "data" / "municipalities.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(KnowledgeDataError, match="1740"):
        KnowledgeBase(data_copy)


def test_unknown_code_in_adjacency(data_copy):
    rewrite(data_copy / "data" / "municipal_adjacency.csv", "011002,012033", "011002,012034")
    with pytest.raises(KnowledgeDataError, match="012034") as caught:
        KnowledgeBase(data_copy)
    assert caught.value.line == 2


def test_bad_number_in_fiscal(data_copy):
    rewrite(data_copy / "data" / "fiscal_indicators_history_fy2017_2021.csv", "011002,札幌市,2017,0.73", "011002,札幌市,2017,x")
    with pytest.raises(KnowledgeDataError, match="fiscal_strength_index") as caught:
        KnowledgeBase(data_copy)
    assert caught.value.line == 2


def test_missing_file(data_copy):
    (data_copy / "data" / "municipal_adjacency.csv").unlink()
    with pytest.raises(KnowledgeDataError, match="municipal_adjacency"):
        KnowledgeBase(data_copy)
