"""Who is speaking: the words that name a speaker, and the name they stand for.

Finding the words is syntax: the subject of the speech verb, followed up through participles
("he was quoted ... as saying"), coordinated verbs and relative pronouns ("the trust, which said
..." is the trust). Naming them is a little coreference: a name maps to its entity group; a role
("the SNC chairman") to the person the article describes with that role or body; a pronoun to the
nearest fitting subject, sentence by sentence backwards (the subject of the main clause first,
then the speakers and other subjects of that sentence), where fitting means a person of the right
gender for "he"/"she" (told by a title, a person noun or a known given name, when the text gives
any), a body or a thing for "it", and several people or an organisation for "they".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.cues import (
    DOCUMENTS,
    ROLE_NOUNS,
    SPEAKING_NOUNS,
    can_speak,
    cue_lemma,
    is_cue,
    same_role,
)
from nlp.datelines import dateline_end
from nlp.names import FEMALE_NOUNS, MALE_NOUNS, TITLES, gender_of_words, strip_titles, word_set
from nlp.paragraphs import doc_text, inside_spans, merged_spans, on_line_of, same_paragraph
from nlp.records import Entity, EntityGroup

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
RELATIVES = frozenset({"who", "which", "that"})
# Parts of a subject that describe rather than name it ("Ghalioun, head of ...", "who ...").
DESCRIPTIVE = frozenset({"appos", "relcl", "acl", "advcl", "punct", "preconj", "parataxis"})
CLIMB = frozenset({"xcomp", "advcl", "pcomp", "prep", "conj", "acl"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any"})
PARAGRAPH_REACH = 2  # how many paragraphs back a pronoun looks for a subject
NEAREST = 40  # and how many subjects or speakers, at most, it weighs there
AGE = re.compile(r",\s*\d{1,3},")
PRONOUN_KINDS = {
    "he": "he", "him": "he", "she": "she", "her": "she",
    "it": "it", "they": "they", "them": "they",
}  # fmt: skip
NOT_ANTECEDENTS = frozenset({"i", "me", "we", "us", "you", "there", "this", "that", "what"})
# Bodies a writer may call "it" or "they" ("the council said ... They added").
COLLECTIVE = word_set(
    """
    government ministry department council committee commission agency authority union
    company firm bank club team party police board trust charity group campaign court
    administration regime army force office service organisation organization association
    federation league network airline operator retailer business
    """
)
# Things that say something ("the bill says ...", "the letter states ...").
SOURCES = word_set(
    """
    document letter memo filing book article website message email guidance bill law ruling
    verdict judgment order notice statement report study survey poll review paper
    """
)
# People nouns a writer may call "they" ("Residents said ... They added").
PERSON_NOUNS = word_set(
    """
    person resident witness victim neighbour neighbor passenger patient student pupil voter
    worker nurse parent driver owner fan supporter member citizen farmer shopkeeper trader
    people
    """
)
PEOPLE_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee")
PERSON_KINDS = ("he", "she", "person")
# Texts issued in someone's name: "the statement read" is the issuer speaking.
ISSUED = word_set("statement")
# Words a writer uses for someone just named ("the Liberty High alum", "the Ohio native").
DESCRIPTIONS = word_set(
    """
    alum alumnus alumna graduate native veteran rookie newcomer standout youngster star
    """
)
# Entity kinds that are never a speaker, though the parser may make them a subject
# ("Wednesday, Hahn and Kuehl said").
NOT_SPEAKERS = frozenset({"DATE", "TIME"})
# Offices one person holds at a time: a mayor is not the minister the article speaks of.
OFFICES = word_set(
    """
    mayor minister president governor chancellor premier king queen senator congressman
    congresswoman mp councillor councilor sheriff ambassador secretary
    """
)


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
    A participle after a comma at the end of a reported clause ("has said it will not overpay,
    calling the market 'crazy'") is the speaker's, even when the parser hangs it on the clause.
    """
    token = cue
    doc = cue.doc
    participle = cue.tag_ == "VBG" and cue.dep_ == "advcl" and doc[cue.left_edge.i - 1].text == ","
    for _ in range(4):
        if participle and token.i != cue.i and token.dep_ == "ccomp" and is_cue(token.head):
            token = token.head
        subject = _own_subject(token)
        if subject is not None:
            subject = _antecedent_of_relative(subject)
            return subject if subject is not None and same_paragraph(subject, cue) else None
        if token.head.i == token.i or not same_paragraph(token.head, cue):
            return None
        if token.dep_ == "ccomp" and token is not cue and cue.dep_ == "conj":
            token = token.head  # "said crews were called in and warned": the sayer warned
            continue
        if token.i == cue.i and cue.dep_ == "conj" and _coordinated_into_report(cue):
            token = cue.head.head  # "said it had cut jobs and warned investors that ..."
            continue
        if token.dep_ not in CLIMB:
            return None
        token = token.head
    return None


