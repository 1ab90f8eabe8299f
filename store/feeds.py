"""The library's feed subscriptions, in a small file of their own beside it (``feeds.json``).

Kept apart from the library's snapshot and journal: a few dozen feeds with a few hundred entries
each are a few hundred kilobytes, written whole and atomically (as the snapshot is, by
`store.atomic`) after each refresh, while the library's own layout may change under it. What
each feed holds: its address, title and tag; what the server said last time (ETag,
Last-Modified), so the next refresh can ask "anything new?" in one small request; when it was
last refreshed and the last error; and the entries it has given, each with the id of the
article made from it ("" when none could be), so a refresh fetches only what is new.

It is written by the process holding the library's writer lock, so two writers never race.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import orjson

from store.atomic import write_atomic
from store.errors import CorruptStore

FEEDS_NAME = "feeds.json"
VERSION = 1


@dataclass
class Subscription:
    url: str
    title: str = ""
    tag: str | None = None
    added: str = ""
    etag: str | None = None
    last_modified: str | None = None
    last_refresh: str | None = None
    last_error: str | None = None
    entries: dict[str, str] = field(default_factory=dict)  # entry key -> article id, or ""

    @property
    def name(self) -> str:
        return self.title or self.url

    def article_ids(self) -> set[str]:
        return {key for key in self.entries.values() if key}


_KNOWN = {item.name for item in fields(Subscription)}


class Subscriptions:
    """The feeds of one library folder, read at once and written whole by `save`."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FEEDS_NAME
        self.feeds: list[Subscription] = self._read()

    def _read(self) -> list[Subscription]:
        try:
            data = orjson.loads(self.path.read_bytes())
            return [
                Subscription(**{key: value for key, value in feed.items() if key in _KNOWN})
                for feed in data["feeds"]
            ]
        except FileNotFoundError:
            return []
        except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
            raise CorruptStore(
                f"{self.path}: damaged feed list ({error}); move it aside to start the feeds anew"
            ) from None

    def save(self) -> None:
        data = {"version": VERSION, "feeds": [asdict(feed) for feed in self.feeds]}
        write_atomic(self.path, orjson.dumps(data, option=orjson.OPT_INDENT_2))

    def find(self, word: str) -> Subscription | None:
        """The feed a user names: by its address, its title (any case) or its number in
        `presscut feed list`."""
        lowered = word.casefold()
        for feed in self.feeds:
            if feed.url == word or feed.title.casefold() == lowered:
                return feed
        if word.isdigit() and 1 <= int(word) <= len(self.feeds):
            return self.feeds[int(word) - 1]
        return None

    def by_url(self, url: str) -> Subscription | None:
        return next((feed for feed in self.feeds if feed.url == url), None)

    def feeds_of_articles(self) -> dict[str, list[str]]:
        """Each article's feeds by name, for the library's ``feed:NAME`` filter."""
        found: dict[str, list[str]] = {}
        for feed in self.feeds:
            for key in feed.article_ids():
                found.setdefault(key, []).append(feed.name)
        return found
