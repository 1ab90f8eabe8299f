"""Feeds from a local server: the kinds of feed, refresh, 304s, fallbacks, failures, OPML."""

from __future__ import annotations

from pathlib import Path

import pytest
from werkzeug import Request, Response

from cli.main import main
from services.feeds import feed_counts, parse_feed, refresh_feeds
from services.fetch import Fetched, FetchError
from services.opml import read_opml, write_opml
from store.feeds import Subscription, Subscriptions
from store.ids import article_id
from store.library import Library
from tests.web_pages import STORIES, atom, entry_content, json_feed, rss1, rss2, story_html
from tests.web_server import serve_html

ITEMS = [
    {"title": "Bridge", "link": "http://example.invalid/1", "content": "<p>One.</p>"},
    {"title": "Library", "link": "http://example.invalid/2", "content": "<p>Two.</p>"},
]


def fetched(body: str, content_type: str) -> Fetched:
    return Fetched("http://feeds.invalid/f", "http://feeds.invalid/f", content_type, None,
                   body.encode())  # fmt: skip


@pytest.mark.parametrize(
    ("make", "content_type"),
    [
        (rss2, "application/rss+xml"),
        (rss1, "application/rdf+xml"),
        (atom, "application/atom+xml"),
        (json_feed, "application/feed+json"),
        (rss2, "text/xml"),
        (json_feed, ""),
    ],
)
def test_the_four_kinds_of_feed_are_read(make, content_type) -> None:
    parsed = parse_feed(fetched(make("Town news", ITEMS), content_type))
    assert parsed.title == "Town news"
    assert [(e.title, e.link) for e in parsed.entries] == [
        ("Bridge", "http://example.invalid/1"), ("Library", "http://example.invalid/2"),
    ]  # fmt: skip
    assert "Two." in parsed.entries[1].content


