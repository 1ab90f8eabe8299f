"""The fold of a sealed journal into the snapshot, in a process of its own.

Rewriting the snapshot costs what the whole library weighs (a quarter of a second at 10,000
articles, seconds at 100,000), so a fold during a session must not run on the thread that
saves: the writer seals the journal (a link and a rename, milliseconds) and starts this
process, which reads the snapshot of generation G and the sealed journal of G from disk and
writes the snapshot of G + 1, while the writer goes on appending to the journal of G + 1. Of the
annotations it reads and writes only the segments the journal's ops touched (`store.segments`):
each as a new file named with G + 1, which the writer names the same way once the fold is done.
Readers find the whole library at every step (`store.journal`), and a writer killed meanwhile
leaves a fold the next one finishes.

The process holds ``fold.lock`` while it works, and a writer opening the library waits for it:
a fold left running by a writer that died never writes under the next one.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

from store.atomic import PRIVATE_FILE, write_atomic
from store.backup import PREVIOUS_JOURNAL_NAME
from store.collector import collector_paused
from store.journal import scan
from store.layout import SNAPSHOT_NAME
from store.migrate import META, SCHEMA_VERSION
from store.segments import (
    ANNOTATIONS,
    MANIFEST,
    SUMMARIES,
    apply_summary,
    op_bucket,
    read_segment,
    remove_unnamed,
    segment_name,
    write_segment,
)

FOLD_LOCK_NAME = "fold.lock"
GENERATION = "generation"
CATALOGUE_TOO = "--catalogue"  # also leave the list of articles for the next start


@contextmanager
def fold_lock(folder: Path) -> Iterator[None]:
    """Held by a fold process while it works; taken (waiting) by a writer as it opens."""
    fd = os.open(folder / FOLD_LOCK_NAME, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def apply_ops(tables: dict, ops: list[dict]) -> None:
    """Lay journal ops over TinyDB tables keyed by document id, as the library does."""
    ids: dict[str, dict[str, str]] = {}
    numbered = (rows for name, rows in tables.items() if name != SUMMARIES)  # by article id
    next_id = 1 + max((int(i) for rows in numbered for i in rows), default=0)
    for op in ops:
        name, key, doc = op["t"], op["id"], op.get("doc")
        rows = tables.setdefault(name, {})
        if name not in ids:
            ids[name] = {row["id"]: doc_id for doc_id, row in rows.items()}
        doc_id = ids[name].get(key)
        if doc is None:
            if doc_id is not None:
                del rows[doc_id]
                del ids[name][key]
            continue
        if doc_id is None:
            doc_id = ids[name][key] = str(next_id)
            next_id += 1
        rows[doc_id] = doc


def fold(folder: Path, generation: int) -> bool:
    """Write the snapshot of ``generation`` from the one before and its sealed journal; False
    when the files are no longer in that state (another fold did it)."""
    from store.library import generation_of, read_snapshot

    snapshot = folder / SNAPSHOT_NAME
    with collector_paused():
        tables = read_snapshot(snapshot)
        sealed = scan(folder / PREVIOUS_JOURNAL_NAME)
        if generation_of(tables) != generation - 1 or sealed.generation != generation - 1:
            return False
        meta = tables.setdefault(META, {}).setdefault("1", {"schema": SCHEMA_VERSION})
        if meta.get("schema") != SCHEMA_VERSION or ANNOTATIONS in tables:
            return False  # a snapshot to migrate: the writer does it as it opens
        by_segment: dict[str, list[dict]] = {}
        summaries = tables.setdefault(SUMMARIES, {})
        others = []
        for op in sealed.ops:
            if op.get("t") != ANNOTATIONS:
                others.append(op)
                continue
            bucket = op_bucket(op)
            if bucket is None:
                return False  # an op naming no article: the writer folds it itself
            by_segment.setdefault(bucket, []).append(op)
            apply_summary(summaries, op)
        apply_ops(tables, others)
        old = dict(meta.get(MANIFEST) or {})
        manifest = dict(old)
        for bucket, ops in sorted(by_segment.items()):
            rows = read_segment(folder, old[bucket]) if bucket in old else {}
            segment = {ANNOTATIONS: rows}
            apply_ops(segment, ops)
            manifest[bucket] = segment_name(bucket, generation)
            write_segment(folder, manifest[bucket], segment[ANNOTATIONS])
        meta.update({GENERATION: generation, MANIFEST: manifest})
        write_atomic(snapshot, orjson.dumps(tables))
    remove_unnamed(folder, [*old.values(), *manifest.values()])
    return True


def keep_catalogue(folder: Path) -> None:
    """The list the next start draws first, from the snapshot just written (the writer that
    sealed the journal quit, so nothing changed since; if a new writer did change something,
    the list is stamped stale and ignored)."""
    from store.library import Library

    with Library(folder, read_only=True) as library:
        library.keep_catalogue()


def main(argv: list[str]) -> int:
    folder, generation = Path(argv[0]), int(argv[1])
    with fold_lock(folder):
        if not fold(folder, generation):
            return 1
        if CATALOGUE_TOO in argv[2:]:
            keep_catalogue(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
