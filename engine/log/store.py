"""The advice log's SQLite file: WAL, one transaction per record, a versioned schema.

Each record is appended in its own ``BEGIN IMMEDIATE`` transaction, which takes
the write lock before the chain's head is read: two processes appending at once
(the workers of ``advise batch --jobs N``, or two advisors) are serialised, so
each links to the record before it and none is lost. In WAL mode a committed
record survives the process being killed (``kill -9``) at any point, and a
record whose transaction had not committed leaves no trace. Against a power cut,
a single advice is synced as it is committed (``synchronous=FULL``); a batch
commits its records without waiting for the disk (``NORMAL``, ~1 ms instead of
~7 ms a record here) and syncs them all with a checkpoint when it closes the
log, before it writes any output, so no advice leaves the tool unrecorded. A
connection is never carried across ``fork``: each process opens its own.

The schema version is SQLite's ``user_version``; ``application_id`` marks the
file as an advice log. A file from a newer version of the tool is refused with
a clear message rather than read wrongly or written into.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .chain import GENESIS, HASHED_FIELDS, Break, first_break, record_hash

SCHEMA_VERSION = 1
APPLICATION_ID = 0x4A434C47  # "JCLG": jichitai cloud log
BUSY_TIMEOUT_S = 60          # how long an append waits for another writer

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE advice_log (
    seq INTEGER PRIMARY KEY,          -- position in the chain, from 1
    recorded_at TEXT NOT NULL,        -- UTC, ISO 8601
    tool_version TEXT NOT NULL,
    ruleset_sha256 TEXT NOT NULL,     -- rules, vocabulary and parameter files used
    parameters_sha256 TEXT NOT NULL,  -- the parameter files alone
    code TEXT NOT NULL,
    prefecture TEXT NOT NULL,
    municipality TEXT NOT NULL,
    as_of TEXT NOT NULL,
    source TEXT NOT NULL,             -- the profile file, or the batch input it came from
    profile_text TEXT NOT NULL,
    profile_sha256 TEXT NOT NULL,
    summary TEXT NOT NULL,            -- JSON: the outcome (statuses, fired, asks, questions, grants)
    audit TEXT NOT NULL,              -- JSON: the full audit record
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX advice_log_code ON advice_log (code);
CREATE INDEX advice_log_recorded_at ON advice_log (recorded_at);
"""
_COLUMNS = ("seq",) + HASHED_FIELDS + ("prev_hash", "hash")


@dataclass(frozen=True)
class Verification:
    count: int                 # records that hold
    head_hash: str             # hash of the last record that holds
    problem: Break | None      # the first record that does not hold

    @property
    def intact(self) -> bool:
        return self.problem is None


def _error(path: Path, ja: str, en: str) -> InputError:
    return InputError(ja, en, file=str(path), field="--log-db")


