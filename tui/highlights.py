"""From character spans over a whole text to the per-line byte ranges TextArea paints.

TextArea's highlight map (private API, pinned to Textual 8.2) holds, per document line, tuples of
(start byte, end byte or None for the line's end, style name). Spans that cross lines are split.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable

Span = tuple[int, int, str]  # start, end (character offsets into the text), style name
LineHighlights = dict[int, list[tuple[int, int | None, str]]]


class LineIndex:
    """Maps character offsets of a text to (line, column) and columns to UTF-8 bytes."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def location(self, offset: int) -> tuple[int, int]:
        row = bisect_right(self.starts, offset) - 1
        return row, offset - self.starts[row]

    def offset(self, row: int, column: int) -> int:
        return self.starts[row] + column

    def byte_column(self, row: int, column: int) -> int:
        line = self.lines[row]
        return column if line.isascii() else len(line[:column].encode("utf-8"))


def line_highlights(index: LineIndex, spans: Iterable[Span]) -> LineHighlights:
    """Split spans into per-line byte ranges, keeping the order they were given in."""
    result: LineHighlights = defaultdict(list)
    for start, end, name in spans:
        if end <= start:
            continue
        first_row, first_col = index.location(start)
        last_row, last_col = index.location(end)
        for row in range(first_row, last_row + 1):
            col_from = first_col if row == first_row else 0
            col_to = last_col if row == last_row else None
            byte_from = index.byte_column(row, col_from)
            byte_to = None if col_to is None else index.byte_column(row, col_to)
            if byte_to is None or byte_to > byte_from:
                result[row].append((byte_from, byte_to, name))
    return result
