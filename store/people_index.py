"""People and bodies across the library: each article's entity groups merged under one name.

Within an article the analysis already counts "Bashar al-Assad", "President Assad" and "Mr Assad"
once; across articles the same person is a group in each, written differently by each outlet
("Bashar Assad" at UPI, "U.N." for "the UN"). The index merges those groups by the name rules of
`nlp.names` (pure string code, no model), so a reader can follow one person or body through every
story. It is derived from the stored analyses with the user's corrections laid over them, and is
kept current per article (`update`) without analysing anything again.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import combinations
from typing import Protocol, TypeVar

from rapidfuzz.distance import Levenshtein

from nlp.names import acronym_of, initials, key_words, strip_titles, surface_words
from store.corrections import apply_corrections, is_correction
from store.library import Library
from store.rules import RuleSet

# People, and everything else that can be a "who". Places share a family with bodies because the
# model labels "the Kremlin" or "Homs" ORG in one article and GPE in the next.
FAMILIES = {"PERSON": "person", "ORG": "body", "NORP": "body", "GPE": "body", "LOC": "body",
            "FAC": "body"}
ALIAS_FAMILY = "alias"  # the key family of the names one alias rule joins (`store.rules`)
SPEAKER_LABELS = {"PERSON", "ORG"}  # who can be a source inside a speaker's words
# Two spellings of one word ("Mohamad" / "Mohamed", "Qaeda" / "Qaida") differ in a vowel or two:
# one edit in every five letters at most (rapidfuzz's Levenshtein distance), with the same
# consonants, first and last letter. So "Maria" / "Mario" and "Paul" / "Paula" (their last
# letters), "Lena" / "Lina" (too short) and "Baker" / "Barker" or "Ian" / "Ivan" (a consonant)
# stay apart.
LETTERS_PER_EDIT = 5
VOWELS = frozenset("aeiou")
DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Member:
    """One article's entity group, with the name keys it is merged by."""

    article: str
    group: str
    name: str
    label: str
    count: int
    aliases: tuple[str, ...]
    pinned: bool = False  # its label is the user's correction here, which no rule overrides
    joined: str | None = None  # the key of the alias rule it is shown under, if any

    def ruled(self, rules: RuleSet) -> Member:
        """The member as the library's rules show it: their label (unless pinned), the name
        an alias rule gives it."""
        names = [self.name, *self.aliases]
        labelled = None if self.pinned else rules.label_for(names)
        shown = rules.shown_for(names)
        if labelled is None and shown is None:
            return self
        return replace(self, label=labelled[0] if labelled else self.label,
                       name=shown[0] if shown else self.name,
                       joined=f"{ALIAS_FAMILY}:{shown[1]}" if shown else None)

    @property
    def family(self) -> str:
        return FAMILIES[self.label]

    @property
    def key(self) -> str:
        """Its name key; one alias rule's names share one, whatever their labels."""
        return self.joined or name_key(self.name, self.label)


@dataclass(frozen=True)
class QuoteRef:
    """A quotation of one article, with its words, so listing it needs no second read."""

    article: str
    start: int
    end: int
    kind: str
    text: str
    speaker: str | None
    cue: str | None
    group: str | None


@dataclass
class ArticleEntry:
    """What the index keeps of one article."""

    row: dict
    members: list[Member]
    quotes: list[QuoteRef]


@dataclass
class NameForms:
    """Everything the merge needs of one name key, kept current as articles come and go, so the
    merge works per distinct name rather than per group of every article."""

    label: str
    members: dict[tuple[str, str], Member] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    articles: Counter[str] = field(default_factory=Counter)
    mentions: int = 0

    @property
    def article_count(self) -> int:
        return len(self.articles)

    def mentions_by_article(self) -> dict[str, int]:
        """How often each article names it."""
        counts: Counter[str] = Counter()
        for member in self.members:
            counts[member.article] += member.count
        return counts

    def add(self, member: Member) -> None:
        self.members[(member.article, member.group)] = member
        self._count(member, 1)

    def remove(self, member: Member) -> None:
        if self.members.pop((member.article, member.group), None) is not None:
            self._count(member, -1)

    def _count(self, member: Member, step: int) -> None:
        for counter, items in ((self.names, [member.name]), (self.aliases, member.aliases),
                               (self.labels, [member.label]), (self.articles, [member.article])):
            for item in items:
                value = counter[item] + step
                if value > 0:
                    counter[item] = value
                else:
                    del counter[item]
        self.mentions += step * member.count


