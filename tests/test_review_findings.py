"""Findings of the domain review of the memos (a ministry advisor reading them in a mayor's office).

One test per finding; each failed on the code before its fix. Expected values are worked out from
the sources and the knowledge files by hand (the arithmetic or the file row is in the comment).
"""

import json
import re
import textwrap

import pytest

from jichitai_cloud_advisor.engine.documents.memo_context import build_context
from jichitai_cloud_advisor.engine.documents.memo_labels import LABELS
from jichitai_cloud_advisor.engine.documents.output_json import advice_json
from jichitai_cloud_advisor.engine.documents.render import render_memo
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR
from jichitai_cloud_advisor.engine.profile.loader import parse_profile

KAMIICHI = EXAMPLES_DIR / "kamiichi_no_cloud.yaml"
OTA = EXAMPLES_DIR / "ota_single_cloud.yaml"
TADAOKA = EXAMPLES_DIR / "tadaoka_group_member.yaml"
HINDSIGHT_JA = LABELS["ja"]["hindsight_tag"]
ISO = re.compile(r"(?<!\d)\d{4}-\d{2}(?:-\d{2})?(?!\d)")


def advise_text(advisor, text):
    return advisor.advise(parse_profile(parse_text(textwrap.dedent(text), "review.yaml"), advisor.knowledge))


def advise_file(advisor, path, as_of=None):
    """An example profile, on its own date or on ``as_of`` (its `as_of:` line replaced)."""
    text = path.read_text(encoding="utf-8")
    if as_of is not None:
        text = re.sub(r"(?m)^as_of: .*$", f"as_of: {as_of}", text)
    return advisor.advise(parse_profile(parse_text(text, str(path)), advisor.knowledge))


def sections(markdown: str) -> dict[str, str]:
    """The memo's '## ' sections by heading (the text before the first heading under '')."""
    out, name = {"": []}, ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            name = line[3:]
            out[name] = []
        out[name].append(line)
    return {key: "\n".join(lines) for key, lines in out.items()}


# --- 1. ISO dates among Japanese prose (header notes, 確認事項, 現状, 事例) ------------------------

@pytest.mark.parametrize("path, as_of", [(KAMIICHI, None), (TADAOKA, None), (KAMIICHI, "2013-04-01")])
def test_japanese_memo_shows_no_iso_date_outside_footnotes(advisor, path, as_of):
    advice = advise_file(advisor, path, as_of)
    memo = sections(render_memo(advice, advisor, "ja", "markdown"))
    # Partner reasons are the groups helper's (notes/review-to-groups.md); footnotes and the
    # reproduce command are for the advisor's audit.
    for name, text in memo.items():
        if name.startswith("連携先") or name.startswith("付録"):
            continue
        prose = [line for line in text.splitlines() if not line.startswith("[^")]
        hits = [line for line in prose if ISO.search(line)]
        assert not hits, (name, hits)


def test_a_source_dated_to_a_month_is_shown_to_the_month(advisor):
    # cloud_groups.csv: 上市町's row has source_date "2016-02" (no day). The engine counts it from
    # 2016-02-29, but the memo must not claim that day: it says 2016年2月.
    advice = advisor.advise(advisor.load(str(KAMIICHI)))
    context = build_context(advice, advisor, "ja")
    group = context["standing"]["known_group"]
    assert group["since"] == "2016年2月以降判明"
    assert group["source_date"] == "2016年2月"
    assert "（2016年2月）" in context["checks"]["conflicts"][0]["source"]
    assert build_context(advice, advisor, "en")["standing"]["known_group"]["source_date"] == "February 2016"
    # 忠岡町: 表58 is dated "2015" only.
    tadaoka = build_context(advisor.advise(advisor.load(str(TADAOKA))), advisor, "ja")
    assert tadaoka["standing"]["known_group"]["since"] == "2015年以降判明"


def test_header_notes_write_their_dates_in_words(advisor):
    # 上市町 on 2013-04-01: 2015 census final figures published 2016-10-26; FY2017 指数 public from
    # 2019-04-01 (FY2017 ends 2018-03-31, + 12 months, + 1 day).
    advice = advise_text(advisor, 'code: "163228"\nas_of: 2013-04-01\n')
    header = build_context(advice, advisor, "ja")["header"]
    assert "2016年10月26日公表" in header["population_note"]
    assert "2019年4月1日以降に公表" in header["fiscal_note"]
    header_en = build_context(advice, advisor, "en")["header"]
    assert "26 October 2016" in header_en["population_note"] and "1 April 2019" in header_en["fiscal_note"]


