"""Hash-chaining log records, as Certificate Transparency and Git do.

A record's hash is sha256 over the previous record's hash and the record's
canonical content: its sequence number and every stored field, exactly as
stored (the summary and audit are stored as JSON text, and it is that text
which is hashed, so a change of a single byte shows). Editing a record changes
its hash; removing or reordering records breaks the link from the next one.
The first record links to ``GENESIS``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Iterable

GENESIS = "0" * 64
# The fields of a record that its hash covers, besides ``seq`` and the previous hash.
HASHED_FIELDS = ("recorded_at", "tool_version", "ruleset_sha256", "parameters_sha256", "code", "prefecture",
                 "municipality", "as_of", "source", "profile_text", "profile_sha256", "summary", "audit")


def canonical(seq: int, fields: dict) -> bytes:
    """The bytes that are hashed: sorted keys, no spaces, UTF-8."""
    content = {"seq": seq, **{name: fields[name] for name in HASHED_FIELDS}}
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def record_hash(prev_hash: str, seq: int, fields: dict) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(seq, fields)).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first record at which the chain does not hold, and why (ja, en)."""

    seq: int
    ja: str
    en: str

    def __str__(self) -> str:
        return f"記録 #{self.seq}: {self.ja} / record #{self.seq}: {self.en}"


def first_break(rows: Iterable[dict]) -> tuple[Break | None, int, str]:
    """Walk ``rows`` (in ``seq`` order, each with seq, prev_hash, hash and the hashed fields).

    Returns (the first break or None, the number of records, the last record's hash).
    """
    expected_seq, prev, count = 1, GENESIS, 0
    for row in rows:
        seq = row["seq"]
        if seq != expected_seq:
            if seq > expected_seq:
                missing = f"#{expected_seq}" if seq == expected_seq + 1 else f"#{expected_seq}–#{seq - 1}"
                return Break(seq, f"直前の記録 {missing} がありません（削除されています）。",
                             f"the record(s) before it ({missing}) are missing (deleted)"), count, prev
            return Break(seq, f"順序が不正です（#{expected_seq} のはずの位置にあります）。",
                         f"out of order (found where #{expected_seq} should be)"), count, prev
        if row["prev_hash"] != prev:
            return Break(seq, "直前の記録とつながっていません（直前の記録が変更・削除・並べ替えされています）。",
                         "does not link to the record before it (that record was changed, removed or moved)"), count, prev
        if record_hash(prev, seq, row) != row["hash"]:
            return Break(seq, "内容がハッシュと一致しません（記録が変更されています）。",
                         "its content does not match its hash (the record was changed)"), count, prev
        if hashlib.sha256(row["profile_text"].encode("utf-8")).hexdigest() != row["profile_sha256"]:
            return Break(seq, "プロファイルの本文がその sha256 と一致しません。",
                         "the profile text does not match its sha256"), count, prev
        prev, expected_seq, count = row["hash"], seq + 1, count + 1
    return None, count, prev
