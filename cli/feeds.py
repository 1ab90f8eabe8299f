"""``presscut feed …`` and ``presscut refresh``: subscriptions, refreshing them, and OPML.

The feeds live beside the library (`store.feeds`); these commands run with the library open,
for writing when they change it or the feeds (add, remove, import-opml, refresh), read-only
when they only report (list, export-opml).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterator

    from services.importer import CountProgress, ImportReport
    from store.feeds import Subscriptions
    from store.library import Library

EXIT_OK, EXIT_FAILED = 0, 1
FEED_COMMANDS = ("add", "list", "remove", "import-opml", "export-opml")
READING_FEED_COMMANDS = ("list", "export-opml")
NO_FEEDS = "No feeds yet: add one with `presscut feed add URL`."
T = TypeVar("T")


def add_parsers(commands: argparse._SubParsersAction) -> None:
    feed = commands.add_parser("feed", help="subscribe to feeds (RSS, Atom, JSON Feed)")
    actions = feed.add_subparsers(dest="feed_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="subscribe to a feed (checked once; refresh fetches it)")
    add.add_argument("url", metavar="URL")
    add.add_argument("--tag", metavar="TAG", help="tag every article the feed brings")
    actions.add_parser(
        "list", help="the feeds: title, address, articles, unread, last refresh, last error"
    )
    remove = actions.add_parser("remove", help="unsubscribe (its articles stay in the library)")
    remove.add_argument("feeds", nargs="+", metavar="FEED", help="address, title or number")
    opml_in = actions.add_parser("import-opml", help="subscribe to the feeds of an OPML file")
    opml_in.add_argument("file", type=Path, metavar="FILE")
    opml_out = actions.add_parser("export-opml", help="write the feeds as OPML")
    opml_out.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="file to write (default: stdout)"
    )

    refresh = commands.add_parser(
        "refresh", help="fetch what is new in the feeds (all, or those named) into the library"
    )
    refresh.add_argument("feeds", nargs="*", metavar="FEED", help="address, title or number")


def run_feed(library: Library, args: argparse.Namespace) -> int:
    from store.feeds import Subscriptions

    subscriptions = Subscriptions(library.folder)
    action = args.feed_command
    if action == "add":
        return _add(subscriptions, args.url, args.tag)
    if action == "list":
        return _list(library, subscriptions)
    if action == "remove":
        return _remove(subscriptions, args.feeds)
    if action == "import-opml":
        return _import_opml(subscriptions, args.file)
    return _export_opml(subscriptions, args.output)


def _add(subscriptions: Subscriptions, url: str, tag: str | None) -> int:
    from services.feeds import fetch_feed
    from services.fetch import Fetcher, FetchError, is_address
    from store.feeds import Subscription

    if not is_address(url):
        return _fail(f"{url}: not a web address (a feed's address starts with http:// or https://)")
    if subscriptions.by_url(url) is not None:
        return _fail(f"{url}: already subscribed")
    try:
        with Fetcher() as fetcher:
            _, parsed = fetch_feed(fetcher, Subscription(url))
    except FetchError as error:
        return _fail(f"{error}; not added")
    assert parsed is not None  # nothing was sent to make it conditional
    from services.feeds import now

    feed = Subscription(url, title=parsed.title, tag=tag, added=now())
    subscriptions.feeds.append(feed)
    subscriptions.save()
    print(
        f"added {feed.name} ({len(parsed.entries)} entries): `presscut refresh` fetches them",
        file=sys.stderr,
    )
    return EXIT_OK


def _ago(stamp: str | None) -> str:
    if not stamp:
        return "never"
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    minutes = int((datetime.now(UTC) - when).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    return when.strftime("%Y-%m-%d %H:%M")


def _list(library: Library, subscriptions: Subscriptions) -> int:
    from services.feeds import feed_counts

    if not subscriptions.feeds:
        print(NO_FEEDS, file=sys.stderr)
        return EXIT_OK
    for number, feed in enumerate(subscriptions.feeds, start=1):
        articles, unread = feed_counts(library, feed)
        tag = f"  tag:{feed.tag}" if feed.tag else ""
        print(f"{number:>3}  {feed.name}{tag}")
        print(f"     {feed.url}")
        print(
            f"     {articles} articles, {unread} unread; refreshed {_ago(feed.last_refresh)}; "
            f"last error: {feed.last_error or 'none'}"
        )
    return EXIT_OK


def _remove(subscriptions: Subscriptions, names: list[str]) -> int:
    status = EXIT_OK
    for name in names:
        feed = subscriptions.find(name)
        if feed is None:
            status = _fail(f"{name}: no such feed; `presscut feed list` shows them")
            continue
        subscriptions.feeds.remove(feed)
        print(f"removed {feed.name} (its articles stay in the library)", file=sys.stderr)
    subscriptions.save()
    return status


def _import_opml(subscriptions: Subscriptions, path: Path) -> int:
    from services.feeds import now
    from services.opml import BadOpml, read_opml
    from store.feeds import Subscription

    try:
        outlines = read_opml(path)
    except BadOpml as error:
        return _fail(str(error))
    added = 0
    for outline in outlines:
        if subscriptions.by_url(outline.url) is None:
            subscriptions.feeds.append(
                Subscription(outline.url, title=outline.title, tag=outline.tag, added=now())
            )
            added += 1
    subscriptions.save()
    known = len(outlines) - added
    print(f"{path}: {added} feeds added, {known} already subscribed", file=sys.stderr)
    return EXIT_OK


def _export_opml(subscriptions: Subscriptions, output: Path | None) -> int:
    from services.opml import write_opml
    from store.atomic import write_atomic

    data = write_opml(subscriptions.feeds)
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        return EXIT_OK
    try:
        write_atomic(output, data)
    except OSError as error:
        return _fail(f"{output}: cannot be written ({error.strerror or error})")
    print(f"wrote {output} ({len(subscriptions.feeds)} feeds)", file=sys.stderr)
    return EXIT_OK


def run_refresh(library: Library, names: list[str]) -> int:
    from services.feeds import refresh_feeds
    from store.feeds import Subscriptions

    subscriptions = Subscriptions(library.folder)
    if not subscriptions.feeds:
        print(NO_FEEDS, file=sys.stderr)
        return EXIT_OK
    feeds, status = None, EXIT_OK
    if names:
        feeds = []
        for name in names:
            feed = subscriptions.find(name)
            if feed is None:
                status = _fail(f"{name}: no such feed; `presscut feed list` shows them")
            else:
                feeds.append(feed)
        if not feeds:
            return status
    report = with_progress(lambda progress: refresh_feeds(library, subscriptions, feeds, progress))
    for line in report.failed:
        print(line, file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return EXIT_FAILED if report.failed else status


def import_addresses(library: Library, urls: list[str]) -> ImportReport:
    from services.web_import import import_urls

    return with_progress(lambda progress: import_urls(library, urls, progress))


def with_progress(work: Callable[[CountProgress | None], T]) -> T:
    """Run ``work`` with a live bar on a terminal, quietly when stderr is a pipe or a file."""
    with _bar() as progress:
        return work(progress)


@contextmanager
def _bar() -> Iterator[CountProgress | None]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Bar(*columns, console=console, transient=True) as bar:
        task = bar.add_task("fetching", total=None)

        def advance(done: int, total: int, what: str) -> None:
            label = what if len(what) <= 50 else what[:49] + "…"
            bar.update(task, completed=done, total=total, description=label)

        yield advance


def _fail(line: str) -> int:
    print(f"presscut: {line}", file=sys.stderr)
    return EXIT_FAILED
