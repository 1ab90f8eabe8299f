"""Wall-clock time and peak memory of importing each hostile input of issue 13 at full size.

Each file is imported by the real command (`presscut import`) into a fresh library under
``/usr/bin/time -v``; the figures are the whole command's, worker processes included. Run with
``python -m bench.hostile_inputs [NAME...]``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench import hostile_texts
from bench.news_files import write_huge_article

PRESSCUT = Path(sys.executable).parent / "presscut"
INPUTS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "captions": (".txt", lambda p: p.write_text(hostile_texts.captions(40_000))),
    "markdown-table": (".md", lambda p: p.write_text(hostile_texts.markdown_table(76_000))),
    "quotation-marks": (".txt", lambda p: p.write_text(hostile_texts.quotation_marks(100_000))),
    "short-lines": (".txt", lambda p: p.write_text(hostile_texts.short_lines(100_000))),
    "unpunctuated": (".txt", lambda p: p.write_text(hostile_texts.unpunctuated(1_000_000))),
    "news-4.9MB": (".txt", lambda p: write_huge_article(p, 4_900_000)),
    "news-2MB": (".txt", lambda p: write_huge_article(p, 2_000_000)),
}


def measure(name: str, folder: Path) -> str:
    suffix, write = INPUTS[name]
    path = folder / f"{name}{suffix}"
    write(path)
    result = subprocess.run(
        ["/usr/bin/time", "-v", str(PRESSCUT), "--library", str(folder / f"lib-{name}"),
         "import", str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", result.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    outcome = next((line for line in result.stderr.splitlines() if "added" in line), "")
    refused = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    return (
        f"{name:16} {path.stat().st_size:>10,} B  {elapsed[1] if elapsed else '?':>8}  "
        f"peak {int(peak[1]) // 1024 if peak else 0:>5} MB  {outcome or refused}"
    )


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="presscut-hostile-") as temp:
        for name in names or list(INPUTS):
            print(measure(name, Path(temp)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
