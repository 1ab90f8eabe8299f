"""Removing an article from a library, and bringing it back: the removal record.

A removed article leaves the catalogue with everything the user made of it: the record
``removed/ID.json`` in the library folder holds its catalogue row, its text and analysis, and
every annotation it had, written whole and atomically before anything is taken out of the
library. One file per removal, so a removal costs what the article weighs, not what every
removal so far weighs.

The order of the steps makes a crash harmless: the record first, then the annotations, then the
article's row, then its text file. Cut short, the article is still listed with some annotations
missing and the record holds them all: restoring it puts everything back (putting is
idempotent). Restoring writes the text, then the row and the annotations, and deletes the record
last.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from store.atomic import sync_folder, write_atomic
from store.errors import CorruptStore, NotFound, StoreError
from store.layout import REMOVED_NAME
from store.library import now
from store.people_cache import CACHE_NAME as PEOPLE_CACHE
from store.people_cache import PeopleCache
from store.word_index import WordIndex

if TYPE_CHECKING:
    from store.library import Library

FORMAT = 1


@dataclass(frozen=True)
class Removal:
    """One removed article, as its record holds it."""

    id: str
    removed: str  # when, ISO 8601 UTC
    article: dict  # the catalogue row
    body: dict | None  # text and analysis (None: its text file was already missing)
    annotations: list[dict]
    path: Path

    @property
    def article_id(self) -> str:
        return self.article["id"]

    @property
    def title(self) -> str:
        return self.article.get("title") or "(untitled)"

    def describe(self) -> str:
        """One line: what `presscut restore --list` and `presscut check` print."""
        count = len(self.annotations)
        plural = "" if count == 1 else "s"
        return (
            f"{self.id}  removed {self.removed[:16].replace('T', ' ')}  article "
            f"{self.article_id}  {self.title!r} with {count} annotation{plural}"
        )


def removed_folder(folder: Path) -> Path:
    return folder / REMOVED_NAME


def read_removal(path: Path) -> Removal:
    """One record, or `CorruptStore` naming the file."""
    try:
        data: Any = orjson.loads(path.read_bytes())
        return Removal(
            id=data["id"],
            removed=data["removed"],
            article=data["article"],
            body=data.get("body"),
            annotations=list(data["annotations"]),
            path=path,
        )
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError) as error:
        why = "unreadable" if isinstance(error, OSError) else "damaged"
        raise CorruptStore(f"{path}: {why} removal record; it was left untouched") from None


def removals(folder: Path) -> tuple[list[Removal], list[str]]:
    """Every removal record of the library, oldest first, and a line for each damaged one."""
    found: list[Removal] = []
    damaged: list[str] = []
    for path in sorted(removed_folder(folder).glob("*.json")):
        try:
            found.append(read_removal(path))
        except CorruptStore as error:
            damaged.append(str(error))
    found.sort(key=lambda removal: (removal.removed, removal.id))
    return found, damaged


def find_removal(folder: Path, ref: str) -> Removal:
    """The removal with this id, else the one of the removed article with this id (or the start
    of either)."""
    found, _ = removals(folder)
    for matches in (
        [r for r in found if r.id == ref],
        [r for r in found if r.article_id == ref],
        [r for r in found if r.id.startswith(ref) or r.article_id.startswith(ref)],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            listed = ", ".join(r.id for r in matches)
            raise NotFound(f"{len(matches)} removals match {ref!r} ({listed}): give one of these")
    raise NotFound(f"no removal with id {ref!r}; `presscut restore --list` shows them")


def remove_article(library: Library, key: str) -> Removal:
    """Take an article and its annotations out of the library, kept in a removal record."""
    if library.read_only:
        raise StoreError(f"{library.folder} is open read-only")
    row = library.article(key)
    try:
        body: dict | None = library.body(row["id"])
    except StoreError:  # a missing or damaged text: the article can still go
        body = None
    annotations = library.annotations(row["id"])
    folder = removed_folder(library.folder)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise StoreError(f"{folder}: cannot keep the removal record ({error.strerror})") from None
    record_id = uuid.uuid4().hex[:8]
    removal = Removal(record_id, now(), row, body, annotations, folder / f"{record_id}.json")
    record = {
        "format": FORMAT,
        "id": removal.id,
        "removed": removal.removed,
        "article": row,
        "body": body,
        "annotations": annotations,
    }
    write_atomic(removal.path, orjson.dumps(record))
    for annotation in annotations:
        library.delete_annotation(annotation["id"])
    library.delete_article(row["id"])
    WordIndex(library.folder).forget([row["id"]], save=True)
    if (library.folder / PEOPLE_CACHE).is_dir():
        PeopleCache(library.folder).forget(library, [row["id"]])
    return removal


def restore_removal(library: Library, removal: Removal) -> dict:
    """Put a removed article back with its annotations and drop its record; returns its row.

    An article imported again from the same file since its removal is a different version of
    it: restoring over it would mix the two, so it is refused, saying what to do.
    """
    if library.read_only:
        raise StoreError(f"{library.folder} is open read-only")
    row = removal.article
    present = library.article(row["id"]) if library.has_article(row["id"]) else None
    if present is not None and present.get("hash") != row.get("hash"):
        raise StoreError(
            f"{removal.title!r} was imported again since its removal ({removal.id}); "
            f"remove it first (`presscut remove {row['id']}`) to restore the removed version"
        )
    library.put_article(row, removal.body)
    for annotation in removal.annotations:
        library.put_annotation(annotation)
    removal.path.unlink(missing_ok=True)
    sync_folder(removal.path.parent)
    return row


def removal_report(folder: Path, listed: set[str]) -> list[tuple[str, bool]]:
    """What `presscut check` says of the removal records: (line, is it a problem), one for each
    record. ``listed`` holds the ids of the articles in the library, to tell a removal that a
    crash cut short (its article still listed)."""
    found, damaged = removals(folder)
    lines = [(line, True) for line in damaged]
    for removal in found:
        state = (
            "cut short, the article is still listed: `presscut restore "
            f"{removal.id}` puts back its annotations"
            if removal.article_id in listed
            else f"`presscut restore {removal.id}` brings it back"
        )
        lines.append((f"{removal.path}: {removal.describe()}; {state}", False))
    return lines
