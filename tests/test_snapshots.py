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
from tests.homs_library import fill as fill_homs
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


def test_reader_with_its_panel_at_80_columns(snap_compare, library: Library) -> None:
    """The panel asked for in a narrow terminal takes the list's place, not the reader's."""
    assert snap_compare(PresscutApp(library), press=["enter", "p"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, library: Library, size) -> None:
    assert snap_compare(PresscutApp(library), press=["enter", "question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_removing_asks_first(snap_compare, library: Library, size) -> None:
    """d on the list: the question names the article (a long title wraps) and its annotations."""
    key = library.articles()[0]["id"]
    library.add_annotation(key, "tag", tag="verify")
    assert snap_compare(PresscutApp(library), press=["d"], terminal_size=size)


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


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_story_view(snap_compare, tmp_path: Path, size) -> None:
    from tests.story_library import fill_story

    with Library(tmp_path / "story") as library:
        fill_story(library)

        async def story_shown(pilot) -> None:
            await pilot.press("S")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("2", "down")

        assert snap_compare(PresscutApp(library), run_before=story_shown, terminal_size=size)


def test_reader_after_setting_a_speaker(snap_compare, tmp_path: Path) -> None:
    """The Red Crescent's reported words given to Rami Haddad: "Mr Haddad", on their line, is
    the speaker underlined; "The Red Crescent" is no longer."""
    with Library(tmp_path / "library") as library:
        fill_homs(library)
        press = ["enter", "]", "]", "c", "enter", "down", "enter"]
        assert snap_compare(PresscutApp(library), press=press, terminal_size=(120, 40))


def test_a_tagged_passage_shows_its_tag_under_the_reader(snap_compare, library: Library) -> None:
    """The tagged quotation underlined twice on its background, its tag on the line under the
    reader; and a selection of words made with v and w inside reported speech, drawn over it."""
    press = ["enter", "]", "t", *"verify", "enter", "]", "v", "w"]
    assert snap_compare(PresscutApp(library), press=press, terminal_size=(120, 40))


def test_rules_screen(snap_compare, tmp_path: Path) -> None:
    """R: the library's rules, an entity rule and an alias rule, with their ids and times."""
    with Library(tmp_path / "library") as library:
        fill_homs(library)
        library.put_rule({"id": "5e0c1a2b", "kind": "entity", "created": "2026-03-01T09:15:00",
                          "name": "Homs", "label": "GPE"})  # fmt: skip
        library.put_rule({"id": "9d4f7e31", "kind": "alias", "created": "2026-03-02T17:40:00",
                          "names": ["Mr Haddad", "Rami Haddad"],
                          "show": "Rami Haddad"})  # fmt: skip
        assert snap_compare(PresscutApp(library), press=["R"], terminal_size=(80, 24))
