"""How one name is written several ways: titles, particles, possessives and acronyms.

News copy names a person "President Bashar al-Assad" once and "Mr Assad" or "Assad" after, and a
body "the Syrian National Council" once and "the SNC" after. These helpers reduce a surface form
to the words that identify it, so `entities` can tell which forms belong together.
"""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one block of text, so long lists stay readable."""
    return frozenset(text.split())


# Words that precede a name without being part of it ("Mr Assad", "President Assad").
TITLES = word_set(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister pm
    king queen prince princess sheikh emir sultan gen general col colonel lt lieutenant maj
    major capt captain sgt sergeant cpl rev reverend father pope cardinal bishop rabbi imam
    senator sen rep representative gov governor mayor judge justice chancellor secretary
    ambassador coach chairman chairwoman chief inspector detective officer constable supt
    superintendent commander admiral marshal premier councillor councilor alderman saint st
    supervisor commissioner sheriff trooper deputy attorney treasurer comptroller auditor
    """
)
# Particles inside names that writers keep or drop at will ("Bashar al-Assad", "Bashar Assad").
PARTICLES = word_set(
    """
    al el bin ibn bint van von der den de da di du la le del della dos das
    """
)
HYPHEN_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az)[-\u2010](?=\w)", re.IGNORECASE)
# Small words skipped when forming an acronym ("Syrian Observatory for Human Rights" -> SOHR).
ACRONYM_SKIP = word_set("of for the and on in at to de du la")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")


def strip_possessive(text: str) -> str:
    """'Assad's' -> 'Assad', 'the ministers'' -> 'the ministers'."""
    return POSSESSIVE.sub("", text)


def visible(text: str) -> str:
    """The text without the zero-width and soft-hyphen characters web pages leave inside words."""
    return INVISIBLE.sub("", text)


def surface_words(text: str) -> list[str]:
    """The words of a name as written (invisible characters dropped), without a leading article
    or trailing possessive."""
    words = strip_possessive(visible(text).strip()).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return words


def strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles, keeping at least one word ("President Assad" -> ["Assad"])."""
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return words


def key_words(words: list[str]) -> list[str]:
    """Lower-case words that identify the name, particles dropped, dotted acronyms closed."""
    keys = []
    for word in words:
        word = HYPHEN_PARTICLE.sub("", word)
        lowered = word.lower()
        if lowered in PARTICLES:
            continue
        if re.fullmatch(r"(?:[A-Za-z]\.){2,}", word):
            lowered = lowered.replace(".", "")
        lowered = lowered.strip(".,")
        if lowered:
            keys.append(lowered)
    return keys


def acronym_of(words: list[str]) -> str | None:
    """The acronym a single all-capitals word stands for ("U.N." -> "UN"), else None."""
    if len(words) != 1:
        return None
    letters = words[0].replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters
    return None


def initials(words: list[str]) -> str:
    """The initials a body's name would be shortened to ("Syrian National Council" -> "SNC")."""
    letters = []
    for word in words:
        if word.lower() in ACRONYM_SKIP or not word[:1].isalpha():
            continue
        # an acronym inside a name keeps all its letters: "UK Health Security Agency" -> UKHSA
        letters.append(word if word.isupper() and len(word) <= 4 else word[0].upper())
    return "".join(letters)


def acronym_spellings(words: list[str], most: int = 16) -> set[str]:
    """Every acronym `spells_acronym` accepts for ``words`` (each small word counted or not),
    to find a name by its acronym without testing it against every name; at most ``most``
    of them, since a name with many small words is not shortened that way."""
    spellings = {""}
    for word in (w for w in words if w[:1].isalpha()):
        piece = (word if word.isupper() and len(word) <= 4 else word[:1]).upper()
        grown = {s + piece for s in spellings}
        if word.lower() in ACRONYM_SKIP:
            grown |= spellings
        spellings = grown
        if len(spellings) > most:
            return {initials(words)}
    return spellings | {initials(words)}