def _coordinated_into_report(cue: Token) -> bool:
    """A speech verb the parser coordinated into the clause another speech verb reports."""
    clause = cue.head
    return clause.dep_ == "ccomp" and clause.i < cue.i and is_cue(clause.head)


def _antecedent_of_relative(subject: Token) -> Token | None:
    """ "The trust, which said ...": the noun a relative pronoun stands for, else the subject."""
    if subject.lower_ not in RELATIVES or subject.tag_ not in ("WP", "WDT"):
        return subject
    clause = subject.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "who arrived late and said ..."
    if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return clause.head
    return None


def speaker_words(cue: Token) -> Span | None:
    """The words naming who spoke for a speech verb, or None when the sentence does not say.

    The subject of "hear" is the audience ("The court heard that ..."): the speaker is the one
    it heard from. So is the subject of a passive ("Magistrates were told that ..."): the
    speaker is the agent ("by ..."), which ``subject_of`` finds.
    """
    if cue_lemma(cue) == "hear":
        for child in cue.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                return phrase_of(objects[0]) if objects else None
        return None
    subject = subject_of(cue)
    if subject is not None:
        words = phrase_of(_author_of(subject))
        if len(words) > 1 and words[-1].dep_ == "case":  # "The trust's" statement
            words = words[:-1]
        return words
    return None if _passive(cue) else words_near(cue)


def _author_of(subject: Token) -> Token:
    """ "Pike's statement read", "a letter from the trust said": the document's author is the
    speaker; a document of no one named stays the speaker itself."""
    if subject.lemma_.lower() not in DOCUMENTS:
        return subject
    for child in subject.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            authors = [g for g in child.children if g.dep_ == "pobj"]
            if authors and can_speak(authors[0]):
                return authors[0]
    return subject


def _passive(token: Token) -> bool:
    return token.lemma_ != "quote" and any(c.dep_ == "auxpass" for c in token.children)


def _own_subject(token: Token) -> Token | None:
    if _passive(token):  # "it was announced by X": the agent speaks
        for child in token.children:
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                return objects[0] if objects else None
        return None
    subjects = [
        found
        for c in token.children
        if c.dep_ in SUBJECTS and c.lower_ != "there" and (found := _real_subject(c)) is not None
    ]
    # "Employers' group VWT called ...": two subjects; the one next to the verb is the name
    return min(subjects, key=lambda c: abs(c.i - token.i)) if subjects else None


def _real_subject(subject: Token) -> Token | None:
    """The subject once a dateline or a date the parser took for it is passed over.

    "ST. PAUL, Minn. -- Supporters of a bill say": the place heads the subject and the speakers
    hang on it; "Wednesday, Hahn and Kuehl said": the day heads a coordination of speakers.
    """
    if not (subject.ent_type_ in NOT_SPEAKERS or _in_dateline(subject)):
        return subject
    for child in subject.children:
        if child.dep_ in ("conj", "appos") and child.i > subject.i and not _in_dateline(child):
            return child
    return None


def _in_dateline(token: Token) -> bool:
    return dateline_end(doc_text(token.doc), token.idx) is not None


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
    """The words that name the speaker: the subject without appositives or relative clauses.

    A name does not reach back over a comma: in "The effect, lead author Dr Osei says, was
    ..." the parser may hang "The effect" on the speaker's words.
    """
    kept = {head.i}
    for child in head.children:
        if child.dep_ not in DESCRIPTIVE:
            kept.update(t.i for t in on_line_of(list(child.subtree), head))
    start = end = head.i
    doc = head.doc
    while start - 1 in kept and doc[start - 1].text != ",":
        start -= 1
    while end + 1 in kept:
        end += 1
    while end > start and doc[end].is_punct:
        end -= 1
    return doc[start : end + 1]


