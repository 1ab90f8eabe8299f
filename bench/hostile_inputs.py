"""Wall-clock time, CPU time and peak memory of importing each hostile input of issue 13 at full
size.

Each file is imported by the real command (`presscut import`) into a fresh library, in a session
of its own; every process of that session (the command, the fork server, the pool's workers) is
read from ``/proc`` five times a second, so the figures count the workers, which are the fork
server's children and which ``/usr/bin/time`` never saw. ``cpu`` sums each process's CPU time as
last read; ``peak`` is the most memory the processes held together, ``largest`` the most one
held. Genuine news prose is imported up to `MAX_ARTICLE_WORDS` ("news-100k-words", the longest
text accepted) and refused past it in one line before any parse ("news-2MB", "news-4.9MB").
"parse-rate" is spaCy's own speed on the same news prose, in this process: words parsed per
second of CPU, the figure every import of genuine prose is bounded by.
Run with ``python -m bench.hostile_inputs [NAME...]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import hostile_texts
from bench.library_gen import make_article
from bench.news_files import write_article_of_words, write_huge_article
from nlp.article_limit import MAX_ARTICLE_WORDS

PRESSCUT = Path(sys.executable).parent / "presscut"
INPUTS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "captions": (".txt", lambda p: p.write_text(hostile_texts.captions(40_000))),
    "markdown-table": (".md", lambda p: p.write_text(hostile_texts.markdown_table(76_000))),
    "quotation-marks": (".txt", lambda p: p.write_text(hostile_texts.quotation_marks(100_000))),
    "short-lines": (".txt", lambda p: p.write_text(hostile_texts.short_lines(100_000))),
    "unpunctuated": (".txt", lambda p: p.write_text(hostile_texts.unpunctuated(1_000_000))),
    "news-4.9MB": (".txt", lambda p: write_huge_article(p, 4_900_000)),
    "news-2MB": (".txt", lambda p: write_huge_article(p, 2_000_000)),
    "news-100k-words": (".txt", lambda p: write_article_of_words(p, MAX_ARTICLE_WORDS)),
    # The classes above as large as the word limit lets through, so the cleaner's own work on
    # each is still measured at the size that reaches it.
    "captions-under-limit": (".txt", lambda p: p.write_text(hostile_texts.captions(9_000))),
    "table-under-limit": (".md", lambda p: p.write_text(hostile_texts.markdown_table(7_500))),
    "short-lines-under-limit": (".txt", lambda p: p.write_text(hostile_texts.short_lines(33_000))),
    "unpunctuated-under-limit": (".txt",
                                 lambda p: p.write_text(hostile_texts.unpunctuated(600_000))),
}
PARSE_RATE = "parse-rate"
PARSE_RATE_WORDS = 20_000


SAMPLE_SECONDS = 0.2
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def session_usage(session: int) -> dict[int, tuple[float, int]]:
    """CPU seconds and resident bytes of each live process of ``session``."""
    usage = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended while read
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session and fields[0] != "Z":
            cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
            usage[int(entry.name)] = (cpu, int(fields[21]) * PAGE)  # rss in pages
    return usage


@dataclass
class Figures:
    name: str
    size: int  # bytes of the file
    wall: float  # seconds
    cpu: float  # seconds, all processes
    peak: int  # bytes held by all processes together at most
    largest: int  # bytes held by the largest process at most
    processes: int  # how many took part: the command, the fork server, the workers
    outcome: str

    def line(self) -> str:
        return (
            f"{self.name:24} {self.size:>10,} B  wall {self.wall:7.1f} s  cpu {self.cpu:7.1f} s  "
            f"peak {self.peak >> 20:>5} MB  largest {self.largest >> 20:>5} MB  "
            f"{self.processes} processes  {self.outcome}"
        )


def measure(name: str, folder: Path) -> Figures:
    suffix, write = INPUTS[name]
    path = folder / f"{name}{suffix}"
    write(path)
    command = [str(PRESSCUT), "--library", str(folder / f"lib-{name}"), "import", str(path)]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    cpu: dict[int, float] = {}
    peak = largest = 0
    while process.poll() is None:
        usage = session_usage(process.pid)
        for pid, (seconds, _) in usage.items():
            cpu[pid] = seconds
        peak = max(peak, sum(rss for _, rss in usage.values()))
        largest = max([largest, *(rss for _, rss in usage.values())])
        time.sleep(SAMPLE_SECONDS)
    elapsed = time.perf_counter() - began
    errors = process.stderr.read() if process.stderr else ""
    summary = next((line for line in errors.splitlines() if "added" in line), "")
    refused = [line.removeprefix(f"{path}: ") for line in errors.splitlines()
               if line.startswith(str(path))]
    outcome = "; ".join([summary, *(f"refused: {line}" for line in refused)]).strip("; ")
    return Figures(name, path.stat().st_size, elapsed, sum(cpu.values()), peak, largest,
                   len(cpu), outcome)


def parse_rate(words: int = PARSE_RATE_WORDS) -> str:
    """spaCy's parse of ``words`` words of news prose in this process, as an import parses
    them (`nlp.analyse.parse_pieces`), the model loaded beforehand: a line with words per
    second of CPU (one core's worth, whatever the threads) beside the wall-clock figure."""
    import random

    from nlp.analyse import parse_pieces
    from nlp.model import load_model

    nlp = load_model()
    rng = random.Random(3)
    text = "\n\n".join(make_article(rng, 2000).text for _ in range(words // 2000))
    counted = len(text.split())
    began, cpu = time.perf_counter(), time.process_time()
    parse_pieces(text, nlp)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    return (f"{PARSE_RATE:24} {counted:>10,} words  wall {wall:7.1f} s  cpu {cpu:7.1f} s  "
            f"{counted / cpu:,.0f} words/s of CPU, {counted / wall:,.0f} words/s wall")  # fmt: skip


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="presscut-hostile-") as temp:
        for name in names or [*INPUTS, PARSE_RATE]:
            line = parse_rate() if name == PARSE_RATE else measure(name, Path(temp)).line()
            print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
