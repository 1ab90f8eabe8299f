"""The list of articles, kept beside the library so the app can draw it before the library is read.

Reading the snapshot of a large library takes half a second (10,000 articles and 50,000
annotations: a 21 MB file parsed and indexed); the first screen only needs each article's
heading and counts. ``catalogue.cache`` holds those, stamped with the size and modification time
of the snapshot they were taken from. It is current only while that snapshot is unchanged and no
change waits in the journal, which is the state a library is left in when presscut closes it; in
any other state the app reads the library first, as it always did.

The file holds nothing the library lacks: deleting it costs one slower start.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from store.atomic import write_atomic
from store.layout import JOURNAL_NAME, SNAPSHOT_NAME

CACHE_NAME = "catalogue.cache"
FORMAT = 1  # bump when the fields kept change, so old files are ignored
# What the list and the reader's heading show, and what the list sorts by.
FIELDS = (
    "id", "title", "source", "published", "byline", "section", "quotes", "annotations", "tags",
    "read",
)  # fmt: skip


def _stamp(snapshot: Path) -> list[int] | None:
    try:
        found = snapshot.stat()
    except FileNotFoundError:
        return None
    return [found.st_size, found.st_mtime_ns]


def _journal_empty(journal: Path) -> bool:
    try:
        return journal.stat().st_size == 0
    except FileNotFoundError:
        return True


def write_catalogue(folder: Path, rows: list[dict]) -> None:
    """Keep the listed fields of ``rows`` (the library's catalogue as its snapshot holds it)."""
    slim = [{key: row.get(key) for key in FIELDS} for row in rows]
    data = {"format": FORMAT, "snapshot": _stamp(folder / SNAPSHOT_NAME), "rows": slim}
    write_atomic(folder / CACHE_NAME, orjson.dumps(data))


def read_catalogue(folder: Path) -> list[dict] | None:
    """The catalogue rows, newest first, when they are current; else None (read the library)."""
    if not _journal_empty(folder / JOURNAL_NAME):
        return None
    try:
        data = orjson.loads((folder / CACHE_NAME).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("snapshot") != _stamp(folder / SNAPSHOT_NAME) or data["snapshot"] is None:
        return None
    rows = data.get("rows")
    return rows if isinstance(rows, list) else None

