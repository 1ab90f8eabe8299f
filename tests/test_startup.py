"""Starting from the cached list: the first screen drawn before the library is read.

The list of articles is kept beside the library (`store.catalogue_cache`) whenever presscut leaves
it closed; the app draws it at once and reads the library in a worker (`tui.opening`). These tests
check when the list is trusted, what the app lets the user do before the library is read, and
that the worker's library takes over (or its failure ends the app with one line).
"""

from __future__ import annotations

import asyncio
import os
import random
import threading
from pathlib import Path

import pytest

from store import catalogue_cache
from store.catalogue_cache import CACHE_NAME, FIELDS, read_catalogue
from store.check import check_library
from store.errors import LibraryLocked, StoreError
from store.layout import SNAPSHOT_NAME
from store.library import Library
from tests.app_library import fill
from tui.app import STILL_READING, PresscutApp
from tui.library_view import LibraryView
from tui.opening import LibraryOpening, cached_opening
from tui.screens.main import READING, MainScreen
from tui.widgets.article_header import ArticleHeader
from tui.widgets.article_table import ArticleTable
from tui.widgets.article_text import ArticleText


def closed_library(folder: Path) -> list[str]:
    """A library of two articles, left as presscut leaves it; returns the article ids."""
    with Library(folder) as library:
        ids = fill(library)
    return list(ids)


def slim(rows: list[dict]) -> list[dict]:
    return [{key: row.get(key) for key in FIELDS} for row in rows]


def test_closing_a_library_leaves_its_list_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    closed_library(folder)
    with Library(folder, read_only=True) as library:
        expected = slim(library.catalogue())
    assert read_catalogue(folder).rows() == expected
    assert [row["title"] for row in expected][0] == "Syria opposition fails to convince Russia"


