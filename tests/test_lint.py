"""Each lint catches a bad rule file (finding names file, line and rule id); the shipped rules lint clean."""

import datetime as dt

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.rules.lint import ERROR, WARNING, run_lints

GOOD_SOURCE = """\
    source: {document: 未来投資戦略2017, section: 第2 II B 2 (2) i), confidence: C}
    effective: {from: "2017-06-09", to: null}
"""


def rule(rule_id, when, source=GOOD_SOURCE, extra=""):
    return (f"  - id: {rule_id}\n    title: {{ja: 題, en: title}}\n" + source
            + f"    when: {when}\n    then: {{recommendation: {{ja: 本文, en: text}}}}\n" + extra)


def write(tmp_path, files, tests=True):
    rules_dir = tmp_path / "rules"
    for name, body in files.items():
        path = rules_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    if tests:  # a passing expectation for every id, so only the lint under test reports
        ids = [line.split("id:")[1].strip() for body in files.values() for line in body.splitlines()
               if line.strip().startswith("- id:")]
        expect = "\n".join(f"      {i}: fired" for i in ids) or "      x.y: fired"
        expect_not = "\n".join(f"      {i}: not_fired" for i in ids) or "      x.y: not_fired"
        (rules_dir / "plan" / "tests").mkdir(parents=True, exist_ok=True)
        (rules_dir / "plan" / "tests" / "cases.yaml").write_text(
            f"cases:\n  - name: a\n    as_of: \"2017-06-09\"\n    facts: {{}}\n    expect:\n{expect}\n"
            f"  - name: b\n    as_of: \"2017-06-09\"\n    facts: {{}}\n    expect:\n{expect_not}\n", encoding="utf-8")
    return rules_dir


def lint(advisor, rules_dir, as_of=None):
    return run_lints(advisor.vocabulary, advisor.parameters, rules_dir, as_of)


def only(findings, code):
    found = [f for f in findings if f.code == code]
    assert found, [str(f) for f in findings]
    return found


def test_shipped_rules_lint_clean(advisor):
    findings = lint(advisor, None)
    assert findings == [], [str(f) for f in findings]


def test_duplicate_ids_across_files(advisor, tmp_path):
    rules_dir = write(tmp_path, {
        "plan/a.yaml": "family: plan\nrules:\n" + rule("plan.same", "{fact: cloud_status, eq: none}"),
        "plan/b.yaml": "family: plan\nrules:\n" + rule("plan.same", "{fact: cloud_status, eq: single}"),
    })
    finding = only(lint(advisor, rules_dir), "duplicate-id")[0]
    assert finding.file == "rules/plan/b.yaml" and finding.line == 3 and finding.rule_id == "plan.same"
    assert "rules/plan/a.yaml:3" in str(finding)


def test_every_duplicate_yaml_key_is_reported(advisor, tmp_path):
    body = "family: plan\nrules:\n" + rule("plan.dup", "{fact: cloud_status, eq: none}", extra="    priority: 1\n    priority: 2\n    kind: note\n    kind: warn\n")
    findings = only(lint(advisor, write(tmp_path, {"plan/a.yaml": body})), "duplicate-key")
    assert [(f.line, f.rule_id) for f in findings] == [(10, "plan.dup"), (12, "plan.dup")]
    assert "rules/plan/a.yaml:10" in str(findings[0]) and "priority" in str(findings[0])


@pytest.mark.parametrize("source, wanted, line", [
    ("", "missing or empty `source`", 3),
    ("    source: {document: '  ', section: 第1, confidence: C}\n", "`source.document` is missing or empty", 5),
    ("    source: {document: 文書, confidence: C}\n", "`source.section` is missing or empty", 5),
])
def test_missing_or_empty_source(advisor, tmp_path, source, wanted, line):
    body = "family: plan\nrules:\n" + rule("plan.nosource", "{fact: cloud_status, eq: none}",
                                          source=source + '    effective: {from: "2017-06-09"}\n')
    finding = only(lint(advisor, write(tmp_path, {"plan/a.yaml": body})), "source")[0]
    assert wanted in finding.message and finding.rule_id == "plan.nosource" and finding.line == line


