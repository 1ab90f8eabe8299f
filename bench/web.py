"""Reading from the web, against a server on 127.0.0.1 started here (never the internet).

usage: python -m bench.web

1. ``refresh_unchanged_s``: refreshing 50 feeds of 20 entries each when nothing is new, every
   feed known (its entries seen, its ETag kept), so each answers 304: the whole
   `services.feeds.refresh_feeds`, subscriptions read and written. Target: at most 1 s.
   ``refresh_unchanged_command_s`` is the same as a user runs it, `presscut refresh` in a new
   process (start-up and opening the library included), for reference.
2. ``web_vs_files_ratio``: 200 pages of about 300 words fetched and imported
   (`services.web_import.import_urls`) against the same 200 pages imported from files
   (`services.importer.import_paths`), speed over speed; the model is loaded before either is
   timed, each into a fresh library. Target: at least 0.9.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.library_gen import make_article
from nlp.model import load_model
from services.feeds import refresh_feeds
from services.importer import import_paths
from services.web_import import import_urls
from store.feeds import Subscription, Subscriptions
from store.library import Library

FEEDS, ENTRIES, PAGES, WORDS = 50, 20, 200, 300
REPO = Path(__file__).resolve().parents[1]


class Site:
    """Pages and feeds by path, served with ETags (a 304 when the asker has the current one)."""

    def __init__(self) -> None:
        self.bodies: dict[str, tuple[bytes, str]] = {}
        self.requests = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.requests += 1
                found = site.bodies.get(self.path)
                if found is None:
                    self.send_error(404)
                    return
                body, kind = found
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def put(self, path: str, body: str, kind: str) -> str:
        self.bodies[path] = (body.encode("utf-8"), kind)
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()


def page(number: int, rng: random.Random) -> str:
    article = make_article(rng, WORDS)
    paragraphs = "".join(f"<p>{p}</p>" for p in article.text.split("\n\n"))
    return (
        f"<html><head><title>Report {number}</title></head><body><nav>Home · World</nav>"
        f"<article><h1>Report {number}</h1>{paragraphs}</article><footer>About</footer>"
        "</body></html>"
    )


def feed(title: str, links: list[str]) -> str:
    items = "".join(
        f"<item><title>Entry {n}</title><link>{link}</link><guid>{link}</guid></item>"
        for n, link in enumerate(links)
    )
    channel = f"<channel><title>{title}</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


def refresh_unchanged(site: Site, folder: Path) -> dict[str, float]:
    """50 known feeds, nothing new: each costs one conditional request."""
    Library(folder).close()  # the library's folder, for the feeds beside it
    subscriptions = Subscriptions(folder)
    for number in range(FEEDS):
        links = [f"{site.base}/f{number}/e{entry}" for entry in range(ENTRIES)]
        url = site.put(f"/feed{number}.xml", feed(f"Feed {number}", links), "application/rss+xml")
        subscriptions.feeds.append(
            Subscription(url, title=f"Feed {number}", entries=dict.fromkeys(links, ""))
        )
    subscriptions.save()
    with Library(folder) as library:
        refresh_feeds(library, Subscriptions(folder))  # takes the ETags
        before = site.requests
        started = time.perf_counter()
        report = refresh_feeds(library, Subscriptions(folder))
        elapsed = time.perf_counter() - started
    assert report.unchanged == FEEDS and site.requests - before == FEEDS, report.summary()
    command = [sys.executable, "-m", "cli.main", "--library", str(folder), "refresh"]
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    return {"refresh_unchanged_s": elapsed,
            "refresh_unchanged_command_s": time.perf_counter() - started}  # fmt: skip


def web_vs_files(site: Site, folder: Path) -> dict[str, float]:
    rng = random.Random(18)
    pages = [page(number, rng) for number in range(PAGES)]
    files = folder / "pages"
    files.mkdir()
    for number, html in enumerate(pages):
        (files / f"report-{number:03}.html").write_text(html)
    urls = [
        site.put(f"/report/{n}", html, "text/html; charset=utf-8") for n, html in enumerate(pages)
    ]
    load_model()
    with Library(folder / "from-files") as library:
        started = time.perf_counter()
        report = import_paths(library, [files])
        files_s = time.perf_counter() - started
    assert len(report.added) == PAGES, report.summary()
    with Library(folder / "from-web") as library:
        started = time.perf_counter()
        report = import_urls(library, urls)
        web_s = time.perf_counter() - started
    assert len(report.added) == PAGES, (report.summary(), report.failed[:3])
    return {
        "files_pages_per_s": PAGES / files_s,
        "web_pages_per_s": PAGES / web_s,
        "web_vs_files_ratio": files_s / web_s,
    }


def main() -> int:
    site = Site()
    figures: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="presscut-bench-web-") as scratch:
            figures.update(refresh_unchanged(site, Path(scratch) / "feeds"))
            print(f"refresh_unchanged_s          {figures['refresh_unchanged_s']:8.3f}  "
                  "(50 feeds of 20 entries, nothing new; target <= 1)", flush=True)  # fmt: skip
            print(f"refresh_unchanged_command_s  {figures['refresh_unchanged_command_s']:8.3f}  "
                  "(the same, `presscut refresh` in a new process)", flush=True)  # fmt: skip
            figures.update(web_vs_files(site, Path(scratch)))
            print(f"files_pages_per_s            {figures['files_pages_per_s']:8.2f}", flush=True)
            print(f"web_pages_per_s              {figures['web_pages_per_s']:8.2f}", flush=True)
            print(f"web_vs_files_ratio           {figures['web_vs_files_ratio']:8.2f}  "
                  "(200 pages fetched and imported / from files; target >= 0.9)")  # fmt: skip
    finally:
        site.close()
    print(json.dumps({key: round(value, 3) for key, value in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