@dataclass
class _Subject:
    """A sentence subject a later pronoun may point back to."""

    start: int
    token: int
    sentence: int
    main: bool  # the subject of the sentence's main verb


@dataclass
class SpeakerResolver:
    """Names speakers in reading order, remembering those named for later pronouns."""

    doc: Doc
    entities: list[Entity]
    groups: list[EntityGroup]
    quoted: list[tuple[int, int]]
    paragraph_starts: list[int]

    def __post_init__(self) -> None:
        self._by_id = {g.id: g for g in self.groups}
        self._named = sorted(
            (e.start, e.end, e.group or "") for e in self.entities if e.label in NAMED_LABELS
        )
        self._named_starts = [start for start, _, _ in self._named]
        self._quoted = merged_spans(self.quoted)
        self._quoted_starts = [start for start, _ in self._quoted]
        self._descriptions: dict[str, tuple[set[str], set[str], int]] = {}
        self._people: list[tuple[int, EntityGroup]] = []  # person mentions outside quotations
        self._mentioned: list[tuple[int, EntityGroup]] = []  # and all of them, in text order
        self._genders = self._read_people()
        self._people_starts = [start for start, _ in self._people]
        self._sentence_starts: list[int] = []
        self._subjects: list[_Subject] = []
        self._read_subjects()
        self._subject_starts = [s.start for s in self._subjects]
        self._spoken: list[tuple[int, Speaker]] = []  # speakers named so far, in text order
        self._spoken_starts: list[int] = []
        self._by_start: dict[int, Speaker] = {}
        self._resolved: dict[int, Speaker | None] = {}
        self._depth = 0
        self._body_first_words: set[str] | None = None

    def _read_people(self) -> dict[str, str]:
        """Describe each person, note where they are named, and tell their gender if the text
        does: a title before a mention ("Mr", "Ms"), else a known given name."""
        evidence: dict[str, set[str]] = {}
        text = doc_text(self.doc)
        for entity in self.entities:
            group = self._by_id.get(entity.group or "")
            if group is None:
                continue
            span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
            if group.label != "PERSON" or span is None:
                continue
            if not self._in_quote(entity.start):
                self._people.append((entity.start, group))
            self._mentioned.append((entity.start, group))
            before = text[max(0, entity.start - 12) : entity.start].split()[-1:]
            found = gender_of_words(before + entity.text.split()[:1], names=False)
            if found is not None:
                evidence.setdefault(group.id, set()).add(found)
            self._describe(group, span)
        genders: dict[str, str] = {}
        for group in self.groups:
            found = evidence.get(group.id)
            if found is None and group.label == "PERSON" and len(group.name.split()) > 1:
                given = gender_of_words(group.name.split()[:1])
                found = {given} if given else None
            if found is not None and len(found) == 1:
                genders[group.id] = next(iter(found))
        return genders

    def _read_subjects(self) -> None:
        """The subjects outside quotations, sentence by sentence, in one pass over the doc."""
        for number, sent in enumerate(self.doc.sents):
            self._sentence_starts.append(sent.start_char)
            for token in sent:
                if token.dep_ not in SUBJECTS or token.lower_ in NOT_ANTECEDENTS:
                    continue
                if token.tag_ in ("WP", "WDT") or self._in_quote(token.idx):
                    continue
                if _real_subject(token) is not token:  # a dateline or a date is no antecedent
                    continue
                head = token.head
                main = head.dep_ in ("ROOT", "parataxis") or (
                    head.dep_ == "conj" and head.head.dep_ == "ROOT"
                )
                self._subjects.append(_Subject(token.idx, token.i, number, main))

    def paragraph(self, pos: int) -> int:
        return bisect_right(self.paragraph_starts, pos) - 1

    def _sentence(self, pos: int) -> int:
        return bisect_right(self._sentence_starts, pos) - 1

    def _in_quote(self, pos: int) -> bool:
        return inside_spans(self._quoted, self._quoted_starts, pos)

    def resolve(self, words: Span | None) -> Speaker:
        """The speaker that ``words`` name, remembered for later pronouns."""
        speaker = self._name(words) if words is not None else Speaker(None, None, None, None)
        if speaker.name is not None and words is not None:
            at = bisect_right(self._spoken_starts, words.start_char)
            self._spoken.insert(at, (words.start_char, speaker))
            self._spoken_starts.insert(at, words.start_char)
            self._by_start[words.start_char] = speaker
        return speaker

    def _name(self, words: Span) -> Speaker:
        head = words.root
        written = _written(words)
        group = self._group_at(head)
        described = group is None and head.pos_ not in ("PRON", "PROPN")  # not itself a name
        named = self._named_in_apposition(head) if described else None
        if named is not None:  # "One of the men, David Redvers, said"; "Co-founder and CEO, X,"
            return Speaker(named.name, named.id, named.label, words)
        if self._coordinates_names(head, group):
            person = self._named_person_among(head)  # "Kim and an aide to the mayor said"
            if person is not None:
                return Speaker(person.name, person.id, person.label, words)
            return Speaker(written, None, None, words)  # "the EU and the US"
        if group is not None and group.label == "NORP":
            # "The Portuguese said" is one person; "the Russians said" is a people
            label = "PERSON" if head.tag_ in ("NNP", "NN") and head.i > words.start else None
            return Speaker(written, group.id, label, words)
        if group is not None and not self._inside_longer_name(head, group):
            return Speaker(group.name, group.id, group.label, words)
        lowered = head.lower_
        if head.pos_ == "PRON" and lowered in PRONOUN_KINDS:
            found = self._antecedent(words.start_char, PRONOUN_KINDS[lowered])
        elif _definite_role(words, group):
            found = self._role(words) or (
                self._role_antecedent(words) if _short_role(words) else None
            )
        elif _definite_body(words):
            found = self._body(words)
        elif _issued_text(words):
            found = self._issuer(words.start_char)
        elif head.pos_ == "PROPN":
            found = self._body_named(head) or self._person_named(words)
        else:
            found = None
        if found is not None:
            return Speaker(found.name, found.group, found.label, words)
        if head.pos_ == "PROPN":  # an untagged name: "Polly Nash of the campaign group"
            written = _name_run(head)
            if " " not in written:  # "Port of Gdansk Authority": a name that goes on with "of"
                written = _name_through_of(head) or written
        return Speaker(written, None, "PERSON" if _looks_personal(words) else None, words)

    def _named_person_among(self, head: Token) -> EntityGroup | None:
        """The first person named in a coordination: the newsroom's speaker of "A and B said"
        (the set's gold convention: of coordinated speakers the named one speaks)."""
        for token in [head, *(c for c in head.children if c.dep_ == "conj")]:
            group = self._group_at(token)
            if group is not None and group.label == "PERSON":
                return group
        return None

    def _entity_index(self, token: Token) -> int | None:
        index = bisect_right(self._named_starts, token.idx) - 1
        return index if index >= 0 and token.idx < self._named[index][1] else None

    def _role_antecedent(self, words: Span) -> Speaker | None:
        """ "Lord Falconer said ... The constitutional affairs secretary outlined ...": a role
        the article gives no one is the writer's second name for a person just named, the
        nearest one fitting as for "he" or "she", but never one the article gives another
        office ("London mayor Ken Livingstone" is not "the prime minister"; "Tory MP Boris
        Johnson" can be "The Spectator editor")."""
        role = words.root.lemma_.lower()

        def other_role(speaker: Speaker) -> bool:
            if role not in OFFICES:
                return False
            described = self._descriptions.get(speaker.group or "")
            offices = {w for w in described[0] if w in OFFICES} if described else set()
            return bool(offices) and not any(same_role(role, w) for w in offices)

        found = self._nearest_fitting(words.start_char, "person", skip=other_role)
        if found is not None:
            return found
        # a person only mentioned, even inside what someone said ("Tony Blair's intervention")
        end = bisect_left([start for start, _ in self._mentioned], words.start_char)
        for _, group in reversed(self._mentioned[max(0, end - NEAREST) : end]):
            person = Speaker(group.name, group.id, group.label, None)
            if not other_role(person):
                return person
        return None

    def _named_in_apposition(self, head: Token) -> EntityGroup | None:
        """ "Her Labour rival, Dominic Asante, told ...": the appositive's name is the speaker,
        also where the parser hangs it deeper in the phrase ("Co-founder and chief executive of
        Brightline, Sara Quist, said": a person's name set off at the phrase's end)."""
        for child in head.children:
            if child.dep_ == "appos" and same_paragraph(child, head):
                group = self._group_at(child)
                if group is not None and group.label in ("PERSON", "ORG"):
                    return group
        for token in head.subtree:
            if token.dep_ == "appos" and token.i > head.i and same_paragraph(token, head):
                group = self._group_at(token)
                if group is not None and group.label == "PERSON":
                    return group
        return None

    def _coordinates_names(self, head: Token, group: EntityGroup | None) -> bool:
        """ "the EU and the US", but not the "and" inside "National Oceanic and Atmospheric
        Administration", one name the parser split in two."""
        return any(
            c.dep_ == "conj" and (group is None or self._group_at(c) is not group)
            for c in head.children
        )

    def _inside_longer_name(self, head: Token, group: EntityGroup) -> bool:
        """ "Cycling UK said": the model tagged the place, not the body the name belongs to."""
        if group.label not in ("GPE", "LOC"):
            return False
        start = self._named[bisect_right(self._named_starts, head.idx) - 1][0]
        first = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if first is None or not len(first) or first[0].i == 0:
            return False
        before = self.doc[first[0].i - 1]
        return (
            before.pos_ == "PROPN"
            and before.is_title
            and before.dep_ == "compound"
            and before.lower_.rstrip(".") not in TITLES
            and same_paragraph(before, head)
        )

    def _group_at(self, head: Token) -> EntityGroup | None:
        """The group of the named entity holding ``head`` (entities do not overlap)."""
        index = self._entity_index(head)
        return self._by_id.get(self._named[index][2]) if index is not None else None

    def _antecedent(self, pos: int, kind: str) -> Speaker | None:
        """What a pronoun of ``kind`` ("he", "she", "it", "they") at ``pos`` stands for.

        Sentence by sentence backwards over the last paragraphs: the main subject, then the
        speakers, then other subjects, then (for "he"/"she") other people named, each the
        nearest first; then any earlier speaker that
        fits; then, for a person, the latest person named outside a quotation. Each look is
        bounded (``NEAREST``), so a long article costs no more per pronoun than a short one.
        """
        if self._depth > 3:  # "he" whose subject is "he" whose subject is ...
            return None
        self._depth += 1
        try:
            return self._nearest_fitting(pos, kind)
        finally:
            self._depth -= 1

    def _nearest_fitting(
        self, pos: int, kind: str, skip: Callable[[Speaker], bool] | None = None
    ) -> Speaker | None:
        low = self.paragraph_starts[max(0, self.paragraph(pos) - PARAGRAPH_REACH)]
        ranked: list[tuple[int, int, int, _Subject | Speaker]] = []
        end = bisect_left(self._subject_starts, pos)
        for subject in self._subjects[
            max(bisect_left(self._subject_starts, low), end - NEAREST) : end
        ]:
            ranked.append((subject.sentence, 0 if subject.main else 2, subject.start, subject))
        end = bisect_left(self._spoken_starts, pos)
        near = max(bisect_left(self._spoken_starts, low), end - NEAREST)
        for start, speaker in self._spoken[near:end]:
            ranked.append((self._sentence(start), 1, start, speaker))
        people_end = bisect_left(self._people_starts, pos)
        if kind in PERSON_KINDS:  # "The report was written by Dr Ellen Marsh. She said ..."
            people_near = max(bisect_left(self._people_starts, low), people_end - NEAREST)
            for start, group in self._people[people_near:people_end]:
                person = Speaker(group.name, group.id, group.label, None)
                ranked.append((self._sentence(start), 3, start, person))
        ranked.sort(key=lambda r: (-r[0], r[1], -r[2]))

        def usable(found: Speaker | None) -> bool:
            return found is not None and not (skip is not None and skip(found))

        deferred: tuple[int, Speaker] | None = None
        for sentence, _, _, item in ranked:
            if deferred is not None and sentence != deferred[0]:
                return deferred[1]
            if isinstance(item, _Subject):
                found = self._fitting_subject(item, kind)
            else:
                found = item if _fits(self._speaker_kind(item), kind) else None
            if not usable(found):
                continue
            if kind in ("he", "she") and deferred is None and self._bare_name(found):
                deferred = (sentence, found)  # a fully named man in the sentence comes first
                continue
            return found
        if deferred is not None:
            return deferred[1]
        for _, speaker in reversed(self._spoken[max(0, near - NEAREST) : near]):
            if _fits(self._speaker_kind(speaker), kind) and usable(speaker):
                return speaker
        if kind not in PERSON_KINDS:
            return None
        for _, group in reversed(self._people[max(0, people_end - NEAREST) : people_end]):
            person = Speaker(group.name, group.id, group.label, None)
            if _fits(("person", self._genders.get(group.id)), kind) and usable(person):
                return person
        return None

    def _fitting_subject(self, subject: _Subject, kind: str) -> Speaker | None:
        """The subject's speaker when it can be what the pronoun stands for."""
        head = self.doc[subject.token]
        if head.pos_ == "PRON":
            own = PRONOUN_KINDS.get(head.lower_)
            if own is None:
                return None
            if subject.token not in self._resolved:
                spoken = self._by_start.get(head.idx)
                self._resolved[subject.token] = spoken or self._antecedent(head.idx, own)
            found = self._resolved[subject.token]
            if found is None or not _fits(self._pronoun_kind(own, found), kind):
                return None
            return found
        if not _fits(self._subject_kind(head), kind):
            return None
        if subject.token not in self._resolved:
            words = phrase_of(head)
            spoken = self._by_start.get(words.start_char)
            self._resolved[subject.token] = spoken or self._name(words)
        return self._resolved[subject.token]

    def _group_kind(self, group: EntityGroup) -> tuple[str, str | None]:
        """A person with their gender, or a body. The small model tags some people it has not
        seen as places or buildings ("Staff nurse Bethany Cole" as FAC): a known given name
        followed by a surname is a person whatever the label."""
        if group.label == "PERSON" and not self._short_for_body(group):
            return ("person", self._genders.get(group.id))
        words = group.name.split()
        given = gender_of_words(words[:1]) if len(words) > 1 else None
        return ("person", given) if given is not None else ("body", None)

    def _bare_name(self, speaker: Speaker) -> bool:
        """A one-word name the text gives no gender ("Gonzaga"): maybe no person at all, so
        "he" takes a person the same sentence names in full and as a man or woman first."""
        name = speaker.name or ""
        return " " not in name and self._genders.get(speaker.group or "") is None

    def _short_for_body(self, group: EntityGroup) -> bool:
        """ "Gonzaga" tagged as a person where the article also names the body "Gonzaga
        Bulldogs": a one-word name that opens a body's name is that body, never "he"."""
        if " " in group.name:
            return False
        if self._body_first_words is None:
            self._body_first_words = {
                g.name.split()[0].lower()
                for g in self.groups
                if g.label in ("ORG", "GPE", "FAC", "LOC") and " " in g.name
            }
        return group.name.lower() in self._body_first_words

    def _speaker_kind(self, speaker: Speaker) -> tuple[str, str | None]:
        """The kind of an already named speaker, from its group or the words that named it."""
        group = self._by_id.get(speaker.group or "")
        if group is not None and group.label != "NORP":
            return self._group_kind(group)
        if speaker.label == "PERSON" and speaker.words is not None:
            return ("person", gender_of_words([t.text for t in speaker.words]))
        return _words_kind(speaker)

    def _pronoun_kind(self, own: str, found: Speaker) -> tuple[str, str | None]:
        """A pronoun subject is what it stands for, with the pronoun's own gender or number."""
        if own in ("he", "she"):
            return ("person", "m" if own == "he" else "f")
        return ("plural", None) if own == "they" else self._speaker_kind(found)

    def _subject_kind(self, head: Token) -> tuple[str, str | None]:
        """ "person" (with a gender when known), "body", "plural", "things" or "thing"."""
        group = self._group_at(head)
        if self._coordinates_names(head, group):
            return ("plural", None)
        if group is not None and group.label != "PERSON" and _looks_personal(phrase_of(head)):
            # "Chief executive Marieke de Vries", tagged ORG: the title says who she is
            return ("person", gender_of_words([t.text for t in phrase_of(head)]))
        if group is not None:
            if group.label == "NORP":
                return ("plural", None) if head.tag_ in ("NNS", "NNPS") else ("thing", None)
            return self._group_kind(group)
        if head.pos_ == "PROPN":
            words = phrase_of(head)
            gender = gender_of_words([t.text for t in words])
            if gender is not None or _looks_personal(words):
                return ("person", gender)
            return ("body", None)
        return _noun_kind(head)

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

    def _body(self, words: Span) -> Speaker | None:
        """ "the trust", "the charity": the body whose name has the word, else the nearest body
        with a name that could be called "it" (a speaker or a subject before)."""
        noun = words.root.lower_
        end = bisect_left(self._named_starts, words.start_char)
        for _, _, group_id in reversed(self._named[max(0, end - NEAREST) : end]):
            group = self._by_id.get(group_id)
            if group is not None and group.label == "ORG" and noun in group.name.lower().split():
                return Speaker(group.name, group.id, group.label, None)
        found = self._body_before_in_sentence(words) or self._antecedent(words.start_char, "it")
        if found is None or (found.group is None and not _proper(found)):
            return None
        return found

    def _person_named(self, words: Span) -> Speaker | None:
        """A surname the model left untagged ("Dunlop added"): the one person of the article
        whose full name ends with it."""
        written = strip_titles([t.text for t in words if t.pos_ == "PROPN"])
        if len(written) != 1:
            return None
        matches = [
            g
            for g in self.groups
            if g.label == "PERSON"
            and len(g.name.split()) > 1
            and g.name.split()[-1].lower() == written[0].lower()
        ]
        if len(matches) != 1:
            return None
        return Speaker(matches[0].name, matches[0].id, matches[0].label, None)

    def _issuer(self, pos: int) -> Speaker | None:
        """ "..., the State Department said in a news release. ..., the statement read.": a
        statement speaks for whoever the writer just quoted, in its paragraph or the one before."""
        end = bisect_left(self._spoken_starts, pos)
        if end == 0:
            return None
        start, speaker = self._spoken[end - 1]
        return speaker if self.paragraph(start) >= self.paragraph(pos) - 1 else None

    def _body_before_in_sentence(self, words: Span) -> Speaker | None:
        """ "At Fox Corp., the company says": the body named earlier in the same sentence,
        outside quotation marks, is the one "the company" stands for."""
        sentence_start = words.sent.start_char
        end = bisect_left(self._named_starts, words.start_char)
        for start, _, group_id in reversed(self._named[max(0, end - NEAREST) : end]):
            if start < sentence_start:
                break
            group = self._by_id.get(group_id)
            if group is not None and group.label == "ORG" and not self._in_quote(start):
                return Speaker(group.name, group.id, group.label, None)
        return None

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


