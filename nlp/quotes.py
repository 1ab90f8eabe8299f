"""Quotations of one article: direct ones in marks, reported ones after a speech verb.

A span in marks is a quotation when someone is said to have said it: a speech verb near it (in its
sentence, or the clause straight after the closing mark), or, for a full sentence in marks with
no verb of its own, the speaker of the quotation before it in the paragraph, or in the paragraph
before when it opens its paragraph (the news convention for a speaker who goes on talking). Words
in marks inside the writer's own sentence are a partial quotation only when a speech verb governs
them; otherwise they are a title, a nickname or scare quotes. Naming words right before the marks
("so-called", "dubbed", "known as") make a name even beside a speech verb, but "what X called"
gives X's own words, a quotation with X as the speaker. A speech verb inside someone's reported
clause ("The minister said the findings suggested that '...'") leaves the words to that someone.
A reported clause that is mostly in marks is left to the direct quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.cues import cue_lemma, is_cue, is_thought
from nlp.names import word_set
from nlp.paragraphs import doc_text, token_starts
from nlp.quote_marks import MarkedSpan, find_marked_spans
from nlp.records import Entity, EntityGroup, Quote
from nlp.reported import Report, find_reports
from nlp.speakers import Speaker, SpeakerResolver, speaker_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PARAGRAPH = re.compile(r"[^\n]+")
SENTENCE_END = ".?!\u2026"
OPENS_QUOTE = ".:;!?,\u2014\u2013-("
CLOSING_MARKS = "\"'\u201d\u2019"
# Verbs and words that make marked words a name rather than a quotation.
NAMING = frozenset({"dub", "nickname", "name", "title", "entitle", "christen"})
NAMING_BEFORE = re.compile(
    r"(?:\bso-called|\bknown\b(?:\s+[\w'-]+){0,3}\s+as|\b(?:dubbed|nicknamed|code-?named|"
    r"christened|billed\s+as|referred\s+to\s+as)|\bcall(?:s|ed|ing)?\s+"
    r"(?:him|her|it|them)sel(?:f|ves)"
    r"|\b(?:saying|phrase|term|word|slogan|motto|mantra|expression|hashtag|catchphrase)s?"
    r"(?:\s+(?:like|such\s+as))?)\s*$"
)
# A reader's comment or a post signed on the line after it: "― Tom Fenwick", "— Ellen Marsh".
SIGNATURE = re.compile(
    r"[\u2015\u2014\u2013-]{1,2}\s*([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s*"
)
CROSSHEAD_WORDS = 8
SMALL_WORDS = word_set("a an the of and in on for to at with from by or de la le du von van der")
NOUN_PHRASE_DEPS = frozenset({"dobj", "pobj", "prep", "compound", "amod", "poss"})
MOSTLY_QUOTED = 0.5
LOOKAHEAD_TOKENS = 8
ATTRIBUTION_TOKENS = 6  # how far into the next sentence a split-off attribution may reach


@dataclass
class _Candidate:
    """A quotation before its speaker is named."""

    start: int
    end: int
    kind: str
    partial: bool
    cue: str | None
    words: Span | None  # the speaker's words, when the sentence gives them
    paragraph: int
    opens_paragraph: bool = False
    speaker: Speaker | None = None


def find_quotes(doc: Doc, entities: list[Entity], groups: list[EntityGroup]) -> list[Quote]:
    """Direct and reported quotations of ``doc`` in text order, each with its speaker."""
    text = doc_text(doc)
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]
    starts = [start for start, _ in paragraphs]
    marked = sorted(find_marked_spans(text), key=lambda m: m.open_at)
    outer = [(m.open_at, m.outer_end) for m in marked]
    reports = find_reports(doc, outer)
    # names inside what someone said are not sentence subjects a pronoun can point back to
    said = outer + [(r.start, r.end) for r in reports]
    resolver = SpeakerResolver(doc, entities, groups, said, starts)
    around = _Reports(reports)
    candidates = [
        c
        for index in range(len(marked))
        if (c := _direct(doc, marked, index, around, resolver)) is not None
    ]
    candidates += _signed_comments(doc, text, paragraphs, candidates)
    whole = {c.start for c in candidates if not c.partial}
    full = [(m.open_at, m.outer_end) for m in marked if m.start in whole]
    full_starts = [start for start, _ in full]
    candidates += [
        _Candidate(r.start, r.end, "indirect", False, r.cue, r.speaker, resolver.paragraph(r.start))
        for r in reports
        if _quoted_share(r, full, full_starts) < MOSTLY_QUOTED
    ]
    candidates.sort(key=lambda c: (c.start, c.kind))
    for index, candidate in enumerate(candidates):
        if candidate.words is not None:
            candidate.speaker = resolver.resolve(candidate.words)
        else:
            candidate.speaker = _inherited(index, candidates, resolver)
    return [_record(c) for c in candidates]


def _signed_comments(
    doc: Doc, text: str, paragraphs: list[tuple[int, int]], found: list[_Candidate]
) -> list[_Candidate]:
    """A paragraph signed by a name on the next line (a reader's comment, an embedded post):
    the paragraph is the signer's words, unless quotations already cover it."""
    comments = []
    for number in range(1, len(paragraphs)):
        start, end = paragraphs[number]
        signed = SIGNATURE.fullmatch(text, start, end)
        if signed is None:
            continue
        words = doc.char_span(signed.start(1), signed.end(1), alignment_mode="expand")
        said_start, said_end = paragraphs[number - 1]
        while said_start < said_end and text[said_start].isspace():
            said_start += 1
        while said_end > said_start and text[said_end - 1].isspace():
            said_end -= 1
        if words is None or any(said_start <= c.start < said_end for c in found):
            continue
        comments.append(_Candidate(said_start, said_end, "direct", False, None, words, number - 1))
    return comments


class _Reports:
    """The reported clauses in text order, to ask which ones hold a position (by bisection)."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = sorted(reports, key=lambda r: r.start)
        self.starts = [r.start for r in self.reports]
        self.longest = max((r.end - r.start for r in reports), default=0)

    def holding(self, pos: int) -> list[Report]:
        """The reports whose span holds ``pos``, in text order."""
        found = []
        index = bisect_right(self.starts, pos) - 1
        while index >= 0 and self.starts[index] >= pos - self.longest:
            if pos < self.reports[index].end:
                found.append(self.reports[index])
            index -= 1
        return found[::-1]


def _direct(
    doc: Doc,
    marked: list[MarkedSpan],
    index: int,
    reports: _Reports,
    resolver: SpeakerResolver,
) -> _Candidate | None:
    span = marked[index]
    if not doc_text(doc)[span.start : span.end].strip():
        return None
    paragraph = resolver.paragraph(span.open_at)
    para_start = resolver.paragraph_starts[paragraph]
    partial = _is_partial(doc, span, para_start)
    previous_end = marked[index - 1].outer_end if index > 0 else None
    next_open = marked[index + 1].open_at if index + 1 < len(marked) else None
    cue = _nearest_cue(doc, span, previous_end, next_open, para_start)
    called = _what_called(doc, span)
    if called is not None:  # "what he called 'poison pills'": his words, not a name
        cue = called
    elif partial:
        cue = _governing_cue(doc, span, cue)
    # "According to NOAA, the risk is 'well above normal'": words in marks inside a reported
    # clause are the reported speaker's, whatever verb governs them
    holder = next((r for r in reports.holding(span.start) if r.speaker), None)
    if cue is None and holder is None and _crosshead(doc, span, para_start):
        return None
    if cue is None and holder is None and _thought(doc, span, previous_end, next_open, para_start):
        return None  # "'This cannot be right,' she thought": never said
    if called is None and (
        (partial and cue is None and holder is None)
        or _named_by_word_before(doc, span)
        or ((partial or cue is None) and _names_something(doc, span))
    ):
        return None
    words = speaker_words(cue) if cue is not None else None
    lemma = cue_lemma(cue) if cue is not None else None
    if holder is not None and (words is None or _under(cue, holder)):
        # "X said that Y was 'unacceptable'"; "X said the findings suggested that '...'":
        # a speech verb inside X's reported clause is part of what X said
        words, lemma = holder.speaker, holder.cue
    opens = _last_before(doc_text(doc), para_start, span.open_at) < 0
    return _Candidate(span.start, span.end, "direct", partial, lemma, words, paragraph, opens)


def _is_partial(doc: Doc, span: MarkedSpan, para_start: int) -> bool:
    """Whether the marked words sit inside the writer's sentence rather than standing alone."""
    text = doc_text(doc)
    last = _last_before(text, para_start, span.open_at)
    before = text[max(para_start, last - 1) : last + 1] if last >= 0 else ""  # never a long copy
    content = text[span.start : span.end]
    starts_alone = not before or before[-1] in OPENS_QUOTE
    if before and before[-1] in CLOSING_MARKS:  # '"A." "B."' but not '"disaster movie" "Title"'
        starts_alone = before[-2:-1] in tuple(SENTENCE_END + ",:;")
    if not starts_alone and content[:1].isupper():
        word = doc.char_span(last, last + 1, alignment_mode="expand")
        starts_alone = word is not None and is_cue(word[0], framing=True)
    if not starts_alone:
        return True
    line_end = text.find("\n", span.outer_end)
    after = text[span.outer_end : len(text) if line_end < 0 else line_end].lstrip()
    if not after or content.rstrip()[-1:] in SENTENCE_END + ",\u2014-" or after[0] in ".,;:?!)":
        return False
    return not _cue_follows(doc, span.outer_end)


def _crosshead(doc: Doc, span: MarkedSpan, para_start: int) -> bool:
    """A subheading set in quotes on its own line ("'A simple question'"): the marks hold the
    whole paragraph, a few words, and no sentence ends in them."""
    text = doc_text(doc)
    line_end = text.find("\n", span.outer_end)
    after = text[span.outer_end : len(text) if line_end < 0 else line_end].strip()
    content = text[span.start : span.end].rstrip(CLOSING_MARKS + " ")
    return (
        _last_before(text, para_start, span.open_at) < 0
        and not after
        and len(content.split()) <= CROSSHEAD_WORDS
        and content[-1:] not in SENTENCE_END
    )


def _last_before(text: str, start: int, pos: int) -> int:
    """The index of the last non-space character in ``text[start:pos]``, or -1."""
    index = pos - 1
    while index >= start and text[index].isspace():
        index -= 1
    return index if index >= start else -1


def _cue_follows(doc: Doc, pos: int) -> bool:
    """Whether a speech verb comes within a few words after ``pos`` ("'...' says union")."""
    first = bisect_left(token_starts(doc), pos)
    for token in doc[first : first + LOOKAHEAD_TOKENS]:
        if is_cue(token, framing=True):
            return True
        if token.pos_ == "VERB" or token.text in SENTENCE_END:
            return False
    return False


def _thought(
    doc: Doc, span: MarkedSpan, previous_end: int | None, next_open: int | None, para_start: int
) -> bool:
    """Whether a verb of thinking frames the span where a speech verb would."""
    return _nearest_cue(doc, span, previous_end, next_open, para_start, is_thought) is not None


def _nearest_cue(
    doc: Doc,
    span: MarkedSpan,
    previous_end: int | None,
    next_open: int | None,
    para_start: int,
    test: Callable[[Token], bool] = lambda token: is_cue(token, framing=True),
) -> Token | None:
    """The speech verb (or other verb ``test`` accepts) closest to the span within its
    sentence and paragraph, outside marks.

    The marked spans are in order and do not overlap, so the ones next to it bound the search.
    """
    text = doc_text(doc)
    para_end = text.find("\n", span.outer_end)
    para_end = len(text) if para_end < 0 else para_end
    low = max(para_start, previous_end or 0)
    high = min(para_end, len(text) if next_open is None else next_open)
    first = doc.char_span(span.open_at, span.open_at + 1, alignment_mode="expand")
    if first is not None:
        low = max(low, first[0].sent.start_char)
    last = doc.char_span(max(span.outer_end - 1, 0), span.outer_end, alignment_mode="expand")
    if last is not None:
        sent = last[-1].sent
        end = sent.end_char
        following = doc[sent.end] if sent.end < len(doc) else None
        if following is not None and following.is_lower and following.idx <= high:
            end = following.sent.end_char  # '"Why?" he asked.' split after the question mark
        elif following is not None and following.idx <= high and _asks(doc_text(doc), span):
            # '"Why?" Senator Hale asked.': the parser starts a sentence at the name; the
            # attribution is the next few words
            reach = doc[min(following.i + ATTRIBUTION_TOKENS, following.sent.end) - 1]
            end = reach.idx + len(reach.text)
        high = min(high, end)
    window = doc.char_span(low, max(low, high), alignment_mode="expand") if high > low else None
    best: tuple[int, Token] | None = None
    for token in window or ():
        if not low <= token.idx < high or span.open_at <= token.idx < span.outer_end:
            continue
        if not test(token):
            continue
        distance = span.open_at - token.idx if token.idx < span.open_at else token.idx - span.end
        if best is None or distance < best[0]:
            best = (distance, token)
    return best[1] if best else None


def _asks(text: str, span: MarkedSpan) -> bool:
    """A closed quotation ending in a question or exclamation mark."""
    return span.closed and text[span.start : span.end].rstrip()[-1:] in "?!"


def _governing_cue(doc: Doc, span: MarkedSpan, nearest: Token | None) -> Token | None:
    """For words in marks inside a sentence, the speech verb that governs them, if any."""
    inside = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inside is None:
        return None
    for token in inside:
        for ancestor in token.ancestors:
            outside = ancestor.idx < span.open_at or ancestor.idx >= span.outer_end
            if outside and is_cue(ancestor, framing=True) and ancestor.dep_ != "acl":
                return ancestor
    return nearest if nearest is not None and nearest.idx < span.open_at else None


def _under(cue: Token | None, report: Report) -> bool:
    """Whether ``cue`` is a verb inside ``report``'s clause, below the report's own verb."""
    if cue is None or cue.i == report.cue_token.i or not report.start <= cue.idx < report.end:
        return False
    return any(a.i == report.cue_token.i for a in cue.ancestors)


def _what_called(doc: Doc, span: MarkedSpan) -> Token | None:
    """The verb of "what X called / calls / has called 'Y'": X's words, with X the speaker.

    The writer attributes the marked words to X, so they are a quotation whatever they look
    like; a passive ("what has been called") names no one and is left to the name rules.
    """
    inside = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inside is None or not len(inside):
        return None
    verb = inside.root.head
    if verb.lemma_.lower() != "call" or span.open_at <= verb.idx < span.outer_end:
        return None
    children = list(verb.children)
    what = any(c.lower_ == "what" and c.i < verb.i for c in children)
    subject = any(c.dep_ == "nsubj" and c.lower_ != "what" for c in children)
    return verb if what and subject else None


def _named_by_word_before(doc: Doc, span: MarkedSpan) -> bool:
    """ "so-called", "dubbed", "known as", "a militia named" right before the marks: a name,
    even when a speech verb elsewhere in the sentence would make the words a quotation."""
    before = doc_text(doc)[max(0, span.open_at - 40) : span.open_at].lower()
    if NAMING_BEFORE.search(before):
        return True
    last = _word_before_marks(doc, span)
    if last is None or last.tag_ != "VBN" or last.dep_ not in ("acl", "relcl", "amod"):
        return False
    return last.lemma_.lower() == "call" or last.lemma_.lower() in NAMING  # "a scheme called"


def _word_before_marks(doc: Doc, span: MarkedSpan) -> Token | None:
    """The token right before the opening mark, or None at the start of the doc."""
    mark = doc.char_span(span.open_at, span.open_at + 1, alignment_mode="expand")
    if mark is None or not len(mark) or mark[0].i == 0:
        return None
    return doc[mark[0].i - 1]


def _names_something(doc: Doc, span: MarkedSpan) -> bool:
    """Titles and nicknames in the writer's sentence: capitalised names, or naming verbs above.

    (Naming words right before the marks, "so-called", "dubbed", "known as", "a group called",
    are checked for every span by ``_named_by_word_before``.) "call him/it/the shift" introduces
    a name when what follows is a bare name ("the wall", "the graveyard") rather than a verdict
    ("a disgrace", "disgraceful", "the worst decision", "the end of an era").
    """
    text = doc_text(doc)
    content = text[span.start : span.end]
    words = re.findall(r"[A-Za-z][\w'-]*", content)
    capitalised = all(w[0].isupper() or w in SMALL_WORDS for w in words)
    # American style sets the sentence's period or comma inside the closing mark
    # ('watched "The Long Harbour."'): a title of two words or more all the same
    ends_title = content[-1:] not in SENTENCE_END or (len(words) > 1 and content[-1:] in ".,")
    if words and capitalised and words[0][0].isupper() and ends_title:
        return True
    inside = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inside is None:
        return False
    if any(
        a.lemma_.lower() in NAMING and not span.open_at <= a.idx < span.outer_end
        for a in inside.root.ancestors
    ):
        return True
    called = _word_before_marks(doc, span)
    if called is None:
        return False
    # "call him/it/the night shift 'the graveyard'": the words right after the called one
    for _ in range(4):  # up from "ward" in "called the night shift on Elm ward"
        if called.pos_ in ("VERB", "AUX") or called.dep_ not in NOUN_PHRASE_DEPS:
            break
        called = called.head
    return called.lemma_.lower() == "call" and _bare_name(inside, words)


def _bare_name(inside: Span, words: list[str]) -> bool:
    """A short noun phrase without a verdict in it: "the wall", not "a disgrace" or "useless"."""
    if not words or len(words) > 4 or words[0].lower() in ("a", "an"):
        return False
    return not any(t.pos_ in ("ADJ", "VERB", "AUX", "ADV") for t in inside)


def _quoted_share(report: Report, outer: list[tuple[int, int]], starts: list[int]) -> float:
    """How much of the report lies in ``outer`` (in order, not overlapping; ``starts``)."""
    size = report.end - report.start
    covered = 0
    index = max(0, bisect_right(starts, report.start) - 1)
    while index < len(outer) and outer[index][0] < report.end:
        a, b = outer[index]
        covered += max(0, min(b, report.end) - max(a, report.start))
        index += 1
    return covered / size if size else 0.0


def _inherited(index: int, candidates: list[_Candidate], resolver: SpeakerResolver) -> Speaker:
    """A speaker for a quotation whose sentence names none: its neighbours' in the paragraph.

    Only this paragraph and the one before are looked at, so the walk stays short.
    """
    candidate = candidates[index]
    earlier = None  # the latest earlier quotation with a named speaker
    back = index - 1
    while back >= 0 and candidates[back].paragraph >= candidate.paragraph - 1:
        before = candidates[back]
        if before.start < candidate.start and before.speaker and before.speaker.name:
            earlier = before
            break
        back -= 1
    if earlier is not None and earlier.paragraph == candidate.paragraph:
        return earlier.speaker
    ahead = index + 1
    while ahead < len(candidates) and candidates[ahead].paragraph == candidate.paragraph:
        later = candidates[ahead]
        if later.start > candidate.start and later.words is not None:
            if (
                candidate.opens_paragraph
                and earlier is not None
                and _narrative_between(resolver.doc, candidate, later)
            ):
                break  # the writer's own sentences come first: the speaker before goes on
            return resolver.resolve(later.words)
        ahead += 1
    if candidate.opens_paragraph and earlier is not None:
        return earlier.speaker  # the speaker of the paragraph before goes on
    return Speaker(None, None, None, None)


def _narrative_between(doc: Doc, first: _Candidate, later: _Candidate) -> bool:
    """Whether a sentence of the writer's lies between two quotations of a paragraph
    ('"A." Mr Clarke's plan goes to the Lords. X said ...' but not '"A." "B," X said.')."""
    text = doc_text(doc)
    between = text[max(first.start, first.end - 1) : later.start]  # from its last stop
    return re.search(r"[.?!]\W*\s+\W*[A-Z][^\n]*[.?!]", between) is not None


def _record(candidate: _Candidate) -> Quote:
    speaker = candidate.speaker or Speaker(None, None, None, None)
    words = speaker.words
    return Quote(
        start=candidate.start,
        end=candidate.end,
        kind=candidate.kind,
        speaker=speaker.name,
        speaker_text=words.text if words is not None else None,
        speaker_start=words.start_char if words is not None else None,
        speaker_end=words.end_char if words is not None else None,
        cue=candidate.cue,
        partial=candidate.partial,
        group=speaker.group,
    )
