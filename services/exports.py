"""Every export format, from the library to bytes on disk, for the CLI and the app alike.

The converters live in ``store.formats`` (plain data) and ``nlp`` (the two that need spaCy's
tokenizer); this is the one place that knows them all. ``nlp`` is imported only when a format
needs it, so the app still starts without spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from services.export_formats import FOLDER_FORMATS
from store.export_json import build_export, export_bytes
from store.exporting import write_export
from store.formats.brat import export_brat
from store.formats.doccano import export_doccano
from store.formats.folder import write_export_folder
from store.formats.spreadsheet import export_csv
from store.formats.w3c import export_w3c
from store.library import Library


def _prodigy(export: dict[str, Any]) -> bytes:
    from nlp.tokens import tokenize
    from store.formats.prodigy import export_prodigy

    return export_prodigy(export, tokenize)


def _docbin(export: dict[str, Any]) -> bytes:
    from nlp.docbin import export_docbin

    return export_docbin(export)


FILE_WRITERS = {
    "json": export_bytes,
    "jsonl": _prodigy,
    "doccano": export_doccano,
    "w3c": export_w3c,
    "spacy": _docbin,
    "csv": export_csv,
}


def export_data(export: dict[str, Any], fmt: str) -> bytes:
    """A single-file format's bytes."""
    return FILE_WRITERS[fmt](export)


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
    export = build_export(library, article_ids, tag, damaged)
    if fmt in FOLDER_FORMATS:
        write_export_folder(path, export_brat(export), force=force)
    else:
        write_export(path, export_data(export, fmt), force=force)
    return len(export["articles"])
