"""Issue #8's figures: building the people index over 10,000 articles, and opening compare.

usage: python -m bench.crossref   (or `make bench`, which runs every benchmark)

Runs on the generated library of issue #7 (`bench.library_gen`: 10,000 articles of about 600
words with stored analyses: groups, quotations, figures-free entities), opened read-only, so no
model runs. Figures: the cold build (reading every stored analysis), the merge across articles,
a refresh when nothing changed and one after a single article changed (what an import costs the
index), related articles for one article, and compare: computing it for the 2,000-word article
against another, and opening the view headless (from the push to the first idle).

The generated library repeats a hundred names, so the merge of spelling variants ("Ghalioun" /
"Ghaliun") is also measured on names made up for it: 10,000 articles of eight people each, drawn
from 3,000 surnames and 400 given names, one word in ten misspelt the way transliterations vary,
and some surnames on their own; merged without the variants (as before they were merged) and
with them. The last line is one JSON object with every figure.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time

from bench.library_gen import cached
from nlp.names import PARTICLES, TITLES
from store.compare import compare
from store.library import Library
from store.people_index import Member, NameForms, PeopleIndex, merge_keys
from store.related import related

SIZE = (160, 48)


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


async def _open_compare(library: Library, a: str, b: str) -> float:
    from tui.app import PresscutApp
    from tui.screens.compare import CompareScreen

    app = PresscutApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.push_screen(CompareScreen(compare(library, a, b)))
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        return _ms(start)


CONSONANTS = "bdfghklmnrstvz"
VOWELS = "aeiou"


def _made_up_name(rng: random.Random, syllables: int) -> str:
    """A name no title or particle ("Sir", "Van") can be: they are not part of a name's key."""
    while True:
        name = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables))
        name += rng.choice("nrsd")
        if name not in TITLES | PARTICLES:
            return name


def _misspelt(rng: random.Random, word: str) -> str:
    """The word as another outlet might write it: a vowel changed, a letter doubled, "ou"."""
    inner = [i for i in range(1, len(word) - 1) if word[i] in VOWELS]
    how = rng.randrange(3)
    if how == 0 and inner:
        i = rng.choice(inner)
        return word[:i] + rng.choice(VOWELS.replace(word[i], "")) + word[i + 1:]
    if how == 1:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i] + word[i:]
    return word.replace("u", "ou", 1)


def variant_members(articles: int = 10_000, seed: int = 8) -> dict[str, NameForms]:
    """Made-up people's groups summed up per name key, as the index keeps them."""
    rng = random.Random(seed)
    surnames = sorted({_made_up_name(rng, rng.randint(2, 3)).title() for _ in range(3000)})
    given = sorted({_made_up_name(rng, rng.randint(1, 2)).title() for _ in range(400)})
    people = [(rng.choice(given), rng.choice(surnames)) for _ in range(6000)]
    by_key: dict[str, NameForms] = {}
    for number in range(articles):
        article = f"a{number}"
        for slot in range(8):
            first, last = rng.choice(people)
            words = [_misspelt(rng, w) if rng.random() < 0.1 else w for w in (first, last)]
            name = words[1] if slot == 7 else " ".join(words)  # one surname on its own
            member = Member(article, f"g{slot}", name, "PERSON", rng.randint(1, 5), ())
            by_key.setdefault(member.key, NameForms("PERSON")).add(member)
    return by_key


def _variant_figures(figures: dict[str, float], rounds: int = 3) -> None:
    """Each merge's best of a few rounds, taken in turns, so neither pays for the other's
    garbage."""
    by_key = variant_members()
    figures["variants_name_keys"] = len(by_key)
    best = {False: float("inf"), True: float("inf")}
    for _ in range(rounds):
        for variants in (False, True):
            start = time.perf_counter()
            entities = merge_keys(by_key, variants=variants)
            best[variants] = min(best[variants], _ms(start))
            figures[f"entities_{'variants' if variants else 'exact'}"] = len(entities)
            del entities
    figures["merge_exact_ms"], figures["merge_variants_ms"] = best[False], best[True]


def main() -> int:
    generated = cached()
    figures: dict[str, float] = {}
    with Library(generated.folder, read_only=True) as library:
        rows = library.articles()
        start = time.perf_counter()
        index = PeopleIndex(library)
        index.refresh()
        figures["index_read_ms"] = _ms(start)
        start = time.perf_counter()
        entities = index.entities()
        figures["index_merge_ms"] = _ms(start)
        figures["index_build_ms"] = figures["index_read_ms"] + figures["index_merge_ms"]
        start = time.perf_counter()
        merge_keys(index._by_key, variants=False)
        figures["index_merge_exact_ms"] = _ms(start)
        figures["articles"] = len(rows)
        figures["entities"] = len(entities)
        start = time.perf_counter()
        index.refresh()
        figures["refresh_unchanged_ms"] = _ms(start)
        start = time.perf_counter()
        index.update(rows[5]["id"])
        index.entities()
        figures["update_one_article_ms"] = _ms(start)
        start = time.perf_counter()
        related(index, generated.long_id)
        figures["related_ms"] = _ms(start)
        other = rows[0]["id"]
        start = time.perf_counter()
        result = compare(library, generated.long_id, other)
        figures["compare_ms"] = _ms(start)
        figures["compare_quote_pairs_checked"] = (
            len(result.pairs) + len(result.only_a_quotes) + len(result.only_b_quotes)
        )
        figures["open_compare_view_ms"] = asyncio.run(
            _open_compare(library, generated.long_id, other)
        )
    _variant_figures(figures)
    for key, value in figures.items():
        print(f"{key:30} {value:12.1f}")
    print(json.dumps({key: round(value, 1) for key, value in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
