"""Input built to cost (issue 13): the work of an import stays bounded however the file is made.

No time budgets here (`bench/hostile_inputs.py` prints the wall-clock figures): each test asserts
a structural bound (the longest text the parser or the tokenizer is given, the pieces a text is
cut into, the worker's memory ceiling) or counts the Python lines a function runs, which grow
fourfold when the input doubles if the function is quadratic and twofold if it is linear.
"""

from __future__ import annotations

import re
import sys
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bench import hostile_texts
from nlp import analyse, clean
from nlp.analyse import analyse_texts, parse_pieces
from nlp.bounded_tokenizer import LONG_RUN_CHARS
from nlp.model import load_model
from nlp.pieces import PIECE_CHARS, SENTENCE_CHARS, text_pieces
from nlp.quote_marks import find_marked_spans
from nlp.records import Analysis
from services.importer import import_paths
from store.library import Library

LINEAR = 2.6  # lines run for twice the input over lines for once: 2 when linear, 4 quadratic


def lines_run(function, *args) -> int:
    """How many Python lines ``function(*args)`` executes: a cost counter free of machine load."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def growth(function, make, size: int) -> float:
    return lines_run(function, make(2 * size)) / lines_run(function, make(size))


TEXTS = st.one_of(
    st.integers(1, 60_000).map(hostile_texts.unpunctuated),
    st.integers(1, 3_000).map(hostile_texts.short_lines),
    st.integers(1, 30_000).map(hostile_texts.quotation_marks),
    st.integers(1, 1_000).map(hostile_texts.markdown_table),
    st.text(alphabet=st.sampled_from('ab .\n"\u201c'), max_size=30_000),
)


@settings(max_examples=60, deadline=None)
@given(text=TEXTS)
def test_every_text_is_cut_into_pieces_the_parser_can_take(text: str) -> None:
    pieces = text_pieces(text)
    assert "".join(text[start:end] for start, end in pieces) == text
    assert all(start < end for start, end in pieces)
    assert all(end == start for (_, end), (start, _) in pairwise(pieces))
    for start, end in pieces:
        piece = text[start:end]
        assert len(piece) <= PIECE_CHARS
        assert all(len(line) <= SENTENCE_CHARS for line in piece.split("\n"))


def test_an_article_is_one_piece() -> None:
    article = "\n\n".join(["The minister said the talks had failed."] * 300)
    assert len(article) < PIECE_CHARS and text_pieces(article) == [(0, len(article))]


def test_a_paragraph_without_punctuation_is_parsed_in_bounded_sentences() -> None:
    nlp = load_model()
    text = hostile_texts.unpunctuated(3 * SENTENCE_CHARS + 500)
    parsed: list[str] = []
    pipe = nlp.pipe

    def spy(texts, **options):
        for chunk in texts:
            parsed.append(chunk)
            yield from pipe([chunk], **options)

    nlp.pipe = spy
    try:
        doc = parse_pieces(text, nlp)
    finally:
        del nlp.pipe
    assert max(len(chunk) for chunk in parsed) <= SENTENCE_CHARS and len(parsed) >= 4
    assert doc.text == text
    assert max(len(sentence.text) for sentence in doc.sents) <= SENTENCE_CHARS
    (result,) = analyse_texts([text], nlp)
    assert isinstance(result, Analysis)


def test_the_tokenizer_is_never_given_a_long_run_without_spaces() -> None:
    nlp = load_model()
    text = "The minister said " + hostile_texts.quotation_marks(20_000) + " and left."
    given_runs: list[int] = []
    inner = nlp.tokenizer.tokenizer

    class Spy:
        vocab = inner.vocab

        def __call__(self, chunk: str):
            given_runs.append(max((len(run) for run in re.findall(r"\S+", chunk)), default=0))
            return inner(chunk)

    nlp.tokenizer.tokenizer = Spy()
    try:
        doc = nlp.make_doc(text)
    finally:
        nlp.tokenizer.tokenizer = inner
    assert doc.text == text and len(doc) > 20_000
    assert max(given_runs) < LONG_RUN_CHARS


def test_pairing_quotation_marks_is_linear() -> None:
    for make in (hostile_texts.quotation_marks,
                 lambda n: "\u201c" * n,  # openers only: the stack of open marks grows
                 lambda n: "\u2018" + "s' a" * n,  # the ministers' plan, inside a quotation
                 lambda n: '"Yes\n\n' * n):
        assert growth(find_marked_spans, make, 2_000) < LINEAR


def test_finding_repeated_captions_is_linear() -> None:
    def judged(text: str) -> None:
        paragraphs, _ = clean._paragraphs(text, markdown=False)
        clean._judge_each(paragraphs)
        clean._mark_repeats(paragraphs)

    assert growth(judged, hostile_texts.captions, 400) < LINEAR


def test_a_worker_runs_under_the_memory_ceiling() -> None:
    import resource

    pool, _ = analyse.start_pool(1)
    try:
        soft, _ = pool.submit(resource.getrlimit, resource.RLIMIT_AS).result(timeout=300)
    finally:
        pool.shutdown()
    assert soft == analyse.WORKER_MEMORY_BYTES


def test_a_text_the_analysis_fails_on_costs_only_itself(tmp_path: Path, monkeypatch) -> None:
    """A fault in one file's analysis (put there by the test) is that file's one-line refusal;
    the files before and after it are saved."""
    folder = tmp_path / "news"
    folder.mkdir()
    story = "Talks stall\n\nThe minister said on Tuesday that the talks in {} had failed.\n"
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(story.format(name.upper() + "slo"))
    find_quotes = analyse.find_quotes

    def failing(doc, entities, groups):
        if "Bslo" in doc.text:
            raise ValueError("a fault")
        return find_quotes(doc, entities, groups)

    monkeypatch.setattr(analyse, "find_quotes", failing)
    with Library(tmp_path / "library") as library:
        report = import_paths(library, [folder])
        assert sorted(row["path"] for row in library.articles()) == [
            str((folder / name).resolve()) for name in ("a.txt", "c.txt")
        ]
    (line,) = report.failed
    assert line == f"{(folder / 'b.txt').resolve()}: the analysis failed (ValueError: a fault)"


def test_a_stopped_import_keeps_the_articles_done(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(4):
        (folder / f"{number}.txt").write_text(
            f"Talks stall\n\nThe minister said on day {number} that the talks had failed.\n"
        )
    with Library(tmp_path / "library") as library:
        report = import_paths(library, [folder], stop=lambda: len(library.articles()) >= 2)
        assert len(library.articles()) == 2
    assert report.not_done == 2 and "stopped before 2" in report.summary()


def test_one_huge_article_costs_the_people_index_linear_work() -> None:
    """`presscut who` reads each article's quotations with their speakers' groups: one article
    of 300,000 words made that quotations x entities."""
    from store.people_index import entry_of

    def analysis(size: int) -> tuple[dict, str, dict]:
        entities = [{"start": 10 * n, "end": 10 * n + 5, "label": "PERSON", "group": f"g{n}"}
                    for n in range(size)]
        quotes = [{"start": 10 * n + 6, "end": 10 * n + 9, "kind": "direct", "speaker": "x",
                   "speaker_start": 10 * n, "speaker_end": 10 * n + 5, "cue": "say",
                   "group": None} for n in range(size)]
        return {"id": "a"}, "x" * 10 * size, {"entities": entities, "quotes": quotes}

    assert growth(lambda args: entry_of(*args), analysis, 300) < LINEAR
    row, text, found = analysis(3)
    assert [quote.group for quote in entry_of(row, text, found).quotes] == ["g0", "g1", "g2"]
