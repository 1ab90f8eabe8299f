"""How many quotations an article has once the user's corrections apply, for the library's list.

The count kept in an article's row is the model's; a rejected quotation must not be counted, in
the list or after a restart. Working that out reads the article's analysis, so it is done only
for articles with a rejected quotation and kept until the article or its annotations change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.corrections import apply_corrections
from store.errors import StoreError

if TYPE_CHECKING:
    from store.library import Library


class QuoteCounts:
    def __init__(self) -> None:
        self._known: dict[str, tuple[int, int]] = {}  # article -> (its revision, the count)

    def count(self, library: Library, key: str, stored: int | None) -> int | None:
        """The article's quotations as corrected; ``stored`` (the model's count) when its
        analysis cannot be read (`presscut check` says why)."""
        revision = library.revision(key)
        known = self._known.get(key)
        if known is not None and known[0] == revision:
            return known[1]
        try:
            body = library.body(key)
        except StoreError:
            return stored
        analysis = body.get("analysis") or {}
        counted = len(apply_corrections(analysis, library.annotations(key), body["text"])["quotes"])
        self._known[key] = (revision, counted)
        return counted
