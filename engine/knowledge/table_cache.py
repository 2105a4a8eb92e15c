"""Remember the knowledge base's tables, once checked, for the next run.

Reading and checking the ten CSV files of knowledge/data/ (about 20,000 rows: codes and
check digits, names against codes, numbers, dates) was the largest single stage of a cold
``advise``. Once they have passed, the tables are kept as plain JSON values in the user's
cache directory (engine/inputs/cache_files.py: the validation cache's directory and trust
rules), under a hash of the bytes of each file and of the code that reads them (hashing
the ~1 MB costs a few milliseconds; a key made of sizes and modification times would miss
an edit that kept both); any change of either is a different key, and the files are then
read and checked again.

What is kept is data, never code. ``ADVISE_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable

from ..inputs import cache_files

VERSION = 1
CACHE_FILE = "knowledge-v1.json"
MAX_CACHE_BYTES = 32 * 1024 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024  # a table larger than this is not hashed (nor cached)


def key_of(data: Path, names: Iterable[str]) -> str | None:
    """A hash of the bytes of every file of the tables and of the code that reads them (so an
    edited file is read again even if its size and modification time were kept); None when
    there is no cache or a file cannot be read (the reader then says why)."""
    if cache_files.directory() is None:
        return None
    # Every module of this package: a change to any code that could shape a table changes the
    # key (a hand-kept list of "reader" modules would go stale as the package grows).
    readers = sorted(Path(__file__).parent.glob("*.py"))
    digest = hashlib.sha256(f"knowledge tables {VERSION}\0".encode())
    try:
        for path in readers + [data / name for name in names]:
            with open(path, "rb") as handle:
                content = handle.read(MAX_FILE_BYTES + 1)
            if len(content) > MAX_FILE_BYTES:
                return None
            digest.update(f"{path.name}\0{len(content)}\0".encode())
            digest.update(content)
    except OSError:
        return None
    return digest.hexdigest()


def recall(key: str) -> Any:
    """The plain tables remembered under ``key``, or None."""
    found = cache_files.read(CACHE_FILE, MAX_CACHE_BYTES)
    if isinstance(found, dict) and found.get("version") == VERSION and found.get("key") == key:
        return found.get("tables")
    return None


def remember(key: str, tables: Any) -> None:
    """Keep ``tables`` under ``key`` (one knowledge base at a time: the last one read)."""
    cache_files.write(CACHE_FILE, {"version": VERSION, "key": key, "tables": tables})
