"""Words, sentences and paragraphs of a text, for growing and shrinking a selection by keys.

Each answer is read from the paragraphs around the selection, never from the whole text: a key
on a 300,000-word article costs what it costs on a short one. No unit crosses a blank line (a
sentence ends at one, a paragraph is what lies between them), so the units found from the start
of a paragraph are the units of the whole text there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

UNIT_PATTERNS = {
    "word": re.compile(r"\w[\w'’-]*"),
    "sentence": re.compile(r"[^\s].*?(?:[.!?][\"'”’)]*(?=\s|$)|(?=\n\n)|$)", re.DOTALL),
    "paragraph": re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*"),
}
BLANK_LINE = "\n\n"


def paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph holding ``offset`` starts: just after the blank line before it."""
    found = text.rfind(BLANK_LINE, 0, offset)
    return 0 if found < 0 else found + len(BLANK_LINE)


def units_from(text: str, offset: int, unit: str) -> Iterator[re.Match[str]]:
    """The units from the start of the paragraph holding ``offset`` to the end of the text,
    found one at a time as they are asked for."""
    return UNIT_PATTERNS[unit].finditer(text, paragraph_start(text, offset))


def grow(text: str, anchor: int, end: int, unit: str) -> int:
    """The selection's new end: the end of the next unit after ``end``."""
    for match in units_from(text, end, unit):
        if match.end() > end:
            return match.end()
    return len(text)


def shrink(text: str, anchor: int, end: int, unit: str) -> int:
    """The selection's new end: the end of the unit before ``end``, never before the anchor."""
    earlier = anchor
    for match in units_from(text, anchor, unit):
        if match.end() >= end:
            break
        if match.end() > anchor:
            earlier = match.end()
    return earlier


def unit_start(text: str, offset: int, unit: str) -> int:
    """Where the unit holding ``offset`` starts, so a selection begins on a whole unit."""
    sync = offset
    while True:
        sync = paragraph_start(text, sync)
        last = None
        for match in UNIT_PATTERNS[unit].finditer(text, sync):
            if match.start() > offset:
                break
            last = match.start()
        if last is not None:
            return last
        if sync == 0:
            return 0
        sync -= len(BLANK_LINE)  # none in this paragraph before the offset: the one before
