"""Feeds: reading RSS, Atom and JSON Feed, and refreshing subscriptions into the library.

A refresh asks each feed "anything new?" with what the server said last time (an unchanged
feed answers 304, a few hundred bytes), reads the entries it has not seen, fetches each new
entry's page and imports it as `services.web_import` does any page. When the page cannot be had
or holds no article, the feed's own text of the entry is imported instead. A feed that fails
(unreachable, malformed) keeps its error for `presscut feed list` and changes nothing else.

RSS and Atom are read by feedparser; JSON Feed, which feedparser 6 does not read, by `json`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from services.fetch import FEED_TYPES, PAGE_TYPES, Fetched, Fetcher, FetchError
from services.importer import CountProgress, ImportReport, import_documents
from services.web_import import pending_document, read_page
from store.feeds import Subscription, Subscriptions
from store.ids import article_id

if TYPE_CHECKING:
    from nlp.records import Document
    from store.library import Library

# An XML feed served as a web page, or with no type, is common: a feed is judged by its body.
FEED_OR_PAGE = FEED_TYPES | PAGE_TYPES | frozenset({"text/plain"})
JSON_FEED = "https://jsonfeed.org/version/"
NO_FEED_TEXT = "not an article (no page, and the feed gives no text)"


@dataclass
class Entry:
    key: str  # the entry's id, else its link, else its title: what marks it seen
    link: str
    title: str
    content: str  # the feed's own HTML (or text) of the entry, the fallback to its page
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None


@dataclass
class ParsedFeed:
    title: str
    entries: list[Entry]


@dataclass
class RefreshReport:
    """What a refresh did: the import's report, and one line per feed or page that failed."""

    imported: ImportReport = field(default_factory=ImportReport)
    checked: int = 0
    unchanged: int = 0  # feeds that answered 304
    with_news: int = 0  # feeds that gave entries not seen before

    @property
    def failed(self) -> list[str]:
        return self.imported.failed

    def summary(self) -> str:
        head = (
            f"{self.checked} feeds checked ({self.unchanged} unchanged since the last time, "
            f"{self.with_news} with news)"
        )
        return f"{head}; articles: {self.imported.summary()}"


def _day(parsed: time.struct_time | None, text: str | None = None) -> str | None:
    if parsed is not None:
        return time.strftime("%Y-%m-%d", parsed)
    if text and len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return text[:10]
    return None


def _xml_feed(fetched: Fetched) -> ParsedFeed:
    import feedparser

    headers = {"content-type": fetched.content_type + (
        f"; charset={fetched.charset}" if fetched.charset else ""
    )}  # fmt: skip
    parsed = feedparser.parse(fetched.data, response_headers=headers)
    problem = parsed.get("bozo_exception")
    malformed = problem is not None and type(problem).__name__ == "SAXParseException"
    if fetched.content_type in PAGE_TYPES and (malformed or not parsed.version):
        raise FetchError(fetched.url, "not a feed but a web page (`presscut import` reads pages)")
    if malformed:
        raise FetchError(fetched.url, f"malformed feed ({problem.getMessage()})")
    if not parsed.version:
        raise FetchError(fetched.url, "not a feed (no RSS, Atom or JSON Feed in it)")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or ""
        contents = item.get("content") or []
        content = contents[0].get("value", "") if contents else item.get("summary", "")
        key = item.get("id") or link or item.get("title") or ""
        if not key:
            continue
        entries.append(Entry(
            key=key, link=link, title=item.get("title") or "", content=content,
            published=_day(item.get("published_parsed") or item.get("updated_parsed")),
            author=item.get("author") or None,
        ))  # fmt: skip
    return ParsedFeed(parsed.feed.get("title") or "", entries)


def _json_feed(fetched: Fetched) -> ParsedFeed:
    try:
        data = json.loads(fetched.data)
    except (ValueError, UnicodeDecodeError) as error:
        raise FetchError(fetched.url, f"malformed feed (bad JSON: {error})") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(JSON_FEED):
        raise FetchError(fetched.url, "not a feed (JSON, but not a JSON Feed)")
    items = data.get("items")
    if not isinstance(items, list):
        raise FetchError(fetched.url, "malformed feed (a JSON Feed without items)")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = str(item.get("url") or item.get("external_url") or "")
        key = str(item.get("id") or link or item.get("title") or "")
        if not key:
            continue
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        names = [a.get("name") for a in authors if isinstance(a, dict) and a.get("name")]
        content = item.get("content_html") or item.get("content_text") or item.get("summary")
        entries.append(Entry(
            key=key, link=link, title=str(item.get("title") or ""), content=str(content or ""),
            published=_day(None, str(item.get("date_published") or "")),
            author=", ".join(names) or None,
        ))  # fmt: skip
    return ParsedFeed(str(data.get("title") or ""), entries)


def parse_feed(fetched: Fetched) -> ParsedFeed:
    """A fetched feed's title and entries; `FetchError` when it is malformed or no feed."""
    if not fetched.data.strip():
        raise FetchError(fetched.url, "not a feed (the response is empty)")
    if "json" in fetched.content_type or fetched.data.lstrip()[:1] == b"{":
        return _json_feed(fetched)
    return _xml_feed(fetched)


