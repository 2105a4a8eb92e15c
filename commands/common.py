"""What every subcommand shares: guarded running (exit 0/2/1), dates, writing output."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

import click

from ..engine.errors import InputError
from ..engine.inputs.limits import check_date_range


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target_mode(target: Path) -> int:
    """An existing file keeps its mode; a new one gets what the umask allows (mkstemp alone gives 0600)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def check_output_target(output: str, inputs: Sequence[str] = (), option: str = "-o") -> Path:
    """The path ``output`` names, if it may be (re)placed; else an InputError (exit 2).

    Refused: an empty name, a directory, anything that is not a regular file (a FIFO,
    a device, a symbolic link: replacing it would destroy what it is), a read-only
    file, an input of this very run, and a directory that does not exist.
    """
    if not output:
        raise InputError("出力先のファイル名が空です。", "the output file name is empty", field=option)
    target = Path(output)
    where = dict(file=str(output), field=option)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(f"出力先を確認できません: {exc.strerror}", f"cannot inspect the output: {exc.strerror}",
                         **where) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise InputError("出力先がディレクトリです。ファイル名を指定してください。",
                             "the output is a directory; give a file name", **where)
        if stat.S_ISLNK(info.st_mode):
            raise InputError("出力先がシンボリックリンクです。置き換えないので、リンク先のファイル名を直接指定してください。",
                             "the output is a symbolic link, which is not replaced; name the file itself", **where)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("出力先が通常のファイルではありません（FIFO やデバイスには書きません）。",
                             "the output is not a regular file (FIFOs and devices are not written)", **where)
        # The mode bits too: root may write anything, but a file marked read-only is meant to stay.
        if not os.access(target, os.W_OK) or not info.st_mode & 0o222:
            raise InputError("出力先のファイルは書き込み禁止です。", "the output file is read-only", **where)
        for source in inputs:
            if source and source != "-" and _same_file(source, target):
                raise InputError(f"出力先が入力ファイル {source} と同じです。入力を上書きしないよう、別の名前にしてください。",
                                 f"the output is the input file {source}; choose another name so it is not overwritten",
                                 **where)
    directory = target.parent
    if not directory.is_dir():
        raise InputError("出力先のディレクトリがありません。", "the output directory does not exist", **where)
    if not os.access(directory, os.W_OK | os.X_OK):
        raise InputError("出力先のディレクトリに書き込めません。", "the output directory is not writable", **where)
    return target


