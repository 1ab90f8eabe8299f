"""A small real library with every kind of annotation, for the export and import tests.

Built on tests/app_library's two hand-made articles (no model needed), then annotated through
the store as the app would: tags and notes on the whole article and on spans, a note across a
paragraph break, an orphan, and corrections that relabel, reject and add entities and change
a quotation, so every format has something of each kind to carry.
"""

from __future__ import annotations

from store.anchoring import make_target
from store.library import Library
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
