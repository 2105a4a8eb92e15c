"""Advice for many municipalities at once (`advise batch`).

Inputs become ``BatchItem``s (a profile file, or a profile built from a CSV row
or from public data alone); ``run_batch`` advises each, in this process or in N
worker processes that each build one ``Advisor`` (one rule-engine host per
process). A bad input is recorded as a failure with its message and the run
goes on. Results are sorted by municipality code, so the output is the same
whatever the order of completion and the number of processes.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import InputError
from ..gc_pause import gc_frozen
from ..inputs.limits import MAX_BATCH_FILES, limit_error
from ..knowledge.base import KnowledgeBase

# --- inputs -------------------------------------------------------------------


@dataclass(frozen=True)
class BatchItem:
    """One profile to advise: a YAML file (``path``) or ready data (``data``) with its origin."""

    order: int                 # position in the input: the first of two duplicates wins
    label: str                 # what to name in messages: a file, or "file:row"
    path: str | None = None
    data: dict | None = None
    file: str = ""             # the file named in errors for ``data`` items
    line: int | None = None    # the line named in errors for ``data`` items
    text: str = ""             # the text hashed as the profile's sha256 for ``data`` items
    error: str | None = None   # already known to be bad (e.g. a CSV row with too many cells)


@dataclass
class BatchResult:
    order: int
    label: str
    code: str | None = None
    json_line: str | None = None
    record: dict | None = None
    memo: str | None = None
    error: str | None = None
    bad_input: bool = True     # False: a defect of the tool, not of the input
    json_span: tuple | None = None   # (offset, length) in the spool once spooled
    memo_span: tuple | None = None


class Spool:
    """Advice and memo texts kept on disk as they arrive, read back in code order.

    The JSON advice of the whole country is ~60 MB of text; holding it (and a
    joined copy to write) doubled the peak memory of a national run.
    """

    def __init__(self):
        self.file = tempfile.TemporaryFile()

    def _put(self, text: str | None) -> tuple | None:
        if text is None:
            return None
        data = text.encode("utf-8")
        offset = self.file.seek(0, 2)
        self.file.write(data)
        return offset, len(data)

    def add(self, result: "BatchResult") -> None:
        result.json_span, result.json_line = self._put(result.json_line), None
        result.memo_span, result.memo = self._put(result.memo), None

    def read(self, span: tuple) -> str:
        self.file.seek(span[0])
        return self.file.read(span[1]).decode("utf-8")

    def close(self) -> None:
        self.file.close()


@dataclass
class BatchOutcome:
    results: list[BatchResult]          # advice, sorted by code
    failures: list[BatchResult]         # bad inputs and defects, in input order
    memo_format: str | None = None      # "markdown" when memos were asked for
    spool: Spool | None = None

    def json_lines(self) -> Iterator[str]:
        """Each advice as one JSON line, in code order."""
        for result in self.results:
            yield (self.spool.read(result.json_span) if self.spool else result.json_line) + "\n"

    def memo_of(self, result: BatchResult) -> str | None:
        if self.spool is not None and result.memo_span is not None:
            return self.spool.read(result.memo_span)
        return result.memo

    @property
    def bad_inputs(self) -> bool:
        return any(f.bad_input for f in self.failures)

    @property
    def defects(self) -> bool:
        return any(not f.bad_input for f in self.failures)


def items_from_directory(directory: str | Path) -> list[BatchItem]:
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError("プロファイルのディレクトリがありません。", "no such directory of profiles", file=str(directory))
    files = sorted(list(folder.glob("*.yaml")) + list(folder.glob("*.yml")))
    if not files:
        raise InputError("ディレクトリに *.yaml のプロファイルがありません。", "no *.yaml profiles in the directory",
                         file=str(directory))
    if len(files) > MAX_BATCH_FILES:
        raise limit_error("MAX_BATCH_FILES", MAX_BATCH_FILES, "ディレクトリのプロファイルが多すぎます。",
                          "too many profiles in the directory", file=str(directory))
    # A FIFO would block the run for ever and a link to /dev/zero fill memory: anything but a
    # regular file is skipped unread and reported.
    return [BatchItem(order=i, label=str(path), path=str(path), error=None if _regular(path) else str(InputError(
                "通常のファイルではないため読みません（FIFO、デバイス、壊れたリンクなど）。",
                "not a regular file, so not read (a FIFO, a device, a broken link…)", file=str(path))))
            for i, path in enumerate(files)]


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def items_from_codes(codes: list[str], label: str) -> list[BatchItem]:
    """Profiles of public data alone: ``{code: ...}`` for each code."""
    return [BatchItem(order=i, label=f"{label}:{code}", data={"code": code}, file=label, line=None,
                      text=f'code: "{code}"\n') for i, code in enumerate(codes)]


def items_for_prefecture(knowledge: KnowledgeBase, prefecture: str) -> list[BatchItem]:
    try:
        found = knowledge.in_prefecture(prefecture)
    except InputError as exc:
        exc.field = "--prefecture"
        raise
    return items_from_codes([m.code for m in found], f"--prefecture {prefecture}")


def items_for_all(knowledge: KnowledgeBase) -> list[BatchItem]:
    return items_from_codes(sorted(knowledge.municipalities), "--all")


def items_from_csv(path: str | Path, encoding: str = "auto") -> list[BatchItem]:
    from .csv_input import read_profile_rows
    return read_profile_rows(path, encoding)


# --- advising one item ----------------------------------------------------------

_WORKER: dict[str, Any] = {}


def init_worker(parameter_files: tuple[str, ...], as_of: dt.date | None, lang: str, memos: bool,
                log_db: str | None = None) -> None:
    """Build this process's Advisor once (knowledge, parameters, rules, one durable host).

    With ``log_db`` each advice is appended to the advice log as soon as it is made,
    by the process that made it (each process opens its own connection).
    """
    from ..advice import Advisor
    # A forked worker inherits the parent's Advisor (see run_batch): reuse it rather than
    # load the knowledge base and rules again in every process.
    advisor = _WORKER.get("advisor") if _WORKER.get("parameter_files") == parameter_files else None
    _WORKER.clear()
    _WORKER.update(advisor=advisor or Advisor(parameter_files=[Path(p) for p in parameter_files]),
                   parameter_files=parameter_files, as_of=as_of, lang=lang, memos=memos,
                   render=_memo_renderer() if memos else None, log=_advice_log(log_db))


def _advice_log(log_db: str | None):
    if log_db is None:
        return None
    from ..log.store import AdviceLog
    return AdviceLog(log_db, sync_every_record=False)  # synced once, at the end (_close_log)


def _memo_renderer() -> Callable:
    from ..documents.render import render_memo
    return render_memo


def profile_of_item(item: BatchItem, knowledge: KnowledgeBase, as_of: dt.date | None):
    """The validated profile of one input (InputError when it is bad)."""
    from ..profile.loader import parse_profile, read_document
    from ..inputs.yamlio import Document
    if item.error is not None:
        raise InputError(item.error)
    if item.path is not None:
        doc = read_document(item.path)
    else:
        doc = Document(data=item.data, file=item.file, text=item.text,
                       lines={(): item.line} if item.line else {})
    return parse_profile(doc, knowledge, as_of)


def _profile_of(item: BatchItem):
    return profile_of_item(item, _WORKER["advisor"].knowledge, _WORKER["as_of"])


def advise_item(item: BatchItem) -> BatchResult:
    from ..documents.output_json import advice_json
    from ..documents.memo_context import ask_titles
    from .summary import record_of
    advisor, lang = _WORKER["advisor"], _WORKER["lang"]
    if item.error is not None:
        return BatchResult(order=item.order, label=item.label, error=item.error)
    try:
        profile = _profile_of(item)
        advice = advisor.advise(profile)
        data = advice_json(advice, advisor, lang)
        json_line = json.dumps(data, ensure_ascii=False, allow_nan=False)
        memo = None
        if _WORKER["log"] is not None:
            from ..log.record import log_fields
            _WORKER["log"].append(log_fields(advice, advisor, source=item.label))
        record = record_of(data)
        record["asks"] = ask_titles(advice, lang)  # for the offices' table (engine/batch/table.py)
        if _WORKER["memos"]:
            render = _WORKER["render"]
            memo = render(advice, advisor, lang=lang, fmt="markdown", data=data)  # the JSON made above, reused
        return BatchResult(order=item.order, label=item.label, code=data["municipality"]["code"],
                           json_line=json_line, record=record, memo=memo)
    except InputError as exc:
        return BatchResult(order=item.order, label=item.label, error=str(exc))
    except Exception as exc:  # a defect for this one municipality: report it, go on with the rest
        return BatchResult(order=item.order, label=item.label, bad_input=False,
                           error=f"内部エラー / internal error: {type(exc).__name__}: {exc}")


def _advise_chunk(items: list[BatchItem]) -> list[BatchResult]:
    return [advise_item(item) for item in items]


# --- running ----------------------------------------------------------------------


def _chunks(items: list[BatchItem], size: int) -> Iterator[list[BatchItem]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _start_method() -> str:
    # fork shares the already imported modules and knowledge; spawn where fork is unavailable.
    return "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" else "spawn"


def run_batch(items: list[BatchItem], *, jobs: int = 1, as_of: dt.date | None = None, lang: str = "ja",
              memos: bool = False, parameter_files: tuple[str, ...] = (),
              progress: Callable[[int], None] | None = None, log_db: str | None = None) -> BatchOutcome:
    """Advise every item; ``progress(n)`` is called as n more items are done.

    ``log_db``: append each advice to this advice log (which must already exist) as it is made.
    """
    arguments = (tuple(str(p) for p in parameter_files), as_of, lang, memos, str(log_db) if log_db else None)
    raw: list[BatchResult] = []
    spool = Spool()

    def keep(result: BatchResult) -> None:
        spool.add(result)
        raw.append(result)

    if jobs <= 1 or len(items) <= 1:
        init_worker(*arguments)
        with gc_frozen():  # the Advisor and its knowledge live through the run: never scan them
            for item in items:
                keep(advise_item(item))
                if progress:
                    progress(1)
    else:
        # Small chunks keep the progress bar moving and the two workers evenly loaded.
        size = max(1, min(25, len(items) // (jobs * 8) or 1))
        method = _start_method()
        if method == "fork":
            init_worker(*arguments)  # built once here, inherited by every worker
        context = multiprocessing.get_context(method)
        with gc_frozen():
            pool = context.Pool(processes=jobs, initializer=init_worker, initargs=arguments)
            try:
                for chunk in pool.imap_unordered(_advise_chunk, list(_chunks(items, size))):
                    for result in chunk:
                        keep(result)
                    if progress:
                        progress(len(chunk))
                # Done: the workers finish and exit on their own. (`with Pool` would terminate them:
                # SIGTERM to workers waiting on the task queue's lock, which the pool's own clean-up
                # holds; once in the full suite a worker outlived it and the join never returned.)
                pool.close()
            except BaseException:
                pool.terminate()  # interrupted or failed: stop the workers now
                raise
            finally:
                pool.join()
    if log_db:
        _close_log(str(log_db))
    outcome = _collate(raw, "markdown" if memos else None)
    outcome.spool = spool
    return outcome


def _close_log(log_db: str) -> None:
    """Close this process's log connection and checkpoint (sync) what the workers committed,
    before any output of the batch is written."""
    from ..log.store import AdviceLog
    if _WORKER.get("log") is not None:
        _WORKER["log"].close()
    log = AdviceLog(log_db)
    log.connection()
    log.close()


def _collate(raw: list[BatchResult], memo_format: str | None) -> BatchOutcome:
    raw.sort(key=lambda r: r.order)
    seen: dict[str, BatchResult] = {}
    failures: list[BatchResult] = []
    for result in raw:
        if result.error is not None:
            failures.append(result)
        elif result.code in seen:
            failures.append(BatchResult(order=result.order, label=result.label, error=(
                f"{result.label}: {result.code} は {seen[result.code].label} と同じ団体です（先の入力を使いました）。"
                f" / {result.code} is the same municipality as {seen[result.code].label} (the first one is used)")))
        else:
            seen[result.code] = result
    results = sorted(seen.values(), key=lambda r: r.code)
    return BatchOutcome(results=results, failures=failures, memo_format=memo_format)