class KeyForms(Protocol):
    """What the merge needs of one name key: `NameForms`, or a key's summary kept on disk."""

    label: str
    names: Mapping[str, int]
    aliases: Mapping[str, int]
    labels: Mapping[str, int]

    @property
    def article_count(self) -> int: ...


@dataclass
class CrossEntity:
    """A person or body merged across articles.

    ``key`` is the canonical key (its family and the key words of its canonical name); ``keys``
    holds every form's key, so something filed under a shorter form ("body:un") before the long
    form ("body:united nations") was seen still finds it.
    """

    key: str
    name: str
    label: str
    keys: frozenset[str]
    parts: list[NameForms] = field(default_factory=list, repr=False)

    @cached_property
    def members(self) -> list[Member]:
        return [member for part in self.parts for member in part.members.values()]

    @cached_property
    def articles(self) -> list[str]:
        return sorted({article for part in self.parts for article in part.articles})

    @cached_property
    def mentions(self) -> int:
        return sum(part.mentions for part in self.parts)

    @property
    def article_count(self) -> int:
        return len(self.articles)

    @property
    def forms(self) -> list[str]:
        """Every way the articles write it, the canonical name first."""
        names = {self.name}
        for part in self.parts:
            names.update(part.names)
            names.update(part.aliases)
        return [self.name, *sorted(names - {self.name})]


def name_words(name: str, label: str) -> list[str]:
    """The words of a name without article, possessive and (for people) titles."""
    words = surface_words(name)
    return strip_titles(words) if label == "PERSON" else words


@lru_cache(maxsize=1 << 16)  # a library writes the same few thousand names over and over
def name_key(name: str, label: str) -> str:
    """'person:bashar assad' for "President Bashar al-Assad" and "Bashar Assad" alike."""
    return f"{FAMILIES.get(label, 'body')}:{' '.join(key_words(name_words(name, label)))}"


def ruled_key(member: Member, rules: RuleSet) -> tuple[Member, str]:
    """The member as the rules show it, and the key it is filed under."""
    ruled = member.ruled(rules)
    return ruled, ruled.key


def corrected(
    library: Library, article_id: str, rules: RuleSet | None = None
) -> tuple[dict, str, dict]:
    """An article's row, reading text and analysis with the user's corrections (and the
    library's ``rules``, when given) laid over it.

    Copying an analysis to correct it costs more than reading it, so it is only done for the
    articles that have corrections or rules to apply.
    """
    row = library.article(article_id)
    body = library.body(row["id"])
    analysis = body.get("analysis") or {}
    annotations = library.annotations(row["id"]) if library.annotation_count(row["id"]) else []
    if rules or any(is_correction(a) for a in annotations):
        analysis = apply_corrections(analysis, annotations, body["text"], rules)
    return row, body["text"], analysis


def read_entry(library: Library, article_id: str) -> ArticleEntry:
    """One article's members and quotations, from its stored analysis as corrected; the
    library's rules are laid over its members later (`PeopleIndex`), so a change to them
    reads no article again."""
    row, text, analysis = corrected(library, article_id)
    return entry_of(row, text, analysis)


def entry_of(row: dict, text: str, analysis: dict) -> ArticleEntry:
    pinned = {e.get("group") for e in analysis.get("entities", [])
              if e.get("origin") == "correction"}
    members = [
        Member(
            row["id"], g["id"], g["name"], g["label"], g["count"], tuple(g.get("aliases", [])),
            g["id"] in pinned,
        )
        for g in analysis.get("groups", [])
        if g["label"] in FAMILIES and name_key(g["name"], g["label"]).partition(":")[2]
    ]
    speakers = SpeakerGroups(analysis)
    quotes = [
        QuoteRef(row["id"], q["start"], q["end"], q["kind"], " ".join(text[q["start"]:q["end"]]
                 .split()), q.get("speaker"), q.get("cue"), speakers.of(q))
        for q in analysis.get("quotes", [])
    ]
    return ArticleEntry(row, members, quotes)


