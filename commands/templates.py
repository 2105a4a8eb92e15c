"""`advise templates lint`: render every memo template against every example
profile, in both languages, and fail (exit 2) on any undefined name.

Templates use StrictUndefined, so a misspelt name would otherwise surface only
when an advisor renders the one profile that reaches that branch. The example
profiles are examples/*.yaml; two built-in profiles (a full one and one with
only a code) are always added so unknown-fact branches are exercised too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from ..engine.errors import InputError
from ..engine.paths import EXAMPLES_DIR

LANGS = ("ja", "en")
FORMATS = ("markdown", "html")

BUILTIN_PROFILES = {
    "<built-in: full>": """\
code: "163228"
as_of: 2017-06-09
cloud: {status: none, group: null, plan: none, driving_body: none}
systems:
  - {area: 住民記録, form: package, customization: heavy, vendor: A社, contract_end: 2019-03-31, hosting: onprem, standard_layout: false}
  - {area: 税務, form: package, customization: minor, vendor: A社, contract_end: 2020-03-31, hosting: onprem, standard_layout: true}
costs: {it_operating: 120000000, planning: 4000000, consultant: 6000000, data_migration: 25000000, training: 1500000}
staff: {it_staff: 2, cloud_experience: false}
continuity: {offsite_backup: false, hazard: high}
visit: {date: 2017-07-10, audience: 町長, advisor: 総務省 地域情報政策室}
""",
    "<built-in: code only>": 'code: "131113"\nas_of: 2016-06-01\n',
}


@dataclass(frozen=True)
class LintProblem:
    template: str
    line: int | None
    name: str | None
    profile: str
    lang: str
    message: str

    def __str__(self) -> str:
        where = f"{self.template}:{self.line}" if self.line else self.template
        name = f" `{self.name}`" if self.name else ""
        return f"{where}: undefined{name} ({self.profile}, {self.lang}): {self.message}"


def example_profiles(directory: Path | None = None) -> list[tuple[str, str]]:
    """(label, YAML text) for every example profile plus the built-in ones."""
    directory = directory or EXAMPLES_DIR
    from ..engine.inputs.yamlio import read_text  # regular files only, bounded, UTF-8 or a message
    found = [(str(p.name), read_text(p, str(p))) for p in sorted(directory.glob("*.yaml"))] \
        if directory.is_dir() else []
    return found + list(BUILTIN_PROFILES.items())


def formats_in(templates_dir: Path | None) -> tuple[str, ...]:
    """The memo formats to lint: all for the shipped templates; those an office's directory has.

    An office may replace only the Markdown memo (or only the HTML one); the other is then
    not theirs to lint. A directory with neither is a mistake, said so.
    """
    if templates_dir is None:
        return FORMATS
    from ..engine.documents.render import TEMPLATE_NAMES
    present = tuple(fmt for fmt in FORMATS if (Path(templates_dir) / TEMPLATE_NAMES[fmt]).is_file())
    if not present:
        names = " / ".join(TEMPLATE_NAMES[fmt] for fmt in FORMATS)
        raise InputError(f"{names} のどちらもありません。", f"neither {names} is in the directory",
                         file=str(templates_dir), field="--templates")
    return present


def lint_templates(templates_dir: Path | None = None, examples_dir: Path | None = None) -> tuple[list, int]:
    """Render each memo template for each profile and language; return (problems, renders)."""
    from ..engine.advice import Advisor
    from ..engine.profile.loader import parse_profile
    from ..engine.documents.render import render_memo
    from ..engine.inputs.yamlio import parse_text

    advisor = Advisor()
    problems: list[LintProblem] = []
    renders = 0
    formats = formats_in(templates_dir)
    for label, text in example_profiles(examples_dir):
        advice = advisor.advise(parse_profile(parse_text(text, label), advisor.knowledge))
        for fmt in formats:
            for lang in LANGS:
                renders += 1
                try:
                    render_memo(advice, advisor, lang=lang, fmt=fmt, templates_dir=templates_dir)
                except InputError as exc:
                    name = exc.field if exc.field and not exc.field.startswith("-") else None  # not an option
                    problems.append(LintProblem(str(exc.file), exc.line, name, label, lang, exc.message_en))
    return problems, renders


@click.group("templates")
def templates():
    """Memo templates: check them before an advisor meets a broken one."""


@templates.command("lint")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, exists=True),
              help="an office's template directory (default: the shipped templates)")
@click.option("--examples", "examples_dir", type=click.Path(file_okay=False, exists=True),
              help="profiles to render against (default: the shipped examples)")
def lint(templates_dir, examples_dir):
    """Render every memo template against every example profile in both languages."""
    from .common import run_guarded

    def action():
        problems, renders = lint_templates(Path(templates_dir) if templates_dir else None,
                                           Path(examples_dir) if examples_dir else None)
        grouped: dict[tuple, list] = {}
        for problem in problems:
            grouped.setdefault((problem.template, problem.line, problem.name, problem.message), []).append(problem)
        unique = []
        for (template, line, name, message), hits in grouped.items():
            where = f"{template}:{line}" if line else template
            runs = ", ".join(dict.fromkeys(f"{p.profile}/{p.lang}" for p in hits))
            unique.append(f"{where}: " + (f"undefined `{name}`" if name else "error") + f": {message} [{runs}]")
        for line in unique:
            click.echo(line)  # findings on stdout, as `rules lint` prints its findings
        if problems:
            raise InputError(f"テンプレートに {len(unique)} 件の問題があります（{renders} 回描画）。",
                             f"{len(unique)} template problem(s) in {renders} renders")
        formats = formats_in(Path(templates_dir) if templates_dir else None)
        click.echo(f"templates OK: {renders} renders ({', '.join(formats)} × {len(LANGS)} languages), "
                   "no undefined names")
    run_guarded(action)
