"""A large synthetic library in presscut's own format, built in seconds and cached.

Running the real import (spaCy) over 10,000 articles would take an hour, and the benchmarks
measure the store and the app, not the model: so the texts are English-like sentences made from
templates, and the analysis records the entities and quotations the templates put there, at
their true offsets. The files are written straight in the library's format (a TinyDB snapshot
with the catalogue and the summaries, the annotations' segment files, and one body file per
article), the way ``Library.fold_journal`` and ``save_article`` write them.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter

import orjson

from store.anchoring import make_target
from store.ids import article_id, content_hash
from store.layout import SEGMENTS_NAME
from store.library import BODIES_NAME, SCHEMA_VERSION, SNAPSHOT_NAME
from store.segments import MANIFEST, SUMMARIES, bucket_of, segment_name, summary_of, write_segment

ANNOTATIONS_PER_ARTICLE = 5  # the ratio of the 10,000-article library the targets were set on
GENERATOR_VERSION = 5  # bump when the output changes, so cached libraries are rebuilt
CACHE = Path(__file__).resolve().parents[1] / ".bench-cache"
MODEL = "en_core_web_sm 3.8.0"
LONG_WORDS = 2000

FIRST = ["Maria", "John", "Aisha", "Viktor", "Chen", "Fatima", "Lars", "Keiko", "Omar", "Elena"]
LAST = ["Lopez", "Baker", "Okafor", "Petrov", "Wei", "Haddad", "Nilsen", "Sato", "Farouk", "Rossi"]
ORGS = ["the United Nations", "the Kremlin", "Reuters", "the World Bank", "the Red Cross",
        "the European Commission", "the Health Ministry", "Greenpeace"]
PLACES = ["Moscow", "Damascus", "Brussels", "Lagos", "Tokyo", "Lima", "Oslo", "Cairo", "Kyiv"]
CUES = ["said", "told reporters", "added", "warned", "insisted"]
TOPICS = ["sanctions", "elections", "the budget", "the ceasefire", "flooding", "vaccines",
          "the pipeline", "refugees", "inflation", "the strike"]
PLAIN = [
    "The talks on {topic} resumed in {place} on Tuesday after weeks of delay.",
    "Officials in {place} said little about {topic} but the mood was tense.",
    "It was not clear whether the plan for {topic} would survive the winter.",
    "Critics of {org} have long argued that {topic} is handled badly.",
    "Many of the people who live near {place} are still waiting for news.",
    "There is no sign that the dispute over {topic} will end soon.",
]
QUOTED = [
    '"We will not accept any deal on {topic} that ignores the facts," {cue} {person}.',
    '"This is a turning point for {place}," {person} {cue}, adding that more was needed.',
]
TAGS = ["verify", "follow-up", "key-quote", "bias", "context", "stats", "source-check", "lede"]


@dataclass
class Article:
    """One generated article: its reading text and the analysis the templates imply."""

    text: str = ""
    entities: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)

    def add(self, piece: str, label: str | None = None) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        if label:
            self.entities.append(
                {"start": start, "end": len(self.text), "label": label, "text": piece,
                 "group": None}
            )
        return start, len(self.text)


def _sentence(rng: random.Random, article: Article) -> None:
    """Append one sentence, recording its entities and, for a quoted one, the quotation."""
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    values = {"topic": rng.choice(TOPICS), "place": rng.choice(PLACES), "org": rng.choice(ORGS),
              "cue": rng.choice(CUES), "person": person}
    labels = {"place": "GPE", "org": "ORG", "person": "PERSON"}
    quoted = rng.random() < 0.25
    template = rng.choice(QUOTED if quoted else PLAIN)
    quote_start = len(article.text) + 1
    quote_end = speaker = None
    for literal, name, _, _ in Formatter().parse(template):
        if quoted and quote_end is None and '"' in literal[1:]:
            article.add(literal[: literal.index('"', 1)])
            quote_end = len(article.text)
            article.add(literal[literal.index('"', 1):])
        else:
            article.add(literal)
        if name:
            span = article.add(values[name], labels.get(name))
            if name == "person":
                speaker = span
    if quoted and speaker and quote_end:
        article.quotes.append(
            {"start": quote_start, "end": quote_end, "kind": "direct", "speaker": values["person"],
             "speaker_text": values["person"], "speaker_start": speaker[0],
             "speaker_end": speaker[1], "cue": "say", "partial": False, "group": None}
        )
    article.add(" ")


def make_article(rng: random.Random, words: int) -> Article:
    article = Article()
    paragraph_words = 0
    while len(article.text.split()) < words:
        _sentence(rng, article)
        paragraph_words += 1
        if paragraph_words >= 5:
            article.text = article.text.rstrip(" ") + "\n\n"
            paragraph_words = 0
    article.text = article.text.rstrip()
    _group(article)
    return article


def _group(article: Article) -> None:
    """Group mentions by their words, as the analysis groups a person's mentions."""
    groups: dict[str, dict] = {}
    for entity in article.entities:
        group = groups.setdefault(
            entity["text"],
            {"id": f"g{len(groups) + 1}", "name": entity["text"], "label": entity["label"],
             "count": 0, "mentions": [], "aliases": []},
        )
        group["count"] += 1
        group["mentions"].append([entity["start"], entity["end"]])
        entity["group"] = group["id"]
    for quote in article.quotes:
        quote["group"] = groups[quote["speaker"]]["id"]
    article.groups = list(groups.values())


