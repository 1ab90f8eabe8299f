"""The library list at scale: the one-pass catalogue, the word index, the indexed filter and the
virtual table, on real libraries in tmp_path and the real app under Pilot.

The fast paths are checked against the plain ones they replace: `Library.catalogue` against
`tags(id)` and `annotation_count(id)`, and the indexed filter against `Filter.matches`, which
reads each article's text as the filter used to.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Input

from bench.library_gen import build
from store.errors import Stopped
from store.library import Library
from store.word_index import CACHE_NAME, WordIndex, prepared_words
from tests.app_library import fill
from tui.app import PresscutApp
from tui.library_view import SORT_KEYS, Filter, LibraryView
from tui.screens.main import FOLLOW_DELAY, INDEX_INLINE
from tui.widgets.article_table import ArticleTable

# Texts that try the filter's edges: case, punctuation stuck to words, markup-like text, words
# that only occur inside longer ones, non-ASCII letters whose lowercase differs in length.
ARTICLES = [
    ("Flooding in Lagos", "BBC", "2024-03-02", ["Ada Okafor", "Lagos State"],
     "Heavy rain flooded LAGOS on Tuesday. \"We lost everything,\" said Ada Okafor, 52."),
    ("Winter budget vote", "UPI", "2024-03-01", ["Olaf Scholz"],
     "The winter's budget passed; critics called it [bold]reckless[/bold] and short-sighted."),
    ("Talks resume", "AP", "2024-02-28", ["António Guterres", "United Nations"],
     "António Guterres met envoys in Zürich and İstanbul; the UN said talks would resume."),
    ("Ferry strike", "Reuters", None, [],
     "ΟΔΟΣ closed as the ferry strike entered its third day, the union said.\n\nNo end in sight."),
    ("Schools reopen after the storm", "AFP", "2024-03-02", ["Ada Okafor"],
     "Schools in the north reopened; Okafor's office said 3,500 pupils were back."),
]
QUERIES = [
    "", "lagos", "LAGOS", "winter", "winter's", "win", "3,500", "okafor", "[bold]", "zürich",
    "i̇stanbul", "οδος", "bbc", "reuters", "source:ap", "source:a", "tag:verify", "tag:VERIFY",
    "tag:ver", "who:okafor", "who:nations", "who:guterres talks", "tag:verify okafor",
    "said tag:context", "nothing-like-this", "sight.", "ferry union",
]


def add_articles(library: Library) -> list[str]:
    for number, (title, source, date, people, text) in enumerate(ARTICLES):
        row = {"path": f"/news/{number}.txt", "title": title, "source": source,
               "published": date, "format": "txt", "words": len(text.split()), "quotes": number,
               "people": people, "model": "hand-made"}
        body = {"original": text, "text": text, "boilerplate": [],
                "analysis": {"model": "hand-made", "entities": [], "groups": [], "quotes": []}}
        library.save_article(f"/news/{number}.txt", f"hash-{number}", row, body)
    ids = {row["title"]: row["id"] for row in library.articles()}
    return [ids[title] for title, *_ in ARTICLES]


@pytest.fixture
def filled(tmp_path: Path):
    with Library(tmp_path / "library") as library:
        ids = add_articles(library)
        library.add_annotation(ids[0], "tag", tag="verify")
        library.add_annotation(ids[0], "tag", tag="verify", target={"start": 0, "end": 5})
        library.add_annotation(ids[0], "tag", tag="Context")
        library.add_annotation(ids[0], "note", note="check the figures")
        library.add_annotation(ids[2], "tag", tag="verify")
        gone = library.add_annotation(ids[3], "tag", tag="context")
        library.delete_annotation(gone["id"])
        library.add_annotation(ids[4], "correction", change="reject-entity")
        yield library, ids


def test_the_catalogue_gives_every_articles_tags_and_counts_in_one_pass(filled) -> None:
    library, _ = filled
    rows = library.catalogue()
    assert [row["id"] for row in rows] == [row["id"] for row in library.articles()]
    for row in rows:
        assert row["tags"] == sorted(library.tags(row["id"]))
        notes = [a for a in library.annotations(row["id"]) if a["kind"] == "note"]
        assert row["notes"] == len(notes)  # notes only: tags have their column
        assert {k: v for k, v in row.items() if k not in ("tags", "notes")} == (
            library.article(row["id"])
        )
    assert library.tags() == {"verify": 3, "Context": 1}


def reference(view: LibraryView, library: Library) -> list[str]:
    """The filter as it was: every row tested on its own, reading the article's text."""
    query = Filter.parse(view.query)
    text_of = lambda key: library.body(key)["text"]  # noqa: E731
    ordered = LibraryView(rows=view.rows, sort_key=view.sort_key, descending=view.descending)
    return [row["id"] for row in ordered.visible({}) if query.matches(row, text_of)]


