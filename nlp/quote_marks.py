"""Finding the stretches of text set in quotation marks, at character level.

Straight marks say nothing about direction and the straight single mark is also the apostrophe,
so each mark is classed by its neighbours (a mark opens after a space and before a letter, closes
after a letter and before a space or punctuation; a mark between letters is an apostrophe). Marks
are then paired paragraph by paragraph with a stack, so a quotation within a quotation stays part
of the outer one. News style leaves a quotation open at the end of a paragraph when the next
paragraph re-opens it and the quotation goes on; such paragraphs make one span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_ANY = "\u201c", "\u201d", '"'
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_ANY = "\u2018", "\u2019", "'"
MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_ANY + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_ANY
OPENING_CONTEXT = " \t\n([{\u2014\u2013-/" + DOUBLE_OPEN + SINGLE_OPEN + '"' + "'"
# Words that start with an apostrophe rather than an opening mark: 'em, 'til, '90s, rock 'n' roll.
ELISION = re.compile(r"(?:em|til|cause|n|tis|twas|bout|round|s|\d\d?s?)\b", re.IGNORECASE)
PARAGRAPH = re.compile(r"[^\n]+")


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass(frozen=True)
class Mark:
    pos: int
    kind: str  # '"' for double marks, "'" for single ones
    role: Role


@dataclass(frozen=True)
class MarkedSpan:
    """Text in quotation marks: ``start``/``end`` cover the words inside, ``open_at`` the mark.

    ``close_at`` is the index of the closing mark, or the end of the last paragraph when the
    writer never closed the quotation.
    """

    open_at: int
    close_at: int
    start: int
    end: int
    kind: str
    closed: bool

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.closed else self.close_at


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Top-level quotations of ``text`` in reading order (nested ones stay inside their outer)."""
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]
    spans: list[MarkedSpan] = []
    carried: Mark | None = None  # a quotation left open by the previous paragraph
    for number, (start, end) in enumerate(paragraphs):
        marks = [m for i in range(start, end) if (m := _classify(text, i)) is not None]
        if carried is not None and marks and _opens_paragraph(text, start, marks[0], carried):
            marks = marks[1:]  # the re-opening mark of a continued quotation
            stack = [carried]
        else:
            stack = []
        carried = None
        for index, mark in enumerate(marks):
            done = _push(stack, mark, text, marks[index + 1 :])
            if done is not None:
                spans.append(_span(text, done, mark.pos, closed=True))
        if not stack:
            continue
        bottom = stack[0]
        following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
        if following is not None and _reopens(text, following, bottom.kind):
            carried = bottom
        elif bottom.kind == '"' or _opens_sentence(text, start, bottom):
            spans.append(_span(text, bottom, end, closed=False))
    return spans


def _classify(text: str, i: int) -> Mark | None:
    char = text[i]
    if char not in MARKS:
        return None
    before = text[i - 1] if i else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    kind = '"' if char in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_ANY else "'"
    if char in (DOUBLE_OPEN, DOUBLE_CLOSE):
        return Mark(i, kind, Role.OPEN if char == DOUBLE_OPEN else Role.CLOSE)
    if kind == "'" and before.isalnum() and after.isalnum():
        return None  # don't, Assad's, O'Brien
    opens = before in OPENING_CONTEXT and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if kind == "'" and opens and ELISION.match(text, i + 1):
        return None
    if char == SINGLE_OPEN:
        return Mark(i, kind, Role.OPEN)
    if opens and not closes:
        return Mark(i, kind, Role.OPEN)
    if closes and not opens:
        return Mark(i, kind, Role.CLOSE)
    if opens and closes:
        return Mark(i, kind, Role.EITHER)
    return Mark(i, kind, Role.EITHER) if kind == '"' else None


def _push(stack: list[Mark], mark: Mark, text: str, rest: list[Mark]) -> Mark | None:
    """Apply one mark to the stack of open marks; return the opener of a finished top level."""
    open_kinds = [m.kind for m in stack]
    closes = mark.role is Role.CLOSE or (mark.role is Role.EITHER and mark.kind in open_kinds)
    if not closes:
        if mark.role is not Role.CLOSE:
            stack.append(mark)
        return None
    if mark.kind not in open_kinds:
        return None  # a stray closer, or an apostrophe ending a word (the ministers')
    if mark.kind == "'" and _plural_possessive(text, mark, rest):
        return None
    while stack:
        opener = stack.pop()
        if opener.kind == mark.kind:
            return opener if not stack else None
    return None


def _plural_possessive(text: str, mark: Mark, rest: list[Mark]) -> bool:
    """ "the ministers' plan" inside a single-quoted passage: an apostrophe if a closer follows."""
    if text[mark.pos - 1 : mark.pos] != "s" or not re.match(r" [a-z]", text[mark.pos + 1 :]):
        return False
    return any(m.kind == "'" and m.role is not Role.OPEN for m in rest)


def _opens_paragraph(text: str, start: int, mark: Mark, like: Mark) -> bool:
    return (
        mark.kind == like.kind
        and mark.role is not Role.CLOSE
        and not text[start : mark.pos].strip()
    )


def _opens_sentence(text: str, start: int, mark: Mark) -> bool:
    """A single mark left open is a quotation only where a sentence could start with it."""
    before = text[start : mark.pos].rstrip()
    return not before or before[-1] in ".?!:"


def _reopens(text: str, start: int, kind: str) -> bool:
    first = text[start:].lstrip()[:1]
    return first in ((DOUBLE_OPEN, DOUBLE_ANY) if kind == '"' else (SINGLE_OPEN, SINGLE_ANY))


def _span(text: str, opener: Mark, close_at: int, closed: bool) -> MarkedSpan:
    start, end = opener.pos + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return MarkedSpan(opener.pos, close_at, start, end, opener.kind, closed)
