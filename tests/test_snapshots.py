"""What the screens look like, compared with reviewed SVG snapshots.

Update them after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`,
then look at the SVGs before committing.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from store.catalogue_cache import read_catalogue
from store.library import Library
from tests.app_library import fill
from tui.app import PresscutApp
from tui.opening import LibraryOpening

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library") as opened:
        fill(opened)
        yield opened


@pytest.mark.parametrize("size", SIZES)
def test_library(snap_compare, library: Library, size) -> None:
    assert snap_compare(PresscutApp(library), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_reader_with_highlights(snap_compare, library: Library, size) -> None:
    assert snap_compare(PresscutApp(library), press=["enter", "]"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, library: Library, size) -> None:
    assert snap_compare(PresscutApp(library), press=["enter", "question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_empty_library(snap_compare, tmp_path: Path, size) -> None:
    with Library(tmp_path / "empty") as empty:
        assert snap_compare(PresscutApp(empty), terminal_size=size)


def test_reader_in_a_light_theme(snap_compare, library: Library) -> None:
    app = PresscutApp(library)

    def light(pilot) -> None:
        pilot.app.theme = "textual-light"

    assert snap_compare(app, press=["enter", "]"], terminal_size=(100, 24), run_before=light)


def test_the_list_while_the_library_is_read(snap_compare, tmp_path: Path) -> None:
    """The first screen of a library left as presscut closes it: the cached list, the reader
    waiting, the keys that need the library dimmed."""
    folder = tmp_path / "library"
    with Library(folder) as library:
        fill(library)
    held = threading.Event()  # never set: the read waits out the screenshot, then goes on

    def read() -> Library:
        held.wait(2)
        return Library(folder)

    opening = LibraryOpening(folder, read_catalogue(folder), read)
    assert snap_compare(PresscutApp(opening=opening), terminal_size=(120, 40))


def test_a_tagged_passage_shows_its_tag_under_the_reader(snap_compare, library: Library) -> None:
    """The tagged quotation tinted, its tag on the line under the reader; and a selection of
    words made with v and w inside reported speech, drawn over it."""
    press = ["enter", "]", "t", *"verify", "enter", "]", "v", "w"]
    assert snap_compare(PresscutApp(library), press=press, terminal_size=(120, 40))