def _annotation(rng: random.Random, number: int, key: str, article: Article) -> dict:
    stamp = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}T10:00:{number % 60:02d}.000+00:00"
    target = None
    if rng.random() < 0.8:
        entity = rng.choice(article.entities)
        target = make_target(article.text, entity["start"], entity["end"])
    doc = {"id": f"{number:016x}", "article": key, "origin": "user", "created": stamp,
           "updated": stamp, "target": target}
    if rng.random() < 0.7:
        return {**doc, "kind": "tag", "tag": rng.choice(TAGS)}
    return {**doc, "kind": "note", "note": f"check this against the {rng.choice(TOPICS)} file"}


@dataclass
class Generated:
    """What the benchmarks need to know about a generated library."""

    folder: Path
    long_id: str  # the 2,000-word article, second in the list
    word: str  # a word found in some texts but in no title
    tag: str
    who: str


def build(folder: Path, articles: int, annotations: int, words: int, seed: int = 7) -> None:
    """Write a library of ``articles`` texts of about ``words`` words and ``annotations``."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / BODIES_NAME).mkdir(parents=True)
    rows: dict[str, dict] = {}
    made: list[tuple[str, Article]] = []
    for number in range(articles):
        long = number == 1
        article = make_article(rng, LONG_WORDS if long else words)
        origin = f"/bench/articles/{number:05d}.txt"
        key = article_id(origin)
        published = "2030-01-01" if number == 0 else "2029-12-31" if long else (
            f"20{10 + number % 14:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}")
        analysis = {"model": MODEL, "entities": article.entities,
                    "groups": article.groups, "quotes": article.quotes}
        body = {"original": article.text, "text": article.text, "boilerplate": [],
                "analysis": analysis}
        (folder / BODIES_NAME / f"{key}.json").write_bytes(orjson.dumps(body))
        stamp = "2024-01-01T00:00:00.000+00:00"
        rows[str(number + 1)] = {
            "path": origin, "title": f"{rng.choice(TOPICS).capitalize()} in {rng.choice(PLACES)} "
            f"({number})", "section": None, "source": rng.choice(["UPI", "AP", "AFP", "BBC"]),
            "published": published, "byline": None, "dateline": None, "format": "txt",
            "words": len(article.text.split()), "quotes": len(article.quotes),
            "people": sorted({g["name"] for g in article.groups
                              if g["label"] == "PERSON"}),
            "model": MODEL, "id": key, "origin": origin, "hash": content_hash(article.text),
            "imported": stamp, "updated": stamp, "read": number % 3 == 0,
        }
        made.append((key, article))
    segments: dict[str, dict[str, dict]] = {}
    by_article: dict[str, list[dict]] = {}
    for number in range(annotations):
        key, article = made[1] if number < 40 else rng.choice(made)
        note = _annotation(rng, number, key, article)
        segments.setdefault(bucket_of(key), {})[str(articles + number + 1)] = note
        by_article.setdefault(key, []).append(note)
    (folder / SEGMENTS_NAME).mkdir()
    manifest = {bucket: segment_name(bucket, 0) for bucket in segments}
    for bucket, notes in segments.items():
        write_segment(folder, manifest[bucket], notes)
    summaries = {key: summary_of(notes) for key, notes in by_article.items()}
    meta = {"schema": SCHEMA_VERSION, "generation": 0, MANIFEST: manifest}
    tables = {"_meta": {"1": meta}, "articles": rows, SUMMARIES: summaries}
    (folder / SNAPSHOT_NAME).write_bytes(orjson.dumps(tables))


def cached(articles: int = 10_000, annotations: int = 50_000, words: int = 600) -> Generated:
    """The generated library for these sizes, built once and then reused from ``.bench-cache``."""
    folder = CACHE / f"library-v{GENERATOR_VERSION}-{articles}-{annotations}-{words}"
    if not (folder / SNAPSHOT_NAME).exists():
        build(folder.with_suffix(".partial"), articles, annotations, words)
        folder.with_suffix(".partial").rename(folder)
    return Generated(folder, article_id("/bench/articles/00001.txt"), "winter",
                     "key-quote", "okafor")


def sized(articles: int) -> Generated:
    """The generated library of ``articles`` articles with five annotations each (the archive
    benchmarks' scale: `bench.archive`)."""
    return cached(articles, ANNOTATIONS_PER_ARTICLE * articles)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="build (once) and name a generated library")
    parser.add_argument("--size", type=int, default=10_000, help="articles (5 annotations each)")
    generated = sized(parser.parse_args(argv).size)
    print(generated.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
