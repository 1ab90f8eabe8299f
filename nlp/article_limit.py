"""The longest text presscut analyses as one article, and the one line that refuses a longer one.

Genuine prose costs what spaCy's parse costs, about 2,000 words a second a core: a 5 MB text
(870,000 words) took minutes however it was cut, and every input under the 5 MB file limit must
be imported or refused within seconds. No news article comes near `MAX_ARTICLE_WORDS` (about
600 KB of prose, five times the longest long-form feature): a text past it is a book, an
archive or many articles pasted as one, and is refused before it is cleaned or parsed.

Words are counted as ``wc -w`` counts them, on the text as read rather than as cleaned:
cleaning a 5 MB text takes seconds and extracting a 5 MB page's article longer, while counting
takes a tenth of a second. An HTML page's words are those of its visible text (scripts, styles
and markup left out), which its article can only be shorter than.
"""

from __future__ import annotations

MAX_ARTICLE_WORDS = 100_000
_SHOWN_TEXT = (
    "//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]"
)


def _visible_text(page: str) -> str:
    """The page's text as a reader could see it, each piece of text apart from the next (so
    ``<p>one</p><p>two</p>`` counts two words, never one)."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):  # no element at all: count the text as is
        return page
    return " ".join(tree.xpath(_SHOWN_TEXT))


def count_words(text: str, fmt: str = "txt") -> int:
    """The words of a file's text (``fmt`` "html": of the page's visible text)."""
    return len((_visible_text(text) if fmt == "html" else text).split())


def too_long(text: str, fmt: str = "txt") -> str | None:
    """Why the text is refused as too long to be one article, or None when it is not."""
    words = count_words(text, fmt)
    if words <= MAX_ARTICLE_WORDS:
        return None
    return (
        f"{words:,} words, too long to analyse as one article (the limit is "
        f"{MAX_ARTICLE_WORDS:,}); split it into its articles or chapters"
    )
