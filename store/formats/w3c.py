"""The ``w3c`` export: the user's tags and notes, and the quotations, as a W3C Web Annotation
collection (JSON-LD).

Following the Web Annotation Data Model: an ``AnnotationCollection`` whose first (and only)
``AnnotationPage`` holds every ``Annotation``; a tag is a ``TextualBody`` with purpose
``tagging``, a note one with purpose ``commenting``. A span annotation's target carries both a
``TextQuoteSelector`` (the words and some context, to find them again in a changed text) and a
``TextPositionSelector``; an orphan, whose offsets no longer hold, keeps only the quote, and an
annotation on the whole article targets the article itself. The selectors address the reading
text, which is presscut's and has no URL, so each article is named by a ``urn:presscut`` IRI.

A quotation (as the user corrected it) is an annotation with motivation ``classifying``: a body
classifying it ("direct quotation"), one describing its speaker ("said by Rami Haddad"), and,
where the text names the speaker, a ``SpecificResource`` body with purpose ``identifying`` that
selects those words.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from typing import Any, BinaryIO

import orjson

from store.anchoring import make_target

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
EMPTY_ITEMS = b'"items": []'
ITEM_INDENT = b" " * 6  # collection > first > items > item
PURPOSES = {"tag": ("tagging", "tag"), "note": ("commenting", "note")}  # kind: (purpose, field)


def article_iri(article: dict) -> str:
    return f"urn:presscut:article:{article['id']}"


def annotation_target(article: dict, annotation: dict) -> dict[str, Any]:
    target = annotation.get("target")
    if not target:
        return {"source": article_iri(article), "type": "Text"}
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": target["exact"],
            "prefix": target["prefix"],
            "suffix": target["suffix"],
        }
    ]
    if not annotation.get("orphan"):
        selectors.append(
            {"type": "TextPositionSelector", "start": target["start"], "end": target["end"]}
        )
    return {"source": article_iri(article), "type": "Text", "selector": selectors}


def web_annotation(article: dict, annotation: dict) -> dict[str, Any]:
    purpose, field = PURPOSES[annotation["kind"]]
    return {
        "@context": CONTEXT,
        "id": f"urn:presscut:annotation:{annotation['id']}",
        "type": "Annotation",
        "motivation": purpose,
        "created": annotation["created"],
        "modified": annotation["updated"],
        "body": {
            "type": "TextualBody",
            "purpose": purpose,
            "value": annotation[field],
            "format": "text/plain",
        },
        "target": annotation_target(article, annotation),
    }


def position_target(article: dict, start: int, end: int) -> dict[str, Any]:
    """A target at offsets the analysis gives (which are never orphans): both selectors."""
    text = article["text"]
    return annotation_target(article, {"target": make_target(text, start, end)})


def quote_annotation(article: dict, quote: dict) -> dict[str, Any]:
    """A quotation as the user corrected it: classified by its kind, described by its speaker
    (by name, and by the words naming them where the text does, as a ``SpecificResource``)."""
    start, end = quote["start"], quote["end"]
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "classifying", "value": f"{quote['kind']} quotation",
         "format": "text/plain"},
    ]  # fmt: skip
    if quote.get("speaker"):
        bodies.append({"type": "TextualBody", "purpose": "describing",
                       "value": f"said by {quote['speaker']}", "format": "text/plain"})
    if quote.get("speaker_start") is not None and quote.get("speaker_end") is not None:
        speaker = position_target(article, quote["speaker_start"], quote["speaker_end"])
        bodies.append({"type": "SpecificResource", "purpose": "identifying",
                       "source": speaker["source"], "selector": speaker["selector"]})
    return {
        "@context": CONTEXT,
        "id": f"urn:presscut:quote:{article['id']}:{start}-{end}",
        "type": "Annotation",
        "motivation": "classifying",
        "body": bodies,
        "target": position_target(article, start, end),
    }  # fmt: skip


def write_w3c(articles: Iterable[dict], exported: str, out: BinaryIO) -> None:
    """The collection, the same bytes as when it was made whole (orjson, ``OPT_INDENT_2``), its
    items (the tags and notes of every article, then every quotation) made one article at a
    time. They follow their count, which is known at the end, so they wait in two temporary
    files meanwhile: the export's memory does not grow with the library."""
    with tempfile.TemporaryFile() as notes, tempfile.TemporaryFile() as quotes:
        total = 0
        for article in articles:
            for annotation in article["annotations"]:
                if annotation["kind"] in PURPOSES:
                    notes.write(_item(web_annotation(article, annotation)))
                    total += 1
            for quote in article["quotes"]:
                quotes.write(_item(quote_annotation(article, quote)))
                total += 1
        whole = orjson.dumps(_collection(exported, total), option=orjson.OPT_INDENT_2)
        if not total:
            out.write(whole)
            return
        before, after = whole.split(EMPTY_ITEMS)
        out.write(before + b'"items": [')
        leading_comma = True
        for spool in (notes, quotes):
            spool.seek(0)
            if leading_comma and spool.read(1):
                leading_comma = False  # the first item of all needs no comma before it
            shutil.copyfileobj(spool, out)
        out.write(b"\n" + ITEM_INDENT[:-2] + b"]" + after)


def _item(annotation: dict[str, Any]) -> bytes:
    """One item as it reads in the indented collection, after a comma."""
    dumped = orjson.dumps(annotation, option=orjson.OPT_INDENT_2)
    return b",\n" + ITEM_INDENT + dumped.replace(b"\n", b"\n" + ITEM_INDENT)


def _collection(exported: str, total: int) -> dict[str, Any]:
    collection_iri = f"urn:presscut:export:{exported}"
    return {
        "@context": CONTEXT,
        "id": collection_iri,
        "type": "AnnotationCollection",
        "label": "presscut annotations",
        "generated": exported,
        "generator": {"id": "urn:presscut", "type": "Software", "name": "presscut"},
        "total": total,
        "first": {
            "id": f"{collection_iri}:page:1",
            "type": "AnnotationPage",
            "partOf": collection_iri,
            "startIndex": 0,
            "items": [],
        },
    }
