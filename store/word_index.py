"""Every article's words, prepared once, so filtering the library by a word reads no text.

For each article the index keeps one string: the distinct lowercased words of its title, source
and reading text (split at whitespace), one a line. A filter term holds no whitespace, so it
occurs in an article's lowercased title, source or text exactly when it occurs in that string:
the filter keeps its meaning ("win" still finds "winter's") while it searches a fraction of the
text, already in memory, instead of reading and lowercasing every body.

The index is kept in ``words.cache`` beside the library, each entry tagged with the hash of the
file its article was imported from. Opening the library reads that one file; only articles that
are new or changed since (a different hash) have their bodies read, and entries of articles no
longer in the library are dropped. A library opened read-only is indexed in memory only. The
cache holds nothing the library lacks: deleting it costs one rebuild.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from store.atomic import write_atomic
from store.collector import collector_paused
from store.errors import Stopped, StoreError

if TYPE_CHECKING:
    from store.library import Library

CACHE_NAME = "words.cache"
FORMAT = 1  # bump when `prepared_words` changes, so old caches are rebuilt

Progress = Callable[[int, int], None]  # done, total


def prepared_words(title: str | None, source: str | None, text: str) -> str:
    """The distinct lowercased words of an article's heading and text, one a line."""
    words = set(f"{title or ''} {source or ''}".lower().split())
    words.update(text.lower().split())
    return "\n".join(sorted(words))


class WordIndex:
    """Article id -> prepared words, current for the catalogue rows it was last given.

    `refresh` may run in a worker thread while the app reads `words_of`: it builds a new mapping
    and swaps it in whole.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_NAME
        self._entries: dict[str, tuple[str, str]] = {}  # id -> (hash, words)
        self._by_id: dict[str, str] | None = None  # id -> words, made when asked
        self._cache_read = False
        self._lock = threading.Lock()  # one refresh at a time

    def words_of(self, row: dict) -> str | None:
        """The article's prepared words, or None when it is not indexed at its current hash."""
        entry = self._entries.get(row["id"])
        return entry[1] if entry is not None and entry[0] == row.get("hash") else None

    def by_id(self) -> dict[str, str]:
        """Every indexed article's prepared words by id (check `missing` first: an entry may be
        for an older version of its article)."""
        by_id = self._by_id
        if by_id is None:
            by_id = self._by_id = {key: words for key, (_, words) in self._entries.items()}
        return by_id

    def missing(self, rows: Iterable[dict]) -> list[dict]:
        """The rows that are not indexed at their current hash."""
        return [row for row in rows if self.words_of(row) is None]

    def add(self, library: Library, rows: Iterable[dict]) -> None:
        """Index these articles now (a few: each costs a read of its body)."""
        entries = dict(self._entries)
        for row in rows:
            entries[row["id"]] = (row.get("hash"), _words(library, row))
        self._entries, self._by_id = entries, None

    def refresh(
        self,
        library: Library,
        rows: list[dict],
        *,
        save: bool = False,
        progress: Progress | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> int:
        """Make the index current for ``rows``: read the cache once, index what it lacks, drop
        the articles that are gone, and write the cache back when ``save`` and anything changed.
        ``stop`` is asked between bodies: when it says so, what was indexed is kept (and saved)
        and `Stopped` raised.

        Returns how many articles were indexed from their bodies.
        """
        with self._lock:
            known = dict(self._entries)
            changed = False
            if not self._cache_read:
                self._cache_read = True
                cached = self._read_cache()
                changed = not cached and self.path.exists()  # a damaged cache is replaced
                for key, entry in cached.items():
                    known.setdefault(key, entry)
            wanted = {row["id"] for row in rows}
            fresh = {key: entry for key, entry in known.items() if key in wanted}
            changed = changed or len(fresh) != len(known)
            todo = [row for row in rows if (fresh.get(row["id"]) or ("",))[0] != row.get("hash")]
            indexed = 0
            for row in todo:
                if stop is not None and stop():
                    break
                fresh[row["id"]] = (row.get("hash"), _words(library, row))
                indexed += 1
                if progress is not None:
                    progress(indexed, len(todo))
            self._entries, self._by_id = fresh, None
            if save and (changed or indexed):
                self._write_cache(fresh)
            if indexed < len(todo):
                raise Stopped
            return indexed

    def forget(self, keys: Iterable[str], *, save: bool = False) -> None:
        """Drop removed articles, here and (when ``save``) in the cache beside the library, so a
        removed article's words are kept nowhere and a restored one is indexed afresh."""
        gone = set(keys)
        with self._lock:
            self._entries = {k: e for k, e in self._entries.items() if k not in gone}
            self._by_id = None
            if save:
                cached = self._read_cache()
                if gone & cached.keys():
                    self._write_cache({k: e for k, e in cached.items() if k not in gone})

    def _read_cache(self) -> dict[str, tuple[str, str]]:
        try:
            with collector_paused():
                data = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}
        entries = data.get("entries")
        if not isinstance(entries, dict):
            return {}
        return {
            key: (value[0], value[1])
            for key, value in entries.items()
            if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str)
        }

    def _write_cache(self, entries: dict[str, tuple[str, str]]) -> None:
        data = {"format": FORMAT, "entries": entries}
        with contextlib.suppress(OSError):  # a cache that cannot be written is rebuilt
            write_atomic(self.path, orjson.dumps(data))


def _words(library: Library, row: dict) -> str:
    """An article's prepared words; a missing or damaged body leaves its title and source."""
    try:
        text = library.body(row["id"]).get("text") or ""
    except StoreError:
        text = ""
    return prepared_words(row.get("title"), row.get("source"), text)
