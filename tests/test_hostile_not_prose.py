"""Text that is not prose is set aside on sight, before the parser (issue 13, items 8 and 9).

The parser costs the same per word whatever the words: a 4.4 MB Markdown table, 100,000 short
lines, 100,000 quotation marks or a megabyte without a sentence end took minutes each to parse
for nothing. The cleaner now sets such text aside as it does furniture (its ranges stay in the
original); a file of nothing else is refused in one line that says why and what to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import hostile_texts
from nlp import clean
from nlp.clean import LIST_RUN, SENTENCE_CHARS, clean_plain_text
from nlp.errors import BadInput
from nlp.sources import read_document
from tests.test_hostile_inputs_size import LINEAR, growth

STORY = (
    "Talks stall in Geneva\n\n"
    "The minister said on Tuesday that the talks had failed. \u201cWe will try again,\u201d "
    "she said.\n\n"
    "{middle}\n\n"
    "Officials from both sides are expected to meet again next month in Vienna.\n"
)
HOSTILE = {
    "table.md": hostile_texts.markdown_table(300),
    "marks.txt": hostile_texts.quotation_marks(5_000),
    "lines.txt": hostile_texts.short_lines(3 * LIST_RUN),
    "unpunctuated.txt": hostile_texts.unpunctuated(2 * SENTENCE_CHARS),
    "gallery.txt": hostile_texts.captions(3 * LIST_RUN),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_file_that_is_not_prose_is_refused_in_one_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(HOSTILE[name])
    with pytest.raises(BadInput) as refused:
        read_document(path)
    message = str(refused.value)
    assert "\n" not in message and message.startswith(f"{path}: no article text")
    assert "not read as prose" in message and "keep only" in message


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_what_is_not_prose_inside_an_article_is_set_aside(name: str) -> None:
    middle = HOSTILE[name].removeprefix("# Results by district\n\n")
    middle = middle.removeprefix("Gallery of the week\n").strip("\n")
    original = STORY.format(middle=middle)
    document = clean_plain_text(original, "md" if name.endswith(".md") else "txt")
    assert document.title == "Talks stall in Geneva"
    assert document.text.startswith("The minister said on Tuesday")
    assert document.text.endswith("next month in Vienna.")
    assert len(document.text) < 400
    middle_start = original.index(middle)
    set_aside = [[start, end] for start, end in document.boilerplate if start > 0]  # not the title
    assert set_aside[0][0] == middle_start and set_aside[-1][1] == middle_start + len(middle)


def test_prose_with_short_lines_and_long_sentences_is_kept() -> None:
    short_list = "\n\n".join(f"Point number {n}" for n in range(LIST_RUN - 1))
    photos = "\n\n".join(f"The mayor spoke about plan {n}.\n\nCrowds gather. Photo: Ana Silva/AFP"
                         for n in range(LIST_RUN - 1))
    long_sentence = " ".join(["the committee heard evidence"] * 60) + "."
    with_pipe = "Votes were 12 | 9 in the first round, the clerk said."
    for middle in (short_list, long_sentence, with_pipe):
        document = clean_plain_text(STORY.format(middle=middle))
        assert middle in document.text
    document = clean_plain_text(STORY.format(middle=photos))  # a few photos, not a gallery
    assert document.text.count("The mayor spoke about plan") == LIST_RUN - 1


def test_setting_aside_what_is_not_prose_is_linear() -> None:
    def judged(text: str) -> None:
        paragraphs, _ = clean._paragraphs(text, markdown=True)
        clean._judge_each(paragraphs)
        clean._mark_lists(paragraphs)
        clean._mark_galleries(paragraphs)

    for make in (hostile_texts.captions, hostile_texts.markdown_table, hostile_texts.short_lines,
                 hostile_texts.quotation_marks, hostile_texts.unpunctuated):
        assert growth(judged, make, 3_000) < LINEAR


def test_figures_read_the_text_once_not_once_a_figure() -> None:
    """`Doc.text` joins every token again on each read: read per figure, a 4.4 MB table of
    numbers spent half its parse time there. The figures take the text `doc_text` keeps."""
    from nlp.entities import find_entities
    from nlp.figures import find_figures
    from nlp.model import load_model
    from nlp.paragraphs import TEXT_KEY

    doc = load_model()("The council hired 300 construction workers in March.")
    entities, _ = find_entities(doc)
    doc.user_data[TEXT_KEY] = doc.text.upper()  # what the figures read, if they use it
    (figure,) = find_figures(doc, entities)
    assert figure.noun == "CONSTRUCTION WORKERS"


def test_grouping_names_is_linear_in_a_page_of_captions() -> None:
    """Each one-word person walked every token and each full name searched the whole text: a
    page of 40,000 captions (names upon names) spent minutes there after the parse."""
    from nlp.entities import find_entities
    from nlp.model import load_model

    nlp = load_model()

    def parsed(count: int):
        return nlp(clean_plain_text(hostile_texts.captions(count)).text)

    assert growth(find_entities, parsed, 150) < LINEAR
