"""Writing an export file: whole or not at all, and never over a file the user did not give up."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from store.atomic import SHARED_FILE, writing_atomic
from store.errors import ExportExists, StoreError


def refuse_overwrite(path: Path, force: bool) -> None:
    """Before anything is read: an existing file without ``force``, or a missing folder."""
    if path.exists() and not force:
        raise ExportExists(f"{path} exists; choose another path or add --force to overwrite it")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")


@contextlib.contextmanager
def export_file(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """The export's file to write into piece by piece; it replaces ``path`` only once the
    block ends without an error, so a failure never leaves half an export."""
    refuse_overwrite(path, force)
    try:
        with writing_atomic(path, mode=SHARED_FILE) as out:  # the user's file: as their umask
            yield out
    except OSError as error:
        if error.filename and Path(error.filename).parent != path.parent:
            raise  # reading the library failed, not writing: said as such (`cli.main`)
        raise StoreError(f"{path}: cannot write the export ({error.strerror})") from None
