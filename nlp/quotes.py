"""Quotations of one article: direct ones in marks, reported ones after a speech verb.

A span in marks is a quotation when someone is said to have said it: a speech verb near it (in its
sentence, or the clause straight after the closing mark), or, for a full sentence in marks with
no verb of its own, the speaker of the quotation before it in the paragraph, or in the paragraph
before when it opens its paragraph (the news convention for a speaker who goes on talking). Words
in marks inside the writer's own sentence are a partial quotation only when a speech verb governs
them; otherwise they are a title, a nickname or scare quotes.
A reported clause that is mostly in marks is left to the direct quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.cues import cue_lemma, is_cue
from nlp.paragraphs import doc_text
from nlp.quote_marks import MarkedSpan, find_marked_spans
from nlp.records import Entity, EntityGroup, Quote
from nlp.reported import Report, find_reports
from nlp.speakers import Speaker, SpeakerResolver, phrase_of, subject_of, words_near

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PARAGRAPH = re.compile(r"[^\n]+")
SENTENCE_END = ".?!\u2026"
OPENS_QUOTE = ".:;!?,\u2014\u2013-("
CLOSING_MARKS = "\"'\u201d\u2019"
# Verbs and words that make marked words a name rather than a quotation.
NAMING = frozenset({"dub", "nickname", "name", "title", "entitle", "christen"})
MOSTLY_QUOTED = 0.5
LOOKAHEAD_TOKENS = 8


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
    marked = find_marked_spans(text)
    outer = [(m.open_at, m.outer_end) for m in marked]
    reports = find_reports(doc, outer)
    # names inside what someone said are not sentence subjects a pronoun can point back to
    said = outer + [(r.start, r.end) for r in reports]
    resolver = SpeakerResolver(doc, entities, groups, said, starts)
    candidates = [
        c for m in marked if (c := _direct(doc, m, marked, reports, resolver)) is not None
    ]
    full = [(m.open_at, m.outer_end) for m in marked if _whole(m, candidates)]
    candidates += [
        _Candidate(r.start, r.end, "indirect", False, r.cue, r.speaker, resolver.paragraph(r.start))
        for r in reports
        if _quoted_share(r, full) < MOSTLY_QUOTED
    ]
    candidates.sort(key=lambda c: (c.start, c.kind))
    for candidate in candidates:
        if candidate.words is not None:
            candidate.speaker = resolver.resolve(candidate.words)
        else:
            candidate.speaker = _inherited(candidate, candidates, resolver)
    return [_record(c) for c in candidates]


def _direct(
    doc: Doc,
    span: MarkedSpan,
    marked: list[MarkedSpan],
    reports: list[Report],
    resolver: SpeakerResolver,
) -> _Candidate | None:
    if not doc_text(doc)[span.start : span.end].strip():
        return None
    paragraph = resolver.paragraph(span.open_at)
    para_start = resolver.paragraph_starts[paragraph]
    partial = _is_partial(doc, span, para_start)
    cue = _nearest_cue(doc, span, marked, para_start)
    if partial:
        cue = _governing_cue(doc, span, cue)
    if (partial and cue is None) or ((partial or cue is None) and _names_something(doc, span)):
        return None
    words = _speaker_words(cue) if cue is not None else None
    lemma = cue_lemma(cue) if cue is not None else None
    for report in reports:  # "X said that Y was 'unacceptable'": the report names the speaker
        if words is None and report.start <= span.start < report.end and report.speaker:
            words, lemma = report.speaker, report.cue
    opens = not doc_text(doc)[para_start : span.open_at].strip()
    return _Candidate(span.start, span.end, "direct", partial, lemma, words, paragraph, opens)


def _speaker_words(cue: Token) -> Span | None:
    subject = subject_of(cue)
    return phrase_of(subject) if subject is not None else words_near(cue)


def _is_partial(doc: Doc, span: MarkedSpan, para_start: int) -> bool:
    """Whether the marked words sit inside the writer's sentence rather than standing alone."""
    text = doc_text(doc)
    before = text[para_start : span.open_at].rstrip()
    content = text[span.start : span.end]
    starts_alone = not before or before[-1] in OPENS_QUOTE
    if before and before[-1] in CLOSING_MARKS:  # '"A." "B."' but not '"disaster movie" "Title"'
        starts_alone = before[-2:-1] in tuple(SENTENCE_END + ",:;")
    if not starts_alone and content[:1].isupper():
        end = para_start + len(before)
        last = doc.char_span(end - 1, end, alignment_mode="expand")
        starts_alone = last is not None and is_cue(last[0], framing=True)
    if not starts_alone:
        return True
    after = text[span.outer_end :].split("\n", 1)[0].lstrip()
    if not after or content.rstrip()[-1:] in SENTENCE_END + ",\u2014-" or after[0] in ".,;:?!)":
        return False
    return not _cue_follows(doc, span.outer_end)


