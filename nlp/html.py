"""Reading text and metadata out of a saved HTML page, with trafilatura.

trafilatura finds the main text of a page among its navigation, sidebars and footers and reads
the page's own metadata (title, date, site name, author). It works on the markup given and
fetches nothing. What it keeps is then passed through the same furniture rules as pasted text,
since labels such as "Advertisement" are often inside the article's markup.

Ranges of removed markup are not tracked, so an HTML ``Document`` has no ``boilerplate``.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import trafilatura
from rapidfuzz import fuzz

from nlp.clean import article_paragraphs
from nlp.records import Document

_SAME_TITLE = 90  # rapidfuzz ratio over which a first paragraph repeats the title
# htmldate's extensive search reads a footer's "Copyright 2011" as 2011-01-01: a made-up date is
# worse than none, so only the page's dated markup (meta tags, <time>, date classes) counts.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_CANONICAL_LINK = (
    "//link[contains(concat(' ', normalize-space(translate(@rel, 'CANONIL', 'canonil')), ' '),"
    " ' canonical ')]/@href"
)


def _same(first: str, title: str) -> bool:
    return fuzz.ratio(first.casefold(), title.casefold()) >= _SAME_TITLE


def _paragraphs(text: str, title: str) -> list[str]:
    """The extracted text's lines as paragraphs, without a first line that repeats the title."""
    paragraphs = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    if paragraphs and title and _same(paragraphs[0], title):
        return paragraphs[1:]
    return paragraphs


def _site(sitename: str | None, hostname: str | None) -> str | None:
    """The page's site name, else its host without "www."."""
    if sitename:
        return sitename
    if not hostname:
        return None
    host = urlsplit(hostname).hostname if "//" in hostname else hostname
    return host.removeprefix("www.") if host else None


def canonical_address(original: str, address: str) -> str:
    """The address a page fetched from ``address`` names as its own (``<link rel=canonical>``,
    else ``og:url``), made absolute; else ``address``. Only the fragment is dropped: a query
    may be what tells two stories apart.

    trafilatura reads the page's address too, but prefers ``og:url`` and drops a relative
    canonical link, so the link is read here.
    """
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(original)
    except (ValueError, lxml.etree.ParserError):
        return address.partition("#")[0]
    found = [*tree.xpath(_CANONICAL_LINK), *tree.xpath("//meta[@property='og:url']/@content")]
    for href in found:
        absolute = urljoin(address, href.strip()).partition("#")[0]
        if absolute.startswith(("http://", "https://")) and urlsplit(absolute).hostname:
            return absolute
    return address.partition("#")[0]


def extract_html(original: str, address: str | None = None) -> Document:
    """The main text of an HTML page as a ``Document``; a page fetched from ``address`` gets
    its canonical address as ``url``, and its host as the source when it names no site.

    Raises ``ValueError`` when the page has no main text, so the caller can name the file.
    """
    extracted = trafilatura.bare_extraction(
        original,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        date_extraction_params=_DATE_PARAMS,
    )
    title = " ".join((extracted.title or "").split()) if extracted else ""
    paragraphs, dateline, agency = article_paragraphs(
        _paragraphs(extracted.text or "", title) if extracted else []
    )
    if paragraphs and title and _same(paragraphs[0], title):  # under a release's furniture
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise ValueError("no article text found in the HTML page")
    return Document(
        original=original,
        text="\n\n".join(paragraphs),
        title=title,
        format="html",
        section=next(iter(extracted.categories or []), None),
        source=agency or _site(extracted.sitename, extracted.hostname or address),
        published=extracted.date or None,
        byline=extracted.author or None,
        dateline=dateline,
        url=canonical_address(original, address) if address else None,
    )


_BLOCKS = ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre")


def fragment_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment such as a feed entry's content: too short a piece of
    markup for trafilatura to judge what is main text, so every block is kept."""
    import lxml.html

    if not fragment.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return []
    blocks = [element for element in root.iter(*_BLOCKS) if element.getparent().tag not in _BLOCKS]
    texts = [element.text_content() for element in blocks] or [root.text_content()]
    paragraphs = [" ".join(text.split()) for text in texts]
    return article_paragraphs([p for p in paragraphs if p])[0]
