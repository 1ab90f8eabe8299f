"""Helpers shared by the quotation and entity tests.

The model is loaded once per process (``load_model`` caches it); the sample articles are cleaned
here with a few line rules (captions, adverts, the BBC comment form) because the tests
must not depend on the real cleaner, which is written separately.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the main checkout; a worktree in ../wt/NAME finds it one level further up
SHARED = next(
    (p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.exists()),
    REPO.parent / "shared",
)
SEEDS = REPO / "sample_articles"  # the seeds, shipped unchanged
SEED_GOLD = SHARED / "eval" / "seed_gold.json"
SCORER = SHARED / "eval" / "quotes.py"
OWN_GOLD = REPO / "tests" / "gold" / "gold.json"
OWN_TEXTS = REPO / "tests" / "gold" / "texts"
# Held out: ten fresh texts (texts/fresh_*.txt) never used to develop the rules, scored only
# to see how the rules carry over; a floor test keeps a regression from passing unnoticed.
HELD_OUT_GOLD = REPO / "tests" / "gold" / "fresh_gold.json"

_BOILERPLATE_LINE = re.compile(
    r"^(Advertisement|Latest Headlines|Image caption\b.*|.*\bPhoto: .*|.*\bUPI/ .*|"
    r"\d+ of \d+ \|.*)$"
)
_FORM_START = re.compile(r"^(Are you in \w+\?|Your contact details)")


def reading_text(raw: str) -> str:
    """The article without captions, adverts and the trailing comment form, paragraphs kept."""
    kept: list[str] = []
    for line in raw.replace("Advertisement", "\nAdvertisement").splitlines():
        if _FORM_START.match(line):
            break
        if not _BOILERPLATE_LINE.match(line.strip()):
            kept.append(line)
    text = "\n".join(kept)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def model():
    """The real pipeline; ``load_model`` caches it, so every test module shares one."""
    from nlp.model import load_model

    return load_model()


def analyse(text: str):
    """The analysis of ``text`` with the real model."""
    from nlp.analyse import analyse_doc

    return analyse_doc(model()(text), "test")


def load_scorer():
    """The shared scorer module, or None when ../shared is not there."""
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("shared_quote_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_without_offsets(gold: dict) -> dict:
    """Gold paired by text only, so offsets into the raw files do not matter."""
    articles = []
    for article in gold["articles"]:
        quotes = [
            {k: v for k, v in q.items() if k not in ("start", "end")} for q in article["quotes"]
        ]
        articles.append({**article, "quotes": quotes})
    return {**gold, "articles": articles}


def export_for(gold: dict, folder: Path, clean: bool) -> dict:
    """Analyse every article of ``gold`` and shape the result like ``presscut export``."""
    articles = []
    for article in gold["articles"]:
        raw = (folder / article["file"]).read_text()
        text = reading_text(raw) if clean else raw
        quotes = [asdict(q) for q in analyse(text).quotes]
        articles.append({"path": article["file"], "text": text, "quotes": quotes})
    return {"articles": articles}
