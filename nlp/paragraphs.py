"""Keeping token ranges inside one paragraph.

The parser does not know that a line break ends a sentence, so a headline and the paragraph after
it can come back as one sentence ("Sanctions tightened\\n\\nIn the latest violence ...") and a
subtree can reach across the break. Every span presscut reports stays on its anchor's line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def same_paragraph(a: Token, b: Token) -> bool:
    low, high = sorted((a.idx, b.idx))
    return "\n" not in a.doc.text[low:high] and not a.is_space and not b.is_space


def on_line_of(tokens: list[Token], anchor: Token) -> list[Token]:
    """The tokens that share ``anchor``'s paragraph (the run around it)."""
    return [t for t in tokens if same_paragraph(t, anchor)]
