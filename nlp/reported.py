"""Reported speech: the clause a speech verb reports, and "according to" attributions.

The content is the verb's clausal complement without its "that". Two trims keep the writer's words
out: a trailing non-restrictive relative clause (", whom he accused of ...") and a trailing
", as/while ..." clause of circumstance. When the reported clause is itself a speech verb with its
own clause ("revealed he had told the meeting that X"), X is what was said.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.cues import WEAK, can_speak, cue_lemma, is_cue
from nlp.paragraphs import doc_text, on_line_of, same_paragraph
from nlp.speakers import phrase_of, subject_of, words_near

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Trailing clauses of circumstance that are the writer's, not the speaker's.
WRITER_MARKS = frozenset({"as", "while", "whereas"})
WRITER_PREPS = frozenset({"amid"})
MIN_WORDS = 3
# "MOSCOW, Nov. 15 (UPI) --", "BRIDGEPORT, Conn. (AP) \u2014": capitals, place, agency, dash
DATELINE = re.compile(
    r"[A-Z][A-Z .'-]+\b(?:,[^\n\u2014\u2013]{0,60}?)?(?:\([^)\n]{1,40}\))?"
    r"\s*(?:--|-|\u2014|\u2013)\s+"
)


@dataclass
class Report:
    """One reported clause with the words naming its speaker."""

    start: int
    end: int
    cue: str
    speaker: Span | None
    cue_token: Token


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping (nested) spans joined, in order, so one bisect answers "is this inside?"."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def find_reports(doc: Doc, inside_quotes: list[tuple[int, int]]) -> list[Report]:
    """Reported clauses of ``doc`` outside quotation marks, in text order, without repeats."""
    reports: dict[tuple[int, int], Report] = {}
    used: set[int] = set()  # inner speech verbs already reported through their outer verb

    covered = _merged(inside_quotes)
    covered_starts = [start for start, _ in covered]

    def quoted(token: Token) -> bool:
        index = bisect_right(covered_starts, token.idx) - 1
        return index >= 0 and token.idx < covered[index][1]

    for token in doc:
        if token.i in used or quoted(token):
            continue
        if token.lower_ == "according":
            report = _according_to(token)
        elif is_cue(token):
            report = _reported_clause(token, used)
        else:
            report = None
        if report is not None:
            reports.setdefault((report.start, report.end), report)
    return _without_overlaps(sorted(reports.values(), key=lambda r: r.cue == "according to"))


def _without_overlaps(reports: list[Report]) -> list[Report]:
    """One report per stretch of text; ``reports`` come best first (verbs before "according")."""
    kept: list[Report] = []
    for report in reports:
        size = report.end - report.start
        if all(
            min(k.end, report.end) - max(k.start, report.start) < 0.5 * min(size, k.end - k.start)
            for k in kept
        ):
            kept.append(report)
    return sorted(kept, key=lambda r: r.start)


def _reported_clause(cue: Token, used: set[int]) -> Report | None:
    clause = _complement(cue)
    subject = subject_of(cue)
    speaker = phrase_of(subject) if subject is not None else words_near(cue)
    if clause is None:
        return _fronted_clause(cue, speaker)
    if cue.lemma_.lower() in WEAK and (subject is None or not can_speak(subject)):
        return None
    lemma = cue_lemma(cue)
    while is_cue(clause) and (inner := _complement(clause)) is not None:
        used.add(clause.i)
        inner_subject = subject_of(clause)
        if inner_subject is not None and inner_subject.pos_ != "PRON":
            speaker = phrase_of(inner_subject)
        lemma, clause = cue_lemma(clause), inner
    tokens = _trimmed(clause)
    if speaker is not None and tokens and speaker.start > tokens[0].i:
        tokens = [t for t in tokens if t.i < speaker.start]
        tokens = _strip_edges(tokens)
    tokens = _after_dateline(tokens)
    if not _is_clause(tokens):
        return _fronted_clause(cue, speaker)
    return Report(tokens[0].idx, _end(tokens[-1]), lemma, speaker, cue)


def _after_dateline(tokens: list[Token]) -> list[Token]:
    """Drop a wire dateline ("MOSCOW, Nov. 15 (UPI) --") that the parser put into the clause."""
    if not tokens:
        return tokens
    text = doc_text(tokens[0].doc)
    match = DATELINE.match(text, tokens[0].idx, _end(tokens[-1]))
    if match is None:
        return tokens
    return [t for t in tokens if t.idx >= match.end()]


def _fronted_clause(cue: Token, speaker: Span | None) -> Report | None:
    """ "X, his agent said." when the parser hung X on a headline glued to the paragraph.

    The words from the start of the sentence (on the cue's line) to the comma before the
    speaker are then the clause.
    """
    doc = cue.doc
    if speaker is None or speaker.start < 2 or doc[speaker.start - 1].text != ",":
        return None
    begin = speaker.start - 1
    while begin > 0 and same_paragraph(doc[begin - 1], cue) and doc[begin - 1].text not in ".?!":
        begin -= 1
    tokens = _after_dateline(_strip_edges(list(doc[begin : speaker.start - 1])))
    if not _is_clause(tokens) or any(is_cue(t) for t in tokens):
        return None
    return Report(tokens[0].idx, _end(tokens[-1]), cue_lemma(cue), speaker, cue)


def _complement(verb: Token) -> Token | None:
    """The verb's clausal complement in its own paragraph (a headline may be glued on)."""
    for child in verb.children:
        if child.dep_ == "ccomp" and same_paragraph(child, verb):
            return child
    return None


def _according_to(token: Token) -> Report | None:
    """ "X, according to Y." and "According to Y, X.": Y speaks, the rest of the sentence is X."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    sent = token.sent
    phrase = {t.i for t in token.subtree}
    before = on_line_of([t for t in sent if t.i < token.left_edge.i], token)
    after = on_line_of([t for t in sent if t.i > token.right_edge.i], token)
    # the side holding the verb "according to" modifies is the attributed clause
    side = before if token.head in before or not after else after
    if token.head not in side and len(before) > len(after):
        side = before
    tokens = _strip_edges(side)
    if not phrase or not _is_clause(tokens):
        return None
    return Report(tokens[0].idx, _end(tokens[-1]), "according to", phrase_of(source), token)


def _trimmed(clause: Token) -> list[Token]:
    """The clause's words without "that", edge punctuation, or trailing writer's clauses."""
    doc = clause.doc
    tokens = on_line_of(list(doc[clause.left_edge.i : clause.right_edge.i + 1]), clause)
    if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ == "that":
        tokens = tokens[1:]
    tokens = _strip_edges(_without_stray_conjunct(clause, tokens))
    tokens = _before_coordinated_cue(clause, tokens)
    if not tokens:
        return tokens
    last = tokens[-1].i
    for token in tokens:
        if token.right_edge.i < last or token.i == tokens[0].i:
            continue
        comma = doc[token.left_edge.i - 1]
        if comma.text != "," or comma.i <= tokens[0].i:
            continue
        if _writer_clause(token):
            tokens = _strip_edges([t for t in tokens if t.i < comma.i])
            break
    return tokens


def _without_stray_conjunct(clause: Token, tokens: list[Token]) -> list[Token]:
    """Cut a coordinated verb that cannot share the clause's subject.

    In "the EU and the US have said he has lost legitimacy but have ruled out intervention" the
    parser joins "have ruled out" to "lost"; "have" does not agree with "he", so it belongs to the
    speech verb, not to what was said.
    """
    number = _number(next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None))
    for verb in clause.children:
        if verb.dep_ != "conj" or any(c.dep_.startswith("nsubj") for c in verb.children):
            continue
        finite = [c for c in verb.children if c.dep_ == "aux"] + [verb]
        tags = {t.tag_ for t in finite} & {"VBZ", "VBP"}
        if number and tags and ({"singular": "VBP", "plural": "VBZ"}[number] in tags):
            cut = min(
                [c.i for c in clause.children if c.dep_ == "cc" and c.i < verb.i]
                + [verb.left_edge.i]
            )
            return [t for t in tokens if t.i < cut]
    return tokens


def _before_coordinated_cue(clause: Token, tokens: list[Token]) -> list[Token]:
    """ "said crews had been called in and warned that ...": the second verb is the speaker's."""
    for verb in clause.children:
        if verb.dep_ == "conj" and is_cue(verb) and _complement(verb) is not None:
            cut = min([c.i for c in clause.children if c.dep_ == "cc" and c.i < verb.i] + [verb.i])
            return _strip_edges([t for t in tokens if t.i < cut])
    return tokens


def _number(subject: Token | None) -> str | None:
    """ "singular" or "plural" for a third-person subject, None when it cannot tell."""
    if subject is None:
        return None
    if subject.lower_ in ("he", "she", "it") or subject.tag_ in ("NN", "NNP"):
        has_conj = any(c.dep_ == "conj" for c in subject.children)
        return "plural" if has_conj else "singular"
    if subject.lower_ == "they" or subject.tag_ in ("NNS", "NNPS"):
        return "plural"
    return None


def _writer_clause(token: Token) -> bool:
    if token.dep_ == "relcl":
        return True
    if token.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in WRITER_MARKS for c in token.children)
    return token.dep_ == "prep" and token.lower_ in WRITER_PREPS


def _strip_edges(tokens: list[Token]) -> list[Token]:
    """Drop commas, dashes and full stops at either end; quotation marks stay."""
    edge = {",", ".", ";", ":", "--", "-", "\u2014", "\u2013"}
    while tokens and tokens[0].text in edge:
        tokens = tokens[1:]
    while tokens and tokens[-1].text in edge:
        tokens = tokens[:-1]
    return tokens


def _is_clause(tokens: list[Token]) -> bool:
    words = [t for t in tokens if not t.is_punct]
    return len(words) >= MIN_WORDS and any(t.pos_ in ("VERB", "AUX") for t in words)


def _end(token: Token) -> int:
    return token.idx + len(token.text)
