"""Render the memo (Markdown or one self-contained HTML page) from the memo context.

Shipped templates run in a normal Jinja2 environment; an office's own
templates (``--templates DIR``) run in Jinja2's sandbox, looked up in DIR first
and then among the shipped partials. Every environment uses StrictUndefined, so
a misspelt name fails loudly; the HTML environment autoescapes everything, so a
profile value such as ``<script>`` or ``{{ 7*7 }}`` is printed as text.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..advice import Advice, Advisor
from ..errors import InputError
from .memo_context import build_context, map_svg
from ..paths import TEMPLATES_DIR

TEMPLATE_NAMES = {"markdown": "memo.md.j2", "html": "memo.html.j2"}
CSS_NAME = "memo.css"


def make_environment(fmt: str, templates_dir: Path | str | None = None) -> jinja2.Environment:
    """Strict, and autoescaping for HTML; sandboxed when the templates are an office's own."""
    # One environment per (format, directory) per process: it keeps the compiled
    # templates, which took ~0.1 s per memo to recompile in a batch of 1,741.
    return _environment(fmt, str(templates_dir) if templates_dir else None)


@functools.lru_cache(maxsize=16)
def _environment(fmt: str, templates_dir: str | None) -> jinja2.Environment:
    search = [str(templates_dir)] if templates_dir else []
    loader = jinja2.FileSystemLoader(search + [str(TEMPLATES_DIR)])
    cls = SandboxedEnvironment if templates_dir else jinja2.Environment
    return cls(loader=loader, undefined=jinja2.StrictUndefined, autoescape=(fmt == "html"),
               trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)


def template_location(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The template file and line a Jinja2 error points at (Jinja2 rewrites tracebacks to them)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (exc.filename or exc.name or fallback), exc.lineno
    tb = exc.__traceback__
    where: tuple[str, int | None] = (fallback, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename.endswith(".css"):
            where = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def template_error(exc: BaseException, name: str) -> InputError:
    file, line = template_location(exc, name)
    undefined = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", str(exc))
    field = next((g for g in undefined.groups() if g), None) if undefined else None
    return InputError(f"テンプレートを描画できません: {exc}", f"cannot render the template: {exc}",
                      file=file, line=line, field=field)


def _css(env: jinja2.Environment) -> Markup:
    """The print CSS, inlined; it must not be able to close the <style> element."""
    try:
        source, filename, _ = env.loader.get_source(env, CSS_NAME)
    except jinja2.TemplateNotFound:
        return Markup("")
    if re.search(r"</\s*style", source, re.IGNORECASE):
        raise InputError("CSS に </style> を含めることはできません。", "the CSS must not contain </style>",
                         file=filename)
    return Markup(source)


def render_with(env: jinja2.Environment, name: str, context: dict) -> str:
    """Render template ``name``; a missing template or a template error is an InputError (exit 2)."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"テンプレート {exc.name} が見つかりません。", f"template {exc.name} not found",
                         file=str(exc.name)) from None
    except jinja2.TemplateError as exc:
        raise template_error(exc, name) from None


def render_memo(advice: Advice, advisor: Advisor, lang: str = "ja", fmt: str = "markdown",
                templates_dir: str | Path | None = None, section_comments: bool = False) -> str:
    """The memo; ``section_comments`` keeps the Markdown's ``<!-- section: NAME -->`` markers."""
    if fmt not in TEMPLATE_NAMES:
        raise InputError(f"メモの形式 {fmt!r} はありません。", f"no memo format {fmt!r}", field="--format")
    name = TEMPLATE_NAMES[fmt]
    if templates_dir is not None:
        directory = Path(templates_dir)
        if not (directory / name).is_file():
            raise InputError(f"テンプレート {name} が {directory} にありません。",
                             f"template {name} not found in {directory}", file=str(directory / name),
                             field="--templates")
    env = make_environment(fmt, templates_dir)
    context = build_context(advice, advisor, lang, fmt)
    context["section_comments"] = section_comments
    if fmt == "html":
        context["css"] = _css(env)
        svg = map_svg(advisor, advice)
        # The SVG comes from our own map module, not from the profile.
        context["map_svg"] = Markup(svg) if svg else None
    return render_with(env, name, context)
