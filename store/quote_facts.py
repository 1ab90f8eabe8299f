"""Each article's quotations counted as the story figures count them, so counting reads no body.

The figures of a story (`store.stats`) need, for every article, only how many quotations it has
of each kind (direct or reported) and whom it quotes how often; reading that from every stored
analysis costs a second or more per 10,000 articles, which a chart redrawn on every change cannot
pay. So it is kept in ``quotes.cache`` beside the library: per article, its counts (a few small
numbers per speaker, not a record per quotation, so a 10,000-article library's cache is read and
summed in a fraction of a second), tagged with the article's version (when it was last imported,
and its corrections: a correction may move a quotation to another speaker). The quotations
themselves, which only a list behind one bar shows, are read from their articles on demand
(`facts_of`). Only articles new or changed since are read again; entries of articles no longer in
the library are dropped. Like ``words.cache``, the file holds nothing the library lacks: deleting
it costs one rebuild, and a damaged one is rebuilt.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import orjson

from store.atomic import write_atomic
from store.collector import collector_paused
from store.errors import Stopped, StoreError
from store.rules import RuleSet

if TYPE_CHECKING:
    from store.library import Library

CACHE_NAME = "quotes.cache"
FORMAT = 2  # bump when `QuoteCounts` changes, so old caches are rebuilt


class QuoteFact(NamedTuple):
    """One quotation: where it is, its kind, and the person or body it is given to (None for
    nobody), named as its article's analysis groups them."""

    start: int
    end: int
    kind: str
    speaker: str | None
    label: str | None
    aliases: list[str]


class SpeakerCount(NamedTuple):
    """One speaker of an article, as its analysis names them, and their quotations by kind."""

    speaker: str
    label: str | None
    aliases: list[str]
    direct: int
    reported: int


class QuoteCounts(NamedTuple):
    """An article's quotations by kind, and by speaker (those with a name) in reading order.
    Reported speech is what the analysis calls "indirect"."""

    direct: int
    reported: int
    speakers: list[SpeakerCount]


NO_QUOTES = QuoteCounts(0, 0, [])
Spoken = TypeVar("Spoken", QuoteFact, SpeakerCount)


def facts_of(library: Library, article_id: str) -> list[QuoteFact]:
    """An article's quotations from its analysis as the user corrected it."""
    from store.people_index import corrected

    return facts_in(corrected(library, article_id)[2])


def facts_in(analysis: dict) -> list[QuoteFact]:
    """The quotations of an analysis (as corrected), each with its speaker's group."""
    from store.people_index import speaker_group

    groups = {g["id"]: g for g in analysis.get("groups", [])}
    facts = []
    for quote in analysis.get("quotes", []):
        group = groups.get(speaker_group(quote, analysis) or "")
        if group is not None:
            speaker, label = group["name"], group["label"]
            aliases = list(group.get("aliases", []))
        else:  # a speaker the model did not group ("a spokesman"), or none
            speaker, label, aliases = quote.get("speaker"), None, []
        facts.append(QuoteFact(quote["start"], quote["end"], quote["kind"], speaker, label,
                               aliases))
    return facts


def counts_of(facts: Iterable[QuoteFact]) -> QuoteCounts:
    """What the figures need of an article's quotations: a few numbers per speaker."""
    kinds = [0, 0]  # direct, reported
    speakers: dict[tuple[str, str | None], tuple[list[str], list[int]]] = {}
    for fact in facts:
        reported = int(fact.kind != "direct")
        kinds[reported] += 1
        if fact.speaker:
            _, counted = speakers.setdefault((fact.speaker, fact.label), (fact.aliases, [0, 0]))
            counted[reported] += 1
    return QuoteCounts(*kinds, [SpeakerCount(speaker, label, aliases, *counted)
                                for (speaker, label), (aliases, counted) in speakers.items()])


