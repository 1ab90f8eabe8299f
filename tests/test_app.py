"""The reader driven by keys through Textual's Pilot, on a real library in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.library import Library
from tests.app_library import TEXT_A, fill, import_from_app, span, until
from tui.app import PresscutApp
from tui.screens.help import HelpScreen
from tui.screens.main import READ_ONLY, MainScreen
from tui.widgets.article_table import ArticleTable
from tui.widgets.article_text import ArticleText
from tui.widgets.side_panel import SidePanel


@pytest.fixture
def filled(tmp_path: Path):
    with Library(tmp_path / "library") as library:
        ids = fill(library)
        yield library, ids


def listed_titles(app: PresscutApp) -> list[str]:
    table = app.screen.query_one(ArticleTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def test_an_empty_library_says_how_to_import(tmp_path: Path) -> None:
    with Library(tmp_path / "empty") as library:
        app = PresscutApp(library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            message = app.screen.query_one("#empty-library")
            assert message.display and "presscut import PATH" in str(message.render())
            assert not app.screen.query_one(ArticleTable).display


async def test_the_library_lists_and_opens_articles(filled) -> None:
    library, (a, b) = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.screen.query_one(ArticleText)
        await until(pilot, lambda: reader.text)
        assert listed_titles(app) == [
            "Syria opposition fails to convince Russia",
            "Kremlin pressed on Syrian stance",
        ]
        assert reader.text == TEXT_A.replace("\x1b", "\u241b")
        await pilot.press("j")
        assert app.screen.article.row["id"] == b
        assert not library.article(b)["read"]
        await pilot.press("enter")
        assert library.article(b)["read"]
        assert app.focused is reader


async def test_filtering_by_words_tags_people_and_source(filled) -> None:
    library, (a, b) = filled
    library.add_annotation(b, "tag", tag="verify")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for query, expected in (
            ("kremlin", ["Kremlin pressed on Syrian stance"]),
            ("tag:verify", ["Kremlin pressed on Syrian stance"]),
            ("who:ghalioun", ["Syria opposition fails to convince Russia"]),
            ("source:bbc", ["Syria opposition fails to convince Russia"]),
            ("moscow", ["Syria opposition fails to convince Russia"]),  # a word of the text only
            ("nothing-like-this", []),
        ):
            await pilot.press("slash")
            box = app.screen.query_one("#filter")
            box.value = query
            await pilot.pause()
            assert listed_titles(app) == expected, query
            await pilot.press("escape")


async def test_sorting_by_column(filled) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen: MainScreen = app.screen
        screen.view.sort_by("title")
        screen.refresh_list()
        assert listed_titles(app)[0] == "Kremlin pressed on Syrian stance"
        screen.view.sort_by("title")  # again: the other way round
        screen.refresh_list()
        assert listed_titles(app)[0] == "Syria opposition fails to convince Russia"
        await pilot.press("s")
        assert screen.view.sort_key != "title"


async def test_keys_jump_between_quotations_and_entities(filled) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "]")
        reader = app.screen.query_one(ArticleText)
        assert reader.selected_text.startswith("We were unable")
        await pilot.press("]")
        assert reader.selected_text == "more than 3,500 people have died"
        await pilot.press("[")
        assert reader.selected_text.startswith("We were unable")
        await pilot.press("e")
        assert reader.selected_text == "Russian"
        await pilot.press("E")
        assert reader.selected_text == "Burhan Ghalioun"


async def test_find_marks_every_match(filled) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "slash", *"ghalioun")
        await pilot.pause()
        screen: MainScreen = app.screen
        assert screen.find_hits == [span(TEXT_A, "Ghalioun"), span(TEXT_A, "Ghalioun", 1)]
        painted = {
            name for line in screen.query_one(ArticleText)._highlights.values() for *_, name in line
        }
        assert "mark" in painted
        await pilot.press("enter")
        assert screen.query_one(ArticleText).cursor_offset() == span(TEXT_A, "Ghalioun", 1)[1]
        await pilot.press("escape")
        assert app.focused is screen.query_one(ArticleText)


async def test_the_original_text_toggles(filled) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "o")
        reader = app.screen.query_one(ArticleText)
        assert reader.text.startswith("Advertisement\n\n")
        await pilot.press("o")
        assert not reader.text.startswith("Advertisement")


async def test_the_side_panel_lists_groups_and_jumps(filled) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(SidePanel)
        groups = panel.query_one("#groups")
        assert groups.option_count == 0  # folded away while the list has the keys: not filled
        await pilot.press("enter")  # to the reader, which shows the panel
        await pilot.pause()
        assert "Burhan Ghalioun" in str(groups.get_option_at_index(0).prompt)
        assert "×2" in str(groups.get_option_at_index(0).prompt)
        quotes = panel.query_one("#quotes")
        assert "United Nations" in str(quotes.get_option_at_index(1).prompt)
        groups.focus()
        await pilot.press("enter")
        screen: MainScreen = app.screen
        assert screen.article.marks == [
            span(TEXT_A, "Burhan Ghalioun"),
            span(TEXT_A, "Mr Ghalioun"),
        ]
        assert screen.query_one(ArticleText).selected_text == "Burhan Ghalioun"


async def test_a_narrow_terminal_folds_the_panel_away(filled) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(SidePanel)
        await pilot.press("enter")  # to the reader: the panel is about the open article
        assert not panel.display
        await pilot.press("p")
        assert panel.display
        # Asked for at 80 columns, the panel takes the list's place: the reader keeps its room.
        library_pane = app.screen.query_one("#library-pane")
        assert not library_pane.display
        assert app.screen.query_one(ArticleText).size.width >= 40
        await pilot.press("escape")  # browsing the library folds it away again
        await pilot.pause()
        assert not panel.display
        assert library_pane.display
        assert app.focused is app.screen.query_one(ArticleTable)


async def test_help_lists_the_keys_of_the_context(filled) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {(context, what) for context, _, what in app.screen.rows}
        assert ("Reader", "Next quote") in rows and ("Reader", "Tag") in rows
        assert ("Everywhere", "Quit") in rows
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_palette_offers_import_export_and_toggles(filled) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {
            "Import files", "Export annotations", "Toggle side panel", "Toggle original text",
            "Theme",
        } <= titles


async def test_article_text_is_data_not_markup(filled) -> None:
    library, _ = filled
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.screen.query_one(ArticleText)
        await until(pilot, lambda: "not bold" in reader.text)
        assert "[bold]not bold[/bold]" in reader.text
        assert "\x1b" not in reader.text and "\u241b[31m" in reader.text
        line = reader.document.get_line(4)
        assert "[bold]not bold[/bold]" in line


async def test_importing_from_the_app_runs_in_a_worker(tmp_path: Path) -> None:
    from tests.conftest import SAMPLES

    with Library(tmp_path / "library") as library:
        app = PresscutApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await import_from_app(app, pilot, str(SAMPLES))
            assert isinstance(app.screen, MainScreen)
            assert [n.message for n in app._notifications] == [
                "import: 2 added, 0 updated, 0 unchanged"
            ]
            assert len(listed_titles(app)) == 2
            assert app.screen.article is not None
            assert not app.screen.has_class("-empty")


async def test_a_read_only_library_says_so_at_once(filled) -> None:
    library, _ = filled
    with Library(library.folder, read_only=True) as reading:
        app = PresscutApp(reading)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert READ_ONLY in [n.message for n in app._notifications]


def test_annotation_lines_say_what_a_correction_sets_and_mark_cut_text() -> None:
    from tui.widgets.side_panel import annotation_line

    relabel = {"kind": "correction", "action": "relabel", "label": "GPE",
               "target": {"exact": "U.N."}}
    assert str(annotation_line(relabel)) == "fix: relabel → GPE on “U.N.”"
    long_tag = {"kind": "tag", "tag": "verify",
                "target": {"exact": "he wanted U.N. peacekeepers in the region"}}
    assert str(annotation_line(long_tag)) == "#verify on “he wanted U.N. peacekee…”"
