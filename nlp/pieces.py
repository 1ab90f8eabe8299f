"""Cutting a long text into pieces the parser can take, so its cost stays linear and bounded.

spaCy holds a whole document's activations at once (a 4.4 MB table read as one paragraph grew a
worker to 18 GB) and presscut's own rules walk sentences, so neither a document nor a sentence may
grow with the file. An ordinary article (under `PIECE_CHARS`) is one piece, parsed whole as
before; a longer text is cut at line breaks into pieces of at most `PIECE_CHARS`, and a line
longer than `SENTENCE_CHARS` at its sentence ends, else at a space, else anywhere. Each piece is
parsed as its own document; joined again (`nlp.doc_join.join_docs`) they give one document
whose text is the original, every piece starting a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

PIECE_CHARS = 20_000  # about 3,300 words: longer than nine articles in ten
SENTENCE_CHARS = 2_000  # about 330 words: no real sentence is longer
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s+")
_SPACE = re.compile(r"\s+")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Each line with the line break after it, as ``(start, end)``."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield start, end
        start = end


def _last_cut(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """The end of the last match of ``pattern`` in ``text[start:end]``, if past ``start``."""
    cut = None
    for match in pattern.finditer(text, start, end):
        cut = match.end()
    return cut if cut is not None and cut > start else None


def _short_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """One line cut into runs of at most `SENTENCE_CHARS`: at sentence ends, else spaces."""
    while end - start > SENTENCE_CHARS:
        limit = start + SENTENCE_CHARS
        cut = (
            _last_cut(_SENTENCE_END, text, start, limit)
            or _last_cut(_SPACE, text, start, limit)
            or limit
        )
        yield start, cut
        start = cut
    if start < end:
        yield start, end


def text_pieces(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` ranges that cover ``text`` in order, each short enough to parse alone."""
    if len(text) <= SENTENCE_CHARS:
        return [(0, len(text))] if text else []
    pieces: list[tuple[int, int]] = []
    start = end = 0
    for line_start, line_end in _lines(text):
        if line_end - line_start > SENTENCE_CHARS:  # a long line: its runs stand alone
            if end > start:
                pieces.append((start, end))
            pieces.extend(_short_runs(text, line_start, line_end))
            start = end = line_end
        elif line_end - start > PIECE_CHARS:
            pieces.append((start, end))
            start, end = end, line_end
        else:
            end = line_end
    if end > start:
        pieces.append((start, end))
    return pieces