def _plural(speaker: Speaker) -> bool:
    """Whether a speaker's words name several ("activists", "the EU and the US")."""
    if speaker.words is None:
        return False
    head = speaker.words.root
    if any(c.dep_ == "conj" for c in head.children):
        return True
    return head.tag_ in ("NNS", "NNPS") or head.lower_ in ("they", "we")


def _definite_role(words: Span, group: EntityGroup | None = None) -> bool:
    """ "the SNC chairman", "Syria's opposition leader", "the OpenAI CEO": one known person, not
    "a spokesman" (a role the tagger took for a name counts when it is no entity)."""
    head = words.root
    common = head.pos_ == "NOUN" and head.tag_ == "NN"
    untagged_name = head.pos_ == "PROPN" and head.tag_ == "NNP" and group is None
    if not (common or untagged_name) or head.lemma_.lower() not in ROLE_NOUNS | DESCRIPTIONS:
        return False
    return not any(t.lower_ in INDEFINITE for t in words if t.i < head.i)


def _short_role(words: Span) -> bool:
    """ "the minister", "the OpenAI CEO": a second name for someone. "Ecuador's head of
    forensic science" says whose and of what, so it introduces someone new."""
    return not any(c.dep_ in ("prep", "poss") for c in words.root.children)


def _definite_body(words: Span) -> bool:
    """ "the charity", "The company": a body named before, not "a company" or "the firms"."""
    head = words.root
    if head.pos_ != "NOUN" or head.tag_ != "NN" or head.lemma_.lower() not in COLLECTIVE:
        return False
    return len(words) == 2 and words[0].lower_ in ("the", "this")


