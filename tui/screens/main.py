"""The main screen: the library, the reader and the side panel, and the actions between them.

The screen owns the state (the library view and the open article); widgets draw what it gives
them and bind their keys to its actions, so the footer shows the keys of the focused pane.
"""

from __future__ import annotations

from functools import cache

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from store.library import Library
from tui.annotator import Annotator
from tui.library_view import SORT_KEYS, LibraryView
from tui.reading import OpenArticle, next_span, previous_span
from tui.screens.annotating import AnnotatingMixin
from tui.screens.crossref_actions import CrossrefActions
from tui.widgets.article_header import ArticleHeader
from tui.widgets.article_table import ArticleTable
from tui.widgets.article_text import ArticleText
from tui.widgets.side_panel import AnnotationList, SidePanel

EMPTY_LIBRARY = (
    "No articles yet.\n\n"
    "Press i to import files or folders,\n"
    "or from the shell:\n  presscut import PATH..."
)
NO_ARTICLE = "Choose an article on the left."
NARROW = 120  # below this width the side panel starts folded away


class MainScreen(CrossrefActions, AnnotatingMixin, Screen):
    BINDINGS = [
        Binding("p", "toggle_panel", "Panel", id="toggle_panel"),
        Binding("i", "app.import_files", "Import", id="import"),
        Binding("X", "app.export", "Export", id="export", key_display="X", show=False),
        Binding("W", "who", "Who's who", id="who", key_display="W"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.view = LibraryView()
        self.article: OpenArticle | None = None
        self.find_hits: list[tuple[int, int]] = []
        self.annotator = Annotator(library)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="library-pane"):
                yield Input(placeholder="filter: words, tag:T, who:N, source:S", id="filter")
                yield ArticleTable(id="articles")
                yield Static(EMPTY_LIBRARY, id="empty-library")
            with Vertical(id="reader-pane"):
                yield ArticleHeader(NO_ARTICLE, id="article-header")
                yield ArticleText(id="article-text")
                yield Input(placeholder="find in the article (enter: next match)", id="find")
            yield SidePanel(id="side-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-panel-folded")
        self.reload_library()
        self.query_one(ArticleTable).focus()

    # -- the library -----------------------------------------------------------------

    def reload_library(self) -> None:
        """Read the catalogue again (after an import or an annotation) and redraw the list."""
        rows = self.library.articles()
        for row in rows:
            row["tags"] = sorted(self.library.tags(row["id"]))
            row["annotations"] = self.library.annotation_count(row["id"])
        self.view.rows = rows
        self.set_class(not rows, "-empty")
        self.query_one(ArticleText).set_quick_tags(self.quick_tags())
        self.refresh_list()
        if rows and self.article is None:
            self.show_article(self.query_one(ArticleTable).current_id() or rows[0]["id"])

    def refresh_list(self) -> None:
        self.query_one(ArticleTable).show_rows(self.view.visible(self._text_of))

    def _text_of(self, key: str) -> str:
        return _reading_text(self.library, key, self.library.article(key)["hash"])

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.view.query = event.value
        self.refresh_list()

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self.query_one(ArticleTable).focus()

    def action_cycle_sort(self) -> None:
        current = SORT_KEYS.index(self.view.sort_key)
        self.view.sort_by(SORT_KEYS[(current + 1) % len(SORT_KEYS)])
        self.refresh_list()
        direction = "descending" if self.view.descending else "ascending"
        self.notify(f"sorted by {self.view.sort_key}, {direction}", timeout=2)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.view.sort_by(str(event.column_key.value))
        self.refresh_list()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if key != self.query_one(ArticleTable).current_id():
            return  # stale: the table was rebuilt and its cursor put back since this was sent
        if key is not None and (self.article is None or key != self.article.row["id"]):
            self.show_article(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter opens the article: the reader takes the keys and the article counts as read."""
        key = event.row_key.value
        if key is None:
            return
        if not self.library.read_only and not self.library.article(key).get("read"):
            self.library.mark_read(key)
            self.reload_library()
        self.query_one(ArticleText).focus()

    def action_focus_library(self) -> None:
        self.query_one(ArticleTable).focus()

    # -- the reader ------------------------------------------------------------------

    def show_article(self, key: str) -> None:
        row = self.library.article(key)
        self.article = OpenArticle(row, self.library.body(key), self.library.annotations(key))
        self.find_hits = []
        self.query_one(ArticleHeader).show(row)
        self.redraw_article(keep_place=False)
        self.show_crossref()

    def redraw_article(self, *, keep_place: bool = True) -> None:
        article = self.article
        if article is None:
            return
        reader = self.query_one(ArticleText)
        if keep_place:
            reader.repaint(article.spans())
        else:
            reader.show(article.text, article.spans())
        self.query_one(SidePanel).show(article.body["text"], article.analysis, article.annotations)

    def annotations_changed(self, message: str) -> None:
        if self.article is not None:
            self.article.annotations = self.library.annotations(self.article.row["id"])
            self.redraw_article()
            self.show_entity_notes()
        self.reload_library()
        self.notify(message, timeout=3)

    def on_annotation_list_edit(self, event: AnnotationList.Edit) -> None:
        self.edit_annotation(event.annotation)

    def on_annotation_list_delete(self, event: AnnotationList.Delete) -> None:
        self.delete_annotation(event.annotation)

    def _jump(self, span: tuple[int, int] | None) -> None:
        if span is not None:
            self.query_one(ArticleText).move_to_offset(span[0], select_to=span[1])

    def _place(self) -> int:
        """Where jumps count from: the start of the selection, else the cursor."""
        return min(self.query_one(ArticleText).selection_offsets())

    def action_jump(self, what: str, forward: bool) -> None:
        """Go to the next (or previous) quotation, entity or mark from the selection's start."""
        article = self.article
        if article is None or (article.show_original and what != "mark"):
            return
        spans = {
            "quote": article.quote_starts,
            "entity": article.entity_starts,
            "mark": lambda: sorted(article.marks),
        }[what]()
        step = next_span if forward else previous_span
        self._jump(step(spans, self._place()))

    def action_toggle_original(self) -> None:
        if self.article is None:
            return
        self.article.show_original = not self.article.show_original
        self.article.marks = []
        self.redraw_article(keep_place=False)
        which = (
            "original text, with its boilerplate" if self.article.show_original else "reading text"
        )
        self.notify(f"showing the {which}", timeout=2)

    def action_find(self) -> None:
        box = self.query_one("#find", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#find")
    def find_changed(self, event: Input.Changed) -> None:
        if self.article is None:
            return
        self.find_hits = self.article.find(event.value)
        self.article.marks = self.find_hits
        self.redraw_article()
        self._jump(next_span(self.find_hits, -1))

    @on(Input.Submitted, "#find")
    def find_next(self) -> None:
        self._jump(next_span(self.find_hits, self._place()))

    def on_side_panel_jump(self, event: SidePanel.Jump) -> None:
        if self.article is None or not event.spans:
            return
        self.article.marks = event.spans if len(event.spans) > 1 else []
        self.article.show_original = False
        self.redraw_article(keep_place=False)
        self._jump(event.spans[0])
        self.query_one(ArticleText).focus()

    def on_key(self, event) -> None:
        """Escape in a filter or find box closes it and gives the keys back."""
        focused = self.focused
        if event.key == "escape" and isinstance(focused, Input):
            event.stop()
            focused.display = False
            if focused.id == "find":
                self.query_one(ArticleText).focus()
            else:
                self.query_one(ArticleTable).focus()

    # -- layout ----------------------------------------------------------------------

    def action_toggle_panel(self) -> None:
        self.toggle_class("-panel-folded")

    def on_descendant_focus(self) -> None:
        """Browsing the library folds the article's side panel away, giving titles the room."""
        browsing = self.focused is not None and self.focused in self.query("#library-pane *")
        self.set_class(browsing, "-browsing")


@cache
def _reading_text(library: Library, key: str, version: str) -> str:
    """Reading texts for the word filter, read once per article version."""
    del version  # part of the cache key: a re-imported article is read again
    return library.body(key)["text"]
