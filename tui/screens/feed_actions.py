"""The main screen's feeds: the feed line with unread counts, and refreshing (``r``).

A mixin, as `CrossrefActions` is: it uses the main screen's ``library``, ``view`` and
``reload_library``. A refresh runs in a thread worker (fetching, then analysing), so the keys
never wait on it; the library is only touched on the app's thread, each save at a time, and
the list is read again as articles arrive (at most every `ARRIVALS_EVERY` seconds). Every
failure is one notice naming the address and why.

A refresh every N minutes while the app is open is asked for in the settings file
(``[feeds] refresh_minutes = N``), or for one run with the environment variable
``PRESSCUT_REFRESH_MINUTES`` (or `presscut --refresh-every N`, which sets it).
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import TYPE_CHECKING

from textual import work

from tui.screens.importing import _AppThreadLibrary
from tui.widgets.feed_bar import FeedBar

if TYPE_CHECKING:
    from services.feeds import RefreshReport
    from store.feeds import Subscriptions

REFRESH_SETTING = "PRESSCUT_REFRESH_MINUTES"
ARRIVALS_EVERY = 0.5  # s: the list is read again at most this often while articles arrive
NO_FEEDS = "No feeds yet: add one with `presscut feed add URL` from the shell."


def refresh_minutes() -> float | None:
    """The minutes between refreshes asked for, or None (also for a value that is no number)."""
    value = os.environ.get(REFRESH_SETTING, "").strip()
    try:
        minutes = float(value)
    except ValueError:
        return None
    return minutes if minutes > 0 else None


class _RefreshLibrary(_AppThreadLibrary):
    """The library calls a refresh makes, on the app's thread; a saved article is listed."""

    def __init__(self, screen, library) -> None:
        super().__init__(screen, library)
        self._screen = screen

    def save_article(self, origin: str, raw_hash: str, row: dict, body: dict) -> str:
        def save() -> str:
            outcome = self._library.save_article(origin, raw_hash, row, body)
            self._screen.article_arrived()
            return outcome

        return self._call(save)

    def tags(self, article: str | None = None):
        return self._call(self._library.tags, article)

    def add_annotation(self, article: str, kind: str, **fields) -> dict:
        return self._call(lambda: self._library.add_annotation(article, kind, **fields))


class FeedActions:
    """Mixed into `MainScreen`."""

    _refreshing = False
    _last_arrival_reload = 0.0
    _arrivals_timer = None
    _feeds_read: tuple[int, Subscriptions] | None = None  # the file's mtime, and what it held

    def on_mount(self) -> None:
        settings = getattr(self.app, "settings", None)
        minutes = refresh_minutes() or (settings.refresh_minutes if settings else None)
        if minutes:
            self.set_interval(minutes * 60, self._refresh_on_timer)

    def _subscriptions(self) -> Subscriptions | None:
        """The library's feeds, read again only when their file changed; None when damaged
        (said once, in a notice)."""
        from store.errors import CorruptStore
        from store.feeds import FEEDS_NAME, Subscriptions

        try:
            stamp = (self.library.folder / FEEDS_NAME).stat().st_mtime_ns
        except OSError:
            stamp = 0
        if self._feeds_read is None or self._feeds_read[0] != stamp:
            try:
                self._feeds_read = (stamp, Subscriptions(self.library.folder))
            except CorruptStore as error:
                self.notify(str(error), severity="error", timeout=10)
                return None
        return self._feeds_read[1]

    def show_feeds(self) -> None:
        """The feed line's unread counts and the ``feed:NAME`` filter's names, from the
        library's feeds."""
        from services.feeds import feed_counts

        subscriptions = self._subscriptions() if self.library is not None else None
        feeds = subscriptions.feeds if subscriptions is not None else []
        names: dict[str, list[str]] = {}
        counts = []
        for feed in feeds:
            counts.append((feed.name, feed_counts(self.library, feed)[1]))
            for key in feed.article_ids():
                names.setdefault(key, []).append(feed.name)
        self.view.feeds = {key: "\n".join(found) for key, found in names.items()}
        self.query_one(FeedBar).show_feeds(counts)

    def action_refresh_feeds(self) -> None:
        self._start_refresh(quietly=False)

    def _refresh_on_timer(self) -> None:
        if self.library is not None:
            self._start_refresh(quietly=True)

    def _start_refresh(self, *, quietly: bool) -> None:
        if self.library.read_only:
            if not quietly:
                self.notify("the library is open read-only: no refresh", severity="warning")
            return
        if self._refreshing:
            if not quietly:
                self.notify("the feeds are being refreshed: a moment", timeout=3)
            return
        subscriptions = self._subscriptions()
        if subscriptions is None or not subscriptions.feeds:
            if not quietly and subscriptions is not None:
                self.notify(NO_FEEDS, timeout=6)
            return
        self._refreshing = True
        self._feeds_read = None  # the worker changes them
        self.query_one(FeedBar).show_progress(
            0, None, f"refreshing {len(subscriptions.feeds)} feeds…"
        )
        self._refresh(subscriptions)

    @work(thread=True, group="feeds", exit_on_error=False)
    def _refresh(self, subscriptions: Subscriptions) -> None:
        from services.feeds import refresh_feeds
        from store.errors import Stopped, StoreError
        from tui.workers import cancelled

        def progress(done: int, total: int, what: str) -> None:
            if cancelled():
                raise Stopped
            self.app.call_from_thread(self._show_refresh_progress, done, total, what)

        library = _RefreshLibrary(self, self.library)
        try:
            report = refresh_feeds(library, subscriptions, None, progress)  # type: ignore[arg-type]
        except Stopped:
            return
        except (StoreError, OSError) as error:
            self._tell_from_thread(self._refresh_failed, str(error))
            return
        except BaseException:
            self._tell_from_thread(self._refresh_failed, "refresh stopped by an error")
            raise
        self._tell_from_thread(self._refresh_done, report)

    def _tell_from_thread(self, callback, *args) -> None:
        with contextlib.suppress(RuntimeError):  # the app was quit meanwhile
            self.app.call_from_thread(callback, *args)

    def _show_refresh_progress(self, done: int, total: int, what: str) -> None:
        if what.startswith("fetched "):
            what = f"fetching {done} of {total}"
        elif done:
            what = f"analysed {done} of {total}: {what}"
        self.query_one(FeedBar).show_progress(done, total or None, what)

    def article_arrived(self) -> None:
        """A refreshed article was saved: list it, now or a moment after the last one."""
        wait = self._last_arrival_reload + ARRIVALS_EVERY - time.monotonic()
        if wait <= 0:
            self._list_arrivals()
        elif self._arrivals_timer is None:
            self._arrivals_timer = self.set_timer(wait, self._list_arrivals)

    def _list_arrivals(self) -> None:
        self._arrivals_timer = None
        self._last_arrival_reload = time.monotonic()
        self.reload_library()

    def _refresh_failed(self, why: str) -> None:
        self._refreshing = False
        self.query_one(FeedBar).refresh_done()
        self.notify(f"refresh failed: {why}", severity="error", timeout=10)
        self.show_feeds()

    def _refresh_done(self, report: RefreshReport) -> None:
        self._refreshing = False
        self.query_one(FeedBar).refresh_done()
        for line in report.failed:
            self.notify(line, severity="error", timeout=10)
        self.notify(f"refresh: {report.summary()}", timeout=6)
        self.reload_library()  # and the feed line with it
