"""Settings that last: the theme, the side panel, the sort and rebound keys, in a TOML file in
the config folder (PRESSCUT_CONFIG, pointed at tmp_path for every test by conftest)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from store.library import Library
from tests.app_library import fill
from tui.app import PresscutApp
from tui.screens.help import HelpScreen
from tui.settings import FILE_NAME, load_settings
from tui.widgets.side_panel import SidePanel


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library") as opened:
        fill(opened)
        yield opened


def written(config: Path) -> dict:
    return tomllib.loads((config / FILE_NAME).read_text())


async def test_theme_panel_and_sort_are_kept_for_the_next_start(library, own_settings) -> None:
    app = PresscutApp(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.press("s", "s", "p")  # date the other way, then quotes; the panel folded
        await pilot.pause()
    assert written(own_settings) == {
        "theme": "nord", "panel": "folded", "library": {"sort": "quotes", "descending": True}
    }
    again = PresscutApp(library)
    async with again.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        assert again.screen.view.sort_key == "quotes" and again.screen.view.descending
        await pilot.press("enter")  # reading: the panel stays folded, as left
        await pilot.pause()
        assert not again.screen.query_one(SidePanel).display


async def test_a_broken_settings_file_is_named_and_the_defaults_used(library, own_settings) -> None:
    own_settings.mkdir()
    broken = own_settings / FILE_NAME
    broken.write_text('theme = "nord\n')
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (said,) = [n.message for n in app._notifications]
        assert str(broken) in said and "\n" not in said and "defaults" in said
        assert app.theme == "textual-dark"
        app.theme = "gruvbox"  # a change is not written over the user's broken file
        await pilot.pause()
    assert broken.read_text() == 'theme = "nord\n'


def test_values_of_the_wrong_kind_are_named(own_settings) -> None:
    own_settings.mkdir()
    (own_settings / FILE_NAME).write_text('panel = "sideways"\n')
    settings = load_settings()
    assert "panel" in settings.problem and settings.panel_shown is None


async def test_keys_rebound_in_the_file_work_and_show(library, own_settings) -> None:
    own_settings.mkdir()
    (own_settings / FILE_NAME).write_text('[keys]\ntoggle_panel = "f2"\nnext_quote = "f3,n"\n')
    app = PresscutApp(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        panel = app.screen.query_one(SidePanel)
        assert panel.display
        bindings = app.screen.active_bindings
        assert "f2" in bindings and "p" not in bindings  # the footer shows the user's key
        await pilot.press("f2")
        assert not panel.display
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {what: keys for _, keys, what in app.screen.rows}
        assert keys["Panel"] == "f2"
        assert keys["Next quote"].split() == ["f3", "n"]


def test_the_feeds_refresh_interval_is_a_setting(own_settings: Path) -> None:
    own_settings.mkdir()
    (own_settings / FILE_NAME).write_text("[feeds]\nrefresh_minutes = 15\n")
    assert load_settings().refresh_minutes == 15
    (own_settings / FILE_NAME).write_text("[feeds]\nrefresh_minutes = \"often\"\n")
    settings = load_settings()
    assert settings.refresh_minutes is None
    assert "feeds.refresh_minutes must be a number of minutes" in settings.problem


async def test_the_app_refreshes_feeds_as_often_as_the_settings_say(library, own_settings):
    own_settings.mkdir()
    (own_settings / FILE_NAME).write_text("[feeds]\nrefresh_minutes = 30\n")
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        timers = [t for t in app.screen._timers if getattr(t, "_interval", None) == 1800]
        assert timers, "no refresh every 30 minutes"
