"""An append-only log of changes, so a save costs what the change costs.

Each line is ``CRC32 JSON``: a save appends one line and syncs it (a fraction of a millisecond),
where rewriting the TinyDB file would cost what the whole library weighs. A crash mid-append
leaves at most a torn last line, which the checksum exposes and replay drops: that save was never
reported done. A write the disk refuses (full, too large, read-only) is cut back off the file
before the save is reported failed, so a failed save leaves nothing behind either.

Generations tie each log to the snapshot it continues. A log's first line names its generation;
the snapshot written by a fold carries the generation of the log that continues it. A fold first
seals the log (it becomes the previous log, and a new, empty log of the next generation takes
its name, atomically), then writes the snapshot: at every moment the snapshot on disk, with the
previous log when the snapshot does not hold it yet and the current log, is the whole library,
and a reader that sees a log of another generation than it expects knows it raced a fold and
reads again (`logs_since`). The previous log is also what rebuilds the current snapshot from the
backup of the one before (`store.backup`).

Logs written before generations have no header and count as generation 0.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from store.atomic import (
    PRIVATE_FILE,
    TEMP_PREFIX,
    remove_temporary,
    sync_folder,
    write_temporary,
)
from store.errors import CorruptStore, StoreError, cannot_write

HEADER = "generation"
NOT_SAVED = "this change was not saved, and every change saved before it is safe"
PEEK_BYTES = 4096  # a header is far shorter: a log holds changes when it holds more than that


def encode(op: dict) -> bytes:
    body = orjson.dumps(op)
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def header(generation: int) -> bytes:
    return encode({HEADER: generation})


def _decode(line: bytes) -> dict | None:
    """The op a line holds, or None when the line is torn or garbled."""
    checksum, _, body = line.rstrip(b"\n").partition(b" ")
    try:
        if len(checksum) != 8 or int(checksum, 16) != zlib.crc32(body):
            return None
        op = orjson.loads(body)
    except (ValueError, orjson.JSONDecodeError):
        return None
    return op if isinstance(op, dict) else None


def _generation_of(op: dict | None) -> int | None:
    """The generation a log's first line names, or None when that line is a change."""
    if op is None or set(op) != {HEADER} or not isinstance(op[HEADER], int):
        return None
    return op[HEADER]


@dataclass
class Scan:
    """What a log file holds: its good ops, its damaged lines, and whether its tail is torn."""

    ops: list[dict] = field(default_factory=list)
    damaged: list[int] = field(default_factory=list)  # line numbers, before the last line
    torn: bool = False  # the last line is incomplete: a save cut short, never reported done
    generation: int = 0
    exists: bool = False
    path: Path | None = None


def scan(path: Path) -> Scan:
    """Read a log without judging it, so `presscut check` can report and salvage it."""
    result = Scan(path=path)
    try:
        lines = path.read_bytes().splitlines(keepends=True)
    except FileNotFoundError:
        return result
    result.exists = True
    headed = False
    for number, line in enumerate(lines, start=1):
        op = _decode(line)
        generation = _generation_of(op)
        if generation is not None:  # never a change; the first line (unless damaged) names it
            if not headed:
                result.generation, headed = generation, True
        elif op is not None:
            result.ops.append(op)
        elif number == len(lines):
            result.torn = True
        else:
            result.damaged.append(number)
    return result


def logs_since(generation: int, previous: Scan, current: Scan) -> list[Scan] | None:
    """The logs whose changes lay over a snapshot of ``generation``, of the previous and current
    logs (read in that order, after the snapshot); None when they belong to another
    generation, because a fold came between the reads: read all three again."""
    current_generation = current.generation if current.exists else generation
    if current_generation == generation:  # the previous log, if any, is in the snapshot
        return [current]
    sealed = previous.exists and previous.generation == generation  # not yet in the snapshot
    if current_generation == generation + 1 and sealed:
        return [previous, current]
    return None


def refuse_damage(found: Scan) -> None:
    """A bad line before the last one is real damage, not a save cut short: stop there."""
    if found.damaged:
        raise CorruptStore(
            f"{found.path}: line {found.damaged[0]} of the change log is damaged; "
            "it was left untouched: run `presscut check` to see what can be recovered"
        )


