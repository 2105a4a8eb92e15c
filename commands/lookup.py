"""`advise lookup NAME|CODE`: a municipality's code from its name, or a check of a code."""

from __future__ import annotations

import click

from .common import run_guarded


@click.command("lookup")
@click.argument("query")
@click.option("--prefecture", help="the prefecture, when a name exists in several (南牧村: 群馬県 / 長野県)")
def lookup_command(query, prefecture):
    """Find a municipality's code by name (or check a code): 団体コードを調べる."""
    def action():
        from ..engine.knowledge.base import load_knowledge
        knowledge = load_knowledge()
        text = query.strip()
        found = knowledge.get(text) if text.isdigit() else knowledge.find(text, prefecture)
        fiscal = knowledge.fiscal_history(found.code)
        latest = max(fiscal) if fiscal else None
        click.echo(f"{found.code}\t{found.display_name}\t{found.kana}\t{found.type}\t"
                   f"人口 {found.population:,} (2020)"
                   + (f"\t財政力指数 {fiscal[latest]} (FY{latest})" if latest else ""))
    run_guarded(action)
