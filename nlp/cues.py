"""The words that tell a reader someone is being quoted or reported.

A reporting verb counts only with a clause of its own (``reported``), so "urged ministers to act"
and "blamed the weather" are not reported speech while "urged that the hospital be closed" is.
Verbs that often take a thing as subject ("The figures suggest ...") and verbs of belief ("Police
believe ...") only count with a speaker-like subject; "find" only with a source that publishes
findings (a study, an inquiry, researchers); "hear" reports what a court or a meeting was told,
and its subject is the audience, not the speaker. A speech verb is no cue when the sentence says
the speech did not happen ("declined to say", "would not comment", "did not confirm"), and "add"
with an object ("added $14 billion", "added to the pressure") is not speech at all.
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
    urge believe hear find rule demand recommend propose advise highlight clarify mention
    reckon charge accept proclaim concede acknowledge insist assert declare contend
    allege caution admit stress maintain relate recount
    tout remind
    """
)
# Verbs that frame a quotation in marks but do not report a clause of their own.
FRAMING = word_set(
    """
    quote call describe label brand term put ask shout exclaim joke quip laugh sigh whisper
    mutter yell plead beg continue recount chant cry sing scream text email hail
    praise accuse dismiss criticise criticize condemn welcome reject slam blast
    implore liken compare quip rage fume gush marvel enthuse scoff snap bellow
    begin
    """
)
# Where words were said or written ("in an interview", "in a statement"): noun cues.
OCCASIONS = word_set(
    """
    interview statement letter email post message speech call conference briefing tweet video
    note release remarks comments announcement testimony podcast address
    """
)
# Nouns of speech whose "that" clause is what their possessor said ("her claim that ...").
CLAIMS = word_set(
    """
    claim remark comment statement warning assertion admission insistence suggestion promise
    pledge announcement argument allegation assurance denial prediction
    """
)
# What someone says something through ("Pike's statement read", "a letter from the trust
# said"): the speaker is its author.
DOCUMENTS = OCCASIONS - word_set("interview call conference briefing speech address podcast")
# Verbs of thinking: words in marks beside them were never said ("she thought '...'").
THINKING = word_set("think wonder imagine muse ponder dream fantasise fantasize picture suppose")
# Modals that make a speech verb hypothetical ("a banker might say '...'").
HYPOTHETICAL = word_set("would might could may should")
# Reporting verbs that readily take a thing as subject ("The data suggest ...").
WEAK = word_set(
    """
    suggest indicate estimate predict note signal show conclude forecast believe reckon accept
    highlight
    """
)
# Subjects whose findings are reported ("A study finds ...", "the inquiry found ...").
FINDERS = word_set(
    """
    study research researcher scientist survey poll report review inquiry investigation
    analysis audit paper trial experiment team panel tribunal court judge jury coroner
    watchdog regulator ombudsman inspector inspection commission committee investigator
    academic author economist expert analyst assessment evaluation police government
    ministry department council authority agency office
    """
)
# Hearers whose hearing is news: "The court heard that ...", "MPs heard that ...".
AUDIENCES = word_set(
    """
    court jury juror inquest tribunal hearing inquiry committee panel judge magistrate coroner
    meeting council conference parliament mp senator lawmaker congress commission board
    audience delegate
    """
)
# Control verbs that say the speech did not happen: "declined to say", "refused to comment".
WITHHOLDING = word_set("decline refuse fail hesitate unable reluctant unwilling")
# Writings whose text "reads" ("the statement read", "the sign reads").
WRITINGS = word_set("statement letter note message post sign notice caption tweet email memo")
# Verbs that are speech only without a direct object ("the company added $14 billion", "the
# trio began a run of hits", "it touts the care its animals receive").
OBJECTLESS = word_set("add post begin tout")
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
    lawmaker mp editor columnist commentator correspondent presenter forward winger
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
    manager player fan inquiry review poll audit watchdog regulator tribunal panel jury
    coroner charity spokesperson officer people worker teacher parent nurse
    """
)


def _forms(lemmas: frozenset[str]) -> dict[str, str]:
    """Past and third-person forms of the reporting verbs, for a verb the tagger took for a noun."""
    irregular = {
        "say": "said", "tell": "told", "hear": "heard", "find": "found", "write": "wrote",
        "swear": "swore", "hold": "held", "forecast": "forecast",
    }  # fmt: skip
    forms = {}
    for lemma in lemmas:
        past = irregular.get(lemma) or (lemma + "d" if lemma.endswith("e") else lemma + "ed")
        forms[past] = lemma
        forms[lemma + ("es" if lemma.endswith(("s", "sh", "ch")) else "s")] = lemma
    return forms


# "..., the inquest heard." with "heard" tagged as a noun at the root of the sentence
MISTAGGED = _forms(REPORTING)


def is_cue(token: Token, framing: bool = False) -> bool:
    """Whether ``token`` is a speech verb; ``framing`` also accepts the quote-only ones."""
    if token.lower_ in ("read", "reads"):  # "Pike's statement read", tagged verb or noun
        if framing and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENTS for c in token.children
        ):
            return True
        return _text_reads(token)  # "..., the statement read." reports what it says
    if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
        return _mistagged(token)
    lemma = token.lemma_.lower()
    if lemma == "read":
        return _text_reads(token)
    particle = NEEDS_PARTICLE.get(lemma)
    if particle is not None:
        if not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
            return False
    elif not (lemma in REPORTING or (framing and lemma in FRAMING)):
        return False
    return not _withheld(token) and not (lemma in OBJECTLESS and _has_object(token))


def _text_reads(token: Token) -> bool:
    """ "..., the statement read.": a written text that "reads" says it; a person reading a
    text ("she read the letter") says nothing of their own."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    no_object = not any(c.dep_ == "dobj" for c in token.children)
    return no_object and bool(subjects) and subjects[0].lemma_.lower() in WRITINGS


