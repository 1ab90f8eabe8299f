"""Fetching pages and feeds over HTTP, politely and without trusting the server.

One `Fetcher` is shared by an import or a refresh: a few requests run at once, but never two to
the same host; every request names presscut and its version; a feed asked again with its ETag
and Last-Modified costs a 304 when it has not changed. What a server sends is bounded: the
body is read in chunks and dropped past the size cap of files (a 2 GB announced length is
refused before a byte is read), a server that trickles is cut off at a deadline, and a type
that is neither a page nor a feed is refused. Every failure is a `FetchError` whose text is one
line naming the address and why, so a batch reports it and goes on with the others.
"""

from __future__ import annotations

import codecs
import re
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from services.addresses import is_address

MAX_BYTES = 5_000_000  # the cap of files (`nlp.sources.MAX_BYTES`): an article is far smaller
CONNECT_TIMEOUT = 10.0  # s
READ_TIMEOUT = 20.0  # s without a byte from the server
DEADLINE = 60.0  # s for a whole response: a server sending a byte a second is not waited on
MAX_REDIRECTS = 5
MAX_PARALLEL = 4  # requests at once, each to a different host
CHUNK = 64 * 1024

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+json", "application/json", "text/json",
})  # fmt: skip

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_SINGLE_BYTE = {"latin_1", "iso8859_1", "ascii", "cp1252"}  # what a server says by default


def user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("presscut")
    except PackageNotFoundError:
        release = "dev"
    return f"presscut/{release} (terminal news reader; +https://pypi.org/project/presscut/)"


class FetchError(Exception):
    """One line: the address and why it could not be had."""

    def __init__(self, url: str, why: str) -> None:
        super().__init__(f"{url}: {why}")
        self.url = url
        self.why = why


@dataclass
class Fetched:
    """A response read whole: its body bytes and what the headers said of them."""

    url: str  # as asked
    final_url: str  # after redirects
    content_type: str  # the media type alone, lowercased; "" when the server sent none
    charset: str | None  # as the headers declare it
    data: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # a 304: what the caller has is current

    def text(self) -> str:
        return decode(self.data, self.charset)


def _codec(name: str | None) -> str | None:
    """Python's name for a declared charset, or None when it names none."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None


def _declared_in(data: bytes) -> str | None:
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _codec(found.group(1).decode("ascii")) if found else None


def decode(data: bytes, declared: str | None = None) -> str:
    """The body as text: a byte-order mark first, then the header's charset, then the page's
    own (meta tag or XML declaration), each only if the bytes decode under it, else detection.

    A server that calls every page ISO-8859-1 (a common default) while sending UTF-8 would make
    mojibake that decodes cleanly: bytes that are valid UTF-8 with non-ASCII letters in them are
    read as UTF-8 whatever a single-byte charset claims, as they almost never are by chance.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"),
                       (codecs.BOM_UTF16_BE, "utf_16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    for codec in (_codec(declared), _declared_in(data)):
        if codec is None:
            continue
        if codec in _SINGLE_BYTE and not data.isascii():
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")


def _why(error: httpx.HTTPError) -> str:
    """A transport error in words a reader of the command line understands."""
    text = str(error) or type(error).__name__
    lowered = text.lower()
    if isinstance(error, httpx.ConnectTimeout):
        return f"timed out connecting (no answer in {CONNECT_TIMEOUT:g} s)"
    if isinstance(error, httpx.ReadTimeout):
        return f"timed out waiting for the server (nothing for {READ_TIMEOUT:g} s)"
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.TooManyRedirects):
        return f"too many redirects (more than {MAX_REDIRECTS}; a redirect loop?)"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "not a web address (presscut fetches http:// and https:// only)"
    if isinstance(error, httpx.ConnectError):
        if "ssl" in lowered or "certificate" in lowered or "tls" in lowered:
            return f"TLS failed ({text})"
        if "name or service" in lowered or "nodename" in lowered or "resolution" in lowered:
            return "no such host (the name does not resolve)"
        if "refused" in lowered:
            return "connection refused"
        return f"cannot connect ({text})"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server broke off the response ({text})"
    return text


def _media_type(header: str) -> tuple[str, str | None]:
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return kind.strip().lower(), charset


class Fetcher:
    """An HTTP client for one batch of fetches; close it (or use ``with``) when done."""

    def __init__(
        self,
        *,
        max_parallel: int = MAX_PARALLEL,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        deadline: float = DEADLINE,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self.client = httpx.Client(
            headers={"User-Agent": user_agent()},
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            limits=httpx.Limits(max_connections=max_parallel * 2),
        )
        self.max_parallel = max_parallel
        self.deadline = deadline
        self.max_bytes = max_bytes
        self._hosts: dict[str, threading.Lock] = {}
        self._hosts_guard = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def _host_lock(self, url: str) -> threading.Lock:
        host = (urlsplit(url).hostname or "").lower()
        with self._hosts_guard:
            return self._hosts.setdefault(host, threading.Lock())

    def fetch(
        self,
        url: str,
        accept: frozenset[str] = PAGE_TYPES | FEED_TYPES,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """GET one address, one request at a time to its host; raises `FetchError`."""
        if not is_address(url):
            raise FetchError(url, "not a web address (presscut fetches http:// and https:// only)")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._host_lock(url):
            try:
                return self._get(url, accept, headers)
            except httpx.InvalidURL as error:
                raise FetchError(url, f"not a valid address ({error})") from None
            except httpx.HTTPError as error:
                raise FetchError(url, _why(error)) from None

    def _get(self, url: str, accept: frozenset[str], headers: dict[str, str]) -> Fetched:
        started = time.monotonic()
        with self.client.stream("GET", url, headers=headers) as response:
            kind, charset = _media_type(response.headers.get("content-type", ""))
            fetched = Fetched(
                url=url, final_url=str(response.url), content_type=kind, charset=charset,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )  # fmt: skip
            if response.status_code == 304:
                fetched.not_modified = True
                return fetched
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise FetchError(url, f"HTTP {response.status_code} {reason}")
            if kind and kind not in accept:
                wanted = "a web page" if accept <= PAGE_TYPES else "a web page or a feed"
                raise FetchError(url, f"not {wanted} (the server sent {kind})")
            announced = response.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > self.max_bytes:
                raise FetchError(url, self._too_large(f"{int(announced):,} bytes announced"))
            chunks, size = [], 0
            for chunk in response.iter_bytes(CHUNK):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, self._too_large(f"over {self.max_bytes:,} bytes"))
                if time.monotonic() - started > self.deadline:
                    raise FetchError(url, f"too slow (not all sent in {self.deadline:g} s)")
                chunks.append(chunk)
            fetched.data = b"".join(chunks)
            return fetched

    def _too_large(self, what: str) -> str:
        return f"too large ({what}; the limit is {self.max_bytes:,})"

    def fetch_many(
        self, urls: Iterable[str], accept: frozenset[str] = PAGE_TYPES | FEED_TYPES
    ) -> Iterator[tuple[str, Fetched | FetchError]]:
        """Each address with its response or its error, as they come in (not in order)."""
        urls = list(dict.fromkeys(urls))
        if not urls:
            return
        with ThreadPoolExecutor(max_workers=min(self.max_parallel, len(urls))) as pool:
            futures = {pool.submit(self.fetch, url, accept): url for url in urls}
            try:
                for future in as_completed(futures):
                    try:
                        yield futures[future], future.result()
                    except FetchError as error:
                        yield futures[future], error
            finally:  # a caller that stops early does not wait for the rest
                for future in futures:
                    future.cancel()
