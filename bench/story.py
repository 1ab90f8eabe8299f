"""Issue #19's figures: the story view and ``presscut stats`` over the 10,000-article library.

usage: python -m bench.story   (or `make bench`, which runs every benchmark)

On a working copy of the generated library (`bench.library_gen`). Figures:
- ``stats_cold_s``: ``presscut stats --json`` the first time, when each article's quotations are
  read from its body into ``quotes.cache`` (once per library, then per changed article);
- ``stats_json_s``: the same command again, the median of three runs: what it costs from then on;
- ``story_figures_ms``: computing every chart's figures for the whole library, in process;
- ``story_first_draw_ms``: from pressing ``S`` the first time in a session (the quotations
  already in ``quotes.cache``) to the story view drawn: its widgets built, the figures counted;
- ``story_draw_ms``: from pressing ``S`` the second time to the story view drawn (headless,
  160x48: the key, the figures, three charts and the list behind the first bar);
- ``minimal_push_ms``: the reference for it, measured in the same run: a screen of one line
  (`bench.minimal_app`'s) pushed the second time; ``story_draw_ratio`` is story_draw_cpu_ms over
  minimal_push_cpu_ms, which says more than either on a loaded machine.
Both views are measured once the app's own start-up workers are done, so that their CPU time
is not counted. Each figure has its CPU time beside it (``..._cpu``: user and system time of
the process that did the work), as wall time on a shared machine says more about the load than
about presscut.
The last line is one JSON object with every figure.
"""

from __future__ import annotations

import asyncio
import json
import resource
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


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _stats_seconds(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `presscut stats --json`."""
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([str(PRESSCUT), "--library", str(folder), "stats", "--json"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


async def _draw_ms(library: Library) -> list[tuple[float, float]]:
    """`S` the first and the second time: wall and CPU ms of each."""
    from tui.app import PresscutApp
    from tui.screens.story import StoryScreen

    app = PresscutApp(library)
    drawn = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        for _ in range(2):
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press("S")
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "story"])
            await pilot.pause()
            assert isinstance(app.screen, StoryScreen)
            drawn.append(((time.perf_counter() - start) * 1000,
                          (time.process_time() - cpu) * 1000))
            await pilot.press("escape")
            await pilot.pause()
    return drawn


async def _minimal_push_ms() -> tuple[float, float]:
    """A screen of one line pushed the second time, as the story view is: wall and CPU ms."""
    from textual.screen import Screen
    from textual.widgets import Static

    from bench.minimal_app import LINE, MinimalApp

    class OneLine(Screen):
        def compose(self):
            yield Static(LINE)

    app = MinimalApp()
    pushed = OneLine()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.install_screen(pushed, "one-line")
        for _ in range(2):
            start, cpu = time.perf_counter(), time.process_time()
            await app.push_screen(pushed)
            await pilot.pause()
            drawn = ((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
            app.pop_screen()
            await pilot.pause()
    return drawn


def measure() -> dict[str, float]:
    folder = working_copy(cached().folder)
    try:
        cold = _stats_seconds(folder)
        warm = _median([_stats_seconds(folder) for _ in range(3)])
        with Library(folder, read_only=True) as library:
            facts = QuoteFacts(folder)
            rows = library.catalogue()
            facts.refresh(library, rows)
            start, cpu = time.perf_counter(), time.process_time()
            story_figures(rows, facts)
            figures = ((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
            draws = [asyncio.run(_draw_ms(library)) for _ in range(3)]
            minimal = _median([asyncio.run(_minimal_push_ms()) for _ in range(3)])
    finally:
        discard(folder)
    found = {}
    for name, unit, (wall, cpu) in (("stats_cold", "s", cold), ("stats_json", "s", warm),
                                    ("story_figures", "ms", figures),
                                    ("story_first_draw", "ms", _median([d[0] for d in draws])),
                                    ("story_draw", "ms", _median([d[1] for d in draws])),
                                    ("minimal_push", "ms", minimal)):
        found[f"{name}_{unit}"], found[f"{name}_cpu_{unit}"] = wall, cpu
    found["story_draw_ratio"] = found["story_draw_cpu_ms"] / max(found["minimal_push_cpu_ms"], 1e-3)
    return found


if __name__ == "__main__":
    found = measure()
    for key, value in found.items():
        print(f"{key:20} {value:10.2f}")
    print(json.dumps({key: round(value, 3) for key, value in found.items()}))
