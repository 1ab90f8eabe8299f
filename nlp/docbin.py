"""The ``spacy`` export: a DocBin of the articles with the user's corrected entities.

It is what ``spacy train`` reads: each article's reading text tokenized as the model tokenizes
it, with the entities presscut shows (the model's, corrected by the user) as ``doc.ents``, so
every other token is an explicit "outside" and the corrections become training signal. The
article's id travels in ``user_data`` to trace a doc back to its article.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from nlp.tokens import blank_english


def write_docbin(articles: Iterable[dict], out: BinaryIO) -> None:
    """The articles of a presscut/1 export as ``.spacy`` bytes. Each article is read and
    tokenized in turn, but a DocBin is one compressed whole: it holds every token's attributes
    until it is written (about 100 bytes a token), so it grows with the articles exported."""
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    nlp = blank_english()
    docs = DocBin(store_user_data=True)
    for article in articles:
        text = article["text"]
        nlp.max_length = max(nlp.max_length, len(text) + 1)
        doc = nlp.make_doc(text)
        spans = [
            doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand")
            for e in article["entities"]
            if 0 <= e["start"] <= e["end"] <= len(text)  # imports refuse others; old ones stay out
        ]
        # A user's span that cut a token is widened to whole tokens; overlaps keep the longest.
        doc.ents = filter_spans([span for span in spans if span is not None and len(span)])
        doc.user_data["presscut_id"] = article["id"]
        docs.add(doc)
    out.write(docs.to_bytes())