def peek(path: Path) -> tuple[int, bool]:
    """A log's generation and whether it holds any change, from its first bytes alone."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(PEEK_BYTES)
    except FileNotFoundError:
        return 0, False
    lines = start.splitlines()
    if not lines:
        return 0, False
    generation = _generation_of(_decode(lines[0]))
    if generation is None:
        return 0, True
    return generation, len(lines) > 1 or len(start) == PEEK_BYTES


class Journal:
    """The change log of one library; only the writer appends to it."""

    def __init__(self, path: Path, generation: int = 0) -> None:
        self.path = path
        self.generation = generation  # what a new file's header names
        self._fd: int | None = None
        self._size = 0  # bytes in the file: what a failed append is cut back to
        self._broken: str | None = None  # a failed append that could not be cut back
        self.length = 0  # ops in the log: the library folds it in when it grows long

    def take(self, found: Scan) -> None:
        """Continue the log a scan read: its generation (when it exists) and length."""
        refuse_damage(found)
        if found.exists:
            self.generation = found.generation
        self.length = len(found.ops)

    def append(self, op: dict) -> None:
        """Append one op and sync it: when this returns, the change survives a crash.

        Every byte is written and synced, or the file is cut back to where it was and
        ``WriteFailed`` raised: a short write (a full disk) is never taken for a save.
        """
        if self._broken is not None:
            raise StoreError(self._broken)
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE)
                self._size = os.fstat(self._fd).st_size
        except OSError as error:
            self.close()
            raise cannot_write(self.path, error, NOT_SAVED) from None
        data = encode(op) if self._size else header(self.generation) + encode(op)
        try:
            _write_all(self._fd, data)
            os.fdatasync(self._fd)
        except OSError as error:
            self._roll_back(error)
            raise cannot_write(self.path, error, NOT_SAVED) from None
        self._size += len(data)
        self.length += 1

    def _roll_back(self, error: OSError) -> None:
        """Cut what a failed append wrote back off the file, so the next append does not
        follow half a line (which would read as damage, not as a torn tail)."""
        assert self._fd is not None
        try:
            os.ftruncate(self._fd, self._size)
            os.fdatasync(self._fd)
        except OSError:
            self._broken = (
                f"{self.path}: a change could not be written ({error.strerror}) nor cut back "
                "off the file; close presscut and open the library again before saving more"
            )

    def drop_torn_tail(self) -> None:
        """Cut a torn last line away before appending after it."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        lines = data.splitlines(keepends=True)
        if lines and _decode(lines[-1]) is None:
            os.truncate(self.path, len(data) - len(lines[-1]))

    def seal(self, previous: Path) -> None:
        """Set this log aside as ``previous`` and start an empty one of the next generation.

        The current name always holds a whole log: the new one is written aside first, the
        current one linked to ``previous``, then the new one renamed over the current name.
        Nothing changes when the disk refuses the first step.
        """
        folder = self.path.parent
        following = write_temporary(folder, header(self.generation + 1))
        try:
            _keep_as(self.path, previous, self.generation)
            os.replace(following, self.path)
        except BaseException:
            remove_temporary(following)
            raise
        sync_folder(folder)
        self.close()
        self.generation += 1
        self.length = 0

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written; a disk that takes none raises."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(28, os.strerror(28))  # ENOSPC: nothing more went in
        view = view[written:]


def _keep_as(log: Path, previous: Path, generation: int) -> None:
    """Make ``previous`` the log at ``log`` (or an empty log of ``generation`` when there is
    none yet), by a hard link where the file system has them."""
    folder = log.parent
    if log.exists():
        try:
            linked = folder / (TEMP_PREFIX + previous.name)
            linked.unlink(missing_ok=True)
            os.link(log, linked)
            os.replace(linked, previous)
            return
        except OSError:
            data = log.read_bytes()
    else:
        data = header(generation)
    kept = write_temporary(folder, data)
    try:
        os.replace(kept, previous)
    except BaseException:
        remove_temporary(kept)
        raise
