"""`advise lookup NAME|CODE`: municipality codes from a name or part of one, or a check of a code."""

from __future__ import annotations

import click

from .common import run_guarded


@click.command("lookup")
@click.argument("query")
@click.option("--prefecture", help="only this prefecture (南牧村: 群馬県 / 長野県; 富山 is 富山県)")
def lookup_command(query, prefecture):
    """Find municipality codes by name, part of a name or reading (or check a code): 団体コードを調べる.

    One line per municipality found: code, name, reading, type, population, 財政力指数.
    `上市` finds 上市町; `府中` finds both 府中市 and 府中町.
    """
    def action():
        from ..engine.knowledge.base import load_knowledge
        from ..engine.knowledge.search import search
        knowledge = load_knowledge()
        found = search(knowledge, query, prefecture)
        for municipality in found:
            click.echo(_line(knowledge, municipality))
        if len(found) > 1:
            click.echo(f"advise lookup: {len(found)} 団体が該当 / {len(found)} municipalities match"
                       + ("" if prefecture else "（--prefecture で絞り込めます / narrow with --prefecture）"),
                       err=True)
    run_guarded(action)


def _line(knowledge, found) -> str:
    """Code, name, reading, type, and the latest census and 財政力指数 in the knowledge base, each with its year."""
    census = knowledge.census_population(found.code)
    year = max(census) if census else None
    fiscal = knowledge.fiscal_history(found.code)
    latest = max(fiscal) if fiscal else None
    return (f"{found.code}\t{found.display_name}\t{found.kana}\t{found.type}"
            + (f"\t人口 {census[year]:,} ({year})" if year else "")
            + (f"\t財政力指数 {fiscal[latest]} (FY{latest})" if latest else ""))
