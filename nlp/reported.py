"""Reported speech: the clause a speech verb reports, and "according to" attributions.

The content is the verb's clausal complement without its "that". Trims keep the writer's words
out: a trailing non-restrictive relative clause (", whom he accused of ..."), a trailing
", as/while ..." clause of circumstance, and a second verb phrase of the speaker's own that the
parser coordinated into the clause ("said A and urged B", "said she would resign and left").
When the reported clause is itself a speech verb with its own clause and the same speaker
("revealed he had told the meeting that X"), X is what was said; with another subject ("said the
findings suggested that X") the whole clause is, under the outer verb. An attribution in the
middle of its clause ("The plan, she points out, was never costed"; "The deal, according to
officials, could be signed") reports the clause on both sides of it, the attribution included,
since a quotation is one stretch of text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.cues import CLAIMS, OCCASIONS, cue_lemma, is_cue, reports_clause
from nlp.datelines import DATELINE
from nlp.paragraphs import doc_text, inside_spans, merged_spans, on_line_of, same_paragraph
from nlp.speakers import phrase_of, speaker_words, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Trailing clauses of circumstance that are the writer's, not the speaker's.
WRITER_MARKS = frozenset({"as", "while", "whereas"})
WRITER_PREPS = frozenset({"amid"})
MIN_WORDS = 3
# Modals that with "have" make a speech verb a counterfactual ("could have explained").
COUNTERFACTUAL = frozenset({"could", "would", "might", "should"})
# Words opening an embedded question, which reports a topic, not what was said.
QUESTION_WORDS = frozenset({"why", "how", "whether"})
# Speech verbs that report a claim only through "that" ("reminded his audience that ...").
NEEDS_THAT = frozenset({"remind", "tout"})
# Punctuation stripped from both ends of a clause; at its end a conjunction goes too.
EDGE = frozenset({",", ".", ";", ":", "--", "-", "\u2014", "\u2013"})
CONJUNCTIONS = frozenset({"and", "or", "but", "nor", "yet", "&"})
# Punctuation that may end a clause: closing marks and brackets, and sentence ends kept in marks.
KEPT_PUNCT = frozenset("\"'\u201d\u2019\u201c\u2018)]?!\u2026")


@dataclass
class Report:
    """One reported clause with the words naming its speaker."""

    start: int
    end: int
    cue: str
    speaker: Span | None
    cue_token: Token


def find_reports(doc: Doc, inside_quotes: list[tuple[int, int]]) -> list[Report]:
    """Reported clauses of ``doc`` outside quotation marks, in text order, without repeats."""
    reports: dict[tuple[int, int], Report] = {}
    used: set[int] = set()  # inner speech verbs already reported through their outer verb

    covered = merged_spans(inside_quotes)
    covered_starts = [start for start, _ in covered]

    def quoted(token: Token) -> bool:
        return inside_spans(covered, covered_starts, token.idx)

    for token in doc:
        if token.i in used or quoted(token):
            continue
        if token.lower_ == "according":
            report = _according_to(token)
        elif is_cue(token):
            report = _reported_clause(token, used)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in CLAIMS:
            report = _claim(token)
        else:
            report = None
        if report is not None:
            reports.setdefault((report.start, report.end), report)
    return _without_overlaps(sorted(reports.values(), key=lambda r: r.cue == "according to"))


def _without_overlaps(reports: list[Report]) -> list[Report]:
    """One report per stretch of text; ``reports`` come best first (verbs before "according").

    The kept ones are held in text order, so only those starting within the longest report's
    length before a new one can overlap it.
    """
    kept: list[Report] = []
    starts: list[int] = []
    longest = 0
    for report in reports:
        size = report.end - report.start
        index = bisect_left(starts, report.end)
        clash = False
        while index > 0 and starts[index - 1] >= report.start - longest:
            index -= 1
            k = kept[index]
            overlap = min(k.end, report.end) - max(k.start, report.start)
            if overlap >= 0.5 * min(size, k.end - k.start):
                clash = True
                break
        if not clash:
            at = bisect_right(starts, report.start)
            kept.insert(at, report)
            starts.insert(at, report.start)
            longest = max(longest, size)
    return kept


def _reported_clause(cue: Token, used: set[int]) -> Report | None:
    clause = _complement(cue)
    subject = subject_of(cue)
    speaker = speaker_words(cue)
    if clause is None:
        if any(c.dep_ == "dobj" for c in cue.children):
            return None  # "as users reported the outage", "a report noting an uptick": a thing
        return (
            _parenthetical(cue, speaker)
            or _as_attribution(cue, speaker)
            or _fronted_clause(cue, speaker)
        )
    if not reports_clause(cue, subject) or _unsaid(cue, clause):
        return None
    lemma = cue_lemma(cue)
    while is_cue(clause) and (inner := _complement(clause)) is not None:
        used.add(clause.i)  # reported through the outer verb either way
        inner_subject = subject_of(clause)
        if not _same_speaker(inner_subject, subject) or not reports_clause(clause, inner_subject):
            break  # "said the findings suggested that ...": the whole clause was said
        if any(c.dep_ == "auxpass" for c in clause.children):
            break  # "said he had been told that ...": someone else told him
        lemma, clause = cue_lemma(clause), inner
    tokens = _trimmed(clause)
    inside = speaker is not None and tokens and speaker.start > tokens[0].i
    if inside and not _straddles(clause, cue, speaker):
        tokens = _strip_edges([t for t in tokens if t.i < speaker.start])
    tokens = _with_stray_subject(cue, clause, speaker, tokens)
    tokens = _after_dateline(tokens)
    if not _is_clause(tokens):
        return _fronted_clause(cue, speaker)
    return Report(tokens[0].idx, _end(tokens[-1]), lemma, speaker, cue)


def _unsaid(cue: Token, clause: Token) -> bool:
    """Speech that was not made: a counterfactual ("who could have explained that ..."), an
    embedded question ("explains why ...", "showed how ..."), which names a topic, not a claim,
    or a verb that reports only through "that" used without it."""
    auxiliaries = {c.lower_ for c in cue.children if c.dep_ == "aux"}
    if auxiliaries & COUNTERFACTUAL and "have" in auxiliaries:
        return True
    if cue_lemma(cue) in NEEDS_THAT and not _has_that(clause):
        return True  # "reminded the crowd ... of the firepower": no claim reported
    return clause.left_edge.lower_ in QUESTION_WORDS


def _has_that(clause: Token) -> bool:
    """Whether the clause opens with "that", wherever the parser hung the word."""
    marks = (c for c in clause.children if c.dep_ == "mark")
    return clause.left_edge.lower_ == "that" or any(c.lower_ == "that" for c in marks)


def _with_stray_subject(
    cue: Token, clause: Token, speaker: Span | None, tokens: list[Token]
) -> list[Token]:
    """ "The review, the solicitor pointed out, was never shared": the parser gave the speech
    verb two subjects and the clause none; the first subject is the clause's, so the report
    starts there."""
    if speaker is None or not tokens or clause.i < cue.i:
        return tokens
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return tokens
    stray = [
        c
        for c in cue.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < speaker.start and same_paragraph(c, cue)
    ]
    if not stray or not any(t.text == "," for t in cue.doc[stray[0].i : speaker.start]):
        return tokens
    start = stray[0].left_edge.i
    return _strip_edges(list(cue.doc[start : tokens[-1].i + 1]))


def _same_speaker(inner: Token | None, outer: Token | None) -> bool:
    """Whether a speech verb inside the clause has the outer verb's speaker as its subject.

    "revealed he had told the meeting that X": "he" can be the one who revealed. A noun ("the
    findings", "the Kremlin") or a pronoun of the other number ("they" for "the minister") is
    someone else, whose words the outer speaker reports.
    """
    if inner is None:
        return True
    if inner.pos_ != "PRON":
        return False
    lowered = inner.lower_
    if lowered in ("i", "you", "me"):
        return False
    if outer is None or outer.pos_ == "PRON":
        return True
    plural = outer.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in outer.children)
    return plural == (lowered in ("they", "we"))


def _as_attribution(cue: Token, speaker: Span | None) -> Report | None:
    """ "As the minister pointed out, X." and "X, as Mr Smith noted.": X is what was said."""
    head = cue.head
    marks = [c for c in cue.children if c.dep_ == "mark" and c.lower_ == "as"]
    if cue.dep_ != "advcl" or not marks or speaker is None or not same_paragraph(head, cue):
        return None
    doc = cue.doc
    if cue.i < head.i:
        tokens = list(doc[cue.right_edge.i + 1 : head.right_edge.i + 1])
    else:
        tokens = list(doc[head.left_edge.i : cue.left_edge.i])
    tokens = _after_dateline(_strip_edges(on_line_of(tokens, cue)))
    if not _is_clause(tokens):
        return None
    return Report(tokens[0].idx, _end(tokens[-1]), cue_lemma(cue), speaker, cue)


def _straddles(clause: Token, cue: Token, speaker: Span) -> bool:
    """ "Prices, the minister said, would rise": the clause goes on after the attribution."""
    return clause.left_edge.i < speaker.start and clause.right_edge.i > max(cue.i, speaker.end)


def _parenthetical(cue: Token, speaker: Span | None) -> Report | None:
    """ "The plan, she points out, was never costed": the verb sits inside what was said.

    The parser hangs such a verb on the reported clause's own verb (parataxis); the whole clause
    around it is the report.
    """
    head = cue.head
    if cue.dep_ != "parataxis" or head.i < cue.i or speaker is None:
        return None
    if not same_paragraph(head, cue) or head.left_edge.i >= speaker.start:
        return None
    tokens = _strip_edges(on_line_of(list(cue.doc[head.left_edge.i : head.right_edge.i + 1]), cue))
    tokens = _after_dateline(tokens)
    if not _is_clause([t for t in tokens if t.i > cue.i]):
        return None
    return Report(tokens[0].idx, _end(tokens[-1]), cue_lemma(cue), speaker, cue)


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


def _claim(noun: Token) -> Report | None:
    """ "The minister's claim that the tax was fair": a noun of speech with its speaker as the
    possessor and a "that" clause is reported speech."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next(
        (c for c in noun.children if c.dep_ in ("acl", "ccomp") and _opens_with_that(c)), None
    )
    if owner is None or clause is None or not same_paragraph(owner, clause):
        return None
    tokens = _trimmed(clause)
    if not _is_clause(tokens):
        return None
    speaker = phrase_of(owner)
    if len(speaker) > 1 and speaker[-1].dep_ == "case":
        speaker = speaker[:-1]
    return Report(tokens[0].idx, _end(tokens[-1]), noun.lemma_.lower(), speaker, noun)