def test_the_list_is_not_trusted_once_the_library_changed(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    first, _ = closed_library(folder)
    library = Library(folder)
    library.add_annotation(first, "tag", tag="verify")  # in the journal, not the snapshot
    assert read_catalogue(folder) is None
    assert any("catalogue.cache: list of articles not current" in f.text
               for f in check_library(folder))
    library.close()  # the fold writes the snapshot and the list again
    assert any("catalogue.cache: list of articles current" in f.text
               for f in check_library(folder))
    (row,) = [row for row in read_catalogue(folder).rows() if row["id"] == first]
    assert row["tags"] == ["verify"] and row["notes"] == 0


def test_the_first_rows_are_read_apart_from_the_rest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(catalogue_cache, "HEAD_ROWS", 1)
    folder = tmp_path / "library"
    closed_library(folder)
    listed = read_catalogue(folder)
    assert [row["title"] for row in listed.head] == ["Syria opposition fails to convince Russia"]
    assert [row["title"] for row in listed.rows()] == [
        "Syria opposition fails to convince Russia",
        "Kremlin pressed on Syrian stance",
    ]


def test_a_replaced_or_damaged_list_or_snapshot_is_not_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    closed_library(folder)
    snapshot = folder / SNAPSHOT_NAME
    stat = snapshot.stat()
    os.utime(snapshot, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # another snapshot now
    assert read_catalogue(folder) is None
    Library(folder).close()  # a writable open that changes nothing still mends the list
    assert read_catalogue(folder) is not None
    (folder / CACHE_NAME).write_bytes(b'{"format": 1, "rows": [')
    assert read_catalogue(folder) is None
    (folder / CACHE_NAME).write_bytes(b'{"format": 99, "snapshot": null, "rows": []}')
    assert read_catalogue(folder) is None
    (folder / CACHE_NAME).unlink()
    assert read_catalogue(folder) is None
    assert cached_opening(folder, read_only=False) is None  # the library is read first


def test_the_view_takes_the_catalogue_order_as_its_date_order(library: Library) -> None:
    """`LibraryView.show` skips sorting by date: `Library.catalogue`'s order must be that order,
    ties, empty and missing dates included."""
    rng = random.Random(3)
    for number in range(120):
        library.put_article(
            {
                "id": f"{number:010x}",
                "title": rng.choice(["Alpha", "beta", "Gamma", "alpha", ""]) + f" {number % 4}",
                "published": rng.choice([None, "", "2011-11-14", "2011-11-15", "2024-01-01"]),
            },
            {"text": "", "analysis": {}},
        )
    catalogue = library.catalogue()
    shown = LibraryView()
    shown.show(catalogue)
    sorted_afresh = LibraryView(rows=list(catalogue))
    assert shown.visible({}) == sorted_afresh.visible({})


def test_a_damaged_rest_of_the_list_leaves_its_head(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(catalogue_cache, "HEAD_ROWS", 1)
    folder = tmp_path / "library"
    closed_library(folder)
    cache = folder / CACHE_NAME
    first_line = cache.read_bytes().partition(b"\n")[0]
    cache.write_bytes(first_line + b"\n[{\"id\": ")
    listed = read_catalogue(folder)
    assert [row["title"] for row in listed.rows()] == ["Syria opposition fails to convince Russia"]


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A closed library (its list cached with a head of one row), and a gate the worker's read
    waits at, so a test can act before the library is read."""
    monkeypatch.setattr(catalogue_cache, "HEAD_ROWS", 1)
    folder = tmp_path / "library"
    ids = closed_library(folder)
    gate = threading.Event()

    def read() -> Library:
        assert gate.wait(10)
        return Library(folder)

    yield LibraryOpening(folder, read_catalogue(folder), read), gate, ids
    gate.set()


async def test_the_list_is_drawn_before_the_library_is_read(cached) -> None:
    opening, gate, (newest, older) = cached
    assert len(opening.listed.head) == 1  # the first frame's; the other row comes next
    app = PresscutApp(opening=opening)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        screen: MainScreen = app.screen
        table = screen.query_one(ArticleTable)
        assert app.library is None and screen.library is None
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
            "Syria opposition fails to convince Russia",
            "Kremlin pressed on Syrian stance",
        ]
        assert "Syria opposition" in str(screen.query_one(ArticleHeader).render())
        assert screen.query_one(ArticleText).placeholder == READING  # the reader says it waits
        assert screen.check_action("filter", ()) is None  # shown, dimmed
        assert screen.check_action("who", ()) is None
        assert app.check_action("export", ()) is None
        assert screen.check_action("cycle_sort", ()) is True
        await pilot.press("slash")  # a dimmed key says why it does nothing
        assert [n.message for n in app._notifications] == [STILL_READING]
        await pilot.press("j")  # the list moves; the heading follows from the cached row
        assert "Kremlin pressed" in str(screen.query_one(ArticleHeader).render())
        await pilot.press("enter")  # remembered until the library is read
        assert screen.article is None
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library is not None and screen.library is app.library
        assert screen.article is not None and screen.article.row["id"] == older
        assert app.focused is screen.query_one(ArticleText)
        assert not screen.query_one(ArticleText).placeholder
        assert app.library.article(older)["read"] is True
        assert screen.check_action("filter", ()) is True
    app.library.close()


async def test_enter_then_a_move_before_the_library_is_read_opens_nothing(cached) -> None:
    opening, gate, (newest, older) = cached
    app = PresscutApp(opening=opening)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("enter", "j")  # chose, then moved on: browsing
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()  # the reader opens the article under the cursor a frame later
        screen: MainScreen = app.screen
        assert screen.article.row["id"] == older  # the reader follows the cursor
        assert app.focused is screen.query_one(ArticleTable)
        assert app.library.article(newest)["read"] is False
    app.library.close()


async def test_importing_from_the_palette_waits_for_the_library(cached) -> None:
    opening, gate, _ = cached
    app = PresscutApp(opening=opening)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        app.action_import_files()  # what the palette's "Import files" calls
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert [n.message for n in app._notifications] == [STILL_READING]
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
    app.library.close()


async def test_quitting_while_the_library_is_read_lets_go_of_it(cached) -> None:
    opening, gate, _ = cached
    read: list[Library] = []  # what the worker read, kept so that only closing can let go
    reading = opening.read
    opening.read = lambda: read.append(reading()) or read[-1]
    app = PresscutApp(opening=opening)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("q")
    gate.set()  # the read ends after the app has
    for _ in range(40):
        await asyncio.sleep(0.05)
        if read and read[0]._lock is None:
            break
    assert app.library is None
    (library,) = read
    assert library._lock is None  # closed: nobody else would close it
    with Library(opening.folder) as library:  # the lock was let go
        assert len(library.articles()) == 2


async def test_the_lock_the_worker_took_is_let_go_by_close(cached) -> None:
    opening, gate, _ = cached
    gate.set()
    app = PresscutApp(opening=opening)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    read = app.library
    file_lock = read._lock._lock  # kept alive: let go by `close`, not by being collected
    read.close()  # on this thread, as the command line closes it
    with pytest.raises(LibraryLocked), Library(opening.folder), Library(opening.folder):
        pass  # a second writer beside a first is still refused...
    with Library(opening.folder) as library:  # ...and this one is not
        assert library.articles() and not file_lock.is_locked


async def test_a_library_that_cannot_be_read_ends_the_app_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    closed_library(folder)

    def read() -> Library:
        raise StoreError(f"{folder / SNAPSHOT_NAME}: damaged library file")

    app = PresscutApp(opening=LibraryOpening(folder, read_catalogue(folder), read))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 1
    assert app.library is None
    assert app.failure == f"{folder / SNAPSHOT_NAME}: damaged library file"


async def test_a_library_another_process_writes_ends_the_app_with_one_line(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "library"
    closed_library(folder)
    with Library(folder):  # the writer: the app's worker finds the lock taken
        app = PresscutApp(opening=cached_opening(folder, read_only=False))
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.return_code == 1 and app.library is None
        assert "open for writing in presscut process" in app.failure
        reader = cached_opening(folder, read_only=True)  # reading beside it is fine
        with reader.read() as library:
            assert len(library.articles()) == 2
