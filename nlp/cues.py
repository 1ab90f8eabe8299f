"""The words that tell a reader someone is being quoted or reported.

Verbs of thinking and wanting (believe, hope, urge, blame) are left out on purpose: they report an
attitude, and counting them made "Police believe ..." and "urged X to ..." quotations. Verbs that
often take a thing as subject ("The figures suggest ...") only count with a speaker-like subject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.names import word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs whose clause (ccomp) is what someone said.
REPORTING = word_set(
    """
    say tell add insist warn claim deny announce stress reveal estimate state explain note
    argue report confirm admit acknowledge declare assert maintain allege predict write
    testify vow promise complain indicate recall reply respond concede contend emphasise
    emphasize suggest restate reiterate disclose assure caution boast observe remark comment
    answer counter retort agree forecast hint signal conclude tweet post inform point
    threaten repeat underline underscore affirm swear pledge protest lament concur speculate
    """
)
# Verbs that frame a quotation in marks but do not report a clause of their own.
FRAMING = word_set(
    """
    quote call describe label brand term put ask shout exclaim joke quip laugh sigh whisper
    mutter yell plead beg continue wonder recount muse chant cry sing scream text email hail
    praise accuse dismiss criticise criticize condemn welcome reject slam blast
    """
)
# Reporting verbs that readily take a thing as subject ("The data suggest ...").
WEAK = word_set(
    """
    suggest indicate estimate predict note signal show conclude forecast
    """
)
# "point" reports only as "point out".
NEEDS_PARTICLE = {"point": "out"}
# Person nouns a writer uses instead of a name ("the chairman said").
ROLE_NOUNS = word_set(
    """
    leader head chief chairman chairwoman chair boss president minister secretary spokesman
    spokeswoman spokesperson director executive manager coach captain mayor governor senator
    official commander ambassador envoy founder owner premier chancellor king queen prince
    general inspector detective officer superintendent lawyer attorney prosecutor judge
    striker midfielder defender goalkeeper councillor councilor teacher headteacher
    principal doctor surgeon economist analyst treasurer candidate ceo chairperson
    negotiator adviser advisor investigator sheriff deputy prime congressman congresswoman
    lawmaker mp
    """
)
# Words for the same role ("the opposition leader" may be "head of the opposition council").
ROLE_SYNONYMS = (word_set("leader head chief chairman chairwoman chair chairperson boss"),)
# Subjects that can speak although they are not names: people in roles, groups of people.
SPEAKING_NOUNS = ROLE_NOUNS | word_set(
    """
    activist analyst expert witness resident police government ministry department
    spokesperson official source authority agency council committee commission campaigner
    critic observer diplomat union group company firm bank party campaign court prosecutor
    investigator organiser organizer statement report study survey researcher scientist
    manager player fan
    """
)


def is_cue(token: Token, framing: bool = False) -> bool:
    """Whether ``token`` is a speech verb; ``framing`` also accepts the quote-only ones."""
    if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
        return False
    lemma = token.lemma_.lower()
    particle = NEEDS_PARTICLE.get(lemma)
    if particle is not None:
        return any(c.dep_ == "prt" and c.lower_ == particle for c in token.children)
    return lemma in REPORTING or (framing and lemma in FRAMING)


def cue_lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    particle = NEEDS_PARTICLE.get(lemma)
    return f"{lemma} {particle}" if particle else lemma


def can_speak(head: Token) -> bool:
    """Whether a subject is a speaker rather than a thing ("Data suggest ...")."""
    if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or head.pos_ in ("PROPN", "PRON"):
        return True
    return head.lemma_.lower() in SPEAKING_NOUNS


def same_role(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in ROLE_SYNONYMS)