def _issued_text(words: Span) -> bool:
    """ "the statement": a text someone issued, not a speaker of its own ("the press release"
    is one: the gold names it)."""
    head = words.root
    return head.lemma_.lower() in ISSUED and words[0].lower_ in ("the", "this")


def _proper(speaker: Speaker) -> bool:
    return speaker.words is not None and speaker.words.root.pos_ == "PROPN"


def _looks_personal(words: Span) -> bool:
    """An untagged name the text treats as a person: "Pensioner Jean Rowley, 81, said"."""
    head = words.root
    if head.pos_ != "PROPN":
        return False
    if any(t.lower_.rstrip(".") in TITLES or t.lemma_.lower() in ROLE_NOUNS for t in words):
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in head.children):
        return True  # "Theresa May, shadow secretary for the family, said"
    return AGE.match(doc_text(words.doc), words.end_char) is not None


def _name_run(head: Token) -> str:
    """The capitalised proper nouns ending at ``head``, without titles ("Dr Aled Price")."""
    start = head.i
    while start > 0 and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].is_title:
        start -= 1
    return " ".join(strip_titles([t.text for t in head.doc[start : head.i + 1]]))


def _name_through_of(head: Token) -> str | None:
    """ "Port of Gdansk Authority" from "the Port": one capitalised word after "the" whose "of"
    leads to another capitalised name is a body's name, not a person "of" somewhere."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects and objects[0].pos_ == "PROPN" and objects[0].is_title:
            end = max(t.i for t in objects[0].subtree) + 1
            return head.doc[head.i : end].text
    return None


def _fits(found: tuple[str, str | None], kind: str) -> bool:
    """Whether something of ``found`` (kind, gender) can be called ``kind`` ("he", "it"...).

    The pronoun is a speaker, so "it" is a body or a document, never a mere thing ("the euro").
    """
    what, gender = found
    if kind == "person":  # a role standing for someone named before
        return what == "person"
    if kind in ("he", "she"):
        return what == "person" and gender in (None, "m" if kind == "he" else "f")
    if kind == "it":
        return what == "body"
    return what in ("plural", "body")


def _noun_kind(head: Token) -> tuple[str, str | None]:
    """The kind of a common noun subject: a person noun, a body, people, or a thing."""
    lemma = head.lemma_.lower()
    if lemma in MALE_NOUNS or lemma in FEMALE_NOUNS:
        return ("person", "m" if lemma in MALE_NOUNS else "f")
    if lemma in COLLECTIVE:
        return ("body", None)
    people = lemma in SPEAKING_NOUNS or lemma in PERSON_NOUNS or lemma.endswith(PEOPLE_ENDINGS)
    if head.tag_ in ("NNS", "NNPS"):
        return ("plural", None) if people else ("things", None)
    if lemma in ROLE_NOUNS or lemma in PERSON_NOUNS:
        return ("person", None)
    if lemma in SPEAKING_NOUNS or lemma in SOURCES:
        return ("body", None)  # "the report said ... It added"
    return ("thing", None)  # "the euro rose": nothing a speaker's pronoun stands for


def _words_kind(speaker: Speaker) -> tuple[str, str | None]:
    """The kind of a speaker outside any group, from the words that named it."""
    if speaker.label == "PERSON":
        return ("person", None)
    if _plural(speaker):
        return ("plural", None)
    if speaker.words is None:
        return ("thing", None)
    head = speaker.words.root
    if head.pos_ == "PRON":
        return ("body", None) if head.lower_ == "it" else ("other", None)
    if head.pos_ == "PROPN":
        gender = gender_of_words([t.text for t in speaker.words])
        return ("person", gender) if gender is not None else ("body", None)
    return _noun_kind(head)
