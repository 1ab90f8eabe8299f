"""spaCy's tokenizer with its cost bounded on long runs of characters without a space.

spaCy peels prefixes and suffixes off a space-free run one at a time, copying and searching the
rest each time: a run of 1,000 quotation marks took two seconds and 8,000 ninety (quadratic and
worse). Runs longer than `LONG_RUN_CHARS` (longer than any word or ordinary link) are split here
into words and single punctuation marks, which is what spaCy makes of such runs anyway; the text
around them goes through spaCy's own tokenizer unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from nlp.doc_join import join_docs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

LONG_RUN_CHARS = 200
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN_CHARS},}}")
_RUN_PARTS = re.compile(r"\w+|[^\w\s]")


class BoundedTokenizer:
    """Wraps a pipeline's tokenizer; see `bound_tokenizer`."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        runs = list(_LONG_RUN.finditer(text))
        if not runs:
            return self.tokenizer(text)
        from spacy.tokens import Doc

        docs = []
        position = 0
        for run in runs:
            if run.start() > position:
                docs.append(self.tokenizer(text[position : run.start()]))
            parts = _RUN_PARTS.findall(run.group())
            docs.append(Doc(self.vocab, words=parts, spaces=[False] * len(parts)))
            position = run.end()
        if position < len(text):
            docs.append(self.tokenizer(text[position:]))
        return join_docs(self.vocab, docs)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)


def bound_tokenizer(nlp: Language) -> Language:
    """The pipeline with the bounded tokenizer in place of its own (set once)."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return nlp
