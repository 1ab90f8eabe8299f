"""A list that shows its entries a page at a time, for the side panel of a very long article.

Textual's OptionList measures every option it holds whenever one is added, so 5,000 quotations
took seconds to list on opening. A reader scans the first entries and jumps with ``]`` in the
text; the rest come a page at a time from the last entry ("… 4,900 more: enter lists 100 more").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

PAGE = 100
MORE = "more"


class PagedList(OptionList):
    """An OptionList of ``entries``, each drawn by ``line`` when its page is listed."""

    def __init__(self, noun: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.noun = noun  # what the entries are, for the "more" line
        self.entries: Sequence[Any] = []
        self._line: Callable[[Any], Text] = Text
        self._listed = 0

    def show(self, entries: Sequence[Any], line: Callable[[Any], Text]) -> None:
        """List ``entries`` from the first, as many pages as were listed, the same one
        highlighted: the panel is shown again after each correction or jump, and a reader who
        listed more should not find the list folded back. The same list again is left alone."""
        if entries is self.entries and self.option_count:
            return
        highlighted, wanted = self.highlighted, max(self._listed, PAGE)
        self.entries, self._line, self._listed = entries, line, 0
        self.clear_options()
        self._list_more(wanted)
        if not self.option_count:
            self.highlighted = None
        else:
            self.highlighted = min(highlighted or 0, self.option_count - 1)

    def _list_more(self, count: int = PAGE) -> None:
        if self._listed and self.option_count and self.get_option_at_index(-1).id == MORE:
            self.remove_option(MORE)
        page = self.entries[self._listed : self._listed + count]
        self._listed += len(page)
        options = [Option(self._line(entry)) for entry in page]
        left = len(self.entries) - self._listed
        if left:
            shown = min(left, PAGE)
            more = Text(f"… {left:,} more {self.noun}: enter lists {shown} more", style="italic")
            options.append(Option(more, id=MORE))
        self.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """The "more" entry lists the next page and moves to its first entry; the others go on
        to the panel."""
        if event.option.id != MORE:
            return
        event.stop()
        first = self._listed
        self._list_more()
        self.highlighted = first
