"""`advise log list | show | verify | replay`: the advice log, for auditors.

The log is written by `advise PROFILE --log` and `advise batch --log`. Its file is
--log-db PATH, else $ADVISE_LOG_DB, else advice-log.sqlite3 in the user's data
directory. Exit status: 0 done (verify: the chain is intact); 2 bad input, a
missing or newer log, or (verify) a record that was edited, removed or moved,
named in the message; 1 anything else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..engine.errors import InputError
from .common import output_format, parse_as_of, run_guarded, write_output

LOG_DB_HELP = "the log database (default: $ADVISE_LOG_DB, else the user's data directory)"


def log_db_option(function):
    return click.option("--log-db", "log_db", metavar="PATH", help=LOG_DB_HELP)(function)


def open_log(log_db: str | None, create: bool = False):
    from ..engine.log.location import log_path
    from ..engine.log.store import AdviceLog
    log = AdviceLog(log_path(log_db), create=create)
    log.connection()  # refuses a missing, foreign or newer file now, before any work
    return log


@contextlib.contextmanager
def opened_log(log_db: str | None):
    """The log for reading; closed at the end, which also takes in a -wal file left by a crash."""
    log_ = open_log(log_db)
    try:
        yield log_
    finally:
        log_.close()


@click.group("log")
def log():
    """助言の記録 / the advice log: list, show, verify, replay."""


def _local(timestamp: str) -> str:
    return dt.datetime.fromisoformat(timestamp).astimezone().isoformat(timespec="seconds")


def _record_id(value: str) -> int:
    text = value.lstrip("#")
    if not text.isdigit() or int(text) < 1:
        raise InputError(f"記録番号 {value!r} を読めません（1 以上の整数）。", f"record id {value!r} is not a number from 1",
                         field="ID")
    return int(text)


def _damaged(record: dict) -> InputError:
    return InputError(f"記録 #{record['seq']} が壊れています（JSON を読めません）。advise log verify で確認してください。",
                      f"record #{record['seq']} is damaged (its JSON does not parse): run advise log verify",
                      field="ID")


def _parsed(record: dict, key: str):
    """A record's summary or audit as data; a damaged (tampered) one is a clear error, not a traceback."""
    try:
        return json.loads(record[key])
    except ValueError:
        raise _damaged(record) from None


def _get(log_, seq: int) -> dict:
    record = log_.get(seq)
    if record is None:
        count, _ = log_.head()
        raise InputError(f"記録 #{seq} はありません（記録は #{count} まで）。", f"no record #{seq} (the log has {count})",
                         file=str(log_.path), field="ID")
    return record


@log.command("list")
@click.option("--code", help="only this municipality (5 or 6 digit code)")
@click.option("--since", help="only records made on or after this date (YYYY-MM-DD, local time)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@log_db_option
def list_command(code, since, fmt, log_db):
    """記録の一覧 / list the records (id, time, municipality, as_of, fired, asks, grants)."""
    def action():
        from ..engine.impact.outcome import Outcome
        from ..engine.impact.report import text_table
        from ..engine.knowledge.codes import normalize_code, with_check_digit
        wanted = normalize_code(code) if code else None
        if wanted is not None and (not wanted.isdigit() or len(wanted) not in (5, 6)):
            raise InputError(f"団体コード {code!r} は 5 桁か 6 桁の数字です。", f"code {code!r} must be 5 or 6 digits",
                             field="--code")
        if wanted is not None and len(wanted) == 5:
            wanted = with_check_digit(wanted)
        start = None
        if since:
            try:
                day = parse_as_of(since)
            except InputError:
                raise InputError(f"--since の日付 {since!r} を読めません（YYYY-MM-DD）。",
                                 f"--since {since!r} is not a date (YYYY-MM-DD)", field="--since") from None
            start = dt.datetime.combine(day, dt.time()).astimezone()  # local midnight
        rows = []
        with opened_log(log_db) as log_:
            entries = log_.entries(wanted, start)
        for entry in entries:
            try:
                outcome = Outcome.from_json(json.loads(entry["summary"]))
            except (ValueError, KeyError, TypeError, AttributeError):
                outcome = None  # a damaged record is still listed; verify names it
            eligible = sorted(item for item, g in outcome.grants.items() if g.get("eligible") is True) if outcome else []
            rows.append({"id": entry["seq"], "recorded_at": _local(entry["recorded_at"]), "code": entry["code"],
                         "prefecture": entry["prefecture"], "municipality": entry["municipality"],
                         "as_of": entry["as_of"], "fired": len(outcome.fired) if outcome else None,
                         "asks": len(outcome.asks) if outcome else None, "grants_eligible": eligible,
                         "grants_yen": sum(outcome.granted_yen(item) for item in outcome.grants) if outcome else None,
                         "ruleset_sha256": entry["ruleset_sha256"], "source": entry["source"]})
        if fmt == "json":
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            click.echo("記録はありません / no records")
            return
        table = text_table(
            ["#", "記録日時 / recorded", "団体 / municipality", "基準日 / as_of", "該当 / fired", "提言 / recommendations",
             "交付税 / grants (yen)", "ruleset"],
            [[r["id"], r["recorded_at"], f"{r['code']} {r['prefecture']}{r['municipality']}", r["as_of"],
              "?" if r["fired"] is None else r["fired"], "?" if r["asks"] is None else r["asks"],
              "?" if r["grants_yen"] is None else f"{len(r['grants_eligible'])} / {r['grants_yen']:,}",
              r["ruleset_sha256"][:12]]
             for r in rows])
        click.echo("\n".join(line[2:] for line in table))
    run_guarded(action)


SHOW_FORMATS = ("audit", "json")


@log.command("show")
@click.argument("record_id", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(SHOW_FORMATS),
              help="audit: the rule audit as text; json: the whole record [default: json for -o FILE.json, else audit]")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@click.option("-o", "--output", help="write to FILE instead of standard output")
@log_db_option
def show_command(record_id, fmt, lang, output, log_db):
    """記録 1 件 / one record: its audit, or the whole record as JSON."""
    def action():
        from ..engine.documents.audit import render_record_text
        fmt_ = output_format(fmt, output, SHOW_FORMATS, "audit")
        with opened_log(log_db) as log_:
            record = _get(log_, _record_id(record_id))
        audit = _parsed(record, "audit")
        if fmt_ == "json":
            whole = {key: value for key, value in record.items() if key not in ("summary", "audit")}
            whole.update(summary=_parsed(record, "summary"), audit=audit)
            write_output(json.dumps(whole, ensure_ascii=False, indent=2), output)
            return
        head = [f"{'助言記録' if lang == 'ja' else 'Advice log record'} #{record['seq']}",
                f"{'記録日時' if lang == 'ja' else 'Recorded'}: {_local(record['recorded_at'])}",
                f"{'入力' if lang == 'ja' else 'Source'}: {record['source']}",
                f"{'パラメータ sha256' if lang == 'ja' else 'Parameters sha256'}: {record['parameters_sha256']}",
                f"{'記録の hash' if lang == 'ja' else 'Record hash'}: {record['hash']}", ""]
        write_output("\n".join(head) + render_record_text(audit, lang), output)
    run_guarded(action)


@log.command("verify")
@click.option("--head", "expected_head", metavar="HASH",
              help="also require this record hash (noted earlier from verify) to be in the chain")
@log_db_option
def verify_command(expected_head, log_db):
    """ハッシュ連鎖の検証 / check the hash chain: exit 0 intact, 2 naming the first bad record."""
    status = {"code": 0}

    def action():
        with opened_log(log_db) as log_:
            result = log_.verify()
            found = _in_chain(log_, expected_head) if expected_head else True
        if not result.intact:
            click.echo(f"advise log verify: 改ざんを検出 / tampering found: {result.problem}", err=True)
            click.echo(f"  ({log_.path}; 記録 #1–#{result.count} は正常 / records #1–#{result.count} hold)"
                       if result.count else f"  ({log_.path})", err=True)
            status["code"] = 2
            return
        if not found:
            click.echo(f"advise log verify: 指定の hash {expected_head} が連鎖にありません（記録が差し替えられたか切り詰められています）"
                       f" / the hash {expected_head} is not in the chain (the log was rewritten or truncated)", err=True)
            status["code"] = 2
            return
        click.echo(f"正常 / intact: {result.count:,} 件の記録 / records; head #{result.count} {result.head_hash}")
    run_guarded(action)
    sys.exit(status["code"])


def _in_chain(log_, digest: str) -> bool:
    return log_.connection().execute("SELECT 1 FROM advice_log WHERE hash = ?", (digest.strip().lower(),)).fetchone() \
        is not None


@log.command("replay")
@click.argument("record_id", metavar="ID")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False),
              help="replay under the rule files in DIR instead of the installed ones")
