"""Bringing a library written under an older schema forward, one version at a time.

The schema version lives in the snapshot's ``_meta`` table. Each step changes one document at a
time, so the same step applies to the snapshot's rows and to the journal's ops written by the
older presscut; a step must leave a document already in the new shape unchanged, as recovery
may replay newer ops over an older backup. The library keeps a copy of the files before it
migrates them (``store.backup.keep_before_migration``), then writes the migrated snapshot.

Schema 0 is a TinyDB file without presscut's ``_meta`` table, as TinyDB itself (or an earlier
presscut) writes one: its rows get the fields presscut relies on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from store.errors import CorruptStore, NewerSchema

SCHEMA_VERSION = 3
META = "_meta"

Step = Callable[[str, dict], dict]  # (table name, document) -> the document one version later


def _from_0(table: str, doc: dict) -> dict:
    if table == "articles":
        return {"read": False, **doc}
    if table == "annotations":
        created = doc.get("created")
        return {"origin": "user", "updated": created, "target": None, **doc}
    return doc


def _from_1(table: str, doc: dict) -> dict:
    """Schema 2 changed no document: its change logs start with the generation they continue
    (`store.journal`), which a presscut of schema 1 would take for a damaged change."""
    return doc


def _from_2(table: str, doc: dict) -> dict:
    """Schema 3 changed no document either: the annotations moved out of the snapshot into
    segment files (`store.segments`), which the library does as it opens a schema-2 snapshot."""
    return doc


STEPS: dict[int, Step] = {0: _from_0, 1: _from_1, 2: _from_2}  # from version N to N + 1


def schema_of(snapshot: Path, tables: dict[str, Any]) -> int:
    """The snapshot's schema version; a newer one than this presscut knows is refused."""
    if not tables:
        return SCHEMA_VERSION  # a new library
    meta = tables.get(META, {}).get("1")
    if meta is None:
        return 0
    version = meta.get("schema") if isinstance(meta, dict) else None
    if not isinstance(version, int) or version < 0:
        raise CorruptStore(f"{snapshot}: schema version {version!r} is not a version number")
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"{snapshot}: written by a newer presscut (schema {version}, this one reads "
            f"{SCHEMA_VERSION}); upgrade presscut to open it; the file was left untouched"
        )
    return version


def migrate_doc(table: str, doc: dict, version: int) -> dict:
    """One document brought from ``version`` to the current schema."""
    for step in range(version, SCHEMA_VERSION):
        doc = STEPS[step](table, doc)
    return doc


def migrate_tables(tables: dict[str, Any], version: int) -> dict[str, Any]:
    """Every row brought forward, and the new version recorded."""
    migrated = {
        name: {doc_id: migrate_doc(name, doc, version) for doc_id, doc in rows.items()}
        for name, rows in tables.items()
        if name != META
    }
    migrated[META] = {"1": {"schema": SCHEMA_VERSION}}
    return migrated


def migrate_op(op: dict, version: int) -> dict:
    doc = op.get("doc")
    return op if doc is None else {**op, "doc": migrate_doc(op["t"], doc, version)}


REQUIRED = {"articles": ("id",), "annotations": ("id", "article"), "rules": ("id", "kind")}


def check_shape(snapshot: Path, tables: Any) -> None:
    """Refuse JSON that parses but is not a library, before any of it is used."""
    if not isinstance(tables, dict) or not all(isinstance(rows, dict) for rows in tables.values()):
        raise CorruptStore(f"{snapshot}: not a presscut library file; it was left untouched")
    summaries = tables.get("summaries", {})  # per article: six fields (`store.segments`)
    for key, summary in summaries.items():
        if not (isinstance(summary, list) and len(summary) == 6 and isinstance(summary[4], str)):
            raise CorruptStore(
                f"{snapshot}: the summary of article {key[:40]!r} is malformed; it was left "
                "untouched: run `presscut check` to recover"
            )
    for name, fields in REQUIRED.items():
        for doc_id, doc in tables.get(name, {}).items():
            # One test a field, not a generator per row: this runs over every row at each open.
            if not (doc_id.isdigit() and isinstance(doc, dict)) or not (
                isinstance(doc.get(fields[0]), str)
                and (len(fields) == 1 or isinstance(doc.get(fields[1]), str))
            ):
                raise CorruptStore(
                    f"{snapshot}: {name} row {doc_id!r} is malformed; it was left untouched: "
                    "run `presscut check` to recover"
                )
