"""An append-only log of changes, so a save costs what the change costs.

Each line is ``CRC32 JSON``: a save appends one line and syncs it (a fraction of a millisecond),
where rewriting the TinyDB file would cost what the whole library weighs. The log is folded into
the snapshot from time to time and then emptied. A crash mid-append leaves at most a torn last
line, which the checksum exposes and replay drops: that save was never reported done.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path

import orjson

from store.errors import CorruptStore


def _encode(op: dict) -> bytes:
    body = orjson.dumps(op)
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def _decode(line: bytes) -> dict | None:
    """The op a line holds, or None when the line is torn or garbled."""
    checksum, _, body = line.rstrip(b"\n").partition(b" ")
    try:
        if int(checksum, 16) != zlib.crc32(body):
            return None
        return orjson.loads(body)
    except (ValueError, orjson.JSONDecodeError):
        return None


class Journal:
    """The change log of one library; only the writer appends to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.length = 0  # ops in the log: the library folds it in when it grows long

    def replay(self) -> Iterator[dict]:
        """Yield the logged ops in order; a bad line before the last one means real damage."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        lines = data.splitlines(keepends=True)
        self.length = 0
        for number, line in enumerate(lines, start=1):
            op = _decode(line)
            if op is None:
                torn_tail = number == len(lines)
                if torn_tail:
                    return
                raise CorruptStore(
                    f"{self.path}: line {number} of the change log is damaged; "
                    "run `presscut check` to see what can be recovered"
                )
            self.length += 1
            yield op

    def append(self, op: dict) -> None:
        """Append one op and sync it: when this returns, the change survives a crash."""
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._fd, _encode(op))
        os.fdatasync(self._fd)
        self.length += 1

    def drop_torn_tail(self) -> None:
        """Cut a torn last line away before appending after it."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        keep = len(data)
        lines = data.splitlines(keepends=True)
        if lines and _decode(lines[-1]) is None:
            keep -= len(lines[-1])
            os.truncate(self.path, keep)

    def clear(self) -> None:
        """Empty the log once its ops are safe in the snapshot."""
        self.close()
        with open(self.path, "wb") as handle:
            os.fsync(handle.fileno())
        self.length = 0

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
