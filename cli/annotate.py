"""``presscut annotate`` and ``presscut tags``: annotating from scripts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from store.errors import NotFound

if TYPE_CHECKING:
    from store.library import Library


def add_parsers(commands: argparse._SubParsersAction) -> None:
    annotate = commands.add_parser(
        "annotate",
        help="tag or note an article, or a passage of it",
        description="Tag or note an article; with --quote, the first passage with those words.",
    )
    annotate.add_argument("article", metavar="ARTICLE", help="an id (or its start) or a path")
    annotate.add_argument("--quote", metavar="TEXT", help="annotate the passage with this text")
    annotate.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")
    annotate.add_argument("--note", metavar="TEXT", help="a note")
    commands.add_parser("tags", help="every tag with how often it is used")


def find_article(library: Library, ref: str) -> dict:
    """An article by id, id prefix or the path it was imported from."""
    by_path = library.find_by_origin(str(Path(ref).expanduser().resolve()))
    return by_path or library.article(ref)


def run_annotate(library: Library, args: argparse.Namespace) -> int:
    from store.anchoring import make_target

    if not args.tag and not args.note:
        print("presscut annotate: give --tag TAG or --note TEXT", file=sys.stderr)
        return 2
    article = find_article(library, args.article)
    target = None
    if args.quote:
        text = library.body(article["id"])["text"]
        start = text.find(args.quote)
        if start == -1:
            raise NotFound(f"{args.quote!r} is not in the text of {article['title']!r}")
        target = make_target(text, start, start + len(args.quote))
    for tag in args.tag:
        saved = library.add_annotation(article["id"], "tag", tag=tag, target=target)
        print(f"{saved['id']}  tag {tag}")
    if args.note:
        saved = library.add_annotation(article["id"], "note", note=args.note, target=target)
        print(f"{saved['id']}  note")
    return 0


def run_tags(library: Library) -> int:
    counts = library.tags()
    if not counts:
        print(
            "No tags yet: `presscut annotate ARTICLE --tag TAG`, or t in the app.", file=sys.stderr
        )
    for tag, count in counts.most_common():
        print(f"{count:6}  {tag}")
    return 0