def _complement(verb: Token) -> Token | None:
    """The verb's clausal complement in its own paragraph (a headline may be glued on).

    "told the paper in an interview that ...": the parser may hang the clause on the noun of
    the occasion; a "that" clause there is still what was told.
    """
    for child in verb.children:
        if child.dep_ == "ccomp" and same_paragraph(child, verb):
            return child
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for occasion in prep.children:
            if occasion.dep_ != "pobj" or occasion.lemma_.lower() not in OCCASIONS:
                continue
            for clause in occasion.children:
                if clause.dep_ in ("acl", "relcl") and _opens_with_that(clause):
                    return clause if same_paragraph(clause, verb) else None
    return None


def _opens_with_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


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
    elif side is after and any(t.head.i == token.head.i for t in _strip_edges(before)):
        # "The deal, according to officials, could be signed": the subject is on the left
        side = _strip_edges(before) + list(token.subtree) + after
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
    """End the clause where a second verb phrase of the speaker's own begins.

    "said crews had been called in and warned that ...", "said the plan was flawed and urged
    ministers to think again", "said she would resign and left the room": a verb coordinated into
    the clause without a subject of its own, in the speech verb's own form (both simple past),
    is the speaker's when it is a speech verb too, or when the clause's verb hangs on a modal it
    cannot share ("would left"). After "had" the tagger cannot tell "raised" the participle from
    "raised" the past tense, so "had emailed X and raised Y" stays whole.
    """
    cue = clause.head
    backshifted = any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
    for verb in clause.children:
        if verb.dep_ == "conj" and verb.i > clause.i and _speakers_verb(verb, cue, backshifted):
            cut = [c.i for c in clause.children if c.dep_ == "cc" and c.i < verb.i]
            return _strip_edges([t for t in tokens if t.i < min([*cut, verb.i])])
    return tokens


