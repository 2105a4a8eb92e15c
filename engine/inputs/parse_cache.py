"""Remember the parsed form of unchanged YAML files (rules, vocabulary, parameters, national series).

Parsing those ~16 files again on every run (libyaml, then PyYAML's constructor and the
line of every value) was the largest part of building the ``Advisor`` in a cold
``advise``. A parsed document is kept by a hash of its exact text, of the parse limits
and of the parser (yamlio.py's own source and PyYAML's version), in one JSON file beside
the validation cache (same directory and the same trust rules: engine/inputs/
validation_cache.py). Any change of text, limits or parser is a different key.

What is kept is data, never code: the document's values (only documents whose values
JSON gives back exactly: string keys, no dates, sets or bytes) and the line of each
location. Profiles are never cached here (each new profile is parsed as it comes).
``ADVISE_NO_CACHE=1`` turns this off with the validation cache.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import math
from pathlib import Path

from . import cache_files
from .limits import MAX_FILE_BYTES, MAX_YAML_DEPTH

VERSION = 1
CACHE_FILE = "parsed-v1.json"
MAX_CACHE_BYTES = 16 * 1024 * 1024
MAX_ENTRIES = 256
MAX_ENTRY_BYTES = 512 * 1024  # the largest shipped file parses to well under this

_state: dict = {"dir": None, "entries": None, "dirty": False, "parser": None}


def _parser_fingerprint() -> str:
    """What the parse depends on besides the text: yamlio's code and PyYAML's version and loader."""
    if _state["parser"] is None:
        import yaml
        from . import limits, yamlio
        try:
            from yaml import _yaml
            libyaml = _yaml.get_version_string()
        except Exception:  # PyYAML without libyaml: its pure-Python parser
            libyaml = "-"
        sources = b"".join(Path(module.__file__).read_bytes() for module in (yamlio, limits))
        parts = [str(VERSION), yaml.__version__, libyaml, str(MAX_FILE_BYTES), str(MAX_YAML_DEPTH),
                 hashlib.sha256(sources).hexdigest()]
        _state["parser"] = "\0".join(parts)
    return _state["parser"]


def key_of(text: str, max_nodes: int) -> str:
    return hashlib.sha256(f"{_parser_fingerprint()}\0{max_nodes}\0".encode() + text.encode("utf-8")).hexdigest()


def _entries() -> dict:
    directory = cache_files.directory()
    if _state["entries"] is not None and _state["dir"] == directory:
        return _state["entries"]
    entries: dict = {}
    _state.update(dir=directory, entries=entries, dirty=False)
    data = cache_files.read(CACHE_FILE, MAX_CACHE_BYTES)
    if isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("documents"), dict):
        entries.update((k, v) for k, v in data["documents"].items()
                       if isinstance(k, str) and len(k) == 64 and isinstance(v, str))
    return entries


def recall(text: str, max_nodes: int):
    """``(data, lines)`` of a document parsed before from exactly ``text``, or None."""
    if cache_files.directory() is None:
        return None
    entry = _entries().get(key_of(text, max_nodes))
    if entry is None:
        return None
    try:
        # Each entry is kept as its JSON text and decoded for each caller: nobody shares (or
        # can change) another's values.
        found = json.loads(entry)
        data, rows = found["data"], found["lines"]
        lines = {tuple(row[1:]): row[0] for row in rows}
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None
    if not all(type(line) is int for line in lines.values()):
        return None
    return data, lines


def _exact(value) -> bool:
    """True if JSON gives ``value`` back exactly (same types, same values, same key order)."""
    kind = type(value)
    if kind in (str, int, bool) or value is None:
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is list:
        return all(_exact(item) for item in value)
    if kind is dict:
        return all(type(key) is str and _exact(item) for key, item in value.items())
    return False


def remember(text: str, max_nodes: int, data, lines: dict) -> None:
    """Keep a freshly parsed document (if JSON can hold it exactly) for the next run."""
    if cache_files.directory() is None or not _exact(data):
        return
    if not all(type(part) in (str, int) for path in lines for part in path):
        return
    entries = _entries()
    key = key_of(text, max_nodes)
    if key in entries:
        return
    try:
        entry = json.dumps({"data": data, "lines": [[line, *path] for path, line in lines.items()]},
                           ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (ValueError, TypeError, RecursionError):
        return
    try:
        size = len(entry.encode("utf-8"))  # (a lone surrogate cannot be written: not kept)
    except UnicodeError:
        return
    if size > MAX_ENTRY_BYTES:  # a huge file would push the whole cache past MAX_CACHE_BYTES
        return
    entries[key] = entry
    # The oldest go first, so that the file stays well under what ``cache_files.read`` accepts.
    while len(entries) > MAX_ENTRIES or sum(map(len, entries.values())) * 4 > MAX_CACHE_BYTES - 4096:
        del entries[next(iter(entries))]
    if not _state["dirty"]:
        # Written once when the process ends, not after each of the ~16 files a first run
        # parses (each save writes every entry again).
        _state["dirty"] = True
        atexit.register(save)


def save() -> None:
    """Write the cache (privately, atomically); any failure only means no cache next time."""
    if _state["entries"] is None or not _state["dirty"] or _state["dir"] != cache_files.directory():
        return
    cache_files.write(CACHE_FILE, {"version": VERSION, "documents": _state["entries"]})
    _state["dirty"] = False


def forget() -> None:
    """Drop what this process read (tests change the cache directory between cases)."""
    _state.update(dir=None, entries=None, dirty=False)
