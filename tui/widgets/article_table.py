"""The library as a table: one row an article, unread ones in bold.

The columns fit the pane: all of them when it is wide, title and date when it is narrow, the
title taking whatever width is left.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import DataTable

from tui.sanitize import visible_text

COLUMNS = {
    "title": "Title",
    "source": "Source",
    "published": "Date",
    "quotes": "Quotes",
    "annotations": "Notes",
    "tags": "Tags",
}
WIDTHS = {"source": 8, "published": 10, "quotes": 6, "annotations": 5, "tags": 12}
# Columns by the pane's width: (narrowest width, columns), widest first.
TIERS = (
    (100, tuple(COLUMNS)),
    (64, ("title", "source", "published", "quotes", "tags")),
    (0, ("title", "published")),
)
CELL_PADDING = 2


def cell(row: dict, key: str) -> str:
    value = row.get(key)
    if isinstance(value, list):
        return ", ".join(value) or "–"
    return "–" if value in (None, "") else str(value)


class ArticleTable(DataTable):
    """Rows keyed by article id; the screen decides what the rows are."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter", "select_cursor", "Open", id="open_article"),
        Binding("slash", "screen.filter", "Filter", id="filter"),
        Binding("s", "screen.cycle_sort", "Sort", id="sort"),
        Binding("c", "screen.compare", "Compare", id="compare"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._rows: list[dict] = []
        self._layout: tuple[tuple[str, ...], int] = ((), 0)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(event.size.width)

    def _lay_out(self, width: int) -> None:
        """Choose the columns for this width; rebuild only when the choice changes."""
        keys = next(columns for least, columns in TIERS if width >= least)
        fixed = sum(WIDTHS[key] + CELL_PADDING for key in keys if key != "title")
        title_width = max(12, width - fixed - CELL_PADDING - 2)
        if (keys, title_width) == self._layout:
            return
        self._layout = (keys, title_width)
        current = self.current_id()
        self.clear(columns=True)
        for key in keys:
            self.add_column(
                COLUMNS[key], key=key, width=title_width if key == "title" else WIDTHS[key]
            )
        self._add_rows(current)

    def show_rows(self, rows: list[dict]) -> None:
        """Replace the rows, keeping the cursor on the same article when it is still listed."""
        current = self.current_id()
        self._rows = rows
        self.clear()
        if self.columns:
            self._add_rows(current)
        else:
            self._lay_out(self.size.width)  # adds the rows with the columns

    def _add_rows(self, current: str | None) -> None:
        keys = [str(column.key.value) for column in self.columns.values()]
        for row in self._rows:
            style = "" if row.get("read") else "bold"
            cells = [Text(visible_text(cell(row, key)), style=style, no_wrap=True) for key in keys]
            self.add_row(*cells, key=row["id"])
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current))

    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
