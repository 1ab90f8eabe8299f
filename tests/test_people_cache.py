"""The people index's inputs on disk (`store.people_cache`): a second `who` reads no article body,
a corrected article or a changed rule is taken in, and `who --json` holds no more for a larger
library than the names it lists."""

from __future__ import annotations

import gc
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

from bench.library_gen import build
from cli.main import main
from store.anchoring import make_target
from store.library import Library
from store.people_cache import CACHE_NAME
from tests.app_library import fill


@pytest.fixture
def body_reads(monkeypatch) -> list[str]:
    """The ids of the article bodies read from now on."""
    reads: list[str] = []
    real_body = Library.body
    monkeypatch.setattr(Library, "body", lambda self, key: reads.append(key)
                        or real_body(self, key))  # fmt: skip
    return reads


def who(folder: Path, capsys, *args: str) -> list[dict]:
    assert main(["--library", str(folder), "who", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_second_who_reads_no_article_body(tmp_path: Path, capsys, body_reads) -> None:
    build(tmp_path / "library", articles=30, annotations=60, words=120)
    with Library(tmp_path / "library") as library:
        library.rule_set()  # the labels' tallies, which read each body once (store.label_tallies)
    body_reads.clear()
    everyone = who(tmp_path / "library", capsys)
    assert len(body_reads) == 30 and (tmp_path / "library" / CACHE_NAME).is_dir()
    body_reads.clear()
    assert who(tmp_path / "library", capsys) == everyone
    okafors = who(tmp_path / "library", capsys, "okafor")
    assert okafors and all(entity["quotes"] for entity in okafors)
    assert body_reads == []


def test_the_cache_takes_in_a_correction_and_a_rule(tmp_path: Path, capsys, body_reads) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        first, _ = fill(library)
    assert {e["name"]: e["label"] for e in who(folder, capsys)}["United Nations"] == "ORG"
    body_reads.clear()
    with Library(folder) as library:
        text = library.body(first)["text"]
        start = text.index("UN")
        library.add_annotation(first, "correction", origin="correction", action="relabel",
                               label="GPE", target=make_target(text, start, start + 2))
    body_reads.clear()
    assert {e["name"]: e["label"] for e in who(folder, capsys)}["United Nations"] == "GPE"
    assert body_reads == [first]  # the corrected article alone
    with Library(folder) as library:
        library.add_rule("alias", names=["Burhan Ghalioun"], show="B. Ghalioun")
    body_reads.clear()
    (ghalioun,) = who(folder, capsys, "ghalioun")
    assert ghalioun["name"] == "B. Ghalioun" and ghalioun["quotes"]
    assert body_reads == []  # a rule reads no article again


def who_json_peak(folder: Path) -> int:
    """The most memory `presscut who --json` takes beyond the open library's, its cache made."""
    with Library(folder, read_only=True) as library:
        from cli.crossref import run_who

        args = type("Args", (), {"name": None, "json": True, "sort": "articles"})()
        out = io.TextIOWrapper(io.BytesIO())
        real, sys.stdout = sys.stdout, out
        try:
            run_who(library, args)  # makes the cache
            gc.collect()
            tracemalloc.start()
            try:
                run_who(library, args)
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        finally:
            sys.stdout = real


def test_who_json_memory_does_not_grow_with_the_library(tmp_path: Path) -> None:
    build(tmp_path / "small", articles=200, annotations=200, words=120)
    build(tmp_path / "large", articles=2_000, annotations=2_000, words=120)
    small, large = who_json_peak(tmp_path / "small"), who_json_peak(tmp_path / "large")
    # ten times the articles, the same hundred-odd names: only each article's version grows
    assert large < 2.5 * small, (small, large)