@pytest.mark.parametrize("sort_key", SORT_KEYS)
def test_the_indexed_filter_keeps_exactly_what_the_plain_filter_keeps(filled, sort_key) -> None:
    library, _ = filled
    words = WordIndex(library.folder)
    view = LibraryView(rows=library.catalogue())
    words.refresh(library, view.rows)
    view.sort_by(sort_key)
    for query in QUERIES:
        view.query = query
        assert [row["id"] for row in view.visible(words.by_id())] == reference(view, library), (
            query
        )


def test_prepared_words_hold_every_word_of_the_heading_and_text_once() -> None:
    words = prepared_words("Winter Budget", "BBC", "The winter's budget: passed.\n\nPassed!")
    assert words.split("\n") == sorted(
        {"winter", "budget", "bbc", "the", "winter's", "budget:", "passed.", "passed!"}
    )


def test_the_word_index_is_kept_beside_the_library_and_caught_up(filled) -> None:
    library, ids = filled
    rows = library.catalogue()
    assert WordIndex(library.folder).refresh(library, rows, save=True) == len(ids)
    assert (library.folder / CACHE_NAME).exists()

    # Read back from the cache: no body is read again, so a missing one changes nothing.
    body = library.folder / "articles" / f"{ids[1]}.json"
    saved = body.read_bytes()
    body.unlink()
    again = WordIndex(library.folder)
    assert again.refresh(library, rows) == 0
    assert "reckless[/bold]" in again.by_id()[ids[1]]
    body.write_bytes(saved)

    # An article imported again with another text is indexed again, and only it.
    text = "A thaw came early this year."
    row = {**{k: v for k, v in rows[0].items() if k not in ("tags", "notes")},
           "title": "Thaw"}
    library.save_article(row["origin"], "hash-changed", row, {
        "original": text, "text": text, "boilerplate": [],
        "analysis": {"model": "hand-made", "entities": [], "groups": [], "quotes": []}})
    rows = library.catalogue()
    assert again.missing(rows) == [r for r in rows if r["id"] == row["id"]]
    assert again.refresh(library, rows, save=True) == 1
    assert "thaw" in again.by_id()[row["id"]]

    # Articles no longer listed are dropped; a damaged cache is rebuilt, not trusted.
    assert again.refresh(library, rows[:2], save=True) == 0
    assert set(again.by_id()) == {r["id"] for r in rows[:2]}
    (library.folder / CACHE_NAME).write_bytes(b'{"format": 1, "entries": ')
    assert WordIndex(library.folder).refresh(library, rows, save=True) == len(rows)
    assert WordIndex(library.folder).refresh(library, rows) == 0


def listed(app: PresscutApp) -> list[str]:
    return list(app.screen.query_one(ArticleTable).rows)


async def indexed(app: PresscutApp, pilot) -> None:
    """Wait for the word index's worker, and for the list it lets through to be drawn."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_a_stopped_word_index_keeps_and_saves_what_it_read(filled) -> None:
    library, ids = filled
    rows = library.catalogue()
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 1  # after one body

    with pytest.raises(Stopped):
        WordIndex(library.folder).refresh(library, rows, save=True, stop=stop)
    again = WordIndex(library.folder)  # from the saved cache: one done, the rest to read
    assert again.refresh(library, rows, save=True) == len(ids) - 1
    assert again.missing(rows) == []


@pytest.fixture
def large(tmp_path: Path) -> Path:
    """A library too large to index on the spot, in the library's own format."""
    folder = tmp_path / "large"
    build(folder, articles=INDEX_INLINE * 3, annotations=400, words=60)
    return folder


async def test_a_large_library_is_indexed_in_a_worker_and_filtered_from_the_index(
    large: Path,
) -> None:
    with Library(large) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            screen = app.screen
            screen.view.query = "winter"  # before the worker is done, the list may wait
            screen.refresh_list()
            await indexed(app, pilot)
            table = screen.query_one(ArticleTable)
            assert not table.loading
            assert listed(app) == reference(screen.view, library)
            assert 0 < table.row_count < len(screen.view.rows)
            await pilot.press("slash")
            box = screen.query_one("#filter", Input)
            for query in ("tag:key-quote", "who:okafor", "source:bbc flooding", "in", "zzz"):
                box.value = query
                await pilot.pause()
                assert listed(app) == reference(screen.view, library), query
    assert (large / CACHE_NAME).exists()  # written for next time


