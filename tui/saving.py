"""One way for every screen to make a change to the library: said to be saved only once it is.

The store refuses a change with a `StoreError` (locked, damaged, read-only) or the disk with an
`OSError` (full, read-only folder); either is told in one line and the screen shows nothing as
saved. The reader, the who's who and the rules screen each made this check their own way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from store.errors import StoreError

if TYPE_CHECKING:
    from textual.screen import Screen


def saved(screen: Screen, change: Callable[[], object]) -> bool:
    """Make ``change``; whether it was saved (when not, the screen has said why)."""
    try:
        change()
    except (StoreError, OSError) as error:
        screen.notify(f"not saved: {error}", severity="error", timeout=10)
        return False
    return True
