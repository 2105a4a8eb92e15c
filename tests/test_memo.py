"""The head-of-municipality memo: sections in both languages, footnotes, dates, yen, escaping, templates."""

import datetime as dt
import json
import re
import textwrap
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.commands.advise import render
from jichitai_cloud_advisor.engine.documents.memo_context import SECTION_IDS, build_context
from jichitai_cloud_advisor.engine.documents.memo_labels import LABELS
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR
from jichitai_cloud_advisor.engine.profile.loader import parse_profile
from jichitai_cloud_advisor.engine.documents.render import render_memo
from jichitai_cloud_advisor.engine.documents.wareki import format_date, wareki
from jichitai_cloud_advisor.engine.documents.yen import format_yen, yen_exact
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text

KAMIICHI = EXAMPLES_DIR / "kamiichi_no_cloud.yaml"


def advise_text(advisor, text, label="test.yaml"):
    return advisor.advise(parse_profile(parse_text(textwrap.dedent(text), label), advisor.knowledge))


@pytest.fixture(scope="module")
def kamiichi(advisor):
    return advisor.advise(advisor.load(str(KAMIICHI)))


# --- 和暦 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("iso, expected", [
    ("1989-01-07", "昭和64年1月7日"),
    ("1989-01-08", "平成元年1月8日"),
    ("2019-04-30", "平成31年4月30日"),
    ("2019-05-01", "令和元年5月1日"),
    ("1926-12-25", "昭和元年12月25日"),
    ("1912-07-30", "大正元年7月30日"),
    ("2017-07-10", "平成29年7月10日"),
])
def test_wareki_era_boundaries(iso, expected):
    assert wareki(dt.date.fromisoformat(iso)) == expected


def test_seireki_with_wareki_beside_it():
    assert format_date("2017-07-10", "ja") == "2017年7月10日（平成29年7月10日）"
    assert format_date("2019-05-01", "en") == "1 May 2019 (Reiwa 1)"
    assert format_date("1868-01-01", "ja") == "1868年1月1日"  # before 明治: no era


# --- yen ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("amount, expected", [
    (3742, "3,742円"), (11724, "11,724円"), (100_000, "10万円"), (12_340_000, "1,234万円"),
    (12_345_678, "1,234.6万円"), (25_000_000, "2,500万円"), (99_999_999, "1億円"),
    (120_000_000, "1.2億円"), (478_600_000_000, "4,786億円"), (None, "—"),
])
def test_format_yen_japanese(amount, expected):
    assert format_yen(amount, "ja") == expected


def test_format_yen_english_and_exact():
    assert format_yen(12_345_678, "en") == "¥12.3 million"
    assert format_yen(1_200_000_000, "en") == "¥1.2 billion"
    assert yen_exact(25_000_000) == "25,000,000円"


# --- structure ------------------------------------------------------------------------------------

def test_labels_kept_in_step():
    assert set(LABELS["ja"]) == set(LABELS["en"])