async def test_a_read_only_library_is_indexed_in_memory_only(large: Path) -> None:
    with Library(large, read_only=True) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await indexed(app, pilot)
            app.screen.query_one("#filter", Input).value = "winter"
            await pilot.pause()
            assert listed(app) == reference(app.screen.view, library)
    assert not (large / CACHE_NAME).exists()


async def test_the_list_keeps_its_cursor_and_the_reader_follows_once_typing_pauses(
    large: Path,
) -> None:
    with Library(large) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await indexed(app, pilot)
            screen, table = app.screen, app.screen.query_one(ArticleTable)
            await pilot.press("down", "down")
            kept = table.current_id()
            assert screen.article.row["id"] == kept
            box = screen.query_one("#filter", Input)
            box.value = screen.article.row["source"].lower()  # the article is still listed
            await pilot.pause()
            assert table.current_id() == kept and table.cursor_row == listed(app).index(kept)
            box.value = "zzz-nothing"
            await pilot.pause()
            assert table.row_count == 0 and screen.article.row["id"] == kept
            box.value = "tag:lede"  # the open article is gone: the cursor goes to the top
            await pilot.pause()
            first = listed(app)[0]
            assert first != kept and table.current_id() == first
            await pilot.pause(FOLLOW_DELAY + 0.1)
            assert screen.article.row["id"] == first
            box.value = "tag:stats"
            await pilot.pause()
            await pilot.press("enter")  # open at once, before the reader followed
            assert screen.article.row["id"] == listed(app)[0] == table.current_id()
            assert library.article(table.current_id())["read"]


async def test_sorting_by_a_click_on_a_header_and_by_s(large: Path) -> None:
    with Library(large) as library:
        app = PresscutApp(library)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            screen, table = app.screen, app.screen.query_one(ArticleTable)
            titles = lambda: [table.get_row_at(i)[0] for i in range(table.row_count)]  # noqa: E731
            await pilot.click(ArticleTable, offset=(3, 0))  # the Title header
            assert screen.view.sort_key == "title"
            assert titles() == sorted(titles(), key=str.lower)
            await pilot.click(ArticleTable, offset=(3, 0))
            assert titles() == sorted(titles(), key=str.lower, reverse=True)
            await pilot.press("s")
            assert screen.view.sort_key == "source"
            await pilot.click(ArticleTable, offset=(3, 2))  # a row: the cursor goes there
            assert table.cursor_row == 1
            await pilot.click(ArticleTable, offset=(3, 2))  # again: it opens
            assert app.focused is screen.query_one("#article-text")


async def test_unread_rows_are_bold_and_the_columns_fit_the_width(tmp_path: Path) -> None:
    with Library(tmp_path / "library") as library:
        read, unread = fill(library)
        library.mark_read(read)
        for size, columns in (((160, 48), 6), ((120, 40), 3), ((80, 24), 2)):
            app = PresscutApp(library)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                table = app.screen.query_one(ArticleTable)
                assert len(table.get_row_at(0)) == columns, size
                for _ in range(2):  # the row off the cursor (the cursor's own style is bold)
                    off = 1 - table.cursor_row
                    strips = table.render_lines(Region(0, 0, table.size.width, 3))
                    title = next(s for s in strips[1 + off] if s.text.strip())
                    assert table.get_row_at(off)[0].startswith(title.text.strip())
                    assert bool(title.style.bold) == (table._rows[off]["id"] == unread)
                    await pilot.press("down" if off else "up")


class OneTable(App):
    def compose(self) -> ComposeResult:
        yield ArticleTable()


async def test_ten_thousand_rows_are_shown_as_given_and_scrolled_through() -> None:
    rows = [{"id": f"a{n}", "title": f"Article {n}", "read": True} for n in range(10_000)]
    app = OneTable()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(ArticleTable)
        table.focus()
        table.show_rows(rows)
        await pilot.pause()
        assert table.row_count == 10_000 and table.current_id() == "a0"
        assert table._positions is None  # nothing per row until something is looked up
        await pilot.press("end")
        assert table.current_id() == "a9999"
        screen_text = [strip.text for strip in table.render_lines(Region(0, 0, 60, 12))]
        assert "Article 9999" in screen_text[-1] and "Article 9989" in screen_text[1]
        await pilot.press("pageup", "up", "k")
        assert table.cursor_row == 10_000 - 1 - (12 - 1) - 2
        await pilot.press("home")
        assert table.current_id() == "a0" and table.scroll_y == 0
        table.show_rows(rows[5000:])  # the article under the cursor is gone: back to the top
        assert table.current_id() == "a5000" and table.get_row_index("a9999") == 4999
