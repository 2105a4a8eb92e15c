"""Remember which rule, vocabulary and parameter files already passed their schema.

Validating the unchanged shipped rule files on every run was a large part of a
cold `advise`. A file that passed is remembered by a hash of its exact bytes and
of the schema it passed (and the tool and jsonschema versions), in the user's
cache directory (``$ADVISE_CACHE_DIR``, else platformdirs' user cache directory:
``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``%LOCALAPPDATA%`` on Windows, then
``jichitai-cloud-advisor``). Any change of file, schema or version is a
different key, so a stale entry is never matched.

The cache is JSON (a list of hex keys), never pickle: reading it can run no code.
It is trusted only when it is a regular file owned by this user and writable by
no one else, inside a directory of the same kind; otherwise it is ignored, as is
a cache that does not parse. What it can do at worst is let a file skip the schema
check; the callers then fall back to a full validation if anything goes wrong
while building from that file (engine/rules/rulebook.py). ``ADVISE_NO_CACHE=1``
turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path

APP_NAME = "jichitai-cloud-advisor"
VERSION = 1
CACHE_FILE = "validated-v1.json"
MAX_CACHE_BYTES = 1024 * 1024
MAX_ENTRIES = 5_000

_state: dict = {"dir": None, "keys": None, "dirty": False}
_fingerprints: dict[int, tuple[dict, str]] = {}


def cache_dir() -> Path | None:
    if os.environ.get("ADVISE_NO_CACHE"):
        return None
    explicit = os.environ.get("ADVISE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs  # each system's rule, as for the advice log (engine/log/location.py)
    try:
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    except Exception:  # no home directory: run without a cache
        return None


def _private(path: Path, kind) -> bool:
    """A path we may trust: of the expected kind, ours, and writable by no one else."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    owner_ok = info.st_uid == os.getuid() if hasattr(os, "getuid") else True  # Windows: ACLs, not modes
    return kind(info.st_mode) and owner_ok and not info.st_mode & 0o022


def _load() -> set[str]:
    directory = cache_dir()
    if _state["keys"] is not None and _state["dir"] == directory:
        return _state["keys"]
    keys: set[str] = set()
    _state.update(dir=directory, keys=keys, dirty=False)
    if directory is None or not _private(directory, stat.S_ISDIR):
        return keys
    path = directory / CACHE_FILE
    if not _private(path, stat.S_ISREG):
        return keys
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CACHE_BYTES + 1)
        data = json.loads(raw) if len(raw) <= MAX_CACHE_BYTES else None
    except (OSError, ValueError):
        return keys
    if isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("valid"), list):
        keys.update(k for k in data["valid"] if isinstance(k, str) and len(k) == 64)
    return keys


@functools.cache
def _jsonschema_version() -> str:
    """Once per process: each look-up walks every installed distribution (4 schemas, 4 walks)."""
    from importlib.metadata import version as _version
    try:
        return _version("jsonschema")
    except Exception:  # pragma: no cover - an unusual install
        return "?"


def _schema_fingerprint(schema: dict) -> str:
    cached = _fingerprints.get(id(schema))
    if cached is None or cached[0] is not schema:
        text = json.dumps([VERSION, _jsonschema_version(), schema], sort_keys=True, ensure_ascii=False, default=str)
        cached = _fingerprints[id(schema)] = (schema, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return cached[1]


def key_of(text: str, schema: dict) -> str:
    # Two files with the same bytes validate the same: the key needs no file name.
    return hashlib.sha256(_schema_fingerprint(schema).encode() + b"\0" + text.encode("utf-8")).hexdigest()


def is_known_valid(text: str, schema: dict) -> bool:
    if cache_dir() is None:
        return False
    return key_of(text, schema) in _load()


def remember_valid(text: str, schema: dict) -> None:
    if cache_dir() is None:
        return
    keys = _load()
    key = key_of(text, schema)
    if key not in keys:
        keys.add(key)
        _state["dirty"] = True
        save()


def save() -> None:
    """Write the cache atomically, privately; any failure only means no cache next time."""
    directory = _state["dir"]
    keys = _state["keys"]
    if directory is None or keys is None or not _state["dirty"]:
        return
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(directory, stat.S_ISDIR):
            return
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".validated.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"version": VERSION, "valid": sorted(keys)[-MAX_ENTRIES:]}, handle)
            os.replace(tmp, directory / CACHE_FILE)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _state["dirty"] = False
    except OSError:
        return


def forget() -> None:
    """Drop what this process read (tests change the cache directory between cases)."""
    _state.update(dir=None, keys=None, dirty=False)
