"""Soft wrapping of the reader's text, fast enough for a 300,000-word article.

Textual 8.2 wraps a TextArea's whole document whenever its width may have changed (loading,
each resize, the scrollbar appearing): a Python loop over every word, about 3 s of CPU for 2 MB
and several times on opening. Here a line is cut at most once per wrapped line, by one regular
expression search that reads the line in C, and a wrap at the width already wrapped at is not
done again. The breaks are Textual's own (``textual._wrap.compute_wrap_offsets``, which
tests/test_wrapping.py checks them against); lines holding a tab or a character whose width is
not one cell (CJK, emoji, combining marks) are left to Textual's function.
"""

from __future__ import annotations

import re
from functools import lru_cache

from textual._wrap import compute_wrap_offsets
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths

# Characters one cell wide each: printable ASCII, Latin letters, general punctuation (curly
# quotes, dashes, ellipsis) and the euro sign; no tab, soft hyphen or zero-width character.
ONE_CELL_EACH = re.compile(
    r"[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e\u20ac]*"
)


@lru_cache(maxsize=8)
def _line_piece(width: int) -> re.Pattern[str]:
    """The longest run of at most ``width`` characters ending where Textual may break: before
    a word that follows white space, or at the end of the line."""
    return re.compile(r"[\s\S]{1,WIDTH}(?:(?<=\s)(?=\S)|$)".replace("WIDTH", str(width)))


def wrap_offsets(line: str, width: int, tab_width: int) -> list[int]:
    """Where ``line`` breaks at ``width`` cells: the offsets Textual's wrapping gives."""
    if not width:
        return []
    if not ONE_CELL_EACH.fullmatch(line):
        return _textual(line, width, tab_width)
    piece = _line_piece(width)
    breaks: list[int] = []
    start, end = 0, len(line)
    while end - start > width:
        found = piece.match(line, start)
        # No break within the width: a word longer than a line, folded at the width.
        start = found.end() if found else start + width
        breaks.append(start)
    return breaks


def _textual(line: str, width: int, tab_width: int) -> list[int]:
    return compute_wrap_offsets(
        line, width, tab_size=tab_width, precomputed_tab_sections=get_tab_widths(line, tab_width)
    )


class ReaderWrapping(WrappedDocument):
    """Textual's wrapped document with a faster ``wrap``, and its height counted rather than
    summed (Textual sums the wrapped lines of every line each time it asks, which it does for
    each line it draws: a second a key on a 300,000-word article)."""

    _wrapped_at: tuple[int, int] | None = None

    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap every line at ``width``; the text does not change, so the same width twice is
        wrapped once."""
        self._width = width
        if tab_width:
            self._tab_width = tab_width
        if self._wrapped_at == (width, self._tab_width):
            return
        tab_width = self._tab_width
        wrap_offsets_of: list[list[int]] = []
        offset_to_line_info: list[tuple[int, int]] = []
        line_index_to_offsets: list[list[int]] = []
        tab_widths: list[list[int]] = []
        for line_index, line in enumerate(self.document.lines):
            breaks = wrap_offsets(line, width, tab_width)
            tabs = [0] * bool(line)  # Textual's: one width per tab, and a 0 after the last
            if "\t" in line:
                tabs = [tab for _, tab in get_tab_widths(line, tab_width)]
            first = len(offset_to_line_info)
            offset_to_line_info.extend((line_index, section) for section in range(len(breaks) + 1))
            line_index_to_offsets.append(list(range(first, len(offset_to_line_info))))
            wrap_offsets_of.append(breaks)
            tab_widths.append(tabs)
        self._wrap_offsets = wrap_offsets_of
        self._offset_to_line_info = offset_to_line_info
        self._line_index_to_offsets = line_index_to_offsets
        self._tab_width_cache = tab_widths
        self._wrapped_at = (width, self._tab_width)

    def wrap_range(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - Textual's signature
        self._wrapped_at = None  # an edit: the next wrap is a real one
        super().wrap_range(*args, **kwargs)
