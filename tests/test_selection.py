"""A selection shows over every highlight (quotations, reported speech, entities), in every
theme Textual ships and in 16 colours: read from the styles the reader draws at the selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import ColorSystem
from textual.app import App

from store.library import Library
from tests.app_library import TEXT_A, fill, span
from tui.app import PresscutApp
from tui.reader_styles import BACKGROUNDS, SELECTION
from tui.widgets.article_text import ArticleText

THEMES = sorted(App().available_themes)


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library") as opened:
        fill(opened)
        yield opened


def styles_at(reader: ArticleText, start: int, end: int) -> list:
    """The styles the reader draws on the characters ``start:end`` of the first screen line
    they are on."""
    row, column = reader._index.location(start)
    y = reader.wrapped_document.location_to_offset((row, column)).y - reader.scroll_offset.y
    line_start = reader.wrapped_document.offset_to_location((0, y + reader.scroll_offset.y))[1]
    found, at = [], line_start
    for segment in reader.render_line(y):
        text_from, text_to = at, at + len(segment.text)
        if text_from < column + (end - start) and text_to > column and segment.text.strip():
            found.append(segment.style)
        at = text_to
    return found


@pytest.mark.parametrize("colours", [ColorSystem.TRUECOLOR, ColorSystem.STANDARD])
async def test_the_selection_shows_over_every_highlight_in_every_theme(library, colours) -> None:
    direct = span(TEXT_A, "We were unable to change the position of the Russian government.")
    reported = span(TEXT_A, "more than 3,500 people have died")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        app.console._color_system = colours  # headless is 16 colours unless told
        await pilot.pause()
        await pilot.press("enter")
        reader = app.screen.query_one(ArticleText)
        for name in THEMES:
            app.theme = name
            await pilot.pause()
            painted = reader._theme.syntax_styles
            chosen = painted[SELECTION]
            others = {painted[key].bgcolor for key in BACKGROUNDS}
            assert chosen.bgcolor not in others, name
            for selected in (direct, reported):  # the second: inside reported speech
                reader.move_to_offset(selected[0], select_to=selected[1])
                await pilot.pause()
                styles = styles_at(reader, *selected)
                assert styles, name
                for style in styles:
                    assert style.bgcolor == chosen.bgcolor, (name, selected, style)
                    assert style.color == chosen.color, (name, selected, style)
            reader.move_to_offset(direct[0])  # nothing selected: the quotation's own background
            await pilot.pause()
            unselected = styles_at(reader, *direct)
            assert all(style.bgcolor != chosen.bgcolor for style in unselected), name


async def test_after_the_next_quotation_key_the_quotation_shows_selected(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "]")
        await pilot.pause()
        reader = app.screen.query_one(ArticleText)
        chosen = reader._theme.syntax_styles[SELECTION]
        selected = span(TEXT_A, "We were unable to change the position of the Russian government.")
        assert reader.selection_offsets() == selected
        assert {style.bgcolor for style in styles_at(reader, *selected)} == {chosen.bgcolor}


async def test_tags_and_notes_mark_their_passage_and_show_at_the_cursor(library) -> None:
    from tui.widgets.annotation_hint import AnnotationHint

    quotation = span(TEXT_A, "We were unable to change the position of the Russian government.")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "]", "t", *"verify", "enter")
        await pilot.press("]", "[", "n", *"ask the SNC", "ctrl+s")  # the same passage
        await pilot.pause()
        reader = app.screen.query_one(ArticleText)
        hint = app.screen.query_one(AnnotationHint)
        reader.move_to_offset(quotation[0] + 3)  # the cursor inside the passage
        await pilot.pause()
        assert hint.display
        assert str(hint.render()) == "#verify · note: ask the SNC"
        reader.move_to_offset(span(TEXT_A, "Moscow")[0])  # elsewhere: nothing to show
        await pilot.pause()
        assert not hint.display
        styles = styles_at(reader, *quotation)  # and the passage is marked
        assert styles and all(style.underline2 for style in styles)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "ansi-dark"])
async def test_a_mark_on_a_quotation_keeps_the_quotation_s_style_and_adds_its_own(
    library, theme: str
) -> None:
    """The mark of a tag or note adds to the quotation's background and the entity's colour
    inside it, and to the selection over both, instead of replacing them."""
    quotation = span(TEXT_A, "We were unable to change the position of the Russian government.")
    russian = span(TEXT_A, "Russian")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        await pilot.press("enter")
        reader = app.screen.query_one(ArticleText)
        reader.move_to_offset(span(TEXT_A, "Moscow")[0])
        await pilot.pause()
        before = styles_at(reader, *quotation)
        entity_before = styles_at(reader, *russian)
        await pilot.press("]", "t", *"verify", "enter")
        reader.move_to_offset(span(TEXT_A, "Moscow")[0])  # nothing selected
        await pilot.pause()
        after = styles_at(reader, *quotation)
        painted = reader._theme.syntax_styles
        assert {s.bgcolor for s in after} == {s.bgcolor for s in before} == {
            painted["quote.direct"].bgcolor}
        assert all(s.underline2 for s in after) and not any(s.underline2 for s in before)
        entity_after = styles_at(reader, *russian)
        assert [s.color for s in entity_after] == [s.color for s in entity_before]
        assert all(s.underline2 and s.bold for s in entity_after)
        reader.move_to_offset(quotation[0], select_to=quotation[1])  # selected: both show
        await pilot.pause()
        selected = styles_at(reader, *quotation)
        assert all(s.bgcolor == painted[SELECTION].bgcolor and s.underline2 for s in selected)
