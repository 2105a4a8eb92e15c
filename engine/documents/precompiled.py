"""The shipped memo templates, compiled ahead of time into modules of this package.

Jinja2 turns a template into Python source and compiles that on every run: for the memo
that was ~1/6 of a cold `advise PROFILE` (~176 M instructions). The source Jinja2 makes
for the shipped memo templates is kept in ``compiled_templates/``, one module per template
and memo format, committed and installed like any other module of the package (so Python's
own .pyc files apply). Nothing is read from a cache directory or anywhere a user writes.

A compiled template is used only when all three still hold, else the template is compiled
from its source exactly as before:
- the template's bytes have the SHA-256 it was compiled from (someone edited a .j2 and did
  not regenerate);
- the running Jinja2 is the version that compiled it (its generated code calls Jinja2's
  runtime);
- the environment's settings are those it was compiled with (autoescape, trim_blocks…).

An office's templates (``--templates DIR``) never come here: they run in the sandbox and
are compiled from their source, the shipped partials they use included.

After editing a shipped memo template, regenerate (tests/test_precompiled_templates.py fails
until then):

    python -m jichitai_cloud_advisor.engine.documents.precompiled
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import jinja2
import jinja2.meta

from ..paths import TEMPLATES_DIR
from .render import TEMPLATE_NAMES as ROOT_TEMPLATES  # each memo format's root template

PACKAGE = __package__ + ".compiled_templates"
COMPILED_DIR = Path(__file__).resolve().parent / "compiled_templates"
GENERATOR = "python -m jichitai_cloud_advisor.engine.documents.precompiled"


def settings_key(env: jinja2.Environment) -> str | None:
    """Everything in an environment that changes the code Jinja2 generates (None: not precompilable)."""
    if not isinstance(env.autoescape, bool) or env.sandboxed:
        return None
    return repr((type(env).__name__, env.block_start_string, env.block_end_string,
                 env.variable_start_string, env.variable_end_string, env.comment_start_string,
                 env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                 env.autoescape, env.optimized, env.is_async, sorted(env.extensions),
                 env.finalize is not None, env.undefined.__name__))


def digest_of(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()


def module_name(fmt: str, name: str) -> str:
    """``memo.md.j2`` of the markdown memo → ``markdown__memo_md_j2``."""
    return f"{fmt}__" + "".join(c if c.isalnum() else "_" for c in name)


class PrecompiledLoader(jinja2.FileSystemLoader):
    """The shipped templates of one memo format: precompiled when it still matches, else from source."""

    def __init__(self, fmt: str):
        super().__init__(str(TEMPLATES_DIR))
        self.fmt = fmt

    def load(self, environment, name, globals=None):
        code = compiled_code(environment, self.fmt, name)
        if code is None:
            return super().load(environment, name, globals)
        template = environment.template_class.from_code(environment, code, globals or {}, None)
        template.filename = str(Path(self.searchpath[0]) / name)  # errors name the .j2, not the module
        return template


def compiled_code(environment: jinja2.Environment, fmt: str, name: str):
    """The code object of template ``name`` compiled for ``fmt``, or None when it would not be exact."""
    from . import compiled_templates as compiled
    entry = compiled.TEMPLATES.get(fmt, {}).get(name)
    if entry is None or compiled.JINJA2_VERSION != jinja2.__version__ \
            or compiled.SETTINGS.get(fmt) != settings_key(environment):
        return None
    module, digest = entry
    try:
        source = (TEMPLATES_DIR / name).read_bytes()
    except OSError:
        return None
    if digest_of(source) != digest:
        return None
    spec = importlib.util.find_spec(f"{PACKAGE}.{module}")
    if spec is None or spec.loader is None:
        return None
    return spec.loader.get_code(spec.name)


# --- the generator (run by hand after editing a shipped memo template; the test runs it too) ---

def source_environment(fmt: str) -> jinja2.Environment:
    """The shipped memo environment of ``fmt``, reading the templates from their source only."""
    from .environment import PlainDataEnvironment, memo_settings
    return PlainDataEnvironment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), **memo_settings(fmt))


def _templates_used(env: jinja2.Environment, root: str) -> list[str]:
    """``root`` and every template it includes or imports, transitively (names that are plain strings)."""
    seen, todo = set(), [root]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        source = env.loader.get_source(env, name)[0]
        todo += [n for n in jinja2.meta.find_referenced_templates(env.parse(source)) if n]
    return sorted(seen)


def generate() -> dict[str, str]:
    """Every file of ``compiled_templates/`` (name → text), as Jinja2 compiles them now."""
    files: dict[str, str] = {}
    manifest: dict[str, dict[str, tuple[str, str]]] = {}
    settings: dict[str, str | None] = {}
    for fmt, root in ROOT_TEMPLATES.items():
        env = source_environment(fmt)
        settings[fmt] = settings_key(env)
        manifest[fmt] = {}
        for name in _templates_used(env, root):
            source_bytes = (TEMPLATES_DIR / name).read_bytes()
            source = env.loader.get_source(env, name)[0]
            # As Jinja2's own compile_templates makes them (defer_init: the module binds
            # ``environment`` when it runs, not when imported, so walking the package's modules
            # imports them without error).
            code = env.compile(source, name, None, raw=True, defer_init=True)
            module = module_name(fmt, name)
            # Only a trailing comment: a line added above would shift the line numbers that
            # map the code back to the template's lines in error messages.
            files[f"{module}.py"] = (f"{code.rstrip()}\n\n# Generated from templates/{name} for the {fmt} memo "
                                     f"by `{GENERATOR}`\n# (Jinja2 {jinja2.__version__}). Do not edit.\n")
            manifest[fmt][name] = (module, digest_of(source_bytes))
    lines = ['"""The shipped memo templates compiled by Jinja2 (generated; see ../precompiled.py). Do not edit.',
             "",
             f"Regenerate after editing a shipped memo template: {GENERATOR}",
             '"""', "",
             f"JINJA2_VERSION = {jinja2.__version__!r}", "",
             "# memo format → the environment settings the code was generated with",
             "SETTINGS = {"]
    lines += [f"    {fmt!r}: {key!r}," for fmt, key in settings.items()]
    lines += ["}", "", "# memo format → template name → (module, SHA-256 of the template's bytes)", "TEMPLATES = {"]
    for fmt, entries in manifest.items():
        lines.append(f"    {fmt!r}: {{")
        lines += [f"        {name!r}: ({module!r}, {digest!r})," for name, (module, digest) in entries.items()]
        lines.append("    },")
    lines += ["}", ""]
    files["__init__.py"] = "\n".join(lines)
    return files


def committed() -> dict[str, str]:
    """The files of ``compiled_templates/`` as they are on disk."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(COMPILED_DIR.glob("*.py"))}


def main() -> None:
    files = generate()
    COMPILED_DIR.mkdir(exist_ok=True)
    for stale in set(committed()) - set(files):
        (COMPILED_DIR / stale).unlink()
    for name, text in files.items():
        (COMPILED_DIR / name).write_text(text, encoding="utf-8")
    print(f"{len(files) - 1} templates compiled into {COMPILED_DIR} (Jinja2 {jinja2.__version__})")


if __name__ == "__main__":
    main()