class AdviceLog:
    """One log file. ``create=True`` makes it (and its directory) when it does not exist yet."""

    def __init__(self, path: Path | str, create: bool = False, sync_every_record: bool = True):
        self.path = Path(path)
        self.create = create
        self.sync_every_record = sync_every_record  # False: synced at close() (a batch)
        self._connection: sqlite3.Connection | None = None
        self._pid: int | None = None

    # --- opening ---------------------------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        if not self.path.exists():
            if not self.create:
                raise _error(self.path, "助言記録のデータベースがありません。", "no advice log database here")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _error(self.path, f"記録の保存先を作れません: {exc.strerror}",
                             f"cannot create the log's directory: {exc.strerror}") from None
        try:
            connection = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
            connection.row_factory = sqlite3.Row
            self._check_or_create(connection)
        except sqlite3.DatabaseError as exc:
            raise _error(self.path, f"助言記録のデータベースとして開けません（{exc}）。",
                         f"cannot open it as an advice log ({exc})") from None
        self._connection, self._pid = connection, os.getpid()
        return connection

    def _check_or_create(self, connection: sqlite3.Connection) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        if application not in (0, APPLICATION_ID):
            raise _error(self.path, "助言記録のデータベースではありません。", "this is not an advice log database")
        if version > SCHEMA_VERSION:
            raise _error(self.path,
                         f"この記録は新しい版のツールで作られています（スキーマ {version}）。このツールが読めるのはスキーマ "
                         f"{SCHEMA_VERSION} までです。ツールを更新してください。",
                         f"this log was written by a newer version of the tool (schema {version}); this version "
                         f"reads schema {SCHEMA_VERSION} at most: upgrade the tool")
        if version == 0:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables:
                raise _error(self.path, "助言記録のデータベースではありません。", "this is not an advice log database")
            if not self.create:
                raise _error(self.path, "助言記録がまだありません（空のデータベースです）。", "the advice log is empty (no schema)")
            self._create(connection)
        connection.execute(f"PRAGMA synchronous = {'FULL' if self.sync_every_record else 'NORMAL'}")

    def _create(self, connection: sqlite3.Connection) -> None:
        # WAL is a property of the file; set before the first transaction (needs no lock held).
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have created it while this one waited for the lock.
            if connection.execute("PRAGMA user_version").fetchone()[0] == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute("INSERT INTO meta (key, value) VALUES ('head_seq', '0'), ('head_hash', ?)",
                                   (GENESIS,))
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close this process's connection, first moving the WAL into the main file.

        The checkpoint syncs the WAL and the file to disk. After a command has closed its
        log, the .sqlite3 file alone holds every record (a process killed mid-run leaves its
        committed records in the -wal file beside it, which the next open takes in).
        """
        if self._connection is not None and self._pid == os.getpid():
            if not self._connection.in_transaction:
                try:
                    self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.OperationalError:
                    pass  # another process holds the log; it will checkpoint later
            self._connection.close()
        self._connection = None

    # --- writing -------------------------------------------------------------------------

    def append(self, fields: dict) -> tuple[int, str]:
        """Append one record (the hashed fields but ``recorded_at``); returns its (seq, hash).

        The write lock is taken first (BEGIN IMMEDIATE), then the head is read, so no
        other process can append between reading the head and writing after it.
        """
        connection = self.connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            head = dict(connection.execute("SELECT key, value FROM meta WHERE key IN ('head_seq', 'head_hash')"))
            seq, prev = int(head["head_seq"]) + 1, head["head_hash"]
            # The time is taken under the lock, so times never go backwards along the chain.
            row = {**fields, "recorded_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")}
            digest = record_hash(prev, seq, row)
            values = [seq] + [row[name] for name in HASHED_FIELDS] + [prev, digest]
            connection.execute(f"INSERT INTO advice_log ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                               values)
            connection.execute("UPDATE meta SET value = ? WHERE key = 'head_seq'", (str(seq),))
            connection.execute("UPDATE meta SET value = ? WHERE key = 'head_hash'", (digest,))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return seq, digest

    # --- reading -------------------------------------------------------------------------

    def get(self, seq: int) -> dict | None:
        row = self.connection().execute("SELECT * FROM advice_log WHERE seq = ?", (seq,)).fetchone()
        return dict(row) if row is not None else None

    def entries(self, code: str | None = None, since: dt.datetime | None = None) -> list[dict]:
        """Records without their profile and audit texts (for listing), in chain order."""
        where, args = [], []
        if code:
            where.append("code = ?")
            args.append(code)
        if since is not None:
            where.append("recorded_at >= ?")
            args.append(since.astimezone(dt.timezone.utc).isoformat(timespec="microseconds"))
        query = ("SELECT seq, recorded_at, tool_version, ruleset_sha256, parameters_sha256, code, prefecture, "
                 "municipality, as_of, source, summary, hash FROM advice_log"
                 + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY seq")
        return [dict(r) for r in self.connection().execute(query, args)]

    def head(self) -> tuple[int, str]:
        head = dict(self.connection().execute("SELECT key, value FROM meta WHERE key IN ('head_seq', 'head_hash')"))
        return int(head["head_seq"]), head["head_hash"]

    def verify(self) -> Verification:
        """Walk the chain in one read transaction (a consistent snapshot while others append)."""
        connection = self.connection()
        connection.execute("BEGIN")
        try:
            rows = (dict(r) for r in connection.execute(f"SELECT {', '.join(_COLUMNS)} FROM advice_log ORDER BY seq"))
            problem, count, last_hash = first_break(rows)
            head_seq, head_hash = self.head()
        finally:
            connection.execute("COMMIT")
        if problem is None and (count, last_hash) != (head_seq, head_hash):
            if count < head_seq:
                problem = Break(count + 1, f"記録 #{count + 1} 以降がありません（記録の末尾 #{head_seq} が削除されています）。",
                                f"records from #{count + 1} on are missing (the log's head is #{head_seq})")
            else:
                problem = Break(count, "記録の末尾がデータベースの先頭情報と一致しません。",
                                "the last record does not match the log's recorded head")
        return Verification(count=count, head_hash=last_hash, problem=problem)
