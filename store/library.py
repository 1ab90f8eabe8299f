"""A presscut library: articles, their analyses, and the user's annotations, in one folder.

Layout of the folder:
- ``library.json``: a TinyDB JSON file (the snapshot) with the ``articles`` and ``annotations``
  tables and a ``_meta`` table carrying the schema version;
- ``changes.log``: the journal of changes made since the snapshot (see ``store.journal``);
- ``articles/ID.json``: one body per article (original text, reading text, analysis), written
  once per import, so the snapshot stays small enough to load at start-up;
- ``library.json.bak`` and ``changes.prev.log``: the snapshot before the last fold and the
  journal that fold took in, to rebuild a damaged snapshot from (see ``store.backup``);
- ``writer.lock`` and ``writer.pid``: held by the one process that may write (``store.lock``).

Every change is appended to the journal and synced before it is applied in memory, so a change
that was reported saved survives a crash; the journal is folded into the snapshot (written
whole and atomically) when it grows long and when the library closes. Older schemas are
migrated on open, after a copy of the old files is kept (``store.migrate``).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb.table import Document

from store.atomic import remove_stale_temporaries, write_atomic
from store.backup import PREVIOUS_JOURNAL_NAME, keep_backup, keep_before_migration
from store.catalogue_cache import read_catalogue, write_catalogue
from store.collector import collector_paused
from store.corrected_fields import CorrectedFields
from store.corrections import is_correction
from store.errors import CorruptStore, DamagedArticle, NotFound, StoreError
from store.ids import BadId, annotation_id, article_id
from store.journal import Journal
from store.layout import BODIES_NAME, JOURNAL_NAME, SNAPSHOT_NAME, body_path
from store.lock import WriterLock
from store.migrate import (
    META,
    SCHEMA_VERSION,
    check_shape,
    migrate_op,
    migrate_tables,
    schema_of,
)
from store.tables import LibraryDB

# What to do about an article whose text is missing or damaged, said wherever it is met.
MEND = "import its file again, or run `presscut check --recover` to set the article aside"
FOLD_JOURNAL_AFTER = 2000  # ops: folding rewrites the snapshot, so it is done rarely

ARTICLES = "articles"
ANNOTATIONS = "annotations"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def read_snapshot(snapshot: Path) -> dict[str, Any]:
    """The snapshot's tables, or ``CorruptStore`` naming the file when it is not a library."""
    try:
        with collector_paused():
            tables = orjson.loads(snapshot.read_bytes())
    except FileNotFoundError:
        return {}
    except orjson.JSONDecodeError as error:
        raise CorruptStore(
            f"{snapshot}: damaged library file ({error.msg} at byte {error.pos}); "
            "it was left untouched: run `presscut check` to recover"
        ) from None
    check_shape(snapshot, tables)
    return tables


