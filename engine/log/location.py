"""Where the advice log lives: --log-db PATH, else $ADVISE_LOG_DB, else the user's data directory.

The default directory comes from platformdirs: $XDG_DATA_HOME (or ~/.local/share) on
Linux, ~/Library/Application Support on macOS and %LOCALAPPDATA% on Windows, where
most municipal offices work. Writing those rules by hand would get the Linux case
right and the others wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "jichitai-cloud-advisor"
FILE_NAME = "advice-log.sqlite3"
ENV_VAR = "ADVISE_LOG_DB"


def default_log_path() -> Path:
    import platformdirs
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / FILE_NAME


def log_path(option: str | None) -> Path:
    """The log database named by the option, the environment, or the default."""
    if option:
        return Path(option)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return default_log_path()
