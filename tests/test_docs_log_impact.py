"""docs/log.md and docs/impact.md: every command in their code blocks runs as written.

The blocks are run in order, each line by bash, in a scratch directory holding copies of
examples/ and rules/ (so `cp -r rules my-rules` and the relative paths work as from the
repository root), with the advice log in that directory (ADVISE_LOG_DB) and `advise` the
``warm_advise`` fixture of conftest.py (the Python running the tests, each command its own
process, forked after the imports are done).
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR, PACKAGE_ROOT, RULES_DIR

DOCS = Path(__file__).resolve().parent.parent / "docs"


def commands(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, re.S | re.M)
    return [line for block in blocks for line in block.splitlines() if line.strip() and not line.startswith("#")]


@pytest.fixture
def scratch(tmp_path, warm_advise):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copytree(EXAMPLES_DIR, work / "examples")
    shutil.copytree(RULES_DIR, work / "rules")
    env = dict(os.environ, PATH=f"{warm_advise}{os.pathsep}{os.environ['PATH']}", ADVISE_LOG_DB=str(work / "log.sqlite3"),
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    return work, env


def run_page(page, scratch):
    work, env = scratch
    results = []
    for line in commands(page):
        done = subprocess.run(["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{page}: `{line}` exited {done.returncode}\n{done.stderr[-2000:]}"
        results.append((line, done))
    return results


def test_every_command_of_the_log_page_runs(scratch):
    results = run_page("log.md", scratch)
    assert len(results) >= 10
    outputs = {line: done.stdout for line, done in results}
    # One memo, then the 15 municipalities of 富山県: 16 records in one intact chain.
    assert "16 件の記録 / records" in outputs["advise log verify"]
    listed = json.loads(outputs["advise log list --since 2025-07-01 --format json"])
    assert [r["id"] for r in listed] == list(range(1, 17))
    # 上市町 twice: its own memo (as of 2017-06-09) and its line of the 富山県 batch (2025-07-01).
    by_code = outputs["advise log list --code 163228"]
    assert by_code.count("163228") == 2 and "2017-06-09" in by_code and "2025-07-01" in by_code
    assert "同じ" in outputs["advise log replay 1"]


def test_every_command_of_the_impact_page_runs(scratch):
    work, _ = scratch
    results = run_page("impact.md", scratch)
    outputs = {line: done.stdout for line, done in results}
    report = json.loads((work / "impact.json").read_text(encoding="utf-8"))
    assert report["evaluated"] == 1741 and report["affected"]
    assert (work / "impact.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    unedited = [text for line, text in outputs.items() if "--rules my-rules --as-of" in line]
    assert unedited and "影響なし" in unedited[0]
    assert "standardisation.small_joint_use undetermined → not fired" in \
        [text for line, text in outputs.items() if "--prefecture 茨城県 --lang en" in line][0]
