"""Pages and feeds written for the tests, served by a local server (pytest-httpserver).

Every text here is made up for the tests; none is copied from a published article.
"""

from __future__ import annotations

import json
from html import escape

STORIES = [
    (
        "Harbour bridge to close for repairs",
        "Maria Lopez",
        [
            "The old harbour bridge will close for six weeks from Monday while engineers "
            "replace its worn cables, the city council said on Tuesday.",
            '"We know this is a long time for people who cross every day," said Daniel '
            'Okafor, the council\'s head of transport. "But the cables cannot wait."',
            "Buses will run a longer route through the northern district, and the ferry "
            "will add two crossings in the morning and evening.",
        ],
    ),
    (
        "Library opens late on Thursdays",
        "Sam Reyes",
        [
            "The central library will stay open until nine in the evening on Thursdays, "
            "starting next month, after a survey of its readers.",
            '"Many of our readers work during the day and could never come in," said Helen '
            "Marsh, who runs the library. She said the change would cost little.",
            "The reading room and the children's floor will keep their usual hours.",
        ],
    ),
    (
        "Farmers count the cost of a dry spring",
        "Priya Nair",
        [
            "Farmers in the valley say a dry spring has cut their early harvest by a third, "
            "and many are waiting for the summer rain with some worry.",
            '"I have not seen the river this low in twenty years," said Tom Becker, who grows '
            "beans and maize near the old mill. He said water had to be carried in tanks.",
            "The regional office of agriculture said it would meet growers next week to talk "
            "about help with the cost of water.",
        ],
    ),
]


def article_html(
    title: str,
    author: str,
    paragraphs: list[str],
    *,
    canonical: str | None = None,
    site: str = "Test Gazette",
    date: str = "2025-03-04",
    charset_meta: str | None = None,
) -> str:
    head = [f"<title>{escape(title)} | {site}</title>"]
    if charset_meta:
        head.append(f'<meta charset="{charset_meta}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    head += [
        f'<meta property="og:site_name" content="{site}">',
        f'<meta name="author" content="{escape(author)}">',
        f'<meta property="article:published_time" content="{date}">',
    ]
    body = "".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{''.join(head)}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        f"<footer>Copyright {site}</footer></body></html>"
    )


def story_html(number: int, **options) -> str:
    title, author, paragraphs = STORIES[number % len(STORIES)]
    return article_html(title, author, paragraphs, **options)


def numbered_story(number: int, **options) -> str:
    """A distinct story for each number (for many pages, as in the benchmark)."""
    title, author, paragraphs = STORIES[number % len(STORIES)]
    return article_html(
        f"{title} ({number})",
        author,
        [f"Report number {number}. {paragraphs[0]}", *paragraphs[1:]],
        **options,
    )


def rss2(title: str, items: list[dict]) -> str:
    entries = "".join(
        "<item>"
        f"<title>{escape(item['title'])}</title>"
        f"<link>{escape(item['link'])}</link>"
        f"<guid>{escape(item.get('id', item['link']))}</guid>"
        f"<pubDate>{item.get('date', 'Tue, 04 Mar 2025 10:00:00 GMT')}</pubDate>"
        f"<description>{escape(item.get('content', ''))}</description>"
        "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>test feed</description>{entries}</channel></rss>"
    )


def rss1(title: str, items: list[dict]) -> str:
    entries = "".join(
        f'<item rdf:about="{escape(item["link"])}">'
        f"<title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
        f"<description>{escape(item.get('content', ''))}</description></item>"
        for item in items
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://example.invalid/">'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>test</description></channel>{entries}</rdf:RDF>"
    )


def atom(title: str, items: list[dict]) -> str:
    entries = "".join(
        f"<entry><title>{escape(item['title'])}</title>"
        f'<link href="{escape(item["link"])}"/><id>{escape(item.get("id", item["link"]))}</id>'
        "<updated>2025-03-04T10:00:00Z</updated>"
        f'<content type="html">{escape(item.get("content", ""))}</content></entry>'
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:{escape(title)}</id>"
        f"<updated>2025-03-04T10:00:00Z</updated>{entries}</feed>"
    )


def json_feed(title: str, items: list[dict]) -> str:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "items": [
                {
                    "id": item.get("id", item["link"]),
                    "url": item["link"],
                    "title": item["title"],
                    "content_html": item.get("content", ""),
                    "date_published": "2025-03-04T10:00:00Z",
                }
                for item in items
            ],
        }
    )


def entry_content(number: int) -> str:
    """A feed's own text of a story: its paragraphs as HTML."""
    _, _, paragraphs = STORIES[number % len(STORIES)]
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
