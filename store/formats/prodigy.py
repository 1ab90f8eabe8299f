"""The ``jsonl`` export: one Prodigy task per article, the user's corrected entities and
quotations as spans.

Prodigy reads tasks with ``text``, ``tokens`` and ``spans`` (character offsets plus the first and
last token, inclusive) and dedupes them by ``_input_hash`` and ``_task_hash``; ``answer:
accept`` marks the spans as reviewed, which they are once the user has corrected them. The
entities never overlap one another (what a NER task needs); the quotations come after them as
``QUOTE`` spans, which contain entities (what span categorisation allows; leave them out for
NER training), each with ``meta`` holding its kind, speaker, cue and the speaker's words. Tags
and notes cannot be spans of an NER task, so they travel under ``meta``, which Prodigy shows
beside the task. Tokens come from the caller (spaCy's tokenizer, in ``nlp.tokens``) because
``store`` never imports spaCy.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO

import orjson

from store.formats.common import QUOTE_LABEL, notes, of_kind, speaker_fields, with_its_words

Tokenize = Callable[[str], list[dict]]


def task_hash(value: Any) -> int:
    """A stable signed 32-bit hash, the kind of number Prodigy keeps its hashes as."""
    digest = hashlib.blake2b(orjson.dumps(value, option=orjson.OPT_SORT_KEYS), digest_size=4)
    return int.from_bytes(digest.digest(), "big", signed=True)


def token_range(
    starts: list[int], ends: list[int], start: int, end: int
) -> tuple[int, int] | None:
    """The first and last token (by their offsets) a character span touches, or None when it
    touches none."""
    first = max(bisect_right(starts, start) - 1, 0)
    if first < len(starts) and ends[first] <= start:
        first += 1  # the span starts in the space after a token
    last = min(bisect_left(ends, end), len(starts) - 1)
    return (first, last) if first <= last else None


class Tokens:
    """An article's tokens, and character spans widened to the whole tokens they touch."""

    def __init__(self, text: str, tokens: list[dict]) -> None:
        self.text, self.tokens = text, tokens
        self.starts = [token["start"] for token in tokens]
        self.ends = [token["end"] for token in tokens]

    def span(self, start: int, end: int, label: str) -> dict | None:
        found = token_range(self.starts, self.ends, start, end)
        if found is None:
            return None
        first, last = found
        start, end = self.tokens[first]["start"], self.tokens[last]["end"]
        return {"start": start, "end": end, "text": self.text[start:end], "label": label,
                "token_start": first, "token_end": last}  # fmt: skip


def ner_spans(article: dict, tokens: list[dict]) -> list[dict]:
    """The corrected entities widened to whole tokens, without overlaps (the longest stays)."""
    words = Tokens(article["text"], tokens)
    spans = [
        span
        for entity in article["entities"]
        if (span := words.span(entity["start"], entity["end"], entity["label"])) is not None
    ]
    kept: list[dict] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s["start"] - s["end"], s["start"])):
        covered = set(range(span["token_start"], span["token_end"] + 1))
        if not covered & taken:
            kept.append(span)
            taken |= covered
    return sorted(kept, key=lambda s: s["start"])


def quote_spans(article: dict, tokens: list[dict]) -> list[dict]:
    """The corrected quotations as ``QUOTE`` spans (they hold entities, so they overlap the
    entity spans, as span categorisation allows), each with its kind, speaker and cue, and the
    speaker's words, under the span's ``meta``."""
    words = Tokens(article["text"], tokens)
    spans = []
    for quote in article["quotes"]:
        span = words.span(quote["start"], quote["end"], QUOTE_LABEL)
        if span is not None:
            spans.append({**span, "meta": speaker_fields(quote)})
    return spans


def prodigy_task(article: dict, tokens: list[dict]) -> dict[str, Any]:
    spans = ner_spans(article, tokens) + quote_spans(article, tokens)
    input_hash = task_hash({"text": article["text"]})
    return {
        "text": article["text"],
        "meta": {
            "id": article["id"],
            "title": article["title"],
            "source": article["source"],
            "published": article["published"],
            "tags": article["tags"],
            "span_tags": [
                with_its_words(a, a["tag"]) for a in of_kind(article, "tag") if a.get("target")
            ],
            "notes": notes(article),
        },
        "tokens": tokens,
        "spans": spans,
        "_input_hash": input_hash,
        "_task_hash": task_hash(
            {"input": input_hash, "spans": [(s["start"], s["end"], s["label"]) for s in spans]}
        ),
        "answer": "accept",
    }


def write_prodigy(articles: Iterable[dict], tokenize: Tokenize, out: BinaryIO) -> None:
    for article in articles:
        out.write(orjson.dumps(prodigy_task(article, tokenize(article["text"]))) + b"\n")