class QuoteFacts:
    """Article id -> its quotations' counts, current for the rows it was last given."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_NAME
        self._entries: dict[str, tuple[str, QuoteCounts]] = {}
        self._cache_read = False
        self._lock = threading.Lock()  # one refresh at a time (the app may run two workers)
        self._rules = RuleSet()  # the library's at the last refresh

    def of(self, article_id: str) -> QuoteCounts:
        """The article's counts, their speakers as the library's rules name and label them
        (laid over the cached counts, so a change to the rules reads no article again)."""
        entry = self._entries.get(article_id)
        counts = entry[1] if entry is not None else NO_QUOTES
        if not self._rules:
            return counts
        return counts._replace(speakers=[ruled(s, self._rules) for s in counts.speakers])

    @property
    def rules(self) -> RuleSet:
        """The library's rules at the last refresh, for quotations read on demand."""
        return self._rules

    def refresh(
        self,
        library: Library,
        rows: Iterable[dict],
        *,
        save: bool = True,
        stop: Callable[[], bool] | None = None,
    ) -> int:
        """Make the counts current for ``rows``, reading only the articles new or changed since
        the cache was written, and write it back when anything changed (a cache that cannot be
        written is only rebuilt next time). ``stop`` is asked between articles; when it says
        so, what was read is kept and `Stopped` raised. Returns how many articles were read."""
        with self._lock:
            self._rules = library.rule_set()
            known = dict(self._entries)
            changed = False
            if not self._cache_read:
                self._cache_read = True
                cached = self._read_cache()
                changed = not cached and self.path.exists()
                for key, entry in cached.items():
                    known.setdefault(key, entry)
            corrections = library.correction_stamps()  # only a correction changes who is quoted
            versions = {row["id"]: version_of(row, corrections) for row in rows}
            fresh = {key: entry for key, entry in known.items() if key in versions}
            changed = changed or len(fresh) != len(known)
            todo = [key for key, version in versions.items()
                    if (fresh.get(key) or ("",))[0] != version]
            read = 0
            for key in todo:
                if stop is not None and stop():
                    break
                try:
                    counts = counts_of(facts_of(library, key))
                except StoreError:  # a damaged or missing body counts no quotation
                    counts = NO_QUOTES
                fresh[key] = (versions[key], counts)
                read += 1
            self._entries = fresh
            if save and (changed or read):
                self._write_cache(fresh)
            if read < len(todo):
                raise Stopped
            return read

    def _read_cache(self) -> dict[str, tuple[str, QuoteCounts]]:
        try:
            with collector_paused():
                data = orjson.loads(self.path.read_bytes())
                if not isinstance(data, dict) or data.get("format") != FORMAT:
                    return {}
                speaker = SpeakerCount._make
                return {key: (version, QuoteCounts(direct, reported, list(map(speaker, speakers))))
                        for key, (version, direct, reported, speakers)
                        in data["entries"].items()}
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return {}

    def _write_cache(self, entries: dict[str, tuple[str, QuoteCounts]]) -> None:
        data = {"format": FORMAT,
                "entries": {key: (version, *counts) for key, (version, counts) in entries.items()}}
        with contextlib.suppress(OSError):
            write_atomic(self.path, orjson.dumps(data, default=tuple))  # named tuples as lists


def version_of(row: dict, corrections: dict[str, list[str]]) -> str:
    """When the article was last imported, and its corrections."""
    return "|".join([row.get("updated") or "", *sorted(corrections.get(row["id"], ()))])


def ruled(fact: Spoken, rules: RuleSet) -> Spoken:
    """A quotation's (or a speaker count's) speaker as the rules show it: the alias rule's
    name, the entity rule's label."""
    if not fact.speaker:
        return fact
    names = [fact.speaker, *fact.aliases]
    labelled, shown = rules.label_for(names), rules.shown_for(names)
    if labelled is None and shown is None:
        return fact
    return fact._replace(speaker=shown[0] if shown else fact.speaker,
                         label=labelled[0] if labelled and fact.label else fact.label)
