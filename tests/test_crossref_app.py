"""The index, compare and related views driven by keys through Pilot, on real libraries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.compare import compare
from store.entity_notes import add_entity_note
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

TUI = Path(PresscutApp.__module__.replace(".", "/")).parent.resolve()
BBC = "Syria opposition fails to convince Russia over Assad"
UPI = "Kremlin pressed on Syrian stance"


@pytest.fixture
def samples(sample_export: dict, tmp_path: Path):
    folder = tmp_path / "library"
    shutil.copytree(sample_export["library"], folder)
    with Library(folder) as library:
        yield library, {row["title"]: row["id"] for row in library.articles()}


def option_texts(widget) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


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
        await pilot.press("s")
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
        await pilot.pause()
        index = PeopleIndex.build(library)
        app.push_screen(PeopleScreen(index, ids[UPI]))
        await pilot.pause()
        await pilot.press("slash", *"ghalioun", "enter")
        await pilot.pause()
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
    index = PeopleIndex.build(library)
    add_entity_note(library, ids[BBC], index.entity("person:burhan ghalioun"), "Paris-based")
    app = PresscutApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PeopleScreen(index, ids[UPI]))
        await pilot.pause()
        await pilot.press("slash", *"ghalioun")
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
    index = PeopleIndex.build(library)
    add_entity_note(library, ids[BBC], index.entity("person:burhan ghalioun"), "Heads the SNC")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen: MainScreen = app.screen
        assert screen.article.row["id"] == ids[UPI]  # same day: by title
        notes = str(screen.query_one(EntityNotesView).render())
        assert "Burhan Ghalioun: Heads the SNC" in notes  # written on the BBC article
        assert [r.row["id"] for r in screen.query_one(RelatedList).found] == [ids[BBC]]
        await pilot.press("c", "j", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.comparison.b["id"] == ids[BBC]
        await pilot.press("escape", "W")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("slash", *"ghalioun", "enter")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen is screen
        reader = screen.query_one(ArticleText)
        assert app.focused is reader and reader.selected_text
        quote = next(q for q in index.quotes_of(index.entity("person:burhan ghalioun"))
                     if q.article == screen.article.row["id"])
        assert reader.selected_text == library.body(quote.article)["text"][quote.start:quote.end]
