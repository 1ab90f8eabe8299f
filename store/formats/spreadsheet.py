"""The ``csv`` export: one row per annotation or quotation, for a spreadsheet.

The columns are the same for every row (blank where they do not apply), so the sheet sorts and
filters as one table. The file starts with a UTF-8 byte order mark, which Excel needs to read it
as UTF-8 rather than the local code page. A cell that a spreadsheet would take for a formula
(``=``, ``+``, ``-``, ``@`` first: article text comes from the web) gets a leading apostrophe,
the spreadsheets' own way to say "this is text".
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from typing import Any, BinaryIO

COLUMNS = (
    "article", "title", "row", "start", "end", "text", "tag", "note", "action", "label",
    "kind", "speaker", "cue", "orphan", "id", "created", "updated",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def annotation_row(annotation: dict) -> dict[str, Any]:
    target = annotation.get("target") or {}
    return {
        "row": annotation["kind"],
        "start": target.get("start"),
        "end": target.get("end"),
        "text": target.get("exact"),
        "tag": annotation.get("tag"),
        "note": annotation.get("note"),
        "action": annotation.get("action"),
        "label": annotation.get("label"),
        "kind": annotation.get("quote_kind"),
        "speaker": annotation.get("speaker"),
        "orphan": bool(annotation.get("orphan")),
        "id": annotation["id"],
        "created": annotation["created"],
        "updated": annotation["updated"],
    }


def quote_row(article: dict, quote: dict) -> dict[str, Any]:
    return {
        "row": "quote",
        "start": quote["start"],
        "end": quote["end"],
        "text": article["text"][quote["start"] : quote["end"]],
        "kind": quote["kind"],
        "speaker": quote["speaker"],
        "cue": quote["cue"],
    }


def write_csv(articles: Iterable[dict], out: BinaryIO) -> None:
    """The sheet, an article's rows at a time."""
    lines = io.StringIO()
    writer = csv.DictWriter(lines, fieldnames=COLUMNS, lineterminator="\r\n")

    def flush() -> None:
        out.write(lines.getvalue().encode("utf-8"))
        lines.seek(0)
        lines.truncate()

    out.write(codecs.BOM_UTF8)
    writer.writeheader()
    flush()
    for article in articles:
        rows = [annotation_row(a) for a in article["annotations"]]
        rows += [quote_row(article, q) for q in article["quotes"]]
        for row in rows:
            full = {"article": article["id"], "title": article["title"], **row}
            writer.writerow({name: cell(value) for name, value in full.items()})
        flush()
