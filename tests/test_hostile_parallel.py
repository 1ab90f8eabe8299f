"""One long file is parsed by both workers at once (issue 13, items 8 and 9).

One file was one worker's: a 4.9 MB text kept one core busy for minutes while the other idled.
A text of `SPLIT_CHARS` or more is cut into one run of pieces a worker; the runs' parses are
joined in a worker and analysed as one document, as if parsed in one process.
"""

from __future__ import annotations

import random
from itertools import pairwise

from bench.news_files import article_file_text
from nlp.analyse import SPLIT_CHARS, analyse_one, analyse_texts, split_pieces
from nlp.model import load_model
from nlp.pieces import text_pieces


def long_text(characters: int) -> str:
    rng = random.Random(5)
    parts = []
    while sum(map(len, parts)) < characters:
        parts.append(article_file_text(rng, 800))
    return "\n".join(parts)


def test_a_long_text_is_cut_into_one_run_of_its_pieces_a_worker() -> None:
    text = long_text(SPLIT_CHARS)
    runs = split_pieces(text, 2)
    assert len(runs) == 2 and [piece for run in runs for piece in run] == text_pieces(text)
    first, second = (sum(end - start for start, end in run) for run in runs)
    assert abs(first - second) < 0.2 * len(text)


def test_a_long_text_parsed_by_two_workers_is_analysed_as_in_one_process() -> None:
    text = long_text(SPLIT_CHARS + 10_000)
    heard: list[int] = []
    (in_workers,) = analyse_texts([text], processes=2, progress=lambda i, done: heard.append(done))
    in_one = analyse_one(text, load_model())
    assert in_workers.to_dict() == in_one.to_dict()
    assert heard[-1] == len(text) and all(a <= b for a, b in pairwise(heard))
    assert len(in_one.quotes) > 20