def test_a_truncated_feed_or_a_page_is_no_feed() -> None:
    whole = rss2("Town news", ITEMS)
    with pytest.raises(FetchError, match=r"malformed feed \(no element found"):
        parse_feed(fetched(whole[: len(whole) // 2], "application/rss+xml"))
    with pytest.raises(FetchError, match="not a feed but a web page"):
        parse_feed(fetched(story_html(0), "text/html"))
    with pytest.raises(FetchError, match="malformed feed"):
        parse_feed(fetched('{"version": "https://jsonfeed.org/version/1.1", "items": [', ""))


def feed_of_stories(web, path: str, numbers: list[int], *, pages: bool = True) -> str:
    """A feed whose entries link to the stories' pages (served when ``pages``)."""
    items = []
    for number in numbers:
        link = web.url_for(f"/story/{number}")
        if pages:
            serve_html(web, f"/story/{number}", story_html(number))
        items.append({"title": STORIES[number][0], "link": link,
                      "content": entry_content(number)})  # fmt: skip
    web.expect_request(path).respond_with_data(
        rss2("Town news", items), content_type="application/rss+xml"
    )
    return web.url_for(path)


def subscribe(library: Library, url: str, tag: str | None = None) -> Subscriptions:
    subscriptions = Subscriptions(library.folder)
    subscriptions.feeds.append(Subscription(url, tag=tag))
    subscriptions.save()
    return Subscriptions(library.folder)


def test_a_refresh_imports_new_entries_once_tagged(web, library) -> None:
    url = feed_of_stories(web, "/feed", [0, 1])
    subscriptions = subscribe(library, url, tag="town")
    report = refresh_feeds(library, subscriptions)
    assert sorted(report.imported.added) == sorted(STORIES[n][0] for n in (0, 1))
    assert not report.failed
    feed = Subscriptions(library.folder).feeds[0]
    assert feed.title == "Town news" and feed.last_error is None and feed.last_refresh
    assert feed_counts(library, feed) == (2, 2)
    for number in (0, 1):
        key = article_id(web.url_for(f"/story/{number}"))
        assert library.tags(key) == {"town": 1}
        assert library.body(key)["original"] == story_html(number)  # the page, not the feed

    requests = len(web.log)
    again = refresh_feeds(library, Subscriptions(library.folder))
    assert again.imported.summary() == "0 added, 0 updated, 0 unchanged"
    assert len(web.log) == requests + 1  # the feed only: its entries were seen


def test_an_unchanged_feed_answers_304_and_nothing_else_is_asked(web, library) -> None:
    body = rss2("Town news", [{"title": STORIES[0][0], "link": web.url_for("/story/0")}])
    serve_html(web, "/story/0", story_html(0))

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"abc"':
            return Response(status=304)
        return Response(body, content_type="application/rss+xml", headers={"ETag": '"abc"'})

    web.expect_request("/feed").respond_with_handler(handler)
    subscriptions = subscribe(library, web.url_for("/feed"))
    refresh_feeds(library, subscriptions)
    requests = len(web.log)
    report = refresh_feeds(library, Subscriptions(library.folder))
    assert report.unchanged == 1 and report.with_news == 0
    assert [entry[1].status_code for entry in web.log[requests:]] == [304]


def test_entries_pointing_at_404s_fall_back_to_the_feeds_text(web, library) -> None:
    url = feed_of_stories(web, "/feed", [2], pages=False)  # the story's page is not there
    items = [{"title": "Empty", "link": web.url_for("/nothing")}]  # no page and no text
    web.expect_request("/bare").respond_with_data(rss2("Bare", items),
                                                  content_type="application/rss+xml")  # fmt: skip
    subscriptions = Subscriptions(library.folder)
    subscriptions.feeds += [Subscription(url), Subscription(web.url_for("/bare"))]
    report = refresh_feeds(library, subscriptions)
    assert report.imported.added == [STORIES[2][0]]
    key = article_id(web.url_for("/story/2"))
    assert library.body(key)["original"] == entry_content(2)
    assert "Tom Becker" in library.body(key)["text"]
    assert report.failed == [
        f"{web.url_for('/nothing')}: HTTP 500 INTERNAL SERVER ERROR, and the feed gives no text"
    ]


def test_a_failing_feed_keeps_its_error_and_touches_nothing(web, library) -> None:
    good = feed_of_stories(web, "/good", [0])
    whole = rss2("Broken", [{"title": "x", "link": web.url_for("/story/1")}])
    web.expect_request("/truncated").respond_with_data(
        whole[:-40], content_type="application/rss+xml"
    )
    subscriptions = Subscriptions(library.folder)
    subscriptions.feeds += [Subscription(web.url_for("/truncated")), Subscription(good),
                            Subscription("http://127.0.0.1:1/feed")]  # fmt: skip
    report = refresh_feeds(library, subscriptions)
    assert report.imported.added == [STORIES[0][0]]
    assert len(report.failed) == 2
    assert report.failed[0].startswith(f"feed {web.url_for('/truncated')}: ")
    feeds = Subscriptions(library.folder).feeds
    assert feeds[0].last_error.startswith("malformed feed") and not feeds[0].entries
    assert feeds[1].last_error is None
    assert feeds[2].last_error == "connection refused"
    assert len(library.articles()) == 1


def test_opml_round_trip_and_folders_as_tags(tmp_path: Path) -> None:
    opml = tmp_path / "from-another-reader.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head><title>mine</title></head><body>'
        '<outline text="World"><outline type="rss" text="Wire" xmlUrl="https://wire.invalid/rss"/>'
        "</outline>"
        '<outline type="rss" title="Local" xmlUrl="https://local.invalid/atom" category="city"/>'
        '<outline text="a link, not a feed" url="https://x.invalid/"/></body></opml>'
    )
    outlines = read_opml(opml)
    assert [(o.url, o.title, o.tag) for o in outlines] == [
        ("https://wire.invalid/rss", "Wire", "World"),
        ("https://local.invalid/atom", "Local", "city"),
    ]
    feeds = [Subscription(o.url, title=o.title, tag=o.tag) for o in outlines]
    again = tmp_path / "again.opml"
    again.write_bytes(write_opml(feeds))
    assert read_opml(again) == outlines


def test_the_feed_commands(web, tmp_path: Path, capsys) -> None:
    folder = str(tmp_path / "library")
    url = feed_of_stories(web, "/feed", [0, 1])

    def run(*words: str) -> tuple[int, str, str]:
        status = main(["--library", folder, *words])
        out, err = capsys.readouterr()
        return status, out, err

    status, _, err = run("feed", "add", url, "--tag", "town")
    assert status == 0 and "added Town news (2 entries)" in err
    assert run("feed", "add", web.url_for("/story/0"))[2].endswith("not added\n")
    assert run("feed", "add", url)[2] == f"presscut: {url}: already subscribed\n"
    status, _, err = run("refresh")
    assert status == 0 and "2 added" in err
    status, out, _ = run("feed", "list")
    assert out.splitlines() == [
        "  1  Town news  tag:town",
        f"     {url}",
        "     2 articles, 2 unread; refreshed just now; last error: none",
    ]
    opml = tmp_path / "feeds.opml"
    assert run("feed", "export-opml", "-o", str(opml))[0] == 0
    assert run("feed", "remove", "town news")[2].startswith("removed Town news")
    assert run("feed", "list")[2].startswith("No feeds yet")
    assert run("refresh")[2] == "No feeds yet: add one with `presscut feed add URL`.\n"
    assert "1 feeds added" in run("feed", "import-opml", str(opml))[2]
    assert run("refresh", "nope")[2] == (
        "presscut: nope: no such feed; `presscut feed list` shows them\n"
    )
    status, _, err = run("refresh", "Town news")
    assert status == 0 and "0 added" in err
    assert run("feed", "import-opml", str(tmp_path / "none.opml"))[0] == 1
