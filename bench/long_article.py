"""Issue 14's reader target: keys in the reader of a very long article each under 50 ms: the
longest an import accepts (`nlp.article_limit.MAX_ARTICLE_WORDS`, 100,000 words): 98,600 words,
560 KB of text, 6,400 entities, 2,000 quotations.

The article is the generated 2,000-word one (`bench.library_gen`) repeated as often as the limit
holds it (49 times), its analysis shifted to each copy's offsets, saved through the store into a
throw-away library.
The app runs headless under Textual's pilot (160x48), the article open in the reader; each key
is pressed ``PRESSES`` times from a quiet app, and timed as `bench.in_app` times a key: the CPU
time of the whole process from the key to idle (``long_<key>_ms``, the headline), the main
thread's (``*_main_ms``), and wall-clock time to the first frame after the key
(``*_drawn_ms``). Medians; ``long_key_ms`` is the slowest key's, and ``short_key_ms`` beside
it the same for the 2,000-word article alone, in the same run: the reference, as the figures
move with the machine's load. Opening the article, from enter on the library's row to the
reader drawn, is timed once (``long_open_s`` wall clock, ``long_open_cpu_s`` the process's CPU
time), beside the same for the 2,000-word article (``short_open_s``, ``short_open_cpu_s``):
the target is under a second on a quiet machine.

usage: python -m bench.long_article
"""

from __future__ import annotations

import asyncio
import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.library_gen import LONG_WORDS, Article, _group, make_article
from nlp.article_limit import MAX_ARTICLE_WORDS
from store.library import Library

PRESSES = 5
SIZE = (160, 48)
# What a reader does: move, page, jump to quotations and entities, select and grow by words.
KEYS = {
    "down": "down",
    "page_down": "pagedown",
    "next_quote": "right_square_bracket",
    "next_entity": "e",
    "select_word": "v",
    "grow_word": "w",
    "grow_sentence": "right_parenthesis",
}


def long_article(copies: int | None = None) -> Article:
    """``copies`` of the generated article in one; by default as many as `MAX_ARTICLE_WORDS`
    holds."""
    part = make_article(random.Random(11), LONG_WORDS)
    copies = copies or MAX_ARTICLE_WORDS // len(part.text.split())
    article = Article()
    pieces = []
    for copy in range(copies):
        base = copy * (len(part.text) + 2)
        article.entities += [
            {**e, "start": e["start"] + base, "end": e["end"] + base} for e in part.entities
        ]
        article.quotes += [
            {**q, "start": q["start"] + base, "end": q["end"] + base,
             "speaker_start": q["speaker_start"] + base, "speaker_end": q["speaker_end"] + base}
            for q in part.quotes
        ]  # fmt: skip
        pieces.append(part.text)
    article.text = "\n\n".join(pieces)
    _group(article)
    return article


def save(library: Library, article: Article) -> str:
    analysis = {"model": "generated", "entities": article.entities, "groups": article.groups,
                "quotes": article.quotes}  # fmt: skip
    row = {"path": "/bench/long.txt", "title": "A very long article", "source": "BENCH",
           "published": "2030-01-01", "format": "txt", "words": len(article.text.split()),
           "quotes": len(article.quotes), "people": [], "model": "generated"}  # fmt: skip
    body = {"original": article.text, "text": article.text, "boilerplate": [],
            "analysis": analysis}  # fmt: skip
    library.save_article("/bench/long.txt", "long", row, body)
    return library.articles()[0]["id"]


async def _run(folder: Path) -> dict[str, float]:
    from bench.in_app import Frames, Timing
    from tui.app import PresscutApp
    from tui.widgets.article_text import ArticleText

    with Library(folder) as library:
        app = PresscutApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            figures = {
                "long_open_s": time.perf_counter() - start,
                "long_open_cpu_s": time.process_time() - cpu,
            }
            reader = app.screen.query_one(ArticleText)
            assert app.focused is reader and reader.text
            frames = Frames(app, lambda: (reader.selection, reader.scroll_offset))
            for name, key in KEYS.items():
                timings = []
                for _ in range(PRESSES):
                    await pilot.pause(0.05)
                    timing = Timing()
                    await pilot.press(key)
                    await pilot.pause()
                    shown = (reader.selection, reader.scroll_offset)
                    timings.append(timing.figures(f"long_{name}", frames, shown))
                    if key == "w":
                        await pilot.press("v")  # drop it: each w grows a one-word selection
                for figure in timings[0]:
                    figures[figure] = statistics.median(t[figure] for t in timings)
    figures["long_key_ms"] = max(figures[f"long_{name}_ms"] for name in KEYS)
    return figures


def measure() -> dict[str, float]:
    figures = measure_article(None)
    short = measure_article(1)
    figures["short_key_ms"] = short["long_key_ms"]
    figures["short_open_s"] = short["long_open_s"]
    figures["short_open_cpu_s"] = short["long_open_cpu_s"]
    return figures


def measure_article(copies: int | None) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="presscut-bench-long-")) / "library"
    try:
        with Library(folder) as library:
            article = long_article(copies)
            save(library, article)
        figures = asyncio.run(_run(folder))
        figures["long_words"] = len(article.text.split())
        return figures
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps({key: round(value, 2) for key, value in measure().items()}, indent=1))
