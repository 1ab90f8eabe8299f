"""Copies to recover from: the previous snapshot beside the current one, and pre-migration ones.

Each fold keeps the snapshot it replaces as ``library.json.bak`` and the journal it folded as
``changes.prev.log``: the backup with that log replayed over it is the current snapshot, so a
snapshot later found damaged (a disk error, an editor, a bad copy) can be rebuilt with nothing
lost. Keeping the old file costs a hard link, not a copy: the new snapshot is written to a new
file and renamed over the old name, so the old file's data stays intact under the backup name.
"""

from __future__ import annotations

import os
from pathlib import Path

from store.atomic import TEMP_PREFIX, sync_folder, write_atomic

BACKUP_SUFFIX = ".bak"
PREVIOUS_JOURNAL_NAME = "changes.prev.log"


def backup_path(snapshot: Path) -> Path:
    return snapshot.with_name(snapshot.name + BACKUP_SUFFIX)


def migration_backup_path(path: Path, schema: int) -> Path:
    """Where a file is kept before a migration from ``schema``; never overwritten later."""
    return path.with_name(f"{path.name}.schema-{schema}{BACKUP_SUFFIX}")


def keep_backup(snapshot: Path) -> None:
    """Keep the current snapshot under the backup name, atomically, before it is replaced."""
    if not snapshot.exists():
        return
    temporary = snapshot.with_name(f"{TEMP_PREFIX}{snapshot.name}{BACKUP_SUFFIX}")
    temporary.unlink(missing_ok=True)
    try:
        os.link(snapshot, temporary)
    except OSError:  # a file system without hard links: copy instead
        write_atomic(backup_path(snapshot), snapshot.read_bytes())
        return
    os.replace(temporary, backup_path(snapshot))
    sync_folder(snapshot.parent)


def keep_before_migration(files: list[Path], schema: int) -> None:
    """Copy each existing file aside before a migration rewrites the library."""
    for path in files:
        kept = migration_backup_path(path, schema)
        if path.exists() and not kept.exists():
            write_atomic(kept, path.read_bytes())
