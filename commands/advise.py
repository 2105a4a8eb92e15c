"""`advise PROFILE`: the memo, JSON advice or audit for one profile."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..engine.errors import InputError
from ..engine.gc_pause import gc_paused
from .common import check_output_target, output_format, parse_as_of, run_guarded, write_output

FORMATS = ("markdown", "html", "json", "audit", "audit-json")


@click.command("profile")
@click.argument("profile")
@click.option("--format", "fmt", type=click.Choice(FORMATS + ("md",)),
              help="memo (markdown or md, html), JSON advice, or the audit of the rules "
                   "[default: from the -o extension (.md .html .json), else markdown]")
@click.option("-o", "--output", help="write to FILE instead of standard output")
@click.option("--section-comments", is_flag=True,
              help="keep <!-- section: NAME --> comments in the Markdown memo (for tools that split it)")
@click.option("--as-of", "as_of", help="advice for this date (YYYY-MM-DD); overrides the profile's as_of")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@click.option("--parameters", "parameter_files", multiple=True, type=click.Path(dir_okay=False),
              help="a parameter file replacing shipped values (e.g. the 財政力補正 table)")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False),
              help="render with an office's own templates (sandboxed)")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False),
              help="use the rule files in DIR (rules/<family>/*.yaml) instead of the shipped ones")
@click.option("--join", "join", help="what-if: advise as if forming a group with these codes (comma separated)")
@click.option("--log", "log_it", is_flag=True, help="record this advice in the advice log (see `advise log`)")
@click.option("--log-db", "log_db", metavar="PATH",
              help="the advice log database (implies --log; default: $ADVISE_LOG_DB, else the user's data directory)")
def profile_command(profile, fmt, output, section_comments, as_of, lang, parameter_files, templates_dir,
                    rules_dir, join, log_it, log_db):
    """Advise on PROFILE (a YAML file, or - for standard input)."""
    def action():
        from ..engine.advice import Advisor
        chosen = output_format(fmt, output, FORMATS, "markdown")
        date = parse_as_of(as_of)
        if output is not None:  # refuse a bad -o before the work, not after it
            check_output_target(output, [profile, *parameter_files])
        log = None
        if log_it or log_db:
            if join:
                raise InputError("--log は助言を記録します。--join（仮定の試算）とは併用できません。",
                                 "--log records advice, not a what-if: leave out --join", field="--log")
            from .log import open_log
            log = open_log(log_db, create=True)  # a missing directory or a newer log stops us before any work
        advisor = Advisor(parameter_files=[Path(p) for p in parameter_files],
                          rules_dir=Path(rules_dir) if rules_dir else None)
        loaded = advisor.load(profile, date)
        advice = advisor.advise(loaded)
        if join:
            from ..engine.groups.whatif import apply_join
            apply_join(advisor, advice, [c.strip() for c in join.split(",") if c.strip()])
        text = render(advisor, advice, chosen, lang, templates_dir, section_comments)
        if log is not None:
            from ..engine.log.record import log_fields
            seq, _ = log.append(log_fields(advice, advisor))
            log.close()
        write_output(text, output, inputs=[profile, *parameter_files])
        if log is not None:
            click.echo(f"advise: 助言を記録しました / logged: #{seq} ({log.path})", err=True)
    def paused():
        # One profile, one short process: the cyclic garbage collector would only walk the
        # knowledge base, rules and templates again and again (~5 % of a cold run).
        with gc_paused():
            action()
    run_guarded(paused)


def render(advisor, advice, fmt: str, lang: str, templates_dir: str | None, section_comments: bool = False) -> str:
    if fmt == "json":
        from ..engine.documents.output_json import advice_json
        return json.dumps(advice_json(advice, advisor, lang), ensure_ascii=False, indent=2, allow_nan=False)
    if fmt in ("audit", "audit-json"):
        from ..engine.documents import audit
        if fmt == "audit":
            return audit.render_audit_text(advice, advisor, lang)
        return json.dumps(audit.audit_record(advice, advisor), ensure_ascii=False, indent=2, allow_nan=False)
    from ..engine.documents.render import render_memo
    return render_memo(advice, advisor, lang=lang, fmt=fmt, templates_dir=templates_dir,
                       section_comments=section_comments)
