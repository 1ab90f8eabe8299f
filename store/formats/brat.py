"""The ``brat`` export: a folder with ``NAME.txt`` and ``NAME.ann`` per article.

brat's standoff format: ``T`` lines are text-bound annotations (``T1<TAB>TYPE START END<TAB>words``,
character offsets into the .txt) and ``#`` lines are AnnotatorNotes on one of them. A line of
the .ann file cannot hold a line break, so a span across lines is written as brat's fragments
(``START END;START END``) and a note's line breaks become spaces. Entities and span tags are
``T`` lines typed by their label (a tag made a valid brat type); a note on a span is a ``Note``
span with its text as an AnnotatorNotes line; tags and notes on the whole article are one
AnnotatorNotes line on an ``Article`` span over the first line. ``annotation.conf`` lists the
types so brat opens the folder without complaint.

A quotation is a ``Quote`` span with a ``Kind`` attribute (``A1<TAB>Kind T3 direct``) and a note
naming its speaker as the user corrected them ("said by Rami Haddad (say)"); where the text
names the speaker, a ``Speaker`` relation links it to those words (``R1<TAB>Speaker Arg1:T3
Arg2:T5``): the entity span there, else a ``Speaker_words`` span of their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from store.formats.common import of_kind, placed

NAME_CHARS = 60
WINDOWS_DEVICES = ("con", "prn", "aux", "nul")
RESERVED_NAMES = {*WINDOWS_DEVICES, *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}
CONFIG_NAME = "annotation.conf"
QUOTE_TYPE, SPEAKER_TYPE = "Quote", "Speaker_words"  # span types (apart from the relation)
SPEAKER_RELATION = "Speaker"  # quotation -> the words naming who said it
KIND_ATTRIBUTE = "Kind"  # direct or indirect
_LINE = re.compile(r"[^\r\n]+")
_NOT_TYPE = re.compile(r"[^A-Za-z0-9_-]+")


def safe_name(title: str, taken: set[str]) -> str:
    """A file name from a title: ASCII words and hyphens, never one already given out."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:NAME_CHARS]
    slug = slug.rstrip("-") or "article"
    if slug in RESERVED_NAMES:
        slug += "-article"
    name, number = slug, 2
    while name in taken:
        name, number = f"{slug}-{number}", number + 1
    taken.add(name)
    return name


def brat_type(label: str) -> str:
    return _NOT_TYPE.sub("_", label).strip("_") or "Tag"


def one_line(value: str) -> str:
    return " ".join(value.split())


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a span between line breaks, as brat wants a span across lines."""
    return [(start + m.start(), start + m.end()) for m in _LINE.finditer(text[start:end])]


class AnnFile:
    """The lines of one .ann file, numbering ``T`` and ``#`` annotations as brat does."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self.spans = 0
        self.relations = 0
        self.attributes = 0
        self.types: set[str] = set()

    def span(self, label: str, start: int, end: int, note: str | None = None) -> str | None:
        """Write a ``T`` span (and its note); its id, or None when it covers no words."""
        pieces = fragments(self.text, start, end)
        if not pieces:
            return None
        self.spans += 1
        kind = brat_type(label)
        self.types.add(kind)
        where = ";".join(f"{s} {e}" for s, e in pieces)
        words = " ".join(self.text[s:e] for s, e in pieces)
        self.lines.append(f"T{self.spans}\t{kind} {where}\t{words}")
        if note:
            self.lines.append(f"#{self.spans}\tAnnotatorNotes T{self.spans}\t{one_line(note)}")
        return f"T{self.spans}"

    def relation(self, kind: str, first: str, second: str) -> None:
        self.relations += 1
        self.lines.append(f"R{self.relations}\t{kind} Arg1:{first} Arg2:{second}")

    def attribute(self, name: str, span: str, value: str) -> None:
        self.attributes += 1
        self.lines.append(f"A{self.attributes}\t{name} {span} {value}")

    def data(self) -> bytes:
        return "".join(line + "\n" for line in self.lines).encode("utf-8")


def ann_file(article: dict) -> AnnFile:
    ann = AnnFile(article["text"])
    whole = [f"tags: {', '.join(article['tags'])}"] if article["tags"] else []
    whole += [a["note"] for a in of_kind(article, "note") if not a.get("target")]
    first_line = _LINE.search(article["text"])
    if whole and first_line:
        ann.span("Article", first_line.start(), first_line.end(), " | ".join(whole))
    named: dict[tuple[int, int], str] = {}  # an entity's offsets -> its T id
    for entity in article["entities"]:
        key = ann.span(entity["label"], entity["start"], entity["end"])
        if key is not None:
            named.setdefault((entity["start"], entity["end"]), key)
    for quote in article["quotes"]:
        quote_spans(ann, quote, named)
    for tag in of_kind(article, "tag"):
        if placed(tag):
            note = None if brat_type(tag["tag"]) == tag["tag"] else f"tag: {tag['tag']}"
            ann.span(tag["tag"], tag["target"]["start"], tag["target"]["end"], note)
    for note in of_kind(article, "note"):
        if placed(note):
            ann.span("Note", note["target"]["start"], note["target"]["end"], note["note"])
    return ann


def quote_spans(ann: AnnFile, quote: dict, named: dict[tuple[int, int], str]) -> None:
    """A ``Quote`` span with its ``Kind`` and a note naming its speaker, linked by a
    ``Speaker`` relation to the words naming them: the entity there, else a ``Speaker_words``
    span."""
    speaker = quote.get("speaker")
    note = f"said by {speaker}" + (f" ({quote['cue']})" if quote.get("cue") else "")
    key = ann.span(QUOTE_TYPE, quote["start"], quote["end"], note if speaker else None)
    if key is None:
        return
    ann.attribute(KIND_ATTRIBUTE, key, quote["kind"])
    where = (quote.get("speaker_start"), quote.get("speaker_end"))
    if None in where:
        return
    words = named.get(where) or ann.span(SPEAKER_TYPE, *where)
    if words is not None:
        ann.relation(SPEAKER_RELATION, key, words)


def annotation_conf(types: set[str]) -> bytes:
    lines = [
        "[entities]", *sorted(types), "",
        "[relations]", f"{SPEAKER_RELATION}\tArg1:{QUOTE_TYPE}, Arg2:<ENTITY>", "",
        "[events]", "",
        "[attributes]", f"{KIND_ATTRIBUTE}\tArg:{QUOTE_TYPE}, Value:direct|indirect",
    ]  # fmt: skip
    return ("\n".join(lines) + "\n").encode("utf-8")


def brat_files(articles: Iterable[dict]) -> Iterator[tuple[str, bytes]]:
    """The folder's files as (name, contents), an article at a time: each article's .txt and
    .ann, then the config naming every type met."""
    taken: set[str] = set()
    types: set[str] = set()
    for article in articles:
        name = safe_name(article["title"], taken)
        ann = ann_file(article)
        types |= ann.types
        yield f"{name}.txt", article["text"].encode("utf-8")
        yield f"{name}.ann", ann.data()
    yield CONFIG_NAME, annotation_conf(types)
