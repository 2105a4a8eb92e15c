"""Render the memo (Markdown or one self-contained HTML page) from the memo context.

Shipped templates run in a normal Jinja2 environment; an office's own
templates (``--templates DIR``) run in Jinja2's sandbox, looked up in DIR first
and then among the shipped partials. Every environment uses StrictUndefined, so
a misspelt name fails loudly; the HTML environment autoescapes everything, so a
profile value such as ``<script>`` or ``{{ 7*7 }}`` is printed as text.
"""

from __future__ import annotations

import contextlib
import functools
import operator
import re
import signal
import threading
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..advice import Advice, Advisor
from ..errors import InputError
from ..inputs.limits import MAX_OUTPUT_BYTES, MAX_RENDER_SECONDS, limit_error
from .environment import PlainDataEnvironment, memo_settings
from .memo_context import build_context, map_svg
from ..paths import TEMPLATES_DIR

TEMPLATE_NAMES = {"markdown": "memo.md.j2", "html": "memo.html.j2"}
CSS_NAME = "memo.css"


class BoundedSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, plus bounds on the two operators that build huge values in one step.

    The sandbox already limits ``range`` and forbids internals; ``"x" * 10**9`` or
    ``9 ** 9 ** 9`` would still take gigabytes or hours inside a single expression,
    before any output or time check could see it.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator_name, left, right):
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 64:
                raise jinja2.exceptions.SecurityError("exponent too large (limit 64)")
            return operator.pow(left, right)
        if operator_name == "*":
            for text, times in ((left, right), (right, left)):
                if isinstance(text, (str, list, tuple)) and isinstance(times, int) \
                        and len(text) * times > MAX_OUTPUT_BYTES:
                    raise jinja2.exceptions.SecurityError(f"repetition too large (limit MAX_OUTPUT_BYTES={MAX_OUTPUT_BYTES})")
            return operator.mul(left, right)
        return super().call_binop(context, operator_name, left, right)


def make_environment(fmt: str, templates_dir: Path | str | None = None) -> jinja2.Environment:
    """Strict, and autoescaping for HTML; sandboxed when the templates are an office's own."""
    # One environment per (format, directory) per process: it keeps the compiled
    # templates, which took ~0.1 s per memo to recompile in a batch of 1,741.
    return _environment(fmt, str(templates_dir) if templates_dir else None)


@functools.lru_cache(maxsize=16)
def _environment(fmt: str, templates_dir: str | None) -> jinja2.Environment:
    if templates_dir:
        # An office's templates: sandboxed, compiled from their source (the shipped partials too).
        loader = jinja2.FileSystemLoader([str(templates_dir), str(TEMPLATES_DIR)])
        return BoundedSandbox(loader=loader, **memo_settings(fmt))
    from .precompiled import PrecompiledLoader
    return PlainDataEnvironment(loader=PrecompiledLoader(fmt), **memo_settings(fmt))


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


class _RenderTimeout(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Interrupt a render that runs past ``seconds`` (nested loops of an office template).

    A POSIX interval timer in the main thread; elsewhere (a thread) the output bound
    in render_with still stops a loop that writes, and the sandbox the huge expressions.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise _RenderTimeout
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_with(env: jinja2.Environment, name: str, context: dict) -> str:
    """Render template ``name``; a missing template, a template error or a limit is an InputError (exit 2).

    Bounded: at most MAX_OUTPUT_BYTES of output, MAX_RENDER_SECONDS of time, and Python's
    recursion depth (a macro calling itself).
    """
    try:
        with _time_limit(MAX_RENDER_SECONDS):
            pieces, size = [], 0
            for piece in env.get_template(name).generate(**context):
                size += len(piece)
                if size > MAX_OUTPUT_BYTES:
                    raise limit_error("MAX_OUTPUT_BYTES", MAX_OUTPUT_BYTES, "テンプレートの出力が大きすぎます。",
                                      "the template's output is too large", file=name)
                pieces.append(piece)
            return "".join(pieces)
    except _RenderTimeout:
        raise limit_error("MAX_RENDER_SECONDS", MAX_RENDER_SECONDS, "テンプレートの描画に時間がかかりすぎています。",
                          "the template took too long to render", file=name) from None
    except RecursionError:
        raise limit_error("recursion", "Python", "テンプレートの呼び出し（マクロの再帰など）が深すぎます。",
                          "the template calls itself too deeply (a recursive macro?)", file=name) from None
    except jinja2.exceptions.SecurityError as exc:
        raise InputError(f"テンプレートが安全のための制限に触れました: {exc}", f"the template hit a sandbox limit: {exc}",
                         file=name) from None
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"テンプレート {exc.name} が見つかりません。", f"template {exc.name} not found",
                         file=str(exc.name)) from None
    except jinja2.TemplateError as exc:
        raise template_error(exc, name) from None


def render_memo(advice: Advice, advisor: Advisor, lang: str = "ja", fmt: str = "markdown",
                templates_dir: str | Path | None = None, section_comments: bool = False,
                data: dict | None = None) -> str:
    """The memo; ``section_comments`` keeps the Markdown's ``<!-- section: NAME -->`` markers.

    ``data``: the advice's JSON in ``lang`` when the caller has made it already (a batch), else made here.
    """
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
    context = build_context(advice, advisor, lang, fmt, data)
    context["section_comments"] = section_comments
    if fmt == "html":
        context["css"] = _css(env)
        svg = map_svg(advisor, advice)
        # The SVG comes from our own map module, not from the profile.
        context["map_svg"] = Markup(svg) if svg else None
    return render_with(env, name, context)
