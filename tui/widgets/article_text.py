"""The reading text: a read-only TextArea that paints the analysis onto the words.

A TextArea renders line by line from a cache, so a 50,000-word article scrolls as fast as a short
one, and it brings a cursor and keyboard selection for annotating. Its highlight map and theme
hooks are private API of Textual 8.2 (pinned in pyproject.toml; tests/test_reader.py covers
them): ``_build_highlight_map`` is replaced to paint the article's spans instead of a syntax
tree's.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import TextArea

from services.sanitize import visible_text
from tui.highlights import LineIndex, Span, line_highlights
from tui.reader_styles import SELECTION, THEME_NAME, reader_theme
from tui.wrapping import ReaderWrapping


class PaintedLines(dict):
    """TextArea's highlight map (line -> byte ranges and style names), with the selection added
    last on each line it covers. TextArea paints its selection before the highlights, so a
    quotation's background hid it; painted last, it shows over every highlight."""

    def __init__(self, selection_on: Callable[[int], list[tuple[int, int | None, str]]]) -> None:
        super().__init__()
        self._selection_on = selection_on

    def __getitem__(self, row: int) -> list[tuple[int, int | None, str]]:
        return self.get(row, []) + self._selection_on(row)

    def __bool__(self) -> bool:
        return True  # TextArea paints nothing when its map is empty; a selection may be


