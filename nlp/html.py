"""Reading text and metadata out of a saved HTML page, with trafilatura.

trafilatura finds the main text of a page among its navigation, sidebars and footers and reads
the page's own metadata (title, date, site name, author). It works on the markup given and
fetches nothing. What it keeps is then passed through the same furniture rules as pasted text,
since labels such as "Advertisement" are often inside the article's markup.

Ranges of removed markup are not tracked, so an HTML ``Document`` has no ``boilerplate``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura
from rapidfuzz import fuzz

from nlp.clean import article_paragraphs
from nlp.records import Document

_SAME_TITLE = 90  # rapidfuzz ratio over which a first paragraph repeats the title
# htmldate's extensive search reads a footer's "Copyright 2011" as 2011-01-01: a made-up date is
# worse than none, so only the page's dated markup (meta tags, <time>, date classes) counts.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


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


def extract_html(original: str) -> Document:
    """The main text of an HTML page as a ``Document``.

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
        source=agency or _site(extracted.sitename, extracted.hostname),
        published=extracted.date or None,
        byline=extracted.author or None,
        dateline=dateline,
    )
