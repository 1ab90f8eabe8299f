"""Keeping token ranges inside one paragraph.

The parser does not know that a line break ends a sentence, so a headline and the paragraph after
it can come back as one sentence ("Sanctions tightened\\n\\nIn the latest violence ...") and a
subtree can reach across the break. Every span presscut reports stays on its anchor's line.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TEXT_KEY = "presscut.text"
LINES_KEY = "presscut.line_of_token"


def doc_text(doc: Doc) -> str:
    """The doc's text, built once: spaCy's ``Doc.text`` joins every token again on each read,
    which made span tests quadratic in the article's length."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text
    return doc.user_data[TEXT_KEY]


def _line_of_token(doc: Doc) -> list[int]:
    """For each token, how many line breaks come before it (built once per doc)."""
    if LINES_KEY not in doc.user_data:
        text = doc_text(doc)
        breaks_before = [0, *accumulate(char == "\n" for char in text)]
        doc.user_data[LINES_KEY] = [breaks_before[token.idx] for token in doc]
    return doc.user_data[LINES_KEY]


def same_paragraph(a: Token, b: Token) -> bool:
    """No line break between the two tokens' starts, and neither is white space."""
    lines = _line_of_token(a.doc)
    return lines[a.i] == lines[b.i] and not a.is_space and not b.is_space


def on_line_of(tokens: list[Token], anchor: Token) -> list[Token]:
    """The tokens that share ``anchor``'s paragraph (the run around it)."""
    return [t for t in tokens if same_paragraph(t, anchor)]


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping (nested) spans joined, in order, so one bisect answers "is this inside?"."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def inside_spans(merged: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies in one of ``merged`` (``starts``: their starts)."""
    index = bisect_right(starts, pos) - 1
    return index >= 0 and pos < merged[index][1]


STARTS_KEY = "presscut.token_starts"


def token_starts(doc: Doc) -> list[int]:
    """Each token's character offset, in order (built once per doc), for bisecting to a token."""
    if STARTS_KEY not in doc.user_data:
        doc.user_data[STARTS_KEY] = [token.idx for token in doc]
    return doc.user_data[STARTS_KEY]
