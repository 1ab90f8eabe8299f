"""The index, compare and related views driven by keys through Pilot, on real libraries."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from store.compare import compare
from store.entity_notes import KIND, add_entity_note, all_entity_notes
from store.library import Library
from store.people_index import PeopleIndex
from tests.app_library import fill
from tui.app import PresscutApp
from tui.crossref_index import current_index
from tui.screens.compare import CompareScreen
from tui.screens.main import MainScreen
from tui.screens.people import PeopleScreen
from tui.widgets.article_text import ArticleText
from tui.widgets.entity_notes_view import EntityNotesView
from tui.widgets.related_list import RelatedList
from tui.widgets.side_panel import AnnotationList

TUI = Path(PresscutApp.__module__.replace(".", "/")).parent.resolve()
BBC = "Syria opposition fails to convince Russia over Assad"
UPI = "Kremlin pressed on Syrian stance"
GHALIOUN = "person:burhan ghalioun"


@pytest.fixture
def samples(sample_export: dict, tmp_path: Path):
    folder = tmp_path / "library"
    shutil.copytree(sample_export["library"], folder)
    with Library(folder) as library:
        yield library, {row["title"]: row["id"] for row in library.articles()}


async def who_is_shown(app: PresscutApp, pilot) -> None:
    """W gathers the index in a worker, then shows the who's who."""
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "who"])
    await pilot.pause()


def option_texts(widget) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def noted(library: Library, article_id: str, note: str) -> PeopleIndex:
    """The library's index, with a note on Burhan Ghalioun written in the article given."""
    index = PeopleIndex.build(library)
    add_entity_note(library, article_id, index.entity(GHALIOUN), note)
    return index


async def open_index(app: PresscutApp, pilot, index: PeopleIndex, article_id: str) -> None:
    """Open the index over the first screen, as if from the article given."""
    await pilot.pause()
    app.push_screen(PeopleScreen(index, article_id))
    await pilot.pause()


async def find_in_index(pilot, name: str) -> None:
    """Type the name (the filter has the keys when the index opens); enter goes to the list."""
    await pilot.press(*name, "enter")
    await pilot.pause()


async def test_the_index_filters_sorts_and_opens_a_quotation(samples) -> None:
    library, ids = samples
    app = PresscutApp(library)
    chosen: list = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(PeopleScreen(PeopleIndex.build(library)), chosen.append)
        await pilot.pause()
        screen: PeopleScreen = app.screen
        assert screen.shown[0].name in {"Syria", "Bashar al-Assad"}  # most articles first
        await pilot.press("down", "s")  # to the list, where letters are commands
        assert screen.sort == "mentions" and screen.shown[0].name == "Syria"
        await pilot.press("slash", *"ghalioun")
        await pilot.pause()
        assert [e.name for e in screen.shown] == ["Burhan Ghalioun"]
        lines = option_texts(screen.query_one("#people-quotes"))
        assert any("It is about time" in line for line in lines)
        assert any("We were unable" in line for line in lines)
        await pilot.press("enter", "enter")  # to the table, to the quotations
        await pilot.press("enter")  # open the first quotation
        await pilot.pause()
        assert not isinstance(app.screen, PeopleScreen)
    article, start, end = chosen[0]
    assert article in ids.values() and end > start
    text = library.body(article)["text"]
    assert text[start:end] in "\n".join(lines) or text[start:end][:40] in "\n".join(lines)


async def test_a_note_written_in_the_index_shows_for_the_entity(samples) -> None:
    library, ids = samples
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_index(app, pilot, PeopleIndex.build(library), ids[UPI])
        await find_in_index(pilot, "ghalioun")
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#note").insert("Heads the SNC")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (note,) = [a for a in library.annotations(ids[UPI]) if a["kind"] == "entity_note"]
        assert note["entity"] == "person:burhan ghalioun"
        assert "note: Heads the SNC" in option_texts(app.screen.query_one("#people-quotes"))[0]