class SpeakerGroups:
    """The group a quotation's speaker belongs to: its own, else the person or body named inside
    its speaker's words ("analysts at Brightwater Securities"), so outlets that word the source
    differently still give the same one.

    The named entities are sorted once and bisected per quotation: looking through them all
    for each quotation made one article of 300,000 words cost `presscut who` seconds.
    """

    def __init__(self, analysis: dict) -> None:
        named = sorted(
            (e["start"], e["end"], e["group"]) for e in analysis.get("entities", [])
            if e["label"] in SPEAKER_LABELS and e.get("group")
        )
        self._starts = [start for start, _, _ in named]
        self._named = named

    def of(self, quote: dict) -> str | None:
        if quote.get("group") or quote.get("speaker_start") is None:
            return quote.get("group")
        start, end = quote["speaker_start"], quote["speaker_end"]
        for index in range(bisect_left(self._starts, start), len(self._named)):
            entity_start, entity_end, group = self._named[index]
            if entity_start >= end:
                return None
            if entity_end <= end:
                return group
        return None


def speaker_group(quote: dict, analysis: dict) -> str | None:
    """`SpeakerGroups` for one quotation."""
    return SpeakerGroups(analysis).of(quote)


@lru_cache(maxsize=1 << 16)
def folded(word: str) -> str:
    """A key word with what transliterations vary on evened out: accents, hyphens and apostrophes,
    doubled letters, "ou" for "u", a final "y" for "i" ("Ghalioun" and "Ghaliun", "Assad" and
    "Asad", "Zelenskyy" and "Zelenskiy", "Erdoğan" and "Erdogan" fold alike)."""
    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(c for c in text if c.isalnum()).replace("ou", "u")
    text = DOUBLED.sub(r"\1", text)
    if len(text) > 2 and text.endswith("y"):
        text = DOUBLED.sub(r"\1", text[:-1] + "i")
    return text


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """A folded word's first letter and its consonants, an "h" after a consonant left out
    ("gadhafi" and "gadafi": "gdf"): two spellings of one name have the same skeleton, so names
    are only compared within one skeleton, which keeps the merge linear."""
    kept = [word[:1]]
    for before, letter in zip(word, word[1:], strict=False):
        if letter not in VOWELS and not (letter == "h" and before not in VOWELS):
            kept.append(letter)
    return "".join(kept)


