"""A library the app draws before it has read it.

When the library was left by presscut as it closes it (the snapshot unchanged since, nothing in
the journal), the list of its articles is in ``catalogue.cache`` (`store.catalogue_cache`): the
app shows that list at once and reads the library in a worker. Everything that needs the library
waits until it is read (about half a second for 10,000 articles).

The worker takes the writer lock too, with the store's modules (the lock's library alone is
twenty modules to load before the first frame). A library another process is writing is then
found a moment after the list is drawn, and the app ends with the same one line the command
line prints when it finds it first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.catalogue_cache import CachedCatalogue, read_catalogue

if TYPE_CHECKING:
    from store.library import Library


@dataclass
class LibraryOpening:
    """What the app needs to draw the list before the library is read, and to read it."""

    folder: Path
    listed: CachedCatalogue  # the list of articles as the library was left
    read: Callable[[], Library]  # reads the library, lock and all (in a worker thread)


def cached_opening(folder: Path, read_only: bool) -> LibraryOpening | None:
    """An opening from the cached catalogue, or None when the library must be read first."""
    listed = read_catalogue(folder)
    if listed is None:
        return None

    def read() -> Library:
        from store.library import Library

        return Library(folder, read_only=read_only)

    return LibraryOpening(folder, listed, read)
