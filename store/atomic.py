"""Whole-file writes that never leave half a file behind.

The recipe from shared/notes/tinydb-durability.md: write a temporary file in the same folder,
flush and fsync it, rename it over the target, then fsync the folder so the rename itself
survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".presscut-tmp-"
FILE_MODE = 0o644  # mkstemp makes 0600 files; exports and the library are ordinary files


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never a mix."""
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files left by a crash mid-write hold nothing the target lacks: drop them."""
    for stale in folder.glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            stale.unlink()
