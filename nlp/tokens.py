"""Word tokens for the export formats that count in tokens (Prodigy's spans).

spaCy's rule-based English tokenizer is the one the model itself uses, so token edges match the
entities' edges (bounded on long runs without spaces as the model's is, `nlp.bounded_tokenizer`);
a blank pipeline loads in a tenth of a second, without the model's weights.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@functools.cache
def blank_english() -> Language:
    import spacy

    from nlp.bounded_tokenizer import bound_tokenizer

    return bound_tokenizer(spacy.blank("en"))


def tokenize(text: str) -> list[dict]:
    """Prodigy's token records: ``text``, ``start``, ``end`` (char offsets), ``id``, ``ws``."""
    nlp = blank_english()
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    return [
        {
            "text": token.text,
            "start": token.idx,
            "end": token.idx + len(token.text),
            "id": token.i,
            "ws": bool(token.whitespace_),
        }
        for token in nlp.make_doc(text)
    ]