def test_the_cost_survey_is_cited_by_its_title(advisor):
    advice = advisor.advise(advisor.load(str(KAMIICHI)))
    source = build_context(advice, advisor, "ja")["standing"]["it_cost"]["source"]
    assert source.startswith("総務省「市区町村における情報システム経費の調査結果」")
    assert not ISO.search(source)


# --- 2. source dates as precise as the source ---------------------------------------------------

def test_footnotes_show_a_source_dated_by_year_or_fiscal_year_as_such(advisor):
    advice = advisor.advise(advisor.load(str(KAMIICHI)))
    notes = {n["rule"]: n for n in build_context(advice, advisor, "ja")["footnotes"]}
    # Future vol.16 No.2 (c. 2012–13, domain-research 1.4) is dated "2013", not "2013年12月31日".
    assert notes["grant.data_migration_needs_layout"]["date"] == "2013年"
    # J-LIS 令和2年度 Q&A: a fiscal year, published on a day not known.
    assert notes["group.join_existing"]["date"] == "2020年度"
    assert notes["group.join_existing"]["hindsight"] == HINDSIGHT_JA
    # The JSON keeps an ISO day: the end of the period, so nothing counts as known early.
    fired = {f["id"]: f for f in advice_json(advice, advisor)["fired"]}
    assert fired["grant.data_migration_needs_layout"]["source_date"] == "2013-12-31"
    assert fired["group.join_existing"]["source_date"] == "2021-03-31"  # end of FY2020


def test_the_futoufu_warning_cites_the_ordinance_by_its_year(advisor):
    # 武蔵野市 132039: 財政力指数 1.51 (FY2017) ≥ 1 → grant.unallocated_body; 省令 = 昭和51年 (1976).
    advice = advise_text(advisor, 'code: "132039"\nas_of: 2019-04-15\n')
    notes = {n["rule"]: n for n in build_context(advice, advisor, "ja")["footnotes"]}
    assert notes["grant.unallocated_body"]["date"] == "1976年"


# --- 3. the J-LIS footnote of 2017–2019 cites no 令和2年度 document ----------------------------

@pytest.mark.parametrize("as_of", ["2017-06-09", "2019-03-31"])
def test_no_reiwa_before_it_was_announced_unless_marked_hindsight(advisor, as_of):
    # 令和 was announced on 2019-04-01. grant.jlis_support (2017-04-01 … 2020-03-31) used to cite
    # 「…（平成28年度・令和2年度の公募）」 with no date and so no hindsight tag.
    for path in (KAMIICHI, TADAOKA):
        memo = sections(render_memo(advise_file(advisor, path, as_of), advisor, "ja", "markdown"))
        for name, text in memo.items():
            if name.startswith("連携先"):
                continue  # the groups helper's join option (notes/grants-to-groups.md)
            for line in text.splitlines():
                if "令和" in line:
                    assert HINDSIGHT_JA in line, (path.name, line)


def test_jlis_support_cites_the_fy2016_call(advisor):
    advice = advisor.advise(advisor.load(str(TADAOKA)))
    notes = {n["rule"]: n for n in build_context(advice, advisor, "ja")["footnotes"]}
    note = notes["grant.jlis_support"]
    assert "平成28年度" in note["source"] and "令和" not in note["source"]
    assert note["date"] == "2016年3月28日" and note["hindsight"] == ""


# --- 4. one document, one date --------------------------------------------------------------------

def test_rules_citing_one_document_give_it_one_date(advisor):
    # 「自治体クラウドの推進について」 is dated 2017-06-09 (inferred) wherever it is cited; the
    # support-staff rules dated it 2016-08-05 (the day of the 56-group advice the text mentions),
    # so a memo of 2016-12 cited its sentence on 特別交付税 as known.
    dates: dict[str, set] = {}
    for rule in advisor.book.rules:
        document = rule.source["document"]
        if ";" not in document:  # a single document
            dates.setdefault(document, set()).add(str(rule.source.get("date")))
    assert dates["自治体クラウドの推進について（総務省）"] == {"2017-06-09"}
    # The one exception: rules citing the law for what was added on 2022-08-31 (its section says
    # 「20業務の標準仕様書は令和4年8月31日に出そろった」) are dated by that event.
    dates.pop("地方公共団体情報システムの標準化に関する法律（令和3年法律第40号）")
    assert all(len(found) == 1 for found in dates.values()), {d: f for d, f in dates.items() if len(f) > 1}


