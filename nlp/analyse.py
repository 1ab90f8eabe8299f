"""Running the pipeline once per article and turning its parse into plain records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from nlp.entities import find_entities
from nlp.model import load_model, model_label
from nlp.quotes import find_quotes
from nlp.records import Analysis

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 16


def analyse_doc(doc: Doc, label: str) -> Analysis:
    """Entities, their groups and the quotations of one parsed text."""
    entities, groups = find_entities(doc)
    quotes = find_quotes(doc, entities, groups)
    return Analysis(model=label, entities=entities, groups=groups, quotes=quotes)


def analyse_texts(texts: Iterable[str], nlp: Language | None = None) -> Iterator[Analysis]:
    """Analyse texts in order, batched through ``nlp.pipe`` as spaCy is fastest that way."""
    nlp = nlp or load_model()
    label = model_label(nlp)
    texts = list(texts)
    longest = max((len(text) for text in texts), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        yield analyse_doc(doc, label)


def analyse_text(text: str, nlp: Language | None = None) -> Analysis:
    return next(analyse_texts([text], nlp))
