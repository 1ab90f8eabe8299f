"""The reader's colours in every theme Textual ships, and where only 16 colours exist."""

from __future__ import annotations

import pytest
from rich.color import ColorSystem
from textual.app import App

from store.library import Library
from tests.app_library import fill
from tui.app import PresscutApp
from tui.reader_styles import reader_theme
from tui.widgets.article_text import ArticleText

THEMES = App().available_themes
ENTITIES = ("entity.person", "entity.body", "entity.place", "entity.figure")
BACKGROUNDS = ("quote.direct", "quote.indirect")


def sixteen(colour) -> int:
    return colour.downgrade(ColorSystem.STANDARD).number


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_theme_gets_reader_styles(name: str) -> None:
    for few_colours in (False, True):
        styles = reader_theme(THEMES[name], few_colours=few_colours).syntax_styles
        assert all(styles[key].color for key in ENTITIES)
        assert all(styles[key].bgcolor for key in BACKGROUNDS)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_a_tag_or_note_is_marked_by_an_attribute_no_other_highlight_uses(name: str) -> None:
    """No colour, so it adds to a quotation's background, an entity's colour and the selection
    instead of replacing one."""
    for few_colours in (False, True):
        styles = reader_theme(THEMES[name], few_colours=few_colours).syntax_styles
        marked = styles["annotated"]
        assert marked.underline2 and not (marked.color or marked.bgcolor)
        assert not any(style.underline2 for key, style in styles.items() if key != "annotated")


@pytest.mark.parametrize("name", ["textual-dark", "textual-light", "ansi-dark", "ansi-light"])
def test_in_16_colours_kinds_and_quotations_stay_apart(name: str) -> None:
    styles = reader_theme(THEMES[name], few_colours=True).syntax_styles
    assert len({sixteen(styles[key].color) for key in ENTITIES}) == len(ENTITIES)
    assert len({sixteen(styles[key].bgcolor) for key in BACKGROUNDS}) == len(BACKGROUNDS)


async def test_switching_to_an_ansi_theme_repaints_the_reader(tmp_path) -> None:
    with Library(tmp_path / "library") as library:
        fill(library)
        app = PresscutApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.theme = "ansi-dark"
            await pilot.pause()
            reader = app.screen.query_one(ArticleText)
            assert reader.theme == "presscut-reader"
            direct = reader._theme.syntax_styles["quote.direct"]  # the theme the reader paints with
            assert direct.bgcolor.name == "blue"
