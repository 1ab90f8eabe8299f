"""Presscut's quotations against textacy's ``direct_quotations`` on all the hand-made gold.

usage: python -m bench.quotes_vs_textacy [--details] [SET ...]

SET: seeds, "own gold", held-out, all, "real news" (default: every one); --details lists each
miss, spurious find and wrong speaker.

The sets: the seeds (sample_articles/ with ../shared/eval/seed_gold.json), presscut's own
development gold (tests/gold/gold.json), the held-out gold (tests/gold/fresh_gold.json, ten
fresh texts never used to develop the rules, so its figures say how the rules carry over), and
the real-news development set (bench/realnews/: published articles from 22 outlets, gold by
offsets; its texts are not in the repository, `python bench/realnews/fetch.py` rebuilds them,
and the set is left out with a note when they are missing or do not match their SHA-256). The
real-news texts go through the importer's own reading (nlp.sources.read_document), as a user's
import would.

Both run on the same parse of the same reading text and are scored by the shared scorer
(../shared/eval/quotes.py). textacy only finds direct quotations, so its indirect column is
empty by design. textacy is not a dependency of presscut: install it into the venv to compare
(``pip install textacy``); without it only presscut's figures are printed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from nlp.analyse import analyse_doc
from nlp.model import load_model, model_label
from nlp.sources import read_document
from tests.nlp_fixtures import (
    HELD_OUT_GOLD,
    OWN_GOLD,
    OWN_TEXTS,
    SEED_GOLD,
    SEEDS,
    gold_without_offsets,
    load_scorer,
    reading_text,
)

KINDS = ("direct", "indirect")
REALNEWS = Path(__file__).resolve().parent / "realnews"
Reader = Callable[[Path], str]


def raw_text(path: Path) -> str:
    return path.read_text()


def seed_text(path: Path) -> str:
    return reading_text(path.read_text())


def imported_text(path: Path) -> str:
    return read_document(path).text


def realnews_gold() -> dict | None:
    """The real-news gold with each quotation's text, or None when the texts are not all there.

    The gold holds offsets only (published text stays out of the repository), so the texts must
    be the ones it was made on: each is checked against its SHA-256 first.
    """
    gold = json.loads((REALNEWS / "gold.json").read_text())
    articles = []
    for article in gold["articles"]:
        path = REALNEWS / "texts" / article["file"]
        if not path.exists():
            return None
        text = path.read_text()
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != article["sha256"]:
            return None
        quotes = [{**q, "text": text[q["start"] : q["end"]]} for q in article["quotes"]]
        articles.append({**article, "quotes": quotes})
    return {**gold, "articles": articles}


def textacy_quotes(doc) -> list[dict] | None:
    """textacy's direct quotations of a parsed doc, shaped like presscut's export.

    None when textacy gives up on the text (it refuses an odd number of marks, which a
    quotation running over paragraphs or a single-marked text with apostrophes has).
    """
    from textacy.extract.triples import direct_quotations

    found = []
    try:
        for triple in direct_quotations(doc):
            content = triple.content
            start, end = content.start_char, content.end_char
            if doc.text[start : start + 1] in "\"'\u201c\u2018":
                start, end = start + 1, end - 1  # textacy's span keeps the marks
            speaker = " ".join(t.text for t in triple.speaker)
            found.append({"start": start, "end": end, "kind": "direct", "speaker": speaker})
    except (ValueError, IndexError):
        return None
    return found


def exports(sets: list[tuple[dict, Path, Reader]]) -> tuple[dict, dict, dict | None, int]:
    """The gold, presscut's export, textacy's (None when not installed) and its give-ups."""
    nlp = load_model()
    label = model_label(nlp)
    try:
        import textacy  # noqa: F401
    except ImportError:
        textacy_on = False
    else:
        textacy_on = True
    gold_articles, ours, theirs = [], [], []
    gave_up = 0
    for loaded, folder, read in sets:
        gold = gold_without_offsets(loaded)
        for article in gold["articles"]:
            text = read(folder / article["file"])
            doc = nlp(text)
            quotes = [asdict(q) for q in analyse_doc(doc, label).quotes]
            ours.append({"path": article["file"], "text": text, "quotes": quotes})
            if textacy_on:
                found = textacy_quotes(doc)
                gave_up += found is None
                theirs.append({"path": article["file"], "text": text, "quotes": found or []})
        gold_articles += gold["articles"]
    gold_all = {"articles": gold_articles}
    return gold_all, {"articles": ours}, ({"articles": theirs} if textacy_on else None), gave_up


def row(name: str, result: dict) -> str:
    cells = []
    for kind in KINDS:
        r = result[kind]
        cells.append(
            f"{r['precision']:5.3f} {r['recall']:5.3f} {r['f1']:5.3f} {r['speaker_accuracy']:5.3f}"
        )
    return f"{name:10} | " + " | ".join(cells)


def main() -> int:
    scorer = load_scorer()
    if scorer is None:
        print("the shared scorer (../shared/eval/quotes.py) is not there: nothing to score")
        return 1
    def load(path: Path) -> dict:
        return json.loads(path.read_text())

    sets = {
        "seeds": [(load(SEED_GOLD), SEEDS, seed_text)],
        "own gold": [(load(OWN_GOLD), OWN_TEXTS, raw_text)],
        "held-out": [(load(HELD_OUT_GOLD), OWN_TEXTS, raw_text)],
    }
    sets["all"] = sets["seeds"] + sets["own gold"] + sets["held-out"]
    real = realnews_gold()
    if real is None:
        print("real news: texts missing or changed; `python bench/realnews/fetch.py` rebuilds them")
    else:
        sets["real news"] = [(real, REALNEWS / "texts", imported_text)]
    details = "--details" in sys.argv
    only = {arg for arg in sys.argv[1:] if arg != "--details"}
    if only:
        sets = {name: chosen for name, chosen in sets.items() if name in only}
    header = "direct P     R     F1    spk   | indirect P   R     F1    spk"
    for name, chosen in sets.items():
        gold, ours, theirs, gave_up = exports(chosen)
        print(f"\n== {name} ({len(gold['articles'])} articles)")
        print(f"{'':10} | {header}")
        result = scorer.score(gold, ours, None)
        print(row("presscut", result))
        if details:
            print("\n".join(f"    {line}" for line in result["details"]))
        if theirs is None:
            print("textacy    | unavailable: `pip install textacy` into the venv to compare")
        else:
            print(row("textacy", scorer.score(gold, theirs, None)))
            print(f"{'':10} | textacy gave up on {gave_up} text(s): unbalanced quotation marks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
