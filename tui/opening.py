"""A library the app draws before it has read it.

When the library was left by presscut as it closes it (the snapshot unchanged since, nothing in
the journal), the list of its articles is in ``catalogue.cache`` (`store.catalogue_cache`): the
app shows that list at once and reads the library in a worker. Everything that needs the library
waits until it is read (about half a second for 10,000 articles); the writer lock is taken before
the app starts, so a second writer is still refused with one line before anything is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.catalogue_cache import CachedCatalogue, read_catalogue

if TYPE_CHECKING:
    from store.library import Library
    from store.lock import WriterLock


@dataclass
class LibraryOpening:
    """What the app needs to draw the list before the library is read, and to read it."""

    folder: Path
    listed: CachedCatalogue  # the list of articles as the library was left
    read: Callable[[], Library]  # reads the library (in a worker thread)
    lock: WriterLock | None  # held until the library takes it over, or the app ends

    def release(self) -> None:
        """Let another process write when the library could not be read."""
        if self.lock is not None:
            self.lock.release()


def cached_opening(folder: Path, read_only: bool) -> LibraryOpening | None:
    """An opening from the cached catalogue, or None when the library must be read first."""
    listed = read_catalogue(folder)
    if listed is None:
        return None
    if read_only:
        return LibraryOpening(folder, listed, lambda: _read(folder, None), None)
    from store.lock import WriterLock

    lock = WriterLock(folder)
    lock.acquire()
    return LibraryOpening(folder, listed, lambda: _read(folder, lock), lock)


def _read(folder: Path, lock: WriterLock | None) -> Library:
    """Read the library; the store's modules are loaded here too, in the worker, not before
    the first screen."""
    from store.library import Library

    if lock is None:
        return Library(folder, read_only=True)
    return Library(folder, lock=lock)