def entry_document(entry: Entry, feed_title: str) -> Document:
    """The feed's own text of an entry as a document, for when its page gives none."""
    from nlp.article_limit import too_long
    from nlp.html import fragment_paragraphs
    from nlp.records import Document

    address = entry.link or entry.key
    if reason := too_long(entry.content, "html"):
        raise FetchError(address, reason)
    paragraphs = fragment_paragraphs(entry.content)
    if not paragraphs:
        raise FetchError(address, NO_FEED_TEXT)
    return Document(
        original=entry.content, text="\n\n".join(paragraphs), title=entry.title or address,
        format="html", source=feed_title or None, published=entry.published,
        byline=entry.author, url=address,
    )  # fmt: skip


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fetch_feed(fetcher: Fetcher, feed: Subscription) -> tuple[Fetched | None, ParsedFeed | None]:
    """The feed fetched conditionally: (response, None) when unchanged; raises `FetchError`."""
    fetched = fetcher.fetch(
        feed.url, FEED_OR_PAGE, etag=feed.etag, last_modified=feed.last_modified
    )
    if fetched.not_modified:
        return fetched, None
    return fetched, parse_feed(fetched)


def _feed_line(feed: Subscription, error: FetchError) -> str:
    return f"feed {feed.name}: {error}"


def _check_feeds(
    fetcher: Fetcher, feeds: Sequence[Subscription], report: RefreshReport
) -> list[tuple[Subscription, ParsedFeed]]:
    """Ask every feed at once (one request a host at a time); the feeds with news."""
    from concurrent.futures import ThreadPoolExecutor

    changed = []
    with ThreadPoolExecutor(max_workers=max(1, min(fetcher.max_parallel, len(feeds)))) as pool:
        answers = list(zip(feeds, pool.map(lambda f: _try(fetch_feed, fetcher, f), feeds),
                           strict=True))  # fmt: skip
    stamp = now()
    for feed, answer in answers:
        report.checked += 1
        feed.last_refresh = stamp
        if isinstance(answer, FetchError):
            feed.last_error = answer.why
            report.failed.append(_feed_line(feed, answer))
            continue
        fetched, parsed = answer
        feed.last_error = None
        if parsed is None:
            report.unchanged += 1
            continue
        feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
        feed.title = feed.title or parsed.title
        changed.append((feed, parsed))
    return changed


def _try(function: Callable, *args):
    try:
        return function(*args)
    except FetchError as error:
        return error


class _NewEntry:
    """An entry not seen before, with the document it gives (once fetched) and its origin."""

    def __init__(self, feed: Subscription, parsed: ParsedFeed, entry: Entry) -> None:
        self.feed, self.feed_title, self.entry = feed, parsed.title, entry
        self.origin = ""


def refresh_feeds(
    library: Library,
    subscriptions: Subscriptions,
    feeds: Sequence[Subscription] | None = None,
    progress: CountProgress | None = None,
    fetcher: Fetcher | None = None,
) -> RefreshReport:
    """Refresh the feeds (all when none are named) into the library; saves the subscriptions.

    Failures are lines of the report: a feed's also stays as its ``last_error``.
    """
    report = RefreshReport()
    feeds = list(subscriptions.feeds if feeds is None else feeds)
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        if progress:
            progress(0, len(feeds), "checking the feeds")
        changed = _check_feeds(fetcher, feeds, report)
        new = [
            _NewEntry(feed, parsed, entry)
            for feed, parsed in changed
            for entry in parsed.entries
            if entry.key not in feed.entries
        ]
        report.with_news = len({id(item.feed) for item in new})
        pending = _fetch_entries(library, fetcher, new, report, progress)
    finally:
        if own:
            fetcher.close()
    import_documents(library, pending, report.imported, progress)
    _keep_entries(library, new)
    subscriptions.save()
    return report


def _fetch_entries(
    library: Library,
    fetcher: Fetcher,
    new: list[_NewEntry],
    report: RefreshReport,
    progress: CountProgress | None,
) -> list[tuple[str, str, dict]]:
    """Each new entry's page, or its text in the feed; what is new among them to import."""
    by_link = {item.entry.link: item for item in new if item.entry.link}
    pages: dict[str, Fetched | FetchError] = {}
    for done, (link, result) in enumerate(fetcher.fetch_many(by_link, PAGE_TYPES), start=1):
        pages[link] = result
        if progress:
            progress(done, len(by_link), f"fetched {link}")
    pending, seen = [], set()
    for item in new:
        result = pages.get(item.entry.link)
        try:
            document = _entry_article(item, result)
        except FetchError as error:
            report.failed.append(str(error))
            item.origin = ""
            continue
        item.origin = document.url or ""
        found = pending_document(library, document, report.imported, seen)
        if found is not None:
            pending.append(found)
    return pending


def _entry_article(item: _NewEntry, page: Fetched | FetchError | None) -> Document:
    """The entry's page's article, else the feed's text of it; the page's failure is told
    only when the feed has no text either."""
    if isinstance(page, Fetched):
        try:
            return read_page(page)
        except FetchError as error:
            page = error
    try:
        return entry_document(item.entry, item.feed_title)
    except FetchError as error:
        if isinstance(page, FetchError) and error.why == NO_FEED_TEXT:
            raise FetchError(page.url, f"{page.why}, and the feed gives no text") from None
        raise


def _keep_entries(library: Library, new: list[_NewEntry]) -> None:
    """Mark each new entry seen with the article it gave, tagged with its feed's tag."""
    for item in new:
        key = article_id(item.origin) if item.origin else ""
        item.feed.entries[item.entry.key] = key
        tag = item.feed.tag
        if key and tag and tag not in library.tags(key):
            library.add_annotation(key, "tag", tag=tag)


def feed_counts(library: Library, feed: Subscription) -> tuple[int, int]:
    """(articles, unread) of a feed, among the articles still in the library."""
    from store.errors import NotFound

    articles = unread = 0
    for key in feed.article_ids():
        try:
            row = library.article(key)
        except NotFound:  # removed from the library since
            continue
        articles += 1
        unread += not row.get("read")
    return articles, unread
