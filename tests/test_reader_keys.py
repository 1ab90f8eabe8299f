"""Keys that do what the footer and the README say: the sort's arrow and reversal, the side
panel's width and folding, completing a path with tab, undo in the side panel, escape out of
a compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.library import Library
from tests.app_library import fill
from tui.app import PresscutApp
from tui.screens.importing import ImportPrompt
from tui.widgets.article_table import ArticleTable
from tui.widgets.article_text import ArticleText
from tui.widgets.side_panel import AnnotationList, SidePanel


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library") as opened:
        fill(opened)
        yield opened


def heading(app: PresscutApp) -> str:
    table = app.screen.query_one(ArticleTable)
    return "".join(segment.text for segment in table.render_line(0))


def titles(app: PresscutApp) -> list[str]:
    table = app.screen.query_one(ArticleTable)
    return [table.get_row_at(index)[0] for index in range(table.row_count)]


async def test_the_sort_shows_its_column_and_s_reverses_it(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert "Date ↓" in heading(app)  # newest first, as the library opens
        await pilot.press("s")  # the same column, the other way round
        assert "Date ↑" in heading(app)
        assert titles(app)[0] == "Kremlin pressed on Syrian stance"
        await pilot.press("s")  # then the next column
        assert "Quotes ↓" in heading(app) and "Date ↑" not in heading(app)
        assert titles(app)[0] == "Syria opposition fails to convince Russia"
        await pilot.press("s")
        assert "Quotes ↑" in heading(app)


async def test_the_side_panel_grows_with_the_width(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(SidePanel).size.width > 40


async def test_shrinking_the_terminal_folds_the_panel_as_at_start_up(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query_one(SidePanel).display
        assert app.screen.query_one(ArticleText).size.width > 40
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert app.screen.query_one(SidePanel).display


async def test_tab_completes_the_path_in_the_import_prompt(library, tmp_path: Path) -> None:
    (tmp_path / "news-folder").mkdir()
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportPrompt)
        box = app.screen.query_one("#import-paths")
        box.value = str(tmp_path / "news-f")
        await pilot.pause(0.1)  # the suggester answers asynchronously
        await pilot.press("tab")
        assert box.value == str(tmp_path / "news-folder") + "/"
        assert isinstance(app.screen, ImportPrompt)


async def test_u_in_the_side_panel_undoes_a_deletion_there(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "]", "t", *"check", "enter")
        await pilot.pause()
        listed = app.screen.query_one(AnnotationList)
        listed.focus()
        await pilot.press("d")
        await pilot.pause()
        assert library.annotations() == []
        await pilot.press("u")
        await pilot.pause()
        assert [a["tag"] for a in library.annotations()] == ["check"]
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert library.annotations() == []


async def test_escape_cancels_a_pending_compare(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        assert app.screen.compare_first is not None
        assert "escape" in app.screen.active_bindings
        await pilot.press("escape")
        assert app.screen.compare_first is None
        await pilot.press("j", "c")  # a new compare starts afresh, not with the first article
        assert app.screen.compare_first == app.screen.query_one(ArticleTable).current_id()


async def test_help_names_every_key_in_words(library) -> None:
    from tui.screens.help import HelpScreen
    from tui.screens.people import PeopleScreen

    app = PresscutApp(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.rows
        assert ("p", "Panel") in {(keys, what) for _, keys, what in rows}
        assert ("o", "Original") in {(keys, what) for _, keys, what in rows}
        await pilot.press("escape", "W")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("down", "question_mark")  # from the list (the filter takes any text)
        assert isinstance(app.screen, HelpScreen)
        contexts = {context for context, _, _ in app.screen.rows}
        assert "Who's who" in contexts
        assert not contexts & {"DataTable", "PeopleScreen", "Input", "OptionList"}
        assert all(what and "_" not in what for _, _, what in app.screen.rows)
