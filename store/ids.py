"""Ids of presscut's own: TinyDB reuses its document ids after a restart, ours never change.

An id read from outside (an export, a library file edited by hand) is checked against the form
presscut gives its ids before it names anything: an article's id names its text's file.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from store.errors import StoreError

ARTICLE_ID_DIGEST = 5  # bytes: ten hex digits
ARTICLE_ID = re.compile(rf"[0-9a-f]{{{2 * ARTICLE_ID_DIGEST}}}")
ANNOTATION_ID = re.compile(r"[0-9a-f]{16}")


class BadId(StoreError):
    """Text offered as an id that is not of presscut's form."""


def article_id(origin: str) -> str:
    """An article is the path or URL it came from: importing it again finds the same id."""
    return hashlib.blake2b(origin.encode("utf-8"), digest_size=ARTICLE_ID_DIGEST).hexdigest()


def is_article_id(key: object) -> bool:
    return isinstance(key, str) and ARTICLE_ID.fullmatch(key) is not None


def checked_article_id(key: object) -> str:
    """``key`` when it has the form of an article id; ``BadId`` otherwise, before it is used."""
    if not is_article_id(key):
        shown = repr(key)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise BadId(f"{shown} is not an article id (ten hex digits, as `presscut list` shows)")
    return key  # type: ignore[return-value]  # checked above


def annotation_id() -> str:
    return uuid.uuid4().hex[:16]


def content_hash(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.blake2b(data, digest_size=16).hexdigest()
