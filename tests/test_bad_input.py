"""Bad input ends with exit status 2, one message naming file, line and field,
no traceback and no output file — for profiles and for rule files alike."""

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from jichitai_cloud_advisor.engine.paths import RULES_DIR

GOOD = 'code: "163228"\nas_of: 2017-06-09\n'

# (name, profile text, expected line, words the message must contain)
BAD_PROFILES = [
    ("malformed", 'code: "163228"\ncloud: {status: none\n', 3, ["YAML"]),
    ("python tag", 'code: !!python/object/apply:os.system ["echo pwned"]\n', 1, ["タグ"]),
    ("wrong check digit", 'code: "163221"\n', 1, ["163228", "code"]),
    ("unknown code", 'code: "999997"\n', 1, ["999997", "code"]),
    ("unknown key", 'code: "163228"\ncloud:\n  staus: none\n', 3, ["staus", "status"]),
    ("outside enumeration", 'code: "163228"\ncloud:\n  status: hybrid\n', 3, ["hybrid", "none, single, group", "cloud.status"]),
    ("string for number", 'code: "163228"\ncosts:\n  planning: "four million"\n', 3, ["costs.planning", "four million"]),
    ("negative cost", 'code: "163228"\ncosts:\n  training: -5\n', 3, ["costs.training", "-5"]),
    ("bad date", 'code: "163228"\nas_of: 2017-02-30\n', 2, ["2017-02-30", "as_of"]),
    ("bad contract date", 'code: "163228"\nsystems:\n  - area: 税務\n    contract_end: 2019-13-01\n', 4,
     ["systems[0].contract_end"]),
    ("empty file", "", 1, ["code"]),
    ("duplicate key", 'code: "163228"\ncode: "011002"\n', 2, ["code"]),
    ("unquoted code", "code: 163228\n", 1, ["code"]),
]


def run_cli(*args, stdin=None):
    """`advise ARGS` in this process (click's runner): exit status, stdout and stderr as a shell sees them.

    An exception that escapes the command is what a user would see as a traceback: re-raised here.
    """
    from click.testing import CliRunner
    from jichitai_cloud_advisor.cli import main
    result = CliRunner().invoke(main, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


@pytest.mark.parametrize("name,text,line,words", BAD_PROFILES, ids=[b[0] for b in BAD_PROFILES])
def test_bad_profile_exits_2_with_file_line_field(advisor, tmp_path, name, text, line, words):
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "memo.md"
    from click.testing import CliRunner
    from jichitai_cloud_advisor.cli import main
    result = CliRunner().invoke(main, [str(path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    message = result.stderr
    assert str(path) in message
    assert f"{line}行目" in message and f"line {line}" in message
    for word in words:
        assert word in message
    assert "Traceback" not in message
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left either


def test_missing_file_exits_2(tmp_path):
    result = run_cli(str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr and "見つかりません" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_tag_is_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "p.yaml"
    path.write_text(f'code: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    result = run_cli(str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not marker.exists()


def test_bad_as_of_option_exits_2(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = run_cli(str(path), "--as-of", "2017-99-01")
    assert result.returncode == 2 and "--as-of" in result.stderr


def _rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target, ignore=shutil.ignore_patterns("tests"))
    return target


BAD_RULES = [
    ("malformed", "rules:\n  - id: x.y\n    when: {all: [\n", ["YAML"]),
    ("python tag", "rules:\n  - !!python/object/apply:os.system [ls]\n", ["タグ"]),
    ("unknown fact", None, ["populaton", "population"]),
    ("outside enumeration", None, ["cloud_status", "hybrid"]),
    ("string for number", None, ["population", "'many'"]),
    ("empty all", None, ["all"]),
    ("bad date", None, ["2017-02-30"]),
    ("unknown key", None, ["wen", "when"]),
]

RULE_TEMPLATE = """family: group
rules:
  - id: group.test_rule
    title: {{ja: テスト, en: test}}
    source: {{document: 資料, section: "1", confidence: C}}
    effective: {{from: "{start}", to: null}}
    {when_key}: {when}
    then:
      recommendation: {{ja: テスト, en: test}}
"""


def _bad_rule_text(name: str) -> str:
    values = {"start": "2014-01-01", "when_key": "when", "when": "{fact: population, lt: 5000}"}
    if name == "unknown fact":
        values["when"] = "{fact: populaton, lt: 5000}"
    elif name == "outside enumeration":
        values["when"] = "{fact: cloud_status, eq: hybrid}"
    elif name == "string for number":
        values["when"] = "{fact: population, lt: many}"
    elif name == "empty all":
        values["when"] = "{all: []}"
    elif name == "bad date":
        values["start"] = "2017-02-30"
    elif name == "unknown key":
        values["when_key"] = "wen"
    return RULE_TEMPLATE.format(**values)


@pytest.mark.parametrize("name,text,words", BAD_RULES, ids=[b[0] for b in BAD_RULES])
def test_bad_rule_file_exits_2_with_file_line(tmp_path, name, text, words):
    rules = _rules_copy(tmp_path)
    bad = rules / "group" / "zz_bad.yaml"
    bad.write_text(text if text is not None else _bad_rule_text(name), encoding="utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "memo.md"
    result = run_cli(str(profile), "--rules", str(rules), "-o", str(out))
    assert result.returncode == 2, result.stderr
    assert "zz_bad.yaml" in result.stderr and "行目" in result.stderr
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
