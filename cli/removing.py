"""``presscut remove`` and ``presscut restore``: taking articles out, and bringing them back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.annotate import find_article
from store.errors import StoreError

if TYPE_CHECKING:
    from store.library import Library
    from store.removals import Removal

COMMANDS = ("remove", "restore")


def add_parsers(commands: argparse._SubParsersAction) -> None:
    remove = commands.add_parser(
        "remove",
        help="take articles out of the library, keeping them and their annotations aside",
        description="Take articles out of the library. Each goes, with its text and every "
        "annotation on it, into a removal record in the library folder (removed/ID.json): "
        "`presscut restore` brings it back, `presscut check` lists the records.",
    )
    remove.add_argument(
        "articles", nargs="+", metavar="ARTICLE", help="an id (or its start) or a path"
    )
    restore = commands.add_parser(
        "restore",
        help="bring back removed articles with their annotations",
        description="Bring back removed articles with their annotations. With no ID, the one "
        "removed last.",
    )
    restore.add_argument(
        "ids",
        nargs="*",
        metavar="ID",
        help="a removal's id or the removed article's id (or the start of either)",
    )
    restore.add_argument(
        "--list", action="store_true", help="list the removed articles that can be restored"
    )


def run_list_removed(folder: Path) -> int:
    from store.removals import removals

    """Print the removal records; it reads only them, so it works beside an open app."""
    found, damaged = removals(folder)
    for line in damaged:
        print(f"presscut: {line}", file=sys.stderr)
    if not found:
        print("No removed articles.", file=sys.stderr)
    for removal in reversed(found):  # the latest first: the one `presscut restore` takes
        print(removal.describe())
    return 1 if damaged else 0


def run_remove(library: Library, refs: list[str]) -> int:
    """Remove each article named; one that cannot be is said and the others still go."""
    from store.removals import remove_article

    status = 0
    for ref in refs:
        try:
            removal = remove_article(library, find_article(library, ref)["id"])
        except StoreError as error:
            print(f"presscut: {error}", file=sys.stderr)
            status = 1
            continue
        print(f"removed {_described(removal)}; bring it back with `presscut restore {removal.id}`")
    return status


def run_restore(library: Library, refs: list[str]) -> int:
    from store.removals import find_removal, removals, restore_removal

    if not refs:
        found, _ = removals(library.folder)
        if not found:
            print("presscut: no removed articles to restore", file=sys.stderr)
            return 1
        refs = [found[-1].id]
    status = 0
    for ref in refs:
        try:
            removal = find_removal(library.folder, ref)
            restore_removal(library, removal)
        except StoreError as error:
            print(f"presscut: {error}", file=sys.stderr)
            status = 1
            continue
        print(f"restored {_described(removal)}")
    return status


def _described(removal: Removal) -> str:
    """'ID  'Title' with 3 annotations', as remove and restore say what they moved."""
    count = len(removal.annotations)
    return (f"{removal.article_id}  {removal.title!r} with {count} annotation"
            f"{'' if count == 1 else 's'}")