def _same_file(a: str, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def atomic_write(target: Path, text: str | Iterable[str], label: str | None = None) -> None:
    """Write whole or not at all: a temporary file beside ``target``, renamed over it.

    A reader (or a crash) never sees half a file; an existing file keeps its mode,
    a new one follows the umask. ``text`` may be an iterable of pieces, never held whole.
    """
    mode = _target_mode(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"出力先に書き込めません: {exc.strerror}", f"cannot write the output: {exc.strerror}",
                         file=label or str(target)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                handle.writelines(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(f"出力先に書き込めません: {exc.strerror}", f"cannot write the output: {exc.strerror}",
                             file=label or str(target)) from None
        raise


# What `advise batch --out DIR` writes: a DIR holding only these (or nothing) may be replaced.
BATCH_OUTPUT_NAMES = frozenset({"advice.jsonl", "summary.json", "summary.csv", "dashboard.html", "municipalities.csv", "offices.csv",
                                "memos"})


class StagedDirectory:
    """Build a directory's new contents beside it, then swap them in at once.

    ``with StagedDirectory(out) as stage: ...write into stage...`` leaves ``out`` as it
    was (the previous complete output, or nothing) if anything stops the run before the
    end — an error, Ctrl-C, SIGTERM — and as the new complete output after it. The stage
    is made at the start, so an unwritable place is refused before any work. An existing
    ``out`` is replaced only if it holds nothing but a previous batch output: pointed at
    a directory of other files, it refuses rather than delete them.
    """

    def __init__(self, out: Path, option: str = "--out", known: frozenset = BATCH_OUTPUT_NAMES):
        self.out = Path(out)
        self.option = option
        self.known = known
        self.stage: Path | None = None

    def _error(self, ja: str, en: str) -> InputError:
        return InputError(ja, en, file=str(self.out), field=self.option)

    def __enter__(self) -> Path:
        out = self.out
        if not str(out) or str(out) in (".", ".."):
            raise self._error("出力先には新しいディレクトリ名を指定してください。", "give a new directory name for the output")
        try:
            info = os.lstat(out)
        except FileNotFoundError:
            info = None
        except OSError as exc:  # a parent that is a file, or cannot be searched
            raise self._error(f"出力先に書き込めません: {exc.strerror}",
                              f"cannot write the output directory: {exc.strerror}") from None
        if info is not None:
            if stat.S_ISLNK(info.st_mode):
                raise self._error("出力先がシンボリックリンクです。置き換えないので、実際のディレクトリ名を指定してください。",
                                  "the output is a symbolic link, which is not replaced; name the directory itself")
            if not stat.S_ISDIR(info.st_mode):
                raise self._error("出力先はディレクトリでなければなりません。", "the output must be a directory")
            others = sorted(name for name in os.listdir(out) if name not in self.known)
            if others:
                raise self._error(
                    f"出力先のディレクトリには一括処理の出力以外のもの（{', '.join(others[:3])} など）があります。"
                    "消さないよう、新しいか空のディレクトリを指定してください。",
                    f"the output directory holds other files ({', '.join(others[:3])}…); give a new or empty directory "
                    "so that nothing else is deleted")
        parent = out.absolute().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.stage = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.partial-"))
            os.chmod(self.stage, 0o777 & ~current_umask())
        except OSError as exc:
            raise self._error(f"出力先に書き込めません: {exc.strerror}",
                              f"cannot write the output directory: {exc.strerror}") from None
        self._previous_sigterm = _raise_on_sigterm()
        return self.stage

    def __exit__(self, kind, value, traceback) -> bool:
        try:
            if kind is None and stop_requested():
                raise KeyboardInterrupt  # interrupted, even if the interruption was swallowed on the way
            if kind is None:
                self._swap()
        finally:
            _restore_sigterm(self._previous_sigterm)
            if self.stage is not None and self.stage.exists():
                shutil.rmtree(self.stage, ignore_errors=True)
        return False

    def _swap(self) -> None:
        out, stage = self.out, self.stage
        if not out.exists():
            os.rename(stage, out)
            return
        if _exchange(stage, out):  # atomic: out is never missing, not even for an instant
            shutil.rmtree(stage, ignore_errors=True)  # now holds the previous output
            return
        old = Path(tempfile.mkdtemp(dir=stage.parent, prefix=f".{out.name}.old-"))
        os.rename(out, old / "previous")
        os.rename(stage, out)
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux renameat2(RENAME_EXCHANGE); False where unavailable."""
    if sys.platform != "linux":
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


_STOP = {"requested": False}


def stop_requested() -> bool:
    """True once Ctrl-C or SIGTERM arrived during a staged run (even if something swallowed it)."""
    return _STOP["requested"]


def check_stop() -> None:
    """Raise KeyboardInterrupt if a stop was requested; called between batch items."""
    if _STOP["requested"]:
        raise KeyboardInterrupt


def _raise_on_sigterm():
    """Ctrl-C and SIGTERM stop the run, so the stage is removed and the old output stays.

    The request is also remembered: a KeyboardInterrupt raised inside durable-rules' callback
    comes back as its own error ("Could not delete state"), recorded as one failed item; the
    flag still stops the run at the next item and forbids the swap.
    """
    import signal
    import threading
    if threading.current_thread() is not threading.main_thread():
        return None
    owner = os.getpid()
    _STOP["requested"] = False

    def stop(signum, frame):
        if os.getpid() != owner:
            # A forked worker (batch --jobs N) inherited this handler: the pool ends its workers
            # with SIGTERM, and an exception there could leave a lock held. Die as by default.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        _STOP["requested"] = True
        raise KeyboardInterrupt
    try:
        return {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    except ValueError:
        return None


def _restore_sigterm(previous) -> None:
    import signal
    for sig, handler in (previous or {}).items():
        signal.signal(sig, handler)


def write_output(text: str, output: str | None, inputs: Sequence[str] = ()) -> None:
    """Write to stdout, or atomically to ``output`` (never a half-written file, never an input)."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = check_output_target(output, inputs)
    atomic_write(target, text if text.endswith("\n") else text + "\n", label=str(output))


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
        return check_date_range(dt.date.fromisoformat(value), field="--as-of")
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
