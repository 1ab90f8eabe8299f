"""An append-only log of changes, so a save costs what the change costs.

Each line is ``CRC32 JSON``: a save appends one line and syncs it (a fraction of a millisecond),
where rewriting the TinyDB file would cost what the whole library weighs. The log is folded into
the snapshot from time to time and then set aside as the previous log, which with the previous
snapshot (the backup) rebuilds the current one if it is ever damaged. A crash mid-append leaves
at most a torn last line, which the checksum exposes and replay drops: that save was never
reported done.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from store.atomic import sync_folder
from store.errors import CorruptStore


def encode(op: dict) -> bytes:
    body = orjson.dumps(op)
    return b"%08x " % zlib.crc32(body) + body + b"\n"


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


@dataclass
class Scan:
    """What a log file holds: its good ops, its damaged lines, and whether its tail is torn."""

    ops: list[dict] = field(default_factory=list)
    damaged: list[int] = field(default_factory=list)  # line numbers, before the last line
    torn: bool = False  # the last line is incomplete: a save cut short, never reported done


def scan(path: Path) -> Scan:
    """Read a log without judging it, so `presscut check` can report and salvage it."""
    result = Scan()
    try:
        lines = path.read_bytes().splitlines(keepends=True)
    except FileNotFoundError:
        return result
    for number, line in enumerate(lines, start=1):
        op = _decode(line)
        if op is not None:
            result.ops.append(op)
        elif number == len(lines):
            result.torn = True
        else:
            result.damaged.append(number)
    return result


class Journal:
    """The change log of one library; only the writer appends to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.length = 0  # ops in the log: the library folds it in when it grows long

    def replay(self) -> list[dict]:
        """The logged ops in order; a bad line before the last one means real damage."""
        found = scan(self.path)
        if found.damaged:
            raise CorruptStore(
                f"{self.path}: line {found.damaged[0]} of the change log is damaged; "
                "it was left untouched: run `presscut check` to see what can be recovered"
            )
        self.length = len(found.ops)
        return found.ops

    def append(self, op: dict) -> None:
        """Append one op and sync it: when this returns, the change survives a crash."""
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._fd, encode(op))
        os.fdatasync(self._fd)
        self.length += 1

    def drop_torn_tail(self) -> None:
        """Cut a torn last line away before appending after it."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        lines = data.splitlines(keepends=True)
        if lines and _decode(lines[-1]) is None:
            os.truncate(self.path, len(data) - len(lines[-1]))

    def rotate(self, previous: Path) -> None:
        """Set the log aside as ``previous`` once its ops are safe in the snapshot."""
        self.close()
        if self.path.exists():
            os.replace(self.path, previous)
        else:  # nothing since the snapshot: an older previous log must not pose as this one's
            previous.unlink(missing_ok=True)
        sync_folder(self.path.parent)
        self.length = 0

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
