"""Every export format, from the library to bytes on disk, for the CLI and the app alike.

The converters live in ``store.formats`` (plain data) and ``nlp`` (the two that need spaCy's
tokenizer); this is the one place that knows them all. ``nlp`` is imported only when a format
needs it, so the app still starts without spaCy.

Every format is written article by article as the articles are read (`ExportedArticles`), so an
export of a whole library holds one article at a time, not the library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from services.export_formats import FOLDER_FORMATS
from store.export_json import ExportedArticles, chosen_ids, write_json
from store.exporting import export_file, refuse_overwrite
from store.formats.brat import brat_files
from store.formats.doccano import write_doccano
from store.formats.folder import write_export_folder
from store.formats.spreadsheet import write_csv
from store.formats.w3c import write_w3c
from store.library import Library

Writer = Callable[[ExportedArticles, BinaryIO], None]


def _json(articles: ExportedArticles, out: BinaryIO) -> None:
    write_json(articles, articles.exported, out)


def _w3c(articles: ExportedArticles, out: BinaryIO) -> None:
    write_w3c(articles, articles.exported, out)


def _prodigy(articles: ExportedArticles, out: BinaryIO) -> None:
    from nlp.tokens import tokenize
    from store.formats.prodigy import write_prodigy

    write_prodigy(articles, tokenize, out)


def _docbin(articles: ExportedArticles, out: BinaryIO) -> None:
    from nlp.docbin import write_docbin

    write_docbin(articles, out)


FILE_WRITERS: dict[str, Writer] = {
    "json": _json,
    "jsonl": _prodigy,
    "doccano": write_doccano,
    "w3c": _w3c,
    "spacy": _docbin,
    "csv": write_csv,
}


def exported_articles(
    library: Library,
    article_ids: Sequence[str] | None = None,
    tag: str | None = None,
    damaged: list[str] | None = None,
) -> ExportedArticles:
    """The chosen articles, to be read one at a time by a writer. Those whose text is damaged
    are left out and named in ``damaged``."""
    return ExportedArticles(library, chosen_ids(library, article_ids, tag), damaged)


def write_stream(articles: ExportedArticles, fmt: str, out: BinaryIO) -> None:
    """A single-file format, written to ``out`` as the articles are read."""
    FILE_WRITERS[fmt](articles, out)


def write_format(
    library: Library,
    fmt: str,
    path: Path,
    *,
    article_ids: Sequence[str] | None = None,
    tag: str | None = None,
    force: bool = False,
    damaged: list[str] | None = None,
) -> int:
    """Export the chosen articles as ``fmt`` to ``path``, whole or not at all; returns how many
    articles went in. Those whose text is damaged are left out and named in ``damaged``."""
    refuse_overwrite(path, force)  # before the library is read, as the folder's checks are
    articles = exported_articles(library, article_ids, tag, damaged)
    if fmt in FOLDER_FORMATS:
        write_export_folder(path, brat_files(articles), force=force)
    else:
        with export_file(path, force=force) as out:
            write_stream(articles, fmt, out)
    return articles.count