def spells_acronym(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` is the initials of ``words``, each small word counted or not
    ("RIM" for "Research in Motion", "SOHR" for "Syrian Observatory for Human Rights")."""
    letters = [
        w if w.isupper() and len(w) <= 4 else w[:1].upper() for w in words if w[:1].isalpha()
    ]
    optional = [w.lower() in ACRONYM_SKIP for w in words if w[:1].isalpha()]

    def match(at: int, word: int) -> bool:
        if word == len(letters):
            return at == len(acronym)
        piece = letters[word]
        if acronym.startswith(piece.upper(), at) and match(at + len(piece), word + 1):
            return True
        return optional[word] and match(at, word + 1)

    return len(letters) > 1 and match(0, 0)


def head_key(keys: list[str]) -> str:
    """The word a body's name is about: the last before 'of'/'for', else the last word.

    "Syrian Observatory for Human Rights" is an observatory, so "the Observatory" can stand for it.
    """
    for i, word in enumerate(keys):
        if i and word in {"of", "for", "on"}:
            return keys[i - 1]
    return keys[-1] if keys else ""


# Gender evidence for "he"/"she": titles, person nouns, and common given names. A name on neither
# list says nothing, so a pronoun may still point to it.
MALE_TITLES = word_set("mr sir lord king prince father brother sheikh emir sultan monsignor")
FEMALE_TITLES = word_set("mrs ms miss dame lady queen princess sister madam mother")
MALE_NOUNS = word_set(
    """
    man boy father husband son brother uncle grandfather nephew king prince spokesman
    chairman businessman policeman congressman councilman fireman sportsman countryman
    gentleman grandson widower boyfriend dad
    """
)
FEMALE_NOUNS = word_set(
    """
    woman girl mother wife daughter sister aunt grandmother niece queen princess spokeswoman
    chairwoman businesswoman policewoman congresswoman councilwoman sportswoman actress
    waitress lady granddaughter widow girlfriend mum mom
    """
)
MALE_NAMES = word_set(
    """
    aaron adam adrian ahmed alan albert alex alexander ali alfie andrew andy angus anthony
    antonio archie arthur ben benjamin bernard bill billy bob boris brian bruce callum carl
    carlos charles charlie chris christopher colin connor craig dan daniel darren dave david
    dean dennis derek diego dominic donald douglas duncan ed eddie edward elliot eric ethan
    evan felix finn francis frank fraser gareth gary gavin geoffrey george gerald glen gordon
    graham grant greg gregory harold harry harvey hassan hector henry howard hugh hugo ian
    ibrahim isaac ivan jack jacob jake james jamie jason javier jeff jeremy jerry jim jimmy
    joe joel john johnny jon jonathan jorge jose joseph josh joshua juan julian justin karl
    keith kenneth kevin kieran kofi kwame lee leo leon liam louis luca lucas luke malcolm
    marcus mario mark martin matt matthew max michael miguel mike mohammed muhammad nathan
    neil nicholas nick nigel noah oliver omar oscar owen pablo patrick paul pedro peter phil
    philip rafael ray raymond reece rhys richard rob robert robin roger ronald rory ross roy
    rui russell ryan sam samuel scott sean sebastian sergei simon stanley stephen steve
    steven stuart terry theo thomas tim timothy tom tommy tony trevor tyler victor vincent
    vladimir walter warren wayne william yusuf zach alistair barry brendan clive declan
    desmond dylan gerry glenn ivor jamal jared jerome kenny kurt lewis marc mohamed nathaniel
    niall ollie reuben ricky rodney seamus shaun toby wesley ahmad abdul amir hamza karim
    khalid mustafa tariq raj rahul sanjay vikram arjun rohan amit hiroshi kenji takeshi chidi
    emeka kojo kwabena tunde segun dmitri dmitry igor mikhail nikolai oleg pavel yuri andrzej
    piotr tomasz krzysztof lars sven hans klaus wolfgang francois pierre jacques marco
    giuseppe giovanni paolo luigi alejandro fernando manuel ramon andres joao tiago emmanuel
    """
)
FEMALE_NAMES = word_set(
    """
    abigail ada agnes aisha alice alison amanda amelia amy ana andrea angela anita ann anna
    anne annie barbara beatrice becky bella beth bethany brenda bridget carla carol caroline
    catherine charlotte chloe christine claire clara denise diana diane donna dorothy eleanor
    elena elizabeth ella ellie emily emma erin esther eva eve evelyn fatima fiona florence
    frances freya gemma georgia grace hannah harriet hazel heather helen holly imogen irene
    isabel isabella isla jade jane janet jasmine jean jennifer jenny jessica jill joan joanna
    josephine joy judith julia julie karen kate katherine kathleen katie kelly kim laura
    lauren leah lena lily linda lisa lorna louise lucy lydia lynn maria marie margaret marion
    martha mary maya megan melanie mia michelle miriam molly monica nadia nancy naomi natalie
    nicola nina nora olivia pamela patricia pauline penny phoebe polly priya rachel rebecca
    rita rose rosie ruth sally samantha sandra sara sarah sharon sheila shirley sofia sophie
    stella susan suzanne tanya teresa tina tracey valerie vanessa victoria violet wendy yasmin
    yvonne zoe ellen helena eileen jacqueline kirsty leanne lesley mandy maureen nicole paula
    rosemary sian siobhan tessa vicky alexandra deborah debbie elaine gillian gwen hilary
    jackie kathryn katy lorraine melissa shona stacey zara amira layla leila mariam zainab
    camila lucia valentina isabelle chantal celine ingrid astrid ines beatriz carmen mei yuki
    anjali deepa kavita sunita ngozi amara ama abena olga svetlana tatiana natasha irina
    anastasia yulia daria marta katarzyna agnieszka magdalena
    """
)


def gender_of_words(words: list[str], names: bool = True) -> str | None:
    """ "m" or "f" from a title, a person noun or (``names``) a known given name in ``words``."""
    for word in words:
        lowered = word.lower().rstrip(".")
        if lowered in MALE_TITLES or lowered in MALE_NOUNS:
            return "m"
        if lowered in FEMALE_TITLES or lowered in FEMALE_NOUNS:
            return "f"
    for word in words if names else ():
        lowered = word.lower()
        if lowered in MALE_NAMES:
            return "m"
        if lowered in FEMALE_NAMES:
            return "f"
    return None
