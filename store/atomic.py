"""Whole-file writes that never leave half a file behind, and who may read what presscut writes.

The recipe from shared/notes/tinydb-durability.md: write a temporary file in the same folder,
flush and fsync it, rename it over the target, then fsync the folder so the rename itself
survives a power cut.

Notes can name a reporter's sources, so everything written into a library is its owner's alone
(files 0600, folders 0700, whatever the umask); an export is the user's own file and follows
their umask. The modes live here, where files are made, so no caller has to remember them.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_PREFIX = ".presscut-tmp-"
PRIVATE_FILE = 0o600  # library files: the owner's alone
PRIVATE_FOLDER = 0o700
SHARED_FILE = 0o666  # exports: as the umask allows, as any program the user runs would
SHARED_FOLDER = 0o777


def _create_temporary(folder: Path, mode: int) -> tuple[int, str]:
    """A new file beside the target, made with ``mode`` (narrowed by the umask) from the start:
    never readable by others for a moment, as a chmod after creation would leave it."""
    while True:
        name = os.path.join(folder, TEMP_PREFIX + secrets.token_hex(8))
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), name
        except FileExistsError:
            continue


def write_temporary(folder: Path, data: bytes, *, mode: int = PRIVATE_FILE) -> str:
    """A new temporary file in ``folder`` holding ``data``, synced: ready to be renamed into
    place. Nothing is left behind when writing it fails (a full disk)."""
    fd, temp_name = _create_temporary(folder, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        remove_temporary(temp_name)
        raise
    return temp_name


def remove_temporary(temp_name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp_name)


def write_atomic(path: Path, data: bytes, *, mode: int = PRIVATE_FILE) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never a mix.

    ``mode`` is the most the file may be readable by (the umask narrows it): the library's own
    files by default, ``SHARED_FILE`` for what the user exports.
    """
    temp_name = write_temporary(path.parent, data, mode=mode)
    try:
        os.replace(temp_name, path)
    except BaseException:
        remove_temporary(temp_name)
        raise
    sync_folder(path.parent)


def write_new(path: Path, data: bytes, *, mode: int = PRIVATE_FILE) -> bool:
    """Put ``data`` at ``path`` only if no file is there, whole or not at all: False when one
    was (a derived file a reader made, which must not replace the writer's newer one)."""
    temp_name = write_temporary(path.parent, data, mode=mode)
    try:
        os.link(temp_name, path)
    except FileExistsError:
        return False
    finally:
        remove_temporary(temp_name)
    sync_folder(path.parent)
    return True


@contextlib.contextmanager
def writing_atomic(path: Path, *, mode: int = PRIVATE_FILE) -> Iterator[BinaryIO]:
    """`write_atomic` for data written piece by piece (an export of a whole library, which
    must never be held whole): a temporary file beside ``path``, renamed over it only once the
    block has written everything; an error on the way leaves ``path`` as it was."""
    fd, temp_name = _create_temporary(path.parent, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        remove_temporary(temp_name)
        raise
    sync_folder(path.parent)


def make_temporary_folder(parent: Path, mode: int = PRIVATE_FOLDER) -> Path:
    """A new hidden folder in ``parent`` made with ``mode`` (narrowed by the umask)."""
    while True:
        folder = parent / (TEMP_PREFIX + secrets.token_hex(8))
        try:
            folder.mkdir(mode=mode)
            return folder
        except FileExistsError:
            continue


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) so that only its owner can look inside; one that
    exists is left as it is (`tighten_library` sees to it)."""
    try:
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return
    os.chmod(folder, PRIVATE_FOLDER)  # the umask may have taken more than others' bits


def _tighten(path: Path, mode: int) -> bool:
    """Take away what others may do with ``path``; True when it was wider than ``mode``."""
    found = path.lstat()
    if stat.S_ISLNK(found.st_mode) or stat.S_IMODE(found.st_mode) & ~mode == 0:
        return False
    os.chmod(path, stat.S_IMODE(found.st_mode) & mode)
    return True


def tighten_library(folder: Path, *inner: Path) -> None:
    """Make a library written by an older presscut (files 0644) its owner's alone.

    The folder and the files in it are checked on every open (a handful of calls); the files of
    an ``inner`` folder (the article texts, the segments) only when that folder was open to
    others, as a closed folder already keeps others out of them, so a large library costs
    nothing once tightened.
    """
    _tighten(folder, PRIVATE_FOLDER)
    for path in folder.iterdir():
        if path.is_file() and not path.is_symlink():
            _tighten(path, PRIVATE_FILE)
    for files in inner:
        if files.is_dir() and _tighten(files, PRIVATE_FOLDER):
            for path in files.iterdir():
                if path.is_file() and not path.is_symlink():
                    _tighten(path, PRIVATE_FILE)


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
