"""Article files of any size, written from presscut's own templates (never published text).

The imports' benchmarks and the tests that drive a real import need folders of ordinary
articles (a headline, a byline, paragraphs with names and quotations) and single files far
larger than any article: both come from `bench.library_gen`'s sentences.
"""

from __future__ import annotations

import random
from pathlib import Path

from bench.library_gen import PLACES, TOPICS, make_article


def article_file_text(rng: random.Random, words: int) -> str:
    """One article as a reader pastes it: headline, byline, then the paragraphs."""
    headline = f"Talks on {rng.choice(TOPICS)} stall in {rng.choice(PLACES)}"
    return f"{headline}\n\nBy Staff Reporter\n\n{make_article(rng, words).text}\n"


def write_articles(folder: Path, count: int, words: int = 600, seed: int = 14) -> list[Path]:
    """``count`` article files of about ``words`` words each in ``folder`` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"article-{number:03d}.txt"
        path.write_text(article_file_text(rng, words), encoding="utf-8")
        paths.append(path)
    return paths


def write_huge_article(path: Path, size: int, seed: int = 3) -> Path:
    """One file of about ``size`` bytes: a headline over paragraph after paragraph of news."""
    rng = random.Random(seed)
    headline = f"Years of talks on {rng.choice(TOPICS)} in {rng.choice(PLACES)}"
    parts = [f"{headline}\n\nBy Staff Reporter\n\n"]
    written = len(parts[0])
    while written < size:
        piece = make_article(rng, 2000).text + "\n\n"
        parts.append(piece)
        written += len(piece)
    path.write_text("".join(parts).rstrip() + "\n", encoding="utf-8")
    return path


def write_article_of_words(path: Path, words: int, seed: int = 3) -> Path:
    """One file of at most ``words`` words as ``wc -w`` counts them, short of it by less than a
    paragraph: at `nlp.article_limit.MAX_ARTICLE_WORDS`, the longest text an import accepts."""
    rng = random.Random(seed)
    parts = [f"Years of talks on {rng.choice(TOPICS)} in {rng.choice(PLACES)}\n\nBy Staff Reporter"]
    count = len(parts[0].split())
    while True:
        for paragraph in make_article(rng, 2000).text.split("\n\n"):
            if count + len(paragraph.split()) > words:
                path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
                return path
            parts.append(paragraph)
            count += len(paragraph.split())
