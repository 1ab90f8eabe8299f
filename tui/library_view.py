"""What the library pane lists: the catalogue filtered as the user typed, in the chosen order.

Plain state, no widgets: the table only draws the rows this gives it.

Filter syntax: words match the title, source and text; ``tag:T`` keeps articles tagged T,
``who:N`` those naming a person or body whose name contains N, ``source:S`` those from S,
``feed:F`` those a feed whose name contains F brought (`store.feeds`). All terms must match;
case does not matter.

Filtering 10,000 articles takes milliseconds and reads no text. The rows are sorted once per
order and kept, and for that order each kind of term gets a column, made once: the articles'
tags, their names and their sources (one lowercased string each), and their prepared words
(`store.word_index`: the distinct words of the title, source and text). A term is then tested
down its column in one pass that runs in C. `Filter.matches` is the same filter written plainly,
row by row: the reference the fast path is tested against.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from itertools import compress, repeat
from operator import and_, contains

SORT_KEYS = ("title", "source", "published", "quotes", "notes", "tags")
FIELD_PREFIXES = ("tag", "who", "source", "feed")


def first_descending(key: str) -> bool:
    """Is this column sorted largest (or newest) first when it is chosen?"""
    return key in ("published", "quotes", "notes")


@dataclass(frozen=True)
class Filter:
    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    who: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()

    @classmethod
    def parse(cls, query: str) -> Filter:
        terms: dict[str, list[str]] = {"words": [], "tag": [], "who": [], "source": [], "feed": []}
        for term in query.lower().split():
            prefix, colon, value = term.partition(":")
            if colon and prefix in FIELD_PREFIXES and value:
                terms[prefix].append(value)
            else:
                terms["words"].append(term)
        return cls(
            tuple(terms["words"]), tuple(terms["tag"]), tuple(terms["who"]),
            tuple(terms["source"]), tuple(terms["feed"]),
        )  # fmt: skip

    def __bool__(self) -> bool:
        return bool(self.words or self.tags or self.who or self.sources or self.feeds)

    def matches(
        self, row: dict, text_of: Callable[[str], str], feeds: Mapping[str, str] | None = None
    ) -> bool:
        """Does the row pass? ``text_of`` gives an article's reading text by id, ``feeds`` the
        names of the feeds that brought it, one a line (`LibraryView.feeds`)."""
        feed_names = (feeds or {}).get(row["id"], "").lower()
        if any(wanted not in feed_names for wanted in self.feeds):
            return False
        row_tags = {tag.lower() for tag in row.get("tags", [])}
        if any(tag not in row_tags for tag in self.tags):
            return False
        people = [name.lower() for name in row.get("people", [])]
        if any(not any(who in name for name in people) for who in self.who):
            return False
        source = (row.get("source") or "").lower()
        if any(wanted not in source for wanted in self.sources):
            return False
        if not self.words:
            return True
        heading = f"{row.get('title', '')} {source}".lower()
        missing = [word for word in self.words if word not in heading]
        if not missing:
            return True
        body = text_of(row["id"]).lower()
        return all(word in body for word in missing)


CATALOGUE_ORDER = ("published", True)  # (sort key, descending)


@dataclass
class LibraryView:
    """The catalogue rows with their counts, the filter and the sort order."""

    rows: list[dict] = field(default_factory=list)
    query: str = ""
    sort_key: str = "published"
    descending: bool = True
    # Each article's feeds' names, one a line, by id (`store.feeds`); given again when they change.
    feeds: Mapping[str, str] = field(default_factory=dict)
    # Derived from ``rows`` when first needed, and again when another list is given: the rows
    # in each order asked for, and for each order the columns a filter tests, row by row.
    _derived_from: list[dict] | None = field(default=None, repr=False)
    _ordered: dict[tuple[str, bool], list[dict]] = field(default_factory=dict, repr=False)
    _columns: dict[tuple, tuple[object, list]] = field(default_factory=dict, repr=False)

    def show(self, rows: list[dict]) -> None:
        """Take a new catalogue, given in the library's order (newest first, then by title:
        `Library.catalogue`). That is this view's own order by date, descending, as its sort
        is stable, so the rows are not sorted again for it: 10,000 rows, 10 ms at start-up."""
        self.rows = rows
        self._derive()
        self._ordered[CATALOGUE_ORDER] = rows

    def sort_by(self, key: str) -> None:
        """Choosing the sorted column again reverses the order."""
        if key == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key, self.descending = key, first_descending(key)

    def next_sort(self) -> None:
        """`s`: the sorted column the other way round, then the next column. Each column comes
        in its natural order first (newest, most quoted first; titles and sources A to Z)."""
        if self.descending == first_descending(self.sort_key):
            self.sort_by(self.sort_key)
        else:
            following = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
            self.sort_by(following)

    def needs_words(self) -> bool:
        """Does the current query search the articles' words?"""
        return bool(Filter.parse(self.query).words)

    def visible(self, words: Mapping[str, str]) -> list[dict]:
        """The rows that pass the filter, in the chosen order. ``words`` holds each article's
        prepared words by id (`store.word_index`); only a query with words reads it.

        Each term is tested down a column prepared for the order (``term in cell`` for every
        row, in C); the rows are kept where every term passed.
        """
        self._derive()
        rows = self._sorted()
        query = Filter.parse(self.query)
        if not query:
            return rows
        tests = [
            *((f"\n{tag}\n", self._column("tags", _tags_of)) for tag in query.tags),
            *((who, self._column("names", _names_of)) for who in query.who),
            *((wanted, self._column("source", _source_of)) for wanted in query.sources),
            *((wanted, self._feeds_column()) for wanted in query.feeds),
            *((word, self._words_column(words)) for word in query.words),
        ]  # fmt: skip
        passed = [map(contains, cells, repeat(term)) for term, cells in tests]
        return list(compress(rows, reduce(lambda a, b: map(and_, a, b), passed)))

    def _derive(self) -> None:
        """Forget what was derived from another list of rows."""
        if self._derived_from is not self.rows:
            self._derived_from = self.rows
            self._ordered, self._columns = {}, {}

    def prepare(self, words: Mapping[str, str] | None = None) -> None:
        """Make the current order's columns now (and the words' when given), so that the first
        filter of each kind need not."""
        self._derive()
        self._column("tags", _tags_of)
        self._column("names", _names_of)
        self._column("source", _source_of)
        if words is not None:
            self._words_column(words)

    def _feeds_column(self) -> list:
        feeds = self.feeds
        return self._column("feeds", lambda row: feeds.get(row["id"], "").lower(), feeds)

    def _words_column(self, words: Mapping[str, str]) -> list:
        """Each row's prepared words, in the current order (made again for another index)."""
        return self._column("words", lambda row: words.get(row["id"], ""), words)

    def _column(self, name: str, cell: Callable[[dict], object], source: object = None) -> list:
        """``cell(row)`` for each row in the current order, made once per order (and per
        ``source``, the data the cells come from, when it can change)."""
        key = (name, self.sort_key, self.descending)
        made = self._columns.get(key)
        if made is None or made[0] is not source:
            made = self._columns[key] = (source, [cell(row) for row in self._sorted()])
        return made[1]

    def _sorted(self) -> list[dict]:
        order = (self.sort_key, self.descending)
        if order not in self._ordered:
            self._ordered[order] = sorted(
                self.rows, key=self._sort_value, reverse=self.descending
            )
        return self._ordered[order]

    def _sort_value(self, row: dict) -> tuple:
        value = row.get(self.sort_key)
        if isinstance(value, list):
            value = len(value)
        if isinstance(value, str):
            value = value.lower()
        missing = value is None or value == ""  # both shown as "–", and sorted together
        return (not missing, 0 if missing else value)


def _tags_of(row: dict) -> str:
    """The article's tags, lowercased, each between line breaks: ``"\\nT\\n" in`` it finds the
    tag T and only it (a line break inside a tag is made a space: no term holds one)."""
    tags = row.get("tags")
    if not tags:
        return ""
    return "\n" + "\n".join(tag.replace("\n", " ") for tag in tags).lower() + "\n"


def _names_of(row: dict) -> str:
    """The names of the article's people and bodies, lowercased, one a line: a filter term holds
    no line break, so it is found within one name or not at all."""
    return "\n".join(row.get("people", ())).lower()


def _source_of(row: dict) -> str:
    return (row.get("source") or "").lower()
