"""What every subcommand shares: guarded running (exit 0/2/1), dates, writing output."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

import click

from ..engine.errors import InputError


def write_output(text: str, output: str | None) -> None:
    """Write to stdout or atomically to ``output`` (never a half-written file)."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("出力先のディレクトリがありません。", "the output directory does not exist",
                         file=str(output), field="-o")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# What each output extension means; an extension not listed here says nothing.
EXTENSION_FORMATS = {
    ".md": ("markdown",), ".markdown": ("markdown",),
    ".html": ("html",), ".htm": ("html",),
    ".json": ("json", "audit-json"),
    ".txt": ("text",),
}
FORMAT_ALIASES = {"md": "markdown"}


def output_format(fmt: str | None, output: str | None, choices: tuple[str, ...], default: str) -> str:
    """The format to write: --format if given, else the one the -o extension names, else ``default``.

    A --format the extension contradicts (``--format json -o memo.html``) is bad input.
    """
    fmt = FORMAT_ALIASES.get(fmt, fmt)
    implied = [f for f in EXTENSION_FORMATS.get(Path(output).suffix.lower(), ()) if f in choices] if output else []
    if fmt is None:
        return implied[0] if implied else default
    if implied and fmt not in implied:
        suffix = Path(output).suffix
        raise InputError(f"--format {fmt} と出力ファイルの拡張子 {suffix}（{' / '.join(implied)}）が食い違っています。",
                         f"--format {fmt} contradicts the extension {suffix} of the output file "
                         f"({' / '.join(implied)})", file=str(output), field="--format")
    return fmt


def parse_as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--as-of の日付 {value!r} を読めません（YYYY-MM-DD）。",
                         f"--as-of {value!r} is not a date (YYYY-MM-DD)", field="--as-of") from None


def run_guarded(action) -> None:
    """Run ``action``; bad input exits 2 with its message, anything else 1."""
    try:
        action()
    except InputError as exc:
        click.echo(f"advise: エラー: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Exit:
        raise
    except BrokenPipeError:
        raise  # the reader went away (`| head`): cli.py ends quietly, in one place
    except click.ClickException:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a defect: say so briefly, the details go to --debug
        if os.environ.get("ADVISE_DEBUG"):
            raise
        click.echo(f"advise: 内部エラー / internal error: {type(exc).__name__}: {exc}"
                   " (ADVISE_DEBUG=1 で詳細 / set ADVISE_DEBUG=1 for details)", err=True)
        sys.exit(1)
