"""Pages in from the web: fetched, read as any HTML file, and imported by their canonical address.

The second way in beside `services.importer.import_paths`, and only the way in: a fetched page
becomes a ``Document`` here, and the importer's `import_documents` analyses and saves it as it
does a file's. An article from the web is known by its canonical address, so fetching it again
updates it in place (its annotations placed again in its new text) and two addresses of one
story give one article. The page's HTML as fetched is kept as the article's original.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from services.fetch import PAGE_TYPES, Fetched, Fetcher, FetchError
from services.importer import CountProgress, ImportReport, import_documents
from store.ids import content_hash

if TYPE_CHECKING:
    from nlp.records import Document
    from store.library import Library

ENGLISH_SHARE = 0.15  # as for files (`nlp.sources.ENGLISH_SHARE`)
# A site's front page or a menu gives a few lines of links: a story has more words than this.
MIN_WORDS = 40


def read_page(fetched: Fetched) -> Document:
    """The article of a fetched page; `FetchError` saying why when it holds none."""
    from nlp.article_limit import too_long
    from nlp.html import extract_html
    from nlp.sources import english_share

    url = fetched.url
    if fetched.content_type and fetched.content_type not in PAGE_TYPES:
        raise FetchError(url, f"not a web page (the server sent {fetched.content_type})")
    if not fetched.data.strip():
        raise FetchError(url, "not an article (the page is empty)")
    if b"\x00" in fetched.data[:4096]:
        raise FetchError(url, "not an article (the page looks binary)")
    page = fetched.text()
    if reason := too_long(page, "html"):  # before the extraction, which takes seconds a MB
        raise FetchError(url, reason)
    try:
        document = extract_html(page, fetched.final_url)
    except ValueError:
        raise FetchError(url, "not an article (no article text found in the page)") from None
    words = len(document.text.split())
    if words < MIN_WORDS:
        raise FetchError(url, "not an article (too little text in the page)")
    share = english_share(document.text)
    if share is not None and share < ENGLISH_SHARE:
        raise FetchError(url, "not an article in English (presscut reads English articles)")
    if not document.title:
        document.title = document.url or url
    return document


def pending_document(
    library: Library, document: Document, report: ImportReport, seen: set[str]
) -> tuple[str, str, dict] | None:
    """What `import_documents` takes for a page, or None when it is a story already had: in
    this batch through another address, or in the library unchanged."""
    origin = document.url or ""
    if origin in seen:
        report.unchanged.append(document.title)
        return None
    seen.add(origin)
    raw_hash = content_hash(document.original)
    known = library.find_by_origin(origin)
    if known and known.get("hash") == raw_hash:
        report.unchanged.append(known["title"])
        return None
    return origin, raw_hash, asdict(document)


def import_urls(
    library: Library,
    urls: Sequence[str],
    progress: CountProgress | None = None,
    fetcher: Fetcher | None = None,
) -> ImportReport:
    """Fetch and import web pages; an address that fails is one line in ``report.failed`` and
    the others still go in."""
    report = ImportReport()
    pending: list[tuple[str, str, dict]] = []
    seen: set[str] = set()
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for done, (_, result) in enumerate(fetcher.fetch_many(urls, PAGE_TYPES), start=1):
            if progress:
                progress(done, len(urls), f"fetched {result.url}")
            if isinstance(result, FetchError):
                report.failed.append(str(result))
                continue
            try:
                document = read_page(result)
            except FetchError as error:
                report.failed.append(str(error))
                continue
            found = pending_document(library, document, report, seen)
            if found is not None:
                pending.append(found)
    finally:
        if own:
            fetcher.close()
    import_documents(library, pending, report, progress)
    return report
