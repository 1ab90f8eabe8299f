"""Genuine prose too long to be one article is refused in one line before any parse (issue 13,
item 9): spaCy's parse of a 4.9 MB text took minutes, however it was cut. Whatever the way in -
a file, a folder, the app's import, a web page, a feed's own text - a text past
`MAX_ARTICLE_WORDS` is named with its word count and what to do; the others still go in.

Texts are made cheaply: numbered sentences, so no two paragraphs repeat (the cleaner would set
repeats aside as furniture), cut at exactly the number of words wanted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main
from nlp import article_limit
from nlp.article_limit import MAX_ARTICLE_WORDS
from nlp.errors import BadInput
from nlp.sources import read_document
from services.feeds import Entry, entry_document
from services.fetch import FetchError
from services.web_import import import_urls
from store.library import Library
from tests.app_library import import_from_app
from tests.conftest import SAMPLES
from tests.web_pages import story_html
from tests.web_server import serve_html
from tui.app import PresscutApp

GOOD = SAMPLES / "upi-kremlin-pressed-on-syrian-stance.txt"
GOOD_TITLE = "Kremlin pressed on Syrian stance"
PARAGRAPH_WORDS = 50


def prose(words: int) -> str:
    """Exactly ``words`` words of English news prose, as ``wc -w`` counts them."""
    sentences = (f"Talks in Moscow resumed on day {n} as the minister said."
                 for n in range(words // 10 + 1))  # fmt: skip
    chosen = " ".join(sentences).split()[:words]
    paragraphs = [" ".join(chosen[at : at + PARAGRAPH_WORDS])
                  for at in range(0, len(chosen), PARAGRAPH_WORDS)]  # fmt: skip
    return "\n\n".join(paragraphs) + "\n"


def paragraphs_html(words: int) -> str:
    """``prose(words)`` as HTML paragraphs."""
    return "".join(f"<p>{paragraph}</p>" for paragraph in prose(words).split("\n\n"))


def too_long_line(path: Path | str, words: int) -> str:
    return (
        f"{path}: {words:,} words, too long to analyse as one article (the limit is "
        f"{MAX_ARTICLE_WORDS:,}); split it into its articles or chapters"
    )


def test_one_word_past_the_limit_is_refused_and_a_text_at_it_is_read(tmp_path: Path) -> None:
    at_limit = tmp_path / "at-limit.txt"
    at_limit.write_text(prose(MAX_ARTICLE_WORDS))
    assert len(read_document(at_limit).text.split()) > MAX_ARTICLE_WORDS * 0.99
    past = tmp_path / "past.txt"
    past.write_text(prose(MAX_ARTICLE_WORDS + 1))
    with pytest.raises(BadInput) as refused:
        read_document(past)
    assert str(refused.value) == too_long_line(past, MAX_ARTICLE_WORDS + 1)


def test_a_page_s_words_are_its_visible_text_not_its_scripts_or_markup(tmp_path: Path) -> None:
    words = prose(MAX_ARTICLE_WORDS // 2).split()
    script = "<script>" + " ".join(words) + "</script><style>p { margin: 0 }</style>"
    scripted = tmp_path / "scripted.html"  # 50,000 words of script around a short story
    scripted.write_text(story_html(0).replace("</head>", script * 3 + "</head>"))
    assert read_document(scripted).text.startswith("The old harbour bridge will close")
    glued = tmp_path / "glued.html"  # paragraphs without a space between still count apart
    glued.write_text("<html><body>" + "".join(f"<p>{word}</p>" for word in words * 3)
                     + "</body></html>")  # fmt: skip
    with pytest.raises(BadInput) as refused:
        read_document(glued)
    assert str(refused.value) == too_long_line(glued, len(words) * 3)


def test_the_command_line_refuses_the_long_file_and_imports_the_others(
    tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "book.txt").write_text(prose(3 * MAX_ARTICLE_WORDS))
    (folder / "good.txt").write_text(GOOD.read_text())
    status = main(["--library", str(tmp_path / "lib"), "import", str(folder)])
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert too_long_line(folder / "book.txt", 3 * MAX_ARTICLE_WORDS) in err
    assert err[-1].startswith("1 added, 0 updated, 0 unchanged, 1 failed")
    with Library(tmp_path / "lib", read_only=True) as library:
        assert [row["title"] for row in library.articles()] == [GOOD_TITLE]


def test_a_text_just_under_the_limit_is_analysed_and_one_just_over_is_not(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit lowered, so the text just under it is parsed in seconds: the line between
    refused and imported is the limit itself, counted as the refusal counts."""
    limit = 1_000
    monkeypatch.setattr(article_limit, "MAX_ARTICLE_WORDS", limit)
    under, over = tmp_path / "under.txt", tmp_path / "over.txt"
    under.write_text(prose(limit))
    over.write_text(prose(limit + 1))
    status = main(["--library", str(tmp_path / "lib"), "import", str(under), str(over)])
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert f"{over}: 1,001 words, too long to analyse as one article (the limit is 1,000); " \
           "split it into its articles or chapters" in err
    assert err[-1].startswith("1 added, 0 updated, 0 unchanged, 1 failed")
    with Library(tmp_path / "lib", read_only=True) as library:
        (row,) = library.articles()
        assert row["path"] == str(under.resolve())
        assert library.body(row["id"])["analysis"]["entities"]  # analysed: Moscow at least


async def test_the_app_lists_the_refusal_and_imports_the_others(tmp_path: Path) -> None:

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "book.txt").write_text(prose(MAX_ARTICLE_WORDS + 1))
    (folder / "good.txt").write_text(GOOD.read_text())
    with Library(tmp_path / "library") as library:
        app = PresscutApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await import_from_app(app, pilot, str(folder))
            said = [(n.message, n.severity) for n in app._notifications]
            assert said == [
                (too_long_line(folder / "book.txt", MAX_ARTICLE_WORDS + 1), "error"),
                ("import: 1 added, 0 updated, 0 unchanged, 1 failed", "information"),
            ]
        assert [row["title"] for row in library.articles()] == [GOOD_TITLE]


def test_a_web_page_past_the_limit_is_refused_and_the_others_imported(web, library) -> None:
    book = f"<html><body><article>{paragraphs_html(MAX_ARTICLE_WORDS + 1)}</article></body></html>"
    long_page = serve_html(web, "/book", book)
    story = serve_html(web, "/story", story_html(0))
    report = import_urls(library, [long_page, story])
    assert report.failed == [too_long_line(long_page, MAX_ARTICLE_WORDS + 1)]
    assert report.added == ["Harbour bridge to close for repairs"]


def test_a_feed_s_own_text_past_the_limit_is_refused() -> None:
    entry = Entry("key", "http://example.invalid/book", "A book",
                  paragraphs_html(MAX_ARTICLE_WORDS + 1))  # fmt: skip
    with pytest.raises(FetchError) as refused:
        entry_document(entry, "Town news")
    assert str(refused.value) == too_long_line(entry.link, MAX_ARTICLE_WORDS + 1)