class _Sections(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.ids.append(dict(attrs).get("id"))


def section_ids(text, fmt):
    if fmt == "markdown":
        return re.findall(r"<!-- section: ([a-z_]+) -->", text)
    parser = _Sections()
    parser.feed(text)
    return parser.ids


@pytest.mark.parametrize("example", sorted(EXAMPLES_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_renders_every_format_and_language(advisor, example):
    advice = advisor.advise(advisor.load(str(example)))
    for lang in ("ja", "en"):
        for fmt in ("markdown", "html"):
            text = render(advisor, advice, fmt, lang, None, section_comments=True)
            assert section_ids(text, fmt) == list(SECTION_IDS), (example.name, fmt, lang)
        assert json.loads(render(advisor, advice, "json", lang, None))["municipality"]["code"]
        assert json.loads(render(advisor, advice, "audit-json", lang, None))["rules"]
        assert advice.profile.municipality.code in render(advisor, advice, "audit", lang, None)


def test_examples_exist():
    assert sorted(EXAMPLES_DIR.glob("*.yaml")), "examples/*.yaml are rendered by the tests and the lint"


def test_both_languages_render_the_same_sections_for_a_code_only_profile(advisor):
    advice = advise_text(advisor, 'code: "131113"\nas_of: 2016-06-01\n')
    for fmt in ("markdown", "html"):
        ja = section_ids(render_memo(advice, advisor, "ja", fmt, section_comments=True), fmt)
        en = section_ids(render_memo(advice, advisor, "en", fmt, section_comments=True), fmt)
        assert ja == en == list(SECTION_IDS)


def test_header_has_prefecture_visit_date_and_wareki(advisor, kamiichi):
    text = render_memo(kamiichi, advisor, "ja", "markdown")
    assert "富山県上市町" in text
    visit = kamiichi.profile.get("visit.date")
    assert format_date(str(visit), "ja") in text and "（平成" in text


def test_summary_has_at_most_three_asks_drawn_from_the_recommendations(advisor, examples):
    for example in examples:
        advice = advisor.advise(advisor.load(str(example)))
        context = build_context(advice, advisor, "ja")
        assert len(context["summary"]) <= 3
        if advice.recommendations:
            assert context["summary"]
        ids = {r.id for r in advice.recommendations}
        assert all(set(ask["rules"]) <= ids for ask in context["summary"])


# --- every recommendation is traceable ----------------------------------------------------------

class _Recs(HTMLParser):
    """Collect each recommendation block's footnote targets and each footnote's text."""

    def __init__(self):
        super().__init__()
        self.recs, self.notes, self.badges = {}, {}, {}
        self._rec = self._note = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "rec" in (attrs.get("class") or "").split():
            self._rec = attrs["id"]
            self.recs[self._rec] = {"rules": attrs["data-rules"].split(), "refs": []}
            self.badges[self._rec] = []
        elif tag == "a" and self._rec and attrs.get("href", "").startswith("#fn-"):
            self.recs[self._rec]["refs"].append(attrs["href"][4:])
        elif tag == "span" and self._rec:
            self.badges[self._rec].append(attrs.get("class", ""))
        elif tag == "li" and (attrs.get("id") or "").startswith("fn-"):
            self._note = attrs["id"][3:]
            self.notes[self._note] = ""

    def handle_endtag(self, tag):
        if tag == "div":
            self._rec = None
        if tag == "li":
            self._note = None

    def handle_data(self, data):
        if self._note:
            self.notes[self._note] += data


def test_every_recommendation_names_a_rule_and_a_source(advisor, examples):
    for example in examples:
        advice = advisor.advise(advisor.load(str(example)))
        rules = advice.book.by_id()
        for lang in ("ja", "en"):
            parser = _Recs()
            parser.feed(render_memo(advice, advisor, lang, "html"))
            assert len(parser.recs) == len(advice.recommendations)
            for rec_id, rec in parser.recs.items():
                assert rec["rules"] and rec["refs"], rec_id
                notes = [parser.notes[ref] for ref in rec["refs"]]
                for rule_id in rec["rules"]:
                    assert any(rule_id in n and rules[rule_id].source_text() in n for n in notes), (rule_id, notes)
            markdown = render_memo(advice, advisor, lang, "markdown")
            for recommendation in advice.recommendations:
                for rule_id in recommendation.rules:
                    line = next(l for l in markdown.splitlines() if l.startswith("[^") and f"`{rule_id}`" in l)
                    assert rules[rule_id].source_text() in line


def test_judgements_are_marked(advisor, examples):
    seen = 0
    for example in examples:
        advice = advisor.advise(advisor.load(str(example)))
        parser = _Recs()
        parser.feed(render_memo(advice, advisor, "ja", "html"))
        for n, rec in enumerate(advice.recommendations, start=1):
            marked = any("judgement" in c for c in parser.badges[f"rec-{n}"])
            assert marked == rec.judgement, rec.id
            seen += rec.judgement
    assert seen, "no example has a judgement: the test would prove nothing"


# --- grants, roadmap, questions -------------------------------------------------------------------

def test_grant_table_says_plainly_the_correction_is_not_applied(advisor, kamiichi):
    assert all(g.fiscal_correction is None for g in kamiichi.grants)
    for lang in ("ja", "en"):
        text = render_memo(kamiichi, advisor, lang, "markdown")
        assert LABELS[lang]["correction_not_applied"] in text
        assert LABELS[lang]["not_applied"] in text


def test_grant_table_applies_a_supplied_correction(tmp_path, kamiichi):
    table = tmp_path / "correction.yaml"
    table.write_text(textwrap.dedent("""\
        parameters:
          grant.fiscal_correction:
            values:
              - from: "2011-04-01"
                value: [{below: 0.5, multiplier: 0.8}, {below: null, multiplier: 0.5}]
        """), encoding="utf-8")
    result = CliRunner().invoke(main, [str(KAMIICHI), "--parameters", str(table)])
    assert result.exit_code == 0, result.stderr
    assert LABELS["ja"]["correction_applied"].format(value="0.8") in result.stdout
    eligible = [g for g in kamiichi.grants if g.eligible and g.base_yen]
    assert eligible
    assert format_yen(int(eligible[0].base_yen * 0.5 * 0.8)) in result.stdout


def test_roadmap_is_aligned_to_the_earliest_contract_end(advisor):
    # A municipality forming a new group cloud with no driving body yet: all five stages. (Without
    # `migration: forming_group` the memo advises 上市町 to join its neighbours' group first, and
    # the roadmap starts at procurement: tests/test_review_findings.py.)
    advice = advise_text(advisor, """\
        code: "163228"
        as_of: 2017-06-09
        cloud: {status: none, driving_body: none, migration: forming_group}
        systems:
          - {area: 税務, contract_end: 2021-03-31}
          - {area: 住民記録, contract_end: 2020-09-30}
        """)
    context = build_context(advice, advisor, "ja")
    stages = context["roadmap"]["stages"]
    assert [s["key"] for s in stages] == ["driving_body", "joint_plan", "procurement", "build", "operation"]
    # A memo dated 2017 cannot know 令和 (announced 2019-04-01): 2020 is 平成32年, as written then.
    assert stages[-1]["period"].startswith("2020年10月（平成32年10月）")
    assert "住民記録" in context["roadmap"]["anchor"] and "2020年9月30日" in context["roadmap"]["anchor"]


def test_roadmap_without_contract_dates_says_so(advisor):
    advice = advise_text(advisor, 'code: "163228"\nas_of: 2017-06-09\ncloud: {status: none}\n')
    assert build_context(advice, advisor, "en")["roadmap"]["anchor"].startswith(LABELS["en"]["roadmap_no_anchor"])


def test_undetermined_rules_become_questions(advisor):
    advice = advise_text(advisor, 'code: "163228"\nas_of: 2017-06-09\n')
    undetermined = [o for o in advice.trace.outcomes if o.status == "undetermined"]
    assert undetermined
    context = build_context(advice, advisor, "ja")
    asked = {rule for q in context["questions"] for rule in q["rules"]}
    assert asked == {o.rule_id for o in undetermined}
    text = render_memo(advice, advisor, "ja", "markdown")
    assert all(q["question"] in text for q in context["questions"])


def test_appendix_carries_the_hashes(advisor, kamiichi):
    text = render_memo(kamiichi, advisor, "en", "html")
    assert kamiichi.book.sha256 in text and kamiichi.profile.sha256 in text


# --- escaping and office templates ---------------------------------------------------------------

HOSTILE = """\
    code: "163228"
    as_of: 2017-06-09
    systems:
      - {area: "<img src=x onerror=alert(2)>", contract_end: 2019-03-31}
    visit:
      date: 2017-07-10
      audience: "{{ 7*7 }}"
      advisor: "<script>alert(1)</script>"
    """


def test_hostile_profile_values_appear_as_text_in_html(advisor):
    advice = advise_text(advisor, HOSTILE)
    html = render_memo(advice, advisor, "ja", "html")
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and ">49<" not in html


def test_hostile_profile_values_are_inert_in_markdown(advisor):
    advice = advise_text(advisor, HOSTILE)
    text = render_memo(advice, advisor, "ja", "markdown")
    assert not re.search(r"(?<!\\)<(script|img|/script)", text)  # every < is backslash-escaped
    assert r"\<script\>alert(1)\</script\>" in text
    assert "{{ 7\\*7 }}" in text and "| 49 |" not in text


def test_office_templates_are_sandboxed(tmp_path, advisor, kamiichi):
    (tmp_path / "memo.md.j2").write_text("{{ header.municipality }} {{ ''.__class__.__mro__[1].__subclasses__() }}",
                                         encoding="utf-8")
    result = CliRunner().invoke(main, [str(KAMIICHI), "--templates", str(tmp_path)])
    assert result.exit_code == 2
    assert "memo.md.j2" in result.stderr and "Traceback" not in result.stderr


def test_office_template_renders_and_may_use_shipped_partials(tmp_path):
    (tmp_path / "memo.md.j2").write_text('{% import "_common.j2" as c with context %}'
                                         "# {{ header.municipality }}\n{{ c.count_line(appendix.counts) }}\n",
                                         encoding="utf-8")
    result = CliRunner().invoke(main, [str(KAMIICHI), "--templates", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# 富山県上市町") and "該当" in result.stdout and "発火" not in result.stdout


def test_missing_office_template_is_bad_input(tmp_path):
    result = CliRunner().invoke(main, [str(KAMIICHI), "--templates", str(tmp_path), "--format", "html"])
    assert result.exit_code == 2
    assert "memo.html.j2" in result.stderr


def test_office_template_error_names_file_and_line(tmp_path):
    (tmp_path / "memo.md.j2").write_text("line one\n{{ header.municipality }}\n{{ header.mayor_name }}\n",
                                         encoding="utf-8")
    result = CliRunner().invoke(main, [str(KAMIICHI), "--templates", str(tmp_path)])
    assert result.exit_code == 2
    assert "memo.md.j2" in result.stderr and "3行目" in result.stderr and "mayor_name" in result.stderr


def test_templates_lint_passes_on_the_shipped_templates():
    result = CliRunner().invoke(main, ["templates", "lint"])
    assert result.exit_code == 0, result.stderr
    assert "renders" in result.stdout


def test_templates_lint_catches_an_undefined_name(tmp_path):
    from jichitai_cloud_advisor.engine.paths import TEMPLATES_DIR
    source = (TEMPLATES_DIR / "memo.md.j2").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(source) if "t.sec_roadmap" in text)
    source[line] = source[line].replace("t.sec_roadmap", "t.sec_roadmapp")
    (tmp_path / "memo.md.j2").write_text("\n".join(source) + "\n", encoding="utf-8")
    (tmp_path / "memo.html.j2").write_text((TEMPLATES_DIR / "memo.html.j2").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    result = CliRunner().invoke(main, ["templates", "lint", "--templates", str(tmp_path)])
    assert result.exit_code == 2
    assert f"memo.md.j2:{line + 1}" in result.stdout and "sec_roadmapp" in result.stdout
    assert "1 template problem" in result.stderr


def test_templates_lint_of_an_office_that_replaces_only_the_markdown_memo(tmp_path):
    from jichitai_cloud_advisor.engine.paths import TEMPLATES_DIR
    (tmp_path / "memo.md.j2").write_text((TEMPLATES_DIR / "memo.md.j2").read_text(encoding="utf-8")
                                         + "\n{{ t.prepared }} 情報政策課\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["templates", "lint", "--templates", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "(markdown × 2 languages)" in result.stdout  # the HTML memo is not theirs: not linted
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["templates", "lint", "--templates", str(empty)])
    assert result.exit_code == 2 and "memo.md.j2" in result.stderr


def test_cost_survey_published_after_as_of_is_marked_as_hindsight(advisor):
    """The 2018-03-30 cost survey shown in a memo dated 2017 says it was published later."""
    from jichitai_cloud_advisor.engine.documents.render import render_memo
    before = advisor.advise(advisor.load(str(KAMIICHI)))  # as_of 2017-06-09
    after = advisor.advise(advisor.load(str(KAMIICHI), dt.date(2019, 4, 1)))
    assert "2018年3月30日公表［後知恵：基準日より後に公表］" in render_memo(before, advisor, lang="ja", fmt="markdown")
    assert "2018年3月30日公表［後知恵" not in render_memo(after, advisor, lang="ja", fmt="markdown")
    assert "published 30 March 2018 [hindsight: published after the advice date]" in render_memo(
        before, advisor, lang="en", fmt="markdown")
