"""Issue #8's figures: building the people index over 10,000 articles, and opening compare.

usage: python -m bench.crossref

Runs on the generated library of issue #7 (`bench.library_gen`: 10,000 articles of about 600
words with stored analyses: groups, quotations, figures-free entities), opened read-only, so no
model runs. Figures: the cold build (reading every stored analysis), the merge across articles,
a refresh when nothing changed and one after a single article changed (what an import costs the
index), related articles for one article, and compare: computing it for the 2,000-word article
against another, and opening the view headless (from the push to the first idle). The last line
is one JSON object with every figure.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

from bench.library_gen import cached
from store.compare import compare
from store.library import Library
from store.people_index import PeopleIndex
from store.related import related

SIZE = (160, 48)


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


async def _open_compare(library: Library, a: str, b: str) -> float:
    from tui.app import PresscutApp
    from tui.screens.compare import CompareScreen

    app = PresscutApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.push_screen(CompareScreen(compare(library, a, b)))
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        return _ms(start)


def main() -> int:
    generated = cached()
    figures: dict[str, float] = {}
    with Library(generated.folder, read_only=True) as library:
        rows = library.articles()
        start = time.perf_counter()
        index = PeopleIndex(library)
        index.refresh()
        figures["index_read_ms"] = _ms(start)
        start = time.perf_counter()
        entities = index.entities()
        figures["index_merge_ms"] = _ms(start)
        figures["index_build_ms"] = figures["index_read_ms"] + figures["index_merge_ms"]
        figures["articles"] = len(rows)
        figures["entities"] = len(entities)
        start = time.perf_counter()
        index.refresh()
        figures["refresh_unchanged_ms"] = _ms(start)
        start = time.perf_counter()
        index.update(rows[5]["id"])
        index.entities()
        figures["update_one_article_ms"] = _ms(start)
        start = time.perf_counter()
        related(index, generated.long_id)
        figures["related_ms"] = _ms(start)
        other = rows[0]["id"]
        start = time.perf_counter()
        result = compare(library, generated.long_id, other)
        figures["compare_ms"] = _ms(start)
        figures["compare_quote_pairs_checked"] = (
            len(result.pairs) + len(result.only_a_quotes) + len(result.only_b_quotes)
        )
        figures["open_compare_view_ms"] = asyncio.run(
            _open_compare(library, generated.long_id, other)
        )
    for key, value in figures.items():
        print(f"{key:30} {value:12.1f}")
    print(json.dumps({key: round(value, 1) for key, value in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
