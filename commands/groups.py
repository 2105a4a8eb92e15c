"""`advise groups --prefecture 富山県`: a prefecture's plan of candidate groups."""

from __future__ import annotations

import json

import click

FORMATS = ("text", "json", "html")


@click.command("groups")
@click.option("--prefecture", required=True, help="都道府県名 (e.g. 富山県)")
@click.option("--max-size", "max_size", type=int, help="largest group (default: parameter partners.max_group_size)")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="text, json or html (a page with the map) [default: from the -o extension (.txt .json .html), else text]")
@click.option("-o", "--output", help="write to FILE instead of standard output")
@click.option("--as-of", "as_of", help="plan as of this date (YYYY-MM-DD): parameters, census and groups known then")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
def groups(prefecture, max_size, fmt, output, as_of, lang):
    """Propose candidate groups for a prefecture's municipalities not yet in a group."""
    from .common import check_output_target, output_format, parse_as_of, run_guarded, write_output

    def action():
        if output is not None:
            check_output_target(output)
        from ..engine.groups.grouping import plan_prefecture, render_text
        from ..engine.knowledge.base import load_knowledge
        from ..engine.rules.parameters import load_parameters
        chosen = output_format(fmt, output, FORMATS, "text")
        plan = plan_prefecture(load_knowledge(), load_parameters(), prefecture, max_size, parse_as_of(as_of))
        if chosen == "json":
            text = json.dumps(plan, ensure_ascii=False, indent=2, allow_nan=False)
        elif chosen == "html":
            from ..engine.documents.plan_page import render_plan_html
            text = render_plan_html(load_knowledge(), plan, lang)
        else:
            text = render_text(plan, lang)
        write_output(text, output)
    run_guarded(action)
