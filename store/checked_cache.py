"""`checked.cache`: what the last `presscut check` found sound, so the next reads only what changed.

Per article it keeps the stamp of what was verified: the text file's size, modification and
change times (ns) and inode, read from the file as it was opened, and a digest of the
article's library row and annotations. The digest is taken again only for an article a journal
changed, or when the file the rows came from is not the one of the last check (`source`). A
stamp found again the same means the same bytes were verified by the same rules; the rules are
the cache's ``rules`` entry, a digest of the export schema and of the checking code, so an
upgraded presscut checks everything again. An article found damaged is never recorded: it is
read and reported at every check until it is mended.

The file is a cache, never a source: unreadable, damaged or of other rules, it is ignored;
unwritable (a read-only library folder), the check still reads and reports everything.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from store.atomic import write_atomic

CACHE_NAME = "checked.cache"
Stamp = list[int]  # size, mtime_ns, ctime_ns, inode of the text file; digest of row and notes
STAMP_LENGTH = 5
NOTES_BITS = 31  # the row's digest above them: a stamp's integers stay within 63 bits
NOTES_MASK = (1 << NOTES_BITS) - 1

_CHECKING_CODE = ("validation.py", "check_articles.py", "checked_cache.py", "export.schema.json")


@cache
def rules_digest() -> str:
    """The checks a stamp was made under: the schema and the code that apply them."""
    digest = hashlib.blake2b(digest_size=16)
    for name in _CHECKING_CODE:
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()


def _digest(value: object) -> int | None:
    """A digest of a stored value, or None for one the encoder refuses (an integer beyond 64
    bits): an article holding such a value is checked every time."""
    try:
        return zlib.crc32(orjson.dumps(value))
    except orjson.JSONEncodeError:
        return None


def annotations_digests(annotations: Iterable[dict]) -> dict[Any, int | None]:
    """Per article id, a digest of its annotations as stored: any change to any field of one
    (a hand edit too, which leaves `updated` as it was) gives another. A sum of each one's
    digest, so it is taken in the order the annotations are stored, one pass over them in
    memory order, three times cheaper at 500,000 than a pass article by article."""
    digests: dict[Any, int | None] = {}
    for annotation in annotations:
        key = annotation.get("article")
        digest, sum_so_far = _digest(annotation), digests.get(key, 0)
        digests[key] = (
            None if digest is None or sum_so_far is None else (sum_so_far + digest) & NOTES_MASK
        )
    return digests


def content_digest(row: dict, annotations_digest: int | None) -> int | None:
    """A digest of an article's row and of its annotations (`annotations_digests`; 0: none)."""
    row_digest = _digest(row)
    if row_digest is None or annotations_digest is None:
        return None
    return row_digest << NOTES_BITS | annotations_digest


def file_stamp(found: os.stat_result, content: int) -> Stamp:
    """The stamp of a text file as `os.stat`/`os.fstat` found it, with its article's digest.
    The change time moves with any write, a restored modification time (`os.utime`) too."""
    return [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, content]


def source_stamp(path: Path) -> Stamp | None:
    """The stamp of a library file rows are read from (size, times, inode); None if absent."""
    try:
        found = path.stat()
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]


@dataclass
class Checked:
    """What the last check recorded: the stamp of the file it read the rows and annotations
    from, the articles a journal had changed then, and each sound article's stamp."""

    source: Stamp | None = None
    touched: set[str] = field(default_factory=set)
    articles: dict[str, Stamp] = field(default_factory=dict)


def read_checked(folder: Path, rules: str) -> Checked:
    """What the last check under ``rules`` recorded, or nothing when there is no usable cache."""
    try:
        data = orjson.loads((folder / CACHE_NAME).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return Checked()
    if not isinstance(data, dict) or data.get("rules") != rules:
        return Checked()
    source, touched, articles = data.get("source"), data.get("touched"), data.get("articles")
    if not (isinstance(touched, list) and isinstance(articles, dict)):
        return Checked()
    return Checked(
        source if isinstance(source, list) else None,
        {key for key in touched if isinstance(key, str)},
        {key: stamp for key, stamp in articles.items()
         if type(stamp) is list and len(stamp) == STAMP_LENGTH},
    )


def write_checked(folder: Path, rules: str, checked: Checked) -> str | None:
    """Record ``checked`` (owner-only, atomically); None when written, or why it was not."""
    touched = sorted(key for key in checked.touched if isinstance(key, str))
    data = orjson.dumps({"rules": rules, "source": checked.source, "touched": touched,
                         "articles": checked.articles})
    try:
        write_atomic(folder / CACHE_NAME, data)
    except OSError as error:
        return error.strerror or type(error).__name__
    return None
