"""The reading text: a read-only TextArea that paints the analysis onto the words.

A TextArea renders line by line from a cache, so a 50,000-word article scrolls as fast as a short
one, and it brings a cursor and keyboard selection for annotating. Its highlight map and theme
hooks are private API of Textual 8.2 (pinned in pyproject.toml; tests/test_reader.py covers
them): ``_build_highlight_map`` is replaced to paint the article's spans instead of a syntax
tree's.
"""

from __future__ import annotations

from textual.widgets import TextArea

from tui.highlights import LineIndex, Span, line_highlights
from tui.reader_styles import THEME_NAME, reader_theme
from tui.sanitize import visible_text


class ArticleText(TextArea):
    """Shows one article's reading text with its entities and quotations highlighted."""

    def __init__(self, *, id: str | None = None) -> None:
        self._spans: list[Span] = []  # set first: TextArea's constructor builds the highlights
        self._index = LineIndex("")
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            show_cursor=True,
            highlight_cursor_line=False,
            id=id,
        )

    def on_mount(self) -> None:
        self._use_reader_theme()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._use_reader_theme())

    def _use_reader_theme(self) -> None:
        self.register_theme(reader_theme(self.app.current_theme))
        self.theme = THEME_NAME
        self._set_theme(THEME_NAME)  # re-derive the theme's CSS fallbacks after a palette change
        self.refresh()

    def show(self, text: str, spans: list[Span]) -> None:
        """Replace the text and its highlights; offsets in ``spans`` index into ``text``."""
        safe = visible_text(text)
        self._spans = spans
        self._index = LineIndex(safe)
        self.load_text(safe)  # rebuilds the highlight map through _build_highlight_map
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        self._highlights.clear()
        self._highlights.update(line_highlights(self._index, self._spans))

    def cursor_offset(self) -> int:
        """The cursor as a character offset into the text."""
        row, column = self.cursor_location
        return self._index.offset(row, column)

    def move_to_offset(self, offset: int, *, select_to: int | None = None) -> None:
        """Put the cursor on a character offset (selecting up to ``select_to``) and show it."""
        start = self._index.location(offset)
        if select_to is None:
            self.move_cursor(start, center=True)
        else:
            self.move_cursor(start)
            self.move_cursor(self._index.location(select_to), select=True, center=True)
