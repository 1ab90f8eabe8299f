"""The library's list when many articles carry corrections: what it costs to count their
quotations and name their people as corrected (`store.corrected_fields`).

A generated library of 10,000 articles and 50,000 annotations; a correction (a rejected
quotation, a relabelled entity) is added to CORRECTED articles. Printed: the catalogue before any
correction, the first catalogue after them (each corrected article's analysis read once), the
next (nothing changed: all from memory), and after one more correction (one article read again).
Run: `.venv/bin/python -m bench.corrected_catalogue`.
"""

from __future__ import annotations

import statistics
import time

from bench.library_gen import cached
from bench.workdir import discard, working_copy
from store.anchoring import make_target
from store.library import Library

CORRECTED = 500
RUNS = 5


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def correct(library: Library, key: str) -> None:
    body = library.body(key)
    analysis, text = body["analysis"], body["text"]
    if analysis["quotes"]:
        quote = analysis["quotes"][0]
        library.add_annotation(key, "correction", origin="correction", action="reject_quote",
                               target=make_target(text, quote["start"], quote["end"]))
    entity = analysis["entities"][0]
    library.add_annotation(key, "correction", origin="correction", action="relabel",
                           label="GPE", target=make_target(text, entity["start"], entity["end"]))


def main() -> None:
    generated = cached()
    folder = working_copy(generated.folder)
    try:
        with Library(folder) as library:
            keys = [row["id"] for row in library.articles()]
            plain = statistics.median(timed(library.catalogue) for _ in range(RUNS))
            for key in keys[:CORRECTED]:
                correct(library, key)
            first = timed(library.catalogue)
            again = statistics.median(timed(library.catalogue) for _ in range(RUNS))
            correct(library, keys[0])
            one_more = timed(library.catalogue)
        print(f"catalogue of {len(keys):,} articles, no corrections: {plain:.0f} ms (median)")
        print(f"first after corrections in {CORRECTED} articles: {first:.0f} ms")
        print(f"next, nothing changed: {again:.0f} ms (median)")
        print(f"after one more correction: {one_more:.0f} ms")
    finally:
        discard(folder)


if __name__ == "__main__":
    main()
