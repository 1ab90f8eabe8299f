"""`presscut check` article by article: each text file read and the article checked whole (its
row, text, analysis and annotations), except what the last check found sound and is unchanged.

A library of 100,000 articles has 1.6 GB of texts; reading and validating them all took a
minute, so an article whose stamp (`store.checked_cache`) is the one recorded at the last check
costs one ``stat``, and a digest of its row and annotations only when the snapshot they were read
from is another or a journal changed them. ``full`` reads everything again: a
text damaged in place by the disk itself keeps its times and size, and only a full read finds it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from store.checked_cache import (
    CACHE_NAME,
    Checked,
    Stamp,
    content_digest,
    file_stamp,
    read_checked,
    rules_digest,
    write_checked,
)
from store.ids import is_article_id
from store.layout import BODIES_NAME
from store.validation import stored_article_problem

RECOVER = "`presscut check --recover`"


@dataclass
class StoredArticles:
    """The articles as the check reads them from the library's files."""

    rows: dict[Any, dict]
    annotations_of: Callable[[Any], list[dict]]  # asked only for the articles read
    # an article's `annotations_digests`, asked only when the last check's cannot be reused
    annotations_digest: Callable[[Any], int | None]
    source: Stamp | None  # what the rows and annotations were read from; None: not known
    touched: set[Any]  # articles whose row or annotations a journal changed


@dataclass
class ArticlesChecked:
    """What the look at each article found: one line per article that is not sound."""

    total: int = 0
    read: int = 0  # text files read; the others were unchanged since the last check
    problems: list[str] = field(default_factory=list)
    cache_note: str | None = None  # why the stamps could not be recorded, if they could not


def check_articles(folder: Path, stored: StoredArticles, *, full: bool = False) -> ArticlesChecked:
    """Each stored article checked, the unchanged ones by their stamps unless ``full``; the
    stamps of the sound ones recorded."""
    bodies = folder / BODIES_NAME
    rules = rules_digest()  # the code that runs now, whatever replaces it on disk meanwhile
    last = Checked() if full else read_checked(folder, rules)
    same_source = stored.source is not None and stored.source == last.source
    now = Checked(stored.source, stored.touched)
    checked = ArticlesChecked(total=len(stored.rows))
    try:
        bodies_fd: int | None = os.open(bodies, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        bodies_fd = None  # every text is then missing, and said so one by one
    try:
        for key, row in stored.rows.items():
            if not is_article_id(key):
                checked.problems.append(
                    f"{bodies}: an article's id {str(key)[:40]!r} is not of presscut's form; "
                    f"{RECOVER} sets it aside"
                )
                continue
            recorded = last.articles.get(key)
            if (same_source and recorded and key not in stored.touched
                    and key not in last.touched):
                content = recorded[-1]  # the same row and annotations, read from the same file
            else:
                content = content_digest(row, stored.annotations_digest(key))
            stamp = _unchanged(bodies_fd, key, content, recorded)
            if stamp is None:
                checked.read += 1
                problem, stamp = _check_article(
                    bodies_fd, bodies, key, row, stored.annotations_of(key), content
                )
                if problem is not None:
                    checked.problems.append(problem)
                    continue
            if stamp is not None:
                now.articles[key] = stamp
    finally:
        if bodies_fd is not None:
            os.close(bodies_fd)
    if now != last:
        why = write_checked(folder, rules, now)
        if why is not None:
            checked.cache_note = (
                f"{folder / CACHE_NAME}: not written ({why}); the next check reads again "
                "every text this one read"
            )
    return checked


def _unchanged(
    bodies_fd: int | None, key: str, content: int | None, cached: Stamp | None
) -> Stamp | None:
    """The article's stamp when it is the one recorded (nothing to read), else None."""
    if cached is None or content is None or bodies_fd is None:
        return None
    try:
        found = os.stat(f"{key}.json", dir_fd=bodies_fd)
    except OSError:
        return None  # missing or unreadable: the reading says which
    stamp = file_stamp(found, content)
    return stamp if stamp == cached else None


def _check_article(
    bodies_fd: int | None, bodies: Path, key: str, row: dict, notes: list[dict],
    content: int | None,
) -> tuple[str | None, Stamp | None]:
    """The article read and checked whole: what is wrong with it, or the stamp of what was
    read (taken from the open file, so a text replaced meanwhile is read again next time)."""
    path = bodies / f"{key}.json"
    try:
        if bodies_fd is None:
            raise FileNotFoundError(path)
        fd = os.open(f"{key}.json", os.O_RDONLY, dir_fd=bodies_fd)
        with open(fd, "rb") as handle:
            found = os.fstat(fd)
            body = orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError) as error:
        why = "missing" if isinstance(error, FileNotFoundError) else "damaged"
        origin = row.get("origin", "its file")
        return (f"{path}: {why}; import it again: presscut import {origin} "
                f"(or {RECOVER} sets the article aside)"), None
    problem = stored_article_problem(row, body, notes)
    if problem is not None:
        return f"{path}: article {key} {problem}; {RECOVER} sets it aside", None
    return None, None if content is None else file_stamp(found, content)
