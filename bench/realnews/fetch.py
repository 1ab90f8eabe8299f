"""Rebuild bench/realnews/texts/ from the public datasets named in sources.json, and check them.

usage: python bench/realnews/fetch.py [--downloads DIR] [--check]

Published articles are not kept in this repository: each text is taken from a public GitHub
repository at a fixed commit (sources.json says which repository, path and commit, and for a CSV
which row), written to texts/ (ignored by git) and checked against the SHA-256 the gold was made
on. Without --downloads the two dataset files are fetched from raw.githubusercontent.com; with it
they are read from DIR, named as in the repository path's last part (cleaned.csv, and the BBC
files as bbc/<section>/<number>.txt), for a machine that cannot reach GitHub. --check only
verifies the texts already in texts/.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
RAW = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fetch(dataset: dict, downloads: Path | None) -> str:
    """The dataset file's text, from DIR or from GitHub at the recorded commit."""
    if downloads is not None:
        local = downloads / (
            dataset["path"] if dataset["path"].startswith("bbc/") else Path(dataset["path"]).name
        )
        return local.read_text(encoding="utf-8")
    url = RAW.format(**dataset)
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - fixed https host
        return response.read().decode("utf-8")


def csv_row_text(table: str, column: str, value: str, field: str) -> str:
    for row in csv.DictReader(io.StringIO(table, newline="")):
        if row[column] == value:
            return row[field]
    raise LookupError(f"no row with {column} = {value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--downloads", type=Path, help="folder holding the dataset files")
    parser.add_argument("--check", action="store_true", help="only check texts/ against sources")
    args = parser.parse_args()
    sources = json.loads((HERE / "sources.json").read_text())["articles"]
    TEXTS.mkdir(exist_ok=True)
    cache: dict[tuple[str, str, str], str] = {}
    bad = 0
    for source in sources:
        target = TEXTS / source["file"]
        if not args.check:
            dataset = source["dataset"]
            key = (dataset["repo"], dataset["commit"], dataset["path"])
            if key not in cache:
                cache[key] = fetch(dataset, args.downloads)
            table = cache[key]
            row = dataset.get("row")
            text = (
                csv_row_text(table, row["column"], row["equals"], dataset["field"])
                if row
                else table
            )
            target.write_text(text, encoding="utf-8")
        text = target.read_text(encoding="utf-8") if target.exists() else ""
        ok = sha256(text) == source["sha256"]
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {source['file']}")
    print(f"{len(sources) - bad} of {len(sources)} texts match their SHA-256")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
