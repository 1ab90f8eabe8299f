"""Targets 3 and 6: opening an article and filtering the library, from the key to the redraw.

The app runs headless under Textual's pilot on the working copy of the generated library. Each
timing starts from a quiet app (no worker thread running, the reader caught up with the list)
and runs from the key (or the filter's new value) until the app is idle again, its reader or
list redrawn. Three figures for each:

- the headline (``*_ms``): the CPU time of the whole process, every thread, from the key to
  idle: what the key costs, including work it starts in the background (moving down the list
  folds the side panel away, so its lists and its search for related articles wait until it
  shows again);
- ``*_main_ms``: the CPU time of the main thread alone, the one that draws: what stands
  between the key and the screen;
- ``*_drawn_ms``: wall-clock time from the key to the first frame that shows the result (the
  article in the reader, the filtered list). The pilot's own idle test (it sleeps in 20 ms
  slices until one passes without work, and counts worker threads as work) pads the older
  wall-clock figure, ``*_wall_ms``, kept beside it.

A filter that moves the list's cursor to another article opens it in the reader once typing
pauses (`tui.screens.main.FOLLOW_DELAY`), as a key does: that opening is target 3's, not the
filter's, and it is waited out before the next timing.

The word filter searches the word index, built from the articles' texts in a worker thread
once the app is drawn (``words.cache`` beside the library holds it between runs): its cost
is measured apart, from scratch (``word_index_build_s``, reading 10,000 bodies) and from the
cache (``word_index_load_ms``). The first word filter (``filter_word_cold_ms``) runs once the
index is in, as it would a few seconds after opening the app.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from textual.widgets import Input

from bench.library_gen import Generated
from bench.workdir import discard, working_copy
from store.library import Library
from store.word_index import WordIndex

OPENINGS = 5
SIZE = (160, 48)


class Frames:
    """When the app put a frame on screen, and what the frame showed (``what()`` at the time)."""

    def __init__(self, app, what) -> None:
        self.seen: list[tuple[float, object]] = []
        app.post_display_hook = lambda: self.seen.append((time.perf_counter(), what()))

    def first(self, since: float, shown: object) -> float:
        """Milliseconds from ``since`` to the first frame showing ``shown``."""
        times = [at for at, what in self.seen if at >= since and what == shown]
        return (times[0] - since) * 1000 if times else float("nan")


async def _quiet(app, pilot) -> None:
    """Wait until the reader followed the list and no worker is running."""
    from tui.screens.main import FOLLOW_DELAY

    await pilot.pause(FOLLOW_DELAY + 0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()


class Timing:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.cpu, self.main = time.process_time(), time.thread_time()

    def figures(self, name: str, frames: Frames, shown: object) -> dict[str, float]:
        return {
            f"{name}_ms": (time.process_time() - self.cpu) * 1000,
            f"{name}_main_ms": (time.thread_time() - self.main) * 1000,
            f"{name}_drawn_ms": frames.first(self.start, shown),
            f"{name}_wall_ms": (time.perf_counter() - self.start) * 1000,
        }


async def _run(generated: Generated) -> dict[str, float]:
    from tui.app import PresscutApp  # the app's modules load here, not when the bench starts
    from tui.widgets.article_table import ArticleTable

    folder = working_copy(generated.folder)
    try:
        with Library(folder, read_only=True) as library:
            app = PresscutApp(library)
            async with app.run_test(size=SIZE) as pilot:
                await _quiet(app, pilot)
                screen = app.screen
                table = screen.query_one(ArticleTable)
                frames = Frames(app, lambda: (
                    screen.article.row["id"] if screen.article else None,
                    screen.view.query, table.loading,
                ))  # fmt: skip
                openings: list[dict[str, float]] = []
                for _ in range(OPENINGS):  # row 2 is the 2,000-word article; row 1 a short one
                    timing = Timing()
                    await pilot.press("down")
                    await pilot.pause()
                    assert screen.article.row["id"] == generated.long_id
                    shown = (generated.long_id, "", False)
                    openings.append(timing.figures("open_article", frames, shown))
                    await pilot.press("up")
                    await _quiet(app, pilot)
                figures = {
                    key: statistics.median(opening[key] for opening in openings)
                    for key in openings[0]
                }
                await pilot.press("slash")
                box = screen.query_one("#filter", Input)
                for name, query in (
                    ("filter_word_cold", generated.word),
                    ("filter_word", generated.word + " "),
                    ("filter_tag", f"tag:{generated.tag}"),
                    ("filter_entity", f"who:{generated.who}"),
                ):
                    box.value = ""
                    await _quiet(app, pilot)
                    timing = Timing()
                    box.value = query
                    await pilot.pause()
                    while table.loading:  # the word index still being built: that counts
                        await pilot.pause(0.01)
                    shown = (screen.article.row["id"], query, False)
                    figures.update(timing.figures(name, frames, shown))
                await pilot.press("escape")
        return figures
    finally:
        discard(folder)


def _word_index(generated: Generated) -> dict[str, float]:
    """Building the word index from every body, and reading it back from its cache."""
    gc.collect()  # not the app's leftovers: it ran in this process just before
    with Library(generated.folder, read_only=True) as library, TemporaryDirectory() as cache:
        rows = library.catalogue()
        gc.collect()
        start = time.perf_counter()
        WordIndex(Path(cache)).refresh(library, rows, save=True)
        built = time.perf_counter() - start
        gc.collect()
        start = time.perf_counter()
        WordIndex(Path(cache)).refresh(library, rows)
        loaded = time.perf_counter() - start
    return {"word_index_build_s": built, "word_index_load_ms": loaded * 1000}


def measure_filters(generated: Generated) -> dict[str, float]:
    """Opening an article and filtering, without the word index's own build (`bench.archive`)."""
    return asyncio.run(_run(generated))


def measure(generated: Generated) -> dict[str, float]:
    figures = asyncio.run(_run(generated))
    figures["filter_ms"] = max(
        figures[name] for name in ("filter_word_ms", "filter_tag_ms", "filter_entity_ms")
    )
    figures.update(_word_index(generated))
    return figures
