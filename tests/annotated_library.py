"""A small real library with every kind of annotation, for the export and import tests.

Built on tests/app_library's two hand-made articles (no model needed), then annotated through
the store as the app would: tags and notes on the whole article and on spans, a note across a
paragraph break, an orphan, and corrections that relabel, reject and add entities and change
a quotation, so every format has something of each kind to carry.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.anchoring import make_target
from store.catalogue_cache import CACHE_NAME
from store.layout import SEGMENTS_NAME, SNAPSHOT_NAME
from store.library import ANNOTATIONS, Library
from tests.app_library import TEXT_A, TEXT_B, fill, span


def target(text: str, words: str) -> dict:
    return make_target(text, *span(text, words))


def annotate(library: Library) -> tuple[str, str]:
    """Fill the library and annotate it; returns the ids of articles A and B."""
    a, b = fill(library)
    library.add_annotation(a, "tag", tag="verify")
    library.add_annotation(a, "note", note="Check the death toll\nagainst the UN's own figure.")
    library.add_annotation(a, "tag", tag="source check", target=target(TEXT_A, "The UN says"))
    library.add_annotation(a, "note", note="=a cell a spreadsheet would run", target=target(
        TEXT_A, "Russian government.\"\n\nThe UN"
    ))  # fmt: skip
    orphan = library.add_annotation(a, "tag", tag="gone", target=target(TEXT_A, "Tuesday"))
    library.update_annotation(orphan["id"], orphan=True)
    for words, action, fields in (
        ("Moscow", "relabel", {"label": "LOC"}),
        ("Tuesday", "reject", {}),
        ("position of the Rus", "add_entity", {"label": "MISC"}),  # cuts a word
    ):
        library.add_annotation(
            a, "correction", origin="correction", action=action,
            target=target(TEXT_A, words), **fields,
        )  # fmt: skip
    quote = library.body(a)["analysis"]["quotes"][1]
    library.add_annotation(
        a, "correction", origin="correction", action="set_kind", quote_kind="direct",
        target=make_target(TEXT_A, quote["start"], quote["end"]),
    )  # fmt: skip
    library.add_annotation(b, "note", note="Which ministry?", target=target(TEXT_B, "ministry"))
    return a, b


def spoil(folder: Path, table: str, key: str, change: dict) -> None:
    """Change a stored row behind the library's back, as an editor or an older presscut could,
    leaving its `updated` stamp as it was."""
    stored = folder / SNAPSHOT_NAME
    if table == ANNOTATIONS:  # in the segment files the snapshot names
        stored = next(path for path in (folder / SEGMENTS_NAME).glob("*.json")
                      if key.encode() in path.read_bytes())  # fmt: skip
    tables = orjson.loads(stored.read_bytes())
    for row in tables[table].values():
        if row["id"] == key:
            row.update(change)
    stored.write_bytes(orjson.dumps(tables))
    (folder / CACHE_NAME).unlink(missing_ok=True)


@pytest.fixture
def annotated(tmp_path: Path) -> tuple[Path, str, str]:
    """A library of two annotated articles, A (listed first) and B; closed."""
    folder = tmp_path / "library"
    with Library(folder) as library:
        a, b = annotate(library)
    return folder, a, b
