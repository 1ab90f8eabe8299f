"""A presscut library: articles, their analyses, and the user's annotations, in one folder.

Layout of the folder:
- ``library.json``: a TinyDB JSON file (the snapshot) with the ``articles``, ``rules`` and
  ``summaries`` tables and a ``_meta`` table carrying the schema version, the generation and
  which file holds each segment of the annotations;
- ``segments/B.gN.json``: the annotations, in 256 segments by article id, each read when first
  needed and rewritten only by a fold whose changes touched it (`store.segments`);
- ``changes.log``: the journal of changes made since the snapshot (see ``store.journal``), of
  the generation the snapshot names in ``_meta``;
- ``articles/ID.json``: one body per article (original text, reading text, analysis), written
  once per import, so the snapshot stays small enough to load at start-up;
- ``library.json.bak`` and ``changes.prev.log``: the snapshot before the last fold and the
  journal that fold took in, to rebuild a damaged snapshot from (see ``store.backup``);
- ``writer.lock`` and ``writer.pid``: held by the one process that may write (``store.lock``).

Every change is appended to the journal and synced before it is applied in memory, so a change
that was reported saved survives a crash, and a change the disk refused is reported unsaved and
leaves nothing behind; the journal is folded into the snapshot (written whole and atomically)
when it grows long and when the library closes; a fold writes the snapshot (the catalogue and
the summaries) and the segments its changes touched, nothing else. A read-only open beside the
writer reads the snapshot and the journals of one generation, reading again when it raced a
fold. Older schemas are migrated on open, after a copy of the old files is kept
(``store.migrate``).

The folder and everything in it are the owner's alone (``store.atomic``); a library written by
an older presscut is tightened when it is opened for writing.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb.table import Document

from store.atomic import (
    make_private_folder,
    remove_stale_temporaries,
    tighten_library,
    write_atomic,
)
from store.backup import PREVIOUS_JOURNAL_NAME, keep_backup, keep_before_migration
from store.catalogue_cache import read_catalogue, write_catalogue
from store.collector import collector_paused
from store.corrected_fields import CorrectedFields
from store.errors import CorruptStore, DamagedArticle, NotFound, StoreError, cannot_write
from store.fold import CATALOGUE_TOO, GENERATION, apply_ops, fold_lock
from store.ids import BadId, annotation_id, article_id, checked_article_id
from store.journal import Journal, logs_since, refuse_damage, scan
from store.label_tallies import LabelTallies
from store.layout import BODIES_NAME, JOURNAL_NAME, SEGMENTS_NAME, SNAPSHOT_NAME, body_path
from store.lock import WriterLock
from store.migrate import (
    META,
    SCHEMA_VERSION,
    check_shape,
    migrate_op,
    migrate_tables,
    schema_of,
)
from store.rules import KINDS, RuleSet, name_of
from store.segments import (
    COUNT,
    FIXES,
    IDS,
    MANIFEST,
    NOTES,
    SUMMARIES,
    TAGS,
    apply_summary,
    bucket_of,
    op_bucket,
    read_segment,
    remove_unnamed,
    segment_name,
    segment_path,
    summary_of,
    write_segment,
)
from store.segments import (
    KINDS as ANNOTATION_KINDS,
)
from store.tables import LibraryDB

# What to do about an article whose text is missing or damaged, said wherever it is met.
MEND = "import its file again, or run `presscut check --recover` to set the article aside"
FOLD_JOURNAL_AFTER = 2000  # ops: folding rewrites the snapshot, so it is done rarely
# A snapshot this small is folded at closing in well under a tenth of a second, and a disk that
# refuses it is said at once; a larger one is folded by a process of its own (`close`).
FOLD_AT_CLOSE_BYTES = 4 << 20
READ_ATTEMPTS = 20  # a read-only open that raced this many folds in a row gives up
SOURCE_ROOT = Path(__file__).resolve().parents[1]  # where `python -m store.fold` finds `store`

ARTICLES = "articles"
ANNOTATIONS = "annotations"
RULES = "rules"
SEGMENT_TABLE = ANNOTATIONS + "/"  # a loaded segment's TinyDB table: "annotations/a7"


def segment_table(bucket: str) -> str:
    return SEGMENT_TABLE + bucket


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def generation_of(tables: dict[str, Any]) -> int:
    """The generation of the journal that continues a snapshot (0: written before generations)."""
    meta = tables.get(META, {}).get("1")
    found = meta.get(GENERATION) if isinstance(meta, dict) else None
    return found if isinstance(found, int) else 0


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
        self._doc_ids: dict[str, dict[str, int]] = {ARTICLES: {}, ANNOTATIONS: {}, RULES: {}}
        self._next_doc_id = 1
        # Of the loaded segments only: the annotations each article has, and whose each is.
        self._annotations_by_article: dict[str, set[str]] = {}
        self._article_of: dict[str, str] = {}  # annotation id -> article id
        self._manifest: dict[str, str] = {}  # segment -> its file, as the snapshot on disk names
        self._loaded: set[str] = set()  # segments read into memory (a table each)
        self._pending: dict[str, list[dict]] = {}  # journal ops on segments not read yet
        self._dirty: set[str] = set()  # segments changed since the snapshot on disk
        self._folding_segments: set[str] = set()  # what the fold process running writes
        self._summaries: dict[str, list] = {}  # article id -> summary (`store.segments`)
        # annotation id -> article id of every annotation, made when first needed (an id that
        # is in no loaded segment: an import, an undone removal) and kept up to date after.
        self._id_index: dict[str, str] | None = None
        self._shared: dict[str, str] = {}  # one object for each value repeated across rows
        # Per article, the changes applied to it or its annotations since opening: what is
        # derived from one article (the people index, the list's counts) is made again when
        # its number moved, and only then.
        self._revisions: Counter[str] = Counter()
        self._corrected_fields = CorrectedFields()
        # Counts the changes to the user's rules since opening; with the inferred rules'
        # (`store.label_tallies`), what `rules_revision` says.
        self._rule_changes = 0
        self._rule_set: tuple[tuple[int, int], RuleSet] | None = None
        self.label_tallies = LabelTallies(folder, writable=not read_only)
        # Counts the changes applied since opening: whoever keeps something derived from the
        # library (the people index) can tell in O(1) that nothing changed since it looked.
        self.generation = 0
        self.journal = Journal(folder / JOURNAL_NAME)
        self._snapshot_generation = 0  # the generation of the journal the snapshot continues
        self._fold_at = FOLD_JOURNAL_AFTER  # journal length: later after a fold the disk refused
        self._folding: subprocess.Popen | None = None  # a fold running in its own process
        self._closed = False
        try:
            with collector_paused(), self._no_fold_running():
                self._load()
        except BaseException:
            self._release_writer_lock()
            raise

    # -- opening and closing -------------------------------------------------------------

    def _create_folders(self) -> None:
        """The folders, the owner's alone; one line when they cannot be made (a read-only
        disk, a file in the way, a folder of another user)."""
        bodies = self.folder / BODIES_NAME
        segments = self.folder / SEGMENTS_NAME
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreError(f"{self.folder}: not a folder; name the library folder with --library")
        try:
            make_private_folder(self.folder)
            make_private_folder(bodies)
            tighten_library(self.folder, bodies, segments)
            make_private_folder(segments)
        except OSError as error:
            raise StoreError(
                f"{self.folder}: cannot write the library here ({error.strerror}); "
                "fix the folder's permissions, or read it with --read-only"
            ) from None

    @contextlib.contextmanager
    def _no_fold_running(self) -> Iterator[None]:
        """For a writer: wait for a fold left running by the writer before it (which died)."""
        if self.read_only:
            yield
            return
        with fold_lock(self.folder):
            yield

    def _release_writer_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def snapshot(self) -> Path:
        return self.folder / SNAPSHOT_NAME

    def _read(self) -> tuple[dict[str, Any], list[dict]]:
        """The snapshot and the changes after it, of one generation.

        Read in the order a fold writes them (snapshot, previous journal, journal): a fold
        between the reads shows as a journal of another generation, and the files are read
        again. The writer holds the lock, so what it reads is what the last writer left.
        """
        previous = self.folder / PREVIOUS_JOURNAL_NAME
        for attempt in range(READ_ATTEMPTS):
            tables = read_snapshot(self.snapshot)
            generation = generation_of(tables)
            found_previous, found = scan(previous), scan(self.journal.path)
            refuse_damage(found)  # before its generation, which a damaged first line hides
            logs = logs_since(generation, found_previous, found)
            if logs is not None:
                refuse_damage(logs[0])
                self._snapshot_generation = self.journal.generation = generation
                self.journal.take(found)
                return tables, [op for log in logs for op in log.ops]
            if not self.read_only:
                raise CorruptStore(
                    f"{self.journal.path}: journal of generation {found.generation}, which does "
                    f"not follow the snapshot's ({generation}); it was left untouched: run "
                    "`presscut check`"
                )
            time.sleep(0.005 * attempt)
        raise StoreError(
            f"{self.folder}: the library changed under every read ({READ_ATTEMPTS} folds of "
            "the journal by its writer); try again"
        )

    def _load(self) -> None:
        snapshot = self.snapshot
        if not self.read_only:
            remove_stale_temporaries(self.folder)
            self.journal.drop_torn_tail()
        tables, ops = self._read()
        version = schema_of(snapshot, tables)
        if version < SCHEMA_VERSION:
            if not self.read_only:
                keep_before_migration([snapshot, self.journal.path], version)
            tables = migrate_tables(tables, version)
            ops = [migrate_op(op, version) for op in ops]
        tables.setdefault(META, {"1": {"schema": SCHEMA_VERSION}})
        whole = tables.pop(ANNOTATIONS, None)  # schema 2 and before: every annotation in it
        summaries = tables.get(SUMMARIES)
        self._summaries = tables[SUMMARIES] = summaries if isinstance(summaries, dict) else {}
        meta = tables[META].get("1")
        manifest = meta.get(MANIFEST) if isinstance(meta, dict) else None
        self._manifest = dict(manifest) if isinstance(manifest, dict) else {}
        self.db.storage.tables = tables
        self._index_snapshot(tables)
        if whole:
            self._take_whole(whole)
        for number, op in enumerate(ops, start=1):
            if op.get("t") not in self._doc_ids or not isinstance(op.get("id"), str):
                raise CorruptStore(
                    f"{self.journal.path}: change {number} is not one this presscut knows; "
                    "it was left untouched: run `presscut check`"
                )
            self._apply(op)
        if version < SCHEMA_VERSION and not self.read_only:
            self.fold_journal()  # the migrated state becomes the snapshot
        elif self._fold_unfinished and not self.read_only:
            # A crash came between sealing the journal and the snapshot: finish it, or, when the
            # disk refuses, leave it for the next fold (the files read whole as they are).
            with contextlib.suppress(StoreError):
                self.fold_journal()

    @property
    def _fold_unfinished(self) -> bool:
        """The journal was sealed and the snapshot that takes it in is not written yet."""
        return self.journal.generation > self._snapshot_generation

    def close(self, *, fold_aside: bool = False) -> None:
        """Fold the journal into the snapshot and let another process write; leave the list of
        articles beside it for the next start (`store.catalogue_cache`). Closing twice is
        closing once.

        ``fold_aside`` is for quitting the app: a snapshot larger than ``FOLD_AT_CLOSE_BYTES``
        takes seconds to write at 100,000 articles, so the journal is sealed here (milliseconds)
        and a process of its own writes the snapshot and the list (`store.fold`) after this one
        has gone. A fold the disk refuses loses nothing (the journal holds every change, and the
        next open reads it and folds again); here it is said in one line once the library is let
        go.
        """
        if self._closed:
            return
        self._closed = True
        try:
            if not self.read_only and self._lock is not None:
                self.label_tallies.save(self._article_rows, self._row_or_none)
                if fold_aside and self._fold_aside():
                    return
                self._wait_for_fold()
                if self.journal.length or self._fold_unfinished:
                    self.fold_journal()
                elif read_catalogue(self.folder) is None:
                    self.keep_catalogue()
        finally:
            self.journal.close()
            self._release_writer_lock()

    def _fold_aside(self) -> bool:
        """Leave a large library's fold to a process that outlives this one; False when the
        fold is small enough to do here, or cannot be started (it is then done here)."""
        try:
            if self.snapshot.stat().st_size <= FOLD_AT_CLOSE_BYTES:
                return False
        except FileNotFoundError:
            return False
        if self._folding is not None and self._folding.poll() is None:
            return True  # it outlives this process too; the journal's changes are read on open
        if self._folding is not None:
            self._fold_done()
        if not (self.journal.length or self._fold_unfinished):
            return read_catalogue(self.folder) is not None
        self._fold_in_background(catalogue=True)
        return self._folding is not None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, exc_type: object, error: BaseException | None, trace: object) -> None:
        if error is None:
            self.close()
            return
        with contextlib.suppress(StoreError):  # the error on its way out says what matters,
            self.close()  # and the journal holds every change

    # -- durable changes -----------------------------------------------------------------

    def _index_snapshot(self, tables: dict[str, Any]) -> None:
        """Index the snapshot's articles and rules in one pass per table, as ``_index`` would
        one by one; the annotations are indexed a segment at a time, as each is read
        (`_install`). Revisions start at zero here: they are only ever compared with themselves.
        """
        article_ids = {doc["id"]: int(doc_id) for doc_id, doc in tables.get(ARTICLES, {}).items()}
        rule_ids = {doc["id"]: int(doc_id) for doc_id, doc in tables.get(RULES, {}).items()}
        self._doc_ids = {ARTICLES: article_ids, ANNOTATIONS: {}, RULES: rule_ids}
        self._next_doc_id = 1 + max(
            max(ids.values(), default=0) for ids in (article_ids, rule_ids)
        )

    def _install(self, bucket: str, rows: dict[str, Any]) -> None:
        """Make a segment's rows a table of the library and index them.

        The pass also makes the values repeated across annotations one object each (the
        article's id, the kind, the origin, the tag), which orjson parses as a string per row:
        about 100 bytes of memory saved an annotation.
        """
        shared = self._shared
        annotation_ids = self._doc_ids[ANNOTATIONS]
        article_of = self._article_of
        by_article = self._annotations_by_article
        top = self._next_doc_id - 1
        for doc_id, doc in rows.items():
            key = doc["id"]
            article = doc["article"] = shared.setdefault(doc["article"], doc["article"])
            for field in ("kind", "origin", "tag"):
                value = doc.get(field)
                if isinstance(value, str):
                    doc[field] = shared.setdefault(value, value)
            number = int(doc_id)
            top = max(top, number)
            old_article = article_of.get(key)
            if old_article is not None:  # the same id twice (a hand-edited file): the last wins
                by_article[old_article].discard(key)
                stale = self.db.storage.tables.get(segment_table(bucket_of(old_article)))
                if stale is not None and stale is not rows:
                    stale.pop(str(annotation_ids[key]), None)
            annotation_ids[key] = number
            article_of[key] = article
            members = by_article.get(article)
            if members is None:
                members = by_article[article] = set()
            members.add(key)
        self._next_doc_id = top + 1
        self.db.storage.tables[segment_table(bucket)] = rows
        self._loaded.add(bucket)

    def _take_whole(self, rows: dict[str, Any]) -> None:
        """Split the annotations of a snapshot that held them all (schema 2 and before) into
        segments, all loaded and all to be written by the next fold."""
        by_bucket: dict[str, dict[str, Any]] = {}
        for doc_id, doc in rows.items():
            by_bucket.setdefault(bucket_of(doc["article"]), {})[doc_id] = doc
        for bucket, found in sorted(by_bucket.items()):
            self._install(bucket, found)
            self._dirty.add(bucket)
        self._summaries.clear()
        for article in self._annotations_by_article:
            self._summarize(article)

    def _load_segment(self, bucket: str) -> None:
        """Read a segment into memory on its first need, with the journal's changes to it.

        A read-only library whose segment file a later fold removed reads the library again
        (at its newest generation); for the writer a missing file is damage."""
        for _ in range(READ_ATTEMPTS):
            if bucket in self._loaded:
                return
            name = self._manifest.get(bucket)
            try:
                rows = read_segment(self.folder, name) if name else {}
            except FileNotFoundError:
                if not self.read_only:
                    raise CorruptStore(
                        f"{segment_path(self.folder, name)}: the annotations file is missing; "
                        "run `presscut check` to see what can be recovered"
                    ) from None
                self._read_again()
                continue
            self._install(bucket, rows)
            for op in self._pending.pop(bucket, ()):
                self._apply_in_segment(op, bucket)
            return
        raise StoreError(
            f"{self.folder}: the library changed under every read ({READ_ATTEMPTS} folds of "
            "the journal by its writer); try again"
        )

    def _read_again(self) -> None:
        """For a read-only library: forget what was read and read the newest generation. Every
        article's revision moves, as anything of it may have changed."""
        bumped = list(self._doc_ids[ARTICLES]) + list(self._summaries)
        self.db = LibraryDB()
        self._annotations_by_article, self._article_of = {}, {}
        self._loaded, self._pending, self._dirty = set(), {}, set()
        self._id_index = None
        with collector_paused():
            self._load()
        self._revisions.update(bumped + list(self._doc_ids[ARTICLES]))
        self._rule_changes += 1
        self.generation += 1

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
        elif table == RULES:
            self._rule_changes += 1
        else:
            self._revisions[key] += 1
            self.label_tallies.touched(key)

    def _apply(self, op: dict) -> None:
        """Apply one journal op in memory; replaying an op twice gives the same state."""
        if op["t"] == ANNOTATIONS:
            self._apply_annotation(op)
        else:
            self._apply_in_table(op, op["t"])
        self.generation += 1

    def _apply_annotation(self, op: dict) -> None:
        """An op on an annotation: its summary at once; its row now if its segment is loaded,
        else when it is (an op of an older presscut, without a summary, reads it now)."""
        bucket = op_bucket(op)
        if bucket is None:  # an older presscut's removal names the annotation alone
            article = self._article_holding(op["id"])
            if article is None:
                return
            bucket = bucket_of(article)
        self._dirty.add(bucket)
        apply_summary(self._summaries, op)
        if self._id_index is not None:
            doc = op.get("doc")
            if doc is None:
                self._id_index.pop(op["id"], None)
            else:
                self._id_index[op["id"]] = doc["article"]
        if bucket not in self._loaded and "old" in op:
            self._pending.setdefault(bucket, []).append(op)
            self._revisions[op["a"]] += 1
            return
        self._load_segment(bucket)
        self._apply_in_segment(op, bucket)

    def _apply_in_segment(self, op: dict, bucket: str) -> None:
        old_article = self._article_of.get(op["id"])
        self._apply_in_table(op, segment_table(bucket))
        if "old" not in op:  # an older presscut's op: the summaries made from the rows
            doc = op.get("doc")
            for article in {old_article, doc["article"] if doc else None} - {None}:
                self._summarize(article)

    def _summarize(self, article: str) -> None:
        """Make an article's summary from its rows (what an older presscut's op needs)."""
        found = summary_of(self._rows_of(article))
        if found is None:
            self._summaries.pop(article, None)
        else:
            self._summaries[article] = found

    def _apply_in_table(self, op: dict, table_name: str) -> None:
        name, key, doc = op["t"], op["id"], op.get("doc")
        if name == ANNOTATIONS and key in self._article_of:  # it may live in another segment
            table_name = segment_table(bucket_of(self._article_of[key]))
        table = self.db.table(table_name)
        doc_id = self._doc_ids[name].get(key)
        if doc_id is not None:
            table.remove(doc_ids=[doc_id])
        if doc is not None:
            if doc_id is None:
                doc_id = self._next_doc_id
            if name == ANNOTATIONS and table_name != segment_table(bucket_of(doc["article"])):
                table = self.db.table(segment_table(bucket_of(doc["article"])))  # moved
                doc_id = self._next_doc_id
            table.insert(Document(doc, doc_id=doc_id))
        self._index(name, key, doc_id or 0, doc)

    def _rows_of(self, article: str) -> list[dict]:
        """The stored rows of an article's annotations (its segment loaded), not copied."""
        self._load_segment(bucket_of(article))
        table = self.db.storage.tables[segment_table(bucket_of(article))]
        ids = self._doc_ids[ANNOTATIONS]
        return [table[str(ids[key])] for key in self._annotations_by_article.get(article, ())]

    def _article_holding(self, key: str, hint: str | None = None) -> str | None:
        """The article an annotation is on, or None when there is no such annotation: from the
        loaded segments, then the segment of ``hint`` (the article it is likely on), then the
        summaries' ids (made into an index once)."""
        found = self._article_of.get(key)
        if found is None and hint is not None:
            self._load_segment(bucket_of(hint))
            found = self._article_of.get(key)
        if found is not None:
            return found
        if self._id_index is None:
            self._id_index = {
                member: article
                for article, summary in self._summaries.items()
                for member in summary[IDS].split(" ")
            }
        return self._id_index.get(key)

    def _commit(self, table: str, key: str, doc: dict | None, *, fresh: bool = False) -> None:
        """Make one change durable, then visible: on disk before anyone is told it is saved.

        ``fresh``: an annotation with a new random id, which no segment need be searched for."""
        if self.read_only:
            raise StoreError(f"{self.folder} is open read-only")
        if table == ANNOTATIONS:
            self._commit_annotation(key, doc, fresh)
        else:
            self._durable({"t": table, "id": key, "doc": doc})

    def _commit_annotation(self, key: str, doc: dict | None, fresh: bool) -> None:
        """An annotation's op, with its article and the annotation as it was (what replaying
        the journal needs to move the summaries without reading the segment). One moved to another
        article is taken off the first one by an op of its own."""
        holder = None if fresh else self._article_holding(key, doc["article"] if doc else None)
        if holder is not None and doc is not None and holder != doc["article"]:
            self._commit_annotation(key, None, False)
            holder = None
        article = doc["article"] if doc is not None else holder
        if article is None:
            return  # removing what is not there
        self._load_segment(bucket_of(article))
        old = None
        if self._article_of.get(key) == article:
            table = self.db.storage.tables[segment_table(bucket_of(article))]
            old = table[str(self._doc_ids[ANNOTATIONS][key])]
        self._durable({"t": ANNOTATIONS, "id": key, "doc": doc, "a": article, "old": old})

    def _durable(self, op: dict) -> None:
        self.journal.append(op)
        self._apply(op)
        if self._folding is not None and self._folding.poll() is not None:
            self._fold_done()
        if self.journal.length >= self._fold_at and self._folding is None:
            self._fold_in_background()

    def _fold_in_background(self, *, catalogue: bool = False) -> None:
        """Seal the journal here (milliseconds) and leave the snapshot to a process of its own
        (`store.fold`), so no save waits for the whole library to be written; with
        ``catalogue``, that process also leaves the list of articles for the next start."""
        try:
            if not self._fold_unfinished:
                keep_backup(self.snapshot)
                self.journal.seal(self.folder / PREVIOUS_JOURNAL_NAME)
            generation = str(self.journal.generation)
            self._folding_segments, self._dirty = self._dirty, set()
            self._folding = subprocess.Popen(
                [sys.executable, "-m", "store.fold", str(self.folder), generation,
                 *([CATALOGUE_TOO] if catalogue else [])],
                cwd=SOURCE_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        except OSError:  # every change is in the journal; fold again later
            self._dirty |= self._folding_segments
            self._folding_segments = set()
            self._fold_at = self.journal.length + FOLD_JOURNAL_AFTER

    def _fold_done(self) -> None:
        """Learn how the fold process ended: its snapshot is in place, or the next fold (in the
        background, or at closing) writes it."""
        assert self._folding is not None
        if self._folding.returncode == 0:
            self._snapshot_generation = self.journal.generation
            for bucket in self._folding_segments:  # the names the fold process gave them
                name = segment_name(bucket, self._snapshot_generation)
                if segment_path(self.folder, name).exists():
                    self._manifest[bucket] = name
                else:
                    self._dirty.add(bucket)
        else:
            self._dirty |= self._folding_segments
            self._fold_at = self.journal.length + FOLD_JOURNAL_AFTER
        self._folding_segments = set()
        self._folding = None

    def _wait_for_fold(self) -> None:
        if self._folding is not None:
            self._folding.wait()
            self._fold_done()

    def fold_journal(self) -> None:
        """Write the new snapshot and the segments changed since the last one, keeping the old
        snapshot and its journal aside.

        First the backup (a hard link to the snapshot) and the journal sealed (it becomes the
        previous journal; the journal starts the next generation), then the changed segments as
        new files, then the snapshot of that generation naming them: the commit point. Readers
        find the whole library at every step (`store.journal`), and a crash between the steps
        is finished by the next writer. A disk that refuses the snapshot leaves the sealed
        journal waiting: the next fold writes the snapshot only. The segment files that neither
        the new snapshot nor its backup names are removed last.
        """
        snapshot = self.snapshot
        self._wait_for_fold()
        manifest = dict(self._manifest)
        try:
            if not self._fold_unfinished:
                keep_backup(snapshot)
                self.journal.seal(self.folder / PREVIOUS_JOURNAL_NAME)
            generation = self.journal.generation
            tables = self.db.storage.tables
            for bucket in sorted(self._dirty):
                self._load_segment(bucket)
                manifest[bucket] = segment_name(bucket, generation)
                write_segment(self.folder, manifest[bucket], tables[segment_table(bucket)])
            meta = tables.setdefault(META, {}).setdefault("1", {"schema": SCHEMA_VERSION})
            meta.update({"schema": SCHEMA_VERSION, GENERATION: generation, MANIFEST: manifest})
            kept = {name: rows for name, rows in tables.items()
                    if not name.startswith(SEGMENT_TABLE)}  # fmt: skip
            write_atomic(snapshot, orjson.dumps(kept))
        except OSError as error:
            raise cannot_write(
                snapshot, error, "every change is safe in the journal and is read back on open"
            ) from None
        remove_unnamed(self.folder, [*self._manifest.values(), *manifest.values()])
        self._manifest = manifest
        self._dirty = set()
        self._snapshot_generation = self.journal.generation
        self._fold_at = FOLD_JOURNAL_AFTER
        self.keep_catalogue()

    def keep_catalogue(self) -> None:
        """Write the list the next start draws first; only once the snapshot and the empty
        journal it describes are on disk, so a crash between leaves it stale, never wrong."""
        if self.snapshot.exists():
            with collector_paused():  # 10,000 rows made and dropped: no cycles among them
                write_catalogue(self.folder, self.catalogue(), self.journal.generation)

    # -- articles ------------------------------------------------------------------------

    def articles(self) -> list[dict]:
        """Every article's catalogue row, newest first, then by title."""
        rows = [dict(doc) for doc in self.db.table(ARTICLES).all()]
        rows.sort(key=lambda row: row.get("title") or "")
        rows.sort(key=lambda row: row.get("published") or "", reverse=True)
        return rows

    def article_ids(self) -> list[str]:
        """Every article's id in the order of `articles`, without copying a row: what reads
        the library article by article (exports, `presscut list`) starts from."""
        order = [
            (doc.get("published") or "", doc.get("title") or "", doc["id"])
            for doc in self.db.storage.tables.get(ARTICLES, {}).values()
        ]
        order.sort(key=lambda item: item[1])
        order.sort(key=lambda item: item[0], reverse=True)
        return [key for _, _, key in order]

    def catalogue(self) -> list[dict]:
        """Every article's catalogue row, in the order of `articles`, with its ``tags``
        (distinct, sorted) and ``notes`` (how many notes, on it or on its passages), and its
        ``quotes`` and ``people`` as the user corrected them (`store.corrected_fields`).

        Read from the summaries, without a segment: only an article with corrections has its
        annotations and analysis read, once per change to it. The rows hold no cycles, so the
        cycle collector is paused while they are made (its passes over the library's million
        objects, triggered by making 100,000 rows, took most of the time).
        """
        tables = self.db.storage.tables
        summaries = self._summaries
        rules = RuleSet.of(self.rules())  # names as alias rules show them: no inferred rule
        rows = []
        with collector_paused():
            for doc in tables.get(ARTICLES, {}).values():
                row = dict(doc)
                key = row["id"]
                summary = summaries.get(key)
                # the summary's tags are sorted, each use once: distinct, in order
                row["tags"] = list(dict.fromkeys(summary[TAGS])) if summary else []
                row["notes"] = summary[NOTES] if summary else 0
                if summary and summary[FIXES]:
                    row.update(self._corrected_fields.of(self, key))
                if rules.shown and row.get("people"):  # named as the alias rules show them
                    row["people"] = sorted({rules.shown_name(name) for name in row["people"]})
                rows.append(row)
            rows.sort(key=lambda row: row.get("title") or "")
            rows.sort(key=lambda row: row.get("published") or "", reverse=True)
        return rows

    def correction_stamps(self) -> dict[str, list[str]]:
        """Each corrected article's corrections as "id@when changed", from the summaries
        (what derived data keyed on corrections is checked against: `store.quote_facts`)."""
        return {key: list(summary[FIXES]) for key, summary in self._summaries.items()
                if summary[FIXES]}  # fmt: skip

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
        self._save_with_body(doc, body)
        return "updated" if existing else "added"

    def put_article(self, row: dict, body: dict | None) -> None:
        """Store an article as given, ids and times included, as ``put_annotation`` does.

        ``save_article`` stamps its own times, which would make every merge of an export a
        change and a round trip differ; merging an export uses this instead. A ``body`` of None
        leaves the article's text file as it is (a removed article whose text was missing).
        """
        if self.read_only:
            raise StoreError(f"{self.folder} is open read-only")
        if body is None:  # a removed article whose text was missing: the row alone
            self._commit(ARTICLES, checked_article_id(row["id"]), row)
            return
        self._save_with_body(row, body)

    def _save_with_body(self, row: dict, body: dict) -> None:
        """Write the body, then the row; when the disk refuses the row, the body it replaced
        is put back, so an article never has another version's text."""
        path = body_path(self.folder, row["id"])
        try:
            replaced = path.read_bytes() if row["id"] in self._doc_ids[ARTICLES] else None
        except OSError:
            replaced = None
        try:
            write_atomic(path, orjson.dumps(body))
        except OSError as error:
            raise cannot_write(path, error, "the article was not saved") from None
        try:
            self._commit(ARTICLES, row["id"], row)
        except StoreError:
            with contextlib.suppress(OSError):
                if replaced is None:
                    path.unlink()
                else:
                    write_atomic(path, replaced)
            raise
        self.label_tallies.take(row, body, replaced)

    def delete_article(self, key: str) -> None:
        """Take an article out of the catalogue and drop its text file (its annotations are the
        caller's: `store.removals` keeps them first). The row goes before the file, so a crash
        between leaves a stray text, which is harmless, never a row without its text."""
        row = self.article(key)
        self.label_tallies.leaving(row["id"], lambda: self.body(row["id"]))
        self._commit(ARTICLES, row["id"], None)
        body_path(self.folder, row["id"]).unlink(missing_ok=True)

    def remove_article(self, key: Any) -> None:
        """Remove an article and its annotations; recovery keeps a damaged one aside first."""
        if isinstance(key, str):
            self._load_segment(bucket_of(key))
        for note in list(self._annotations_by_article.get(key, ())):
            self._commit(ANNOTATIONS, note, None)
        if isinstance(key, str):
            self.label_tallies.leaving(key, lambda: self.body(key))
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
        """Annotations of one article (its segment read on first need), or of the whole
        library (what reads everything should walk `iter_annotations` instead), oldest first."""
        if article is None:
            rows = list(self.iter_annotations())
        else:
            rows = [dict(row) for row in self._rows_of(article)] if article in self._summaries \
                else []  # fmt: skip
        rows.sort(key=lambda row: (row["created"], row["id"]))
        return rows

    def iter_annotations(self) -> Iterator[dict]:
        """Every annotation, a segment at a time: a segment not read yet is read for the walk
        and let go after it, so memory holds one segment, not the library's annotations."""
        for bucket in sorted(set(self._manifest) | self._loaded | set(self._pending)):
            if bucket in self._loaded:
                rows = list(self.db.storage.tables[segment_table(bucket)].values())
            else:
                try:
                    rows = list(self._segment_as_it_is(bucket).values())
                except FileNotFoundError:  # a read-only library a fold moved on: read again
                    self._load_segment(bucket)
                    rows = list(self.db.storage.tables[segment_table(bucket)].values())
            for row in rows:
                yield dict(row)

    def _segment_as_it_is(self, bucket: str) -> dict[str, Any]:
        """A segment not loaded, read with the journal's changes to it, without keeping it."""
        name = self._manifest.get(bucket)
        rows = read_segment(self.folder, name) if name else {}
        pending = self._pending.get(bucket)
        if pending:
            apply_ops({ANNOTATIONS: rows}, [{**op, "t": ANNOTATIONS} for op in pending])
        return rows

    def annotations_of_kind(self, kind: str) -> list[dict]:
        """Every annotation of one kind, oldest first, reading only the segments of the
        articles that have one (the summaries say which)."""
        rows = [
            row
            for article, summary in self._summaries.items()
            if kind in summary[ANNOTATION_KINDS]
            for row in self.annotations(article)
            if row.get("kind") == kind
        ]
        rows.sort(key=lambda row: (row["created"], row["id"]))
        return rows

    def annotation(self, key: str) -> dict:
        article = self._article_holding(key)
        if article is not None:
            self._load_segment(bucket_of(article))
        doc_id = self._doc_ids[ANNOTATIONS].get(key)
        if doc_id is None:
            raise NotFound(f"no annotation with id {key!r}")
        table = self.db.storage.tables[segment_table(bucket_of(self._article_of[key]))]
        return dict(table[str(doc_id)])

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
        self._commit(ANNOTATIONS, doc["id"], doc, fresh=True)
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
        summary = self._summaries.get(article)
        return summary[COUNT] if summary else 0

    def revision(self, article: str) -> int:
        """How many changes the article and its annotations have had since the library was
        opened: equal numbers, nothing changed (in place or not) in between."""
        return self._revisions[article]

    def tags(self, article: str | None = None) -> Counter[str]:
        """How often each tag is used, in one article or the whole library."""
        counts: Counter[str] = Counter()
        if article:
            rows = self.annotations(article)
            counts.update(row["tag"] for row in rows if row.get("kind") == "tag")
        else:  # the whole library's from the summaries, without reading a segment
            for summary in self._summaries.values():
                counts.update(summary[TAGS])
        return counts

    def tag_names(self, limit: int | None = None) -> list[str]:
        """The library's tags, the most used first (what prompts complete and digits apply)."""
        return [tag for tag, _ in self.tags().most_common(limit)]

    # -- rules -----------------------------------------------------------------------------

    def rules(self) -> list[dict]:
        """The library's rules (`store.rules`), oldest first: by ``created``, kept to the
        microsecond so that an undone removal goes back to its place (a random id must not
        decide the order)."""
        table = self.db.storage.tables.get(RULES, {})
        order = sorted(table, key=lambda doc_id: (table[doc_id].get("created") or "", int(doc_id)))
        return [dict(table[doc_id]) for doc_id in order]

    def rule_set(self) -> RuleSet:
        """The rules as every view lays them over an analysis, the user's and those the
        library's labels infer (`store.label_tallies`); made again only when they changed."""
        tallies = self.label_tallies
        inferred = tallies.inferred(self._article_rows, self._row_or_none, self.body)
        revision = (self._rule_changes, tallies.revision)
        if self._rule_set is None or self._rule_set[0] != revision:
            self._rule_set = (revision, RuleSet.of(self.rules(), inferred))
        return self._rule_set[1]

    def tally_labels(self, progress: Callable[[int, int], None] | None = None,
                     stop: Callable[[], bool] | None = None) -> None:
        """Make the label tallies current (the app's worker, which ``stop`` stops; a command's
        progress line)."""
        self.label_tallies.make_current(self._article_rows, self._row_or_none, self.body,
                                        progress, stop)

    def _article_rows(self) -> Iterable[dict]:
        return self.db.storage.tables.get(ARTICLES, {}).values()

    def _row_or_none(self, key: str) -> dict | None:
        doc_id = self._doc_ids[ARTICLES].get(key)
        rows = self.db.storage.tables.get(ARTICLES, {})
        return None if doc_id is None else rows.get(str(doc_id))

    @property
    def rules_revision(self) -> tuple[int, int]:
        """Moves when the rules change, the inferred ones too: what the rules are laid over
        (the people index, quotes.cache) catches up when it moved."""
        self.rule_set()
        assert self._rule_set is not None
        return self._rule_set[0]

    def inferred_rules(self) -> list[dict]:
        """The entity rules the library's labels infer and no rule of the user's overrides, by
        name (listed, never removable: a rule of the user's for the name replaces one)."""
        rules = self.rule_set()
        inferred = self.label_tallies.rules()
        return sorted((rule for rule in inferred if name_of(rule["name"]) not in rules.labels),
                      key=lambda rule: rule["name"].casefold())

    def add_rule(self, kind: str, **fields: Any) -> dict:
        """Save a new rule: ``entity`` (``name``, ``label``) or ``alias`` (``names``, ``show``)."""
        if kind not in KINDS:
            raise StoreError(f"no rule of kind {kind!r}: a rule is one of {', '.join(KINDS)}")
        made = datetime.now(UTC).isoformat(timespec="microseconds")
        doc = {"id": annotation_id()[:8], "kind": kind, "created": made, **fields}
        self._commit(RULES, doc["id"], doc)
        return doc

    def put_rule(self, doc: dict) -> None:
        """Store a rule as given, id and time included (undo of a removal)."""
        self._commit(RULES, doc["id"], dict(doc))

    def rule(self, key: str) -> dict:
        """The rule with this id, or the only one whose id starts with it."""
        ids = self._doc_ids[RULES]
        matches = [key] if key in ids else [k for k in ids if key and k.startswith(key)]
        if len(matches) != 1:
            why = "no rule" if not matches else f"{len(matches)} rules"
            raise NotFound(f"{why} with id {key!r}; `presscut rules list` shows the ids")
        return dict(self.db.table(RULES).get(doc_id=ids[matches[0]]))

    def remove_rule(self, key: str) -> dict:
        """Take a rule out; returns it (to put back on undo)."""
        doc = self.rule(key)
        self._commit(RULES, doc["id"], None)
        return doc
