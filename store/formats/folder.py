"""Writing an export that is a folder (``brat``): whole or not at all, as ``write_export`` does.

The files are written into a hidden temporary folder beside the target and the folder is renamed
into place, so a failure never leaves half an export. ``--force`` replaces a file, or a folder
holding only what an export writes; any other folder is refused even then, since replacing it
would delete the user's files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from store.atomic import SHARED_FOLDER, make_temporary_folder, sync_folder
from store.errors import ExportExists, StoreError

EXPORT_SUFFIXES = {".txt", ".ann", ".conf"}


def _replaceable(path: Path) -> bool:
    if not path.is_dir():
        return True
    return all(item.is_file() and item.suffix in EXPORT_SUFFIXES for item in path.iterdir())


def _fill(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        with open(folder / name, "wb") as handle:  # 0666 narrowed by the umask, as exports are
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    sync_folder(folder)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def write_export_folder(path: Path, files: dict[str, bytes], *, force: bool = False) -> None:
    """Write ``files`` (name -> bytes) as the folder ``path``."""
    if path.exists() and not force:
        raise ExportExists(f"{path} exists; choose another path or add --force to overwrite it")
    if path.exists() and not _replaceable(path):
        raise StoreError(f"{path} is a folder with other files in it; choose another path")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")
    try:
        # the user's folder: as their umask says
        temp = make_temporary_folder(path.parent, SHARED_FOLDER)
    except OSError as error:
        raise StoreError(f"{path}: cannot write the export ({error.strerror})") from None
    aside = temp.with_name(f"{temp.name}-old")
    try:
        _fill(temp, files)
        if path.exists():
            os.rename(path, aside)
        os.rename(temp, path)
        sync_folder(path.parent)
    except OSError as error:
        raise StoreError(f"{path}: cannot write the export ({error.strerror})") from None
    finally:
        if aside.exists() and not path.exists():
            os.rename(aside, path)  # the new export did not go in: the old one stays
        _remove(temp)
        _remove(aside)
