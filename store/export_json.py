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
from typing import Any

import orjson

from store.corrections import apply_corrections
from store.errors import DamagedArticle
from store.library import Library, now

EXPORT_FORMAT = "presscut/1"
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


def build_export(
    library: Library,
    article_ids: Iterable[str] | None = None,
    tag: str | None = None,
    damaged: list[str] | None = None,
) -> dict[str, Any]:
    """The export of the chosen articles. An article whose text is missing or damaged is left
    out, and named in ``damaged`` (one line each) when the caller passes a list to say so."""
    if article_ids:
        chosen = (library.article(key) for key in article_ids)
        rows = list({row["id"]: row for row in chosen}.values())  # an id named twice goes once
    else:
        rows = library.articles()
    if tag is not None:
        rows = [row for row in rows if tag in library.tags(row["id"])]
    return {
        "format": EXPORT_FORMAT,
        "exported": now(),
        "articles": list(_exportable(library, rows, damaged)),
    }


def _exportable(library: Library, rows: list[dict], damaged: list[str] | None) -> Iterator[dict]:
    for row in rows:
        try:
            yield article_export(library, row)
        except DamagedArticle as error:
            if damaged is not None:
                damaged.append(f"{row['id']} ({row.get('title')}) skipped: {error}")


def export_bytes(export: dict[str, Any]) -> bytes:
    return orjson.dumps(export, option=orjson.OPT_INDENT_2)
