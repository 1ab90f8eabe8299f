"""`presscut check`: what state a library's files are in, read without changing any of them.

It reads every file the library is made of (snapshot, journals, backups, bodies) the way opening
would, but reports each problem as a line naming the file instead of stopping at the first, and
says how to recover: from the backup, by importing an article again, or by upgrading presscut.
The article texts are read only when changed since the last check (`store.check_articles`), and
the only file it writes is its own record of what it found sound (`store.checked_cache`).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from store.atomic import TEMP_PREFIX
from store.backup import PREVIOUS_JOURNAL_NAME, backup_path
from store.catalogue_cache import CACHE_NAME as CATALOGUE_CACHE
from store.catalogue_cache import read_catalogue
from store.check_articles import RECOVER, StoredArticles, check_articles
from store.checked_cache import Stamp, annotations_digests, source_stamp
from store.collector import collector_paused
from store.errors import StoreError
from store.journal import Scan, logs_since, scan
from store.layout import SEGMENTS_NAME
from store.library import BODIES_NAME, JOURNAL_NAME, SNAPSHOT_NAME, generation_of, read_snapshot
from store.lock import lock_holder
from store.migrate import SCHEMA_VERSION, schema_of
from store.removals import removal_report
from store.segments import annotation_total, missing_segment, with_annotations

TABLES = ("articles", "annotations", "rules")


@dataclass(frozen=True)
class Finding:
    text: str  # one line, naming the file it is about
    problem: bool = False  # something is wrong: `presscut check` exits non-zero


def _stamp(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


def _tables(path: Path, findings: list[Finding], what: str) -> dict[str, Any] | None:
    """The tables of a snapshot file, with a finding saying what it holds or what is wrong."""
    if not path.exists():
        return None
    try:
        tables = read_snapshot(path)
        version = schema_of(path, tables)
        missing_segment(path.parent, tables)
    except StoreError as error:
        findings.append(Finding(str(error), problem=what == "snapshot"))
        return None
    sizes = {"articles": len(tables.get("articles", {})),
             "annotations": annotation_total(tables), "rules": len(tables.get("rules", {}))}
    counts = ", ".join(f"{sizes[name]} {name}" for name in TABLES)
    note = "" if version == SCHEMA_VERSION else f" (migrated to schema {SCHEMA_VERSION} on open)"
    findings.append(
        Finding(f"{path}: {what} ok: schema {version}{note}, {counts}, written {_stamp(path)}")
    )
    return tables


def _journal(path: Path, findings: list[Finding], what: str) -> Scan:
    found = scan(path)
    if found.damaged:
        lines = ", ".join(map(str, found.damaged[:5]))
        findings.append(
            Finding(
                f"{path}: damaged lines ({lines}) among {len(found.ops)} good changes; "
                f"{RECOVER} keeps the good ones and sets the file aside",
                problem=what == "journal",
            )
        )
    elif path.exists():
        findings.append(Finding(f"{path}: {what} ok: {len(found.ops)} changes"))
    if found.torn:
        findings.append(
            Finding(f"{path}: torn last line, a save cut short by a crash and never reported "
                    "done; it is dropped on the next open")
        )
    return found


def _rows(tables: dict[str, Any], ops: list[dict], name: str) -> dict[Any, dict]:
    """Every row of a table in the snapshot with the journal's changes laid over it."""
    rows = {doc["id"]: doc for doc in tables.get(name, {}).values()}
    for op in ops:
        if op.get("t") == name:
            if op.get("doc") is None:
                rows.pop(op.get("id"), None)
            else:
                rows[op["id"]] = op["doc"]
    return rows


def stored_articles(
    tables: dict[str, Any], ops: list[dict], source: Stamp | None,
    segments: Callable[[], dict[str, Any]] | None = None,
) -> StoredArticles:
    """The articles' rows and annotations, the journals' changes laid over the snapshot's: the
    one place the per-article check gets them from. ``source`` is the snapshot's stamp taken
    before it was read (None when it changed since). The annotations are gone through only
    when asked for, and only then are ``segments`` (the snapshot's annotations, read from its
    segment files) read: an unchanged library needs none of them."""
    annotations: dict[Any, dict] | None = None
    grouped: dict[Any, list[dict]] | None = None
    digests: dict[Any, int | None] | None = None

    def all_annotations() -> dict[Any, dict]:
        nonlocal annotations
        if annotations is None:
            stored = {"annotations": segments()} if segments is not None else tables
            annotations = _rows(stored, ops, "annotations")
        return annotations

    def annotations_of(key: Any) -> list[dict]:
        nonlocal grouped
        if grouped is None:
            grouped = {}
            for annotation in all_annotations().values():
                grouped.setdefault(annotation.get("article"), []).append(annotation)
        return grouped.get(key, [])

    def annotations_digest(key: Any) -> int | None:
        nonlocal digests
        if digests is None:
            digests = annotations_digests(all_annotations().values())
        return digests.get(key, 0)

    touched: set[Any] = set()
    changed_notes: set[Any] = set()
    for op in ops:
        if op.get("t") == "articles":
            touched.add(op.get("id"))
        elif op.get("t") == "annotations":
            if isinstance(op.get("doc"), dict):
                touched.add(op["doc"].get("article"))
            if "a" in op:  # the article it belonged to before, named in the op itself
                touched.add(op["a"])
            else:
                changed_notes.add(op.get("id"))
    if changed_notes:  # an older presscut's op: the article is found in the stored rows
        stored = {"annotations": segments()} if segments is not None else tables
        for annotation in stored.get("annotations", {}).values():
            if annotation.get("id") in changed_notes:
                touched.add(annotation.get("article"))
    rows = _rows(tables, ops, "articles")
    return StoredArticles(rows, annotations_of, annotations_digest, source, touched)


