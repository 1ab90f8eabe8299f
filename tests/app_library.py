"""A small real library for app tests, written through the store as an import would write it.

The analysis is hand-made (offsets computed from the text), so the app tests do not depend on
what the model finds; tests with the model use the sample articles.
"""

from __future__ import annotations

import time
from pathlib import Path

from store.library import Library

TEXT_A = (
    'Burhan Ghalioun said: "We were unable to change the position of the Russian government."\n\n'
    "The UN says more than 3,500 people have died. Mr Ghalioun left Moscow on Tuesday.\n\n"
    "A line that looks like markup: [bold]not bold[/bold] and an escape \x1b[31m here."
)
TEXT_B = "The Kremlin urged a dialogue, the ministry said. Turkey announced new sanctions."


def span(text: str, words: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def entity(text: str, words: str, label: str, group: str | None, occurrence: int = 0) -> dict:
    start, end = span(text, words, occurrence)
    return {"start": start, "end": end, "label": label, "text": words, "group": group}


def analysis_a() -> dict:
    ghalioun = [span(TEXT_A, "Burhan Ghalioun"), span(TEXT_A, "Mr Ghalioun")]
    quote_start, quote_end = span(TEXT_A, "We were unable to change the position")
    said_start, said_end = span(TEXT_A, "more than 3,500 people have died")
    return {
        "model": "hand-made",
        "entities": [
            entity(TEXT_A, "Burhan Ghalioun", "PERSON", "g1"),
            entity(TEXT_A, "Russian", "NORP", None),
            entity(TEXT_A, "UN", "ORG", "g2"),
            entity(TEXT_A, "more than 3,500", "CARDINAL", None),
            entity(TEXT_A, "Mr Ghalioun", "PERSON", "g1"),
            entity(TEXT_A, "Moscow", "GPE", None),
            entity(TEXT_A, "Tuesday", "DATE", None),
        ],
        "groups": [
            {
                "id": "g1",
                "name": "Burhan Ghalioun",
                "label": "PERSON",
                "count": 2,
                "mentions": [list(m) for m in ghalioun],
                "aliases": ["Mr Ghalioun"],
            },
            {
                "id": "g2",
                "name": "United Nations",
                "label": "ORG",
                "count": 1,
                "mentions": [list(span(TEXT_A, "UN"))],
                "aliases": ["UN"],
            },
        ],
        "quotes": [
            {
                "start": quote_start,
                "end": quote_end + len(" of the Russian government."),
                "kind": "direct",
                "speaker": "Burhan Ghalioun",
                "speaker_text": "Burhan Ghalioun",
                "speaker_start": 0,
                "speaker_end": 15,
                "cue": "say",
                "partial": False,
                "group": "g1",
            },
            {
                "start": said_start,
                "end": said_end,
                "kind": "indirect",
                "speaker": "United Nations",
                "speaker_text": "The UN",
                "speaker_start": span(TEXT_A, "The UN")[0],
                "speaker_end": span(TEXT_A, "The UN")[1],
                "cue": "say",
                "partial": False,
                "group": "g2",
            },
        ],
    }


def analysis_b() -> dict:
    return {
        "model": "hand-made",
        "entities": [entity(TEXT_B, "Kremlin", "ORG", "g3"), entity(TEXT_B, "Turkey", "GPE", "g4")],
        "groups": [
            {
                "id": "g3",
                "name": "Kremlin",
                "label": "ORG",
                "count": 1,
                "mentions": [list(span(TEXT_B, "Kremlin"))],
                "aliases": [],
            },
            {
                "id": "g4",
                "name": "Turkey",
                "label": "GPE",
                "count": 1,
                "mentions": [list(span(TEXT_B, "Turkey"))],
                "aliases": [],
            },
        ],
        "quotes": [],
    }


def fill(library: Library) -> tuple[str, str]:
    """Two articles: A (BBC, newer, two quotations) and B (UPI, older)."""
    for origin, title, source, date, text, analysis, people in (
        (
            "/news/a.txt",
            "Syria opposition fails to convince Russia",
            "BBC",
            "2011-11-15",
            TEXT_A,
            analysis_a(),
            ["Burhan Ghalioun", "United Nations"],
        ),
        (
            "/news/b.txt",
            "Kremlin pressed on Syrian stance",
            "UPI",
            "2011-11-14",
            TEXT_B,
            analysis_b(),
            ["Kremlin", "Turkey"],
        ),
    ):
        row = {
            "path": origin,
            "title": title,
            "source": source,
            "published": date,
            "format": "txt",
            "words": len(text.split()),
            "quotes": len(analysis["quotes"]),
            "people": people,
            "model": "hand-made",
        }
        body = {
            "original": "Advertisement\n\n" + text,
            "text": text,
            "boilerplate": [[0, 13]],
            "analysis": analysis,
        }
        library.save_article(origin, f"hash-{title}", row, body)
    by_title = {row["title"]: row["id"] for row in library.articles()}
    return by_title["Syria opposition fails to convince Russia"], by_title[
        "Kremlin pressed on Syrian stance"
    ]


def open_library(folder: Path) -> Library:
    library = Library(folder)
    fill(library)
    return library


async def until(pilot, holds, seconds: float = 20.0) -> None:
    """Pause the app until ``holds()`` is true: the library is read in a worker, and on a loaded
    machine one pause is not always enough for the first article to be shown."""
    deadline = time.monotonic() + seconds
    while not holds():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not so after {seconds} s")
        await pilot.pause(0.05)
    await pilot.pause()


async def import_from_app(app, pilot, paths: str) -> None:
    """Import as the user does: `i`, the paths typed into the prompt, `enter`; returns when the
    import's worker is done and its results are drawn."""
    from tui.screens.importing import ImportPrompt

    await pilot.press("i")
    assert isinstance(app.screen, ImportPrompt)
    app.screen.query_one("#import-paths").value = paths
    await pilot.press("enter")
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "import"])
    await pilot.pause()