class Library:
    """One library folder, open for writing (the default, under a lock) or read-only.

    ``lock`` is a writer lock the caller already holds (recovery does, to repair files before
    opening); otherwise a writable library takes its own.
    """

    def __init__(
        self, folder: Path, *, read_only: bool = False, lock: WriterLock | None = None
    ) -> None:
        self.folder = folder
        self.read_only = read_only
        self._lock: WriterLock | None = None
        if not read_only:
            self._create_folders()
            self._lock = lock or WriterLock(folder)
            if lock is None:
                self._lock.acquire()
        self.db = LibraryDB()
        self._doc_ids: dict[str, dict[str, int]] = {ARTICLES: {}, ANNOTATIONS: {}}
        self._next_doc_id = 1
        self._annotations_by_article: dict[str, set[str]] = {}
        self._article_of: dict[str, str] = {}  # annotation id -> article id
        # Per article, the changes applied to it or its annotations since opening: what is
        # derived from one article (the people index, the list's counts) is made again when
        # its number moved, and only then.
        self._revisions: Counter[str] = Counter()
        self._corrected_fields = CorrectedFields()
        # Counts the changes applied since opening: whoever keeps something derived from the
        # library (the people index) can tell in O(1) that nothing changed since it looked.
        self.generation = 0
        self.journal = Journal(folder / JOURNAL_NAME)
        try:
            with collector_paused():
                self._load()
        except BaseException:
            self._release_writer_lock()
            raise

    # -- opening and closing -------------------------------------------------------------

    def _create_folders(self) -> None:
        try:
            (self.folder / BODIES_NAME).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            why = error.strerror
            raise StoreError(f"{self.folder}: cannot create the library folder ({why})") from None

    def _release_writer_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def snapshot(self) -> Path:
        return self.folder / SNAPSHOT_NAME

    def _load(self) -> None:
        snapshot = self.snapshot
        tables = read_snapshot(snapshot)
        version = schema_of(snapshot, tables)
        if not self.read_only:
            remove_stale_temporaries(self.folder)
            self.journal.drop_torn_tail()
        ops = self.journal.replay()
        if version < SCHEMA_VERSION:
            if not self.read_only:
                keep_before_migration([snapshot, self.journal.path], version)
            tables = migrate_tables(tables, version)
            ops = [migrate_op(op, version) for op in ops]
        tables.setdefault(META, {"1": {"schema": SCHEMA_VERSION}})
        self.db.storage.tables = tables
        for name in (ARTICLES, ANNOTATIONS):
            for doc_id, doc in tables.get(name, {}).items():
                self._index(name, doc["id"], int(doc_id), doc)
        for number, op in enumerate(ops, start=1):
            if op.get("t") not in self._doc_ids or not isinstance(op.get("id"), str):
                raise CorruptStore(
                    f"{self.journal.path}: change {number} is not one this presscut knows; "
                    "it was left untouched: run `presscut check`"
                )
            self._apply(op)
        if version < SCHEMA_VERSION and not self.read_only:
            self.fold_journal()  # the migrated state becomes the snapshot

    def close(self) -> None:
        """Fold the journal into the snapshot and let another process write; leave the list of
        articles beside it for the next start (`store.catalogue_cache`)."""
        if not self.read_only and self._lock is not None:
            if self.journal.length:
                self.fold_journal()
            elif read_catalogue(self.folder) is None:
                self._keep_catalogue()
        self.journal.close()
        self._release_writer_lock()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- durable changes -----------------------------------------------------------------

    def _index(self, table: str, key: str, doc_id: int, doc: dict | None) -> None:
        ids = self._doc_ids[table]
        if doc is None:
            ids.pop(key, None)
        else:
            ids[key] = doc_id
            self._next_doc_id = max(self._next_doc_id, doc_id + 1)
        if table == ANNOTATIONS:
            old_article = self._article_of.pop(key, None)
            if old_article is not None:
                self._annotations_by_article[old_article].discard(key)
                self._revisions[old_article] += 1
            if doc is not None:
                self._article_of[key] = doc["article"]
                self._annotations_by_article.setdefault(doc["article"], set()).add(key)
                self._revisions[doc["article"]] += 1
        else:
            self._revisions[key] += 1

    def _apply(self, op: dict) -> None:
        """Apply one journal op in memory; replaying an op twice gives the same state."""
        name, key, doc = op["t"], op["id"], op.get("doc")
        table = self.db.table(name)
        doc_id = self._doc_ids[name].get(key)
        if doc_id is not None:
            table.remove(doc_ids=[doc_id])
        if doc is not None:
            if doc_id is None:
                doc_id = self._next_doc_id
            table.insert(Document(doc, doc_id=doc_id))
        self._index(name, key, doc_id or 0, doc)
        self.generation += 1

    def _commit(self, table: str, key: str, doc: dict | None) -> None:
        """Make one change durable, then visible: on disk before anyone is told it is saved."""
        if self.read_only:
            raise StoreError(f"{self.folder} is open read-only")
        op = {"t": table, "id": key, "doc": doc}
        self.journal.append(op)
        self._apply(op)
        if self.journal.length >= FOLD_JOURNAL_AFTER:
            self.fold_journal()

    def fold_journal(self) -> None:
        """Write the whole state as the new snapshot, keeping the old one and its journal aside.

        A crash between the steps is harmless: replaying ops over a snapshot that already holds
        them gives the same state, and the backup with the previous journal replayed over it
        always gives the snapshot the fold started from or the one it wrote.
        """
        snapshot = self.snapshot
        data = orjson.dumps(self.db.storage.tables)
        keep_backup(snapshot)
        write_atomic(snapshot, data)
        self.journal.rotate(self.folder / PREVIOUS_JOURNAL_NAME)
        self._keep_catalogue()

    def _keep_catalogue(self) -> None:
        """Write the list the next start draws first; only once the snapshot and the empty
        journal it describes are on disk, so a crash between leaves it stale, never wrong."""
        if self.snapshot.exists():
            with collector_paused():  # 10,000 rows made and dropped: no cycles among them
                write_catalogue(self.folder, self.catalogue())

    # -- articles ------------------------------------------------------------------------

    def articles(self) -> list[dict]:
        """Every article's catalogue row, newest first, then by title."""
        rows = [dict(doc) for doc in self.db.table(ARTICLES).all()]
        rows.sort(key=lambda row: row.get("title") or "")
        rows.sort(key=lambda row: row.get("published") or "", reverse=True)
        return rows

    def catalogue(self) -> list[dict]:
        """Every article's catalogue row, in the order of `articles`, with its ``tags``
        (distinct, sorted) and ``notes`` (how many notes, on it or on its passages), and its
        ``quotes`` and ``people`` as the user corrected them (`store.corrected_fields`).

        One pass over the annotations instead of queries per article: 10,000 articles with
        50,000 annotations take tens of milliseconds, not a fifth of a second. Only an article
        with corrections has its analysis read, once per change to it.
        """
        tables = self.db.storage.tables
        tags: dict[str, set[str]] = {}
        notes: Counter[str] = Counter()
        corrected: set[str] = set()  # articles with corrections
        for doc in tables.get(ANNOTATIONS, {}).values():
            kind = doc.get("kind")
            if kind == "tag":
                tags.setdefault(doc["article"], set()).add(doc["tag"])
            elif kind == "note":
                notes[doc["article"]] += 1
            elif is_correction(doc):
                corrected.add(doc["article"])
        rows = []
        for doc in tables.get(ARTICLES, {}).values():
            row = dict(doc)
            key = row["id"]
            row["tags"] = sorted(tags.get(key, ()))
            row["notes"] = notes[key]
            if key in corrected:
                row.update(self._corrected_fields.of(self, key))
            rows.append(row)
        rows.sort(key=lambda row: row.get("title") or "")
        rows.sort(key=lambda row: row.get("published") or "", reverse=True)
        return rows

    def article(self, key: str) -> dict:
        """The article with this id, or the only one whose id starts with it."""
        doc_id = self._doc_ids[ARTICLES].get(key)
        if doc_id is None:
            matches = [k for k in self._doc_ids[ARTICLES] if k.startswith(key)] if key else []
            if len(matches) != 1:
                why = "no article" if not matches else f"{len(matches)} articles"
                raise NotFound(f"{why} with id {key!r}; `presscut list` shows the ids")
            doc_id = self._doc_ids[ARTICLES][matches[0]]
        return dict(self.db.table(ARTICLES).get(doc_id=doc_id))

    def has_article(self, key: str) -> bool:
        """Is an article with exactly this id in the library? (No prefix, no row read.)"""
        return key in self._doc_ids[ARTICLES]

    def search_articles(self, query: Any) -> list[dict]:
        """Catalogue rows matching a TinyDB query."""
        return [dict(doc) for doc in self.db.table(ARTICLES).search(query)]

    def find_by_origin(self, origin: str) -> dict | None:
        doc_id = self._doc_ids[ARTICLES].get(article_id(origin))
        return dict(self.db.table(ARTICLES).get(doc_id=doc_id)) if doc_id else None

    def body(self, key: str) -> dict:
        """The article's original text, reading text and analysis, read from its own file."""
        try:
            path = body_path(self.folder, key)
        except BadId as error:  # a row no presscut wrote: it names no file, and is damaged
            raise DamagedArticle(f"{error}; run `presscut check --recover`") from None
        try:
            body = orjson.loads(path.read_bytes())
        except FileNotFoundError:
            raise DamagedArticle(f"{path}: the article's text is missing; {MEND}") from None
        except orjson.JSONDecodeError as error:
            why = error.msg
            raise DamagedArticle(f"{path}: damaged article file ({why}); {MEND}") from None
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise DamagedArticle(f"{path}: damaged article file (no text in it); {MEND}")
        return body

    def holds_unchanged(self, origin: str, raw_hash: str) -> bool:
        """Whether importing this file's content again would change nothing: the library has it,
        and its text file is whole (importing the file again is how a lost text comes back)."""
        known = self.find_by_origin(origin)
        return known is not None and known.get("hash") == raw_hash and self.text_is_whole(
            known["id"]
        )

    def text_is_whole(self, key: str) -> bool:
        """Whether the article's text file is there and reads (what importing again mends)."""
        try:
            self.body(key)
        except DamagedArticle:
            return False
        return True

    def save_article(self, origin: str, raw_hash: str, row: dict, body: dict) -> str:
        """Store an imported article; returns "added", "updated" or "unchanged".

        An article is known by where it came from: importing the same unchanged file again
        writes nothing, and a changed file updates its article in place.
        """
        key = article_id(origin)
        existing = self.find_by_origin(origin)
        if self.holds_unchanged(origin, raw_hash):
            return "unchanged"
        if self.read_only:
            raise StoreError(f"{self.folder} is open read-only")
        stamp = now()
        doc = {
            **row,
            "id": key,
            "origin": origin,
            "hash": raw_hash,
            "imported": existing["imported"] if existing else stamp,
            "updated": stamp,
            "read": existing.get("read", False) if existing else False,
        }
        write_atomic(body_path(self.folder, key), orjson.dumps(body))
        self._commit(ARTICLES, key, doc)
        return "updated" if existing else "added"

    def put_article(self, row: dict, body: dict | None) -> None:
        """Store an article as given, ids and times included, as ``put_annotation`` does.

        ``save_article`` stamps its own times, which would make every merge of an export a
        change and a round trip differ; merging an export uses this instead. A ``body`` of None
        leaves the article's text file as it is (a removed article whose text was missing).
        """
        if self.read_only:
            raise StoreError(f"{self.folder} is open read-only")
        if body is not None:
            write_atomic(body_path(self.folder, row["id"]), orjson.dumps(body))
        self._commit(ARTICLES, row["id"], row)

    def delete_article(self, key: str) -> None:
        """Take an article out of the catalogue and drop its text file (its annotations are the
        caller's: `store.removals` keeps them first). The row goes before the file, so a crash
        between leaves a stray text, which is harmless, never a row without its text."""
        row = self.article(key)
        self._commit(ARTICLES, row["id"], None)
        body_path(self.folder, row["id"]).unlink(missing_ok=True)

    def remove_article(self, key: Any) -> None:
        """Remove an article and its annotations; recovery keeps a damaged one aside first."""
        for note in list(self._annotations_by_article.get(key, ())):
            self._commit(ANNOTATIONS, note, None)
        if isinstance(key, str):
            self._commit(ARTICLES, key, None)
            return
        # An id no journal line may name (a number in a hand-edited file): removed in memory,
        # and from the snapshot at the fold that recovery ends with.
        doc_id = self._doc_ids[ARTICLES][key]
        self.db.table(ARTICLES).remove(doc_ids=[doc_id])
        self._index(ARTICLES, key, doc_id, None)
        self.generation += 1

    def mark_read(self, key: str, read: bool = True) -> None:
        row = self.article(key)
        if row.get("read") != read:
            self._commit(ARTICLES, row["id"], {**row, "read": read})

    # -- annotations ---------------------------------------------------------------------

    def annotations(self, article: str | None = None) -> list[dict]:
        """Annotations of one article (or all), oldest first."""
        table = self.db.table(ANNOTATIONS)
        if article is None:
            rows = [dict(doc) for doc in table.all()]
        else:
            ids = self._doc_ids[ANNOTATIONS]
            keys = self._annotations_by_article.get(article, set())
            rows = [dict(table.get(doc_id=ids[key])) for key in keys]
        rows.sort(key=lambda row: (row["created"], row["id"]))
        return rows

    def annotation(self, key: str) -> dict:
        doc_id = self._doc_ids[ANNOTATIONS].get(key)
        if doc_id is None:
            raise NotFound(f"no annotation with id {key!r}")
        return dict(self.db.table(ANNOTATIONS).get(doc_id=doc_id))

    def add_annotation(self, article: str, kind: str, **fields: Any) -> dict:
        """Save a new annotation (a tag, a note or a correction) on an article or a span of it."""
        self.article(article)  # refuse annotations on articles that do not exist
        stamp = now()
        doc = {
            "id": annotation_id(),
            "article": article,
            "kind": kind,
            "origin": fields.pop("origin", "user"),
            "created": stamp,
            "updated": stamp,
            "target": fields.pop("target", None),  # None: on the whole article
            **fields,
        }
        self._commit(ANNOTATIONS, doc["id"], doc)
        return doc

    def update_annotation(self, key: str, **changes: Any) -> dict:
        doc = {**self.annotation(key), **changes, "updated": now()}
        self._commit(ANNOTATIONS, key, doc)
        return doc

    def put_annotation(self, doc: dict) -> None:
        """Store an annotation as given, ids and times included (undo, redo and imports)."""
        self._commit(ANNOTATIONS, doc["id"], dict(doc))

    def delete_annotation(self, key: str) -> None:
        self.annotation(key)
        self._commit(ANNOTATIONS, key, None)

    def annotation_count(self, article: str) -> int:
        return len(self._annotations_by_article.get(article, ()))

    def revision(self, article: str) -> int:
        """How many changes the article and its annotations have had since the library was
        opened: equal numbers, nothing changed (in place or not) in between."""
        return self._revisions[article]

    def tags(self, article: str | None = None) -> Counter[str]:
        """How often each tag is used, in one article or the whole library."""
        counts: Counter[str] = Counter()
        # The whole library's are read from the stored table as it is: a TinyDB query would
        # first make a document of each of its rows (0.3 s for 50,000 annotations).
        rows = self.annotations(article) if article else self.db.storage.tables.get(
            ANNOTATIONS, {}
        ).values()
        for row in rows:
            if row.get("kind") == "tag":
                counts[row["tag"]] += 1
        return counts

    def tag_names(self, limit: int | None = None) -> list[str]:
        """The library's tags, the most used first (what prompts complete and digits apply)."""
        return [tag for tag, _ in self.tags().most_common(limit)]