def test_support_staff_advice_of_2016_is_marked_hindsight(advisor):
    advice = advise_text(advisor, """\
        code: "163228"
        as_of: 2016-12-01
        cloud: {status: none, plan: none, driving_body: none}
        staff: {it_staff: 2, cloud_experience: false}
        """)
    notes = {n["rule"]: n for n in build_context(advice, advisor, "ja")["footnotes"]}
    assert notes["grant.support_staff"]["hindsight"] == HINDSIGHT_JA


# --- 5. the grant table's source line carries the hindsight tag -----------------------------------

def test_grant_table_source_is_marked_when_published_after_the_date(advisor):
    profile = """\
        code: "163228"
        as_of: {date}
        cloud: {{status: none, plan: none, driving_body: none}}
        """
    early = build_context(advise_text(advisor, profile.format(date="2016-12-01")), advisor, "ja")["grants"]
    assert early["sources"].startswith("自治体クラウドの推進について（総務省）")
    assert early["sources"].endswith(HINDSIGHT_JA)
    later = build_context(advise_text(advisor, profile.format(date="2017-06-09")), advisor, "ja")["grants"]
    assert not later["sources"].endswith(HINDSIGHT_JA)


# --- 6–8. the roadmap follows the route the memo recommends ---------------------------------------

def test_roadmap_follows_the_advice_to_join_the_neighbouring_group(advisor):
    # 上市町 (profile: no cloud, no driving body): 提案 3 says ask to join the neighbouring group
    # (group.join_existing, which overrides group.driving_body_first). The roadmap used to start
    # with 1. 推進組織の設立, flagged overdue in bold.
    advice = advisor.advise(advisor.load(str(KAMIICHI)))
    assert "group.join_existing" in {o.rule_id for o in advice.trace.outcomes if o.status == "fired"}
    roadmap = build_context(advice, advisor, "ja")["roadmap"]
    assert [s["key"] for s in roadmap["stages"]] == ["procurement", "build", "operation"]
    assert "既存グループへの参加を前提に" in roadmap["anchor"]
    # Earliest contract end 2019-03-31 → go-live 2019-04; procurement 18–12 months before:
    # 2017-10 … 2018-03, after the as-of date 2017-06-09, so not late.
    assert roadmap["stages"][0]["period"].startswith("2017年10月") and not roadmap["late"]


def test_a_single_cloud_not_advised_to_group_renews_from_procurement(advisor):
    # 大田区 (single cloud, 717,082 people in 2015): no group is advised (≥ 50万: the partner
    # section proposes no new group), so 推進組織・共同化計画 are not its stages.
    advice = advisor.advise(advisor.load(str(OTA)))
    roadmap = build_context(advice, advisor, "ja")["roadmap"]
    assert roadmap["stages"][0]["key"] == "procurement"
    assert "単独クラウドの更新を前提に" in roadmap["anchor"]


def test_the_late_warning_names_the_first_stage_shown(advisor):
    # A group member re-procuring with migration, contract ending 2018-03-31: go-live 2018-04,
    # procurement from 18 months before = 2016-10, before the as-of date 2017-06-09 → late.
    advice = advise_text(advisor, """\
        code: "273414"
        as_of: 2017-06-09
        cloud: {status: group, group: 大阪府高石市・忠岡町, migration: renewal_with_migration}
        systems:
          - {area: 住民記録, contract_end: 2018-03-31}
        """)
    memo = render_memo(advice, advisor, "ja", "markdown")
    assert "**「システム調達」の開始の目安が基準日より前です。" in memo
    assert "推進組織の立ち上げ開始" not in memo


# --- 9. one question per profile field -------------------------------------------------------------

def test_each_thing_to_find_out_is_asked_once(advisor):
    # 上市町 from its code alone (2017-06-09): the customisation, the standard layout and the IT
    # staff were each asked two or three times in different words.
    advice = advise_text(advisor, 'code: "163228"\nas_of: 2017-06-09\n')
    questions = build_context(advice, advisor, "ja")["questions"]
    fields = [tuple(advisor.vocabulary[f].settled_by or (f,)) for q in questions for f in q["facts"][:1]]
    assert len(fields) == len(set(fields))
    texts = [q["question"] for q in questions]
    assert sum("情報担当の職員は何人" in text for text in texts) == 1
    assert sum("カスタマイズ" in text for text in texts) == 1
    # Two wordings of the layout question: the one that adds a follow-up to the standard one is kept.
    layout = [text for text in texts if "中間標準レイアウト" in text]
    assert layout == ["各システムは中間標準レイアウトでデータを出力できますか（できなければ、移行の仕様書でそれを求めますか）。"]