def _cue_follows(doc: Doc, pos: int) -> bool:
    """Whether a speech verb comes within a few words after ``pos`` ("'...' says union")."""
    following = [t for t in doc if t.idx >= pos][:LOOKAHEAD_TOKENS]
    for token in following:
        if is_cue(token, framing=True):
            return True
        if token.pos_ == "VERB" or token.text in SENTENCE_END:
            return False
    return False


def _nearest_cue(
    doc: Doc, span: MarkedSpan, marked: list[MarkedSpan], para_start: int
) -> Token | None:
    """The speech verb closest to the span within its sentence and paragraph, outside marks."""
    text = doc_text(doc)
    para_end = text.find("\n", span.outer_end)
    para_end = len(text) if para_end < 0 else para_end
    low = max([para_start] + [m.outer_end for m in marked if m.outer_end <= span.open_at])
    high = min([para_end] + [m.open_at for m in marked if m.open_at >= span.outer_end])
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
        high = min(high, end)
    inside = [(m.open_at, m.outer_end) for m in marked if m.open_at < high and m.outer_end > low]
    window = doc.char_span(low, max(low, high), alignment_mode="expand") if high > low else None
    best: tuple[int, Token] | None = None
    for token in window or ():
        if not low <= token.idx < high or any(a <= token.idx < b for a, b in inside):
            continue
        if not is_cue(token, framing=True):
            continue
        distance = span.open_at - token.idx if token.idx < span.open_at else token.idx - span.end
        if best is None or distance < best[0]:
            best = (distance, token)
    return best[1] if best else None


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


def _names_something(doc: Doc, span: MarkedSpan) -> bool:
    """Titles, nicknames and so-called things: capitalised names, or naming verbs nearby."""
    content = doc_text(doc)[span.start : span.end]
    words = re.findall(r"[A-Za-z][\w'-]*", content)
    small = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with"}
    capitalised = all(w[0].isupper() or w in small for w in words)
    if words and capitalised and words[0][0].isupper() and content[-1:] not in SENTENCE_END:
        return True
    before = doc_text(doc)[max(0, span.open_at - 30) : span.open_at].lower()
    if re.search(r"so-called\s*$|known as\s*$|\bdubbed\s*$|\bnicknamed\s*$", before):
        return True
    inside = doc.char_span(span.start, span.end, alignment_mode="expand")
    return inside is not None and any(
        a.lemma_.lower() in NAMING and not span.open_at <= a.idx < span.outer_end
        for a in inside.root.ancestors
    )


def _whole(span: MarkedSpan, candidates: list[_Candidate]) -> bool:
    """Whether the marked span was taken as a quotation that stands alone (not partial)."""
    return any(c.start == span.start and not c.partial for c in candidates)


def _quoted_share(report: Report, outer: list[tuple[int, int]]) -> float:
    size = report.end - report.start
    covered = sum(max(0, min(b, report.end) - max(a, report.start)) for a, b in outer)
    return covered / size if size else 0.0


def _inherited(
    candidate: _Candidate, candidates: list[_Candidate], resolver: SpeakerResolver
) -> Speaker:
    """A speaker for a quotation whose sentence names none: its neighbours' in the paragraph."""
    earlier = [c for c in candidates if c.start < candidate.start and c.speaker and c.speaker.name]
    same = [c for c in earlier if c.paragraph == candidate.paragraph]
    if same:
        return same[-1].speaker
    later = [
        c
        for c in candidates
        if c.start > candidate.start and c.paragraph == candidate.paragraph and c.words is not None
    ]
    if later:
        return resolver.resolve(later[0].words)
    if candidate.opens_paragraph and earlier and earlier[-1].paragraph == candidate.paragraph - 1:
        return earlier[-1].speaker
    return Speaker(None, None, None, None)


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
