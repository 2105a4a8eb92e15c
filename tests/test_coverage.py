"""Coverage over all 1,741 municipalities: every rule that never fires has a documented reason."""

import re
from pathlib import Path

from jichitai_cloud_advisor.engine.rules.coverage import DEFAULT_DATES, format_table, run_coverage

# docs/ is part of the repository, not of the installed package: read it beside the tests.
REPO_DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_never_firing_rules_are_documented(advisor):
    coverage = run_coverage(advisor, DEFAULT_DATES)
    assert all(d.evaluations == 1741 * 5 for d in coverage.dates)
    doc = (REPO_DOCS / "COVERAGE.md").read_text(encoding="utf-8")
    reasons = doc.split("### Rules that never fire", 1)[1].split("### Rules that always fire", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", reasons, flags=re.M))
    assert set(coverage.never_fired()) == documented
    # every never-firing rule is out of force on both default dates, not unreachable
    for rule_id in coverage.never_fired():
        assert all(rule_id in d.inactive for d in coverage.dates), rule_id
    always = {r for r, _ in coverage.always_fired()}
    assert always <= set(re.findall(r"`([a-z_.]+)`", doc.split("### Rules that always fire", 1)[1]))
    assert "NEVER FIRES" in format_table(coverage)
