"""A presscut library: articles, their analyses, and the user's annotations, in one folder.

Layout of the folder:
- ``library.json``: a TinyDB JSON file (the snapshot) with the ``articles`` and ``annotations``
  tables and a ``_meta`` table carrying the schema version;
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
when it grows long and when the library closes. A read-only open beside the writer reads the
snapshot and the journals of one generation, reading again when it raced a fold. Older schemas
are migrated on open, after a copy of the old files is kept (``store.migrate``).

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
from store.corrections import is_correction
from store.errors import CorruptStore, DamagedArticle, NotFound, StoreError, cannot_write
from store.fold import CATALOGUE_TOO, GENERATION, fold_lock
from store.ids import BadId, annotation_id, article_id, checked_article_id
from store.journal import Journal, logs_since, refuse_damage, scan
from store.label_tallies import LabelTallies
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
from store.rules import KINDS, RuleSet, name_of
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
        self._annotations_by_article: dict[str, set[str]] = {}
        self._article_of: dict[str, str] = {}  # annotation id -> article id
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
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreError(f"{self.folder}: not a folder; name the library folder with --library")
        try:
            make_private_folder(self.folder)
            make_private_folder(bodies)
            tighten_library(self.folder, bodies)
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
        self.db.storage.tables = tables
        self._index_snapshot(tables)
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
        """Index the snapshot's rows in one pass per table, as ``_index`` would one by one.

        At 100,000 articles and 500,000 annotations the calls of ``_index`` were a third of
        opening. The pass also makes the values repeated across annotations one object each (the
        article's id, the kind, the origin, the tag), which orjson parses as a string per row:
        about 100 bytes of memory saved an annotation. Revisions start at zero here: they are
        only ever compared with themselves.
        """
        article_ids = {doc["id"]: int(doc_id) for doc_id, doc in tables.get(ARTICLES, {}).items()}
        shared = {key: key for key in article_ids}
        annotation_ids: dict[str, int] = {}
        article_of = self._article_of
        by_article = self._annotations_by_article
        for doc_id, doc in tables.get(ANNOTATIONS, {}).items():
            key = doc["id"]
            article = doc["article"] = shared.setdefault(doc["article"], doc["article"])
            for field in ("kind", "origin", "tag"):
                value = doc.get(field)
                if isinstance(value, str):
                    doc[field] = shared.setdefault(value, value)
            annotation_ids[key] = int(doc_id)
            old_article = article_of.get(key)
            if old_article is not None:  # the same id twice (a hand-edited file): the last wins
                by_article[old_article].discard(key)
            article_of[key] = article
            members = by_article.get(article)
            if members is None:
                members = by_article[article] = set()
            members.add(key)
        rule_ids = {doc["id"]: int(doc_id) for doc_id, doc in tables.get(RULES, {}).items()}
        self._doc_ids = {ARTICLES: article_ids, ANNOTATIONS: annotation_ids, RULES: rule_ids}
        self._next_doc_id = 1 + max(
            max(ids.values(), default=0) for ids in (article_ids, annotation_ids, rule_ids)
        )

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
            self._folding = subprocess.Popen(
                [sys.executable, "-m", "store.fold", str(self.folder), generation,
                 *([CATALOGUE_TOO] if catalogue else [])],
                cwd=SOURCE_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        except OSError:  # every change is in the journal; fold again later
            self._fold_at = self.journal.length + FOLD_JOURNAL_AFTER

    def _fold_done(self) -> None:
        """Learn how the fold process ended: its snapshot is in place, or the next fold (in the
        background, or at closing) writes it."""
        assert self._folding is not None
        if self._folding.returncode == 0:
            self._snapshot_generation = self.journal.generation
        else:
            self._fold_at = self.journal.length + FOLD_JOURNAL_AFTER
        self._folding = None

    def _wait_for_fold(self) -> None:
        if self._folding is not None:
            self._folding.wait()
            self._fold_done()

    def fold_journal(self) -> None:
        """Write the whole state as the new snapshot, keeping the old one and its journal aside.

        First the backup (a hard link to the snapshot) and the journal sealed (it becomes the
        previous journal; the journal starts the next generation), then the snapshot of that
        generation. Readers find the whole library at every step (`store.journal`), and a
        crash between the steps is finished by the next writer. A disk that refuses the
        snapshot leaves the sealed journal waiting: the next fold writes the snapshot only.
        """
        snapshot = self.snapshot
        self._wait_for_fold()
        try:
            if not self._fold_unfinished:
                keep_backup(snapshot)
                self.journal.seal(self.folder / PREVIOUS_JOURNAL_NAME)
            tables = self.db.storage.tables
            meta = tables.setdefault(META, {}).setdefault("1", {"schema": SCHEMA_VERSION})
            meta[GENERATION] = self.journal.generation
            write_atomic(snapshot, orjson.dumps(tables))
        except OSError as error:
            raise cannot_write(
                snapshot, error, "every change is safe in the journal and is read back on open"
            ) from None
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
        rules = RuleSet.of(self.rules())  # names as alias rules show them: no inferred rule
        rows = []
        for doc in tables.get(ARTICLES, {}).values():
            row = dict(doc)
            key = row["id"]
            row["tags"] = sorted(tags.get(key, ()))
            row["notes"] = notes[key]
            if key in corrected:
                row.update(self._corrected_fields.of(self, key))
            if rules.shown and row.get("people"):  # named as the alias rules show them
                row["people"] = sorted({rules.shown_name(name) for name in row["people"]})
            rows.append(row)
        rows.sort(key=lambda row: row.get("title") or "")
        rows.sort(key=lambda row: row.get("published") or "", reverse=True)
        return rows

    def correction_stamps(self) -> dict[str, list[str]]:
        """Each corrected article's corrections as "id@when changed", in one pass over the
        annotations without copying them (what derived data keyed on corrections is checked
        against: `store.quote_facts`)."""
        found: dict[str, list[str]] = {}
        for doc in self.db.storage.tables.get(ANNOTATIONS, {}).values():
            if is_correction(doc):
                found.setdefault(doc["article"], []).append(f"{doc['id']}@{doc.get('updated')}")
        return found

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

    def tally_labels(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Make the label tallies current (the app's worker; a command's progress line)."""
        self.label_tallies.make_current(self._article_rows, self._row_or_none, self.body,
                                        progress)

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
