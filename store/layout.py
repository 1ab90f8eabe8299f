"""The names of a library folder's files (what each holds: `store.library`).

Kept apart from the library so that what only needs to find a file (the cached list the app
draws first) does not load the store to do it.
"""

from pathlib import Path

from store.ids import checked_article_id

SNAPSHOT_NAME = "library.json"
JOURNAL_NAME = "changes.log"
BODIES_NAME = "articles"
REMOVED_NAME = "removed"  # one file per removed article, with its text and annotations
QUARANTINE_NAME = "set-aside"
SEGMENTS_NAME = "segments"  # the annotations, in 256 files (`store.segments`)


def body_path(folder: Path, key: str) -> Path:
    """Where the article ``key``'s text is kept: the one place a path is made from an article id,
    so an id that is not of presscut's form (``../x``, ``/home/u/f``) never names a file."""
    return folder / BODIES_NAME / f"{checked_article_id(key)}.json"
