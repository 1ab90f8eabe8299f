"""The library as a table: one row an article, unread ones in bold.

The columns fit the pane: all of them when it is wide, title and date when it is narrow, the
title taking whatever width is left.

A virtual list: the table holds the screen's list of rows as given and draws only the lines on
screen, so showing 10,000 articles, or a new filter of them, costs what one screenful does. It
looks and answers like Textual's `DataTable` with a row cursor (the same component classes and
messages of the same names), without that table's per-row bookkeeping.
"""

from __future__ import annotations

from operator import itemgetter

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from services.sanitize import visible_text

COLUMNS = {
    "title": "Title",
    "source": "Source",
    "published": "Date",
    "quotes": "Quotes",
    "notes": "Notes",
    "tags": "Tags",
}
# Wide enough for the heading with the sort arrow ("Quotes ↓").
WIDTHS = {"source": 8, "published": 10, "quotes": 8, "notes": 7, "tags": 12}
# Columns by the pane's width: (narrowest width, columns), widest first. Each tier leaves the
# title at least 30 columns: a list of cut-off headlines with their counts reads badly.
TIERS = (
    (100, tuple(COLUMNS)),
    (84, ("title", "source", "published", "quotes", "tags")),
    (56, ("title", "source", "published")),
    (42, ("title", "published")),
    (0, ("title",)),  # beside the reader: the headline alone
)
CELL_PADDING = 2  # a space either side of a cell
HEADER_HEIGHT = 1


def cell(row: dict, key: str) -> str:
    value = row.get(key)
    if isinstance(value, list):
        return ", ".join(value) or "–"
    return "–" if value in (None, "") else str(value)


def columns_for(width: int) -> tuple[tuple[str, ...], int]:
    """The columns shown at this width, and the title's width."""
    keys = next(columns for least, columns in TIERS if width >= least)
    fixed = sum(WIDTHS[key] + CELL_PADDING for key in keys if key != "title")
    return keys, max(12, width - fixed - CELL_PADDING - 2)


class RowCursor(ScrollView):
    """The cursor keys a table inherits (listed after the library's own keys in help)."""

    BINDINGS = [
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "scroll_top", "Top", show=False),
        Binding("end,ctrl+end", "scroll_bottom", "Bottom", show=False),
    ]


