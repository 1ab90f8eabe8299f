"""The people-and-bodies index: everyone the library names, merged across articles.

The table lists each person or body once however the outlets write them; the list below shows
the highlighted one's notes and every quotation they are given, article by article. Choosing a
quotation dismisses the screen with ``(article_id, start, end)`` so the caller opens it there.

``n`` writes a note on the highlighted one, or edits theirs; ``d`` deletes it; ``u`` and
``ctrl+r`` undo and redo those changes. They go through the caller's `Annotator`, so the main
screen's undo covers them too, and ``on_change`` lets the caller show them at once.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from services.annotator import Annotator, Step
from services.quoting import quoted
from services.sanitize import visible_text
from store.entity_notes import (
    KIND,
    all_entity_notes,
    note_fields,
    noted_keys,
    notes_on,
    where_to_write,
)
from store.people_index import CrossEntity, PeopleIndex, by_mentions
from store.stats import library_periods, mentions_over_time, sparkline, timeline
from tui.saving import saved
from tui.screens.annotate import NoteEditor
from tui.widgets.bar_chart import BarChart, Bars

SORTS = ("articles", "mentions")
TIMELINE_PERIODS = 12  # the sparkline's characters: days, weeks, months or years
QUOTE_PREVIEW = 90


class PeopleScreen(Screen[tuple[str, int, int] | None]):
    """Filter as you type, sort with s, enter lists the quotations, enter again opens one.

    The filter has the keys when the screen opens, so typing a name filters (a name may start
    with any letter); the one-letter commands work while the list has them (`down` or `enter`
    moves there), and the footer shows them only then.
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="people_back"),
        Binding("s", "cycle_sort", "Sort", id="people_sort"),
        Binding("slash", "filter", "Filter", id="people_filter"),
        Binding("n", "note", "Note", id="people_note"),
        Binding("d", "delete_note", "Delete note", id="people_delete_note"),
        Binding("u", "undo", "Undo", id="people_undo"),
        Binding("ctrl+r", "redo", "Redo", id="people_redo", show=False),
        Binding("down", "to_list", "To the list", id="people_to_list", show=False),
    ]
    LIST_COMMANDS = frozenset({"cycle_sort", "filter", "note", "delete_note", "undo", "redo"})

    def __init__(
        self,
        index: PeopleIndex,
        article_id: str | None = None,
        annotator: Annotator | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.index = index
        self.article_id = article_id  # the article being read, where new notes are written
        self.annotator = annotator or Annotator(index.library)
        self.on_change = on_change  # told after every saved change, to show it elsewhere
        self.sort = SORTS[0]
        self.shown: list[CrossEntity] = []
        self.quote_spans: list[tuple[str, int, int] | None] = []
        self.note_rows: list[dict | None] = []  # the note each line of the list shows, if any
        self.notes: list[dict] = all_entity_notes(index.library)
        self.periods, self.period = library_periods(index, TIMELINE_PERIODS)
        self._sparklines: dict[str, Text] = {}  # by entity key, made when first listed

    def sparkline_of(self, entity: CrossEntity) -> Text:
        line = self._sparklines.get(entity.key)
        if line is None:
            mentions = mentions_over_time(self.index, entity, self.periods, self.period)
            line = self._sparklines[entity.key] = Text(sparkline(mentions), "bold")
        return line

    def compose(self) -> ComposeResult:
        with Vertical(id="people-pane"):
            yield Label("People and bodies across the library", classes="panel-title")
            yield Input(placeholder="filter names as you type", id="people-filter")
            yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            yield Label("", id="people-detail", classes="panel-title")
            with Horizontal(id="people-below"):
                yield OptionList(id="people-quotes")
                yield BarChart("Mentioned and quoted", id="people-timeline")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#people-table", DataTable)
        table.add_column("Name", key="name")
        table.add_column("Kind", key="label")
        table.add_column("Articles", key="articles")
        table.add_column("Mentions", key="mentions")
        table.add_column("Notes", key="notes")
        table.add_column("Over time", key="over_time")
        self.refresh_table()
        self.query_one("#people-filter", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the filter has the keys, letters are a name: the commands wait for the list."""
        typing = isinstance(self.focused, Input)
        if action in self.LIST_COMMANDS:
            return not typing
        if action == "to_list":
            return typing
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_to_list(self) -> None:
        self.query_one("#people-table", DataTable).focus()

    # -- the table ---------------------------------------------------------------------

    def refresh_table(self) -> None:
        query = self.query_one("#people-filter", Input).value
        entities = self.index.search(query) if query.strip() else self.index.entities()
        if self.sort == "mentions":
            entities = by_mentions(entities)
        self.shown = entities
        table = self.query_one("#people-table", DataTable)
        table.clear()
        noted = noted_keys(self.notes)
        for number, entity in enumerate(entities):
            table.add_row(
                Text(visible_text(entity.name), style="bold"), entity.label,
                entity.article_count, entity.mentions, note_count(entity, noted),
                self.sparkline_of(entity), key=str(number),
            )
        self.show_quotes(entities[0] if entities else None)

    def refresh_notes(self) -> None:
        """After a note changed: read the notes again and redraw their counts and the list."""
        self.notes = all_entity_notes(self.index.library)
        noted = noted_keys(self.notes)
        table = self.query_one("#people-table", DataTable)
        for number, entity in enumerate(self.shown):
            table.update_cell(str(number), "notes", note_count(entity, noted))
        self.show_quotes(self.highlighted())

    @on(Input.Changed, "#people-filter")
    def filter_changed(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#people-filter")
    def filter_done(self) -> None:
        self.query_one("#people-table", DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#people-filter", Input).focus()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_table()
        self.notify(f"sorted by {self.sort}", timeout=2)

    def highlighted(self) -> CrossEntity | None:
        row = self.query_one("#people-table", DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    @on(DataTable.RowHighlighted, "#people-table")
    def row_highlighted(self) -> None:
        self.show_quotes(self.highlighted())

    @on(DataTable.RowSelected, "#people-table")
    def row_selected(self) -> None:
        quotes = self.query_one("#people-quotes", OptionList)
        quotes.focus()
        first = next((i for i, span in enumerate(self.quote_spans) if span), None)
        quotes.highlighted = first

    # -- the chosen entity's notes and quotations --------------------------------------

    def show_quotes(self, entity: CrossEntity | None) -> None:
        detail = self.query_one("#people-detail", Label)
        listed = self.query_one("#people-quotes", OptionList)
        listed.clear_options()
        self.quote_spans = []
        self.note_rows = []
        if entity is None:
            detail.update("Nobody matches")
            return
        quotes = self.index.quotes_of(entity)
        forms = ", ".join(entity.forms[1:4])
        over_time = timeline(self.index, entity, self.periods, self.period)
        outlets = sorted(over_time.quoted_by.items(), key=lambda item: (-item[1], item[0]))
        by = ", ".join(f"{outlet} {count}" for outlet, count in outlets[:4])
        detail.update(Text.assemble(
            (visible_text(entity.name), "bold"),
            f": {counted(len(quotes), 'quotation')} in {counted(len(entity.articles), 'article')}",
            (visible_text(f", by {by}") if by else ""),
            (visible_text(f" · also {forms}") if forms else "", "dim"),
        ))
        chart = self.query_one("#people-timeline", BarChart)
        chart.display = bool(over_time.periods)  # no dated article: no empty frame
        chart.show(Bars(over_time.periods,
                        [("mentioned", over_time.mentions), ("quoted", over_time.quotes)]))
        options: list[Option] = []

        def add(option: Option, span: tuple[str, int, int] | None = None,
                note: dict | None = None) -> None:
            """A line of the list, with the quotation it opens or the note it shows."""
            options.append(option)
            self.quote_spans.append(span)
            self.note_rows.append(note)

        notes = notes_on(self.notes, entity)
        for note in notes:
            add(Option(Text.assemble(("note: ", "bold italic"), (
                visible_text(" ".join(note["note"].split())), "italic"))), note=note)
        if notes:
            add(Option(Text("n edits the note, d deletes it, u undoes", "dim"), disabled=True))
        current = None
        for quote in quotes:
            if quote.article != current:
                current = quote.article
                row = self.index.row(current)
                head = f"{row.get('published') or '-'}  {row.get('source') or '-'}  {row['title']}"
                add(Option(Text(visible_text(head), "dim"), disabled=True))
            add(Option(quote_line(quote.text, quote.kind, quote.cue)),
                span=(quote.article, quote.start, quote.end))
        if not quotes:
            add(Option("no quotations", disabled=True))
        listed.add_options(options)

    @on(OptionList.OptionSelected, "#people-quotes")
    def quote_chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on a quotation opens it; on a note, edits it."""
        span = self.quote_spans[event.option_index]
        if span is not None:
            self.dismiss(span)
        elif self.note_rows[event.option_index] is not None:
            self.action_note()

    # -- keys --------------------------------------------------------------------------

    def action_back(self) -> None:
        """Escape steps back: from the quotations to the list, then out."""
        table = self.query_one("#people-table", DataTable)
        if self.focused is self.query_one("#people-quotes", OptionList):
            table.focus()
        else:
            self.dismiss(None)

    # -- notes on the highlighted entity -----------------------------------------------

    def chosen_note(self, entity: CrossEntity) -> dict | None:
        """The note n and d act on: the one highlighted in the list, else the entity's latest."""
        listed = self.query_one("#people-quotes", OptionList)
        line = listed.highlighted
        if self.focused is listed and line is not None and self.note_rows[line] is not None:
            return self.note_rows[line]
        notes = notes_on(self.notes, entity)
        return notes[-1] if notes else None

    def _writable(self) -> CrossEntity | None:
        entity = self.highlighted()
        if entity is not None and self.index.library.read_only:
            self.notify("the library is open read-only: notes cannot be saved",
                        severity="warning")
            return None
        return entity

    def _change(self, change: Callable[[], object], done: str) -> None:
        """Make a change; say it is saved once it is, and show it here and to the caller."""
        if not saved(self, change):
            return
        self.refresh_notes()
        if self.on_change is not None:
            self.on_change()
        self.notify(done, timeout=3)

    def action_note(self) -> None:
        """A note on the highlighted person or body, shown wherever they appear; on someone
        who has one, edit it."""
        entity = self._writable()
        if entity is None:
            return
        what = f"note on {entity.name}"
        note = self.chosen_note(entity)
        title = f"{entity.name}, shown in every article naming them"
        if note is None:
            where = where_to_write(entity, self.article_id)

            def written(text: str | None) -> None:
                if text:
                    self._change(
                        lambda: self.annotator.add(where, KIND, what, **note_fields(entity, text)),
                        f"{what} saved",
                    )

            self.app.push_screen(NoteEditor(title), written)
            return

        def edited(text: str | None) -> None:
            if text and text != note["note"]:
                self._change(lambda: self.annotator.update(note["id"], what, note=text),
                             f"{what} saved")

        self.app.push_screen(NoteEditor(title, note["note"]), edited)

    def action_delete_note(self) -> None:
        """Delete the highlighted one's note (the highlighted note, when the list has the keys);
        u brings it back."""
        entity = self._writable()
        if entity is None:
            return
        note = self.chosen_note(entity)
        if note is None:
            self.notify(f"no note on {entity.name} to delete", severity="warning")
            return
        what = f"note on {entity.name}"
        self._change(lambda: self.annotator.delete(note["id"], f"delete {what}"),
                     f"{what} deleted: u undoes")

    def action_undo(self) -> None:
        self._history(self.annotator.next_undo(), self.annotator.undo, "undone", "undo")

    def action_redo(self) -> None:
        self._history(self.annotator.next_redo(), self.annotator.redo, "redone", "redo")

    def _history(self, step: Step | None, move: Callable[[], object], done: str,
                 verb: str) -> None:
        """Undo or redo a note change; other changes are left to the screen they were made in."""
        if self._writable() is None:
            return
        if step is None:
            self.notify(f"nothing to {verb}", severity="warning")
        elif self.annotator.kind_of(step) != KIND:
            self.notify(f"the last change ({step.what}) was made in the reader: "
                        f"escape, then {'u' if verb == 'undo' else 'ctrl+r'} there",
                        severity="warning")
        else:
            self._change(move, f"{done}: {step.what}")


def quote_line(text: str, kind: str, cue: str | None) -> Text:
    words = quoted(text, kind, QUOTE_PREVIEW)
    return Text.assemble(("  " + (cue or "-") + " ", "dim"), visible_text(words))


def note_count(entity: CrossEntity, noted: dict[str, int]) -> str:
    count = sum(noted.get(key, 0) for key in entity.keys)
    return str(count) if count else ""


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
