"""`advise rules lint | test | coverage | impact`: the tools that keep the rule base honest.

Exit status as for advise: 2 when lint finds errors, a rule test fails, or the
rule files are bad input; 1 for anything else unexpected.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..engine.errors import InputError


def _as_of(value: str | None):
    from .common import parse_as_of
    return parse_as_of(value)


def _guarded(action) -> None:
    from .common import run_guarded
    run_guarded(action)


@click.group("rules")
def rules():
    """ルールの検査・テスト・網羅率 / lint, test and coverage of the rule base."""


@rules.command("lint")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), help="lint the rule files in DIR")
@click.option("--as-of", "as_of", help="also flag rules and sources that ended before this date (YYYY-MM-DD)")
def lint_command(rules_dir, as_of):
    """重複・出典・未知の名前・型・矛盾・期限・テスト漏れ / every finding with file, line and rule id."""
    def action():
        from ..engine.rules.lint import ERROR, run_lints
        from ..engine.rules.parameters import load_parameters
        from ..engine.rules.vocabulary import default_vocabulary
        findings = run_lints(default_vocabulary(), load_parameters(), Path(rules_dir) if rules_dir else None,
                             _as_of(as_of))
        for finding in findings:
            click.echo(str(finding))
        errors = sum(f.severity == ERROR for f in findings)
        click.echo(f"{errors} error(s), {len(findings) - errors} warning(s)")  # on stdout, as `rules test`
        if errors:
            sys.exit(2)
    _guarded(action)


@rules.command("test")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), help="test the rules in DIR")
@click.option("-v", "--verbose", is_flag=True, help="list every case, not only failures")
def test_command(rules_dir, verbose):
    """rules/<family>/tests/*.yaml のケースを実行 / run the rule-test cases."""
    def action():
        from ..engine.advice import Advisor
        from ..engine.rules.rule_tests import run_all
        directory = Path(rules_dir) if rules_dir else None
        advisor = Advisor(rules_dir=directory)
        results = run_all(advisor, directory)
        failed = [r for r in results if not r.passed]
        for result in results:
            if verbose or not result.passed:
                click.echo(f"{'ok  ' if result.passed else 'FAIL'} {result.case.label}")
                for failure in result.failures:
                    click.echo(f"     {failure}")
        click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
        if failed:
            sys.exit(2)
    _guarded(action)


@rules.command("coverage")
@click.option("--as-of", "as_of", multiple=True, help="date(s) to evaluate (default: 2017-06-09 and 2025-04-01)")
@click.option("--markdown", is_flag=True, help="print the table as Markdown (for docs/COVERAGE.md)")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), help="the rules in DIR, as for lint and test")
def coverage_command(as_of, markdown, rules_dir):
    """全1,741団体 × 想定プロファイルで各ルールの該当数 / how often each rule fires over all municipalities."""
    def action():
        from ..engine.advice import Advisor
        from ..engine.rules.coverage import DEFAULT_DATES, VARIANTS, format_table, run_coverage
        dates = [_as_of(d) for d in as_of] or list(DEFAULT_DATES)
        advisor = Advisor(rules_dir=Path(rules_dir) if rules_dir else None)
        started = time.perf_counter()
        coverage = run_coverage(advisor, dates)
        click.echo(format_table(coverage, markdown=markdown))
        never = coverage.never_fired()
        click.echo("", err=True)
        click.echo(f"{len(advisor.knowledge.municipalities)} municipalities × {len(VARIANTS)} variants "
                   f"({', '.join(VARIANTS)}) × {len(dates)} date(s) in {time.perf_counter() - started:.1f}s; "
                   f"never fires: {', '.join(never) or 'none'}; "
                   f"always fires: {', '.join(sorted({f'{r}@{d}' for r, d in coverage.always_fired()})) or 'none'}",
                   err=True)
    _guarded(action)


IMPACT_FORMATS = ("text", "json", "html")


@rules.command("impact")
@click.argument("source", required=False)
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False), help="the changed rule files (DIR/<family>/*.yaml)")
@click.option("--parameters", "parameter_files", multiple=True, type=click.Path(dir_okay=False),
              help="a parameter file with the changed values")
@click.option("--as-of", "as_of", help="evaluate on this date (YYYY-MM-DD; default: each profile's own, else today)")
@click.option("--prefecture", help="the municipalities of this prefecture, from public data alone")
@click.option("--all", "everyone", is_flag=True, help="all 1,741 municipalities from public data alone (the default)")
@click.option("--format", "fmt", type=click.Choice(IMPACT_FORMATS),
              help="text, json or html [default: from the -o extension (.txt .json .html), else text]")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@click.option("-o", "--output", help="write to FILE instead of standard output")
def impact_command(source, rules_dir, parameter_files, as_of, prefecture, everyone, fmt, lang, output):
    """変更案の影響 / whom a rule or parameter change affects: shipped vs changed, same municipalities.

    SOURCE (optional) is a directory of profiles or a CSV, as for `advise batch`;
    without it, --prefecture or --all (the default) build profiles from public data.
    Exit status 0 when every input was evaluated, 2 on bad input (some inputs bad:
    listed at the end of the report).
    """
    status = {"code": 0}

    def action():
        from ..engine.advice import Advisor
        from ..engine.impact import report
        from ..engine.impact.simulate import describe, run_impact
        from ..engine.knowledge.base import load_knowledge
        from .batch import _items
        from .common import output_format, write_output
        chosen = output_format(fmt, output, IMPACT_FORMATS, "text")
        if not rules_dir and not parameter_files:
            raise InputError("評価する変更案を --rules DIR または --parameters FILE で指定してください。",
                             "give the change to assess: --rules DIR and/or --parameters FILE", field="--rules")
        date = _as_of(as_of)
        knowledge = load_knowledge()
        everyone_or_default = everyone or not (source or prefecture)
        items = _items(source, prefecture, everyone_or_default, knowledge)
        files = [Path(p) for p in parameter_files]
        baseline = Advisor(knowledge=knowledge)
        reform = Advisor(knowledge=knowledge, parameter_files=files, rules_dir=Path(rules_dir) if rules_dir else None)
        started = time.perf_counter()
        impact = run_impact(baseline, reform, items, date, describe(baseline, None, []),
                            describe(reform, rules_dir, files))
        elapsed = time.perf_counter() - started
        text = {"text": lambda: report.render_text(impact, lang), "json": lambda: report.render_json(impact),
                "html": lambda: report.render_html(impact, lang)}[chosen]()
        write_output(text, output)
        click.echo(f"advise rules impact: {impact.evaluated:,} 団体を評価 / evaluated, {len(impact.affected):,} "
                   f"団体に影響 / affected ({elapsed:.1f}s)", err=True)
        status["code"] = 2 if impact.failures else 0
    _guarded(action)
    sys.exit(status["code"])


__all__ = ["rules", "InputError"]
