"""Saved HTML pages: trafilatura's main text and metadata, then the same furniture rules."""

from __future__ import annotations

import pytest

from nlp.html import extract_html

LEAD = (
    "The Kremlin is being called on to change its stance to the regime of Syrian President "
    "Bashar Assad, a member of an opposition movement said."
)
SECOND = (
    "The United Nations estimates more than 3,500 people, mostly civilians, were killed in Syria "
    "since an uprising against Assad began in mid-March."
)
THIRD = (
    "Burhan Ghalioun, head of the opposition Syrian National Council, called on Moscow to "
    "reverse course, saying it was time for the Russian leadership to change."
)


def page(head: str, article: str) -> str:
    return f"""<!DOCTYPE html><html lang="en"><head>{head}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article>{article}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Another story</a></li></ul></aside>
<footer>Copyright 2011 Example. All rights reserved.</footer></body></html>"""


def test_text_and_metadata():
    html = page(
        """<title>Kremlin pressed on Syrian stance - Example</title>
        <meta property="og:title" content="Kremlin pressed on Syrian stance">
        <meta property="og:site_name" content="Example News">
        <meta name="author" content="Jane Doe">
        <meta property="article:published_time" content="2011-11-15T10:00:00Z">""",
        f"""<h1>Kremlin pressed on Syrian stance</h1><p>{LEAD}</p><p>Advertisement</p>
        <p>{SECOND}</p><p>{THIRD}</p>""",
    )
    document = extract_html(html)
    assert document.format == "html"
    assert document.original == html
    assert document.title == "Kremlin pressed on Syrian stance"
    assert document.source == "Example News"
    assert document.byline == "Jane Doe"
    assert document.published == "2011-11-15"
    assert document.text == "\n\n".join([LEAD, SECOND, THIRD])
    assert document.boilerplate == []


def test_wire_dateline_gives_the_source():
    html = page(
        '<title>Talks</title><meta property="og:site_name" content="Example News">',
        f"<p>MOSCOW, Nov. 15 (UPI) -- {LEAD}</p><p>{SECOND}</p><p>{THIRD}</p>",
    )
    document = extract_html(html)
    assert document.dateline == "MOSCOW, Nov. 15 (UPI) --"
    assert document.source == "UPI"
    assert document.text.startswith("MOSCOW, Nov. 15 (UPI) -- The Kremlin")


def test_host_name_when_no_site_name():
    html = page(
        '<title>Talks</title><link rel="canonical" href="https://www.example.org/news/talks">',
        f"<p>{LEAD}</p><p>{SECOND}</p><p>{THIRD}</p>",
    )
    document = extract_html(html)
    assert document.source == "example.org"
    assert document.published is None  # not 2011-01-01 from the footer's copyright year


def test_date_from_time_element():
    html = page(
        "<title>Talks</title>",
        f'<time datetime="2011-11-15">15 Nov</time><p>{LEAD}</p><p>{SECOND}</p><p>{THIRD}</p>',
    )
    assert extract_html(html).published == "2011-11-15"


def test_comment_form_in_the_article_is_cut():
    html = page(
        "<title>Talks</title>",
        f"""<p>{LEAD}</p><p>{SECOND}</p><p>{THIRD}</p>
        <p>Are you in Syria? You can send your comments to us using the form below:</p>
        <p>Your contact details</p>""",
    )
    assert extract_html(html).text == "\n\n".join([LEAD, SECOND, THIRD])


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div> </div></body></html>",
        "<html><head><title>Nothing</title></head><body><p>Advertisement</p></body></html>",
        "",
    ],
)
def test_no_main_text_is_a_value_error(html):
    with pytest.raises(ValueError, match="no article text"):
        extract_html(html)
