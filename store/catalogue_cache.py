"""The list of articles, kept beside the library so the app can draw it before the library is read.

Reading the snapshot of a large library takes half a second (10,000 articles and 50,000
annotations: a 21 MB file parsed and indexed); the first screen only needs each article's
heading and counts. ``catalogue.cache`` holds those, stamped with the size and modification time
of the snapshot they were taken from and the generation of the journal that continues it. It is
current only while that snapshot is unchanged and no change waits in the journal (of that
generation: a fold left half done has a newer one), which is the state a library is left in
when presscut closes it; in any other state the app reads the library first, as it always did.

The first rows (as many as any screen shows) are written apart from the rest, so the first
screen waits only for them: parsing all 10,000 rows takes 20 ms, a fifth of the start-up of a
minimal Textual app. The file holds nothing the library lacks: deleting it costs one slower
start.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import orjson

from store.atomic import write_atomic
from store.journal import peek
from store.layout import JOURNAL_NAME, SNAPSHOT_NAME

CACHE_NAME = "catalogue.cache"
FORMAT = 3  # bump when the fields kept change, so old files are ignored
HEAD_ROWS = 300  # more than any terminal shows
# What the list and the reader's heading show, and what the list sorts by.
FIELDS = (
    "id", "title", "source", "published", "byline", "section", "quotes", "notes", "tags",
    "read",
)  # fmt: skip


def _stamp(snapshot: Path) -> list[int] | None:
    try:
        found = snapshot.stat()
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns]


@dataclass
class CachedCatalogue:
    """The cached rows, newest first: the first few at once, the rest when asked for."""

    head: list[dict]
    _rest: bytes

    def rows(self) -> list[dict]:
        """Every row (the head's rows are the same objects); a damaged rest gives the head
        alone, until the library, read next, gives them all."""
        try:
            rest = orjson.loads(self._rest) if self._rest.strip() else []
        except orjson.JSONDecodeError:
            rest = []
        return self.head + rest if isinstance(rest, list) else list(self.head)


def write_catalogue(folder: Path, rows: list[dict], generation: int) -> None:
    """Keep the listed fields of ``rows`` (the library's catalogue as its snapshot holds it,
    continued by the empty journal of ``generation``): a first line with the stamps and the
    head, then a line with the other rows."""
    slim = [{key: row.get(key) for key in FIELDS} for row in rows]
    head = {
        "format": FORMAT,
        "snapshot": _stamp(folder / SNAPSHOT_NAME),
        "generation": generation,
        "rows": slim[:HEAD_ROWS],
    }
    data = orjson.dumps(head) + b"\n" + orjson.dumps(slim[HEAD_ROWS:])
    # A cache that cannot be written is no loss (the library is read first next time), and a
    # save whose fold wrote it must not be reported failed for it.
    with contextlib.suppress(OSError):
        write_atomic(folder / CACHE_NAME, data)


def read_catalogue(folder: Path) -> CachedCatalogue | None:
    """The cached catalogue when it is current; else None (read the library first)."""
    try:
        generation, changed = peek(folder / JOURNAL_NAME)
    except OSError:  # unreadable: let the library's own open say what is wrong
        return None
    if changed:
        return None
    try:
        first, _, rest = (folder / CACHE_NAME).read_bytes().partition(b"\n")
        data = orjson.loads(first)
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("snapshot") != _stamp(folder / SNAPSHOT_NAME) or data["snapshot"] is None:
        return None
    if data.get("generation") != generation:
        return None
    head = data.get("rows")
    return CachedCatalogue(head, rest) if isinstance(head, list) else None

