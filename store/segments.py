"""The annotations split into 256 segment files, and what the library knows of them unread.

At 100,000 articles the annotations are three quarters of the library (156 MB of JSON, 600 MB in
memory): keeping them in the snapshot made every open read them all and every fold write them
all. So each article's annotations live in one of 256 segments, chosen by the article id's first
two hex digits (a hash for any other id), each a TinyDB-shaped file ``segments/B.gN.json``
(``{"annotations": {doc_id: doc}}``) named with the generation that wrote it. A fold writes new
files for the segments its changes touched and nothing else; the snapshot's ``_meta`` row names
the file of each segment (the manifest), so writing the snapshot is the commit point, and a
file named by neither the snapshot nor its backup is removed after.

What the whole library needs without reading a segment is the summary kept in the snapshot beside
the catalogue, per article with annotations: ``[count, notes, tags (each use, sorted), correction
stamps ("id@updated"), annotation ids (space-separated), {kind: count}]``. Every journal op on an
annotation carries its article (``a``) and the annotation as it was before (``old``, None when
new), so replaying the journal moves the summaries by what each change added and took away,
without reading a segment, and a save's line in the journal costs the annotation, not its
article's other annotations.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from store.atomic import write_atomic
from store.collector import collector_paused
from store.corrections import is_correction
from store.errors import CorruptStore
from store.layout import SEGMENTS_NAME

ANNOTATIONS = "annotations"
SUMMARIES = "summaries"
MANIFEST = "segments"  # the field of the ``_meta`` row naming each segment's file
SEGMENT_FILE = re.compile(r"[0-9a-f]{2}\.g\d+\.json")
HEX = set("0123456789abcdef")

# The fields of an article's summary, by position (a list: 100,000 of them stay in memory).
COUNT, NOTES, TAGS, FIXES, IDS, KINDS = range(6)


def bucket_of(article: str) -> str:
    """The segment holding an article's annotations: the first two hex digits of its id, or
    of a hash of an id not of presscut's form (a hand-edited or foreign one)."""
    head = article[:2]
    if len(head) == 2 and head[0] in HEX and head[1] in HEX:
        return head
    return f"{zlib.crc32(article.encode('utf-8', 'surrogatepass')) & 0xFF:02x}"


def segment_name(bucket: str, generation: int) -> str:
    return f"{bucket}.g{generation}.json"


def segment_path(folder: Path, name: str) -> Path:
    return folder / SEGMENTS_NAME / name


def read_segment(folder: Path, name: str) -> dict[str, Any]:
    """A segment's rows by document id; ``FileNotFoundError`` when a later fold removed it,
    ``CorruptStore`` naming the file when it is damaged."""
    path = segment_path(folder, name)
    try:
        with collector_paused():
            data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as error:
        raise CorruptStore(
            f"{path}: damaged annotations file ({error.msg} at byte {error.pos}); it was left "
            "untouched: run `presscut check` to see what can be recovered"
        ) from None
    rows = data.get(ANNOTATIONS) if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        raise CorruptStore(f"{path}: not a presscut annotations file; it was left untouched")
    for doc_id, doc in rows.items():
        if not (doc_id.isdigit() and isinstance(doc, dict)) or not (
            isinstance(doc.get("id"), str) and isinstance(doc.get("article"), str)
        ):
            raise CorruptStore(
                f"{path}: annotations row {doc_id!r} is malformed; it was left untouched: "
                "run `presscut check` to recover"
            )
    return rows


def write_segment(folder: Path, name: str, rows: dict[str, Any]) -> None:
    """Write a segment's rows to a new file, whole and atomically (owner-only)."""
    write_atomic(segment_path(folder, name), orjson.dumps({ANNOTATIONS: rows}))


def remove_unnamed(folder: Path, named: Iterable[str]) -> None:
    """Drop the segment files neither the snapshot nor its backup names (after a fold: no
    reader that opens now needs them; one that opened before reads the library again)."""
    keep = set(named)
    with contextlib.suppress(OSError):
        for path in (folder / SEGMENTS_NAME).iterdir():
            if SEGMENT_FILE.fullmatch(path.name) and path.name not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()


def summary_of(rows: Iterable[dict]) -> list | None:
    """An article's summary from its annotations (None: it has none)."""
    summary = None
    for row in rows:
        summary = changed(summary, None, row)
    return summary


