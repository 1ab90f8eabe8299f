"""The main screen: the library, the reader and the side panel, and the actions between them.

The screen owns the state (the library view and the open article); widgets draw what it gives
them and bind their keys to its actions, so the footer shows the keys of the focused pane.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from services.annotator import Annotator
from store.errors import DamagedArticle, Stopped, StoreError
from store.word_index import WordIndex
from tui.library_view import SORT_KEYS, LibraryView, first_descending
from tui.reading import OpenArticle, next_span, previous_span
from tui.screens.annotating import AnnotatingMixin
from tui.screens.confirm import Confirm
from tui.screens.crossref_actions import CrossrefActions
from tui.screens.feed_actions import FeedActions
from tui.widgets.annotation_hint import AnnotationHint
from tui.widgets.article_header import ArticleHeader
from tui.widgets.article_table import COLUMNS, ArticleTable
from tui.widgets.article_text import ArticleText
from tui.widgets.feed_bar import FeedBar
from tui.widgets.key_footer import KeyFooter
from tui.widgets.side_panel import AnnotationList, SidePanel
from tui.workers import cancelled

if TYPE_CHECKING:
    from store.catalogue_cache import CachedCatalogue
    from store.library import Library

EMPTY_LIBRARY = (
    "No articles yet.\n\n"
    "Press i to import files or folders,\n"
    "or from the shell:\n  presscut import PATH..."
)
NO_ARTICLE = "Choose an article on the left."
READING = "Reading the library…"
STILL_READING = "the library is still being read: a moment"
READ_ONLY = "read-only: reading and exporting only; annotating and importing are off"
NARROW = 120  # below this width the side panel starts folded away
# The footer's keys left out first when they do not fit (80 columns): the least used, which the
# help (`?`, always shown) and the command palette still list.
FOOTER_FOLDS = ("rules", "import", "toggle_panel", "compare", "remove_article")
# Up to this many articles missing from the word index are indexed on the spot (a read of each
# body); more, in a worker thread (`store.word_index`: the cache beside the library, then them).
INDEX_INLINE = 64
FOLLOW_DELAY = 0.25  # s: the reader opens a filter's first article once typing pauses
SLOW_COLLECTION = 0.05  # s: a full pass of the cycle collector this long freezes what survived
# The screen's actions that need only the list, so work while the library is being read.
WHILE_READING = frozenset({"toggle_panel", "cycle_sort", "focus_library"})


class MainScreen(CrossrefActions, AnnotatingMixin, FeedActions, Screen):
    BINDINGS = [
        Binding("p", "toggle_panel", "Panel", id="toggle_panel"),
        Binding("i", "app.import_files", "Import", id="import"),
        Binding("X", "app.export", "Export", id="export", key_display="X", show=False),
        Binding("W", "who", "Who's who", id="who", key_display="W"),
        Binding("S", "story", "Story", id="story", key_display="S"),
        Binding("R", "rules", "Rules", id="rules", key_display="R"),
        # Out of the footer: the feed line, shown once there are feeds, says it.
        Binding("r", "refresh_feeds", "Refresh feeds", id="refresh_feeds", show=False),
    ]

    def __init__(
        self,
        library: Library | None,
        folder: Path | None = None,
        listed: CachedCatalogue | None = None,
    ) -> None:
        """Show ``library``; or, while it is being read (`tui.opening`), the ``listed`` articles
        of the one in ``folder``, until `library_ready` hands it over."""
        super().__init__()
        self.library = library
        self.view = LibraryView()
        self._use_sort_setting()
        self._listed = listed
        self.words = WordIndex(library.folder if library is not None else folder)
        self._words_current_for: list[dict] | None = None  # the rows the index was checked for
        self._indexing: Worker | None = None
        self._follow = None  # the timer that opens the article a filter put the cursor on
        self.article: OpenArticle | None = None
        self.find_hits: list[tuple[int, int]] = []
        self._open_when_ready: str | None = None  # enter pressed before the library was read
        self._panel_stale = False  # the side panel was not filled for the open article
        if library is not None:
            self.annotator = Annotator(library)

    def compose(self) -> ComposeResult:
        # The classes the first screen has are set before it has children: set later, each would
        # restyle every widget again.
        narrow = self.app.size.width < NARROW
        self.set_class(narrow or self.app.settings.panel_shown is False, "-panel-folded")
        self.set_class(narrow, "-narrow")
        self.add_class("-browsing")  # the list has the keys first
        if self._listed is not None:
            self.set_class(not self._listed.head, "-empty")
        with Horizontal(id="panes"):
            with Vertical(id="library-pane"):
                yield Input(
                    placeholder="filter: words, tag:T, who:N, source:S, feed:F", id="filter"
                )
                yield FeedBar(id="feed-bar")
                yield ArticleTable(id="articles")
                yield Static(EMPTY_LIBRARY, id="empty-library")
            with Vertical(id="reader-pane"):
                yield ArticleHeader(NO_ARTICLE, id="article-header")
                # Said in words, in the first frame, while the library is read; not by Textual's
                # loading animation, whose frames would take turns with the worker reading it.
                waiting = self._listed is not None and bool(self._listed.head)
                yield ArticleText(id="article-text", placeholder=READING if waiting else "")
                yield AnnotationHint(id="annotation-hint")
                yield Input(placeholder="find in the article (enter: next match)", id="find")
            yield SidePanel(id="side-panel")
        yield KeyFooter(folds=FOOTER_FOLDS)

    def on_mount(self) -> None:
        self.focus_list()
        if self.library is None:
            self._show_cached_rows()
        else:
            self.library_ready(self.library)

    def library_ready(self, library: Library, rows: list[dict] | None = None) -> None:
        """The library is read (and ``rows``, its catalogue, when already made): everything it
        holds can be shown and changed."""
        # The open library is hundreds of thousands of objects that live as long as the app:
        # kept out of the collector's full passes, which would otherwise stall, now and then, a
        # keypress for a third of a second on a large library.
        gc.freeze()
        if _freeze_after_slow_collections not in gc.callbacks:
            gc.callbacks.append(_freeze_after_slow_collections)
        self.library = library
        self.annotator = Annotator(library)
        self._listed = None
        if library.read_only:  # the footer still lists the keys that annotate: say it first
            self.notify(READ_ONLY, timeout=6)
        self.reload_library(rows)
        self.call_after_refresh(gc.freeze)  # and what `_prepare` made for the list
        self.refresh_bindings()
        if self._open_when_ready is not None:
            self._open_when_ready, key = None, self._open_when_ready
            self._open(key)

    def _show_cached_rows(self) -> None:
        """Draw the list from the cache while the library is read: its first rows in the first
        frame, all of them in the next; the reader says it waits."""
        assert self._listed is not None
        head = self._listed.head
        self.view.show(head)
        self.refresh_list()
        if head:
            self.query_one(ArticleHeader).show(head[0])
            self.call_after_refresh(self._list_the_rest)

    def _list_the_rest(self) -> None:
        if self.library is None and self._listed is not None:
            self.view.show(self._listed.rows())
            self.refresh_list()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Until the library is read only the list's own keys (and Textual's) work; presscut's
        others show dimmed. Escape cancels a compare only while one waits for its second
        article."""
        if action == "cancel_compare":
            return self.compare_first is not None
        if self.library is None and action not in WHILE_READING:
            method = getattr(self, f"action_{action}", None)
            if method is not None and method.__module__.startswith("tui."):
                return None
        return True

    def on_unmount(self) -> None:
        if _freeze_after_slow_collections in gc.callbacks:
            gc.callbacks.remove(_freeze_after_slow_collections)
        gc.unfreeze()

    # -- the library -----------------------------------------------------------------

    def reload_library(self, rows: list[dict] | None = None) -> None:
        """Show the library's catalogue (``rows``, else read again: after an import or an
        annotation) and redraw the list."""
        if rows is None:
            rows = self.library.catalogue()
        self.show_feeds()
        self.view.show(rows)
        self.set_class(not rows, "-empty")
        self.query_one(ArticleText).set_quick_tags(self.quick_tags())
        self.refresh_list()
        if rows and self.article is None:
            # The list and the article's heading come first; its text, highlights and side
            # panel (which starts a search of the whole library) on the next frame.
            key = self.query_one(ArticleTable).current_id() or rows[0]["id"]
            self.query_one(ArticleHeader).show(self.library.article(key))
            self.call_after_refresh(self._open_first, key)
        self.call_after_refresh(self._prepare)

    def _prepare(self) -> None:
        """Once the list is drawn, make what filtering needs (the word index, read or caught up
        in a worker when many articles lack it, and the list's columns), so that the first
        filter of each kind costs no more than the next."""
        ready = self._indexing is None and self._words_current()
        self.view.prepare(self.words.by_id() if ready else None)

    def _open_first(self, key: str) -> None:
        if self.article is None:
            self.show_article(key)

    def refresh_list(self) -> None:
        """Show the rows the filter and order give; a word filter waits for the word index."""
        table = self.query_one(ArticleTable)
        if self.view.needs_words() and not self._words_current():
            table.loading = True  # filled in when the worker is done (`on_worker_state_changed`)
            return
        table.loading = False
        table.sorted_by = (self.view.sort_key, self.view.descending)
        table.show_rows(self.view.visible(self.words.by_id()))

    def _words_current(self) -> bool:
        """Is every listed article in the word index? A few missing are indexed here; many,
        in a worker (started if need be)."""
        rows = self.view.rows
        if self._words_current_for is rows:
            return True
        if self._indexing is not None:
            return False
        missing = self.words.missing(rows)
        if len(missing) > INDEX_INLINE:
            self.index_words()
            return False
        if missing:
            self.words.add(self.library, missing)
        self._words_current_for = rows
        return True

    def index_words(self) -> None:
        """Bring the word index up to date in a worker thread (reading the cache beside the
        library once, then only the bodies of articles new or changed since)."""
        if self._indexing is None:
            rows = self.view.rows
            save = not self.library.read_only
            self._indexing = self.run_worker(
                lambda: self.words.refresh(self.library, rows, save=save, stop=cancelled),
                thread=True, group="words", exit_on_error=False,
            )  # fmt: skip

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._indexing or not event.worker.is_finished:
            return
        self._indexing = None
        if event.state is WorkerState.ERROR and not isinstance(event.worker.error, Stopped):
            self.notify(f"indexing the texts failed: {event.worker.error}", severity="error")
            self.words.add(self.library, self.words.missing(self.view.rows))
        self._prepare()
        gc.freeze()  # the index lives as long as the library
        if self.view.needs_words() or self.query_one(ArticleTable).loading:
            self.refresh_list()

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
        self.focus_list()

    def _use_sort_setting(self) -> None:
        settings = self.app.settings
        if settings.sort in SORT_KEYS:
            descending = settings.descending
            self.view.sort_key = settings.sort
            self.view.descending = (
                first_descending(settings.sort) if descending is None else descending
            )

    def _sort_changed(self) -> None:
        self.refresh_list()
        self.app.settings.save(sort=self.view.sort_key, descending=self.view.descending)

    def action_cycle_sort(self) -> None:
        self.view.next_sort()
        self._sort_changed()
        direction = "descending" if self.view.descending else "ascending"
        column = COLUMNS[self.view.sort_key].lower()
        self.notify(f"sorted by {column}, {direction}", timeout=2)

    def on_article_table_header_selected(self, event: ArticleTable.HeaderSelected) -> None:
        self.view.sort_by(event.column)
        self._sort_changed()

    def on_article_table_row_highlighted(self, event: ArticleTable.RowHighlighted) -> None:
        """The reader follows the cursor: at once when the user moves it; when a filter or a
        sort moved the rows under it, once the typing pauses (not an article per keystroke)."""
        if event.key != self.query_one(ArticleTable).current_id():
            return  # stale: the rows were replaced and the cursor put back since this was sent
        if event.moved:
            self._open_when_ready = None  # moved on from the article enter was pressed on
            self._follow_cursor()
        else:
            if self._follow is not None:
                self._follow.stop()
            self._follow = self.set_timer(FOLLOW_DELAY, self._follow_cursor)

    def _follow_cursor(self) -> None:
        if self._follow is not None:
            self._follow.stop()
            self._follow = None
        key = self.query_one(ArticleTable).current_id()
        if key is not None and (self.article is None or key != self.article.row["id"]):
            self.show_article(key)

    def on_article_table_row_selected(self, event: ArticleTable.RowSelected) -> None:
        """Enter opens the article: the reader takes the keys and the article counts as read."""
        if self.library is None:
            self._open_when_ready = event.key
            return
        self._open(event.key)

    def _open(self, key: str) -> None:
        if self.article is None or key != self.article.row["id"]:
            self._follow_cursor()  # enter before the reader caught up with a filter
        if not self.library.read_only and not self.library.article(key).get("read"):
            self.library.mark_read(key)
            self._listed_as_read(key)
        self.query_one(ArticleText).focus()

    def _listed_as_read(self, key: str) -> None:
        """Show an article just marked read as read: its row changes in place, rather than the
        catalogue read again and the filter's columns made again (a fifth of a second on 10,000
        articles, at every first opening); being read changes no filter and no order."""
        for row in self.view.rows:
            if row["id"] == key:
                row["read"] = True
        self.query_one(ArticleTable).refresh()

    def action_focus_library(self) -> None:
        self.focus_list()

    # -- removing --------------------------------------------------------------------

    def action_remove_article(self) -> None:
        """d on the list: remove the article under the cursor, once confirmed (u undoes)."""
        if self.library.read_only:
            self.notify(READ_ONLY, severity="warning")
            return
        key = self.query_one(ArticleTable).current_id()
        if key is None:
            self.notify("no article to remove", severity="warning")
            return
        title = self.library.article(key).get("title") or "Untitled"
        count = self.library.annotation_count(key)
        question = (
            f"Remove “{title}” and its {count} annotation{'' if count == 1 else 's'}?\n"
            "Both are kept aside: u undoes; later, `presscut restore` brings them back."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(key)

        self.app.push_screen(Confirm(question, "remove", "keep it"), answered)

    def _remove(self, key: str) -> None:
        try:
            removal = self.annotator.remove_article(key)
        except (StoreError, OSError) as error:
            self.notify(f"not removed: {error}", severity="error", timeout=10)
            return
        self.article_removed(key)
        count = len(removal.annotations)
        self.notify(
            f"removed {removal.title!r} with {count} annotation{'' if count == 1 else 's'}: "
            "u undoes",
            timeout=4,
        )

    def article_removed(self, key: str) -> None:
        """An article left the library (removed, or removed again by redo): nothing shows it."""
        self.words.forget([key])
        if self.compare_first == key:
            self.compare_first = None
        if self.article is not None and self.article.row["id"] == key:
            self.article = None
            self.query_one(ArticleHeader).update(NO_ARTICLE)
            self.query_one(ArticleText).show("", [])
        self.reload_library()
        if self.article is not None:
            self.show_crossref()  # its related articles may have named the removed one

    def article_restored(self, key: str) -> None:
        """An article came back (undo of a removal): listed again, under the cursor, open."""
        self.reload_library()
        self.open_article(key)
        self.focus_list()

    # -- the reader ------------------------------------------------------------------

    def show_article(self, key: str) -> None:
        if self.library is None:  # the cursor moved before the library was read
            row = next((row for row in self.view.rows if row["id"] == key), None)
            if row is not None:
                self.query_one(ArticleHeader).show(row)
            return
        row = self.library.article(key)
        try:
            body = self.library.body(key)
        except DamagedArticle as error:
            self.show_damaged(row, error)
            return
        self.article = OpenArticle(
            row, body, self.library.annotations(key), self.library.rule_set()
        )
        self.query_one(ArticleText).placeholder = ""  # an empty article is empty, not loading
        self.find_hits = []
        self.query_one(ArticleHeader).show(row)
        self.redraw_article(keep_place=False)
        self.show_crossref()

    def show_damaged(self, row: dict, error: DamagedArticle) -> None:
        """An article whose text file is missing or damaged: its heading, and in place of its
        text what happened and what to do; the rest of the library reads as before."""
        self.article = None
        self.find_hits = []
        self.query_one(ArticleHeader).show(row)
        reader = self.query_one(ArticleText)
        reader.placeholder = f"This article's text cannot be read.\n\n{error}"
        reader.show("", [])
        if not self.panel_hidden():
            self.query_one(SidePanel).show("", {}, [])

    def redraw_article(self, *, keep_place: bool = True) -> None:
        article = self.article
        if article is None:
            return
        reader = self.query_one(ArticleText)
        if keep_place:
            reader.repaint(article.spans())
        else:
            reader.show(article.text, article.spans())
        self.fill_panel_lists()

    def fill_panel_lists(self) -> None:
        """The side panel's entities, quotations and annotations of the open article."""
        article = self.article
        if article is None or self.panel_hidden():
            return
        self.query_one(SidePanel).show(article.body["text"], article.analysis, article.annotations)

    def on_text_area_selection_changed(self, event: ArticleText.SelectionChanged) -> None:
        """The tags and notes on the passage the cursor is in, under the reader."""
        article = self.article
        if isinstance(event.text_area, ArticleText):
            shown = article is not None and not article.show_original
            annotations = article.annotations if shown else []
            hint = self.query_one(AnnotationHint)
            hint.show_at(annotations, event.text_area.cursor_offset())

    def annotations_changed(self, message: str) -> None:
        self.redraw_annotations()  # the reader, the side panel and the list's counts redrawn
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
        text_changes = self.article.show_original  # only then is the text loaded again
        self.article.show_original = False
        self.redraw_article(keep_place=not text_changes)
        self._jump(event.spans[0])
        self.query_one(ArticleText).focus()

    def on_key(self, event) -> None:
        """Escape in a filter or find box closes it and gives the keys back. A key that waits for
        the library says so, rather than doing nothing."""
        if self.library is None:
            active = self.active_bindings.get(event.key)
            if active is not None and not active.enabled:
                self.notify(STILL_READING, timeout=2)
        focused = self.focused
        if event.key == "escape" and isinstance(focused, Input):
            event.stop()
            focused.display = False
            if focused.id == "find":
                self.query_one(ArticleText).focus()
            else:
                self.focus_list()

    # -- layout ----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Crossing the narrow width folds the panel away (or brings it back), as at start-up:
        a reader 14 columns wide beside it reads worse than no panel."""
        narrow = event.size.width < NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.set_class(narrow, "-panel-folded")
            self._place_panes()
            self._fill_revealed_panel()

    def action_toggle_panel(self) -> None:
        self.toggle_class("-panel-folded")
        self._place_panes()
        self._fill_revealed_panel()
        self.app.settings.save(panel_shown=not self.has_class("-panel-folded"))

    def on_descendant_focus(self) -> None:
        """Browsing the library folds the article's side panel away, giving titles the room."""
        browsing = self.focused is not None and self.focused in self.query("#library-pane *")
        self.set_class(browsing, "-browsing")
        self._place_panes()
        self._fill_revealed_panel()

    def _place_panes(self) -> None:
        """Below the narrow width, a side panel the reader asked for takes the list's place: the
        list, the reader and the panel side by side at 80 columns left the reader 16 columns."""
        crowded = self.has_class("-narrow") and not (
            self.has_class("-panel-folded") or self.has_class("-browsing")
        )
        self.set_class(crowded, "-crowded")

    def focus_list(self) -> None:
        """Focus the list of articles, bringing it back first where the panel had its place (a
        widget that is not displayed cannot take the focus until the next refresh)."""
        table = self.query_one(ArticleTable)
        if self.has_class("-crowded"):
            self.add_class("-browsing")
            self.remove_class("-crowded")
            self.call_after_refresh(table.focus)
        else:
            table.focus()

    def panel_hidden(self) -> bool:
        """Is the side panel folded away? Then what it shows is filled when it next shows: moving
        down the list (which folds it) need not fill a panel nobody sees, nor search the
        library for related articles, for each article passed."""
        hidden = self.has_class("-browsing") or self.has_class("-panel-folded")
        if hidden:
            self._panel_stale = True
        return hidden

    def _fill_revealed_panel(self) -> None:
        if self._panel_stale and not self.panel_hidden() and self.article is not None:
            self._panel_stale = False
            self.fill_panel_lists()
            self.show_crossref()


_collection_started = [0.0]


def _freeze_after_slow_collections(phase: str, info: dict) -> None:
    """A full collection that took long found many long-lived objects (an index built in a
    worker since the last freeze): what survived it is frozen, so the next full pass, which
    may fall on a keypress, skips them. Right after a full pass nothing frozen is garbage; an
    object frozen here that later dies in a reference cycle is never freed, which the rarity of
    slow passes (one after each index built) keeps small."""
    if info["generation"] != 2:
        return
    if phase == "start":
        _collection_started[0] = time.perf_counter()
    elif time.perf_counter() - _collection_started[0] > SLOW_COLLECTION:
        gc.freeze()
