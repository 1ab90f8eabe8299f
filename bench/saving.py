"""Target 1: saving one annotation durably, beside a plain TinyDB insert into the same data.

Each presscut save is timed from the call to its return, by which time the change is appended
to the journal and ``fdatasync``ed. The run is longer than ``FOLD_JOURNAL_AFTER`` saves, so the
folds it triggers (a whole-snapshot rewrite) are among the timings. The reference is TinyDB's
default ``JSONStorage`` over a copy of the same snapshot: each insert rewrites the whole file
(and TinyDB syncs it).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from tinydb import TinyDB

from bench.library_gen import Generated
from bench.workdir import discard, percentile, working_copy
from store.library import FOLD_JOURNAL_AFTER, SNAPSHOT_NAME, Library

SAVES = FOLD_JOURNAL_AFTER + 500
TINYDB_INSERTS = 20


def presscut_saves(generated: Generated) -> list[float]:
    folder = working_copy(generated.folder)
    try:
        with Library(folder) as library:
            timings = []
            for number in range(SAVES):
                start = time.perf_counter()
                library.add_annotation(generated.long_id, "tag", tag=f"bench-{number % 7}")
                timings.append((time.perf_counter() - start) * 1000)
        return timings
    finally:
        discard(folder)


def tinydb_inserts(generated: Generated) -> list[float]:
    folder = working_copy(generated.folder)
    try:
        timings = []
        with TinyDB(Path(folder / SNAPSHOT_NAME)) as plain:
            table = plain.table("annotations")
            for number in range(TINYDB_INSERTS):
                doc = {"id": f"plain-{number}", "article": generated.long_id, "kind": "tag",
                       "tag": "bench", "target": None}
                start = time.perf_counter()
                table.insert(doc)
                timings.append((time.perf_counter() - start) * 1000)
        return timings
    finally:
        discard(folder)


def measure(generated: Generated) -> dict[str, float]:
    saves = presscut_saves(generated)
    inserts = tinydb_inserts(generated)
    return {
        "save_p50_ms": statistics.median(saves),
        "save_p95_ms": percentile(saves, 0.95),
        "save_p99_ms": percentile(saves, 0.99),
        "save_max_ms": max(saves),
        # the save that fills the journal: it seals it, and a fold process writes the snapshot
        "save_that_folds_ms": saves[FOLD_JOURNAL_AFTER - 1],
        "tinydb_insert_ms": statistics.median(inserts),
    }
