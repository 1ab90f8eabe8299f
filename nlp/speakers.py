"""Who is speaking: the words that name a speaker, and the name they stand for.

Finding the words is syntax: the subject of the speech verb, followed up through participles
("he was quoted ... as saying") and coordinated verbs. Naming them is a little coreference: a name
maps to its entity group; "he"/"she" to the most recent person who was a speaker or the subject
of a sentence; "it"/"they" to the most recent speaker or subject that is not a person; a role
("the SNC chairman") to the person the article describes with that role or body.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nlp.cues import ROLE_NOUNS, same_role
from nlp.names import TITLES, strip_titles
from nlp.paragraphs import doc_text, on_line_of, same_paragraph
from nlp.records import Entity, EntityGroup

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it", "they", "them"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Parts of a subject that describe rather than name it ("Ghalioun, head of ...", "who ...").
DESCRIPTIVE = frozenset({"appos", "relcl", "acl", "advcl", "punct", "preconj", "parataxis"})
CLIMB = frozenset({"xcomp", "advcl", "pcomp", "prep", "conj", "acl"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any"})
PARAGRAPH_REACH = 2
AGE = re.compile(r",\s*\d{1,3},")  # how many paragraphs back a pronoun looks for a subject


@dataclass
class Speaker:
    """A resolved speaker: canonical name, its group, and the words that named it."""

    name: str | None
    group: str | None
    label: str | None  # entity label of the group, "PERSON" for a resolved role, else None
    words: Span | None

    @property
    def start(self) -> int | None:
        return self.words.start_char if self.words is not None else None


def subject_of(cue: Token) -> Token | None:
    """The head of the speaker's phrase for a speech verb, or None when there is none.

    The climb stays in the cue's paragraph: across a line break the parse is not to be trusted.
    """
    token = cue
    for _ in range(4):
        subject = _own_subject(token)
        if subject is not None:
            return subject if same_paragraph(subject, cue) else None
        if token.head is token or not same_paragraph(token.head, cue):
            return None
        if token.dep_ == "ccomp" and token is not cue and cue.dep_ == "conj":
            token = token.head  # "said crews were called in and warned": the sayer warned
            continue
        if token.dep_ not in CLIMB:
            return None
        token = token.head
    return None


def _own_subject(token: Token) -> Token | None:
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if passive and token.lemma_ != "quote":  # "it was announced by X": the agent speaks
        for child in token.children:
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                return objects[0] if objects else None
        return None
    subjects = [c for c in token.children if c.dep_ in SUBJECTS and c.lower_ != "there"]
    # "Employers' group VWT called ...": two subjects; the one next to the verb is the name
    return min(subjects, key=lambda c: abs(c.i - token.i)) if subjects else None


def words_near(cue: Token) -> Span | None:
    """The noun phrase next to a speech verb the parser gave no subject.

    "..., a member of an opposition movement said." comes back with the phrase as an appositive
    inside the reported clause, and a headline glued to the next paragraph loses its subject
    ("'We cannot cut any deeper,' says council leader"). The words between the verb and the
    nearest comma, quotation mark or paragraph edge are then the speaker: before the verb, or
    after it when the verb follows a quotation.
    """
    doc = cue.doc
    begin = cue.i
    while begin > cue.sent.start and _joins(doc[begin - 1], cue):
        begin -= 1
    end = cue.i
    while end > begin and doc[end - 1].pos_ in ("ADV", "AUX", "PART"):
        end -= 1  # "also", "has", "would"
    if end > begin:
        return _noun_phrase(doc[begin:end])
    stop = cue.i + 1
    while stop < len(doc) and _joins(doc[stop], cue):
        stop += 1
    return _noun_phrase(doc[cue.i + 1 : stop])


def _joins(token: Token, cue: Token) -> bool:
    """Whether a phrase next to ``cue`` can extend over ``token`` ("Paris-based" can)."""
    if not same_paragraph(token, cue):
        return False
    inner_hyphen = token.text == "-" and not token.whitespace_ and token.i > 0
    return not token.is_punct or (inner_hyphen and not token.doc[token.i - 1].whitespace_)


def _noun_phrase(words: Span) -> Span | None:
    if not 0 < len(words) <= 8:
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") for t in words) or any(t.pos_ == "VERB" for t in words):
        return None
    return words


def phrase_of(head: Token) -> Span:
    """The words that name the speaker: the subject without appositives or relative clauses."""
    kept = {head.i}
    for child in head.children:
        if child.dep_ not in DESCRIPTIVE:
            kept.update(t.i for t in on_line_of(list(child.subtree), head))
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    doc = head.doc
    while end > start and doc[end].is_punct:
        end -= 1
    return doc[start : end + 1]


@dataclass
class _Mention:
    start: int
    label: str
    group: EntityGroup
    subject: bool
    paragraph: int


@dataclass
class SpeakerResolver:
    """Names speakers in reading order; ``history`` holds those named so far."""

    doc: Doc
    entities: list[Entity]
    groups: list[EntityGroup]
    quoted: list[tuple[int, int]]
    paragraph_starts: list[int]
    history: list[Speaker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {g.id: g for g in self.groups}
        self._named = sorted(
            (e.start, e.end, e.group or "") for e in self.entities if e.label in NAMED_LABELS
        )
        self._named_starts = [start for start, _, _ in self._named]
        self._mentions: list[_Mention] = []
        self._descriptions: dict[str, tuple[set[str], set[str], int]] = {}
        for entity in self.entities:
            group = self._by_id.get(entity.group or "")
            span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
            if group is None or span is None:
                continue
            head = span.root
            self._mentions.append(
                _Mention(
                    entity.start,
                    group.label,
                    group,
                    _is_subject(head) and not self._in_quote(entity.start),
                    self.paragraph(entity.start),
                )
            )
            if group.label == "PERSON":
                self._describe(group, span)

    def paragraph(self, pos: int) -> int:
        return bisect_right(self.paragraph_starts, pos) - 1

    def _in_quote(self, pos: int) -> bool:
        return any(start <= pos < end for start, end in self.quoted)

    def resolve(self, words: Span | None) -> Speaker:
        """The speaker that ``words`` name, remembered for later pronouns."""
        speaker = self._name(words) if words is not None else Speaker(None, None, None, None)
        if speaker.name is not None:
            self.history.append(speaker)
        return speaker

    def _name(self, words: Span) -> Speaker:
        head = words.root
        written = _written(words)
        if any(c.dep_ == "conj" for c in head.children):
            return Speaker(written, None, None, words)  # "the EU and the US"
        group = self._group_at(head)
        if group is not None and group.label == "NORP":
            # "The Portuguese said" is one person; "the Russians said" is a people
            label = "PERSON" if head.tag_ in ("NNP", "NN") and head.i > words.start else None
            return Speaker(written, group.id, label, words)
        if group is not None:
            return Speaker(group.name, group.id, group.label, words)
        lowered = head.lower_
        named = self._named_in_apposition(head) if head.pos_ == "NOUN" else None
        if named is not None:
            return Speaker(named.name, named.id, named.label, words)
        if head.pos_ == "PRON" and lowered in PERSON_PRONOUNS:
            found = self._antecedent(words.start_char, person=True, plural=None)
        elif head.pos_ == "PRON" and lowered in THING_PRONOUNS:
            found = self._antecedent(words.start_char, person=False, plural=lowered != "it")
        elif _definite_role(words):
            found = self._role(words)
        elif head.pos_ == "PROPN":
            found = self._body_named(head)
        else:
            found = None
        if found is not None:
            return Speaker(found.name, found.group, found.label, words)
        if head.pos_ == "PROPN":  # an untagged name: "Polly Nash of the campaign group"
            written = _name_run(head)
        return Speaker(written, None, "PERSON" if _looks_personal(words) else None, words)

    def _named_in_apposition(self, head: Token) -> EntityGroup | None:
        """ "Her Labour rival, Dominic Asante, told ...": the appositive's name is the speaker."""
        for child in head.children:
            if child.dep_ == "appos" and same_paragraph(child, head):
                group = self._group_at(child)
                if group is not None and group.label in ("PERSON", "ORG"):
                    return group
        return None

    def _group_at(self, head: Token) -> EntityGroup | None:
        """The group of the named entity holding ``head`` (entities do not overlap)."""
        index = bisect_right(self._named_starts, head.idx) - 1
        if index >= 0 and head.idx < self._named[index][1]:
            return self._by_id.get(self._named[index][2])
        return None

    def _antecedent(self, pos: int, person: bool, plural: bool | None) -> Speaker | None:
        """The latest earlier speaker or sentence subject of the wanted kind and number."""
        wanted = [
            s
            for s in self.history
            if s.start is not None
            and s.start < pos
            and (s.label == "PERSON") == person
            and (plural is None or _plural(s) == plural)
        ]
        best = max(wanted, key=lambda s: s.start or 0) if wanted else None
        here = self.paragraph(pos)
        for mention in reversed(self._mentions):
            if mention.start >= pos or not mention.subject:
                continue
            if here - mention.paragraph > PARAGRAPH_REACH:
                break
            if (mention.label == "PERSON") != person or plural:
                continue
            if best is None or (best.start or 0) < mention.start:
                group = mention.group
                best = Speaker(group.name, group.id, group.label, None)
            break
        if best is None and person:
            earlier = [m for m in self._mentions if m.start < pos and m.label == "PERSON"]
            earlier = [m for m in earlier if not self._in_quote(m.start)]
            if earlier:
                group = earlier[-1].group
                best = Speaker(group.name, group.id, group.label, None)
        return best

    def _describe(self, group: EntityGroup, span: Span) -> None:
        """Collect the words that describe a person: appositives, "who" clauses, titles."""
        words, bodies, first = self._descriptions.get(group.id, (set(), set(), span.start_char))
        head = span.root
        for child in head.children:
            if child.dep_ in ("appos", "relcl"):
                for token in child.subtree:
                    self._note(token, words, bodies)
        if head.dep_ == "appos":  # "the chairman, Burhan Ghalioun"
            for token in phrase_of(head.head):
                self._note(token, words, bodies)
        for token in span.doc[max(span.start - 3, 0) : span.start]:
            if token.head.i in range(span.start, span.end) or token.lower_ in TITLES:
                self._note(token, words, bodies)
        for token in span:
            if token.lower_.rstrip(".") in TITLES:
                words.add(token.lower_.rstrip("."))
        self._descriptions[group.id] = (words, bodies, min(first, span.start_char))

    def _note(self, token: Token, words: set[str], bodies: set[str]) -> None:
        if token.pos_ in CONTENT_POS:
            words.add(token.lemma_.lower())
        group = self._group_at(token)
        if group is not None and group.label != "PERSON":
            bodies.add(group.id)

    def _role(self, words: Span) -> Speaker | None:
        """The person the article describes with this role or body ("the SNC chairman")."""
        role = words.root.lemma_.lower()
        lemmas = {t.lemma_.lower() for t in words if t.pos_ in CONTENT_POS} - {role}
        bodies = {g.id for t in words if (g := self._group_at(t)) and g.label != "PERSON"}
        ranked = []
        for group_id, (described, described_bodies, first) in self._descriptions.items():
            role_match = any(same_role(role, w) for w in described)
            body_match = bool(bodies & described_bodies)
            if not (role_match or body_match):
                continue
            score = 2 * role_match + 2 * body_match + len(lemmas & described)
            ranked.append((score, -abs(first - words.start_char), group_id))
        if not ranked:
            return None
        _, _, group_id = max(ranked)
        group = self._by_id[group_id]
        return Speaker(group.name, group.id, "PERSON", None)

    def _body_named(self, head: Token) -> Speaker | None:
        """A capitalised short form the model left untagged ("the Observatory")."""
        word = head.text.lower()
        matches = [
            g
            for g in self.groups
            if g.label != "PERSON" and word in g.name.lower().split() and len(g.name.split()) > 1
        ]
        if len(matches) != 1:
            return None
        return Speaker(matches[0].name, matches[0].id, matches[0].label, None)


