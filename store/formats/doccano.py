"""The ``doccano`` export: doccano's sequence-labelling JSONL, one article a line.

doccano reads ``text`` and ``label`` (``[start, end, label]`` character offsets) and keeps every
other key as the example's metadata; its own exports carry comments as a ``Comments`` list of
strings, so the user's notes go there. Tags on a span are labels like the entities (a tag is
the user's label for those words); tags on the whole article go with the metadata. A quotation
is a ``QUOTE`` label (it holds entities: the project must allow overlapping spans); a label
cannot name its speaker, so the metadata's ``quotes`` gives each quotation's offsets with its
kind, speaker, cue and the offsets of the words naming the speaker.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

import orjson

from store.formats.common import QUOTE_LABEL, notes, of_kind, placed, speaker_fields


def doccano_example(article: dict) -> dict[str, Any]:
    labels = [[e["start"], e["end"], e["label"]] for e in article["entities"]]
    labels += [
        [a["target"]["start"], a["target"]["end"], a["tag"]]
        for a in of_kind(article, "tag")
        if placed(a)
    ]
    labels += [[q["start"], q["end"], QUOTE_LABEL] for q in article["quotes"]]
    return {
        "text": article["text"],
        "label": sorted(labels, key=lambda label: (label[0], label[1], label[2])),
        "Comments": notes(article),
        "article": article["id"],
        "title": article["title"],
        "source": article["source"],
        "published": article["published"],
        "tags": article["tags"],
        "quotes": [{"start": q["start"], "end": q["end"], **speaker_fields(q)}
                   for q in article["quotes"]],
    }  # fmt: skip


def write_doccano(articles: Iterable[dict], out: BinaryIO) -> None:
    for article in articles:
        out.write(orjson.dumps(doccano_example(article)) + b"\n")
