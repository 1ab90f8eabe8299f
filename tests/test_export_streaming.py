"""Exports written article by article: the same bytes as the whole export made at once, and
memory that does not grow with the library.

The reference (`whole`) is how every format was written before it was streamed: the whole export
built as one dict, then each format made from it in one piece, from the same per-article
converters.
"""

from __future__ import annotations

import csv
import gc
import io
import tracemalloc
from pathlib import Path
from typing import Any

import orjson
import pytest

from bench.library_gen import build
from services.exports import write_format
from store.export_json import EXPORT_FORMAT, article_export
from store.formats.brat import CONFIG_NAME, ann_file, annotation_conf, safe_name
from store.formats.doccano import doccano_example
from store.formats.folder import MARKER_NAME
from store.formats.spreadsheet import COLUMNS, annotation_row, cell, quote_row
from store.formats.w3c import CONTEXT, PURPOSES, quote_annotation, web_annotation
from store.library import Library
from tests.annotated_library import annotate

INDENT = orjson.OPT_INDENT_2


def whole(export: dict[str, Any], fmt: str) -> bytes | dict[str, bytes]:
    """The format made from the whole export at once, as presscut wrote it before streaming."""
    articles = export["articles"]
    if fmt == "json":
        return orjson.dumps(export, option=INDENT)
    if fmt == "jsonl":
        from nlp.tokens import tokenize
        from store.formats.prodigy import prodigy_task

        return b"".join(orjson.dumps(prodigy_task(a, tokenize(a["text"]))) + b"\n"
                        for a in articles)
    if fmt == "doccano":
        return b"".join(orjson.dumps(doccano_example(a)) + b"\n" for a in articles)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for article in articles:
            rows = [annotation_row(a) for a in article["annotations"]]
            rows += [quote_row(article, q) for q in article["quotes"]]
            for row in rows:
                full = {"article": article["id"], "title": article["title"], **row}
                writer.writerow({name: cell(value) for name, value in full.items()})
        return out.getvalue().encode("utf-8-sig")
    if fmt == "w3c":
        items = [web_annotation(article, annotation) for article in articles
                 for annotation in article["annotations"] if annotation["kind"] in PURPOSES]
        items += [quote_annotation(article, q) for article in articles for q in article["quotes"]]
        iri = f"urn:presscut:export:{export['exported']}"
        return orjson.dumps({
            "@context": CONTEXT, "id": iri, "type": "AnnotationCollection",
            "label": "presscut annotations", "generated": export["exported"],
            "generator": {"id": "urn:presscut", "type": "Software", "name": "presscut"},
            "total": len(items),
            "first": {"id": f"{iri}:page:1", "type": "AnnotationPage", "partOf": iri,
                      "startIndex": 0, "items": items},
        }, option=INDENT)  # fmt: skip
    assert fmt == "brat"
    files: dict[str, bytes] = {}
    taken: set[str] = set()
    types: set[str] = set()
    for article in articles:
        name = safe_name(article["title"], taken)
        ann = ann_file(article)
        types |= ann.types
        files[f"{name}.txt"] = article["text"].encode("utf-8")
        files[f"{name}.ann"] = ann.data()
    files[CONFIG_NAME] = annotation_conf(types)
    return files


def streamed(library: Library, fmt: str, path: Path) -> bytes | dict[str, bytes]:
    write_format(library, fmt, path)
    if fmt == "brat":
        return {p.name: p.read_bytes() for p in path.iterdir() if p.name != MARKER_NAME}
    return path.read_bytes()


def whole_export(library: Library, exported: str) -> dict[str, Any]:
    articles = [article_export(library, row) for row in library.articles()]
    return {"format": EXPORT_FORMAT, "exported": exported, "articles": articles}


def stamp_of(output: bytes | dict[str, bytes], fmt: str) -> str:
    """When the export says it was made (json and w3c say so)."""
    if fmt == "json":
        return orjson.loads(output)["exported"]
    return orjson.loads(output)["generated"] if fmt == "w3c" else ""


@pytest.fixture(params=["annotated", "generated", "empty"])
def library(request: pytest.FixtureRequest, tmp_path: Path):
    folder = tmp_path / "library"
    if request.param == "generated":
        build(folder, articles=12, annotations=40, words=80)
    with Library(folder) as opened:
        if request.param == "annotated":
            annotate(opened)
        yield opened


@pytest.mark.parametrize("fmt", ["json", "jsonl", "doccano", "csv", "w3c", "brat"])
def test_every_format_streamed_is_the_whole_export_made_at_once(
    library: Library, fmt: str, tmp_path: Path
) -> None:
    output = streamed(library, fmt, tmp_path / f"out.{fmt}")
    assert output == whole(whole_export(library, stamp_of(output, fmt)), fmt)


def test_the_spacy_export_streamed_reads_back_as_the_whole(
    library: Library, tmp_path: Path
) -> None:
    from spacy.tokens import DocBin

    from nlp.tokens import blank_english

    write_format(library, "spacy", tmp_path / "out.spacy")
    docs = DocBin().from_bytes((tmp_path / "out.spacy").read_bytes())
    found = [(doc.text, [(e.start_char, e.end_char, e.label_) for e in doc.ents])
             for doc in docs.get_docs(blank_english().vocab)]
    articles = whole_export(library, "")["articles"]
    assert [text for text, _ in found] == [a["text"] for a in articles]


def export_peak(folder: Path, fmt: str, out: Path) -> int:
    """The most memory an export of the whole library takes beyond the open library's (after
    one export, so that what the first one loads and caches is not counted)."""
    with Library(folder, read_only=True) as library:
        write_format(library, fmt, out.with_name(out.name + ".first"))
        gc.collect()
        tracemalloc.start()
        try:
            write_format(library, fmt, out)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["json", "w3c", "csv", "brat"])
def test_an_exports_memory_does_not_grow_with_the_library(tmp_path: Path, fmt: str) -> None:
    build(tmp_path / "small", articles=200, annotations=1_000, words=120)
    build(tmp_path / "large", articles=2_000, annotations=10_000, words=120)
    small = export_peak(tmp_path / "small", fmt, tmp_path / "small.out")
    large = export_peak(tmp_path / "large", fmt, tmp_path / "large.out")
    # ten times the articles: a whole export in memory takes ten times the memory; streamed,
    # only what is kept per article (its id, a brat file name) grows
    assert large < 2.5 * small, (small, large)
