"""presscut's own export: every article with its text, analysis and the user's annotations.

The shape is a contract (``format: presscut/1``, described by ``store/export.schema.json``):
shared/eval/quotes.py scores it, the other export formats are made from it, and
``presscut import`` reads it back. Offsets are into each article's ``text``.

``entities``, ``groups`` and ``quotes`` are what the reader shows: the model's output with the
user's corrections applied. Everything needed to restore the article without the source file or the
model travels too: ``original`` and ``boilerplate`` (the file as read), ``analysis`` (as the model
made it, so a later correction can still be undone), ``catalogue`` (the rest of the library's
row, times included) and ``annotations`` with their ids and times.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import orjson

from store.corrections import apply_corrections
from store.errors import DamagedArticle, NotFound
from store.library import Library, now

EXPORT_FORMAT = "presscut/1"
INDENT = orjson.OPT_INDENT_2
ARTICLE_FIELDS = ("id", "path", "title", "section", "source", "published", "byline", "dateline")


def article_export(library: Library, row: dict) -> dict[str, Any]:
    body = library.body(row["id"])
    analysis = body.get("analysis") or {}
    annotations = library.annotations(row["id"])
    corrected = apply_corrections(analysis, annotations, body["text"], library.rule_set())
    whole_article = [a for a in annotations if not a.get("target")]
    return {
        **{name: row.get(name) for name in ARTICLE_FIELDS},
        "text": body["text"],
        "tags": sorted({a["tag"] for a in whole_article if a["kind"] == "tag"}),
        "notes": [a["note"] for a in whole_article if a["kind"] == "note"],
        "model": analysis.get("model"),
        "entities": corrected["entities"],
        "groups": corrected.get("groups", []),
        "quotes": corrected["quotes"],
        "annotations": annotations,
        "original": body.get("original", body["text"]),
        "boilerplate": body.get("boilerplate", []),
        "analysis": analysis,
        "catalogue": {name: value for name, value in row.items() if name not in ARTICLE_FIELDS},
    }


def chosen_ids(
    library: Library, article_ids: Iterable[str] | None = None, tag: str | None = None
) -> list[str]:
    """The ids of the articles an export takes, in the library's order (or as named, an id
    named twice going once): ids only, so choosing costs no copy of the catalogue."""
    if article_ids:
        ids = list(dict.fromkeys(library.article(key)["id"] for key in article_ids))
    else:
        ids = library.article_ids()
    if tag is not None:
        ids = [key for key in ids if tag in library.tags(key)]
    return ids


@dataclass
class ExportedArticles:
    """The chosen articles, each read and made into its export only when the writer comes to
    it, so an export holds one article at a time whatever the size of the library.

    An article whose text is missing or damaged is left out, and named in ``damaged`` (one line
    each) when the caller passes a list to say so; one removed while the export runs (the app
    exports in a worker) is left out too. ``count`` is how many went in.
    """

    library: Library
    ids: list[str]
    damaged: list[str] | None = None
    exported: str = field(default_factory=now)
    count: int = 0

    def __iter__(self) -> Iterator[dict]:
        for key in self.ids:
            try:
                row = self.library.article(key)
            except NotFound:
                continue
            try:
                article = article_export(self.library, row)
            except DamagedArticle as error:
                if self.damaged is not None:
                    self.damaged.append(f"{row['id']} ({row.get('title')}) skipped: {error}")
                continue
            self.count += 1
            yield article


def write_json(articles: Iterable[dict], exported: str, out: BinaryIO) -> None:
    """The export as one JSON document, written article by article: the same bytes as the
    whole document indented by orjson (``OPT_INDENT_2``), which is what readers of the
    contract have always been given."""
    head = orjson.dumps({"format": EXPORT_FORMAT, "exported": exported}, option=INDENT)
    out.write(head[:-2] + b',\n  "articles": [')  # the head without its closing "\n}"
    first = True
    for article in articles:
        out.write(b"\n    " if first else b",\n    ")
        out.write(orjson.dumps(article, option=INDENT).replace(b"\n", b"\n    "))
        first = False
    out.write(b"]\n}" if first else b"\n  ]\n}")
