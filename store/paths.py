"""Where a library lives: ``--library``, else ``PRESSCUT_LIBRARY``, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

LIBRARY_SETTING = "PRESSCUT_LIBRARY"


def library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(LIBRARY_SETTING)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # only here: `--library` and the setting need none of it

    return Path(platformdirs.user_data_dir("presscut", appauthor=False)) / "library"
