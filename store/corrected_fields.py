"""What the library's list shows of an article's analysis, as the user corrected it.

An article's row keeps the model's figures from its import: how many quotations, and the names
of its people and bodies (what the ``who:`` filter searches). A rejected quotation must not be
counted, nor a relabelled, rejected or added entity be listed as the model had it, in the list
or after a restart. Working that out reads the article's analysis, so it is done only for
articles with corrections and kept until the article or its annotations change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.corrections import apply_corrections, is_correction
from store.errors import StoreError

if TYPE_CHECKING:
    from store.library import Library


def listed_fields(analysis: dict) -> dict:
    """The row's figures from an analysis: its quotations counted, its groups' names."""
    return {
        "quotes": len(analysis.get("quotes", [])),
        "people": sorted({group["name"] for group in analysis.get("groups", [])}),
    }


class CorrectedFields:
    def __init__(self) -> None:
        self._known: dict[str, tuple[int, dict]] = {}  # article -> (its revision, the fields)

    def of(self, library: Library, key: str) -> dict:
        """The article's `listed_fields` as corrected; none (the row's stay) when its analysis
        cannot be read (`presscut check` says why)."""
        revision = library.revision(key)
        known = self._known.get(key)
        if known is not None and known[0] == revision:
            return known[1]
        try:
            body = library.body(key)
        except StoreError:
            return {}
        annotations = [a for a in library.annotations(key) if is_correction(a)]
        fields = listed_fields(apply_corrections(body.get("analysis") or {}, annotations,
                                                 body["text"]))  # fmt: skip
        self._known[key] = (revision, fields)
        return fields
