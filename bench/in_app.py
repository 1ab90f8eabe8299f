"""Targets 3 and 6: opening an article and filtering the library, from the key to the redraw.

The app runs headless under Textual's pilot on the working copy of the generated library. A
timing starts before the key (or the filter's new value) is given and stops when the app is
idle again, its reader or list redrawn. The pilot finds "idle" by sleeping in 20 ms slices
until one passes without work, which pads the wall-clock figure by 20-40 ms; so the headline
figure is the CPU time the process spent from the key to idle (everything runs in this one
process: handling the key, reading the article, laying out and rendering), and the wall-clock
figure is printed beside it as an upper bound. The first filter by a word reads every
article's text from disk (the app caches them afterwards): that cold figure is kept apart.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from textual.widgets import Input

from bench.library_gen import Generated
from bench.workdir import discard, working_copy
from store.library import Library

OPENINGS = 5
SIZE = (160, 48)


async def _run(generated: Generated) -> dict[str, float]:
    from tui.app import PresscutApp  # the app's modules load here, not when the bench starts

    folder = working_copy(generated.folder)
    try:
        with Library(folder, read_only=True) as library:
            app = PresscutApp(library)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                openings, walls = [], []
                for _ in range(OPENINGS):  # row 2 is the 2,000-word article; row 1 a short one
                    start, cpu = time.perf_counter(), time.process_time()
                    await pilot.press("down")
                    await pilot.pause()
                    openings.append((time.process_time() - cpu) * 1000)
                    walls.append((time.perf_counter() - start) * 1000)
                    assert app.screen.article.row["id"] == generated.long_id
                    await pilot.press("up")
                    await pilot.pause()
                await pilot.press("slash")
                box = app.screen.query_one("#filter", Input)
                figures = {
                    "open_article_ms": statistics.median(openings),
                    "open_article_wall_ms": statistics.median(walls),
                }
                for name, query in (
                    ("filter_word_cold_ms", generated.word),
                    ("filter_word_ms", generated.word + " "),
                    ("filter_tag_ms", f"tag:{generated.tag}"),
                    ("filter_entity_ms", f"who:{generated.who}"),
                ):
                    box.value = ""
                    await pilot.pause()
                    start, cpu = time.perf_counter(), time.process_time()
                    box.value = query
                    await pilot.pause()
                    figures[name] = (time.process_time() - cpu) * 1000
                    figures[name.replace("_ms", "_wall_ms")] = (time.perf_counter() - start) * 1000
                await pilot.press("escape")
        return figures
    finally:
        discard(folder)


def measure(generated: Generated) -> dict[str, float]:
    figures = asyncio.run(_run(generated))
    figures["filter_ms"] = max(
        figures[name] for name in ("filter_word_ms", "filter_tag_ms", "filter_entity_ms")
    )
    return figures
