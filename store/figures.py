"""Figures in an article (counts, amounts, percentages, dates) with who gives them.

A fact-checker comparing two outlets wants "the UN says more than 3,500" side by side with the
other outlet's "the United Nations estimates more than 3,500": the same number, the same source.
So each figure the model labelled is read as a value (with its qualifier kept apart), the words it
counts, and its attribution: the quotation whose span holds it, else the first person or body its
sentence names. Plain string work over the stored analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.people_index import speaker_group

NUMERIC_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
FIGURE_LABELS = NUMERIC_LABELS | {"DATE"}
SUBJECT_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
QUALIFIERS = (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "as many as",
    "just over", "just under", "nearly", "almost", "about", "around", "roughly", "some",
    "approximately", "over", "under",
)
UNITS = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
         "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}
SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
WORD = re.compile(r"[a-z]+")
# Words after a figure that say nothing about what it counts.
NOT_COUNTED = {"were", "was", "are", "is", "have", "has", "had", "of", "the", "a", "and", "in",
               "on", "to", "who", "that", "from", "since", "by", "for", "at", "mostly", "also"}
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s|\n")


@dataclass(frozen=True)
class Figure:
    """One figure: its words, value, what it counts and who gives it."""

    start: int
    end: int
    label: str
    text: str
    value: float | None  # None for dates, compared by their words instead
    qualifier: str | None
    counts: tuple[str, ...]  # the words after it: ("people",), ("government", "soldiers")
    sentence: str
    speaker: str | None
    group: str | None  # the speaker's entity group in its article
    cue: str | None

    @property
    def attribution(self) -> str:
        """'United Nations (estimate)', or '' when nobody is given."""
        if not self.speaker:
            return ""
        return f"{self.speaker} ({self.cue})" if self.cue else self.speaker

    def to_dict(self) -> dict:
        return {
            "text": self.text, "label": self.label, "value": self.value,
            "qualifier": self.qualifier, "counts": " ".join(self.counts),
            "attribution": self.attribution, "start": self.start, "end": self.end,
            "sentence": self.sentence,
        }


def split_qualifier(text: str) -> tuple[str | None, str]:
    """('more than', '3,500') from 'More than 3,500'."""
    lowered = text.lower().strip()
    for qualifier in QUALIFIERS:
        if lowered.startswith(qualifier + " "):
            return qualifier, text.strip()[len(qualifier) + 1 :]
    return None, text.strip()


def number_value(text: str) -> float | None:
    """The number written, in digits or words: '3,500' 3500, 'seven' 7, '$1.2bn' 1.2e9."""
    lowered = text.lower().replace("-", " ")
    words = WORD.findall(lowered)
    if match := DIGITS.search(lowered):
        value = float(match.group().replace(",", ""))
        after = WORD.match(lowered[match.end():].lstrip())
        if after and after.group() in UNITS:
            value *= UNITS[after.group()]
        return value
    total = current = 0.0
    seen = False
    for word in words:
        if word in SMALL or word in TENS:
            current += SMALL.get(word, 0) + TENS.get(word, 0)
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in {"thousand", "million", "billion", "trillion"}:
            total += (current or 1) * UNITS[word]
            current = 0
        else:
            continue
        seen = True
    return total + current if seen else None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding [start, end)."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() + 1 if after else len(text))


def counted_words(text: str, end: int, limit: int) -> tuple[str, ...]:
    """What a figure counts: up to two words right after it in its sentence, minus empty ones."""
    following = WORD.findall(text[end : min(end + 40, limit)].lower())[:2]
    return tuple(word for word in following if word not in NOT_COUNTED)


def figures(text: str, analysis: dict) -> list[Figure]:
    """Every figure of an analysis (as corrected), in reading order, with its attribution."""
    quotes = analysis.get("quotes", [])
    who = [e for e in analysis.get("entities", []) if e["label"] in SUBJECT_LABELS]
    names = {g["id"]: g["name"] for g in analysis.get("groups", [])}
    found = []
    for entity in analysis.get("entities", []):
        if entity["label"] not in FIGURE_LABELS:
            continue
        start, end = entity["start"], entity["end"]
        words = text[start:end]
        qualifier, rest = split_qualifier(words)
        value = number_value(rest) if entity["label"] in NUMERIC_LABELS else None
        if entity["label"] in NUMERIC_LABELS and value is None:
            continue
        s_start, s_end = sentence_around(text, start, end)
        quote = next((q for q in quotes if q["start"] <= start and end <= q["end"]), None)
        if quote is not None:
            speaker, cue = quote.get("speaker"), quote.get("cue")
            group = speaker_group(quote, analysis)
        else:
            subject = next((e for e in who if s_start <= e["start"] < s_end), None)
            group = subject.get("group") if subject else None
            speaker = names.get(group, subject["text"]) if subject else None
            cue = None
        found.append(Figure(
            start, end, entity["label"], words, value, qualifier, counted_words(text, end, s_end),
            " ".join(text[s_start:s_end].split()), speaker, group, cue,
        ))
    return found


def date_words(figure: Figure) -> str:
    """A date compared by its words: 'on Tuesday' and 'Tuesday' alike."""
    words = figure.text.lower().split()
    return " ".join(w for w in words if w not in {"on", "the", "in", "since"})
