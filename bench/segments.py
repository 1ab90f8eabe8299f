"""What the segmented store costs at 10,000 and 100,000 articles: opening and the fold.

Each figure is taken in a process of its own (so the resident memory is that of one open):
- ``open``: a read-only open, the catalogue and the first article's annotations and text (what
  the app does before it shows the first article), CPU and wall seconds and the peak RSS;
- ``fold``: on a working copy, one annotation added and the journal folded in this process
  (`Library.fold_journal`), CPU and wall seconds, and how many segment files it wrote.

    python -m bench.segments --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.library_gen import sized
from bench.workdir import discard, working_copy
from store.layout import SEGMENTS_NAME
from store.library import Library


def measure_open(size: int) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    with Library(sized(size).folder, read_only=True) as library:
        rows = library.catalogue()
        library.annotations(rows[0]["id"])
        library.body(rows[0]["id"])
        return {"open_cpu_s": time.process_time() - cpu, "open_s": time.perf_counter() - wall,
                "open_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure_fold(size: int) -> dict[str, float]:
    generated = sized(size)
    folder = working_copy(generated.folder)
    try:
        before = set((folder / SEGMENTS_NAME).iterdir())
        with Library(folder) as library:
            library.add_annotation(generated.long_id, "tag", tag="one")
            wall, cpu = time.perf_counter(), time.process_time()
            library.fold_journal()
            figures = {"fold_cpu_s": time.process_time() - cpu,
                       "fold_s": time.perf_counter() - wall}
        figures["fold_segments_written"] = len(set((folder / SEGMENTS_NAME).iterdir()) - before)
        return figures
    finally:
        discard(folder)


PARTS = {"open": measure_open, "fold": measure_fold}


def in_child(part: str, size: int) -> dict[str, float]:
    found = subprocess.run([sys.executable, "-m", "bench.segments", "--child", part, str(size)],
                           cwd=Path(__file__).resolve().parents[1], capture_output=True,
                           text=True, check=True)  # fmt: skip
    return json.loads(found.stdout)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(PARTS[args.child[0]](int(args.child[1]))))
        return 0
    for size in args.sizes:
        figures: dict[str, float] = {}
        for part in PARTS:
            figures.update(in_child(part, size))
        print(f"{size}: " + ", ".join(f"{key} {value:.3g}" for key, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
