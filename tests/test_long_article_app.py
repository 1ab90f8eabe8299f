"""A very long article in the app: the side panel lists its quotations a page at a time, and
the reader wraps it as Textual would."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.document._wrapped_document import WrappedDocument

from bench.long_article import long_article, save
from store.library import Library
from tui.app import PresscutApp
from tui.widgets.article_text import ArticleText
from tui.widgets.paged_list import PAGE, PagedList
from tui.widgets.side_panel import SidePanel

COPIES = 8  # of the generated 2,000-word article: 320 quotations, four pages


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library") as opened:
        save(opened, long_article(COPIES))
        yield opened


def prompts(listed: PagedList) -> list[str]:
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


async def test_the_panel_lists_quotations_a_page_at_a_time(library) -> None:
    quotes = library.body(library.articles()[0]["id"])["analysis"]["quotes"]
    assert len(quotes) > 2 * PAGE
    app = PresscutApp(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        listed = app.screen.query_one(SidePanel).query_one("#quotes", PagedList)
        assert listed.option_count == PAGE + 1
        assert prompts(listed)[-1] == (
            f"… {len(quotes) - PAGE} more quotations: enter lists {PAGE} more"
        )
        listed.focus()
        listed.highlighted = PAGE
        await pilot.press("enter")  # the next page, from its first quotation
        await pilot.pause()
        assert listed.option_count == 2 * PAGE + 1 and listed.highlighted == PAGE
        await pilot.press("enter")  # which shows in the reader
        await pilot.pause()
        reader = app.screen.query_one(ArticleText)
        start, end = quotes[PAGE]["start"], quotes[PAGE]["end"]
        assert reader.selected_text == reader.text[start:end]
        assert listed.option_count == 2 * PAGE + 1  # the jump kept what was listed
        listed.focus()
        while "more quotations" in prompts(listed)[-1]:  # up to the last page
            listed.highlighted = listed.option_count - 1
            await pilot.press("enter")
            await pilot.pause()
        assert listed.option_count == len(quotes)
        assert "more quotations" not in prompts(listed)[-1]


async def test_the_reader_wraps_a_long_article_as_textual_does(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen.query_one(ArticleText)
        theirs = WrappedDocument(reader.document, reader.wrap_width, reader.indent_width)
        assert reader.wrapped_document._wrap_offsets == theirs._wrap_offsets
        assert reader.wrapped_document.height == theirs.height > 1000


async def test_moving_the_cursor_draws_only_the_lines_it_leaves_and_enters(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen.query_one(ArticleText)
        await pilot.press("j")  # every line on screen drawn once
        await pilot.pause()
        drawn: list[int] = []
        draw = reader._render_line

        def counted(y: int):
            drawn.append(y)
            return draw(y)

        reader._render_line = counted
        await pilot.press("j", "j", "j", "j")  # within the first paragraphs
        await pilot.pause()
        row = reader.cursor_location[0]
        lines = reader.wrapped_document._offset_to_line_info
        assert reader.scroll_offset.y == 0 and row < 10
        assert drawn and {lines[y][0] for y in drawn} <= set(range(row + 1))
        assert len(set(drawn)) < reader.size.height  # not every line on screen
