"""What one log record holds, built from a piece of advice.

Time is added by the store, under its lock. The profile is kept as the text
that was read (a YAML file, standard input, or the YAML of a CSV row or of a
public-data profile), so `advise log replay` can read it again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from ..advice import TOOL_VERSION


def _json(value) -> str:
    # Key order kept (the audit lists facts seen in the order the rule names them); the
    # hash covers this text as stored, so it needs no canonical form of its own.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@functools.lru_cache(maxsize=16)
def _files_sha256(files: tuple) -> str:
    digest = hashlib.sha256()
    for path in files:  # in load order: a user's file replaces the shipped values it names
        digest.update(Path(path).name.encode("utf-8") + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


def parameters_sha256(parameters) -> str:
    """One hash over the parameter files used, names and bytes, in the order they were applied."""
    return _files_sha256(tuple(str(p) for p in parameters.files))


def log_fields(advice, advisor, source: str | None = None) -> dict:
    """The hashed fields of a record for ``advice`` (all but ``recorded_at``)."""
    from ..documents.audit import audit_record
    from ..impact.outcome import outcome_of
    profile = advice.profile
    m = profile.municipality
    return {
        "tool_version": TOOL_VERSION,
        "ruleset_sha256": advice.book.sha256,
        "parameters_sha256": parameters_sha256(advisor.parameters),
        "code": m.code, "prefecture": m.prefecture, "municipality": m.name,
        "as_of": advice.as_of.isoformat(),
        "source": source or profile.file,
        "profile_text": profile.document.text,
        "profile_sha256": profile.sha256,
        "summary": _json(outcome_of(advice).as_json()),
        "audit": _json(audit_record(advice, advisor)),
    }