@pytest.mark.parametrize("source, wanted", [
    # 2017-13: no 13th month; 2017-02-30: no such day; 平成29年: not one of the four forms.
    ("{document: 文書, section: 第1, confidence: C, date: '2017-13'}", "source date '2017-13' does not parse"),
    ("{document: 文書, section: 第1, confidence: C, date: '2017-02-30'}", "source date '2017-02-30' does not parse"),
    ("{document: 文書, section: 第1, confidence: C, date: 平成29年}", "source date '平成29年' does not parse"),
    ("{document: 文書, section: 第1, confidence: X}", "value 'X' is not allowed; allowed values: C, P, I, U"),
])
def test_a_source_advise_would_refuse_is_an_error_of_lint_too(advisor, tmp_path, source, wanted):
    # `advise --rules` stops on such a file (exit 2), so lint, which passed it before, must not.
    body = "family: plan\nrules:\n" + rule("plan.baddate", "{fact: cloud_status, eq: none}",
                                          source=f"    source: {source}\n" + '    effective: {from: "2017-06-09"}\n')
    rules_dir = write(tmp_path, {"plan/a.yaml": body})
    finding = only(lint(advisor, rules_dir), "schema")[0]
    assert wanted in finding.message and finding.severity == ERROR and finding.line == 5
    assert finding.rule_id == "plan.baddate"
    result = CliRunner().invoke(main, ["rules", "lint", "--rules", str(rules_dir)])
    assert result.exit_code == 2 and wanted in result.output


@pytest.mark.parametrize("date", ["2017-06-09", "2016-02", "2013", "FY2020"])
def test_each_form_of_a_source_date_lints_clean(advisor, tmp_path, date):
    body = "family: plan\nrules:\n" + rule(
        "plan.gooddate", "{fact: cloud_status, eq: none}",
        source=f"    source: {{document: 文書, section: 第1, confidence: C, date: '{date}'}}\n"
               '    effective: {from: "2017-06-09"}\n')
    assert lint(advisor, write(tmp_path, {"plan/a.yaml": body})) == []


def test_unknown_fact_and_parameter_with_did_you_mean(advisor, tmp_path):
    when = "{all: [{fact: populaton, lt: 5000}, {fact: population, lt: {param: group.small_popul}}]}"
    body = "family: group\nrules:\n" + rule("group.typo", when)
    findings = only(lint(advisor, write(tmp_path, {"group/a.yaml": body})), "unknown-name")
    messages = " | ".join(str(f) for f in findings)
    assert "unknown fact `populaton`; did you mean `population`?" in messages
    assert "unknown parameter `group.small_popul`; did you mean `group.small_population`?" in messages
    assert all(f.file == "rules/group/a.yaml" and f.line == 7 and f.rule_id == "group.typo" for f in findings)


def test_unknown_placeholder_in_text(advisor, tmp_path):
    body = ("family: plan\nrules:\n" + rule("plan.text", "{fact: cloud_status, eq: none}")
            .replace("本文", '"人口 {populaton} 人 {param:plan.kpi_targt}"'))
    messages = " | ".join(str(f) for f in only(lint(advisor, write(tmp_path, {"plan/a.yaml": body})), "unknown-name"))
    assert "unknown fact `populaton`" in messages and "did you mean `plan.kpi_target_fy2017`" in messages


@pytest.mark.parametrize("when, wanted", [
    ("{fact: population, lt: '5000'}", "fact `population` is integer but '5000' is not"),
    ("{fact: cloud_status, eq: cloudy}", "allowed: none, single, group"),
    ("{fact: cloud_status, gt: 3}", "ordering `gt` needs a numeric fact"),
    ("{fact: offsite_backup, eq: 'no'}", "fact `offsite_backup` is boolean"),
])
def test_literal_types_against_the_vocabulary(advisor, tmp_path, when, wanted):
    body = "family: plan\nrules:\n" + rule("plan.types", when)
    findings = only(lint(advisor, write(tmp_path, {"plan/a.yaml": body})), "literal-type")
    assert any(wanted in f.message for f in findings), [str(f) for f in findings]
    assert all(f.line == 7 and f.rule_id == "plan.types" for f in findings)


@pytest.mark.parametrize("when", ["{all: []}", "{any: []}", "{all: [{fact: cloud_status, eq: none}, {any: []}]}"])
def test_empty_all_or_any(advisor, tmp_path, when):
    body = "family: plan\nrules:\n" + rule("plan.empty", when)
    finding = only(lint(advisor, write(tmp_path, {"plan/a.yaml": body})), "empty-group")[0]
    assert finding.rule_id == "plan.empty" and finding.line == 7 and "empty" in finding.message


@pytest.mark.parametrize("when", [
    "{all: [{fact: population, gt: 100000}, {fact: population, lt: 5000}]}",
    "{all: [{fact: population, ge: {param: group.small_population}}, {fact: population, lt: {param: group.small_band_upper}}]}",
    "{all: [{fact: cloud_status, eq: none}, {fact: cloud_status, eq: group}]}",
    "{all: [{fact: cloud_status, in: [none]}, {fact: cloud_status, not_in: [none]}]}",
])
def test_conditions_that_can_never_hold(advisor, tmp_path, when):
    body = "family: plan\nrules:\n" + rule("plan.never", when)
    finding = only(lint(advisor, write(tmp_path, {"plan/a.yaml": body})), "never-holds")[0]
    assert finding.rule_id == "plan.never" and finding.line == 7 and finding.severity == ERROR


