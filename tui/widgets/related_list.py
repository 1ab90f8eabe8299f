"""The side panel's "Related" list: other articles on the same story as the one being read.

Finding them needs the library's index, which may take seconds to build the first time on a
large library, so the search runs in a worker thread and the list fills in when it is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from services.sanitize import visible_text

if TYPE_CHECKING:
    from store.library import Library
    from store.related import Related


class RelatedList(OptionList):
    """Enter on an article posts `RelatedList.Open` with its id."""

    class Open(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.found: list[Related] = []
        self._listed: tuple[str, int] | None = None  # (article, library generation) listed for

    def show_for(self, library: Library, article_id: str) -> None:
        """Look for the article's related ones in the background, then list them; not again for
        the same article while the library has not changed (the panel shown again)."""
        listed = (article_id, library.generation)
        if listed == self._listed:
            return
        self._listed = listed
        self.clear_options()
        self.add_option(Option(Text("looking…", "dim"), disabled=True))
        self._search(library, article_id)

    @work(thread=True, exclusive=True, group="related")
    def _search(self, library: Library, article_id: str) -> None:
        from store.errors import Stopped
        from store.related import related
        from tui.crossref_index import current_index
        from tui.workers import cancelled

        try:
            found = related(current_index(library, cancelled), article_id)
        except Stopped:  # the app is closing, or another article was opened
            return
        self.app.call_from_thread(self._found, article_id, found)

    def _found(self, article_id: str, found: list[Related]) -> None:
        """Show a search's results unless another article was asked for since (an earlier
        search past its last stop question still finishes, and may finish last)."""
        if self._listed is not None and self._listed[0] == article_id:
            self.show(found)

    def show(self, found: list[Related]) -> None:
        self.found = found
        self.clear_options()
        self.add_options(Option(related_line(r)) for r in found)
        if not found:
            self.add_option(Option(Text("no other article on this story", "dim"), disabled=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Open(self.found[event.option_index].row["id"]))


def related_line(found: Related) -> Text:
    row = found.row
    days = "" if found.days is None else f" · {found.days}d"
    return Text.assemble(
        (visible_text(row.get("title") or "Untitled"), "bold"),
        (visible_text(f"\n  {row.get('source') or '-'}{days} · "
                      f"{', '.join(found.names[:3])}"), "dim"),
    )
