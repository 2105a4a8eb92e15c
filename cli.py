"""The `advise` command.

    advise PROFILE.yaml [--format markdown|html|json|audit|audit-json] [-o FILE]
                        [--as-of YYYY-MM-DD] [--lang ja|en] [--parameters FILE]
    advise rules lint | test | coverage
    advise groups --prefecture 富山県
    advise batch ...
    advise templates lint
    advise lookup 上市町 | 16322 [--prefecture 富山県]

Exit status: 0 advice produced; 2 bad input (the message names file, line and
field); 1 anything else. No traceback reaches the user for bad input.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

import click

from .engine.errors import InputError

FORMATS = ["markdown", "html", "json", "audit", "audit-json"]


class DefaultToAdvise(click.Group):
    """`advise PROFILE` runs the `profile` command; other words are subcommands."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["profile"] + list(args)
        if not args:
            args = ["--help"]
        return super().parse_args(ctx, args)


def write_output(text: str, output: str | None) -> None:
    """Write to stdout or atomically to ``output`` (never a half-written file)."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("出力先のディレクトリがありません。", "the output directory does not exist",
                         file=str(output), field="-o")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def parse_as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--as-of の日付 {value!r} を読めません（YYYY-MM-DD）。",
                         f"--as-of {value!r} is not a date (YYYY-MM-DD)", field="--as-of") from None


def run_guarded(action) -> None:
    """Run ``action``; bad input exits 2 with its message, anything else 1."""
    try:
        action()
    except InputError as exc:
        click.echo(f"advise: エラー: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Exit:
        raise
    except click.ClickException:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a defect: say so briefly, the details go to --debug
        if os.environ.get("ADVISE_DEBUG"):
            raise
        click.echo(f"advise: 内部エラー / internal error: {type(exc).__name__}: {exc}"
                   " (ADVISE_DEBUG=1 で詳細 / set ADVISE_DEBUG=1 for details)", err=True)
        sys.exit(1)


@click.group(cls=DefaultToAdvise, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jichitai-cloud-advisor")
def main():
    """自治体クラウド導入アドバイザー: advice for a visit to the head of a municipality."""


@main.command("profile")
@click.argument("profile")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True,
              help="memo (markdown/html), JSON advice, or the audit of the rules")
@click.option("-o", "--output", help="write to FILE instead of standard output")
@click.option("--as-of", "as_of", help="advice for this date (YYYY-MM-DD); overrides the profile's as_of")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@click.option("--parameters", "parameter_files", multiple=True, type=click.Path(dir_okay=False),
              help="a parameter file replacing shipped values (e.g. the 財政力補正 table)")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False),
              help="render with an office's own templates (sandboxed)")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False),
              help="use the rule files in DIR (rules/<family>/*.yaml) instead of the shipped ones")
@click.option("--join", "join", help="what-if: advise as if forming a group with these codes (comma separated)")
def profile_command(profile, fmt, output, as_of, lang, parameter_files, templates_dir, rules_dir, join):
    """Advise on PROFILE (a YAML file, or - for standard input)."""
    def action():
        from .engine.advice import Advisor
        date = parse_as_of(as_of)
        advisor = Advisor(parameter_files=[Path(p) for p in parameter_files],
                          rules_dir=Path(rules_dir) if rules_dir else None)
        loaded = advisor.load(profile, date)
        advice = advisor.advise(loaded)
        if join:
            from .engine.whatif import apply_join
            apply_join(advisor, advice, [c.strip() for c in join.split(",") if c.strip()])
        write_output(render(advisor, advice, fmt, lang, templates_dir), output)
    run_guarded(action)


@main.command("lookup")
@click.argument("query")
@click.option("--prefecture", help="the prefecture, when a name exists in several (南牧村: 群馬県 / 長野県)")
def lookup_command(query, prefecture):
    """Find a municipality's code by name (or check a code): 団体コードを調べる."""
    def action():
        from .engine.knowledge import load_knowledge
        knowledge = load_knowledge()
        text = query.strip()
        found = knowledge.get(text) if text.isdigit() else knowledge.find(text, prefecture)
        fiscal = knowledge.fiscal_history(found.code)
        latest = max(fiscal) if fiscal else None
        click.echo(f"{found.code}\t{found.display_name}\t{found.kana}\t{found.type}\t"
                   f"人口 {found.population:,} (2020)"
                   + (f"\t財政力指数 {fiscal[latest]} (FY{latest})" if latest else ""))
    run_guarded(action)


def render(advisor, advice, fmt: str, lang: str, templates_dir: str | None) -> str:
    if fmt == "json":
        from .engine.output_json import advice_json
        return json.dumps(advice_json(advice, advisor, lang), ensure_ascii=False, indent=2)
    if fmt in ("audit", "audit-json"):
        from .engine import audit
        if fmt == "audit":
            return audit.render_audit_text(advice, advisor, lang)
        return json.dumps(audit.audit_record(advice, advisor), ensure_ascii=False, indent=2)
    from .engine.render import render_memo
    return render_memo(advice, advisor, lang=lang, fmt=fmt, templates_dir=templates_dir)


# Subcommands, each in its own module --------------------------------------------
def _register() -> None:
    from .engine.batch_cli import batch
    from .engine.groups_cli import groups
    from .engine.rules_cli import rules
    from .engine.templates_cli import templates
    for command in (rules, groups, batch, templates):
        main.add_command(command)


_register()

if __name__ == "__main__":
    main()
