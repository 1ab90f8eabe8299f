"""The reader's fast wrapping breaks lines exactly where Textual's own wrapping does."""

from __future__ import annotations

import random

import pytest
from textual._wrap import compute_wrap_offsets
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths

from tui.wrapping import ReaderWrapping, wrap_offsets

PIECES = ["a", "word", "Ángela", "“quoted”", "—", "x" * 30, " ", "  ", "   ", "\u00a0", "9.5%",
          "long-hyphenated-compound-word", "\t", "東京", "e\u0301"]  # fmt: skip


def textual(line: str, width: int) -> list[int]:
    return compute_wrap_offsets(line, width, 4, precomputed_tab_sections=get_tab_widths(line, 4))


def random_line(rng: random.Random, pieces: list[str]) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 80)))


@pytest.mark.parametrize("pieces", [PIECES[:12], PIECES], ids=["one-cell", "any"])
def test_breaks_are_textuals(pieces: list[str]) -> None:
    rng = random.Random(14)
    for _ in range(3000):
        line = random_line(rng, pieces)
        width = rng.choice([1, 2, 3, 5, 8, 13, 20, 40, 77])
        assert wrap_offsets(line, width, 4) == textual(line, width), (line, width)


def test_the_wrapped_document_is_textuals() -> None:
    rng = random.Random(3)
    text = "\n".join(random_line(rng, PIECES) for _ in range(300))
    ours, theirs = ReaderWrapping(Document(text)), WrappedDocument(Document(text))
    for width in (0, 17, 60, 17):
        ours.wrap(width, 4)
        theirs.wrap(width, 4)
        for name in ("_wrap_offsets", "_offset_to_line_info", "_line_index_to_offsets",
                     "_tab_width_cache"):  # fmt: skip
            assert getattr(ours, name) == getattr(theirs, name), (name, width)
        assert ours.height == theirs.height
