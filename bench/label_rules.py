"""What the threshold of the inferred label rules (`store.label_tallies`) changes on real copy.

usage: python -m bench.label_rules [FOLDER ...]

Imports the folders (default: sample_articles/ and the real-news texts of bench/realnews/, when
fetched) into a scratch library with the real importer, then prints, for each threshold (at
least N articles giving the label, at least a share P of those naming the name), how many rules
it would infer and how many articles they would relabel; and the rules the chosen threshold
(`MIN_ARTICLES`, `MIN_SHARE`) infers, each with its tallies, to be read by a person: is the
majority right?
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from services.importer import import_paths
from store.label_tallies import MIN_ARTICLES, MIN_SHARE
from store.library import Library

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "sample_articles", ROOT / "bench" / "realnews" / "texts"]
THRESHOLDS = [(n, p) for n in (2, 3, 4, 5) for p in (0.6, 2 / 3, 0.75, 0.9)]


def main(folders: list[Path]) -> None:
    folders = [folder for folder in folders if folder.is_dir()]
    with (
        tempfile.TemporaryDirectory(prefix="presscut-label-rules-") as temp,
        Library(Path(temp, "library")) as library,
    ):
        report = import_paths(library, folders)
        print(
            f"{len(library.article_ids())} articles from "
            f"{', '.join(str(f) for f in folders)} ({report.summary().splitlines()[0]})"
        )
        library.rule_set()
        tallies = library.label_tallies
        print(f"{'N':>3} {'P':>5} {'rules':>6} {'articles relabelled':>20}")
        for least in THRESHOLDS:
            rules = tallies.rules_at(least)
            print(
                f"{least[0]:>3} {least[1]:>5.2f} {len(rules):>6} "
                f"{sum(r['of'] - r['articles'] for r in rules):>20}"
            )
        chosen = tallies.rules_at((MIN_ARTICLES, MIN_SHARE))
        print(f"\nchosen N={MIN_ARTICLES} P={MIN_SHARE}: {len(chosen)} rules")
        for rule in chosen:
            print(f"  {rule['name']} -> {rule['label']}  {rule['labels']}")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or DEFAULT)
