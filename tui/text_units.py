"""Words, sentences and paragraphs of a text, for growing and shrinking a selection by keys."""

from __future__ import annotations

import re

UNIT_PATTERNS = {
    "word": re.compile(r"\w[\w'’-]*"),
    "sentence": re.compile(r"[^\s].*?(?:[.!?][\"'”’)]*(?=\s|$)|(?=\n\n)|$)", re.DOTALL),
    "paragraph": re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*"),
}


def unit_ends(text: str, unit: str) -> list[int]:
    return [match.end() for match in UNIT_PATTERNS[unit].finditer(text)]


def unit_starts(text: str, unit: str) -> list[int]:
    return [match.start() for match in UNIT_PATTERNS[unit].finditer(text)]


def grow(text: str, anchor: int, end: int, unit: str) -> int:
    """The selection's new end: the end of the next unit after ``end``."""
    for boundary in unit_ends(text, unit):
        if boundary > end:
            return boundary
    return len(text)


def shrink(text: str, anchor: int, end: int, unit: str) -> int:
    """The selection's new end: the end of the unit before ``end``, never before the anchor."""
    earlier = [b for b in unit_ends(text, unit) if anchor < b < end]
    return earlier[-1] if earlier else anchor


def unit_start(text: str, offset: int, unit: str) -> int:
    """Where the unit holding ``offset`` starts, so a selection begins on a whole unit."""
    starts = [s for s in unit_starts(text, unit) if s <= offset]
    return starts[-1] if starts else 0
