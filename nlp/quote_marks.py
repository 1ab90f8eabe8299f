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
# Where a curly closing mark can only be a reversed opening one: after a space or a bracket.
REVERSED_OPENING_CONTEXT = " \t\n([{"
# Words that start with an apostrophe rather than an opening mark: 'em, 'til, '90s, rock 'n' roll.
ELISION = re.compile(r"(?:em|til|cause|n|tis|twas|bout|round|s|\d\d?s?)\b", re.IGNORECASE)
PARAGRAPH = re.compile(r"[^\n]+")
LOWER_WORD = re.compile(r" [a-z]")
# A sentence of the quotation's ends and the writer attributes it: ', he said.', '. Ms Lee added'.
ATTRIBUTION = re.compile(
    r"[,.?!](?=\s+(?:he|she|they|it|we|the(?:\s+[\w'\u2019-]+){1,3}"
    r"|[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3})"
    r"\s+(?:said|says|added|adds|told|asked|asks|explained|insisted|warned|wrote|continued)\b)"
    r"|[,.?!](?=\s+(?:said|says|added|asked)\s+(?:he|she|they|[A-Z]))"
)


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
    """Top-level quotations of ``text`` in reading order (nested ones stay inside their outer).

    One pass over the marks, in time linear in their number. Pairing resynchronises wherever
    real copy shows that a quotation was left open: at a paragraph's end (unless the next
    paragraph re-opens it), at a mark that can only open while a quotation of its kind is open
    ('"I have no regrets. "We did nothing wrong."' is two quotations, the first never closed),
    and, for a quotation never closed, where an attribution ("..., he said.") follows a
    sentence inside it.
    """
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
        # the last single mark that may close, so "ministers' plan" can be told from a closer
        last_single_closer = max(
            (i for i, m in enumerate(marks) if m.kind == "'" and m.role is not Role.OPEN),
            default=-1,
        )
        for index, mark in enumerate(marks):
            if mark.role is Role.OPEN and stack and stack[0].kind == mark.kind:
                spans.append(_unclosed(text, stack[0], mark.pos))  # resync: it never closed
                stack = []
            later_closer = last_single_closer > index
            done = _push(stack, mark, text, later_closer)
            if done is not None:
                spans.append(_span(text, done, mark.pos, closed=True))
        if not stack:
            continue
        bottom = stack[0]
        following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
        if following is not None and _reopens(text, following, bottom.kind):
            carried = bottom
        elif bottom.kind == '"' or _opens_sentence(text, start, bottom):
            spans.append(_unclosed(text, bottom, end))
    return spans


def _unclosed(text: str, opener: Mark, end: int) -> MarkedSpan:
    """A quotation never closed, running to ``end`` unless an attribution cuts it first."""
    attribution = ATTRIBUTION.search(text, opener.pos + 1, end)
    if attribution is not None:
        end = attribution.start() + 1
    while end > opener.pos + 1 and text[end - 1].isspace():
        end -= 1  # the quotation's last word, not the space before the next one
    return _span(text, opener, end, closed=False)


def _classify(text: str, i: int) -> Mark | None:
    char = text[i]
    if char not in MARKS:
        return None
    before = text[i - 1] if i else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    kind = '"' if char in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_ANY else "'"
    if char in (DOUBLE_OPEN, DOUBLE_CLOSE):
        opens = char == DOUBLE_OPEN or _reversed_opener(before, after)
        return Mark(i, kind, Role.OPEN if opens else Role.CLOSE)
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


def _reversed_opener(before: str, after: str) -> bool:
    """A closing mark set where only an opening one fits ("”This is my city!”"): at a
    paragraph's or a word's start, before a letter, a mark can only open."""
    return before in REVERSED_OPENING_CONTEXT and after.isalnum()


def _push(stack: list[Mark], mark: Mark, text: str, later_closer: bool) -> Mark | None:
    """Apply one mark to the stack of open marks; return the opener of a finished top level.

    ``later_closer``: whether a single mark that may close comes later in the paragraph.
    """
    open_kinds = [m.kind for m in stack]
    closes = mark.role is Role.CLOSE or (mark.role is Role.EITHER and mark.kind in open_kinds)
    if not closes:
        if mark.role is not Role.CLOSE:
            stack.append(mark)
        return None
    if mark.kind not in open_kinds:
        return None  # a stray closer, or an apostrophe ending a word (the ministers')
    if mark.kind == "'" and later_closer and _plural_possessive(text, mark):
        return None
    while stack:
        opener = stack.pop()
        if opener.kind == mark.kind:
            return opener if not stack else None
    return None


def _plural_possessive(text: str, mark: Mark) -> bool:
    """ "the ministers' plan" inside a single-quoted passage (an apostrophe, when a closer
    follows, which the caller knows)."""
    return text[mark.pos - 1 : mark.pos] == "s" and LOWER_WORD.match(text, mark.pos + 1) is not None


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
