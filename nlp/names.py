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
POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")


def strip_possessive(text: str) -> str:
    """'Assad's' -> 'Assad', 'the ministers'' -> 'the ministers'."""
    return POSSESSIVE.sub("", text)


def surface_words(text: str) -> list[str]:
    """The words of a name as written, without a leading article or trailing possessive."""
    words = strip_possessive(text.strip()).split()
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


def head_key(keys: list[str]) -> str:
    """The word a body's name is about: the last before 'of'/'for', else the last word.

    "Syrian Observatory for Human Rights" is an observatory, so "the Observatory" can stand for it.
    """
    for i, word in enumerate(keys):
        if i and word in {"of", "for", "on"}:
            return keys[i - 1]
    return keys[-1] if keys else ""
