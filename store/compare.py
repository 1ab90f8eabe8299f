"""Two articles side by side: who both name, what each has each speaker say, which figures agree.

Outlets trim and reword the quotations they share ("We were unable to change the position of the
Russian government" and "...unable to change the Russian position"), so quotations are paired by
their words, not their exact text. People and bodies are merged across the two articles by the
same rules as the library's index; only the two analyses are read, so the view opens at once
however large the library is.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from rapidfuzz import fuzz

from nlp.names import word_set
from store.figures import Figure, figures
from store.library import Library
from store.people_index import CrossEntity, QuoteRef, corrected, entry_of, merge

QUOTE_MATCH = 70  # token-set similarity (0-100) from which two quotations are the same words
SAME_SPEAKER_MATCH = 55  # the same, for two quotations both outlets give the same speaker
MIN_SHARED_WORDS = 3  # content words, or half the shorter quotation's, whichever is fewer
STOP = word_set(
    """
    the a an and or but of to in on at for with by from that this it its is was were are be been
    has have had he she they we you i his her their our not as will would said says
    """
)
WORDS = re.compile(r"[a-z0-9']+")


@dataclass
class Named:
    """A person or body of the comparison, with how often each article names it."""

    key: str
    name: str
    label: str
    count_a: int
    count_b: int


@dataclass
class QuotePair:
    """The same words in both articles; ``same_speaker`` is False when outlets differ on who."""

    a: QuoteRef
    b: QuoteRef
    score: float
    same_speaker: bool


@dataclass
class SpeakerQuotes:
    """One speaker both articles quote, and the quotations each gives them."""

    key: str
    name: str
    a: list[QuoteRef]
    b: list[QuoteRef]


@dataclass
class FigurePair:
    """A figure in both articles: ``agree`` when the numbers (or dates) are the same."""

    a: Figure
    b: Figure
    agree: bool
    same_source: bool


@dataclass
class Comparison:
    a: dict  # catalogue rows
    b: dict
    shared: list[Named] = field(default_factory=list)
    only_a: list[Named] = field(default_factory=list)
    only_b: list[Named] = field(default_factory=list)
    speakers: list[SpeakerQuotes] = field(default_factory=list)
    pairs: list[QuotePair] = field(default_factory=list)
    only_a_quotes: list[QuoteRef] = field(default_factory=list)
    only_b_quotes: list[QuoteRef] = field(default_factory=list)
    figures: list[FigurePair] = field(default_factory=list)

    def partner(self, quote: QuoteRef) -> QuotePair | None:
        """The pair a quotation is in, if the other article has the same words."""
        return next((p for p in self.pairs if quote in (p.a, p.b)), None)

    def to_dict(self) -> dict:
        def quote(q: QuoteRef) -> dict:
            return {k: v for k, v in asdict(q).items() if k not in {"article", "group"}}

        return {
            "a": {k: self.a.get(k) for k in ("id", "title", "source", "published")},
            "b": {k: self.b.get(k) for k in ("id", "title", "source", "published")},
            "shared": [asdict(n) for n in self.shared],
            "only_a": [asdict(n) for n in self.only_a],
            "only_b": [asdict(n) for n in self.only_b],
            "speakers": [
                {"key": s.key, "name": s.name, "a": [quote(q) for q in s.a],
                 "b": [quote(q) for q in s.b]}
                for s in self.speakers
            ],
            "matched_quotes": [
                {"a": quote(p.a), "b": quote(p.b), "score": round(p.score),
                 "same_speaker": p.same_speaker}
                for p in self.pairs
            ],
            "only_a_quotes": [quote(q) for q in self.only_a_quotes],
            "only_b_quotes": [quote(q) for q in self.only_b_quotes],
            "figures": [
                {"a": f.a.to_dict(), "b": f.b.to_dict(), "agree": f.agree,
                 "same_source": f.same_source}
                for f in self.figures
            ],
        }


def content_words(text: str) -> set[str]:
    return {w for w in WORDS.findall(text.lower()) if w not in STOP and len(w) > 2}


def quote_similarity(a: str, b: str) -> float:
    """0-100: how far two quotations are the same words, one trimmed or reworded."""
    words_a, words_b = content_words(a), content_words(b)
    needed = min(MIN_SHARED_WORDS, max(1, min(len(words_a), len(words_b)) // 2))
    if len(words_a & words_b) < needed:
        return 0.0
    return fuzz.token_set_ratio(a.lower(), b.lower())


def compare(library: Library, a_id: str, b_id: str) -> Comparison:
    """Compare two stored articles (as corrected)."""
    rules = library.rule_set()
    row_a, text_a, analysis_a = corrected(library, a_id, rules)
    row_b, text_b, analysis_b = corrected(library, b_id, rules)
    entry_a, entry_b = entry_of(row_a, text_a, analysis_a), entry_of(row_b, text_b, analysis_b)
    entities = merge(entry_a.members + entry_b.members)
    result = Comparison(row_a, row_b)
    _split_entities(result, entities)
    of_group = {(m.article, m.group): e for e in entities for m in e.members}
    speaker = _speaker_keys(of_group)
    _pair_quotes(result, entry_a.quotes, entry_b.quotes, speaker)
    names = {e.key: e.name for e in entities}
    _speakers(result, entry_a.quotes, entry_b.quotes, speaker, names)

    def sourced(article: str, found: list[Figure]) -> list[tuple[Figure, str | None]]:
        """Each figure with its source's key, named as the merged entity is."""
        keyed = [(f, speaker(article, f.group, f.speaker)) for f in found]
        return [(replace(f, speaker=names.get(k or "", f.speaker)), k) for f, k in keyed]

    result.figures = pair_figures(
        sourced(row_a["id"], figures(text_a, analysis_a)),
        sourced(row_b["id"], figures(text_b, analysis_b)),
    )
    return result


