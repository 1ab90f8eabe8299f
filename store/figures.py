"""Figures in an article (counts, amounts, percentages) with who gives them.

A fact-checker comparing two outlets wants "the UN says more than 3,500 people" side by side with
the other outlet's "the United Nations estimates more than 3,500 people": the same number, the
same thing counted, the same source. A figure is a number the model labelled (MONEY, PERCENT,
QUANTITY, CARDINAL) with its unit and the noun it counts, as the parse read them at import
(`nlp.figures`); dates and days are not figures. Who gives it is the speaker of the quotation
or reported clause that holds it, else nobody: a place or a road the sentence names gives no
figure. Plain string work over the stored analysis, as corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.people_index import speaker_group

NUMERIC_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
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
CURRENCY_SIGNS = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
NUMBER_WORDS = set(SMALL) | set(TENS) | set(UNITS)
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s|\n")


@dataclass(frozen=True)
class Figure:
    """One figure: its words, value, what it counts and who gives it."""

    start: int
    end: int
    label: str
    text: str  # the number with its unit: "40 million pounds", "£40m", "more than 3,500"
    value: float
    qualifier: str | None
    noun: str | None  # the noun it counts, when outside its words: "people", "new homes"
    counts: tuple[str, ...]  # what it counts or measures, to pair it by: the noun, else the unit
    sentence: str
    speaker: str | None
    group: str | None  # the speaker's entity group in its article
    cue: str | None

    @property
    def shown(self) -> str:
        """The number and what it counts, each once: "more than 3,500 people"."""
        return f"{self.text} {self.noun}" if self.noun else self.text

    @property
    def attribution(self) -> str:
        """'United Nations (estimate)', or '' when nobody is given."""
        if not self.speaker:
            return ""
        return f"{self.speaker} ({self.cue})" if self.cue else self.speaker

    def to_dict(self) -> dict:
        return {
            "text": self.text, "label": self.label, "value": self.value,
            "qualifier": self.qualifier, "counts": " ".join(self.counts), "noun": self.noun,
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


def unit_words(number: str) -> tuple[str, ...]:
    """The unit a number's own words give: "pounds" in "40 million pounds", "percent" in
    "6 percent", "dollars" for "$40m"; () for a bare count."""
    words = [w for w in WORD.findall(number.lower()) if w not in NUMBER_WORDS]
    signs = [name for sign, name in CURRENCY_SIGNS.items() if sign in number]
    return tuple(signs + words)


def figures(text: str, analysis: dict) -> list[Figure]:
    """Every figure of an analysis (as corrected), in reading order, with who gives it.

    An analysis stored before figures were kept from the parse gives each number with its unit
    and no counted noun (importing the article again after changing it reads it anew).
    """
    quotes = analysis.get("quotes", [])
    parsed = {(f["start"], f["end"]): f for f in analysis.get("figures", [])}
    found = []
    for entity in analysis.get("entities", []):
        if entity["label"] not in NUMERIC_LABELS:
            continue
        reading = parsed.get((entity["start"], entity["end"]), {})
        start = reading.get("number_start", entity["start"])
        end = reading.get("number_end", entity["end"])
        words = text[start:end]
        qualifier, rest = split_qualifier(words)
        value = number_value(rest)
        if value is None:
            continue
        noun = reading.get("noun")
        counts = tuple(noun.lower().split()[-1:]) if noun else unit_words(rest)
        s_start, s_end = sentence_around(text, start, end)
        quote = next((q for q in quotes if q["start"] <= start and end <= q["end"]), None)
        if quote is not None and quote.get("speaker"):
            speaker, cue = quote.get("speaker"), quote.get("cue")
            group = speaker_group(quote, analysis)
        else:
            speaker = cue = group = None
        found.append(Figure(
            start, end, entity["label"], words, value, qualifier, noun, counts,
            " ".join(text[s_start:s_end].split()), speaker, group, cue,
        ))
    return found