def changed(summary: list | None, old: dict | None, new: dict | None) -> list | None:
    """An article's summary after one of its annotations went from ``old`` to ``new`` (either
    None: added or removed); a new list, the one given is left as it was. None: no annotation
    is left."""
    if summary is None:
        count, notes, tags, fixes, ids, kinds = 0, 0, [], [], "", {}
    else:
        count, notes, tags, fixes, ids, kinds = summary
        tags, fixes, kinds = list(tags), list(fixes), dict(kinds)
    for doc, step in ((old, -1), (new, 1)):
        if doc is None:
            continue
        count += step
        kind = doc.get("kind")
        if isinstance(kind, str):
            kinds[kind] = kinds.get(kind, 0) + step
            if kinds[kind] <= 0:
                del kinds[kind]
        if kind == "note":
            notes += step
        elif kind == "tag":
            _move(tags, doc["tag"], step)
        elif is_correction(doc):
            _move(fixes, f"{doc['id']}@{doc.get('updated')}", step)
        ids = f"{ids} {doc['id']}".lstrip(" ") if step > 0 else _without(ids, doc["id"])
    return [count, notes, tags, fixes, ids, kinds] if count > 0 else None


def _move(values: list, value: Any, step: int) -> None:
    """Add one ``value`` to a sorted list, or take one away (when it is there)."""
    if step > 0:
        bisect.insort(values, value)
    else:
        with contextlib.suppress(ValueError):
            values.remove(value)


def _without(ids: str, key: str) -> str:
    return f" {ids} ".replace(f" {key} ", " ", 1).strip(" ")


def apply_summary(summaries: dict[str, list], op: dict) -> None:
    """Move an article's summary by an annotation op (an older presscut's op, without the
    annotation as it was, moves none: the library makes the summary from the rows)."""
    article = op.get("a")
    if "old" not in op or not isinstance(article, str):
        return
    found = changed(summaries.get(article), op["old"], op.get("doc"))
    if found is None:
        summaries.pop(article, None)
    else:
        summaries[article] = found


def op_bucket(op: dict) -> str | None:
    """The segment an annotation op changes, when it names its article."""
    article = op.get("a")
    if not isinstance(article, str):
        doc = op.get("doc")
        article = doc.get("article") if isinstance(doc, dict) else None
    return bucket_of(article) if isinstance(article, str) else None


def annotation_total(tables: dict[str, Any]) -> int:
    """How many annotations a snapshot's tables hold, its segments' by their summaries (what
    `presscut check` says of a snapshot without reading a segment)."""
    summaries = tables.get(SUMMARIES, {})
    counted = sum(summary[COUNT] for summary in summaries.values()
                  if isinstance(summary, list) and summary and isinstance(summary[COUNT], int))
    return len(tables.get(ANNOTATIONS, {})) + counted


def missing_segment(folder: Path, tables: dict[str, Any]) -> None:
    """``CorruptStore`` naming the first segment file a snapshot names that is not there."""
    manifest = tables.get("_meta", {}).get("1", {}).get(MANIFEST) or {}
    for bucket, name in sorted(manifest.items()):
        if not segment_path(folder, name).is_file():
            raise _missing(folder, bucket, name)


def _missing(folder: Path, bucket: str, name: str) -> CorruptStore:
    return CorruptStore(
        f"{segment_path(folder, name)}: the annotations of segment {bucket} are missing; it "
        "was left as it is: restore the file from a copy of the library"
    )


def with_annotations(folder: Path, tables: dict[str, Any]) -> dict[str, Any]:
    """A snapshot's tables with its segments' annotations as one ``annotations`` table (what
    `presscut check` reads; a snapshot of schema 2 holds that table itself). A segment file
    missing or damaged is ``CorruptStore`` naming it."""
    manifest = tables.get("_meta", {}).get("1", {}).get(MANIFEST) or {}
    if not manifest:
        return tables
    merged: dict[str, Any] = dict(tables.get(ANNOTATIONS, {}))
    for bucket, name in sorted(manifest.items()):
        try:
            rows = read_segment(folder, name)
        except FileNotFoundError:
            raise _missing(folder, bucket, name) from None
        for doc in rows.values():
            merged[str(len(merged) + 1)] = doc
    return {**tables, ANNOTATIONS: merged}
