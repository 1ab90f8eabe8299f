"""The main screen's cross-article actions: the who index, compare, related articles, notes.

A mixin, so the main screen takes them in with one base class and a few bindings; it uses the
main screen's ``library``, ``article``, ``annotator`` and ``show_article``. The index is shared
and caught up with imports and annotations each time it is used (`tui.crossref_index`). Notes on
people written, edited or deleted in the index go through the main screen's annotator, so its
undo and redo cover them, and show in the side panel at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui.widgets.article_table import ArticleTable
from tui.widgets.entity_notes_view import EntityNotesView
from tui.widgets.related_list import RelatedList

if TYPE_CHECKING:
    from store.people_index import PeopleIndex
    from store.quote_facts import QuoteFacts
    from store.stats import StoryFigures
    from tui.screens.story import StoryScreen

WHO_NOTICE_AFTER = 0.3  # s: a who's who slower than this to gather says so


class CrossrefActions:
    """Mixed into `MainScreen`."""

    compare_first: str | None = None  # the article c was pressed on first
    quote_facts: QuoteFacts | None = None  # made by the first story view, then kept current
    _facts_generation: int | None = None  # the library's generation the facts were caught up to
    _story_figures: tuple[tuple, StoryFigures] | None = None  # the last figures, and their key
    _story_screen: StoryScreen | None = None  # built once, then shown again with new figures

    def action_who(self) -> None:
        """The who's who. Its index is caught up in a worker: the first time on a large
        library that reads every article's analysis, and the screen must not freeze meanwhile
        (a notice says what is happening when it takes more than a moment)."""
        self._who_notice = self.set_timer(WHO_NOTICE_AFTER, self._tell_who_is_coming)
        self._gather_people()

    def _tell_who_is_coming(self) -> None:
        count = len(self.library.articles())
        self.notify(f"gathering the people and bodies of {count:,} articles…", timeout=4)

    @work(thread=True, exclusive=True, group="who")
    def _gather_people(self) -> None:
        from store.errors import Stopped
        from tui.crossref_index import current_index
        from tui.workers import cancelled

        try:
            index = current_index(self.library, cancelled)
        except Stopped:  # the app is closing
            return
        self.app.call_from_thread(self._show_people, index)

    def _show_people(self, index: PeopleIndex) -> None:
        from tui.screens.people import PeopleScreen

        self._who_notice.stop()
        current = self.article.row["id"] if self.article else None
        people = PeopleScreen(index, current, self.annotator, self.redraw_annotations)
        self.app.push_screen(people, self.open_at)

    def action_rules(self) -> None:
        """The library's rules, to remove (and undo) one."""
        from tui.screens.rules import RulesScreen

        if self.library is None:  # from the palette, which skips `check_action`
            self.notify("the library is still being read: a moment", timeout=3)
            return
        self.app.push_screen(RulesScreen(self.annotator, self.redraw_annotations))

    def redraw_annotations(self) -> None:
        """An annotation changed (here or in the who's who): show it at once in the reader, the
        side panel (annotations and notes on people) and the library's counts."""
        if self.article is not None:
            self.article.annotations = self.library.annotations(self.article.row["id"])
            self.article.rules = self.library.rule_set()
            self.redraw_article()
        self.show_entity_notes()
        self.reload_library()

    def edit_annotation(self, annotation: dict) -> None:
        """e in the side panel's annotations: a note on someone is edited like a note."""
        from store.entity_notes import KIND as ENTITY_NOTE
        from tui.screens.annotate import NoteEditor

        if annotation["kind"] != ENTITY_NOTE:
            super().edit_annotation(annotation)  # type: ignore[misc]
            return
        what = f"note on {annotation.get('name') or 'them'}"

        def written(text: str | None) -> None:
            if text and text != annotation["note"]:
                self._save(lambda: self.annotator.update(annotation["id"], what, note=text),
                           f"{what} saved")

        title = f"{annotation.get('name') or 'them'}, shown in every article naming them"
        self.app.push_screen(NoteEditor(title, annotation["note"]), written)

    def open_at(self, place: tuple[str, int, int] | None) -> None:
        """Open an article at a span (a quotation chosen in the index); either way, show any
        note written there."""
        if place is None:
            self.show_entity_notes()
            return
        key, start, end = place
        self.open_article(key)
        self.article.marks = []
        self.redraw_article(keep_place=False)
        self._jump((start, end))

    def open_article(self, key: str) -> None:
        """Show an article and give it the keys, with the library's cursor on it if listed."""
        table = self.query_one(ArticleTable)
        if key in table.rows:
            table.move_cursor(row=table.get_row_index(key))
        self.show_article(key)
        self.query_one("#article-text").focus()

    def action_story(self) -> None:
        """The story view over the articles listed now. Its figures need each article's
        quotations, kept in ``quotes.cache``; those not yet there are read, and the figures
        counted, in a worker. Opened again on an unchanged library, it reuses both."""
        self._who_notice = self.set_timer(WHO_NOTICE_AFTER, self._tell_story_is_coming)
        query = self.view.query.strip()
        scope = f"Articles matching {query!r}" if query else "The whole library"
        self._gather_story(self.query_one(ArticleTable).rows_shown(), scope)

    def _tell_story_is_coming(self) -> None:
        # the rows as last listed: `Library.articles` copies every row (0.15 s at 10,000)
        count = len(self.view.rows)
        self.notify(f"counting the quotations of {count:,} articles…", timeout=4)

    # The description is given: Textual's own would be the repr of every row in scope (a fifth
    # of a second at 10,000 articles, before the worker even starts).
    @work(thread=True, exclusive=True, group="story", description="the story's figures")
    def _gather_story(self, rows: list[dict], scope: str) -> None:
        from store.errors import Stopped
        from store.quote_facts import QuoteFacts
        from store.stats import story_figures
        from tui.workers import cancelled

        generation = self.library.generation
        if self.quote_facts is None:
            self.quote_facts = QuoteFacts(self.library.folder)
        if self._facts_generation != generation:
            try:
                self.quote_facts.refresh(self.library, self.library.articles(), stop=cancelled)
            except Stopped:  # the app is closing
                return
            self._facts_generation = generation
        key = (generation, tuple(row["id"] for row in rows))
        if self._story_figures is None or self._story_figures[0] != key:
            self._story_figures = (key, story_figures(rows, self.quote_facts))
        self.app.call_from_thread(self._show_story, rows, scope, self._story_figures[1])

    def _show_story(self, rows: list[dict], scope: str, figures: StoryFigures) -> None:
        from tui.screens.story import StoryScreen

        self._who_notice.stop()
        if self._story_screen is None:  # building its widgets costs more than drawing them
            self._story_screen = StoryScreen(self.library, self.quote_facts, rows, scope, figures)
            self.app.install_screen(self._story_screen, f"story-{id(self)}")
        else:
            self._story_screen.show_figures(rows, scope, figures)
        self.app.push_screen(self._story_screen, self.open_at)

    def action_compare(self) -> None:
        """c on one article, then on another: the two side by side."""
        from store.compare import compare
        from tui.screens.compare import CompareScreen

        key = self.query_one(ArticleTable).current_id()
        if key is None:
            return
        if self.compare_first is None or self.compare_first == key:
            self.compare_first = key
            self.refresh_bindings()
            self.notify(
                "compare: move to the other article and press c again (escape cancels)", timeout=4
            )
            return
        first, self.compare_first = self.compare_first, None
        self.refresh_bindings()
        self.app.push_screen(CompareScreen(compare(self.library, first, key)))

    def action_cancel_compare(self) -> None:
        if self.compare_first is not None:
            self.compare_first = None
            self.refresh_bindings()
            self.notify("compare cancelled", timeout=2)

    def show_crossref(self) -> None:
        """Fill the side panel's notes on people and its related articles for the open article."""
        if self.article is None or self.panel_hidden():
            return
        key = self.article.row["id"]
        self.show_entity_notes()
        self.query_one(RelatedList).show_for(self.library, key)

    def show_entity_notes(self) -> None:
        from store.entity_notes import all_entity_notes

        if self.article is not None and not self.panel_hidden():
            self.query_one(EntityNotesView).show(
                all_entity_notes(self.library), self.article.row["id"],
                self.article.analysis.get("groups", []),
            )

    def on_related_list_open(self, event: RelatedList.Open) -> None:
        self.open_article(event.article_id)
