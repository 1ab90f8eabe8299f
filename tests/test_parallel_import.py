"""Large imports are analysed in two worker processes (`nlp.analyse`): the articles they store
are the ones a single process stores, in the same order.

Real texts (the held-out gold texts, the cross-reference texts and the samples), the real model
in the workers and here, real libraries in tmp_path.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from nlp import analyse
from nlp.analyse import BATCH_SIZE, MAX_PROCESSES, analyse_texts, default_processes
from nlp.sources import read_document
from services.importer import import_paths
from store.library import Library
from tests.conftest import REPO, SAMPLES

SOURCES = sorted(
    [*(REPO / "tests" / "gold" / "texts").glob("*.txt"),
     *(REPO / "tests" / "crossref_texts").glob("*.txt"),
     *SAMPLES.glob("*.txt")]
)  # fmt: skip
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def test_large_imports_are_spread_over_two_processes() -> None:
    words = analyse.PARALLEL_MIN_WORDS
    assert default_processes(["word " * (words - 1)]) == 1
    assert default_processes(["word " * (words // 10)] * 10) == min(MAX_PROCESSES, CORES)


def test_two_worker_processes_give_the_analyses_of_one() -> None:
    texts = [read_document(path).text for path in SOURCES]
    assert len(texts) > 2 * BATCH_SIZE  # each worker gets batches
    alone = list(analyse_texts(texts, processes=1))
    shared = list(analyse_texts(texts, processes=2))
    assert len(shared) == len(texts)
    assert shared == alone
    assert any(analysis.quotes for analysis in alone) and any(a.groups for a in alone)


def stored(library: Library) -> dict[str, tuple[dict, dict]]:
    """Each article's catalogue row (less its times) and its body."""
    return {
        row["id"]: (
            {key: value for key, value in row.items() if key not in ("imported", "updated")},
            library.body(row["id"]),
        )
        for row in library.articles()
    }


@pytest.mark.skipif(CORES < 2, reason="one core: imports never use two processes")
def test_an_import_through_two_processes_stores_what_one_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in SOURCES:
        shutil.copy(path, folder / path.name)
    texts = [read_document(path).text for path in sorted(folder.glob("*.txt"))]
    results = {}
    for name, threshold in (("one", 10**9), ("two", 1)):  # the threshold picks the path
        monkeypatch.setattr(analyse, "PARALLEL_MIN_WORDS", threshold)
        assert default_processes(texts) == (1 if name == "one" else 2)
        with Library(tmp_path / name) as library:
            report = import_paths(library, [folder])
            assert not report.failed and len(report.added) == len(SOURCES)
            results[name] = stored(library)
    assert results["two"] == results["one"]
