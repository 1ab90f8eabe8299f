"""The story view driven by keys through Pilot: the figures behind each bar, and opening them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from store.library import Library
from tests.story_library import fill_story
from tui.app import PresscutApp
from tui.screens.story import StoryScreen, describe, parse_scope
from tui.widgets.article_text import ArticleText
from tui.widgets.bar_chart import BarChart, whole_ticks


@pytest.fixture
def story(tmp_path: Path):
    with Library(tmp_path / "library") as library:
        yield library, fill_story(library)


async def story_is_shown(app: PresscutApp, pilot) -> StoryScreen:
    await pilot.press("S")
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "story"])
    await pilot.pause()
    assert isinstance(app.screen, StoryScreen)
    return app.screen


def listed(screen: StoryScreen) -> list[str]:
    behind = screen.query_one("#story_behind")
    return [str(behind.get_option_at_index(i).prompt) for i in range(behind.option_count)]


def bars(screen: StoryScreen, key: str) -> dict[str, list[int]]:
    chart = screen.query_one(f"#{key}", BarChart)
    return {name: values for name, values in chart.bars.series} | {"": chart.bars.labels}


async def test_each_chart_draws_the_library_s_counts(story) -> None:
    library, _ = story
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await story_is_shown(app, pilot)
        assert bars(screen, "days") == {"": ["2012-02-06", "2012-02-07"], "BBC": [1, 0],
                                        "Reuters": [0, 1], "UPI": [1, 0]}
        speakers = bars(screen, "speakers")
        assert speakers[""][:2] == ["Ban Ki-moon", "Bashar al-Assad"]
        assert speakers["BBC"][:2] == [2, 1] and speakers["UPI"][:2] == [0, 1]
        assert bars(screen, "kinds") == {"": ["BBC", "Reuters", "UPI"], "direct": [2, 0, 2],
                                         "reported": [1, 1, 0]}
        assert "4 articles, 3 outlets, 2012-02-06 to 2012-02-07, 1 undated" in str(
            screen.query_one("#story_heading").render())


async def test_moving_along_the_bars_lists_what_is_behind_them_and_enter_opens_it(story):
    library, ids = story
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await story_is_shown(app, pilot)
        assert [line.split()[2] for line in listed(screen)] == ["Assad", "Assad"]  # 2012-02-06
        await pilot.press("right")
        await pilot.pause()  # the chart tells the screen by a message
        assert listed(screen) == ["2012-02-07  Reuters   Convoys blocked"]
        await pilot.press("2")
        assert len(listed(screen)) == 2 and all("Ban Ki-moon, BBC" in x for x in listed(screen))
        await pilot.press("down")  # Bashar al-Assad: BBC's words and UPI's
        assert [x.split(":")[0] for x in listed(screen)] == ["Bashar al-Assad, BBC",
                                                              "Bashar Assad, UPI"]
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert app.screen is not screen
        reader = app.screen.query_one(ArticleText)
        assert reader.selected_text == "The reforms go on"
        assert app.screen.article.row["id"] == ids["Assad speaks of reform"]


async def test_a_scope_typed_after_slash_narrows_every_chart(story) -> None:
    library, _ = story
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await story_is_shown(app, pilot)
        await pilot.press("slash", *"tag:verify", "enter")
        assert bars(screen, "kinds")[""] == ["BBC", "Reuters"]
        assert "Articles tagged verify: 2 articles" in str(
            screen.query_one("#story_heading").render())
        await pilot.press("slash", *"since:2013-01-01", "enter")
        assert screen.query_one("#switch_days").current == "empty_days"
        assert str(screen.query_one("#empty_days").render()) == "No dated articles in this scope."
        await pilot.press("slash", *"since:soon", "enter")
        assert screen.query_one("#story_scope_input").has_focus  # refused: still asking
        await pilot.press("escape", "escape")
        assert app.screen is not screen


async def test_the_story_follows_the_library_s_filter(story) -> None:
    library, _ = story
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"reuters", "enter")
        await pilot.pause()
        screen = await story_is_shown(app, pilot)
        assert screen.figures.articles == 1
        assert "Articles matching 'reuters'" in str(screen.query_one("#story_heading").render())


async def test_an_empty_library_says_so_instead_of_drawing_empty_frames(tmp_path: Path):
    with Library(tmp_path / "empty") as library:
        app = PresscutApp(library)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await story_is_shown(app, pilot)
            assert str(screen.query_one("#empty_days").render()) == (
                "No dated articles in this scope.")
            await pilot.press("2")
            assert str(screen.query_one("#empty_speakers").render()) == (
                "Nobody is quoted in this scope.")


def test_scope_words() -> None:
    scope = parse_scope("verify since:2012-02-01 until:2012-02-29")
    assert describe(scope) == "Articles tagged verify since 2012-02-01 until 2012-02-29"
    with pytest.raises(ValueError, match="write tag:NAME"):
        parse_scope("from:2012")
    assert whole_ticks(9) == [0, 3, 6, 9] and whole_ticks(0) == [0]


async def test_the_who_s_who_draws_each_one_over_time_and_says_who_quotes_them(story) -> None:
    from tui.screens.people import PeopleScreen

    library, _ = story
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("W")
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "who"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        await pilot.press(*"assad", "enter")  # the filter has the keys when the index opens
        table = screen.query_one("#people-table")
        assert table.row_count == 1
        over_time = table.get_cell_at((0, table.get_column_index("over_time")))
        assert str(over_time) == "█ "  # 2012-02-06 both times; nothing on 07
        chart = screen.query_one("#people-timeline", BarChart)
        assert chart.bars.labels == ["2012-02-06", "2012-02-07"]
        assert dict(chart.bars.series) == {"mentioned": [2, 0], "quoted": [2, 0]}
        assert "by BBC 1, UPI 1" in str(screen.query_one("#people-detail").render())


async def test_in_an_ansi_theme_the_series_keep_distinct_terminalcolours(story) -> None:
    library, _ = story
    app = PresscutApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "ansi-dark"
        screen = await story_is_shown(app, pilot)
        chart = screen.query_one("#days", BarChart)
        colours = chart.colours()
        assert colours == ["blue", "yellow", "green"]  # three outlets, three terminal colours
        assert "■ BBC" in str(chart.legend())


async def test_opened_again_the_story_reuses_its_figures_until_the_library_changes(story):
    from tests.story_library import reject_first_quote

    library, ids = story
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        first = await story_is_shown(app, pilot)
        await pilot.press("escape")
        again = await story_is_shown(app, pilot)
        assert again is first  # the screen is kept: its widgets are not built again
        assert again.figures is first.figures  # nothing changed: nothing counted again
        await pilot.press("escape")
        reject_first_quote(library, ids["Assad defiant"])
        changed = await story_is_shown(app, pilot)
        assert {s.name: s.total for s in changed.figures.speakers}["Bashar Assad"] == 1
        assert bars(changed, "speakers")[""][1] == "Bashar Assad"  # and drawn again


async def test_a_chart_is_built_once_for_its_bars_size_and_theme(story) -> None:
    """plotext builds a big chart in a third of a second: another frame, or the view opened
    again, shows the text built before."""
    library, _ = story
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await story_is_shown(app, pilot)
        chart = screen.query_one("#days")
        built = []
        build = chart.plt.build
        chart.plt.build = lambda: built.append(1) or build()
        first = chart.render()
        assert str(chart.render()) == str(first) and built == []  # drawn already, kept
        await pilot.press("escape")
        await story_is_shown(app, pilot)
        await pilot.pause()
        assert built == []
        await pilot.press("right")  # another bar chosen: built once, then kept
        await pilot.pause()
        assert len(built) == 1
        await pilot.press("left", "right")
        await pilot.pause()
        assert len(built) == 1


async def test_the_footers_keep_their_keys_while_the_same_keys_are_shown(story) -> None:
    """Textual's Footer builds its keys anew at each push and focus, each restyled twice: that
    was most of the time the story view took to be shown again at 10,000 articles."""
    from textual.widgets._footer import FooterKey

    library, _ = story
    app = PresscutApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = app.screen
        main_keys = list(main.query(FooterKey))
        main.action_story()  # S
        [worker] = [w for w in app.workers if w.group == "story"]
        assert len(worker.description) < 80  # not the repr of every row in scope
        await app.workers.wait_for_complete([worker])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        story_keys = list(screen.query(FooterKey))
        assert "left" in [key.key for key in story_keys]
        await pilot.press("escape")
        await pilot.pause()
        assert list(main.query(FooterKey)) == main_keys  # the same widgets, not built again
        again = await story_is_shown(app, pilot)
        assert list(again.query(FooterKey)) == story_keys
        assert all(key.has_class("-compact") == key.has_class("-command-palette")
                   for key in story_keys)  # styled as Textual's Footer styles them
        await pilot.press("tab")  # the list behind the bar: the chart's keys go
        await pilot.pause()
        assert "left" not in [key.key for key in again.query(FooterKey)]


async def test_one_day_s_bar_stands_as_a_bar_not_a_wall(story) -> None:
    library, _ = story
    app = PresscutApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await story_is_shown(app, pilot)
        await pilot.press("slash", *"since:2012-02-07", "enter")
        await pilot.pause()
        chart = screen.query_one("#days", BarChart)
        assert chart.bars.labels == ["2012-02-07"]
        widest = max(len(run) for run in re.findall("█+", str(chart.render())))
        assert widest <= chart.size.width // 4
