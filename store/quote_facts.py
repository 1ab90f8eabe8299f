"""Each article's quotations as the story figures count them, kept so counting reads no body.

The figures of a story (`store.stats`) need, for every article, only who is quoted and how
(direct or reported); reading that from every stored analysis costs a second or more per 10,000
articles, which a chart redrawn on every change cannot pay. So it is kept in ``quotes.cache``
beside the library, one entry per article tagged with the article's version (when it was last
imported, and its corrections: a correction may move a quotation to another speaker).
Only articles new or changed since are read again; entries of articles no longer in the library
are dropped. Like ``words.cache``, the file holds nothing the library lacks: deleting it costs one
rebuild, and a damaged one is rebuilt.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import orjson

from store.atomic import write_atomic
from store.collector import collector_paused
from store.errors import Stopped, StoreError
from store.rules import RuleSet

if TYPE_CHECKING:
    from store.library import Library

CACHE_NAME = "quotes.cache"
FORMAT = 1  # bump when `QuoteFact` changes, so old caches are rebuilt


class QuoteFact(NamedTuple):
    """One quotation: where it is, its kind, and the person or body it is given to (None for
    nobody), named as its article's analysis groups them. A tuple, as a library has hundreds of
    thousands and the cache is read whole."""

    start: int
    end: int
    kind: str
    speaker: str | None
    label: str | None
    aliases: list[str]


def facts_of(library: Library, article_id: str) -> list[QuoteFact]:
    """An article's quotations from its analysis as the user corrected it."""
    from store.people_index import corrected, speaker_group

    _, _, analysis = corrected(library, article_id)
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


class QuoteFacts:
    """Article id -> its quotations' facts, current for the rows it was last given."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_NAME
        self._entries: dict[str, tuple[str, list[QuoteFact]]] = {}
        self._cache_read = False
        self._lock = threading.Lock()  # one refresh at a time (the app may run two workers)
        self._rules = RuleSet()  # the library's at the last refresh

    def of(self, article_id: str) -> list[QuoteFact]:
        """The article's quotations, their speakers as the library's rules name and label them
        (laid over the cached facts, so a change to the rules reads no article again)."""
        entry = self._entries.get(article_id)
        facts = entry[1] if entry is not None else []
        return [ruled(fact, self._rules) for fact in facts] if self._rules else facts

    def refresh(
        self,
        library: Library,
        rows: Iterable[dict],
        *,
        save: bool = True,
        stop: Callable[[], bool] | None = None,
    ) -> int:
        """Make the facts current for ``rows``, reading only the articles new or changed since
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
                    facts = facts_of(library, key)
                except StoreError:  # a damaged or missing body counts no quotation
                    facts = []
                fresh[key] = (versions[key], facts)
                read += 1
            self._entries = fresh
            if save and (changed or read):
                self._write_cache(fresh)
            if read < len(todo):
                raise Stopped
            return read

    def _read_cache(self) -> dict[str, tuple[str, list[QuoteFact]]]:
        try:
            with collector_paused():
                data = orjson.loads(self.path.read_bytes())
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                return {}
            make = QuoteFact._make
            return {key: (version, list(map(make, facts)))
                    for key, (version, facts) in data["entries"].items()}
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return {}

    def _write_cache(self, entries: dict[str, tuple[str, list[QuoteFact]]]) -> None:
        data = {"format": FORMAT, "entries": entries}
        with contextlib.suppress(OSError):
            write_atomic(self.path, orjson.dumps(data, default=tuple))  # facts as lists


def version_of(row: dict, corrections: dict[str, list[str]]) -> str:
    """When the article was last imported, and its corrections."""
    return "|".join([row.get("updated") or "", *sorted(corrections.get(row["id"], ()))])


def ruled(fact: QuoteFact, rules: RuleSet) -> QuoteFact:
    """A quotation's speaker as the rules show it: the alias rule's name, the entity rule's
    label."""
    if not fact.speaker:
        return fact
    names = [fact.speaker, *fact.aliases]
    labelled, shown = rules.label_for(names), rules.shown_for(names)
    if labelled is None and shown is None:
        return fact
    return fact._replace(speaker=shown[0] if shown else fact.speaker,
                         label=labelled[0] if labelled and fact.label else fact.label)