# --- 10. a ward is not asked about grant items it cannot receive ----------------------------------

def test_a_ward_is_asked_nothing_about_special_allocation_items(advisor):
    # 大田区: the grant table says 適用外 (都区合算) for all four items; the question about its
    # migration plan used to say it settles 「導入コンサルタント経費の特別交付税措置 ほか4件」.
    advice = advisor.advise(advisor.load(str(OTA)))
    context = build_context(advice, advisor, "ja")
    assert {row["status"] for row in context["grants"]["rows"]} == {"not_applicable"}
    for question in context["questions"]:
        assert "特別交付税" not in question["settles"], question
        assert not {"grant.joint_planning", "grant.consultant", "grant.data_migration", "grant.training",
                    "grant.data_migration_needs_layout"} & set(question["rules"])


# --- 11. the national picture states its date and publication once --------------------------------

def test_national_picture_dates_are_not_doubled(advisor):
    advice = advise_text(advisor, 'code: "163228"\nas_of: 2019-04-15\n')
    memo = render_memo(advice, advisor, "ja", "markdown")
    line = next(l for l in memo.splitlines() if l.startswith("- 全国の状況"))
    assert line.startswith("- 全国の状況（2018年3月時点）")
    source = next(l for l in memo.splitlines() if "市区町村における情報システム経費の調査結果" in l and "公表" in l)
    assert source.count("2018年3月30日") == 1


# --- 12. English kept in step -------------------------------------------------------------------------

def test_english_memo_uses_english_punctuation_and_bold_closes(advisor):
    advice = advisor.advise(advisor.load(str(KAMIICHI)))
    memo = render_memo(advice, advisor, "en", "markdown")
    assert "。" not in memo.replace("「", "").split("## Recommendations")[0].split("## Where the municipality stands")[1]
    assert "**Question to ask:** Which" in memo  # "**Question to ask: **" does not close in Markdown
    # 120,000,000 ÷ 20,930 = 5,733 yen; ÷ 3,742 national = 1.53 → "1.5 × the national average".
    assert "**¥5,733** (1.5 × the national average)" in memo


# --- 13. an evacuated town's census count of 0 ------------------------------------------------------

def test_a_census_count_of_zero_is_not_the_towns_size(advisor):
    # 双葉町 075469: 2015 census 0 (population_census_2015.csv), the whole town evacuated.
    advice = advise_text(advisor, """\
        code: "075469"
        as_of: 2017-06-09
        cloud: {status: none}
        costs: {it_operating: 50000000}
        """)
    assert "population" not in advice.facts.values
    context = build_context(advice, advisor, "ja")
    memo = render_memo(advice, advisor, "ja", "markdown")
    assert "人口0人の団体" not in memo  # group.small_no_cloud used to say so
    assert any("住民基本台帳人口" in q["question"] for q in context["questions"])
    assert "避難指示" in context["header"]["population_note"]
    assert context["standing"]["it_cost_missing"] == LABELS["ja"]["it_cost_no_population"]
    assert advice_json(advice, advisor)["municipality"]["population"] == 0  # the census figure itself


# --- 14. 本日のお願い cite only the body ------------------------------------------------------------

@pytest.mark.parametrize("profile", [
    'code: "075469"\nas_of: 2022-04-01\ncloud: {status: none}\nstaff: {it_staff: 2, cloud_experience: false}\n',
    'code: "163228"\nas_of: 2025-04-01\ncloud: {status: none}\n',
])
def test_asks_cite_recommendations_in_the_body(advisor, profile):
    # standardisation.law_before_standards / .regime are notes carrying a decision: the ask cited
    # a recommendation relegated to 参考.
    context = build_context(advise_text(advisor, profile), advisor, "ja")
    body = {rec["n"] for rec in context["recommendations"]}
    assert context["summary"]
    for ask in context["summary"]:
        assert set(ask["numbers"]) <= body, (ask, body)


# --- 15. no questions left: no engine words, and the 確認事項 box is pointed to ------------------------

def test_no_open_questions_is_said_in_words_and_points_to_the_checks(advisor):
    advice = advisor.advise(advisor.load(str(KAMIICHI)))
    memo = sections(render_memo(advice, advisor, "ja", "markdown"))
    questions = memo["訪問で確認すること"]
    assert "ルール" not in questions
    assert LABELS["ja"]["questions_see_checks"] in questions  # the box at the top holds a question
    tadaoka = sections(render_memo(advisor.advise(advisor.load(str(TADAOKA))), advisor, "ja", "markdown"))
    assert LABELS["ja"]["questions_see_checks"] not in tadaoka["訪問で確認すること"]  # no box there


