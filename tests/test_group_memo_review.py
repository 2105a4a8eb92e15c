"""The partner and group sections as a mayor reads them (domain review of issue 11's memos).

One test per finding of notes/review-to-groups.md, on real municipalities; expected values are
worked out by hand from the data (census 2015 figures as the knowledge base holds them).
"""

import datetime as dt
import json
import math

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.groups.graph import distance_km, national_graph
from jichitai_cloud_advisor.engine.groups.grouping import plan_prefecture
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
from jichitai_cloud_advisor.engine.paths import KNOWLEDGE_DIR
from jichitai_cloud_advisor.engine.profile.loader import parse_profile

LATER = dt.date(2017, 6, 9)


def advise_text(advisor, text):
    return advisor.advise(parse_profile(parse_text(text, "test.yaml"), advisor.knowledge))


def code_alone(advisor, code, as_of="2017-06-09"):
    return advise_text(advisor, f'code: "{code}"\nas_of: {as_of}\n')


def memo(tmp_path, code, as_of, fmt="markdown", extra=()):
    profile = tmp_path / f"{code}-{as_of}.yaml"
    profile.write_text(f'code: "{code}"\nas_of: {as_of}\n', encoding="utf-8")
    result = CliRunner().invoke(main, [str(profile), "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result.output


def partners_section(md: str) -> str:
    return md.split("## 連携先の候補とグループ案", 1)[1].split("\n## ", 1)[0]


def names(group):
    return [m["name"] for m in group["members"]]


# --- 1. no command line in what the mayor reads -----------------------------------------------

def test_the_plan_is_named_in_words_and_the_command_kept_for_json_and_audit(advisor, examples):
    path = str(next(p for p in examples if "kamiichi" in p.name))
    runner = CliRunner()
    for fmt in ("markdown", "html"):
        for lang in ("ja", "en"):
            out = runner.invoke(main, [path, "--format", fmt, "--lang", lang]).output
            assert "advise groups" not in out, (fmt, lang)
    md = runner.invoke(main, [path]).output
    # The knowledge base lists 上市町 in the 富山県 council (2016-02); the profile says no cloud, so the
    # public plan leaves it out and the memo's group is planned with what the profile says.
    assert ("富山県全体のグループ案では、当団体は既にグループに参加している団体として扱った。"
            "プロファイルの情報を反映したため異なる: 当団体はプロファイルではグループに未参加のため、"
            "新たなグループの候補として計画した") in md
    data = json.loads(runner.invoke(main, [path, "--format", "json"]).output)
    assert data["proposed_group"]["plan"]["command"] == "advise groups --prefecture 富山県 --as-of 2017-06-09"
    audit = runner.invoke(main, [path, "--format", "audit"]).output
    assert "グループ案（県全体）: advise groups --prefecture 富山県 --as-of 2017-06-09" in audit


def test_a_memo_from_the_code_alone_names_its_plan_group_in_words(advisor):
    # 2013-04-01: nothing is known of the 富山県 council yet. The plan's groups are numbered by their
    # lowest code: 富山市 162019 (1), 高岡市 162027 (2), 滑川市 162060 with 上市町 (3), 入善町 163422 (4).
    group = code_alone(advisor, "163228", "2013-04-01").proposed_group
    assert group["reasons"][-1] == "富山県全体のグループ案（案3）と同じ"
    assert group["reasons_en"][-1] == "the same as group 3 of the group plan for all of 富山県"


# --- 2. a designated city is not offered a small-town council; 北海道 reaches the 振興局 -------------

def test_sapporo_is_offered_neither_a_council_to_join_nor_a_group_to_form(advisor, tmp_path):
    advice = code_alone(advisor, "011002")
    assert advice.extras["join_option"] is None
    assert advice.proposed_group["members"] == [] and advice.proposed_group["none"] == "large"
    section = partners_section(memo(tmp_path, "011002", "2017-06-09"))
    assert "上川管内電算事務共同処理協議会" not in section and "A. 既存のグループに参加する" not in section
    assert "- 政令指定都市には、既存グループへの参加も、新たなグループの新設も提案しない" in section
    assert "（総務省 資料6-2、2016年10月27日）" in section and "後知恵" not in section


def test_in_hokkaido_a_group_to_join_is_within_the_subprefecture_or_the_distance(advisor):
    graph = national_graph(advisor.knowledge)
    offices = dict(line.split(",")[::2] for line in
                   (KNOWLEDGE_DIR / "data" / "hokkaido_subprefectures.csv").read_text(encoding="utf-8").split()[1:])
    known = [g for g in advisor.knowledge.known_groups_on(LATER)
             if any(advisor.knowledge.get(c).prefecture == "北海道" for c in g.members)]
    # 広尾町 (十勝総合振興局): no member of the four 北海道 groups known on 2017-06-09 is in 十勝 or
    # within 60 km, so there is nothing to join, though all are "in the same 道".
    hiroo = "016420"
    assert offices[hiroo] == "十勝総合振興局"
    assert all(offices[c] != "十勝総合振興局" and distance_km(graph, hiroo, c) > 60 for g in known for c in g.members)
    advice = code_alone(advisor, hiroo)
    assert advice.extras["join_option"] is None
    assert advice.extras["join_unavailable"]["reasons"] == [
        "範囲内（同じ十勝総合振興局管内、または60 km 以内）に参加を検討できる既存のグループはない"]
    # 音威子府村 (上川総合振興局) is about 90 km from 比布町, the nearest member of the 上川管内 council:
    # beyond 60 km but in the same 振興局, so that council is within reach.
    otoineppu = "014702"
    assert offices[otoineppu] == "上川総合振興局"
    join = code_alone(advisor, otoineppu).extras["join_option"]
    assert join["join_existing"] == "上川管内電算事務共同処理協議会" and join["within"] == "subprefecture"
    assert join["nearest_member"]["distance_km"] > 60
    assert join["reasons"][0] == "「上川管内電算事務共同処理協議会」に参加する: 同じ上川総合振興局管内のグループ"


# --- 3. no one-member "group" as option B ---------------------------------------------------------

def test_a_ward_of_700000_is_not_shown_a_group_of_itself(advisor, tmp_path):
    # 大田区 717,082 (2015 census) >= 50万: no group to form, none to join, and why, once.
    advice = code_alone(advisor, "131113")
    assert advice.proposed_group["members"] == [] and advice.proposed_group["population_total"] is None
    section = partners_section(memo(tmp_path, "131113", "2017-06-09"))
    assert "B. 近隣とグループを新設する" not in section and "大田区（合計人口" not in section
    assert "**グループの選択肢: 既存グループへの参加・グループの新設とも提案なし**" in section
    assert "- 人口50万人以上の団体には、既存グループへの参加も、新たなグループの新設も提案しない" in section
    # Before 資料6-2 was published (2016-10-27) its figures carry the hindsight tag.
    early = partners_section(memo(tmp_path, "131113", "2013-04-01"))
    assert "（総務省 資料6-2、2016年10月27日）［後知恵：基準日より後に公表］" in early


def test_a_city_left_alone_by_the_plan_has_no_option_b_and_says_why(advisor, tmp_path):
    # 富山市 418,686 (2015 census) >= 30万 groups only with peers under 3 times apart (> 139,562);
    # 高岡市 (172,125) goes into a group with smaller cities, so no group is left for 富山市.
    advice = code_alone(advisor, "162019")
    group = advice.proposed_group
    assert group["members"] == [] and group["none"] == "alone"
    assert group["reasons"][0] == ("人口30万人以上の団体は人口規模の近い（3倍未満の）団体とだけ組む案にするため、"
                                   "県内の範囲内に組める団体がない")
    # The 富山県 council (known from 2016-02) is in the prefecture, but 舟橋村 has 2,982 people.
    assert advice.extras["join_option"] is None and advice.extras["join_unavailable"]["reason"] == "size"
    section = partners_section(memo(tmp_path, "162019", "2017-06-09"))
    assert "**B. 近隣とグループを新設する**: 案なし" in section
    assert "範囲内の既存グループ「富山県情報システム共同利用推進協議会」は、人口規模が大きく異なる団体を含むため" in section


# --- 4. dates in words, as known on the date; 同じ時期 ----------------------------------------------

def test_a_contract_end_is_a_date_in_words_and_the_same_month_is_the_same_time(examples):
    path = str(next(p for p in examples if "tadaoka" in p.name))
    md = CliRunner().invoke(main, [path]).output
    section = partners_section(md)
    # 高石市's contract ends 2022-03-31 like 忠岡町's own; on 2017-06-09 that year was 平成34年.
    assert "契約満了が2022年3月31日（平成34年3月31日）で当団体と同じ時期" in section
    assert "2022-03-31" not in section and "0か月差" not in section
    en = partners_section(CliRunner().invoke(main, [path, "--lang", "en"]).output.replace(
        "## Partner candidates and the proposed group", "## 連携先の候補とグループ案"))
    assert "contract ends 31 March 2022 (Heisei 34), at the same time as ours" in en


# --- 5. a census 0 is no size ------------------------------------------------------------------

def test_evacuated_towns_count_in_no_group_total(advisor, tmp_path):
    # 2015 census: 双葉町 0, 大熊町 0, 浪江町 0 (whole areas under evacuation orders), 葛尾村 18.
    advice = code_alone(advisor, "075469")
    group = advice.proposed_group
    assert names(group) == ["双葉町", "大熊町", "浪江町", "葛尾村"]
    assert group["population_total"] == 18 and group["population_unknown"] == ["075469", "075451", "075477"]
    assert "4団体（上限7団体）・合計人口 18人（双葉町・大熊町・浪江町は国勢調査の人口が0人（全域が避難指示区域）のため含まない）" \
        in group["reasons"]
    assert not any("（0人）" in r for p in advice.partners for r in p["reasons"])
    section = partners_section(memo(tmp_path, "075469", "2017-06-09"))
    assert "（合計人口 18人、ほかに人口の分からない3団体）" in section


# --- 6. partner populations published after the date carry the hindsight tag ---------------------

def test_partner_populations_of_a_later_census_are_marked_hindsight(advisor, tmp_path):
    early = partners_section(memo(tmp_path, "163228", "2013-04-01"))
    assert "候補団体とグループの人口は2015年国勢調査（2016年10月26日公表）［後知恵：基準日より後に公表］によります。" in early
    later = partners_section(memo(tmp_path, "163228", "2017-06-09"))
    assert "候補団体とグループの人口は2015年国勢調査（2016年10月26日公表）によります。" in later
    assert "後知恵" not in later
    assert code_alone(advisor, "163228", "2013-04-01").extras["partner_census"] == {
        "year": 2015, "published": "2016-10-26", "hindsight": True}
    html = memo(tmp_path, "163228", "2013-04-01", "html")
    assert "［後知恵：基準日より後に公表］によります。</p>" in html


# --- 7. 万 style; the size guard looks at the members ------------------------------------------------

def test_populations_are_written_in_man(advisor, tmp_path):
    section = partners_section(memo(tmp_path, "163228", "2017-06-09"))
    assert "人口規模が近い（4万9,000人）" in section  # 砺波市 49,000 in the knowledge base's 2015 census
    assert "人口規模が近い（2万6,317人）" in section  # 立山町 26,317
    assert "49,000人" not in section and "26,317人" not in section


def test_no_city_of_300000_is_proposed_to_a_town_of_20000(advisor, examples):
    path = str(next(p for p in examples if "kamiichi" in p.name))
    advice = advisor.advise(advisor.load(path))
    group = advice.proposed_group
    # 富山市 (418,686) borders 上市町 but is 20 times its size: left out. 上市町 20,930 + 立山町 26,317
    # + 魚津市 42,935 + 黒部市 40,991 = 131,173.
    assert names(group) == ["上市町", "立山町", "魚津市", "黒部市"]
    assert group["population_total"] == 131_173


def test_no_plan_puts_a_city_of_300000_with_a_member_a_third_its_size(advisor):
    graph = national_graph(advisor.knowledge, 1.0, LATER)
    prefectures = sorted({m.prefecture for m in advisor.knowledge.municipalities.values()})
    checked = 0
    for prefecture in prefectures:
        for group in plan_prefecture(advisor.knowledge, advisor.parameters, prefecture, None, LATER)["groups"]:
            sizes = [graph.nodes[m["code"]]["population"] for m in group["members"]]
            if max(sizes) >= 300_000:
                checked += 1
                assert min(sizes) * 3 > max(sizes), (prefecture, names(group), sizes)
    assert checked >= 5  # peer groups of large cities remain (e.g. 船橋市・市川市 … in 千葉県)


def test_a_printed_figure_keeps_its_unit_on_its_line(examples):
    path = str(next(p for p in examples if "kamiichi" in p.name))
    html = CliRunner().invoke(main, [path, "--format", "html"]).output
    section = html.split('<section id="partners">', 1)[1].split("</section>", 1)[0]
    assert '人口規模が近い（<span class="nb">2万6,317人</span>）' in section
    assert '<span class="nb">42.3 km</span> の境界を接する' in section
    assert "合計人口 <span class=\"nb\">13万1,173人</span>" in section
    # 入善町's town hall is about 28 km away: 約 stays with its figure too.
    assert '役場間の直線距離 <span class="nb">約28 km</span>' in section
    assert ".nb { white-space: nowrap; }" in html


def test_html_words_escapes_before_it_wraps():
    from jichitai_cloud_advisor.engine.documents.group_sections import html_words
    # The text is escaped first, then only the figures get our span: the markup in it stays text.
    assert str(html_words('<b class="x">2万人</b> & 3団体')) == \
        '&lt;b class=&#34;x&#34;&gt;<span class="nb">2万人</span>&lt;/b&gt; &amp; <span class="nb">3団体</span>'
    assert str(html_words("<script>alert(1)</script>")) == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_a_neighbours_group_name_with_markup_is_text_in_the_html_partner_section(tmp_path):
    # 舟橋村 (163210) is 上市町's neighbour; the group name the profile gives it is quoted in its reasons.
    profile = tmp_path / "hostile.yaml"
    profile.write_text('code: "163228"\nas_of: 2017-06-09\nneighbours:\n'
                       '  - {code: "163210", cloud_status: group, group: "<script>2万人</script>", interested: true}\n',
                       encoding="utf-8")
    result = CliRunner().invoke(main, [str(profile), "--format", "html"])
    assert result.exit_code == 0, result.output
    section = result.output.split('<section id="partners">', 1)[1].split("</section>", 1)[0]
    assert "<script" not in section.lower()
    assert '&lt;script&gt;<span class="nb">2万人</span>&lt;/script&gt;' in section
