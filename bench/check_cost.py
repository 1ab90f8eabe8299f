"""`presscut check` on a generated library: the first check (every text read), the next one
(only what changed since: nothing), one after the snapshot was written again (as by a fold: every
row's and annotation's digest taken again, no text read), and `check --full`; wall and CPU
seconds, peak memory.

``python -m bench.check_cost [ARTICLES]``: 10,000 articles by default, 100000 for the archive's
size (generated once and cached, `bench.library_gen`). The check runs on a scratch folder
holding a copy of the library's own files, its `articles/` a link to the cached texts and its
segments hard links, which `check` only reads: the cache is never written, and nothing 1.6 GB
large is copied.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.library_gen import sized
from store.layout import BODIES_NAME, SEGMENTS_NAME, SNAPSHOT_NAME

PRESSCUT = [sys.executable, "-m", "cli.main"]


def timed(folder: Path, *extra: str) -> dict[str, float]:
    """One `presscut check` in a process of its own: wall and CPU seconds (its own, from
    `os.wait4`), peak resident MB, and how many texts it read."""
    start = time.perf_counter()
    child = subprocess.Popen([*PRESSCUT, "--library", str(folder), "check", *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    out = child.stdout.read()
    _, _, usage = os.wait4(child.pid, 0)  # this child's own figures
    child.returncode = 0
    texts = next(line for line in out.decode().splitlines() if "article texts ok" in line)
    return {"wall_s": round(time.perf_counter() - start, 2),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024), "texts": texts.split(": ", 2)[-1]}


def scratch_library(source: Path, scratch: Path) -> Path:
    folder = scratch / "library"
    folder.mkdir()
    for path in source.iterdir():
        if path.is_file():
            shutil.copy2(path, folder / path.name)
    (folder / BODIES_NAME).symlink_to(source / BODIES_NAME)
    (folder / SEGMENTS_NAME).mkdir()
    for segment in (source / SEGMENTS_NAME).iterdir():  # never changed in place: linked
        os.link(segment, folder / SEGMENTS_NAME / segment.name)
    return folder


def measure(articles: int) -> dict[str, object]:
    generated = sized(articles)
    with tempfile.TemporaryDirectory() as scratch:
        folder = scratch_library(generated.folder, Path(scratch))
        found: dict[str, object] = {"articles": articles, "first": timed(folder)}
        found["next"] = timed(folder)
        os.utime(folder / SNAPSHOT_NAME)  # as a fold leaves it: every digest taken again
        found["after_fold"] = timed(folder)
        found["full"] = timed(folder, "--full")
        return found


if __name__ == "__main__":
    found = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    for name in ("first", "next", "after_fold", "full"):
        print(f"{name:6} {found[name]}")
    print(json.dumps(found))
