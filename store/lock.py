"""The single-writer lock: one process writes a library, any number may read it.

TinyDB has no locking of its own (its maintainers' answer to several processes is a lock or a
single writer), so the library folder carries a lock file beside the data and the writer's
process id, so a refused second writer can be told who holds the library.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from filelock import FileLock, Timeout

from store.atomic import PRIVATE_FILE
from store.errors import LibraryLocked, StoreError

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
        lock = FileLock(
            self.folder / LOCK_NAME, timeout=0, thread_local=False, mode=PRIVATE_FILE
        )
        try:
            lock.acquire()
            self._lock = lock
            self._write_pid()
        except Timeout:
            raise LibraryLocked(
                f"{self.folder} is open for writing in {self.holder_name()}; close it there, "
                "or open this library read-only with --read-only"
            ) from None
        except OSError as error:  # a read-only folder or disk, a folder of another user
            self.release()
            raise StoreError(
                f"{self.folder}: cannot write the library here ({error.strerror}); "
                "fix the folder's permissions, or read it with --read-only"
            ) from None

    def _write_pid(self) -> None:
        fd = os.open(self.folder / WRITER_INFO_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                     PRIVATE_FILE)  # fmt: skip
        with os.fdopen(fd, "w") as handle:
            handle.write(str(os.getpid()))

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
    """Who holds the writer lock now, or None when it is free.

    Found by trying to take the lock (``flock``, as filelock does) on the file opened for
    reading only: asking writes nothing, so it works on a read-only library.
    """
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return WriterLock(folder).holder_name()
    except OSError:  # a file system without locks: nobody can hold one there
        return None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)  # closing lets go of a lock the probe took
    return None