def _written(words: Span) -> str:
    """The speaker as written, without a leading "Both"/"also"."""
    tokens = [t for t in words if t.dep_ != "preconj" and t.pos_ != "ADV"]
    if not tokens:
        return words.text
    return words.doc[tokens[0].i : tokens[-1].i + 1].text


def _is_subject(token: Token) -> bool:
    """A sentence subject, or a name in apposition to one ("The mother, Denise Carter, ...")."""
    if token.dep_ in SUBJECTS:
        return True
    return token.dep_ == "appos" and token.head.dep_ in SUBJECTS


def _plural(speaker: Speaker) -> bool:
    """Whether a speaker's words name several ("activists", "the EU and the US")."""
    if speaker.words is None:
        return False
    head = speaker.words.root
    if any(c.dep_ == "conj" for c in head.children):
        return True
    return head.tag_ in ("NNS", "NNPS") or head.lower_ in ("they", "we")


def _definite_role(words: Span) -> bool:
    """ "the SNC chairman", "Syria's opposition leader": one known person, not "a spokesman"."""
    head = words.root
    if head.pos_ != "NOUN" or head.tag_ != "NN" or head.lemma_.lower() not in ROLE_NOUNS:
        return False
    return not any(t.lower_ in INDEFINITE for t in words if t.i < head.i)


def _looks_personal(words: Span) -> bool:
    """An untagged name the text treats as a person: "Pensioner Jean Rowley, 81, said"."""
    head = words.root
    if head.pos_ != "PROPN":
        return False
    if any(t.lower_.rstrip(".") in TITLES or t.lemma_.lower() in ROLE_NOUNS for t in words):
        return True
    return AGE.match(doc_text(words.doc), words.end_char) is not None


def _name_run(head: Token) -> str:
    """The capitalised proper nouns ending at ``head``, without titles ("Dr Aled Price")."""
    start = head.i
    while start > 0 and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].is_title:
        start -= 1
    return " ".join(strip_titles([t.text for t in head.doc[start : head.i + 1]]))
