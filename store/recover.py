"""`presscut check --recover`: rebuild what a damaged snapshot or journal lost, from the backup,
and set aside an article that cannot be read (`store.quarantine`).

Nothing damaged is deleted: each damaged file is renamed with a ``.damaged-TIME`` suffix. The
rebuilt state is the backup with the previous journal and the good lines of the current one
replayed over it, opened and folded by the library itself under the writer lock.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from store.atomic import sync_folder, write_atomic
from store.backup import PREVIOUS_JOURNAL_NAME, backup_path
from store.errors import CorruptStore, StoreError
from store.journal import encode, header, scan
from store.library import JOURNAL_NAME, SNAPSHOT_NAME, Library, generation_of, read_snapshot
from store.lock import WriterLock
from store.quarantine import set_aside_damaged


def _set_aside(path: Path) -> Path:
    kept = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    os.replace(path, kept)
    sync_folder(path.parent)
    return kept


def recover(folder: Path) -> list[str]:
    """Repair the snapshot and journal if they are damaged; one line per thing done."""
    if not folder.is_dir():  # a mistyped --library: nothing to make there
        raise StoreError(f"{folder}: no library here; name the library folder with --library")
    lock = WriterLock(folder)
    lock.acquire()
    try:
        return _recover(folder, lock)
    except OSError as error:
        raise StoreError(f"{error.filename or folder}: cannot recover ({error.strerror})") from None
    finally:
        lock.release()


def _recover(folder: Path, lock: WriterLock) -> list[str]:
    snapshot, journal = folder / SNAPSHOT_NAME, folder / JOURNAL_NAME
    done: list[str] = []
    rebuilt = False
    try:
        generation = generation_of(read_snapshot(snapshot))
    except CorruptStore:
        backup = backup_path(snapshot)
        try:
            data = backup.read_bytes()
            generation = generation_of(read_snapshot(backup))
        except (OSError, CorruptStore):
            raise StoreError(
                f"{snapshot}: damaged and no usable backup ({backup.name}); left untouched"
            ) from None
        done.append(f"{snapshot}: damaged file kept as {_set_aside(snapshot).name}")
        write_atomic(snapshot, data)
        rebuilt = True
    # The previous journal holds what the snapshot lacks when it is the snapshot's generation:
    # the backup's, or a fold's that sealed it and did not finish.
    previous = scan(folder / PREVIOUS_JOURNAL_NAME)
    replay = previous.ops if previous.exists and previous.generation == generation else []
    if rebuilt:
        done.append(f"{snapshot}: rebuilt from {backup.name} and {len(replay)} changes after it")
    logged = scan(journal)
    if logged.damaged:
        done.append(f"{journal}: damaged file kept as {_set_aside(journal).name}")
    if rebuilt or logged.damaged:
        ops = b"".join(encode(op) for op in replay + logged.ops)
        write_atomic(journal, header(generation) + ops)  # continues the snapshot as it is now
        done.append(f"{journal}: {len(logged.ops)} good changes replayed")
    if not (snapshot.exists() or journal.exists()):
        return done or [f"{folder}: nothing to recover"]
    try:
        opened = Library(folder, lock=lock)
    except StoreError:
        if done:
            raise
        return [f"{folder}: nothing to recover"]  # `presscut check` says why it does not open
    with opened as library:
        done += set_aside_damaged(library)
        if not done:
            return [f"{folder}: nothing to recover"]
        library.fold_journal()
        done.append(
            f"{folder}: opens again with {len(library.articles())} articles and "
            f"{len(library.annotations())} annotations"
        )
    return done