class ArticleTable(RowCursor, can_focus=True):
    """Rows keyed by article id; the screen decides what the rows are."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter", "select_cursor", "Open", id="open_article"),
        Binding("slash", "screen.filter", "Filter", id="filter"),
        Binding("s", "screen.cycle_sort", "Sort", id="sort"),
        Binding("c", "screen.compare", "Compare", id="compare"),
        Binding("d", "screen.remove_article", "Remove", id="remove_article"),
        Binding("u", "screen.undo", "Undo", id="undo", show=False),
        Binding("ctrl+r", "screen.redo", "Redo", id="redo", show=False),
        Binding("escape", "screen.cancel_compare", "Cancel compare", id="cancel_compare"),
    ]

    COMPONENT_CLASSES = {
        "datatable--header",
        "datatable--cursor",
        "datatable--even-row",
        "datatable--odd-row",
    }

    DEFAULT_CSS = """
    ArticleTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        &:focus {
            background-tint: $foreground 5%;
            & > .datatable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .datatable--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark {
            & > .datatable--even-row {
                background: $surface-darken-1 40%;
            }
        }
        & > .datatable--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .datatable--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .datatable--odd-row {
        }
        & > .datatable--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .datatable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class RowHighlighted(Message):
        """The cursor is on another article. ``moved``: the user moved it (else the rows
        were replaced under it, as a filter or a new sort does)."""

        def __init__(self, table: ArticleTable, key: str, index: int, moved: bool) -> None:
            super().__init__()
            self.table, self.key, self.index, self.moved = table, key, index, moved

        @property
        def control(self) -> ArticleTable:
            return self.table

    class RowSelected(Message):
        """Enter (or a click) on the article under the cursor."""

        def __init__(self, table: ArticleTable, key: str, index: int) -> None:
            super().__init__()
            self.table, self.key, self.index = table, key, index

        @property
        def control(self) -> ArticleTable:
            return self.table

    class HeaderSelected(Message):
        """A click on a column's header."""

        def __init__(self, table: ArticleTable, column: str) -> None:
            super().__init__()
            self.table, self.column = table, column

        @property
        def control(self) -> ArticleTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[dict] = []
        self._positions: dict[str, int] | None = None  # id -> index, built when asked
        self._styles: dict[str, Style] = {}  # for the lines of one redraw (`render_lines`)
        self.cursor_row = 0
        self.sorted_by: tuple[str, bool] | None = None  # (column, descending), shown by an arrow

    # -- what the screen asks ------------------------------------------------------------

    def rows_shown(self) -> list[dict]:
        """The articles listed, in their order."""
        return self._rows

    def show_rows(self, rows: list[dict]) -> None:
        """Replace the rows, keeping the cursor on the same article when it is still listed."""
        current = self.current_id()
        self._rows = rows
        self._positions = None
        self.virtual_size = Size(self.size.width, len(rows) + HEADER_HEIGHT)
        self.cursor_row = _index_of(rows, current, self.cursor_row)
        self._scroll_to_cursor()
        self.refresh()
        if rows and self.current_id() != current:
            key = rows[self.cursor_row]["id"]
            self._tell_screen(self.RowHighlighted(self, key, self.cursor_row, False))

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> dict[str, int]:
        """The listed articles' ids, each with its row index."""
        if self._positions is None:
            self._positions = {row["id"]: index for index, row in enumerate(self._rows)}
        return self._positions

    def get_row_index(self, key: str) -> int:
        return self.rows[key]

    def get_row_at(self, index: int) -> list[str]:
        """The row's cells as shown, in column order."""
        keys, _ = columns_for(self.size.width)
        return [visible_text(cell(self._rows[index], key)) for key in keys]

    def current_id(self) -> str | None:
        if not self._rows:
            return None
        return self._rows[min(self.cursor_row, len(self._rows) - 1)]["id"]

    def move_cursor(self, *, row: int, scroll: bool = True) -> None:
        self._put_cursor(row, moved=True, scroll=scroll)

    # -- the cursor ----------------------------------------------------------------------

    def _put_cursor(self, index: int, *, moved: bool, scroll: bool = True) -> None:
        index = max(0, min(index, len(self._rows) - 1))
        old, top = self.cursor_row, round(self.scroll_y)
        changed = index != old
        self.cursor_row = index
        if scroll:
            self._scroll_to_cursor()
        if changed and self._rows:
            # Told first, so that the screen's answer (the reader showing the article) is under
            # way before the refresh below wakes the screen's painter: both then go in one frame.
            self._tell_screen(self.RowHighlighted(self, self._rows[index]["id"], index, moved))
            if round(self.scroll_y) == top:  # only the two rows the cursor left and entered
                self.refresh_line(old + HEADER_HEIGHT)
                self.refresh_line(index + HEADER_HEIGHT)
            else:
                self.refresh()

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + self._page:
            self.scroll_to(y=self.cursor_row - self._page + 1, animate=False, immediate=True)

    def _tell_screen(self, message: Message) -> None:
        """Post a cursor message straight to the screen, which answers it, rather than let it
        bubble there through the containers between. Each hop is a turn of the event loop, and
        the screen's painter, woken by the cursor's own repaint, runs before the last hop: the
        list would be drawn with its cursor moved, and the reader with the article the cursor
        is on a frame interval later (a third of the 50 ms an article may take to open)."""
        self.screen.post_message(message)

    def action_cursor_up(self) -> None:
        self._put_cursor(self.cursor_row - 1, moved=True)

    def action_cursor_down(self) -> None:
        self._put_cursor(self.cursor_row + 1, moved=True)

    def action_page_up(self) -> None:
        self._put_cursor(self.cursor_row - self._page, moved=True)

    def action_page_down(self) -> None:
        self._put_cursor(self.cursor_row + self._page, moved=True)

    def action_scroll_top(self) -> None:
        self._put_cursor(0, moved=True)

    def action_scroll_bottom(self) -> None:
        self._put_cursor(len(self._rows) - 1, moved=True)

    def action_select_cursor(self) -> None:
        if self._rows:
            self._tell_screen(self.RowSelected(self, self.current_id(), self.cursor_row))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < HEADER_HEIGHT:
            column = self._column_at(offset.x)
            if column is not None:
                self.post_message(self.HeaderSelected(self, column))
            return
        index = offset.y - HEADER_HEIGHT + round(self.scroll_y)
        if index >= len(self._rows):
            return
        event.stop()
        if index == self.cursor_row:
            self.action_select_cursor()
        else:
            self._put_cursor(index, moved=True)

    def _column_at(self, x: int) -> str | None:
        keys, title_width = columns_for(self.size.width)
        left = 0
        for key in keys:
            left += (title_width if key == "title" else WIDTHS[key]) + CELL_PADDING
            if x < left:
                return key
        return None

    # -- drawing -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._rows) + HEADER_HEIGHT)
        self._scroll_to_cursor()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Work out the styles once per redraw, not once per line."""
        cursor = self.get_component_rich_style("datatable--cursor")
        self._styles = {
            "header": self.get_component_styles("datatable--header").rich_style,
            "even": self.get_component_styles("datatable--even-row").rich_style,
            "odd": self.get_component_styles("datatable--odd-row").rich_style,
            "cursor": cursor,
            "cursor_text": Style.from_color(color=cursor.color),  # the cursor's colour wins
            "blank": self.rich_style,
        }
        return super().render_lines(crop)

    def _heading(self, key: str) -> str:
        """A column's name, with an arrow on the sorted one: ↑ A to Z or oldest first, ↓ the
        other way."""
        if self.sorted_by is None or self.sorted_by[0] != key:
            return COLUMNS[key]
        return f"{COLUMNS[key]} {'↓' if self.sorted_by[1] else '↑'}"

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        keys, title_width = columns_for(width)
        widths = [title_width if key == "title" else WIDTHS[key] for key in keys]
        styles = self._styles
        if y < HEADER_HEIGHT:
            header = styles["header"]
            texts = [self._heading(key) for key in keys]
            return _line(texts, widths, width, header, _PLAIN, _PLAIN)
        index = y - HEADER_HEIGHT + round(self.scroll_y)
        if index >= len(self._rows):
            return Strip.blank(width, styles["blank"])
        row = self._rows[index]
        cell_style = styles["odd" if index % 2 else "even"]
        text_style = _PLAIN if row.get("read") else _BOLD
        post_style = _PLAIN
        if index == self.cursor_row:
            cell_style += styles["cursor"]
            post_style = styles["cursor_text"]
        texts = [visible_text(cell(row, key)) for key in keys]
        return _line(texts, widths, width, cell_style, text_style, post_style)


def _index_of(rows: list[dict], key: str | None, guess: int) -> int:
    """Where the article ``key`` is in ``rows`` (first looked for at ``guess``), else 0."""
    if key is None:
        return 0
    if guess < len(rows) and rows[guess]["id"] == key:
        return guess
    try:
        return list(map(itemgetter("id"), rows)).index(key)
    except ValueError:
        return 0


_PLAIN, _BOLD = Style.null(), Style(bold=True)
# Each cell is its own run of segments, as `DataTable` draws it (so the screen is the same,
# down to the screenshot): the meta keeps neighbouring cells of one style from merging.
_CELL_META = [Style.from_meta({"column": column}) for column in range(len(COLUMNS))]
_REST_META = Style.from_meta({"out_of_bounds": True})


def _line(
    texts: list[str],
    widths: list[int],
    width: int,
    cell_style: Style,
    text_style: Style,
    post_style: Style,
) -> Strip:
    """Cells of ``texts``, each cropped to its width with a space either side, then the rest of
    the line: all in ``cell_style``, the texts also in ``text_style`` then ``post_style``."""
    segments = []
    used = 0
    for column, (text, cell_width) in enumerate(zip(texts, widths, strict=True)):
        shown = set_cell_size(text, cell_width) if cell_len(text) > cell_width else text
        pre = cell_style + _CELL_META[column]
        pad = pre + post_style
        segments.append(Segment(" ", pad))
        segments.append(Segment(shown, pre + text_style + post_style))
        segments.append(Segment(" " * (cell_width - cell_len(shown) + 1), pad))
        used += cell_width + CELL_PADDING
    if used < width:
        segments.append(Segment(" " * (width - used), cell_style + _REST_META))
    return Strip(segments).crop(0, width).simplify()
