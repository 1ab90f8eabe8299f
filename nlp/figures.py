"""Figures as the parse reads them: a number with its unit, and the noun it counts.

The model labels the number ("300", "40 million pounds", "12 percent"); what it counts is a
word the parse ties to it ("300 construction workers": "workers" is the head "300" modifies,
"construction" a compound of it; "40 of the workers": the object of "of"). Reading the words
after a number instead counts whatever follows ("14 bridges across", "300 workers returned").
Only the parse knows this, so it is kept with the analysis for the store to compare figures
with (`store.figures`), which never loads the model.

"£40m" comes out of the model as the number "40" labelled MONEY with "m" as the noun it
modifies: a currency sign before and a scale word after belong to the number, not to what it
counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.paragraphs import doc_text
from nlp.records import Entity, Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NUMERIC_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
SCALE_WORDS = frozenset({"k", "m", "mn", "bn", "tn", "million", "billion", "trillion"})
# Ties from a number to the noun it counts or measures.
COUNTING = frozenset({"nummod", "quantmod", "compound", "amod", "nmod"})
NOUN_MODIFIERS = frozenset({"compound", "amod"})  # "construction workers", "new homes"


def find_figures(doc: Doc, entities: list[Entity]) -> list[Figure]:
    """Every numeric entity read as a figure, in the order of ``entities``."""
    found = []
    for entity in entities:
        if entity.label not in NUMERIC_LABELS:
            continue
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        found.append(_figure(entity, span))
    return found


def _figure(entity: Entity, span: Span) -> Figure:
    doc = span.doc
    first, last = span.start, span.end  # token range of the number, grown below
    if first > 0 and doc[first - 1].is_currency and doc[first - 1].whitespace_ == "":
        first -= 1
    root = _root(span)
    head = root.head
    while head.i == last and head.lower_ in SCALE_WORDS and root.dep_ in COUNTING:
        last += 1  # "£40m": the "m" is the number's
        root, head = head, head.head
    noun = _counted(root, head, first, last)
    number_start, number_end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    if noun is None:
        return Figure(entity.start, entity.end, number_start, number_end, None, None, None)
    start, end = noun
    text = doc_text(doc)[start:end]
    return Figure(entity.start, entity.end, number_start, number_end, text, start, end)


def _root(span: Span) -> Token:
    """The token of the span whose head lies outside it (the last such, for a number)."""
    outside = [token for token in span if not (span.start <= token.head.i < span.end)]
    return outside[-1] if outside else span.root


def _counted(root: Token, head: Token, first: int, last: int) -> tuple[int, int] | None:
    """The characters of the noun the number counts, with its modifiers, or None."""
    if root.dep_ in COUNTING and head.pos_ == "NOUN" and head.i >= last:
        noun = head
    else:  # "12 percent of drivers": kept with its "of", as the sentence says it
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
        if of is None or not objects or objects[0].pos_ != "NOUN":
            return None
        if any(t.is_punct or t.is_space for t in of.doc[of.i : objects[0].i]):
            return None
        return of.idx, objects[0].idx + len(objects[0])
    modifiers = [
        child for child in noun.lefts
        if child.dep_ in NOUN_MODIFIERS and child.i >= last and not child.like_num
    ]
    start_token = modifiers[0] if modifiers else noun
    if any(token.is_punct or token.is_space for token in noun.doc[start_token.i : noun.i]):
        start_token = noun
    return start_token.idx, noun.idx + len(noun)