def test_a_satisfiable_range_is_not_flagged(advisor, tmp_path):
    body = "family: plan\nrules:\n" + rule("plan.band", "{all: [{fact: population, ge: 5000}, {fact: population, lt: 100000}]}")
    assert [f for f in lint(advisor, write(tmp_path, {"plan/a.yaml": body})) if f.code == "never-holds"] == []


def test_a_rule_ended_on_purpose_is_not_flagged(advisor, tmp_path):
    # The rule's own period ends 2021-08-31 (the policy was replaced): history, not a finding.
    source = ('    source: {document: 文書, section: 第1, confidence: C, valid_until: "2021-08-31"}\n'
              '    effective: {from: "2017-06-09", to: "2021-08-31"}\n')
    body = "family: plan\nrules:\n" + rule("plan.old", "{fact: cloud_status, eq: none}", source=source)
    rules_dir = write(tmp_path, {"plan/a.yaml": body})
    assert [f for f in lint(advisor, rules_dir) if f.code == "expired"] == []
    assert [f for f in lint(advisor, rules_dir, dt.date(2025, 4, 1)) if f.code == "expired"] == []


def test_a_rule_in_force_on_a_source_that_ended(advisor, tmp_path):
    # Source valid until 2020-03-31, rule in force until 2021-08-31: on 2021-01-01 the rule
    # still runs on a source that ended; on 2025-04-01 both have ended (no finding).
    source = ('    source: {document: 文書, section: 第1, confidence: C, valid_until: "2020-03-31"}\n'
              '    effective: {from: "2017-06-09", to: "2021-08-31"}\n')
    open_ended = ('    source: {document: 文書, section: 第1, confidence: C, valid_until: "2020-03-31"}\n'
                  '    effective: {from: "2017-06-09"}\n')
    body = ("family: plan\nrules:\n" + rule("plan.old", "{fact: cloud_status, eq: none}", source=source)
            + rule("plan.open", "{fact: cloud_status, eq: group}", source=open_ended))
    rules_dir = write(tmp_path, {"plan/a.yaml": body})
    assert [f for f in lint(advisor, rules_dir) if f.code == "expired"] == []  # no --as-of: history is fine
    findings = only(lint(advisor, rules_dir, dt.date(2021, 1, 1)), "expired")
    assert {(f.severity, f.rule_id) for f in findings} == {(WARNING, "plan.old"), (WARNING, "plan.open")}
    assert all("source ended on 2020-03-31" in f.message for f in findings)
    assert findings[0].line == 5  # the source's line, where valid_until is written
    later = only(lint(advisor, rules_dir, dt.date(2025, 4, 1)), "expired")
    assert [f.rule_id for f in later] == ["plan.open"]


def test_shipped_rules_lint_clean_on_a_late_date():
    # Every shipped rule that ended was ended on purpose: no warnings about it on 2025-04-01.
    result = CliRunner().invoke(main, ["rules", "lint", "--as-of", "2025-04-01"])
    assert result.exit_code == 0, result.output
    assert "[expired]" not in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("0 error(s)")


def test_a_rule_without_test_cases(advisor, tmp_path):
    body = "family: plan\nrules:\n" + rule("plan.untested", "{fact: cloud_status, eq: none}")
    finding = only(lint(advisor, write(tmp_path, {"plan/a.yaml": body}, tests=False)), "untested")[0]
    assert finding.rule_id == "plan.untested" and finding.line == 3 and "fired or not_fired" in finding.message


def test_derived_fact_tested_negatively(advisor, tmp_path):
    body = ("family: plan\nrules:\n"
            + rule("plan.sets", "{fact: cloud_status, eq: none}").replace("then: {", "then: {derive: {flag: true}, ")
            + rule("plan.uses", "{not: {fact: flag, eq: true}}"))
    finding = only(lint(advisor, write(tmp_path, {"plan/a.yaml": body})), "derived-use")[0]
    assert finding.rule_id == "plan.uses" and "eq: true" in finding.message


def test_all_findings_not_only_the_first(advisor, tmp_path):
    body = ("family: plan\nrules:\n" + rule("plan.one", "{fact: populaton, lt: 5}")
            + rule("plan.two", "{all: []}") + rule("plan.three", "{fact: cloud_status, eq: cloudy}"))
    codes = {f.code for f in lint(advisor, write(tmp_path, {"plan/a.yaml": body}))}
    assert {"unknown-name", "empty-group", "literal-type"} <= codes


def test_cli_exit_2_with_file_line_and_rule(tmp_path):
    body = "family: plan\nrules:\n" + rule("plan.bad", "{fact: populaton, lt: 5}")
    rules_dir = write(tmp_path, {"plan/a.yaml": body})
    result = CliRunner().invoke(main, ["rules", "lint", "--rules", str(rules_dir)])
    assert result.exit_code == 2
    assert "rules/plan/a.yaml:7: error [unknown-name] plan.bad: unknown fact `populaton`" in result.output


