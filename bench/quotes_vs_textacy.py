"""Presscut's quotations against textacy's ``direct_quotations`` on all the hand-made gold.

usage: python -m bench.quotes_vs_textacy

The sets: the seeds (sample_articles/ with ../shared/eval/seed_gold.json), presscut's own
development gold (tests/gold/gold.json), and the held-out gold (tests/gold/fresh_gold.json, ten
fresh texts never used to develop the rules, so its figures say how the rules carry over).

Both run on the same parse of the same reading text and are scored by the shared scorer
(../shared/eval/quotes.py). textacy only finds direct quotations, so its indirect column is
empty by design. textacy is not a dependency of presscut: install it into the venv to compare
(``pip install textacy``); without it only presscut's figures are printed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from nlp.analyse import analyse_doc
from nlp.model import load_model, model_label
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


def exports(sets: list[tuple[Path, Path, bool]]) -> tuple[dict, dict, dict | None, int]:
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
    for gold_path, folder, clean in sets:
        gold = gold_without_offsets(json.loads(gold_path.read_text()))
        for article in gold["articles"]:
            raw = (folder / article["file"]).read_text()
            text = reading_text(raw) if clean else raw
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
    sets = {
        "seeds": [(SEED_GOLD, SEEDS, True)],
        "own gold": [(OWN_GOLD, OWN_TEXTS, False)],
        "held-out": [(HELD_OUT_GOLD, OWN_TEXTS, False)],
    }
    sets["all"] = sets["seeds"] + sets["own gold"] + sets["held-out"]
    header = "direct P     R     F1    spk   | indirect P   R     F1    spk"
    for name, chosen in sets.items():
        gold, ours, theirs, gave_up = exports(chosen)
        print(f"\n== {name} ({len(gold['articles'])} articles)")
        print(f"{'':10} | {header}")
        print(row("presscut", scorer.score(gold, ours, None)))
        if theirs is None:
            print("textacy    | unavailable: `pip install textacy` into the venv to compare")
        else:
            print(row("textacy", scorer.score(gold, theirs, None)))
            print(f"{'':10} | textacy gave up on {gave_up} text(s): unbalanced quotation marks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
