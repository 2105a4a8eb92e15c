"""Hostile input (issue 12): each finding of the fuzzing campaign, kept fixed.

Every case ends in exit status 2 with a message that names the file, the line and
the field where there is one, no traceback, and no output file.
"""

import json
import os
import stat

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main

GOOD = 'code: "163228"\nas_of: 2017-06-09\n'


def invoke(args, stdin=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


def assert_bad(result, *words):
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output and "内部エラー" not in result.output
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def write(tmp_path, text, name="p.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. aliases, depth, size -------------------------------------------------------------

def _alias_bomb(levels: int) -> str:
    lines = ['code: "163228"', 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_its_line(tmp_path):
    # 6 levels of 10 aliases each: 10^7 strings once expanded (the 8-level one took 3 GB).
    path = write(tmp_path, _alias_bomb(6))
    out = tmp_path / "memo.md"
    result = invoke([path, "-o", out])
    assert_bad(result, "エイリアス", "aliases", "3行目", str(path))  # line 3: the first `*a0`
    assert not out.exists()


def test_self_referencing_alias_is_refused(tmp_path):
    result = invoke([write(tmp_path, 'code: "163228"\nx: &a [*a]\n')])
    assert_bad(result, "エイリアス", "2行目")


def test_merge_key_alias_is_refused_too(tmp_path):
    text = 'code: "163228"\nbase: &b {status: none}\ncloud:\n  <<: *b\n'
    assert_bad(invoke([write(tmp_path, text)]), "エイリアス")


def test_deep_nesting_names_its_limit(tmp_path):
    text = 'code: "163228"\nx: ' + "[" * 100 + "]" * 100 + "\n"
    assert_bad(invoke([write(tmp_path, text)]), "MAX_YAML_DEPTH", "2行目")


def test_nesting_past_libyaml_limit_is_bad_input(tmp_path):
    text = 'code: "163228"\nx: ' + "[" * 5000 + "]" * 5000 + "\n"
    assert_bad(invoke([write(tmp_path, text)]))


def test_megabyte_profile_is_answered(tmp_path):
    # 1 MB of systems: refused by the list bound, with the field, not after minutes.
    system = "  - {area: 税務, form: package, customization: none, vendor: A社}\n"
    text = GOOD + "systems:\n" + system * (1_000_000 // len(system.encode()))
    assert len(text.encode()) > 900_000
    assert_bad(invoke([write(tmp_path, text)]), "systems[", "MAX_PROFILE_NODES=20000")
    # 300 systems are few values but more than the schema allows: the list bound names itself.
    text = GOOD + "systems:\n" + system * 300
    assert_bad(invoke([write(tmp_path, text)]), "systems", "maxItems=200")


def test_megabyte_string_is_refused_by_length(tmp_path):
    text = GOOD + "visit:\n  audience: " + "あ" * 350_000 + "\n"
    assert_bad(invoke([write(tmp_path, text)]), "visit.audience", "maxLength=2000")


def test_fifo_and_device_profiles_are_not_read(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    assert_bad(invoke([fifo]), "通常のファイルではありません")
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    assert_bad(invoke([zero]), "通常のファイルではありません")


# --- 4, 5, 7, 9: numbers, tags, dates, encodings -------------------------------------------

BAD_VALUES = [
    # (profile tail, line, field, words)
    ("staff:\n  it_staff: !!int \"abc\"\n", 4, "staff.it_staff", ["abc"]),
    # An empty string under a number tag: PyYAML's constructors index its first character.
    ("staff:\n  it_staff: !!int \"\"\n", 4, "staff.it_staff", ["''"]),
    ("overrides:\n  fiscal_strength_index: !!float \"\"\n", 4, "overrides.fiscal_strength_index", ["''"]),
    ("costs:\n  it_operating: " + "9" * 400 + "\n", 4, "costs.it_operating", ["10000000000000"]),
    ("costs:\n  it_operating: " + "9" * 5000 + "\n", 4, "costs.it_operating", []),
    ("overrides:\n  population: .nan\n", 4, "overrides.population", ["NaN"]),
    ("overrides:\n  fiscal_strength_index: .nan\n", 4, "overrides.fiscal_strength_index", ["NaN"]),
    ("overrides:\n  fiscal_strength_index: -.inf\n", 4, "overrides.fiscal_strength_index", ["NaN"]),
    ("overrides:\n  fiscal_strength_index: 0.00001\n", 4, "overrides.fiscal_strength_index", ["1e-05"]),
    ("overrides:\n  fiscal_strength_index: 1.0e-320\n", 4, "overrides.fiscal_strength_index", []),
    ("overrides:\n  fiscal_strength_index: 11.5\n", 4, "overrides.fiscal_strength_index", ["11.5"]),
    ("overrides:\n  population: 19351.0\n", 4, "overrides.population", ["19351.0"]),
    ("overrides:\n  population: 100000000\n", 4, "overrides.population", ["20000000"]),
    ("staff:\n  it_staff: 1000000000\n", 4, "staff.it_staff", []),
    ("systems:\n  - contract_end: 0001-01-01\n", 4, "systems[0].contract_end", ["0001-01-01"]),
    ("systems:\n  - contract_end: 9999-12-31\n", 4, "systems[0].contract_end", ["9999-12-31"]),
    ("visit:\n  date: 9999-12-31\n", 4, "visit.date", ["9999-12-31"]),
]


@pytest.mark.parametrize("tail,line,field,words", BAD_VALUES, ids=[f"{i}" for i in range(len(BAD_VALUES))])
def test_bad_value_exits_2_with_line_and_field(tmp_path, tail, line, field, words):
    path = write(tmp_path, GOOD + tail)
    out = tmp_path / "advice.json"
    result = invoke([path, "--format", "json", "-o", out])
    assert_bad(result, str(path), f"{line}行目", f"`{field}`", *words)
    assert not out.exists()


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_as_of_far_dates_are_bad_input(tmp_path, as_of):
    assert_bad(invoke([write(tmp_path, 'code: "163228"\nas_of: ' + as_of + "\n")]), "as_of", "2行目")
    assert_bad(invoke([write(tmp_path, GOOD), "--as-of", as_of]), "--as-of")


def test_non_utf8_stdin_is_bad_input():
    result = invoke(["-"], stdin=b'code: "163228"\nvisit: {audience: "\x93\xfa\x96\x7b"}\n')
    assert_bad(result, "<stdin>", "UTF-8", "2行目")


def test_float_population_names_file_and_line(tmp_path):
    # Was: "項目 `population`: ... is not of type integer" with neither file nor line.
    path = write(tmp_path, GOOD + "overrides:\n  population: 19351.0\n")
    assert_bad(invoke([path]), str(path), "4行目", "overrides.population")


def test_json_output_is_always_json(tmp_path):
    path = write(tmp_path, GOOD + "overrides:\n  fiscal_strength_index: 0.1234\n")
    result = invoke([path, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))
    assert data["municipality"]["fiscal_strength_index"] == 0.1234


# --- 2. -o -------------------------------------------------------------------------------------

def _targets(tmp_path):
    profile = write(tmp_path, GOOD)
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    link = tmp_path / "link.md"
    (tmp_path / "real.md").write_text("real\n")
    link.symlink_to(tmp_path / "real.md")
    readonly = tmp_path / "readonly.md"
    readonly.write_text("keep\n")
    readonly.chmod(0o444)
    return profile, {
        "empty": ("", "空"),
        "directory": (str(tmp_path), "ディレクトリ"),
        "fifo": (str(fifo), "通常のファイルではありません"),
        "device": ("/dev/null", "通常のファイルではありません"),
        "symlink": (str(link), "シンボリックリンク"),
        "the input": (str(profile), "入力ファイル"),
        "read-only": (str(readonly), "書き込み禁止"),
        "missing directory": (str(tmp_path / "nope" / "memo.md"), "ディレクトリがありません"),
    }


@pytest.mark.parametrize("case", ["empty", "directory", "fifo", "device", "symlink", "the input", "read-only",
                                  "missing directory"])
def test_bad_output_target_is_refused(tmp_path, case):
    profile, targets = _targets(tmp_path)
    target, words = targets[case]
    before = {p.name: (p.lstat().st_mode, p.read_bytes() if p.is_file() and not p.is_symlink() else None)
              for p in tmp_path.iterdir() if not stat.S_ISFIFO(p.lstat().st_mode)}
    result = invoke([profile, "-o", target])
    assert_bad(result, "-o", words)
    after = {p.name: (p.lstat().st_mode, p.read_bytes() if p.is_file() and not p.is_symlink() else None)
             for p in tmp_path.iterdir() if not stat.S_ISFIFO(p.lstat().st_mode)}
    assert after == before  # nothing replaced, nothing left behind
    assert (tmp_path / "real.md").read_text() == "real\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any directory")
def test_unwritable_directory_is_refused(tmp_path):
    profile = write(tmp_path, GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    assert_bad(invoke([profile, "-o", locked / "memo.md"]), "書き込めません")


def test_new_output_follows_umask_and_existing_keeps_mode(tmp_path):
    profile = write(tmp_path, GOOD)
    new = tmp_path / "new.md"
    old = os.umask(0o027)
    try:
        assert invoke([profile, "-o", new]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0666 & ~0027
    existing = tmp_path / "existing.md"
    existing.write_text("old\n")
    existing.chmod(0o604)
    assert invoke([profile, "-o", existing]).exit_code == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o604
    assert existing.read_text(encoding="utf-8").count("首長訪問メモ") == 1


def test_output_is_replaced_atomically_not_rewritten_in_place(tmp_path):
    # A second name for the old file: written in place, it would show the new memo (or half
    # of it while being written); replaced by rename, it keeps the old text whole.
    profile = write(tmp_path, GOOD)
    target = tmp_path / "memo.md"
    target.write_text("old memo\n")
    os.link(target, tmp_path / "reader-holds.md")
    assert invoke([profile, "-o", target]).exit_code == 0
    assert (tmp_path / "reader-holds.md").read_text() == "old memo\n"
    assert target.read_text(encoding="utf-8").count("首長訪問メモ") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.md", "p.yaml", "reader-holds.md"]


def test_failed_render_leaves_no_output(tmp_path, monkeypatch):
    from jichitai_cloud_advisor.commands import advise
    from jichitai_cloud_advisor.engine.errors import InputError

    def broken(*args, **kwargs):
        raise InputError("壊れた", "broken")
    monkeypatch.setattr(advise, "render", broken)
    target = tmp_path / "memo.md"
    target.write_text("old memo\n")
    assert invoke([write(tmp_path, GOOD), "-o", target]).exit_code == 2
    assert target.read_text() == "old memo\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.md", "p.yaml"]


# --- 5, 7, 8: rule files and parameter files ------------------------------------------------

import shutil  # noqa: E402
import subprocess  # noqa: E402

from jichitai_cloud_advisor.engine.paths import RULES_DIR  # noqa: E402

RULE = """family: group
rules:
  - id: group.{rid}
    title: {{ja: テスト, en: test}}
    source: {{document: 資料, section: "1", confidence: C}}
    effective: {{from: "2014-01-01", to: null}}
    when: {when}
    then:
      recommendation: {{ja: テスト, en: test}}
"""


def _rules_with(tmp_path, *whens):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules, ignore=shutil.ignore_patterns("tests"))
    for index, when in enumerate(whens):
        (rules / "group" / f"zz_{index}.yaml").write_text(RULE.format(rid=f"hostile_{index}", when=when),
                                                          encoding="utf-8")
    return rules


def _in(n, start=0):
    return "{fact: population, in: [" + ", ".join(str(start + i) for i in range(n)) + "]}"


def _nested(depth):
    return "{not: " * depth + "{fact: population, lt: 5000}" + "}" * depth


BAD_RULE_CASES = {
    "exponent literal": (["{fact: fiscal_strength_index, lt: 0.00001}"], ["zz_0.yaml", "7行目", "1e-05"]),
    "huge literal": (["{fact: population, lt: " + "1" + "0" * 30 + "}"], ["zz_0.yaml", "7行目", "10^15"]),
    "in of thousands": ([_in(2000)], ["zz_0.yaml", "maxItems=300"]),
    "nested hundreds deep": ([_nested(300)], ["zz_0.yaml", "MAX_YAML_DEPTH"]),
    # Two lists of 256: durable-rules hung for ever compiling 512 comparisons.
    "too many comparisons": ([_in(256), _in(256, 1000)], ["zz_1.yaml", "MAX_ENGINE_ATOMS"]),
}


@pytest.mark.parametrize("case", sorted(BAD_RULE_CASES))
def test_hostile_rule_file_exits_2_promptly(tmp_path, case, warm_advise):
    whens, words = BAD_RULE_CASES[case]
    rules = _rules_with(tmp_path, *whens)
    profile = write(tmp_path, GOOD)
    # A process of its own with a timeout: a regression must fail here, not hang the suite
    # (killed on the timeout, the warm `advise` takes its command with it).
    result = subprocess.run([str(warm_advise / "advise"), str(profile), "--rules", str(rules)],
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def test_in_of_hundreds_of_values_is_answered(tmp_path):
    # 上市町: 20,930 people in the knowledge base at this date; the list of 300 values
    # 20,800 … 21,099 holds it, so the rule fires in both engines (which must agree).
    rules = _rules_with(tmp_path, _in(300, 20_800))
    result = invoke([write(tmp_path, GOOD), "--rules", rules, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "group.hostile_0" in {f["id"] for f in json.loads(result.stdout)["fired"]}


PARAMETER_CASES = {
    "string for a number": ('"many"', ["must be a number", "group.small_population"]),
    "exponent": ("0.00001", ["1e-05"]),
    "huge": ("1" + "0" * 30, ["10^15"]),
    "nan": (".nan", ["NaN"]),
}


@pytest.mark.parametrize("case", sorted(PARAMETER_CASES))
def test_bad_parameter_value_exits_2_with_line(tmp_path, case):
    value, words = PARAMETER_CASES[case]
    params = write(tmp_path, "parameters:\n  group.small_population:\n    values:\n"
                             f"      - from: \"2000-01-01\"\n        value: {value}\n", "params.yaml")
    result = invoke([write(tmp_path, GOOD), "--parameters", params, "--format", "json"])
    assert_bad(result, "params.yaml", "5行目", *words)


@pytest.mark.parametrize("cell,words", [("0.00001", ["1e-05"]), ("1" + "0" * 30, ["10000000000000"]),
                                        ("nan", ["overrides.fiscal_strength_index"])])
def test_bad_csv_number_is_reported_with_its_row(tmp_path, cell, words):
    column = "costs.it_operating" if len(cell) > 20 else "overrides.fiscal_strength_index"
    source = tmp_path / "offices.csv"
    source.write_text(f'code,{column}\n"163228",1\n"162019",{cell}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(["batch", source, "--out", out, "--quiet"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "内部エラー" not in result.output
    assert f"{source}, 3行目" in result.stderr
    for word in words:
        assert word in result.stderr


# --- 3. profile text in the Markdown memo ------------------------------------------------------

import re  # noqa: E402

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a | b | c", "[x](javascript:alert(1))",
            "**bold** `code` <!-- c -->"]
HOSTILE_TEXT_PROFILE = """code: "163228"
as_of: 2017-06-09
overrides: {{note: "{p}"}}
cloud: {{status: group, group: "{p}"}}
systems:
  - {{area: "{p}", vendor: "{p}", contract_end: 2019-03-31, customization: heavy, form: package}}
neighbours:
  - {{code: "163210", cloud_status: group, group: "{p}", interested: true, vendor: "{p}", contract_end: 2019-03-31}}
visit: {{date: 2017-07-10, audience: "{p}", advisor: "{p}"}}
"""
_RAW_HTML = re.compile(r"(?<!\\)<(?!br>)[A-Za-z!/]")  # our own <br> in table cells is allowed
_PIPE = re.compile(r"(?<!\\)\|")


def _tables(memo: str) -> list[list[str]]:
    tables, current = [], []
    for line in memo.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_profile_text_is_inert_in_the_markdown_memo(tmp_path, payload, lang):
    path = write(tmp_path, HOSTILE_TEXT_PROFILE.format(p=payload))
    result = invoke([path, "--lang", lang])
    assert result.exit_code == 0, result.output
    memo = result.stdout
    assert not _RAW_HTML.search(memo), memo[_RAW_HTML.search(memo).start() - 80:][:160]
    assert not re.search(r"(?<!\\)\]\(javascript", memo)  # no live link
    assert not re.search(r"(?<!\\)\*\*bold", memo)       # no emphasis from the profile
    # Every row of a table has as many cell separators as its header: no cell was split.
    tables = _tables(memo)
    assert len(tables) >= 3
    for table in tables:
        header = len(_PIPE.findall(table[0]))
        assert all(len(_PIPE.findall(row)) == header for row in table), table
    # The neighbour's group reached the partner table (舟橋村 is the neighbour 163210).
    partner_rows = [row for table in tables for row in table if row.startswith("| 舟橋村")]
    assert partner_rows and all("\\" in row for row in partner_rows)  # quoted, and escaped


# --- 7, 8: office templates that recurse, loop or blow up --------------------------------------

HOSTILE_TEMPLATES = {
    "recursion": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursion"),
    "nested loops": ("{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}",
                     "MAX_"),
    "silent nested loops": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                            "MAX_RENDER_SECONDS"),
    "huge repetition": ("{{ 'x' * 1000000000 }}", "MAX_OUTPUT_BYTES"),
    "huge power": ("{% set n = 999999999 %}{{ 2 ** n }}", "exponent"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TEMPLATES))
def test_hostile_office_template_is_stopped(tmp_path, monkeypatch, case):
    from jichitai_cloud_advisor.engine.documents import render
    monkeypatch.setattr(render, "MAX_RENDER_SECONDS", 1.0)
    monkeypatch.setattr(render, "MAX_OUTPUT_BYTES", 2_000_000)
    source, words = HOSTILE_TEMPLATES[case]
    templates = tmp_path / "office"
    templates.mkdir()
    (templates / "memo.md.j2").write_text(source, encoding="utf-8")
    out = tmp_path / "memo.md"
    result = invoke([write(tmp_path, GOOD), "--templates", templates, "-o", out])
    assert_bad(result, "memo.md.j2", words)
    assert not out.exists()


def test_templates_lint_names_a_non_utf8_example(tmp_path):
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "sjis.yaml").write_bytes('code: "163228"\nvisit: {audience: 町長}\n'.encode("cp932"))
    assert_bad(invoke(["templates", "lint", "--examples", examples]), "sjis.yaml", "UTF-8", "2行目")


@pytest.mark.parametrize("name", ["sid", "round", "id", "population__known"])
def test_reserved_derived_fact_name_names_file_and_line(tmp_path, name):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules, ignore=shutil.ignore_patterns("tests"))
    text = RULE.format(rid="reserved", when="{fact: population, lt: 5000000}").replace(
        "      recommendation: {ja: テスト, en: test}\n", f"      derive: {{{name}: true}}\n")
    (rules / "group" / "zz_reserved.yaml").write_text(text, encoding="utf-8")
    result = invoke([write(tmp_path, GOOD), "--rules", rules])
    assert_bad(result, "zz_reserved.yaml", "9行目", f"derive.{name}", "reserved")


def test_a_parameter_that_always_has_a_value_cannot_be_unset(tmp_path):
    # Found by tests/test_properties.py: a null weight crashed the partner scoring (exit 1).
    params = write(tmp_path, "parameters:\n  partners.weight_same_prefecture:\n    values:\n"
                             "      - from: \"2000-01-01\"\n        value: null\n", "params.yaml")
    assert_bad(invoke([write(tmp_path, GOOD), "--parameters", params]), "params.yaml", "5行目", "null")
