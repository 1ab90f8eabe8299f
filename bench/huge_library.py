"""Issue 14's cross-article target: one very long article must not slow the commands that read
the whole library.

Two throw-away libraries of generated articles (`bench.library_gen`: ``ARTICLES`` of about 600
words with stored analyses), the second with `bench.long_article`'s article added, the longest an
import accepts (100,000 words, 2,000 quotations, 6,400 entities). Each command runs as
`presscut --library LIB ...` in a subprocess, ``RUNS`` times, alternating the libraries so load
changes hit both alike; the figures are medians of wall-clock time and of the child's CPU time
(user + system), and the ratio with/without the article, per command.

usage: python -m bench.huge_library
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.library_gen import build
from bench.long_article import long_article, save
from store.library import Library

ARTICLES = 300
RUNS = 3
PRESSCUT = Path(sys.executable).with_name("presscut")
COMMANDS = {
    "who": ["who"],
    "who_name": ["who", "Maria Lopez"],
    "list": ["list"],
    "related": ["related", "FIRST"],
    "compare": ["compare", "FIRST", "SECOND"],
    "stats": ["stats"],
}


def libraries(root: Path) -> dict[str, Path]:
    plain, with_long = root / "plain", root / "with_long"
    build(plain, ARTICLES, ARTICLES * 2, 600)
    shutil.copytree(plain, with_long)
    with Library(with_long) as library:
        save(library, long_article())
    return {"without": plain, "with": with_long}


def timed(folder: Path, command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(PRESSCUT), "--library", str(folder), *command],
                          capture_output=True, text=True, check=False)  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{command}: {done.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure() -> dict[str, float]:
    root = Path(tempfile.mkdtemp(prefix="presscut-bench-huge-"))
    try:
        folders = libraries(root)
        with Library(folders["without"]) as library:
            first, second = (row["id"] for row in library.articles()[:2])
        figures: dict[str, float] = {}
        for name, words in COMMANDS.items():
            command = [{"FIRST": first, "SECOND": second}.get(word, word) for word in words]
            runs: dict[str, list[tuple[float, float]]] = {"without": [], "with": []}
            for _ in range(RUNS):
                for which, folder in folders.items():
                    runs[which].append(timed(folder, command))
            for which, timings in runs.items():
                figures[f"{name}_{which}_s"] = statistics.median(w for w, _ in timings)
                figures[f"{name}_{which}_cpu_s"] = statistics.median(c for _, c in timings)
            figures[f"{name}_cpu_ratio"] = (
                figures[f"{name}_with_cpu_s"] / figures[f"{name}_without_cpu_s"]
            )
        return figures
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps({key: round(value, 2) for key, value in measure().items()}, indent=1))