def _speakers_verb(verb: Token, cue: Token, backshifted: bool) -> bool:
    if is_cue(verb) and _complement(verb) is not None:
        return True
    if any(c.dep_.startswith("nsubj") or c.dep_ in ("aux", "mark") for c in verb.children):
        return False
    if verb.tag_ != cue.tag_ or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    return is_cue(verb, framing=True) or backshifted


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
    if token.dep_ == "advcl" and token.tag_ == "VBG" and is_cue(token, framing=True):
        return True  # ", calling the market 'crazy'": the speaker's act, not their words
    if token.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in WRITER_MARKS for c in token.children)
    return token.dep_ == "prep" and token.lower_ in WRITER_PREPS


def _strip_edges(tokens: list[Token]) -> list[Token]:
    """Drop commas, dashes and full stops at either end; quotation marks and brackets stay.

    At the end a conjunction goes too, with any punctuation before it: a clause cut where the
    speaker's second verb begins ("said sales had slowed and warned ...") can keep its "and".
    """
    while tokens and tokens[0].text in EDGE:
        tokens = tokens[1:]
    while tokens and (_dangling(tokens[-1]) or tokens[-1].text in EDGE):
        tokens = tokens[:-1]
    return tokens


def _dangling(token: Token) -> bool:
    """A last token that cannot end what was said: a conjunction, or punctuation that neither
    closes a quotation or bracket nor ends a sentence."""
    if token.pos_ == "CCONJ" or (token.dep_ == "cc" and token.lower_ in CONJUNCTIONS):
        return True
    return token.is_punct and not any(c in KEPT_PUNCT for c in token.text)


def _is_clause(tokens: list[Token]) -> bool:
    words = [t for t in tokens if not t.is_punct]
    return len(words) >= MIN_WORDS and any(t.pos_ in ("VERB", "AUX") for t in words)


def _end(token: Token) -> int:
    return token.idx + len(token.text)