@click.option("--parameters", "parameter_files", multiple=True, type=click.Path(dir_okay=False),
              help="a parameter file replacing installed values")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@log_db_option
def replay_command(record_id, rules_dir, parameter_files, fmt, lang, log_db):
    """記録したプロファイルを今日のルールで再実行 / advise the recorded profile again under today's rules."""
    def action():
        from ..engine.advice import Advisor
        from ..engine.log.replay import replay
        with opened_log(log_db) as log_:
            record = _get(log_, _record_id(record_id))
        advisor = Advisor(parameter_files=[Path(p) for p in parameter_files],
                          rules_dir=Path(rules_dir) if rules_dir else None)
        try:
            result = replay(record, advisor)
        except (ValueError, KeyError, TypeError, AttributeError):  # its summary or audit does not parse
            raise _damaged(record) from None
        if fmt == "json":
            click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        click.echo(_replay_text(result, record, lang))
    run_guarded(action)


def _replay_text(result, record: dict, lang: str) -> str:
    from ..engine.impact.report import change_lines
    ja = lang == "ja"

    def same(a: str, b: str) -> str:
        if a == b:
            return f"{a[:16]}… ({'同じ' if ja else 'unchanged'})"
        return f"{a[:16]}… → {b[:16]}… ({'変更あり' if ja else 'changed'})"

    lines = [(f"記録 #{result.seq}（{record['code']} {record['prefecture']}{record['municipality']}、基準日 {result.as_of}）を"
              f"現在のルールで再実行しました。") if ja else
             (f"Record #{result.seq} ({record['code']} {record['municipality']}, as of {result.as_of}) "
              f"advised again under today's rules."),
             f"{'ルールセット' if ja else 'Ruleset'} sha256: {same(result.recorded_ruleset, result.ruleset)}",
             f"{'パラメータ' if ja else 'Parameters'} sha256: {same(result.recorded_parameters, result.parameters)}"]
    if result.same:
        lines.append("結果: 同じ（該当ルール・提言・確認事項・交付税に違いはありません）" if ja else
                     "Outcome: the same (no difference in rules fired, recommendations, questions or grants)")
    else:
        lines.append("結果: 異なる" if ja else "Outcome: different")
        lines += [f"  {label}: {text}" for label, text in change_lines(result.change, lang)]
    if result.facts:
        lines.append("事実の違い（記録時 → 現在）:" if ja else "Facts that differ (recorded → now):")
        lines += [f"  {fact}: {json.dumps(a, ensure_ascii=False)} → {json.dumps(b, ensure_ascii=False)}"
                  for fact, a, b in result.facts]
    return "\n".join(lines)
