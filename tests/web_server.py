"""A local HTTP server for the tests of reading from the web: 127.0.0.1, a port the OS picks.

Threaded, so a slow page does not hold the others and the fetcher's limits on requests at once
can be seen. No test reaches past it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture
def web() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


def serve_html(server: HTTPServer, path: str, html: str | bytes, charset: str = "utf-8") -> str:
    """Serve a page (again and again) at ``path``, which may hold a query; its full address."""
    content_type = f"text/html; charset={charset}" if charset else "text/html"
    route, _, query = path.partition("?")
    server.expect_request(route, query_string=query or None).respond_with_data(
        html, content_type=content_type
    )
    return server.url_for(path)
