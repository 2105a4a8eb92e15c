"""`advise init CODE [--as-of DATE] [-o FILE]`: a commented profile to start from."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

import click

from ..engine.errors import InputError
from .common import parse_as_of, run_guarded, write_output


@click.command("init")
@click.argument("code")
@click.option("--as-of", "as_of", help="what the knowledge base knew on this date (YYYY-MM-DD; default today)")
@click.option("-o", "--output", help="write the profile to FILE (refuses to replace one; see --force)")
@click.option("--force", is_flag=True, help="replace FILE if it exists")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
              help="language of the comments and questions")
def init_command(code, as_of, output, force, lang):
    """Write a profile for CODE (a code, or a name `advise lookup` finds once): プロファイルのひな形.

    Name, prefecture, population and its census, 財政力指数 and its year, the known
    group and the land neighbours are filled in from the knowledge base as known on
    --as-of; every other field is a commented question.
    """
    def action():
        from ..engine.knowledge.base import load_knowledge
        from ..engine.knowledge.search import search
        from ..engine.profile.starter import starter_profile
        from ..engine.rules.vocabulary import default_vocabulary
        date = parse_as_of(as_of) or dt.date.today()
        knowledge = load_knowledge()
        found = search(knowledge, code)
        if len(found) > 1:
            listed = "、".join(f"{m.display_name} ({m.code})" for m in found)
            raise InputError(f"「{code}」は {len(found)} 団体に当たります: {listed}。コードで指定してください。",
                             f"{code!r} matches {len(found)} municipalities: {listed}; give the code",
                             field="CODE")
        if output and Path(output).exists() and not force:
            raise InputError("ファイルが既にあります（置き換えるには --force）。",
                             "the file exists already (use --force to replace it)", file=output, field="-o")
        words = ["init", found[0].code, "--as-of", date.isoformat()] + (["--lang", lang] if lang != "ja" else [])
        text = starter_profile(knowledge, default_vocabulary(), found[0].code, date, lang, shlex.join(words))
        write_output(text, output)
        if output:
            click.echo(f"advise init: {output} ← {found[0].display_name} ({found[0].code}), {date.isoformat()}",
                       err=True)
    run_guarded(action)