# --- 16. the printed page: words that broke mid-word, an ISO date in the footer ---------------------

LINES = """
<script>
(function () {
  // The text of each selected cell, line by line as laid out (one entry per line box).
  function lines(el) {
    var out = [], top = null, text = "", walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      for (var i = 0; i < node.length; i++) {
        var range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
        var rect = range.getClientRects()[0];
        if (!rect) continue;
        if (top !== null && rect.top > top + 2) { out.push(text.trim()); text = ""; }
        if (top === null || rect.top > top + 2) top = rect.top;
        text += node.data[i];
      }
    }
    if (text.trim()) out.push(text.trim());
    return out;
  }
  var result = {};
  [["item", "table.grants tbody td:first-child"], ["eligible", "table.grants tbody td:nth-child(2)"],
   ["total", "table.grants tfoot td.conditional"], ["from", "table.params td.date"]].forEach(function (pair) {
    result[pair[0]] = Array.prototype.map.call(document.querySelectorAll(pair[1]), lines);
  });
  var pre = document.createElement("pre"); pre.id = "lines-result"; pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
})();
</script>
"""


# A4 less memo.css's 15 mm side margins, in CSS pixels (as tests/test_html.py lays the page out).
PRINTABLE_PX = int((210 - 15 - 15) / 25.4 * 96)
NO_SCREEN_PADDING = "<style>body { padding: 0 !important; margin: 0 !important; max-width: none !important; }</style>"


def laid_out_lines(chromium, html, tmp_path, name):
    page = tmp_path / f"{name}.html"
    page.write_text(html.replace("</body>", NO_SCREEN_PADDING + LINES + "</body>"), encoding="utf-8")
    dom = chromium.dump_dom(page, PRINTABLE_PX, 1200)  # as `chromium --window-size=W,1200 --dump-dom PAGE`
    found = re.search(r'<pre id="lines-result">(.*?)</pre>', dom, re.S)
    assert found, name
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_printed_cells_break_between_words_not_inside_them(advisor, tmp_path, chromium):
    # Seen on the printed A4 pages: 「共同化計画策｜定」「導入コンサルタン｜ト」, "not applicab|le",
    # 「うち条件付き 1,250万｜円」 and 「2011年4月1日（平｜成23年4月1日）」.
    kamiichi = laid_out_lines(chromium, render_memo(advisor.advise(advisor.load(str(KAMIICHI))), advisor, "ja", "html"),
                              tmp_path, "kamiichi-ja")
    assert [cell for cell in kamiichi["item"]] == [["共同化計画策定"], ["導入コンサルタント"], ["データ移行"], ["実務処理研修"]]
    assert kamiichi["total"] in ([["うち条件付き 1,250万円"]], [["うち条件付き", "1,250万円"]])
    assert kamiichi["from"] and all(cell in (["2011年4月1日（平成23年4月1日）"], ["2011年4月1日", "（平成23年4月1日）"])
                                    or cell[0].endswith("日") for cell in kamiichi["from"]), kamiichi["from"]
    ota = laid_out_lines(chromium, render_memo(advisor.advise(advisor.load(str(OTA))), advisor, "en", "html"),
                         tmp_path, "ota-en")
    assert ota["eligible"] and all(" ".join(cell) == "not applicable" and cell in (["not applicable"], ["not", "applicable"])
                                   for cell in ota["eligible"]), ota["eligible"]


def test_the_printed_footer_writes_the_date_in_words(advisor):
    html = render_memo(advisor.advise(advisor.load(str(KAMIICHI))), advisor, "ja", "html")
    footer = re.search(r"<footer>(.*?)</footer>", html, re.S).group(1)
    assert "2017年6月9日" in footer and not ISO.search(footer)


# --- 17. Japanese typography in the header and the grant notes --------------------------------------

def test_japanese_numbers_take_their_counter_without_a_space(advisor):
    memo = render_memo(advise_text(advisor, 'code: "163228"\nas_of: 2017-06-09\n'), advisor, "ja", "markdown")
    assert "| 人口 | 20,930人（2015年国勢調査） |" in memo  # 2015 census, population_census_2015.csv
    # The undetermined grant rows point to the questions by the section's name, in brackets.
    assert "（「訪問で確認すること」を参照）" in memo and "こと を参照" not in memo