def _split_entities(result: Comparison, entities: list[CrossEntity]) -> None:
    a, b = result.a["id"], result.b["id"]
    for entity in entities:
        counts = {a: 0, b: 0}
        for member in entity.members:
            counts[member.article] += member.count
        named = Named(entity.key, entity.name, entity.label, counts[a], counts[b])
        if counts[a] and counts[b]:
            result.shared.append(named)
        else:
            (result.only_a if counts[a] else result.only_b).append(named)


def _speaker_keys(of_group: dict[tuple[str, str], CrossEntity]):
    """Who a quotation or figure is given to: a merged entity's key, else the words themselves
    ("activists"), so unnamed sources the outlets share still line up."""

    def speaker(article: str, group: str | None, name: str | None) -> str | None:
        entity = of_group.get((article, group or ""))
        if entity is not None:
            return entity.key
        return f"words:{' '.join(name.lower().split())}" if name else None

    return speaker


def _pair_quotes(result: Comparison, quotes_a, quotes_b, speaker) -> None:
    """Pair each quotation with its best match in the other article, best pairs first.

    Words given to the same speaker by both outlets are a looser match (an outlet's paraphrase
    of what the UN says is still the UN's claim) than words each gives someone else.
    """
    candidates = []
    for i, qa in enumerate(quotes_a):
        who_a = speaker(qa.article, qa.group, qa.speaker)
        for j, qb in enumerate(quotes_b):
            same = who_a is not None and who_a == speaker(qb.article, qb.group, qb.speaker)
            score = quote_similarity(qa.text, qb.text)
            if score >= (SAME_SPEAKER_MATCH if same else QUOTE_MATCH):
                candidates.append((same, score, i, j))
    candidates.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for same, score, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        result.pairs.append(QuotePair(quotes_a[i], quotes_b[j], score, same))
    result.pairs.sort(key=lambda p: p.a.start)
    result.only_a_quotes = [q for i, q in enumerate(quotes_a) if i not in used_a]
    result.only_b_quotes = [q for j, q in enumerate(quotes_b) if j not in used_b]


def _speakers(result: Comparison, quotes_a, quotes_b, speaker, names: dict[str, str]) -> None:
    by_speaker: dict[str, tuple[list[QuoteRef], list[QuoteRef]]] = {}
    for side, quotes in enumerate((quotes_a, quotes_b)):
        for quote in quotes:
            key = speaker(quote.article, quote.group, quote.speaker)
            if key is not None:
                by_speaker.setdefault(key, ([], []))[side].append(quote)
    for key, (a, b) in by_speaker.items():
        if a and b:
            name = names.get(key) or a[0].speaker or key
            result.speakers.append(SpeakerQuotes(key, name, a, b))
    result.speakers.sort(key=lambda s: -(len(s.a) + len(s.b)))


def _same_thing(a: Figure, b: Figure) -> bool:
    """Two numbers count (or measure) the same thing when their nouns or units are the same:
    "300 workers" and "300 dockworkers" are not, "40 million euros" and "45 million euros" are."""
    return bool(set(a.counts) & set(b.counts))


def pair_figures(
    figures_a: list[tuple[Figure, str | None]], figures_b: list[tuple[Figure, str | None]]
) -> list[FigurePair]:
    """Figures found in both articles.

    Equal numbers of the same thing agree. Different numbers are paired, as differing, only
    when they count the same thing and come from the same source: otherwise "27 civilians" and
    "four civilians" would be flagged though they are different events. Equal numbers given by
    the same source agree, whatever each outlet says they count.
    """
    pairs: list[FigurePair] = []
    used: set[int] = set()
    for fa, source_a in figures_a:
        best: tuple[int, int, bool, bool] | None = None  # (rank, index, agree, same_source)
        for j, (fb, source_b) in enumerate(figures_b):
            if j in used:
                continue
            same_source = source_a is not None and source_a == source_b
            agree = fa.value == fb.value
            if not agree and not (same_source and _same_thing(fa, fb)):
                continue
            if agree and not (same_source or _same_thing(fa, fb)):
                continue
            rank = 2 * agree + same_source
            if best is None or rank > best[0]:
                best = (rank, j, agree, same_source)
        if best is not None:
            _, j, agree, same_source = best
            used.add(j)
            pairs.append(FigurePair(fa, figures_b[j][0], agree, same_source))
    return pairs
