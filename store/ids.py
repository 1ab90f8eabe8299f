"""Ids of presscut's own: TinyDB reuses its document ids after a restart, ours never change."""

from __future__ import annotations

import hashlib
import uuid


def article_id(origin: str) -> str:
    """An article is the path or URL it came from: importing it again finds the same id."""
    return hashlib.blake2b(origin.encode("utf-8"), digest_size=5).hexdigest()


def annotation_id() -> str:
    return uuid.uuid4().hex[:16]


def content_hash(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.blake2b(data, digest_size=16).hexdigest()
