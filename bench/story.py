"""Issue #19's figures: the story view and ``presscut stats`` over the 10,000-article library.

usage: python -m bench.story   (or `make bench`, which runs every benchmark)

On a working copy of the generated library (`bench.library_gen`). Figures:
- ``stats_cold_s``: ``presscut stats --json`` the first time, when each article's quotations are
  read from its body into ``quotes.cache`` (once per library, then per changed article);
- ``stats_json_s``: the same command again, the median of three runs: what it costs from then on;
- ``story_figures_ms``: computing every chart's figures for the whole library, in process;
- ``story_draw_ms``: from pressing ``S`` the second time (the quotations already read) to the
  story view drawn (headless, 160x48: the key, the figures, three charts and the list behind
  the first bar).
The last line is one JSON object with every figure.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.library_gen import cached
from bench.workdir import discard, working_copy
from store.library import Library
from store.quote_facts import QuoteFacts
from store.stats import story_figures

SIZE = (160, 48)
PRESSCUT = Path(sys.executable).with_name("presscut")


def _stats_seconds(folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(PRESSCUT), "--library", str(folder), "stats", "--json"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


async def _draw_ms(library: Library) -> float:
    """`S` a second time: the first read the quotations into the cache and memory."""
    from tui.app import PresscutApp
    from tui.screens.story import StoryScreen

    app = PresscutApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):
            start = time.perf_counter()
            await pilot.press("S")
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "story"])
            await pilot.pause()
            assert isinstance(app.screen, StoryScreen)
            drawn = (time.perf_counter() - start) * 1000
            await pilot.press("escape")
            await pilot.pause()
        return drawn


def measure() -> dict[str, float]:
    folder = working_copy(cached().folder)
    try:
        cold = _stats_seconds(folder)
        warm = statistics.median(_stats_seconds(folder) for _ in range(3))
        with Library(folder, read_only=True) as library:
            facts = QuoteFacts(folder)
            rows = library.catalogue()
            facts.refresh(library, rows)
            start = time.perf_counter()
            story_figures(rows, facts)
            figures_ms = (time.perf_counter() - start) * 1000
            draw = statistics.median(asyncio.run(_draw_ms(library)) for _ in range(3))
    finally:
        discard(folder)
    return {"stats_cold_s": cold, "stats_json_s": warm, "story_figures_ms": figures_ms,
            "story_draw_ms": draw}


if __name__ == "__main__":
    found = measure()
    for key, value in found.items():
        print(f"{key:20} {value:10.2f}")
    print(json.dumps({key: round(value, 3) for key, value in found.items()}))
