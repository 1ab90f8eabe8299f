"""Writing an export that is a folder (``brat``): whole or not at all, as ``write_export`` does.

The files are written into a hidden temporary folder beside the target and the folder is renamed
into place, so a failure never leaves half an export. Every folder export holds a marker file
listing what presscut wrote in it: ``--force`` replaces a file, an empty folder, or a folder
holding only what its marker lists. Any other folder is refused even then - one of the user's
own, or an export the user has since added files to - since replacing it would delete them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import orjson

from store.atomic import SHARED_FOLDER, make_temporary_folder, sync_folder
from store.errors import ExportExists, StoreError

MARKER_NAME = ".presscut-export"


def _marker(files: list[str]) -> bytes:
    return orjson.dumps(
        {"written by": "presscut export", "files": sorted(files)}, option=orjson.OPT_INDENT_2
    )


def _written_by_presscut(folder: Path) -> set[str] | None:
    """The files the folder's marker says presscut wrote; None when it has no (readable) one."""
    try:
        listed = orjson.loads((folder / MARKER_NAME).read_bytes())["files"]
    except (OSError, orjson.JSONDecodeError, TypeError, KeyError):
        return None
    if not isinstance(listed, list) or not all(isinstance(name, str) for name in listed):
        return None
    return {*listed, MARKER_NAME}


def _refusal(path: Path) -> str | None:
    """Why ``path`` may not be replaced, or None when it may."""
    if path.is_symlink() or not path.is_dir():
        return None if not path.is_dir() else f"{path} is a link to a folder; choose another path"
    found = {item.name for item in path.iterdir()}
    if not found:
        return None
    written = _written_by_presscut(path)
    if written is None:
        return f"{path} is a folder presscut did not write; choose another path"
    others = sorted(found - written)
    if others:
        return (f"{path} holds files presscut did not write ({', '.join(others[:3])}"
                f"{', …' if len(others) > 3 else ''}); choose another path")
    if any(not (path / name).is_file() or (path / name).is_symlink() for name in found):
        return f"{path} holds folders or links presscut did not write; choose another path"
    return None


def _fill(folder: Path, files: Iterable[tuple[str, bytes]]) -> None:
    """Write each file as it comes (a folder of a whole library is never held at once), then
    the marker listing them."""
    written: list[str] = []
    for name, data in files:
        _write_file(folder / name, data)
        written.append(name)
    _write_file(folder / MARKER_NAME, _marker(written))
    sync_folder(folder)


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:  # 0666 narrowed by the umask, as exports are
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def write_export_folder(
    path: Path, files: Iterable[tuple[str, bytes]], *, force: bool = False
) -> None:
    """Write ``files`` ((name, bytes), made as they are written) as the folder ``path``."""
    if path.exists() and not force:
        raise ExportExists(f"{path} exists; choose another path or add --force to overwrite it")
    refusal = _refusal(path) if path.exists() else None
    if refusal:
        raise StoreError(refusal)
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
        if error.filename and Path(error.filename).parent not in (temp, path.parent):
            raise  # reading the library failed, not writing: said as such (`cli.main`)
        raise StoreError(f"{path}: cannot write the export ({error.strerror})") from None
    finally:
        if aside.exists() and not path.exists():
            os.rename(aside, path)  # the new export did not go in: the old one stays
        _remove(temp)
        _remove(aside)
