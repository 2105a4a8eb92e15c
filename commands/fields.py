"""`advise fields`: every profile field with its type, allowed values and the question to ask."""

from __future__ import annotations

import click

from .common import run_guarded, write_output


@click.command("fields")
@click.option("--markdown", is_flag=True, help="the whole reference as Markdown (docs/PROFILE.md)")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
def fields_command(markdown, lang):
    """プロファイルの項目一覧 / every profile field: type, values, unit, question."""
    def action():
        from ..engine.profile import reference
        from ..engine.rules.vocabulary import default_vocabulary
        vocabulary = default_vocabulary()
        write_output(reference.markdown(vocabulary) if markdown else reference.text(vocabulary, lang), None)
    run_guarded(action)
