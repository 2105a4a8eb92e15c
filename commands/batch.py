"""`advise batch`: advice for many municipalities, a summary and a dashboard.

    advise batch DIR|FILE.csv | --prefecture NAME | --all
                 [-o|--out DIR] [--memos] [--jobs N] [--as-of DATE] [--lang ja|en] [--quiet]

Without --out the JSON advice goes to standard output, one line each (JSON
Lines). With --out DIR: advice.jsonl, summary.json, summary.csv, dashboard.html,
municipalities.csv (one row per municipality, UTF-8 with BOM for Excel) and
memos/ with --memos.

Exit status: 0 every input advised; 2 some inputs were bad (each is reported at
the end with file or row, line and field; the others are still advised and
written) or the command itself was given bad input; 1 a defect of the tool.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from ..engine.errors import InputError
from .common import StagedDirectory, check_stop


def _write_atomic(path: Path, text) -> None:
    """Write one output file (a str, or an iterable of pieces never held whole).

    Files go into the staging directory (common.StagedDirectory), which is swapped in
    whole at the end: no file needs its own temporary copy.
    """
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        if isinstance(text, str):
            handle.write(text)
        else:
            handle.writelines(text)


def _items(source, prefecture, everyone, knowledge, encoding="auto"):
    from ..engine.batch import runner as batch
    chosen = [bool(source), bool(prefecture), bool(everyone)]
    if sum(chosen) != 1:
        raise InputError("入力を 1 つだけ指定してください: ディレクトリ、CSV ファイル、--prefecture、--all のいずれか。",
                         "give exactly one input: a directory, a CSV file, --prefecture or --all", field="SOURCE")
    if prefecture:
        return batch.items_for_prefecture(knowledge, prefecture)
    if everyone:
        return batch.items_for_all(knowledge)
    if Path(source).is_dir():
        return batch.items_from_directory(source)
    if not Path(source).exists():
        raise InputError("入力が見つかりません。", "no such file or directory", file=source)
    if Path(source).suffix.lower() != ".csv":
        raise InputError("入力はプロファイルのディレクトリか .csv ファイルにしてください。",
                         "the input must be a directory of profiles or a .csv file", file=source)
    return batch.items_from_csv(source, encoding)


@click.command("batch")
@click.argument("source", required=False)
@click.option("--prefecture", help="every municipality of this prefecture, from public data alone")
@click.option("--all", "everyone", is_flag=True, help="every municipality of Japan (1,741), from public data alone")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False),
              help="write advice.jsonl, summary.json/.csv, dashboard.html and municipalities.csv into DIR")
@click.option("--memos", is_flag=True, help="also write each memo to DIR/memos/ (needs --out)")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="worker processes, each with its own rule engine")
@click.option("--as-of", "as_of", help="advice for this date (YYYY-MM-DD); overrides each profile's as_of")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@click.option("--parameters", "parameter_files", multiple=True, type=click.Path(dir_okay=False),
              help="a parameter file replacing shipped values")
@click.option("--quiet", is_flag=True, help="no progress bar and no summary line")
@click.option("--encoding", type=click.Choice(["auto", "utf-8", "cp932"]), default="auto", show_default=True,
              help="of a CSV input: auto tries UTF-8, then cp932 (Shift_JIS, as Excel saves on Japanese Windows)")
@click.option("--log", "log_it", is_flag=True, help="record each advice in the advice log (see `advise log`)")
@click.option("--log-db", "log_db", metavar="PATH",
              help="the advice log database (implies --log; default: $ADVISE_LOG_DB, else the user's data directory)")
def batch(source, prefecture, everyone, out_dir, memos, jobs, as_of, lang, parameter_files, quiet, encoding, log_it,
          log_db):
    """Advise many municipalities: a directory of profiles, a CSV, a prefecture, or all.

    Exit status 0 when every input was advised, 2 when some inputs were bad
    (listed at the end; the rest is still written), 1 on a defect.
    """
    from .common import parse_as_of, run_guarded
    status = {"code": 0}

    def action():
        status["code"] = _run(source, prefecture, everyone, out_dir, memos, jobs, parse_as_of(as_of), lang,
                              parameter_files, quiet, _log_path(log_it, log_db), encoding)
    run_guarded(action)
    sys.exit(status["code"])


def _log_path(log_it: bool, log_db: str | None) -> Path | None:
    """The advice log to append to, made and checked now (a newer log stops the run before any work)."""
    if not (log_it or log_db):
        return None
    from .log import open_log
    log = open_log(log_db, create=True)
    log.close()  # each worker opens its own connection: none is carried across fork
    return log.path


def _run(source, prefecture, everyone, out_dir, memos, jobs, as_of, lang, parameter_files, quiet,
         log_path: Path | None = None, encoding: str = "auto") -> int:
    from ..engine.knowledge.base import load_knowledge
    if memos and not out_dir:
        raise InputError("--memos には --out DIR が必要です。", "--memos needs --out DIR", field="--memos")
    knowledge = load_knowledge()
    items = _items(source, prefecture, everyone, knowledge, encoding)
    out = Path(out_dir) if out_dir is not None else None
    with StagedDirectory(out) if out is not None else contextlib.nullcontext() as stage:
        return _advise_and_write(items, stage, out, knowledge, memos, jobs, as_of, lang, parameter_files, quiet,
                                 log_path)


def _advise_and_write(items, stage: Path | None, out: Path | None, knowledge, memos, jobs, as_of, lang,
                      parameter_files, quiet, log_path) -> int:
    """Advise every item; write into ``stage`` (swapped in as ``out`` at the end) or to stdout."""
    from ..engine.batch.runner import run_batch
    show_bar = not quiet and sys.stderr.isatty()
    with click.progressbar(length=len(items), file=sys.stderr, label="助言 / advising",
                           show_pos=True, show_eta=True) if show_bar else _NoBar() as bar:
        def progress(n: int) -> None:
            check_stop()  # Ctrl-C/SIGTERM swallowed inside the rule engine still stops the run here
            bar.update(n)
        outcome = run_batch(items, jobs=jobs, as_of=as_of, lang=lang, memos=memos,
                            parameter_files=tuple(parameter_files), progress=progress, log_db=log_path)

    try:
        if out is None:
            sys.stdout.writelines(outcome.json_lines())
        else:
            _write_outputs(stage, outcome, knowledge, parameter_files, as_of, lang)
    finally:
        outcome.spool.close()

    for failure in outcome.failures:
        click.echo(f"advise batch: {'エラー' if failure.bad_input else '内部エラー'}: {failure.error}", err=True)
    if not quiet:
        click.echo(f"advise batch: {len(outcome.results)} 団体の助言 / advised, "
                   f"{len(outcome.failures)} 件の失敗 / failed" + (f" → {out}" if out else "")
                   + (f"; 記録 / logged in {log_path}" if log_path else ""), err=True)
    if outcome.defects:
        return 1
    return 2 if outcome.bad_inputs else 0


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


def _write_outputs(out: Path, outcome, knowledge, parameter_files, as_of, lang) -> None:
    from ..engine.documents.dashboard import render_dashboard
    from ..engine.rules.parameters import load_parameters
    from ..engine.batch.summary import summarise, summary_csv
    from ..engine.batch.table import office_table
    parameters = load_parameters([Path(p) for p in parameter_files])
    failures = [{"source": f.label, "message": f.error} for f in outcome.failures]
    summary = summarise([r.record for r in outcome.results], knowledge, parameters, failures, as_of)
    _write_atomic(out / "advice.jsonl", outcome.json_lines())
    _write_atomic(out / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    _write_atomic(out / "summary.csv", summary_csv(summary))
    _write_atomic(out / "dashboard.html", render_dashboard(summary, [r.record for r in outcome.results],
                                                           knowledge, lang))
    _write_atomic(out / "municipalities.csv", office_table([r.record for r in outcome.results], outcome.failures, lang))
    if outcome.memo_format:
        memo_dir = out / "memos"
        memo_dir.mkdir()
        for result in outcome.results:
            _write_atomic(memo_dir / f"{result.code}.md", outcome.memo_of(result))
