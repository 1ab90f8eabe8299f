"""The real-news development set's manifest (bench/realnews/) holds together without its texts.

The texts of published articles are not in the repository, so what can be checked here is the
part that is: every gold article has its source (where to fetch it, the SHA-256 and length it
must have), every offset fits the length, and the set is as large as issue 15 asks. fetch.py's
rebuild-and-verify is exercised on a CSV of invented text shaped like the dataset's.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

REALNEWS = Path(__file__).resolve().parent.parent / "bench" / "realnews"


def load(name: str) -> list[dict]:
    return json.loads((REALNEWS / name).read_text())["articles"]


def test_every_gold_article_has_its_source_with_the_same_checksum() -> None:
    sources = {source["file"]: source for source in load("sources.json")}
    gold = load("gold.json")
    assert {article["file"] for article in gold} == set(sources)
    for article in gold:
        source = sources[article["file"]]
        assert (article["sha256"], article["chars"]) == (source["sha256"], source["chars"])
        dataset = source["dataset"]
        assert {"repo", "path", "commit"} <= set(dataset) and len(dataset["commit"]) == 40
        if "row" in dataset:  # a CSV row is found by the article's URL
            assert dataset["row"] == {"column": "url", "equals": source["url"]}


def test_every_quotation_fits_its_text_and_names_a_speaker() -> None:
    for article in load("gold.json"):
        for quote in article["quotes"]:
            assert quote["kind"] in ("direct", "indirect")
            assert 0 <= quote["start"] < quote["end"] <= article["chars"], article["file"]
            assert quote["speaker"] and quote["speaker_aliases"], article["file"]
            assert isinstance(quote["optional"], bool)


def test_the_set_is_as_large_as_issue_15_asks() -> None:
    gold = load("gold.json")
    outlets = {source["outlet"] for source in load("sources.json")}
    required = [q for article in gold for q in article["quotes"] if not q["optional"]]
    assert len(gold) >= 25 and len(outlets) >= 10 and len(required) >= 400


def test_fetch_rebuilds_a_csv_row_and_checks_it(tmp_path: Path) -> None:
    """A raw_text with marks, commas and paragraphs comes back byte for byte, and is checked."""
    text = 'The mayor said, "We will rebuild, street by street."\n\n"Not soon," a resident said.'
    url = "https://example.org/news/rebuild"
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with (downloads / "cleaned.csv").open("w", newline="", encoding="utf-8") as table:
        writer = csv.writer(table)
        writer.writerow(["url", "raw_text"])
        writer.writerow(["https://example.org/other", "another text"])
        writer.writerow([url, text])
    folder = tmp_path / "realnews"
    folder.mkdir()
    shutil.copy(REALNEWS / "fetch.py", folder / "fetch.py")
    source = {
        "file": "rebuild.txt",
        "url": url,
        "dataset": {
            "repo": "someone/news-data",
            "path": "data/cleaned.csv",
            "commit": "0" * 40,
            "row": {"column": "url", "equals": url},
            "field": "raw_text",
        },
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "chars": len(text),
    }
    (folder / "sources.json").write_text(json.dumps({"articles": [source]}))
    fetch = [sys.executable, str(folder / "fetch.py")]
    rebuilt = subprocess.run(
        [*fetch, "--downloads", str(downloads)], capture_output=True, text=True
    )
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert (folder / "texts" / "rebuild.txt").read_text(encoding="utf-8") == text
    (folder / "texts" / "rebuild.txt").write_text(text.replace("rebuild", "repair"))
    checked = subprocess.run([*fetch, "--check"], capture_output=True, text=True)
    assert checked.returncode == 1 and "BAD rebuild.txt" in checked.stdout