async def test_an_entity_note_shows_in_the_index_from_another_article(samples) -> None:
    library, ids = samples
    index = noted(library, ids[BBC], "Paris-based")
    app = PresscutApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_index(app, pilot, index, ids[UPI])
        await pilot.press(*"ghalioun")
        await pilot.pause()
        assert "note: Paris-based" in option_texts(app.screen.query_one("#people-quotes"))[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_compare_shows_the_two_articles_side_by_side(samples, size) -> None:
    library, ids = samples
    app = PresscutApp(library)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.push_screen(CompareScreen(compare(library, ids[BBC], ids[UPI])))
        await pilot.pause()
        screen = app.screen
        text = "\n".join(str(w.render()) for w in screen.query(".compare-col, .compare-wide"))
        assert "Burhan Ghalioun" in text and "It is about time" in text
        assert "= more than 3,500" in text and "United Nations (estimate)" in text
        left, right = screen.query_one("#compare-heads").query(".compare-col")
        assert left.region.width >= size[0] // 2 - 4 and right.region.x > left.region.x
        await pilot.press("j", "j")
        await pilot.press("escape")
        assert not isinstance(app.screen, CompareScreen)


async def test_the_related_list_fills_in_from_a_worker(samples) -> None:
    library, ids = samples
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        widget = RelatedList(id="related-test")
        await app.screen.mount(widget)
        widget.show_for(library, ids[BBC])
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [r.row["id"] for r in widget.found] == [ids[UPI]]
        assert UPI in option_texts(widget)[0]


async def test_the_shared_index_catches_up_with_new_articles(tmp_path: Path) -> None:
    with Library(tmp_path / "library") as library:
        assert current_index(library).entities() == []
        fill(library)
        assert {e.name for e in current_index(library).entities()} >= {"Burhan Ghalioun"}


async def test_the_main_screen_opens_who_compare_related_and_notes(samples) -> None:
    library, ids = samples
    index = noted(library, ids[BBC], "Heads the SNC")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # reading: the side panel shows, and is filled
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen: MainScreen = app.screen
        assert screen.article.row["id"] == ids[UPI]  # same day: by title
        notes = str(screen.query_one(EntityNotesView).render())
        assert "Burhan Ghalioun: Heads the SNC" in notes  # written on the BBC article
        assert [r.row["id"] for r in screen.query_one(RelatedList).found] == [ids[BBC]]
        await pilot.press("escape", "c", "j", "c")  # back to the list to compare
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.comparison.b["id"] == ids[BBC]
        await pilot.press("escape", "W")
        await who_is_shown(app, pilot)
        assert isinstance(app.screen, PeopleScreen)
        await find_in_index(pilot, "ghalioun")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen is screen
        reader = screen.query_one(ArticleText)
        assert app.focused is reader and reader.selected_text
        quote = next(q for q in index.quotes_of(index.entity(GHALIOUN))
                     if q.article == screen.article.row["id"])
        assert reader.selected_text == library.body(quote.article)["text"][quote.start:quote.end]


def entity_notes(library: Library) -> list[str]:
    return [note["note"] for note in all_entity_notes(library)]


def notes_cell(screen: PeopleScreen) -> str:
    table = screen.query_one("#people-table")
    return str(table.get_cell(str(table.cursor_row), "notes"))


async def test_a_note_is_edited_deleted_undone_and_redone_in_the_index(samples) -> None:
    library, ids = samples
    index = noted(library, ids[BBC], "Heads the SNC")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_index(app, pilot, index, ids[UPI])
        screen: PeopleScreen = app.screen
        await find_in_index(pilot, "ghalioun")
        assert notes_cell(screen) == "1"
        await pilot.press("n")  # on someone with a note: edit it, prefilled
        await pilot.pause()
        editor = app.screen.query_one("#note")
        assert editor.text == "Heads the SNC"
        editor.text = "Heads the SNC, based in Paris"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (note,) = all_entity_notes(library)
        assert note["note"] == "Heads the SNC, based in Paris" and note["article"] == ids[BBC]
        lines = option_texts(screen.query_one("#people-quotes"))
        assert lines[0] == "note: Heads the SNC, based in Paris"  # edited, not a second note
        await pilot.press("d")
        await pilot.pause()
        assert entity_notes(library) == [] and notes_cell(screen) == ""
        assert not any(line.startswith("note:") for line in
                       option_texts(screen.query_one("#people-quotes")))
        await pilot.press("u")
        await pilot.pause()
        assert entity_notes(library) == ["Heads the SNC, based in Paris"]
        assert all_entity_notes(library)[0]["id"] == note["id"]  # the same note back
        assert notes_cell(screen) == "1"
        await pilot.press("u")
        await pilot.pause()
        assert entity_notes(library) == ["Heads the SNC"]
        await pilot.press("ctrl+r", "ctrl+r")
        await pilot.pause()
        assert entity_notes(library) == []
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert entity_notes(library) == []  # nothing left to redo


async def test_d_deletes_the_note_highlighted_in_the_list(samples) -> None:
    library, ids = samples
    index = PeopleIndex.build(library)
    ghalioun = index.entity(GHALIOUN)
    add_entity_note(library, ids[BBC], ghalioun, "first")
    time.sleep(0.01)  # notes are ordered by when they were written, to the millisecond
    add_entity_note(library, ids[UPI], ghalioun, "second")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_index(app, pilot, index, ids[UPI])
        await find_in_index(pilot, "ghalioun")
        assert notes_cell(app.screen) == "2"
        await pilot.press("d")  # from the table: the latest
        await pilot.pause()
        assert entity_notes(library) == ["first"]
        await pilot.press("u", "enter")  # back, and to the list, on the first quotation
        await pilot.pause()
        listed = app.screen.query_one("#people-quotes")
        assert app.focused is listed
        listed.highlighted = 0  # the first note
        await pilot.press("d")
        await pilot.pause()
        assert entity_notes(library) == ["second"]
        await pilot.press("d")  # the list's line is now the other note
        await pilot.pause()
        assert entity_notes(library) == []
        await pilot.press("d")
        await pilot.pause()
        assert entity_notes(library) == []  # nothing to delete, and it says so


async def test_notes_made_in_the_index_show_at_once_and_the_reader_undoes_them(samples) -> None:
    library, ids = samples
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # reading: the side panel shows
        await app.workers.wait_for_complete()
        main: MainScreen = app.screen
        assert main.article.row["id"] == ids[UPI]
        notes_view = main.query_one(EntityNotesView)
        await pilot.press("W")
        await who_is_shown(app, pilot)
        assert isinstance(app.screen, PeopleScreen)
        await find_in_index(pilot, "ghalioun")
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#note").insert("Heads the SNC")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (note,) = all_entity_notes(library)
        assert note["article"] == ids[UPI]  # the article being read names him
        # the main screen below already shows it: notes on people, and the article's annotations
        assert "Burhan Ghalioun: Heads the SNC" in str(notes_view.render())
        assert [a["id"] for a in main.query_one(AnnotationList).annotations] == [note["id"]]
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#note").text = "Chairs the SNC"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Burhan Ghalioun: Chairs the SNC" in str(notes_view.render())
        await pilot.press("escape", "escape")  # the filter's table, then out
        await pilot.pause()
        assert app.screen is main
        main.query_one(ArticleText).focus()
        await pilot.press("u")  # the reader's undo takes back the edit made in the index
        await pilot.pause()
        assert entity_notes(library) == ["Heads the SNC"]
        assert "Burhan Ghalioun: Heads the SNC" in str(notes_view.render())
        await pilot.press("u")
        await pilot.pause()
        assert entity_notes(library) == []
        assert "Heads the SNC" not in str(notes_view.render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert entity_notes(library) == ["Heads the SNC"]
        assert "Burhan Ghalioun: Heads the SNC" in str(notes_view.render())
        # and the index's u leaves the reader's own changes to the reader
        await pilot.press("t", *"verify", "enter")
        await pilot.pause()
        await pilot.press("W")
        await who_is_shown(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert library.tags() == {"verify": 1}
        assert entity_notes(library) == ["Heads the SNC"]


async def test_a_note_on_someone_is_edited_from_the_side_panel(samples) -> None:
    library, ids = samples
    noted(library, ids[UPI], "Heads the SNC")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # reading: the side panel shows
        await pilot.pause()
        main: MainScreen = app.screen
        listed = main.query_one(AnnotationList)
        assert [a["kind"] for a in listed.annotations] == [KIND]
        assert str(listed.get_option_at_index(0).prompt) == "note on Burhan Ghalioun: Heads the SNC"
        listed.focus()
        listed.highlighted = 0
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen.query_one("#note")
        assert editor.text == "Heads the SNC"
        editor.text = "Chairs the SNC"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert entity_notes(library) == ["Chairs the SNC"]
        assert "Burhan Ghalioun: Chairs the SNC" in str(main.query_one(EntityNotesView).render())
        main.query_one(ArticleText).focus()
        await pilot.press("u")
        await pilot.pause()
        assert entity_notes(library) == ["Heads the SNC"]


async def test_notes_cannot_be_changed_in_a_read_only_library(samples) -> None:
    library, ids = samples
    noted(library, ids[BBC], "Heads the SNC")
    folder = library.folder
    library.close()
    with Library(folder, read_only=True) as reading:
        app = PresscutApp(reading)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_index(app, pilot, PeopleIndex.build(reading), ids[UPI])
            await find_in_index(pilot, "ghalioun")
            await pilot.press("d", "n", "u")
            await pilot.pause()
            assert isinstance(app.screen, PeopleScreen)  # no editor opened
            assert entity_notes(reading) == ["Heads the SNC"]


async def test_typing_a_name_in_the_index_filters_and_opens_nothing(samples) -> None:
    """j, k and n start names: typed when the index opens they filter, they do not move the
    list or open a note."""
    library, ids = samples
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_index(app, pilot, PeopleIndex.build(library), ids[UPI])
        screen: PeopleScreen = app.screen
        await pilot.press(*"nkj")
        await pilot.pause()
        assert app.screen is screen  # no note editor
        assert screen.query_one("#people-filter").value == "nkj"
        assert "n" not in screen.active_bindings or not screen.active_bindings["n"].enabled
        await pilot.press("backspace", "backspace", "backspace", *"ghalioun")
        await pilot.pause()
        assert [e.name for e in screen.shown] == ["Burhan Ghalioun"]
        await pilot.press("down")  # to the list: now n writes a note
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is not screen
