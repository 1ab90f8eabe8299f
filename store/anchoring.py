"""Where a span annotation sits, and finding that place again after the text changes.

A target carries both W3C selectors: a TextPositionSelector (``start``, ``end``) and a
TextQuoteSelector (``exact`` with some ``prefix`` and ``suffix``). When an article is imported
again with a changed text, each target is placed again: at its offsets if the text there is
unchanged, else at the occurrence of its exact text whose context matches best (nearest the old
place on a tie), else by a fuzzy match; a target that cannot be placed is an orphan, kept for the
user to review and never dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    from store.library import Library

CONTEXT_CHARS = 32
FUZZY_CUTOFF = 70.0  # rapidfuzz score (0-100) below which a fuzzy match is not trusted
FUZZY_WINDOW = 4  # times the span's length searched either side of the old place first


def make_target(text: str, start: int, end: int) -> dict:
    return {
        "start": start,
        "end": end,
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
    }


def _context_score(text: str, start: int, end: int, target: dict) -> int:
    """How many characters of the old prefix and suffix still stand around this place."""
    prefix, suffix = target.get("prefix", ""), target.get("suffix", "")
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    score = 0
    for old, new in zip(reversed(prefix), reversed(before), strict=False):
        if old != new:
            break
        score += 1
    for old, new in zip(suffix, after, strict=False):
        if old != new:
            break
        score += 1
    return score


def _exact_places(text: str, exact: str) -> list[int]:
    places, found = [], text.find(exact)
    while found != -1:
        places.append(found)
        found = text.find(exact, found + 1)
    return places


def _fuzzy_place(text: str, target: dict) -> tuple[int, int] | None:
    exact = target["exact"]
    width = max(len(exact) * FUZZY_WINDOW, 200)
    near_from = max(0, target["start"] - width)
    windows = [(near_from, target["end"] + width), (0, len(text))]
    for window_from, window_to in windows:
        window = text[window_from:window_to]
        match = fuzz.partial_ratio_alignment(exact, window, score_cutoff=FUZZY_CUTOFF)
        if match is not None:
            return _to_word_edges(
                text, window_from + match.dest_start, window_from + match.dest_end
            )
    return None


def _to_word_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match that cut a word, since its width is the old span's, not the new."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def reanchor(target: dict, text: str) -> dict | None:
    """The target placed in ``text``, or None when it cannot be found there."""
    exact, start, end = target["exact"], target["start"], target["end"]
    if not exact:
        return None
    if text[start:end] == exact:
        return make_target(text, start, end)
    places = _exact_places(text, exact)
    if places:
        best = max(
            places,
            key=lambda p: (_context_score(text, p, p + len(exact), target), -abs(p - start)),
        )
        return make_target(text, best, best + len(exact))
    fuzzy = _fuzzy_place(text, target)
    return make_target(text, *fuzzy) if fuzzy else None


def reanchor_article(library: Library, article: str, text: str) -> tuple[int, int]:
    """Place every span annotation of an article again in its new text.

    Returns (moved, orphaned). An orphan keeps its old target, flagged for review.
    """
    moved = orphaned = 0
    for annotation in library.annotations(article):
        target = annotation.get("target")
        if not target:
            continue
        placed = reanchor(target, text)
        if placed is None:
            if not annotation.get("orphan"):
                library.update_annotation(annotation["id"], orphan=True)
            orphaned += 1
        elif placed != target or annotation.get("orphan"):
            library.update_annotation(annotation["id"], target=placed, orphan=False)
            moved += 1
    return moved, orphaned
