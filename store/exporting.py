"""Writing an export file: whole or not at all, and never over a file the user did not give up."""

from __future__ import annotations

from pathlib import Path

from store.atomic import SHARED_FILE, write_atomic
from store.errors import ExportExists, StoreError


def write_export(path: Path, data: bytes, *, force: bool = False) -> None:
    if path.exists() and not force:
        raise ExportExists(f"{path} exists; choose another path or add --force to overwrite it")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")
    try:
        write_atomic(path, data, mode=SHARED_FILE)  # the user's file: as their umask says
    except OSError as error:
        raise StoreError(f"{path}: cannot write the export ({error.strerror})") from None
