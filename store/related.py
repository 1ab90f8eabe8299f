"""Articles on the same story: shared people and bodies, shared wording, close dates.

Two outlets' versions of one story name the same rare people and bodies within a day or two of
each other; a name every article carries ("the United Nations") says little, so shared names are
weighted by how rare they are in the library. Wording is the slow signal (it needs the texts), so
it is only measured for the best candidates found by names and dates.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from store.people_index import PeopleIndex

WEIGHTS = {"names": 0.5, "wording": 0.3, "date": 0.2}
UNDATED = 0.3  # the date score when either article has none: neither for nor against
DAYS_SCALE = 3.0  # a story's articles are days apart, not weeks
WORDING_CANDIDATES = 4  # times the limit asked for
MIN_SCORE = 0.2
COMMON_FLOOR = 50  # a name in up to this many articles always proposes candidates
COMMON_SHARE = 0.05  # and in a larger library, one in up to this share of its articles
WORD = re.compile(r"[a-z][a-z'-]{4,}")  # five letters and up: the words that carry a story


@dataclass
class Related:
    """One related article and why: the names both carry, its wording overlap, days apart."""

    row: dict
    score: float
    names: list[str]
    wording: float
    days: int | None

    def to_dict(self) -> dict:
        return {
            "id": self.row["id"], "title": self.row.get("title"), "source": self.row.get("source"),
            "published": self.row.get("published"), "score": round(self.score, 3),
            "shared": self.names, "wording": round(self.wording, 3), "days_apart": self.days,
        }


def days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a or "") - date.fromisoformat(b or "")).days)
    except ValueError:
        return None


def date_score(days: int | None) -> float:
    return UNDATED if days is None else math.exp(-days / DAYS_SCALE)


def story_words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def wording_score(a: set[str], b: set[str]) -> float:
    """Overlap of the long words, scaled by the shorter text (an outlet may write less)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def related(index: PeopleIndex, article_id: str, limit: int = 5) -> list[Related]:
    """The articles most likely on the same story, best first."""
    total = len(index.article_ids())
    mine = index.article_entities(article_id)
    if not mine or total < 2:
        return []
    weight = {e.key: math.log(1 + total / e.article_count) for e in mine}  # never 0
    mine_weight = sum(weight.values()) or 1.0
    # Candidates come from the names that pick out a story; a name in a large share of a big
    # library ("Syria" in an archive of the war) would make every article a candidate. Such
    # names still count in the score of the candidates found.
    common = max(COMMON_FLOOR, total * COMMON_SHARE)
    rare = [e for e in mine if e.article_count <= common]
    shared: dict[str, list[str]] = {}
    for entity in sorted(rare, key=lambda e: -weight[e.key]):
        for other in entity.articles:
            if other != article_id:
                shared.setdefault(other, []).append(entity.key)
    frequent = [e for e in mine if e.article_count > common]
    for entity in sorted(frequent, key=lambda e: -weight[e.key]):
        carrying = set(entity.articles)
        for other, keys in shared.items():
            if other in carrying:
                keys.append(entity.key)
    names = {e.key: e.name for e in mine}
    row = index.row(article_id)

    def by_names(other: str) -> float:
        return sum(weight[k] for k in shared[other]) / mine_weight

    def days(other: str) -> int | None:
        return days_apart(row.get("published"), index.row(other).get("published"))

    first = sorted(
        shared,
        key=lambda o: -(WEIGHTS["names"] * by_names(o) + WEIGHTS["date"] * date_score(days(o))),
    )[: limit * WORDING_CANDIDATES]
    library = index.library
    words = story_words(library.body(article_id)["text"])
    found = []
    for other in first:
        wording = wording_score(words, story_words(library.body(other)["text"]))
        apart = days(other)
        score = (WEIGHTS["names"] * by_names(other) + WEIGHTS["wording"] * wording
                 + WEIGHTS["date"] * date_score(apart))
        if score >= MIN_SCORE and by_names(other) > 0:
            found.append(Related(index.row(other), score, [names[k] for k in shared[other]],
                                 wording, apart))
    found.sort(key=lambda r: -r.score)
    return found[:limit]
