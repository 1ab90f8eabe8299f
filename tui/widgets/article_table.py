"""The library as a table: one row an article, unread ones in bold."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.sanitize import visible_text

COLUMNS = (
    ("title", "Title"),
    ("source", "Source"),
    ("published", "Date"),
    ("quotes", "Quotes"),
    ("annotations", "Notes"),
    ("tags", "Tags"),
)


def cell(row: dict, key: str) -> str:
    value = row.get(key)
    if isinstance(value, list):
        return ", ".join(value) or "–"
    return "–" if value in (None, "") else str(value)


WIDTHS = {"source": 8, "published": 10, "quotes": 6, "annotations": 5, "tags": 12}


class ArticleTable(DataTable):
    """Rows keyed by article id; the app decides what the rows are."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("enter", "select_cursor", "Open", id="open_article"),
        Binding("slash", "screen.filter", "Filter", id="filter"),
        Binding("s", "screen.cycle_sort", "Sort", id="sort"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key, width=None if key == "title" else WIDTHS.get(key))

    def show_rows(self, rows: list[dict]) -> None:
        """Replace the rows, keeping the cursor on the same article when it is still listed."""
        current = self.current_id()
        self.clear()
        for row in rows:
            style = "" if row.get("read") else "bold"
            cells = [Text(visible_text(cell(row, key)), style=style) for key, _ in COLUMNS]
            self.add_row(*cells, key=row["id"])
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current))

    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
