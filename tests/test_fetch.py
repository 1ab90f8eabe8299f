"""The fetcher against a local server: limits, politeness, conditional requests, charsets."""

from __future__ import annotations

import threading
import time

import pytest
from werkzeug import Request, Response

from services.fetch import FEED_TYPES, PAGE_TYPES, Fetcher, FetchError, decode
from tests.web_server import serve_html

CAFE = "Le café de la gare sert un thé à la menthe."


def fetch_error(fetcher: Fetcher, url: str, accept=PAGE_TYPES | FEED_TYPES) -> str:
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url, accept)
    text = str(caught.value)
    assert text.startswith(url + ": ") and "\n" not in text
    return caught.value.why


def test_the_user_agent_names_presscut_and_its_version(web) -> None:
    seen = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("User-Agent"))
        return Response("<p>hi</p>", content_type="text/html")

    web.expect_request("/").respond_with_handler(handler)
    with Fetcher() as fetcher:
        fetcher.fetch(web.url_for("/"))
    assert seen[0].startswith("presscut/0.1.0 ")


def test_an_unchanged_feed_costs_one_small_request(web) -> None:
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(
            "<rss version='2.0'/>", content_type="application/rss+xml",
            headers={"ETag": '"v1"', "Last-Modified": "Tue, 04 Mar 2025 10:00:00 GMT"},
        )  # fmt: skip

    web.expect_request("/feed").respond_with_handler(handler)
    url = web.url_for("/feed")
    with Fetcher() as fetcher:
        first = fetcher.fetch(url, FEED_TYPES)
        again = fetcher.fetch(url, FEED_TYPES, etag=first.etag, last_modified=first.last_modified)
    assert first.etag == '"v1"' and not first.not_modified
    assert again.not_modified and again.data == b""
    assert len(web.log) == 2


def test_a_redirect_is_followed_and_a_loop_is_cut(web) -> None:
    web.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    serve_html(web, "/new", "<p>moved here</p>")
    web.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    web.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with Fetcher() as fetcher:
        moved = fetcher.fetch(web.url_for("/old"))
        assert moved.final_url == web.url_for("/new") and b"moved here" in moved.data
        assert "too many redirects" in fetch_error(fetcher, web.url_for("/a"))


def test_an_announced_two_gigabytes_is_refused_before_reading(web) -> None:
    def handler(request: Request) -> Response:
        response = Response(b"<p>" + b"x" * 1000, content_type="text/html")
        response.headers["Content-Length"] = "2000000000"
        return response

    web.expect_request("/huge").respond_with_handler(handler)
    with Fetcher() as fetcher:
        why = fetch_error(fetcher, web.url_for("/huge"))
    assert why == "too large (2,000,000,000 bytes announced; the limit is 5,000,000)"


def test_a_body_past_the_cap_is_dropped_while_streaming(web) -> None:
    sent = []

    def endless():
        for _ in range(200):  # 200 chunks of 64 KB: 13 MB if all were read
            sent.append(1)
            yield b"<p>" + b"y" * 65_533

    web.expect_request("/stream").respond_with_handler(
        lambda request: Response(endless(), content_type="text/html")
    )
    with Fetcher(max_bytes=1_000_000) as fetcher:
        why = fetch_error(fetcher, web.url_for("/stream"))
    assert why == "too large (over 1,000,000 bytes; the limit is 1,000,000)"
    assert len(sent) < 200


def test_a_slow_server_times_out_and_a_trickle_meets_the_deadline(web) -> None:
    def slow(request: Request) -> Response:
        time.sleep(2)
        return Response("<p>late</p>", content_type="text/html")

    def trickle(request: Request) -> Response:
        def drip():
            for _ in range(30):
                time.sleep(0.1)
                yield b"<p>drop</p>"

        return Response(drip(), content_type="text/html")

    web.expect_request("/slow").respond_with_handler(slow)
    web.expect_request("/trickle").respond_with_handler(trickle)
    with Fetcher(read_timeout=0.3) as fetcher:
        assert fetch_error(fetcher, web.url_for("/slow")).startswith("timed out waiting")
    with Fetcher(read_timeout=1, deadline=0.5) as fetcher:
        assert fetch_error(fetcher, web.url_for("/trickle")).startswith("too slow")


def test_failures_are_one_line_each(web) -> None:
    web.expect_request("/gone").respond_with_data("nothing", status=404)
    web.expect_request("/broken").respond_with_data("oops", status=500)
    web.expect_request("/picture").respond_with_data(b"\x89PNG", content_type="image/png")
    with Fetcher() as fetcher:
        assert fetch_error(fetcher, web.url_for("/gone")) == "HTTP 404 NOT FOUND"
        assert fetch_error(fetcher, web.url_for("/broken")).startswith("HTTP 500")
        why = fetch_error(fetcher, web.url_for("/picture"), PAGE_TYPES)
        assert why == "not a web page (the server sent image/png)"
        assert fetch_error(fetcher, "http://127.0.0.1:1/") == "connection refused"
        assert fetch_error(fetcher, "http://no-such-host.invalid/").startswith("no such host")
        assert "not a web address" in fetch_error(fetcher, "ftp://127.0.0.1/x")


def test_one_request_at_a_time_per_host_and_a_few_at_once(web) -> None:
    lock, running, most = threading.Lock(), [0], [0]

    def handler(request: Request) -> Response:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return Response("<p>page</p>", content_type="text/html")

    web.expect_request("/page").respond_with_handler(handler)
    same_host = [web.url_for("/page") + f"?n={n}" for n in range(6)]
    with Fetcher() as fetcher:
        results = list(fetcher.fetch_many(same_host))
    assert len(results) == 6 and most[0] == 1
    # Two names of one server are two hosts: they may be asked at once.
    other = [url.replace("127.0.0.1", "localhost") for url in same_host]
    most[0] = 0
    with Fetcher() as fetcher:
        list(fetcher.fetch_many([u for pair in zip(same_host, other, strict=True) for u in pair]))
    assert most[0] == 2


def test_charsets_from_the_header_the_page_or_detection(web) -> None:
    page = f"<html><body><p>{CAFE}</p></body></html>"
    cp1252 = page.encode("cp1252")
    with_meta = f'<html><head><meta charset="windows-1252"></head><body><p>{CAFE}</p>'
    # A header that is wrong both ways, a page that says it, a page that says nothing.
    serve_html(web, "/says-utf8", cp1252, charset="utf-8")
    serve_html(web, "/says-latin1", page.encode("utf-8"), charset="iso-8859-1")
    serve_html(web, "/meta", with_meta.encode("cp1252"), charset="")
    serve_html(web, "/nothing", cp1252 * 5, charset="")
    with Fetcher() as fetcher:
        for path in ("/says-utf8", "/says-latin1", "/meta", "/nothing"):
            assert CAFE in fetcher.fetch(web.url_for(path)).text(), path


def test_decoding_prefers_a_byte_order_mark_then_what_is_declared() -> None:
    assert decode("\ufeffthé".encode()) == "thé"
    assert decode("thé".encode("cp1252"), "windows-1252") == "thé"
    assert decode("привет, мир".encode("koi8-r"), "koi8-r") == "привет, мир"
