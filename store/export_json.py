"""presscut's own export: every article with its text, analysis and the user's annotations.

The shape is a contract (``format: presscut/1``): shared/eval/quotes.py scores it, and a later
``presscut import`` reads it back. Offsets are into each article's ``text``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from store.library import Library, now

EXPORT_FORMAT = "presscut/1"
ARTICLE_FIELDS = ("id", "path", "title", "section", "source", "published", "byline", "dateline")


def article_export(library: Library, row: dict) -> dict[str, Any]:
    body = library.body(row["id"])
    analysis = body.get("analysis") or {}
    annotations = library.annotations(row["id"])
    whole_article = [a for a in annotations if not a.get("target")]
    return {
        **{name: row.get(name) for name in ARTICLE_FIELDS},
        "text": body["text"],
        "tags": sorted({a["tag"] for a in whole_article if a["kind"] == "tag"}),
        "notes": [a["note"] for a in whole_article if a["kind"] == "note"],
        "model": analysis.get("model"),
        "entities": analysis.get("entities", []),
        "groups": analysis.get("groups", []),
        "quotes": analysis.get("quotes", []),
        "annotations": annotations,
    }


def build_export(
    library: Library, article_ids: Iterable[str] | None = None, tag: str | None = None
) -> dict[str, Any]:
    rows = [library.article(key) for key in article_ids] if article_ids else library.articles()
    if tag is not None:
        rows = [row for row in rows if tag in library.tags(row["id"])]
    return {
        "format": EXPORT_FORMAT,
        "exported": now(),
        "articles": [article_export(library, row) for row in rows],
    }


def export_bytes(export: dict[str, Any]) -> bytes:
    return orjson.dumps(export, option=orjson.OPT_INDENT_2)
