"""The one people-and-bodies index of an open library, shared by the screens that use it.

Reading every stored analysis is the slow part of building it, so it is built once per library
and afterwards only caught up (`PeopleIndex.refresh` reads just the articles imported or
annotated since). Screens call this from worker threads, hence the lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from weakref import WeakKeyDictionary

from store.library import Library
from store.people_index import PeopleIndex

_indexes: WeakKeyDictionary[Library, PeopleIndex] = WeakKeyDictionary()
_lock = threading.Lock()


def current_index(library: Library, stop: Callable[[], bool] | None = None) -> PeopleIndex:
    """The library's index, up to date with every import and annotation so far (or
    `store.errors.Stopped` when ``stop`` says so first; what was read is kept)."""
    with _lock:
        index = _indexes.get(library)
        if index is None:
            index = _indexes[library] = PeopleIndex(library)
        index.refresh(stop)
        return index
