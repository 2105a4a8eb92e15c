"""The command line behaves the same way everywhere (issue 13's list, one test each)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR

KAMIICHI = EXAMPLES_DIR / "kamiichi_no_cloud.yaml"
ADVISE = Path(sys.executable).with_name("advise")  # the venv's console script


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


# --- output formats --------------------------------------------------------------------------

@pytest.mark.parametrize("name, check", [
    ("memo.html", lambda text: text.lstrip().startswith("<!DOCTYPE html>")),
    ("memo.md", lambda text: text.startswith("# 首長訪問メモ")),
    ("advice.json", lambda text: json.loads(text)["municipality"]["code"] == "163228"),
])
def test_the_extension_of_o_chooses_the_format(tmp_path, name, check):
    out = tmp_path / name
    result = run(KAMIICHI, "-o", out)
    assert result.exit_code == 0, result.output
    assert check(out.read_text(encoding="utf-8"))


def test_a_format_the_extension_contradicts_is_bad_input(tmp_path):
    out = tmp_path / "memo.html"
    result = run(KAMIICHI, "--format", "json", "-o", out)
    assert result.exit_code == 2
    assert "--format json" in result.stderr and ".html" in result.stderr
    assert not out.exists()  # nothing written


def test_an_agreeing_format_and_an_unknown_extension_are_fine(tmp_path):
    assert run(KAMIICHI, "--format", "html", "-o", tmp_path / "memo.html").exit_code == 0
    assert run(KAMIICHI, "--format", "audit-json", "-o", tmp_path / "audit.json").exit_code == 0
    assert json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))["rules"]
    result = run(KAMIICHI, "-o", tmp_path / "memo.txt")  # .txt says nothing for a memo: the default
    assert result.exit_code == 0 and (tmp_path / "memo.txt").read_text(encoding="utf-8").startswith("# ")


def test_format_md_is_markdown():
    assert run(KAMIICHI, "--format", "md").stdout == run(KAMIICHI, "--format", "markdown").stdout


def test_groups_infers_json_from_the_extension(tmp_path):
    out = tmp_path / "plan.json"
    assert run("groups", "--prefecture", "富山県", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["prefecture"] == "富山県"
    assert run("groups", "--prefecture", "富山県", "--format", "text", "-o", tmp_path / "p.json").exit_code == 2


# --- names and options the same in every command ------------------------------------------------

def test_groups_takes_a_prefecture_without_its_suffix():
    short, full = run("groups", "--prefecture", "富山"), run("groups", "--prefecture", "富山県")
    assert short.exit_code == 0 and short.stdout == full.stdout
    assert short.stdout.startswith("富山県")
    wrong = run("groups", "--prefecture", "富山都")
    assert wrong.exit_code == 2 and "富山県" in wrong.stderr


def test_batch_takes_o_as_well_as_out(tmp_path):
    csv = tmp_path / "one.csv"
    csv.write_text("code\n163228\n", encoding="utf-8")
    result = run("batch", csv, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "summary.json").is_file()


def test_rules_lint_prints_its_summary_on_stdout_like_rules_test():
    lint, test = run("rules", "lint"), run("rules", "test")
    assert re.search(r"^\d+ error\(s\), \d+ warning\(s\)$", lint.stdout, re.M)
    assert re.search(r"^\d+ passed, \d+ failed$", test.stdout, re.M)
    assert "error(s)" not in lint.stderr


# --- piping into head ---------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["rules", "test", "-v"], ["batch", "--prefecture", "富山県"],
                                  [str(KAMIICHI), "--format", "audit"]])
def test_a_reader_that_goes_away_is_not_an_error(args):
    # `advise … | head -1`: read one line, close the pipe, and the command must end quietly.
    process = subprocess.Popen([str(ADVISE), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8")
    process.wait(timeout=120)
    assert "internal error" not in stderr and "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert process.returncode in (0, 1)


# --- the audit's reproduce line -----------------------------------------------------------------

def _shell(command: str, cwd: Path, advise_dir: Path) -> subprocess.CompletedProcess:
    """`sh -c COMMAND` with `advise` first on PATH (the warm one: the shell's quoting is what is tested)."""
    env = dict(os.environ, PATH=f"{advise_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(["sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_reproduce_line_of_a_profile_file_runs_as_printed(tmp_path, warm_advise):
    params = tmp_path / "my params.yaml"  # a space: the line must quote it
    params.write_text('parameters:\n  grant.fiscal_correction:\n    values:\n      - from: "2011-04-01"\n'
                      '        value: [{below: 0.5, multiplier: 0.8}, {below: null, multiplier: 0.6}]\n'
                      '        note: 試算用\n', encoding="utf-8")
    profile = tmp_path / "上市町 2017.yaml"
    profile.write_text(KAMIICHI.read_text(encoding="utf-8"), encoding="utf-8")
    record = json.loads(run(profile, "--format", "audit-json", "--parameters", params, "--as-of", "2018-04-01").stdout)
    assert "--parameters" in record["reproduce"] and "--as-of 2018-04-01" in record["reproduce"]
    again = _shell(record["reproduce"], tmp_path, warm_advise)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == record


def test_reproduce_line_of_a_stdin_profile_runs_as_printed(tmp_path, warm_advise):
    text = KAMIICHI.read_text(encoding="utf-8") + "# it's a comment with a quote\n"
    record = json.loads(run("-", "--format", "audit-json", input=text).stdout)
    assert record["profile"]["file"] == "<stdin>"
    assert record["reproduce"].startswith("printf '%s' ")
    again = _shell(record["reproduce"], tmp_path, warm_advise)  # from another directory: nothing on disk is needed
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == record  # same profile sha256, same outcomes


# --- the memo -------------------------------------------------------------------------------------

def test_markdown_memo_has_no_html_comments_unless_asked():
    plain = run(KAMIICHI).stdout
    assert "<!--" not in plain
    marked = run(KAMIICHI, "--section-comments").stdout
    assert re.findall(r"^<!-- section: ([a-z_]+) -->$", marked, re.M)[:3] == ["header", "checks", "summary"]
    assert re.sub(r"^<!-- section: [a-z_]+ -->\n", "", marked, flags=re.M) == plain


def test_scores_in_one_format():
    # Every partner score in words has one decimal: the table's 7.0 and the group's （7.0点）.
    for lang, unit in (("ja", "点）"), ("en", " points)")):
        memo = run(KAMIICHI, "--lang", lang).stdout
        partners = memo[memo.index("| 評価 |" if lang == "ja" else "| Score |"):]
        partners = partners[:partners.index("\n\n")]  # the partner table alone
        table = re.findall(r"^\| [^|]+ \| (\d+(?:\.\d+)?) \|", partners, re.M)
        reasons = re.findall(r"[（(](\d+(?:\.\d+)?)" + re.escape(unit), memo)
        assert table and reasons, lang
        assert all(re.fullmatch(r"\d+\.\d", s) for s in table + reasons), (table, reasons)
    plan = run("groups", "--prefecture", "富山県", "--as-of", "2017-06-09").stdout
    plan_scores = re.findall(r"(\d+(?:\.\d+)?)点", plan)
    assert plan_scores and all(re.fullmatch(r"\d+\.\d", s) for s in plan_scores), plan_scores


def test_impact_and_log_show_infer_their_format_too(tmp_path, monkeypatch):
    params = EXAMPLES_DIR / "impact" / "small_population_30000.yaml"
    page = tmp_path / "impact.html"
    args = ["rules", "impact", "--parameters", params, "--as-of", "2025-07-01", "--prefecture", "富山"]
    assert run(*args, "-o", page).exit_code == 0
    assert page.read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>")
    assert run(*args, "--format", "text", "-o", tmp_path / "impact.json").exit_code == 2
    monkeypatch.setenv("ADVISE_LOG_DB", str(tmp_path / "log.sqlite3"))
    assert run(KAMIICHI, "--log").exit_code == 0
    assert run("log", "show", "1", "-o", tmp_path / "record.json").exit_code == 0
    assert json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))["seq"] == 1
