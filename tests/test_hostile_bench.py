"""`bench.hostile_inputs` counts the pool's workers in its memory and CPU figures.

The workers are the fork server's children, not the command's: ``/usr/bin/time`` reported the
command alone, a few hundred megabytes, while each worker held the model and a parse.
"""

from __future__ import annotations

from pathlib import Path

from bench import hostile_inputs
from bench.news_files import write_huge_article


def test_the_bench_counts_the_workers(tmp_path: Path, monkeypatch) -> None:
    inputs = {"news-small": (".txt", lambda path: write_huge_article(path, 250_000))}
    monkeypatch.setattr(hostile_inputs, "INPUTS", inputs)
    figures = hostile_inputs.measure("news-small", tmp_path)
    assert figures.outcome.startswith("1 added")
    assert figures.processes >= 4  # the command, the fork server, two workers
    assert figures.peak > figures.largest + (100 << 20)  # each worker holds the model
    assert figures.cpu > figures.wall / 4
