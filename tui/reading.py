"""The article being read: its text, the analysis as corrected, and where the keys jump to.

Plain state kept out of the widgets, so the app's behaviour can be tested without a screen.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from store.corrections import apply_corrections
from store.rules import RuleSet
from tui.highlights import Span
from tui.spans import analysis_spans


@dataclass
class OpenArticle:
    row: dict
    body: dict
    annotations: list[dict]
    rules: RuleSet = field(default_factory=RuleSet)  # the library's, laid under the corrections
    show_original: bool = False
    marks: list[tuple[int, int]] = field(default_factory=list)  # search hits or chosen mentions
    # The corrected analysis and the annotations list and rules it was made from: laying the
    # corrections over copies the whole analysis, and the reader, the panel and the jumps each
    # ask for it.
    _corrected: tuple[list[dict], RuleSet, dict] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def analysis(self) -> dict:
        """The model's analysis with the library's rules and the user's corrections laid
        over it."""
        known = self._corrected
        if known is None or known[0] is not self.annotations or known[1] is not self.rules:
            corrected = apply_corrections(
                self.body.get("analysis") or {}, self.annotations, self.body["text"], self.rules
            )
            self._corrected = (self.annotations, self.rules, corrected)
        return self._corrected[2]

    @property
    def text(self) -> str:
        return self.body["original"] if self.show_original else self.body["text"]

    def spans(self) -> list[Span]:
        """What the reader paints: the analysis on the reading text; only marks on the original."""
        painted: list[Span] = []
        if not self.show_original:
            painted = analysis_spans(self.analysis)
            painted += [
                (a["target"]["start"], a["target"]["end"], "annotated")
                for a in self.annotations
                if a.get("target") and a["kind"] != "correction" and not a.get("orphan")
            ]
        return painted + [(start, end, "mark") for start, end in self.marks]

    def quote_starts(self) -> list[tuple[int, int]]:
        return sorted((q["start"], q["end"]) for q in self.analysis.get("quotes", []))

    def entity_starts(self) -> list[tuple[int, int]]:
        return sorted((e["start"], e["end"]) for e in self.analysis.get("entities", []))

    def find(self, query: str) -> list[tuple[int, int]]:
        """Every case-insensitive occurrence of ``query`` in the text shown."""
        if not query.strip():
            return []
        pattern = re.compile(re.escape(query.strip()), re.IGNORECASE)
        return [(match.start(), match.end()) for match in pattern.finditer(self.text)]


# Who is named, in the order a reader looks for them; dates and numbers are not "who".
WHO_ORDER = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3, "LOC": 3, "FAC": 3}


def people_and_bodies(groups: list[dict]) -> list[dict]:
    """Entity groups that can be a "who": people first, then bodies, then places; by count."""
    return sorted(
        (g for g in groups if g["label"] in WHO_ORDER),
        key=lambda g: (WHO_ORDER[g["label"]], -g["count"], g["name"]),
    )


def next_span(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The first span starting after ``offset``, wrapping round to the first."""
    if not spans:
        return None
    index = bisect_right(spans, (offset, float("inf")))
    return spans[index % len(spans)]


def previous_span(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The last span starting before ``offset``, wrapping round to the last."""
    if not spans:
        return None
    index = bisect_left(spans, (offset, -1)) - 1
    return spans[index % len(spans)]
