"""The footers fit their width: keys left out (least used first), never the help's."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from store.library import Library
from tests.app_library import fill
from tui.app import PresscutApp


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library") as opened:
        fill(opened)
        yield opened


def footer_keys(app: PresscutApp) -> list[str]:
    return [key.key for key in app.screen.query(FooterKey) if key.display]


async def test_at_80_columns_the_least_used_keys_give_way_and_help_stays(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = footer_keys(app)
        assert {"question_mark", "q", "slash", "enter", "W", "S"} <= set(shown)
        assert not {"R", "i", "p", "c", "d"} & set(shown)  # in the help and the palette
        [help_key] = [key for key in app.screen.query(FooterKey) if key.key == "question_mark"]
        assert help_key.region.right <= 80  # drawn, not cut off past the edge
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        await pilot.pause()
        assert {"R", "i", "p", "c", "d", "question_mark"} <= set(footer_keys(app))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert footer_keys(app) == shown


async def test_the_keys_left_out_are_in_the_command_palette(library) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Rules", "Import files", "Toggle side panel", "Compare", "Who's who",
                "Story"} <= titles
