"""What the library pane lists: the catalogue filtered as the user typed, in the chosen order.

Plain state, no widgets: the table only draws the rows this gives it.

Filter syntax: words match the title, source and text; ``tag:T`` keeps articles tagged T,
``who:N`` those naming a person or body whose name contains N, ``source:S`` those from S. All
terms must match; case does not matter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

SORT_KEYS = ("title", "source", "published", "quotes", "annotations", "tags")
FIELD_PREFIXES = ("tag", "who", "source")


@dataclass(frozen=True)
class Filter:
    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    who: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @classmethod
    def parse(cls, query: str) -> Filter:
        terms: dict[str, list[str]] = {"words": [], "tag": [], "who": [], "source": []}
        for term in query.lower().split():
            prefix, colon, value = term.partition(":")
            if colon and prefix in FIELD_PREFIXES and value:
                terms[prefix].append(value)
            else:
                terms["words"].append(term)
        return cls(
            tuple(terms["words"]), tuple(terms["tag"]), tuple(terms["who"]), tuple(terms["source"])
        )

    def __bool__(self) -> bool:
        return bool(self.words or self.tags or self.who or self.sources)

    def matches(self, row: dict, text_of: Callable[[str], str]) -> bool:
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


@dataclass
class LibraryView:
    """The catalogue rows with their counts, the filter and the sort order."""

    rows: list[dict] = field(default_factory=list)
    query: str = ""
    sort_key: str = "published"
    descending: bool = True

    def sort_by(self, key: str) -> None:
        """Choosing the sorted column again reverses the order."""
        if key == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key, self.descending = key, key in ("published", "quotes", "annotations")

    def visible(self, text_of: Callable[[str], str]) -> list[dict]:
        query = Filter.parse(self.query)
        rows = [row for row in self.rows if query.matches(row, text_of)] if query else self.rows
        return sorted(rows, key=self._sort_value, reverse=self.descending)

    def _sort_value(self, row: dict) -> tuple:
        value = row.get(self.sort_key)
        if isinstance(value, list):
            value = len(value)
        if isinstance(value, str):
            value = value.lower()
        return (value is not None, value if value is not None else 0)