def _bodies(
    folder: Path, stored: StoredArticles, findings: list[Finding], full: bool
) -> None:
    """Each article's text file, and the article whole: its row, text and annotations."""
    bodies = folder / BODIES_NAME
    checked = check_articles(folder, stored, full=full)
    findings.extend(Finding(text, problem=True) for text in checked.problems)
    unchanged = checked.total - checked.read
    how = (f" ({checked.read} read, {unchanged} unchanged since the last check)"
           if unchanged else "")
    findings.append(Finding(f"{bodies}: {checked.total - len(checked.problems)} of "
                            f"{checked.total} article texts ok{how}"))
    if checked.cache_note:
        findings.append(Finding(checked.cache_note))
    try:
        strays = {name[:-5] for name in os.listdir(bodies) if name.endswith(".json")}
    except OSError:
        strays = set()
    strays -= set(stored.rows)
    if strays:
        findings.append(
            Finding(f"{bodies}: {len(strays)} texts of no article (an import cut short); harmless")
        )


def _segments_of(folder: Path, tables: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    """What reads the snapshot's annotations from its segments, once, when first asked."""
    read: list[dict[str, Any]] = []

    def annotations() -> dict[str, Any]:
        if not read:
            read.append(with_annotations(folder, tables).get("annotations", {}))
        return read[0]

    return annotations


def _source(folder: Path) -> Stamp | None:
    """The stamp of the files rows and annotations are read from: the snapshot and every
    segment (a segment edited in place leaves the snapshot as it was)."""
    snapshot = source_stamp(folder / SNAPSHOT_NAME)
    if snapshot is None:
        return None
    segments = sorted((folder / SEGMENTS_NAME).glob("*.json"))
    return [*snapshot, *(part for path in segments
                         for part in [zlib.crc32(path.name.encode()), *(source_stamp(path) or [])])]


def check_library(folder: Path, *, full: bool = False) -> list[Finding]:
    """Each file's state, problems first in the order opening would meet them; each article's
    text read only when it changed since the last check, unless ``full``.

    The cycle collector is paused throughout: what is read (the tables, every body) holds no
    cycles, and its passes over the whole library's rows, again and again while the bodies are
    read, cost more than the reading."""
    with collector_paused():
        return _check_library(folder, full)


def _check_library(folder: Path, full: bool) -> list[Finding]:
    if not folder.is_dir():
        return [Finding(f"{folder}: no library here", problem=True)]
    findings: list[Finding] = []
    snapshot = folder / SNAPSHOT_NAME
    source = _source(folder)  # before reading: a fold meanwhile makes the two differ
    tables = _tables(snapshot, findings, "snapshot")
    if not snapshot.exists():
        findings.append(Finding(f"{snapshot}: not written yet (the journal holds everything)"))
        tables = {}
    journal = _journal(folder / JOURNAL_NAME, findings, "journal")
    backup = _tables(backup_path(snapshot), findings, "backup")
    previous = _journal(folder / PREVIOUS_JOURNAL_NAME, findings, "previous journal")
    logs = logs_since(generation_of(tables or {}), previous, journal) or [journal]
    ops = [op for log in logs for op in log.ops]
    if tables is None:
        how = (
            f"{RECOVER} rebuilds it from {backup_path(snapshot).name} and the journals, "
            "keeping the damaged file aside"
            if backup is not None
            else "no usable backup to rebuild it from; it was left untouched"
        )
        findings.append(Finding(f"{snapshot}: {how}", problem=True))
    else:
        if source != _source(folder):
            source = None
        try:
            stored = stored_articles(tables, ops, source, _segments_of(folder, tables))
            _bodies(folder, stored, findings, full)
            for text, problem in removal_report(folder, set(stored.rows)):
                findings.append(Finding(text, problem=problem))
        except StoreError as error:  # a segment damaged since the last check, read only now
            findings.append(Finding(str(error), problem=True))
    for kept in sorted(folder.glob("*.schema-*.bak")):
        findings.append(Finding(f"{kept}: copy kept before a migration, written {_stamp(kept)}"))
    cache = folder / CATALOGUE_CACHE
    if tables is not None and snapshot.exists():
        state = (
            "current: the app draws it before reading the library"
            if read_catalogue(folder) is not None
            else "not current: the app reads the library first, and writes it again on closing"
        )
        findings.append(Finding(f"{cache}: list of articles {state}"))
    stale = list(folder.glob(TEMP_PREFIX + "*"))
    if stale:
        findings.append(Finding(f"{folder}: {len(stale)} temporary files of a crash, "
                                "removed on the next open"))
    holder = lock_holder(folder)
    findings.append(Finding(f"{folder}: " + (f"open for writing in {holder}" if holder
                                             else "not open for writing")))
    return sorted(findings, key=lambda finding: not finding.problem)
