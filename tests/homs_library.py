"""A one-article library where the model got things wrong, for the tests of corrections.

"Homs" is named twice and taken for a PERSON (the city); the Red Crescent's reported words
are given their speaker on the line "Mr Haddad" also stands on. Hand-made, like
tests/app_library.py: the offsets are computed from the text.
"""

from __future__ import annotations

from pathlib import Path

from store.library import Library
from tests.app_library import entity, span

TEXT = (
    "Homs was shelled again on Monday, activists said.\n\n"
    'Rami Haddad said: "The shelling of Homs has not stopped for a week."\n\n'
    "The Red Crescent said it could not reach the wounded, Mr Haddad added."
)
TITLE = "Shelling of Homs goes on"
HOMS, HADDAD, CRESCENT = "gHoms", "gHaddad", "gCrescent"


def group(key: str, name: str, label: str, mentions: list[tuple[int, int]], aliases: list[str]):
    return {"id": key, "name": name, "label": label, "count": len(mentions),
            "mentions": [list(m) for m in mentions], "aliases": aliases}  # fmt: skip


def quote(words: str, kind: str, speaker: str, speaker_words: str, key: str) -> dict:
    start, end = span(TEXT, words)
    speaker_start, speaker_end = span(TEXT, speaker_words)
    return {"start": start, "end": end, "kind": kind, "speaker": speaker,
            "speaker_text": speaker_words, "speaker_start": speaker_start,
            "speaker_end": speaker_end, "cue": "say", "partial": False, "group": key}  # fmt: skip


def analysis() -> dict:
    homs = [span(TEXT, "Homs"), span(TEXT, "Homs", 1)]
    haddad = [span(TEXT, "Rami Haddad"), span(TEXT, "Mr Haddad")]
    return {
        "model": "hand-made",
        "entities": [
            entity(TEXT, "Homs", "PERSON", HOMS),
            entity(TEXT, "Monday", "DATE", None),
            entity(TEXT, "Rami Haddad", "PERSON", HADDAD),
            entity(TEXT, "Homs", "PERSON", HOMS, 1),
            entity(TEXT, "Red Crescent", "ORG", CRESCENT),
            entity(TEXT, "Mr Haddad", "PERSON", HADDAD),
        ],
        "groups": [
            group(HOMS, "Homs", "PERSON", homs, ["Homs"]),
            group(HADDAD, "Rami Haddad", "PERSON", haddad, ["Rami Haddad", "Mr Haddad"]),
            group(CRESCENT, "Red Crescent", "ORG", [span(TEXT, "Red Crescent")],
                  ["Red Crescent"]),
        ],
        "quotes": [
            quote("The shelling of Homs has not stopped for a week.", "direct", "Rami Haddad",
                  "Rami Haddad", HADDAD),
            quote("it could not reach the wounded", "indirect", "Red Crescent",
                  "The Red Crescent", CRESCENT),
        ],
    }  # fmt: skip


def fill(library: Library) -> str:
    """Store the article as an import would; returns its id."""
    made = analysis()
    row = {"path": "/news/homs.txt", "title": TITLE, "source": "Wire",
           "published": "2012-02-06", "format": "txt", "words": len(TEXT.split()),
           "quotes": len(made["quotes"]), "people": [g["name"] for g in made["groups"]],
           "model": "hand-made"}  # fmt: skip
    body = {"original": TEXT, "text": TEXT, "boilerplate": [], "analysis": made}
    library.save_article("/news/homs.txt", "hash-homs", row, body)
    return library.articles()[0]["id"]


def make(folder: Path) -> str:
    """A closed library at ``folder`` holding the article; returns its id."""
    with Library(folder) as library:
        return fill(library)
