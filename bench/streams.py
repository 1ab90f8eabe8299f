"""The commands that read a whole library, timed on a generated one: `presscut list` (to its first
line and whole), `presscut export --format json` (articles a second, peak memory) and `presscut
check`.

Each runs as the user runs it, in a process of its own; its CPU time and peak resident memory
come from `os.wait4` of the finished child, beside the wall-clock time (which on a
shared machine says more about the neighbours). ``python -m bench.streams [ARTICLES]``: 10,000
articles by default; 100000 builds (once, cached) the library of 100,000 with 500,000
annotations. The library is first opened and closed for writing, as a library is left after use
(that writes its `catalogue.cache`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.library_gen import cached

PRESSCUT = [sys.executable, "-m", "cli.main"]


def run(folder: Path, *argv: str) -> dict[str, float]:
    """One command: wall seconds to its first line of output and to its end, CPU seconds and
    peak resident MB of its process."""
    start = time.perf_counter()
    child = subprocess.Popen([*PRESSCUT, "--library", str(folder), *argv],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    child.stdout.readline()
    first = time.perf_counter() - start
    for _ in iter(lambda: child.stdout.read(1 << 16), b""):
        pass
    _, _, usage = os.wait4(child.pid, 0)  # this child's own figures
    child.returncode = 0
    wall = time.perf_counter() - start
    return {"first_line_s": round(first, 3), "wall_s": round(wall, 2),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024)}


def measure(articles: int) -> dict[str, object]:
    generated = cached(articles=articles, annotations=5 * articles)
    # in a process of its own: a child inherits this one's peak resident memory at its start
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from store.library"
                    " import Library; Library(Path(sys.argv[1])).close()", str(generated.folder)],
                   check=True)
    figures: dict[str, object] = {"articles": articles}
    figures["list"] = run(generated.folder, "list")
    with tempfile.TemporaryDirectory() as scratch:
        exported = run(generated.folder, "export", "--format", "json",
                       "-o", str(Path(scratch) / "out.json"))
    exported["articles_per_s"] = round(articles / exported["wall_s"])
    exported["articles_per_cpu_s"] = round(articles / exported["cpu_s"])
    figures["export_json"] = exported
    figures["check"] = run(generated.folder, "check")
    return figures


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    found = measure(size)
    for name in ("list", "export_json", "check"):
        print(f"{name:12} {found[name]}")
    print(json.dumps(found))
