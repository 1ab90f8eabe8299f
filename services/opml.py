"""OPML, the file other feed readers import and export subscriptions as.

Read: every ``<outline>`` with an ``xmlUrl`` is a feed, at any depth; the folder outline it sits
in (or its own ``category``) becomes its tag. Written: one flat list, each feed's tag as its
``category``, which is how newsboat, FreshRSS and Feedly read it back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from services.addresses import is_address

if TYPE_CHECKING:
    from collections.abc import Iterable

    from store.feeds import Subscription

MAX_OPML_BYTES = 5_000_000


class BadOpml(Exception):
    """An OPML file that cannot be read; one line naming it and why."""


@dataclass
class Outline:
    url: str
    title: str
    tag: str | None


def read_opml(path: Path) -> list[Outline]:
    try:
        if path.stat().st_size > MAX_OPML_BYTES:
            raise BadOpml(f"{path}: too large for an OPML file of subscriptions")
        root = ElementTree.fromstring(path.read_bytes())
    except OSError as error:
        raise BadOpml(f"{path}: cannot be read ({error.strerror or error})") from None
    except ElementTree.ParseError as error:
        raise BadOpml(f"{path}: not an OPML file ({error})") from None
    body = root.find("body") if root.tag == "opml" else None
    if body is None:
        raise BadOpml(f"{path}: not an OPML file (no <opml> with a <body>)")
    found: list[Outline] = []
    _walk(body, None, found)
    return found


def _walk(parent: ElementTree.Element, folder: str | None, found: list[Outline]) -> None:
    for outline in parent.findall("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        title = (outline.get("title") or outline.get("text") or "").strip()
        if url and is_address(url):
            category = (outline.get("category") or "").strip().strip("/").split("/")[-1]
            found.append(Outline(url, title, category or folder))
        elif not url:
            _walk(outline, title or folder, found)


def write_opml(feeds: Iterable[Subscription]) -> bytes:
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "presscut feeds"
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.name, "title": feed.name, "xmlUrl": feed.url}
        if feed.tag:
            attributes["category"] = feed.tag
        ElementTree.SubElement(body, "outline", attributes)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
