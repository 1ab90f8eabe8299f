"""Plain records that leave `nlp` for the store.

They are dataclasses of built-in types only, so `store` can keep them as JSON without knowing
spaCy, and `tui` can read them back without importing `nlp`'s heavy modules. Every offset is a
Python ``str`` index into the article's reading text, end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Document:
    """A source file turned into something worth analysing.

    ``original`` is the file's text as read (boilerplate and all), so nothing is lost; ``text`` is
    the reading text the analysis and every offset refer to. ``boilerplate`` lists the
    ``[start, end]`` ranges of ``original`` that were left out of ``text``.
    """

    original: str
    text: str
    title: str
    format: str  # "txt", "md" or "html"
    section: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when the text gives one
    byline: str | None = None
    dateline: str | None = None
    boilerplate: list[list[int]] = field(default_factory=list)
    url: str | None = None  # the canonical address of a page fetched from the web


@dataclass
class Entity:
    """One mention of a named entity, trimmed so it holds no line break or edge whitespace."""

    start: int
    end: int
    label: str
    text: str
    group: str | None = None  # id of the EntityGroup it belongs to


@dataclass
class EntityGroup:
    """All mentions of one person or body under the fullest name the article gives."""

    id: str
    name: str
    label: str
    count: int
    mentions: list[list[int]] = field(default_factory=list)  # [start, end] pairs
    aliases: list[str] = field(default_factory=list)


@dataclass
class Quote:
    """A quotation tied to its speaker.

    ``start``/``end`` cover the content (inside the marks, or the reported clause); ``speaker`` is
    the canonical name (an entity group's name, or the sentence's words for an unnamed source);
    ``speaker_text`` and its span are the words of the sentence itself.
    """

    start: int
    end: int
    kind: str  # "direct" or "indirect"
    speaker: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None  # the lemma of the speech verb, or "according to"
    partial: bool = False
    group: str | None = None  # id of the speaker's EntityGroup, when it has one


@dataclass
class Figure:
    """A numeric entity as the parse reads it (`nlp.figures`).

    ``start``/``end`` are the entity's; ``number_start``/``number_end`` the number with its
    currency sign and scale word ("£40m" where the model labelled "40"); ``noun`` is the noun
    it counts ("workers" in "300 workers returned"), None when it counts none it names.
    """

    start: int
    end: int
    number_start: int
    number_end: int
    noun: str | None
    noun_start: int | None
    noun_end: int | None


@dataclass
class Analysis:
    """What the model found in one reading text."""

    model: str  # "name version" of the spaCy pipeline that produced it
    entities: list[Entity] = field(default_factory=list)
    groups: list[EntityGroup] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Refused:
    """A text the analysis could not finish; ``reason`` is one line saying why."""

    reason: str