def _mistagged(token: Token) -> bool:
    """A reporting verb tagged as a noun: at the root, with a clause hanging on it."""
    if token.lower_ not in MISTAGGED or token.dep_ != "ROOT":
        return False
    return any(c.dep_ == "ccomp" for c in token.children)


def is_thought(token: Token) -> bool:
    """A verb of thinking: what it frames went unsaid."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in THINKING


def _withheld(token: Token) -> bool:
    """ "would not say", "declined to comment", "was unable to confirm", "would neither confirm
    nor deny": no speech took place; nor did it in "might say", "would never have occasion to
    say" (a hypothetical, unless it is inside a clause someone else reports: "he said he would
    argue that ...")."""
    if any(c.dep_ == "neg" or c.lower_ == "neither" for c in token.children):
        return True
    if token.dep_ != "ccomp" and any(
        c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in token.children
    ):
        return True
    if token.dep_ in ("xcomp", "acl") and _negated_above(token):
        return True
    head = token.head
    if token.dep_ == "conj" and any(c.lower_ == "neither" for c in head.children):
        return True  # "would neither confirm nor deny that ..."
    if token.dep_ == "xcomp" and head.lemma_.lower() in WITHHOLDING:
        return True
    # "were unable to say": the verb hangs on the adjective, or on "be" beside it
    return token.dep_ == "xcomp" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in WITHHOLDING for c in head.children
    )


def _negated_above(token: Token) -> bool:
    """ "never have occasion to say", "did not get to tell": the verb or noun above is denied."""
    head = token.head
    if head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr"):  # "occasion" in "have occasion"
        head = head.head
    return any(c.dep_ == "neg" for c in head.children)


def _has_object(token: Token) -> bool:
    """A thing added or posted: a direct object, or "added to" something, after the verb.

    Words before it are a quotation the parser took for an object (' "A disaster," he added').
    """
    for child in token.rights:
        if child.dep_ in ("dobj", "attr") and child.lower_ not in ("that", "this"):
            return True
        if (
            child.dep_ in ("prep", "dative")
            and child.lower_ == "to"
            and not any(g.pos_ == "PRON" or g.ent_type_ == "PERSON" for g in child.children)
        ):
            return True
    return False


def reports_clause(cue: Token, subject: Token | None) -> bool:
    """Whether ``cue`` with this subject reports the clause it governs as speech."""
    lemma = cue_lemma(cue)
    if lemma == "find":
        return subject is not None and _finder(subject)
    if lemma == "hear":  # "the court heard that", not "when she heard that the plant would close"
        told_by = any(c.dep_ == "prep" and c.lower_ == "from" for c in cue.children)
        if subject is None and _mistagged(cue):  # "the inquest heard" as adjective and noun
            return any(c.lower_ in AUDIENCES for c in cue.lefts)
        return told_by or (subject is not None and subject.lemma_.lower() in AUDIENCES)
    if lemma in WEAK:
        return subject is not None and can_speak(subject)
    return True


def _finder(subject: Token) -> bool:
    """A source that publishes findings: a study, an inquiry, researchers, a named body."""
    if subject.pos_ == "PRON":
        return False
    return subject.ent_type_ in ("ORG", "NORP") or subject.lemma_.lower() in FINDERS


def cue_lemma(token: Token) -> str:
    lemma = MISTAGGED[token.lower_] if _mistagged(token) else token.lemma_.lower()
    particle = NEEDS_PARTICLE.get(lemma)
    return f"{lemma} {particle}" if particle else lemma


def can_speak(head: Token) -> bool:
    """Whether a subject is a speaker rather than a thing ("Data suggest ...")."""
    if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or head.pos_ in ("PROPN", "PRON"):
        return True
    return head.lemma_.lower() in SPEAKING_NOUNS


def same_role(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in ROLE_SYNONYMS)