def variant_words(a: str, b: str) -> bool:
    """Whether two key words are one word spelled two ways.

    They fold alike, or they are long enough, share their consonants (the skeleton) and their
    first and last letters, and differ in few vowels ("mohamad" / "mohamed").
    """
    fa, fb = folded(a), folded(b)
    if fa == fb:
        return bool(fa) or a == b
    return (
        (edits := min(len(fa), len(fb)) // LETTERS_PER_EDIT) > 0
        and fa[0] == fb[0] and fa[-1] == fb[-1] and skeleton(fa) == skeleton(fb)
        and Levenshtein.distance(fa, fb, score_cutoff=edits) <= edits
    )


def variant_names(a: str, b: str) -> bool:
    """Two names' key words ("bashar assad", "bashar asad") are the same name spelled two ways:
    as many words, each a variant of the other's ("John Smith" and "Jane Smith" are not)."""
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(
        variant_words(x, y) for x, y in zip(words_a, words_b, strict=True))


def block_of(key: str) -> tuple[str, ...]:
    """What two keys must share to be compared at all: the family and each word's skeleton."""
    family, _, words = key.partition(":")
    return (family, *(skeleton(folded(word)) for word in words.split()))


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        if parent != key:
            parent = self.parent[key] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def merge(members: Iterable[Member]) -> list[CrossEntity]:
    """Merge groups that name the same person or body, in the most articles first.

    Groups with the same name key merge (titles and particles are not part of it: "Bashar
    al-Assad" ~ "Bashar Assad" ~ "Bashar el-Assad"); so do names spelled or transliterated
    differently, word by word ("Burhan Ghalioun" ~ "Burhan Ghaliun", "Mohammed" ~ "Mohamad"; see
    `variant_words`), a group and another named by one of its longer aliases ("the Syrian
    Observatory"), an acronym and the one body whose initials (or written acronym) it is ("UN" ~
    "United Nations" ~ "U.N."), and a surname on its own and the one full name it ends, however
    spelled ("Ghalioun" ~ "Burhan Ghaliun"). Different people who share a surname never merge
    ("John Smith", "Jane Smith"), and a bare surname two full names end stays on its own.
    """
    by_key: dict[str, NameForms] = {}
    for member in members:
        by_key.setdefault(member.key, NameForms(member.label)).add(member)
    return merge_keys(by_key)


def merge_keys(by_key: dict[str, NameForms], *, variants: bool = True) -> list[CrossEntity]:
    """`merge` over members already summed up per name key (``variants=False`` leaves out the
    spelling variants, for measuring what they cost)."""
    entities = [_entity(keys, by_key) for keys in components(by_key, variants=variants)]
    entities.sort(key=lambda e: (-len(e.articles), -e.mentions, e.name))
    return entities


def components(by_key: Mapping[str, KeyForms], *, variants: bool = True) -> list[list[str]]:
    """The name keys that name one person or body, together (the rules of `merge`)."""
    union = _Union()
    claimed: dict[str, set[str]] = {}  # acronym -> keys whose articles write it for them
    initials_of: dict[str, set[str]] = {}
    surnames: dict[str, set[str]] = {}  # the skeleton of a full name's last word -> its keys
    blocks: dict[tuple[str, ...], list[str]] = {}
    for key, forms in by_key.items():
        union.find(key)
        family, _, words = key.partition(":")
        if variants and family != ALIAS_FAMILY:  # an alias rule's key is its id, not a name
            blocks.setdefault(block_of(key), []).append(key)
        for alias in forms.aliases:
            alias_key = name_key(alias, forms.label)
            if alias_key in by_key and alias_key != key and " " in alias_key:
                union.union(key, alias_key)
            if family == "body" and (acronym := acronym_of(surface_words(alias))):
                claimed.setdefault(acronym, set()).add(key)
        if family == "body" and " " in words:
            initials_of.setdefault(initials(surface_words(next(iter(forms.names)))), set()).add(key)
        if family == "person" and " " in words:
            last = words.rsplit(" ", 1)[1]
            surnames.setdefault(skeleton(folded(last)) if variants else last, set()).add(key)
    for same in blocks.values():  # a handful of keys each: every pair is compared
        for a, b in combinations(same, 2):
            if variant_names(a.partition(":")[2], b.partition(":")[2]):
                union.union(a, b)
    bare: dict[str, list[str]] = {}  # a surname on its own, with its spellings, by their root
    for key, forms in by_key.items():
        family, _, words = key.partition(":")
        if " " in words:
            continue
        if family == "person":
            bare.setdefault(union.find(key), []).append(key)
        elif family == "body" and (acronym := acronym_of(surface_words(next(iter(forms.names))))):
            _join_the_one(union, key, claimed.get(acronym) or initials_of.get(acronym, set()))
    for keys in bare.values():
        # all spellings at once: "Hotan" and "Huton" may each end one full name, but not the same
        candidates: set[str] = set()
        for key in keys:
            words = key.partition(":")[2]
            if variants:
                candidates.update(full for full in surnames.get(skeleton(folded(words)), ())
                                  if variant_words(full.rsplit(" ", 1)[1], words))
            else:
                candidates.update(surnames.get(words, ()))
        _join_the_one(union, keys[0], candidates)
    joined: dict[str, list[str]] = {}
    for key in by_key:
        joined.setdefault(union.find(key), []).append(key)
    return list(joined.values())


def _join_the_one(union: _Union, key: str, candidates: Iterable[str]) -> None:
    """Join a short form to what it stands for when that is one entity, else leave it alone."""
    roots = {union.find(candidate) for candidate in candidates if candidate != key}
    if len(roots) == 1:
        union.union(key, roots.pop())


def _entity(keys: list[str], by_key: dict[str, NameForms]) -> CrossEntity:
    """The merged entity, named by its fullest form in the most articles."""
    canonical, name, label = naming(keys, by_key)
    return CrossEntity(canonical, name, label, frozenset(keys), [by_key[key] for key in keys])


def naming(keys: list[str], by_key: Mapping[str, KeyForms]) -> tuple[str, str, str]:
    """A merged entity's canonical key, name and label: its fullest form in the most articles."""

    def weight(key: str) -> tuple[bool, int, int]:
        return (" " in key.partition(":")[2], by_key[key].article_count, len(key))

    canonical = max(keys, key=weight)
    forms = by_key[canonical]
    written = Counter(forms.names)
    for alias, count in forms.aliases.items():
        if name_key(alias, forms.label) == canonical:
            written[" ".join(surface_words(alias))] += count
    # "Leeds" over a dateline's "LEEDS", "UN Security Council" over "U.N. Security Council"
    name = max(written, key=lambda n: (not n.isupper(), "." not in n, written[n], len(n)))
    labels = sum((Counter(by_key[key].labels) for key in keys), Counter())
    return canonical, name, labels.most_common(1)[0][0]


@dataclass
class KeySummary:
    """One name key's summary as ``people.cache`` keeps it (`store.people_cache`)."""

    label: str
    names: dict[str, int]
    aliases: dict[str, int]
    labels: dict[str, int]
    mentions: int
    article_count: int


class StoredEntity:
    """A merged person or body whose articles, members and quotations stay on disk until asked
    for (`PeopleIndex`): the list of everyone needs only its name and counts."""

    def __init__(self, index: PeopleIndex, key: str, name: str, label: str, keys: list[str],
                 forms: list[str], mentions: int, article_count: int) -> None:
        self._index = index
        self.key, self.name, self.label = key, name, label
        self.keys = frozenset(keys)
        self.forms = forms
        self.mentions = mentions
        self.article_count = article_count

    def __repr__(self) -> str:
        return f"StoredEntity({self.key!r}, {self.name!r})"

    @cached_property
    def articles(self) -> list[str]:
        return sorted(self.mentions_by_article())

    def mentions_by_article(self) -> dict[str, int]:
        """How often each article names it (from the name index's ids alone)."""
        counts: Counter[str] = Counter()
        for found in self._index.cache.articles_of(self.keys).values():
            counts.update(found)
        return counts

    @property
    def members(self) -> list[Member]:
        members = []
        for key in sorted(self.keys):
            for article, (stored, _) in self._index.cache.postings(key).items():
                members.extend(
                    Member(article, group, name, label, count, tuple(aliases), pinned, joined)
                    for group, name, label, count, aliases, pinned, joined in stored)
        return members

    def to_list(self) -> list:
        return [self.key, self.name, self.label, sorted(self.keys), self.forms, self.mentions,
                self.article_count]


class PeopleIndex:
    """The merged people and bodies of a whole library, and every quotation they are given.

    What it knows of each article is kept on disk, current per article (`store.people_cache`):
    an article is read only when new or changed since any presscut last looked, and looking up
    one person or one article reads only the files that concern them. The merge works per
    distinct name from the keys' summaries, and is kept on disk for the state it was made for.
    """

    def __init__(self, library: Library) -> None:
        from store.people_cache import PeopleCache

        self.library = library
        self.cache = PeopleCache(library.folder)
        self._merged: list[StoredEntity] | None = None
        self._merged_serial: str | None = None
        self._by_any_key: dict[str, StoredEntity] = {}
        self._published: dict[str, str] = {}
        self._seen: tuple[Library, int, int] | None = None  # library, generation, rules: caught up

    @classmethod
    def build(cls, library: Library) -> PeopleIndex:
        index = cls(library)
        index.refresh()
        return index

    def refresh(self, stop: Callable[[], bool] | None = None) -> list[str]:
        """Catch up with the library, reading only the articles added or changed since; returns
        their ids. Cheap when nothing changed, so callers may run it before every use.

        ``stop`` is asked between articles; when it says so, `Stopped` is raised with what was
        read so far kept, and the next refresh reads the rest.
        """
        seen = (self.library, self.library.generation, self.library.rules_revision)
        if self._seen is not None and all(a is b or a == b for a, b in zip(self._seen, seen,
                                                                          strict=True)):
            return []
        self._seen = None
        read = self.cache.refresh(self.library, stop)
        self._seen, self._published = seen, {}
        return read

    def entities(self) -> list[StoredEntity]:
        """Every merged person and body, in the most articles first."""
        if self._merged is None or self._merged_serial != self.cache.serial:
            if not self.cache.serial:
                self.refresh()
            stored = self.cache.merged()
            if stored is None:
                merged = self._merge()
                self.cache.save_merged([entity.to_list() for entity in merged])
            else:
                merged = [StoredEntity(self, *fields) for fields in stored]
            self._merged, self._merged_serial = merged, self.cache.serial
            self._by_any_key = {key: entity for entity in merged for key in entity.keys}
        return self._merged

    def _merge(self) -> list[StoredEntity]:
        by_key = {key: KeySummary(*summary) for key, summary in self.cache.summaries.items()}
        joined = components(by_key)
        unions = self.cache.articles_of(key for keys in joined if len(keys) > 1 for key in keys)
        entities = []
        for keys in joined:
            canonical, name, label = naming(keys, by_key)
            if len(keys) == 1:
                count = by_key[keys[0]].article_count
            else:
                count = len({article for key in keys for article in unions[key]})
            written = {form for key in keys for form in (*by_key[key].names, *by_key[key].aliases)}
            forms = [name, *sorted(written - {name})]
            mentions = sum(by_key[key].mentions for key in keys)
            entities.append(StoredEntity(self, canonical, name, label, keys, forms, mentions,
                                         count))
        entities.sort(key=lambda e: (-e.article_count, -e.mentions, e.name))
        return entities

    def entity(self, key: str) -> StoredEntity | None:
        """The entity filed under this key, canonical or any of its forms'."""
        self.entities()
        return self._by_any_key.get(key)

    def article_entities(self, article_id: str) -> list[StoredEntity]:
        """The people and bodies an article names (one article's shard read)."""
        stored = self.cache.stored(article_id)
        if stored is None:
            return []
        self.entities()
        rules = self.library.rule_set()
        found: dict[int, StoredEntity] = {}
        for group, name, label, count, aliases, pinned in stored[0]:
            member = Member(article_id, group, name, label, count, tuple(aliases), pinned)
            entity = self._by_any_key.get(ruled_key(member, rules)[1])
            if entity is not None:
                found[id(entity)] = entity
        return list(found.values())

    def row(self, article_id: str) -> dict:
        return self.library.article(article_id)

    def article_ids(self) -> list[str]:
        return list(self.cache.versions)

    def search(self, query: str) -> list[StoredEntity]:
        """Entities any of whose forms contain every word of the query, case-insensitively."""
        words = query.lower().split()
        return [e for e in self.entities() if all(
            any(word in form.lower() for form in e.forms) for word in words)]

    def quotes_of(self, entity: StoredEntity) -> list[QuoteRef]:
        """Every quotation the entity is the speaker of, article by article, newest first: the
        ones given to its groups, and the ones given to nobody grouped in its articles by one of
        the names it is written as."""
        from store.people_cache import SAID

        quotes = [
            QuoteRef(article, *quote)
            for key in sorted(entity.keys)
            for article, (_, given) in self.cache.postings(key).items()
            for quote in given
        ]
        articles = set(entity.articles)
        quotes.extend(
            QuoteRef(article, *quote)
            for form in entity.forms
            for article, (_, given) in self.cache.postings(SAID + form).items()
            if article in articles
            for quote in given
        )
        quotes.sort(key=lambda q: (q.article, q.start))
        quotes.sort(key=lambda q: self.published(q.article), reverse=True)
        return quotes

    def published(self, article_id: str) -> str:
        """An article's date, kept once read: sorting a name's quotations asks for it often."""
        date = self._published.get(article_id)
        if date is None:
            date = self._published[article_id] = self.row(article_id).get("published") or ""
        return date


Entity = TypeVar("Entity", CrossEntity, StoredEntity)


def by_mentions(entities: Iterable[Entity]) -> list[Entity]:
    """The most mentioned first, ties by name: the order both the app and `presscut who
    --sort mentions` give."""
    return sorted(entities, key=lambda entity: (-entity.mentions, entity.name))
