"""Finding the stretches of text set in quotation marks, at character level.

Straight marks say nothing about direction and the straight single mark is also the apostrophe,
so each mark is classed by its neighbours (a mark opens after a space and before a letter, closes
after a letter and before a space or punctuation; a mark between letters is an apostrophe). Marks
are then paired paragraph by paragraph with a stack, so a quotation within a quotation stays part
of the outer one. News style leaves a quotation open at the end of a paragraph when the next
paragraph re-opens it and the quotation goes on; such paragraphs make one span.

Every step looks at a mark and its neighbours only (never the rest of the text), so the work is
linear in the text's length however many marks it holds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_ANY = "\u201c", "\u201d", '"'
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_ANY = "\u2018", "\u2019", "'"
MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_ANY + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_ANY
OPENING_CONTEXT = " \t\n([{\u2014\u2013-/" + DOUBLE_OPEN + SINGLE_OPEN + '"' + "'"
# Words that start with an apostrophe rather than an opening mark: 'em, 'til, '90s, rock 'n' roll.
ELISION = re.compile(r"(?:em|til|cause|n|tis|twas|bout|round|s|\d\d?s?)\b", re.IGNORECASE)
PARAGRAPH = re.compile(r"[^\n]+")
MARK = re.compile(f"[{MARKS}]")
LOWER_WORD_NEXT = re.compile(r" [a-z]")
FIRST_VISIBLE = re.compile(r"\s*(\S?)")


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
        marks = [m for f in MARK.finditer(text, start, end) if (m := _classify(text, f.start()))]
        if not marks:
            carried = None
            continue
        if carried is not None and marks and _opens_paragraph(text, start, marks[0], carried):
            marks = marks[1:]  # the re-opening mark of a continued quotation
            stack = [carried]
        else:
            stack = []
        carried = None
        open_kinds = Counter(mark.kind for mark in stack)
        closers_after = _single_closers_after(marks)
        for index, mark in enumerate(marks):
            done = _push(stack, open_kinds, mark, text, closers_after[index])
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


def _single_closers_after(marks: list[Mark]) -> list[bool]:
    """For each mark, whether a single mark that can close comes after it in the paragraph."""
    after = [False] * len(marks)
    seen = False
    for index in range(len(marks) - 1, -1, -1):
        after[index] = seen
        seen = seen or (marks[index].kind == "'" and marks[index].role is not Role.OPEN)
    return after


def _push(
    stack: list[Mark], open_kinds: Counter[str], mark: Mark, text: str, closer_after: bool
) -> Mark | None:
    """Apply one mark to the stack of open marks (``open_kinds`` counts them by kind); return the
    opener of a finished top level."""
    closes = mark.role is Role.CLOSE or (mark.role is Role.EITHER and open_kinds[mark.kind] > 0)
    if not closes:
        if mark.role is not Role.CLOSE:
            stack.append(mark)
            open_kinds[mark.kind] += 1
        return None
    if not open_kinds[mark.kind]:
        return None  # a stray closer, or an apostrophe ending a word (the ministers')
    if mark.kind == "'" and closer_after and _plural_possessive(text, mark):
        return None
    while stack:
        opener = stack.pop()
        open_kinds[opener.kind] -= 1
        if opener.kind == mark.kind:
            return opener if not stack else None
    return None


def _plural_possessive(text: str, mark: Mark) -> bool:
    """ "the ministers' plan" inside a single-quoted passage (a closer follows): an apostrophe."""
    return text[mark.pos - 1 : mark.pos] == "s" and bool(LOWER_WORD_NEXT.match(text, mark.pos + 1))


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
    first = FIRST_VISIBLE.match(text, start).group(1)
    return first in ((DOUBLE_OPEN, DOUBLE_ANY) if kind == '"' else (SINGLE_OPEN, SINGLE_ANY))


def _span(text: str, opener: Mark, close_at: int, closed: bool) -> MarkedSpan:
    start, end = opener.pos + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return MarkedSpan(opener.pos, close_at, start, end, opener.kind, closed)