class ArticleText(TextArea):
    """Shows one article's reading text with its entities and quotations highlighted."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="down"),
        Binding("k", "cursor_up", "Up", show=False, id="up"),
        Binding("space", "cursor_page_down", "Page down", show=False, id="page_down"),
        Binding("]", "screen.jump('quote', True)", "Next quote", id="next_quote"),
        Binding(
            "[", "screen.jump('quote', False)", "Previous quote", id="previous_quote", show=False
        ),
        Binding("e", "screen.jump('entity', True)", "Next entity", id="next_entity", show=False),
        Binding(
            "E", "screen.jump('entity', False)", "Previous entity", id="previous_entity", show=False
        ),
        Binding("slash", "screen.find", "Find", id="find"),
        Binding(
            ">",
            "screen.jump('mark', True)",
            "Next mark",
            id="next_mark",
            show=False,
            key_display=">",
        ),
        Binding(
            "<",
            "screen.jump('mark', False)",
            "Previous mark",
            id="previous_mark",
            show=False,
            key_display="<",
        ),
        Binding("o", "screen.toggle_original", "Original", id="toggle_original", show=False),
        Binding("v", "screen.select_start", "Select", id="select"),
        Binding(
            "w",
            "screen.resize_selection('word', True)",
            "Select more words",
            show=False,
            id="select_more_words",
        ),
        Binding(
            "b",
            "screen.resize_selection('word', False)",
            "Select fewer words",
            show=False,
            id="select_fewer_words",
        ),
        Binding(
            ")",
            "screen.resize_selection('sentence', True)",
            "Select more sentences",
            show=False,
            id="select_more_sentences",
        ),
        Binding(
            "(",
            "screen.resize_selection('sentence', False)",
            "Select fewer sentences",
            show=False,
            id="select_fewer_sentences",
        ),
        Binding(
            "}",
            "screen.resize_selection('paragraph', True)",
            "Select more paragraphs",
            show=False,
            id="select_more_paragraphs",
        ),
        Binding(
            "{",
            "screen.resize_selection('paragraph', False)",
            "Select fewer paragraphs",
            show=False,
            id="select_fewer_paragraphs",
        ),
        Binding("x", "screen.select_item", "Select entity/quote", id="select_item", show=False),
        Binding("t", "screen.tag", "Tag", id="tag"),
        Binding("n", "screen.note", "Note", id="note"),
        Binding("c", "screen.correct", "Correct", id="correct"),
        Binding("u", "screen.undo", "Undo", id="undo"),
        Binding("ctrl+r", "screen.redo", "Redo", id="redo", show=False),
        Binding("escape", "screen.focus_library", "Library", id="back_to_library", show=False),
    ]

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        self._spans: list[Span] = []  # set first: TextArea's constructor builds the highlights
        self._shown = ""
        self._index = LineIndex("")
        super().__init__(
            "",
            placeholder=placeholder,
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            show_cursor=True,
            highlight_cursor_line=False,
            id=id,
        )
        self.cursor_blink = False  # a reader's cursor marks a place; blinking only distracts
        self._highlights = PaintedLines(self._selection_on)
        self._build_highlight_map()

    def on_mount(self) -> None:
        self._use_reader_theme()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._use_reader_theme())

    def _use_reader_theme(self) -> None:
        few_colours = self.app.console.color_system in ("standard", "windows")
        self.register_theme(reader_theme(self.app.current_theme, few_colours=few_colours))
        self.theme = THEME_NAME
        self._set_theme(THEME_NAME)  # re-derive the theme's CSS fallbacks after a palette change
        self.refresh()

    @property
    def text(self) -> str:
        """The text shown, kept as given: Textual joins the document's lines again at each call,
        and it asks at each line it draws (a 2 MB article: 2 ms a line)."""
        return self._shown

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def _set_document(self, text: str, language: str | None) -> None:
        self._shown = text
        super()._set_document(text, language)

    def render_line(self, y: int) -> Strip:
        """A line from the cache unless the selection or the cursor is on its document line.

        Textual keys its cache of wrapped lines on the whole selection, so each move of the
        cursor drew every line on screen again; only the lines the selection or the cursor
        touches change (the reader has no cursor line or bracket highlight to redraw).
        """
        scroll_x, scroll_y = self.scroll_offset
        wrapped = self.wrapped_document._offset_to_line_info
        if not self._shown or not 0 <= scroll_y + y < len(wrapped):
            return super().render_line(y)
        row = wrapped[scroll_y + y][0]
        start, end = sorted(self.selection)
        touched = start[0] <= row <= end[0]
        on_line = (self.selection, self._cursor_visible) if touched else None
        key = ("reader", self.size, scroll_x, scroll_y + y, on_line, self.theme,
               self._matching_bracket_location, self.show_cursor)  # fmt: skip
        if (cached := self._line_cache.get(key)) is None:
            cached = self._line_cache[key] = self._render_line(y)
        return cached

    def _rewrap_and_refresh_virtual_size(self) -> None:
        """Wrap with the reader's wrapping (tui/wrapping.py): Textual makes a new wrapped
        document with each text and wraps it at once, so its class is changed here first."""
        self.wrapped_document.__class__ = ReaderWrapping
        super()._rewrap_and_refresh_virtual_size()

    def show(self, text: str, spans: list[Span]) -> None:
        """Replace the text and its highlights; offsets in ``spans`` index into ``text``."""
        safe = visible_text(text)
        self._spans = spans
        self._index = LineIndex(safe)
        self.load_text(safe)  # rebuilds the highlight map through _build_highlight_map
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

    def repaint(self, spans: list[Span]) -> None:
        """Change the highlights of the text shown, keeping the cursor and the scroll."""
        self._spans = spans
        self._build_highlight_map()
        self.refresh()

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        self._highlights.clear()
        self._highlights.update(line_highlights(self._index, self._spans))

    def _selection_on(self, row: int) -> list[tuple[int, int | None, str]]:
        """The part of the selection on document line ``row``, as a highlight."""
        start, end = sorted(self.selection)
        if start == end or not start[0] <= row <= end[0]:
            return []
        col_from = start[1] if row == start[0] else 0
        byte_from = self._index.byte_column(row, col_from)
        if row != end[0]:
            return [(byte_from, None, SELECTION)]
        byte_to = self._index.byte_column(row, end[1])
        return [(byte_from, byte_to, SELECTION)] if byte_to > byte_from else []

    def set_quick_tags(self, tags: list[str]) -> None:
        """Bind the digits to the most used tags, so the footer shows each digit's tag.

        Textual declares bindings per class; these change with the library, so they are bound
        on this instance (``_bindings`` is Textual's per-node binding map).
        """
        for number in range(1, 10):
            self._bindings.key_to_bindings.pop(str(number), None)
        for number, tag in enumerate(tags, start=1):
            self._bindings.bind(str(number), f"screen.quick_tag({number})", tag, show=number <= 3)
        self.refresh_bindings()

    def selection_offsets(self) -> tuple[int, int]:
        """The selection as character offsets: (where it started, where the cursor is)."""
        start, end = self.selection
        return self._index.offset(*start), self._index.offset(*end)

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