def test_cli_shipped_rules_exit_0():
    result = CliRunner().invoke(main, ["rules", "lint"])
    assert result.exit_code == 0, result.output


def test_text_showing_a_fact_the_condition_does_not_name(advisor, tmp_path):
    body = ("family: plan\nrules:\n" + rule("plan.shows", "{fact: cloud_status, eq: none}")
            .replace("本文", '"職員 {it_staff} 人"'))
    finding = only(lint(advisor, write(tmp_path, {"plan/a.yaml": body})), "text-fact")[0]
    assert finding.severity == WARNING and finding.rule_id == "plan.shows" and finding.line == 8


# --- leaks: what an advisor reads (issue 10, point 7) ----------------------------------------------

def leaky_rule(text_ja: str, text_en: str = "text", section: str = "第2 II B 2 (2) i)") -> str:
    return ("family: plan\nrules:\n  - id: plan.leaky\n    title: {ja: 題, en: title}\n"
            f"    source: {{document: 未来投資戦略2017, section: \"{section}\", confidence: C}}\n"
            '    effective: {from: "2017-06-09", to: null}\n    when: {fact: cloud_status, eq: none}\n'
            f"    then: {{recommendation: {{ja: \"{text_ja}\", en: \"{text_en}\"}}}}\n")


@pytest.mark.parametrize("ja, en, section, wanted", [
    ("クラウド導入状況 group（現在 single）", "text", "第2", "a raw value"),
    ("group_recommended = はい", "text", "第2", "an internal name `group_recommended`"),
    ("本文", "the cloud_status is none", "第2", "an internal name `cloud_status`"),
    ("本文", "no rule is not in force on 2025-04-01", "第2", "an engine phrase `not in force on`"),
    ("本文", "text", "自治体クラウドの定義からの推論（domain-research 1.6）", "an internal reference `domain-research`"),
    ("本文", "text", "一定の効率化施策を講じることが必[要]（文末欠落）", "an editorial mark `必[要]`"),
    ("運用コストの圧縮 0.3", "text", "第2", "a decimal share"),
    ("契約満了まで 21.7 か月です", "text", "第2", "a decimal month count"),
    ("人口 50,000 人未満", "text", "第2", "a round population in digits"),
    ("2026-03-31 までに移行", "text", "第2", "an ISO date"),
    ("発火した提案", "text", "第2", "発火／不発"),
    ("詳しくは grant.fiscal_correction", "text", "第2", "a rule or parameter id"),
])
def test_lint_finds_each_leak_in_a_rule_file_made_to_contain_it(advisor, tmp_path, ja, en, section, wanted):
    rules_dir = write(tmp_path, {"plan/a.yaml": leaky_rule(ja, en, section)})
    findings = only(lint(advisor, rules_dir), "leak")
    assert any(wanted in f.message for f in findings), [str(f) for f in findings]
    assert all(f.file == "rules/plan/a.yaml" and f.rule_id == "plan.leaky" and f.line for f in findings)


def test_placeholders_and_plain_words_are_not_leaks(advisor, tmp_path):
    rules_dir = write(tmp_path, {"plan/a.yaml": leaky_rule(
        "人口{population}人、J-LIS と BPR、{param:group.small_population}人未満", "a single-municipality cloud")})
    assert [f for f in lint(advisor, rules_dir) if f.code == "leak"] == []


def test_lint_finds_a_leak_in_the_fact_vocabulary(advisor, tmp_path):
    rules_dir = write(tmp_path, {"plan/a.yaml": leaky_rule("本文")})
    (rules_dir / "facts.yaml").write_text(
        "facts:\n  cloud_status:\n    type: string\n    origin: profile\n"
        "    description: {ja: cloud_status の値, en: status}\n    question: {ja: 質問, en: question}\n",
        encoding="utf-8")
    finding = only(lint(advisor, rules_dir), "leak")[0]
    assert finding.file == "rules/facts.yaml" and finding.line == 5 and "cloud_status" in finding.message


def test_lint_checks_the_memo_labels_too():
    from jichitai_cloud_advisor.engine.documents.memo_labels import LABELS
    from jichitai_cloud_advisor.engine.rules.lint import label_findings
    assert list(label_findings(LABELS, {"none", "single", "group"}, "memo_labels.py")) == []
    bad = {"ja": {"fired": "発火", "status": "group（現在 single）"}, "en": {"x": "see cloud_status"}}
    found = [f.message for f in label_findings(bad, {"none", "single", "group"}, "memo_labels.py")]
    assert any("発火" in m for m in found) and any("raw value" in m for m in found)
    assert any("cloud_status" in m and "LABELS[en][x]" in m for m in found)
