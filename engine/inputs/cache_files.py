"""Private JSON files in the user's cache directory (the directory and trust rules of
engine/inputs/validation_cache.py): read only when the file and its directory are ours
and writable by no one else, written atomically; any failure only means no cache."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from . import validation_cache


def directory() -> Path | None:
    """The cache directory, or None when caching is off (``ADVISE_NO_CACHE``) or impossible."""
    return validation_cache.cache_dir()


def read(name: str, max_bytes: int) -> Any:
    """The JSON value in ``name``, or None (no cache, untrustworthy, too large or garbled)."""
    folder = directory()
    if folder is None or not validation_cache._private(folder, stat.S_ISDIR):
        return None
    path = folder / name
    if not validation_cache._private(path, stat.S_ISREG):
        return None
    try:
        # O_NOFOLLOW, then the same checks on what was opened: a file swapped in after the
        # check above is not read either.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022 or info.st_size > max_bytes \
                    or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None
            raw = handle.read(max_bytes + 1)
        return json.loads(raw) if len(raw) <= max_bytes else None
    except (OSError, ValueError, RecursionError):
        return None


def write(name: str, value: Any) -> None:
    """Write ``value`` as JSON to ``name``, atomically and privately (never NaN or infinity)."""
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not validation_cache._private(folder, stat.S_ISDIR):
            return
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                # dumps, not dump: only the one-shot encoder is the C one (dump is ~10× slower).
                handle.write(json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")))
            os.replace(tmp, folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError, TypeError, RecursionError):
        return
