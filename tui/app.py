"""The presscut app: the library on the left, the chosen article on the right.

The app holds the state (the open library and the article shown); widgets only display what
they are given. Nothing here imports spaCy: every analysis was stored at import time.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Static

from store.library import Library
from tui.spans import analysis_spans
from tui.widgets.article_header import ArticleHeader
from tui.widgets.article_table import ArticleTable
from tui.widgets.article_text import ArticleText
from tui.widgets.side_panel import SidePanel

EMPTY_LIBRARY = (
    "No articles yet.\n\n"
    "Import some from the shell:\n  presscut import PATH...\n\n"
    "or start the app with them:\n  presscut PATH..."
)


class PresscutApp(App):
    """Read a library of news articles with their entities and quotations highlighted."""

    CSS_PATH = "app.tcss"
    TITLE = "presscut"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("tab", "focus_next", "Switch pane", id="switch_pane"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.article_id: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="library-pane"):
                yield ArticleTable(id="articles")
                yield Static(EMPTY_LIBRARY, id="empty-library")
            with Vertical(id="reader-pane"):
                yield ArticleHeader(id="article-header")
                yield ArticleText(id="article-text")
            yield SidePanel(id="side-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.reload_articles()
        self.query_one(ArticleTable).focus()

    def reload_articles(self) -> None:
        rows = self.library.articles()
        self.query_one(ArticleTable).show_rows(rows)
        self.set_class(not rows, "-empty")
        if rows and self.article_id is None:
            self.show_article(rows[0]["id"])

    def show_article(self, key: str) -> None:
        row = self.library.article(key)
        body = self.library.body(key)
        self.article_id = key
        self.query_one(ArticleHeader).show(row)
        analysis = body.get("analysis") or {}
        self.query_one(ArticleText).show(body["text"], analysis_spans(analysis))
        self.query_one(SidePanel).show(body["text"], analysis)

    def on_side_panel_jump(self, event: SidePanel.Jump) -> None:
        if event.spans:
            start, end = event.spans[0]
            self.query_one(ArticleText).move_to_offset(start, select_to=end)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None and event.row_key.value != self.article_id:
            self.show_article(event.row_key.value)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter opens the article: the reader takes the focus and the article counts as read."""
        key = event.row_key.value
        if key is None:
            return
        if not self.library.read_only:
            self.library.mark_read(key)
            self.query_one(ArticleTable).show_rows(self.library.articles())
        self.query_one(ArticleText).focus()
