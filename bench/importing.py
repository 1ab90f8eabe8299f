"""Target 4: import with analysis, in words per second, beside spaCy's own ``nlp.pipe``.

The reference parses the texts with ``nlp.pipe`` (default settings, model already loaded, so
its load is not counted); presscut's figure is its whole import path (``services.importer``) over
the same texts as files: reading and cleaning each file, the parse, presscut's entity and
quotation analysis, and the durable save, with its worker processes' model loads counted.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench.library_gen import make_article
from nlp.model import load_model
from services.importer import import_paths
from store.library import Library

TEXTS = 160
WORDS = 600


def _texts() -> list[str]:
    rng = random.Random(11)
    return [make_article(rng, WORDS).text for _ in range(TEXTS)]


def measure() -> dict[str, float]:
    texts = _texts()
    words = sum(len(text.split()) for text in texts)
    nlp = load_model()
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    spacy_rate = words / (time.perf_counter() - start)
    with tempfile.TemporaryDirectory(prefix="presscut-bench-import-") as temp:
        files = Path(temp, "articles")
        files.mkdir()
        for number, text in enumerate(texts):
            (files / f"{number:04d}.txt").write_text(f"Article {number}\n\n{text}\n")
        with Library(Path(temp, "library")) as library:
            start = time.perf_counter()
            report = import_paths(library, [files])
            seconds = time.perf_counter() - start
    if report.failed or len(report.added) != TEXTS:
        raise RuntimeError(f"bench import failed: {report.summary()}: {report.failed[:3]}")
    presscut_rate = words / seconds
    return {
        "import_words_per_s": presscut_rate,
        "spacy_pipe_words_per_s": spacy_rate,
        "import_ratio": presscut_rate / spacy_rate,
    }
