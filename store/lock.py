"""The single-writer lock: one process writes a library, any number may read it.

TinyDB has no locking of its own (its maintainers' answer to several processes is a lock or a
single writer), so the library folder carries a lock file beside the data and the writer's
process id, so a refused second writer can be told who holds the library.
"""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

from store.errors import LibraryLocked

LOCK_NAME = "writer.lock"
WRITER_INFO_NAME = "writer.pid"


class WriterLock:
    """The writer lock of one library folder, taken without waiting."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock: FileLock | None = None

    def acquire(self) -> None:
        """Take the lock or raise ``LibraryLocked`` naming the process that holds it."""
        # Not per thread (filelock's default): the app takes the lock in the worker that reads
        # the library and lets it go from the thread that closes it.
        lock = FileLock(self.folder / LOCK_NAME, timeout=0, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise LibraryLocked(
                f"{self.folder} is open for writing in {self.holder_name()}; close it there, "
                "or open this library read-only with --read-only"
            ) from None
        self._lock = lock
        (self.folder / WRITER_INFO_NAME).write_text(str(os.getpid()))

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def holder_name(self) -> str:
        holder = writer_pid(self.folder)
        return f"presscut process {holder}" if holder else "another presscut process"


def writer_pid(folder: Path) -> str | None:
    """The id of the process that last took the lock (it may have ended since)."""
    try:
        return (folder / WRITER_INFO_NAME).read_text().strip() or None
    except OSError:
        return None


def lock_holder(folder: Path) -> str | None:
    """Who holds the writer lock now, or None when it is free (found by trying to take it)."""
    if not (folder / LOCK_NAME).exists():
        return None
    probe = FileLock(folder / LOCK_NAME, timeout=0)
    try:
        probe.acquire()
    except Timeout:
        return WriterLock(folder).holder_name()
    probe.release()
    return None
