"""Files under the 5 MB import limit that are built to cost: each of a class that once took
minutes or gigabytes to import (issue 13). Sizes are parameters, so the tests use small ones
and `bench.hostile_inputs` the full ones.
"""

from __future__ import annotations

import random

from bench.library_gen import FIRST, LAST, PLACES, TOPICS

AGENCIES = ["Reuters", "AFP", "Getty Images", "AP Photo"]


def captions(count: int, seed: int = 7) -> str:
    """Photo captions and short paragraphs in turn, as a gallery page pasted whole."""
    rng = random.Random(seed)
    lines = ["Gallery of the week", ""]
    for number in range(count):
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if number % 2:
            lines.append(f"Crowds gather in {rng.choice(PLACES)} on day {number}. "
                         f"Photo: {person}/{rng.choice(AGENCIES)}")
        else:
            lines.append(f"{person} spoke about {rng.choice(TOPICS)} for the {number}th time.")
    return "\n".join(lines) + "\n"


def markdown_table(rows: int) -> str:
    """One Markdown table of equal rows and no blank line: it reads as one wrapped paragraph."""
    lines = [f"| the district of {PLACES[n % len(PLACES)]:8} | votes for the plan | {n:7d} |"
             for n in range(rows)]
    rule = "| " + " | ".join("-" * (len(cell) - 2) for cell in lines[0].split("|")[1:-1]) + " |"
    header = f"| {'where':24} | {'what':18} | {'votes':7} |"
    lines = ["# Results by district", "", header, rule, *lines]
    return "\n".join(lines) + "\n"


def quotation_marks(count: int) -> str:
    """Nothing but quotation marks of every kind, with no space between them."""
    marks = '"\u201c\u201d\'\u2018\u2019'
    return "".join(marks[n % len(marks)] for n in range(count)) + "\n"


def short_lines(count: int) -> str:
    """A line a paragraph, each two or three words."""
    return "\n".join(f"Line {n} here" for n in range(count)) + "\n"


def unpunctuated(size: int, seed: int = 5) -> str:
    """One paragraph of ``size`` characters of words with no punctuation or line break."""
    rng = random.Random(seed)
    words = ["the", "minister", "said", "that", "talks", "in", "Moscow", "and", "a", "plan",
             "would", "go", "ahead", *FIRST, *TOPICS]
    parts, written = [], 0
    while written < size:
        word = rng.choice(words)
        parts.append(word)
        written += len(word) + 1
    return " ".join(parts) + "\n"
