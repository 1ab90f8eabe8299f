"""The people-and-bodies index: everyone the library names, merged across articles.

The table lists each person or body once however the outlets write them; the list below shows
the highlighted one's notes and every quotation they are given, article by article. Choosing a
quotation dismisses the screen with ``(article_id, start, end)`` so the caller opens it there.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from store.entity_notes import add_entity_note, all_entity_notes, notes_about
from store.people_index import CrossEntity, PeopleIndex
from tui.sanitize import visible_text
from tui.screens.annotate import NoteEditor

SORTS = ("articles", "mentions")
QUOTE_PREVIEW = 90


class PeopleScreen(Screen[tuple[str, int, int] | None]):
    """Filter as you type, sort with s, enter lists the quotations, enter again opens one."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="people_back"),
        Binding("s", "cycle_sort", "Sort", id="people_sort"),
        Binding("slash", "filter", "Filter", id="people_filter"),
        Binding("n", "note", "Note", id="people_note"),
    ]

    def __init__(self, index: PeopleIndex, article_id: str | None = None) -> None:
        super().__init__()
        self.index = index
        self.article_id = article_id  # the article being read, where new notes are written
        self.sort = SORTS[0]
        self.shown: list[CrossEntity] = []
        self.quote_spans: list[tuple[str, int, int] | None] = []
        self.notes: list[dict] = all_entity_notes(index.library)

    def compose(self) -> ComposeResult:
        with Vertical(id="people-pane"):
            yield Label("People and bodies across the library", classes="panel-title")
            yield Input(placeholder="filter names as you type", id="people-filter")
            yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            yield Label("", id="people-detail", classes="panel-title")
            yield OptionList(id="people-quotes")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#people-table", DataTable)
        table.add_column("Name", key="name")
        table.add_column("Kind", key="label")
        table.add_column("Articles", key="articles")
        table.add_column("Mentions", key="mentions")
        self.refresh_table()
        table.focus()

    # -- the table ---------------------------------------------------------------------

    def refresh_table(self) -> None:
        query = self.query_one("#people-filter", Input).value
        entities = self.index.search(query) if query.strip() else self.index.entities()
        if self.sort == "mentions":
            entities = sorted(entities, key=lambda e: (-e.mentions, e.name))
        self.shown = entities
        table = self.query_one("#people-table", DataTable)
        table.clear()
        for number, entity in enumerate(entities):
            table.add_row(
                Text(visible_text(entity.name), style="bold"), entity.label,
                len(entity.articles), entity.mentions, key=str(number),
            )
        self.show_quotes(entities[0] if entities else None)

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
        if entity is None:
            detail.update("Nobody matches")
            return
        quotes = self.index.quotes_of(entity)
        forms = ", ".join(entity.forms[1:4])
        detail.update(Text.assemble(
            (visible_text(entity.name), "bold"),
            f": {counted(len(quotes), 'quotation')} in {counted(len(entity.articles), 'article')}",
            (visible_text(f" · also {forms}") if forms else "", "dim"),
        ))
        options: list[Option] = []
        for note in notes_about(self.notes, entity.members):
            options.append(Option(Text("note: " + visible_text(note["note"]), "italic"),
                                  disabled=True))
            self.quote_spans.append(None)
        current = None
        for quote in quotes:
            if quote.article != current:
                current = quote.article
                row = self.index.row(current)
                head = f"{row.get('published') or '-'}  {row.get('source') or '-'}  {row['title']}"
                options.append(Option(Text(visible_text(head), "dim"), disabled=True))
                self.quote_spans.append(None)
            options.append(Option(quote_line(quote.text, quote.kind, quote.cue)))
            self.quote_spans.append((quote.article, quote.start, quote.end))
        if not quotes:
            options.append(Option("no quotations", disabled=True))
            self.quote_spans.append(None)
        listed.add_options(options)

    @on(OptionList.OptionSelected, "#people-quotes")
    def quote_chosen(self, event: OptionList.OptionSelected) -> None:
        span = self.quote_spans[event.option_index]
        if span is not None:
            self.dismiss(span)

    # -- keys --------------------------------------------------------------------------

    def action_back(self) -> None:
        """Escape steps back: from the quotations or the filter to the table, then out."""
        table = self.query_one("#people-table", DataTable)
        if self.focused is not table:
            table.focus()
        else:
            self.dismiss(None)

    def action_note(self) -> None:
        """A note on the highlighted person or body, shown wherever it appears."""
        entity = self.highlighted()
        if entity is None:
            return
        if self.index.library.read_only:
            self.notify("the library is open read-only", severity="warning")
            return
        where = self.article_id if self.article_id in entity.articles else entity.articles[0]

        def save(text: str | None) -> None:
            if text:
                add_entity_note(self.index.library, where, entity, text)
                self.notes = all_entity_notes(self.index.library)
                self.show_quotes(entity)
                self.notify(f"note saved on {entity.name}", timeout=3)

        self.app.push_screen(NoteEditor(f"{entity.name}, shown in every article naming them"), save)


def quote_line(text: str, kind: str, cue: str | None) -> Text:
    words = text if len(text) <= QUOTE_PREVIEW else text[: QUOTE_PREVIEW - 1] + "…"
    marks = '"{}"' if kind == "direct" else "‹{}›"
    return Text.assemble(("  " + (cue or "-") + " ", "dim"), visible_text(marks.format(words)))


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
