"""Refreshing feeds in the app (r): a worker, a progress bar, articles listed as they come."""

from __future__ import annotations

import time
from pathlib import Path

from werkzeug import Request, Response

from store.feeds import Subscription, Subscriptions
from store.library import Library
from tests.app_library import import_from_app
from tests.test_app import listed_titles
from tests.web_pages import STORIES, entry_content, rss2, story_html
from tui.app import PresscutApp
from tui.screens.main import MainScreen
from tui.widgets.feed_bar import FeedBar


def serve_feed(web, *, slow_page: float = 0.0) -> str:
    """A feed of the three stories; the last story's page is served after ``slow_page`` s."""
    items = []
    for number in range(3):
        path = f"/story/{number}"
        delay = slow_page if number == 2 else 0.0

        def page(request: Request, number=number, delay=delay) -> Response:
            time.sleep(delay)
            return Response(story_html(number), content_type="text/html")

        web.expect_request(path).respond_with_handler(page)
        items.append({"title": STORIES[number][0], "link": web.url_for(path),
                      "content": entry_content(number)})  # fmt: skip
    web.expect_request("/feed").respond_with_data(
        rss2("Town news", items), content_type="application/rss+xml"
    )
    return web.url_for("/feed")


def subscribe(folder: Path, *urls: str) -> None:
    subscriptions = Subscriptions(folder)
    subscriptions.feeds += [Subscription(url, title="") for url in urls]
    subscriptions.save()


def notices(app: PresscutApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_r_refreshes_in_a_worker_while_the_keys_still_work(web, tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        subscribe(folder, serve_feed(web, slow_page=1.5), "http://127.0.0.1:1/feed")
        app = PresscutApp(library)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            bar = app.screen.query_one(FeedBar)
            assert bar.display and "Feeds (0 unread" in str(bar.query_one("#feed-names").render())
            await pilot.press("r")
            await pilot.pause(0.3)
            refreshing = [w for w in app.workers if w.group == "feeds"]
            assert refreshing and not refreshing[0].is_finished
            assert bar.has_class("-refreshing")
            folded = app.screen.has_class("-panel-folded")
            await pilot.press("p")  # a key answered while the refresh runs
            assert app.screen.has_class("-panel-folded") != folded
            assert not refreshing[0].is_finished
            await app.workers.wait_for_complete(refreshing)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert sorted(listed_titles(app)) == sorted(title for title, _, _ in STORIES)
            assert not bar.has_class("-refreshing")
            assert "Feeds (3 unread" in str(bar.query_one("#feed-names").render())
            assert "feed http://127.0.0.1:1/feed: http://127.0.0.1:1/feed: connection refused" in (
                notices(app)
            )
            assert any(n.startswith("refresh: 2 feeds checked") for n in notices(app))
            app.screen.view.query = "feed:town"
            app.screen.refresh_list()
            assert len(listed_titles(app)) == 3
            app.screen.view.query = "feed:elsewhere"
            app.screen.refresh_list()
            assert listed_titles(app) == []


async def test_articles_are_listed_as_they_arrive(web, tmp_path: Path) -> None:
    folder = tmp_path / "library"
    with Library(folder) as library:
        subscribe(folder, serve_feed(web))
        app = PresscutApp(library)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            seen: list[int] = []
            screen = app.screen
            original = screen.reload_library

            def counting(rows=None) -> None:
                original(rows)
                seen.append(len(screen.view.rows))

            screen.reload_library = counting
            await pilot.press("r")
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "feeds"])
            await pilot.pause(0.7)
            assert seen[0] == 1 and seen[-1] == 3  # the first listed as soon as it was saved


async def test_r_without_feeds_says_how_to_add_one(tmp_path: Path) -> None:
    with Library(tmp_path / "library") as library:
        app = PresscutApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert not app.screen.query_one(FeedBar).display
            await pilot.press("r")
            await pilot.pause()
            assert notices(app) == [
                "No feeds yet: add one with `presscut feed add URL` from the shell."
            ]


async def test_the_import_prompt_takes_web_addresses(web, tmp_path: Path) -> None:
    from tests.web_server import serve_html

    url = serve_html(web, "/news/bridge", story_html(0))
    with Library(tmp_path / "library") as library:
        app = PresscutApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await import_from_app(app, pilot, f"{url} http://127.0.0.1:1/x")
            assert listed_titles(app) == [STORIES[0][0]]
            assert notices(app) == [
                "http://127.0.0.1:1/x: connection refused",
                "import: 1 added, 0 updated, 0 unchanged, 1 failed",
            ]
        assert library.find_by_origin(url) is not None
