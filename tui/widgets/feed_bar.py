"""The library pane's line of feeds: each with its unread count, and a refresh's progress.

It draws what the screen gives it (`FeedActions`) and holds no state of its own; it is hidden
while the library has no feeds.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class FeedBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static("", id="feed-names")
        yield ProgressBar(id="feed-progress", show_eta=False, show_percentage=False)

    def show_feeds(self, counts: list[tuple[str, int]]) -> None:
        """The feeds by name with their unread articles, and how to filter by one."""
        self.display = bool(counts) or self.has_class("-refreshing")
        names = " · ".join(f"{name} {unread}" if unread else name for name, unread in counts)
        unread = sum(count for _, count in counts)
        self.query_one("#feed-names", Static).update(
            f"Feeds ({unread} unread, r refreshes): {names}" if counts else ""
        )

    def show_progress(self, done: int, total: int | None, what: str) -> None:
        """A refresh under way: what it is doing, and how far."""
        self.add_class("-refreshing")
        self.display = True
        self.query_one("#feed-names", Static).update(what)
        self.query_one(ProgressBar).update(total=total, progress=done)

    def refresh_done(self) -> None:
        self.remove_class("-refreshing")
