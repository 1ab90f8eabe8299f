"""What the converters share: which annotations still have a place, notes as plain lines, and
what a quotation carries."""

from __future__ import annotations

from collections.abc import Iterator

QUOTE_OPEN, QUOTE_CLOSE = "\u201c", "\u201d"


def placed(annotation: dict) -> bool:
    """A span annotation whose offsets still point at its text (an orphan's do not)."""
    return annotation.get("target") is not None and not annotation.get("orphan")


def of_kind(article: dict, kind: str) -> Iterator[dict]:
    return (a for a in article["annotations"] if a["kind"] == kind)


def with_its_words(annotation: dict, value: str) -> str:
    """A tag or note with the words it is on, for formats that can only hold it as text."""
    target = annotation.get("target")
    if not target:
        return value
    return f"{QUOTE_OPEN}{target['exact']}{QUOTE_CLOSE}: {value}"


def notes(article: dict) -> list[str]:
    """Every note on the article, those on a span quoting their words."""
    return [with_its_words(a, a["note"]) for a in of_kind(article, "note")]


QUOTE_LABEL = "QUOTE"  # what a quotation is called where a format labels spans


def speaker_fields(quote: dict) -> dict:
    """A quotation's kind, speaker and cue, and where the text names the speaker (or None):
    what formats that cannot link two spans carry beside the quotation."""
    return {
        "kind": quote["kind"],
        "speaker": quote.get("speaker"),
        "speaker_text": quote.get("speaker_text"),
        "speaker_start": quote.get("speaker_start"),
        "speaker_end": quote.get("speaker_end"),
        "cue": quote.get("cue"),
    }
