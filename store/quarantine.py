"""`presscut check --recover` for an article that cannot be read: set aside whole, then dropped.

An article whose row, text file or annotations are damaged (a title that is a number, offsets
beyond its text, a text file lost or cut short) breaks every list and export that meets it.
Recovery keeps everything it had - the row, the annotations and the text file as found - in
``set-aside/`` inside the library, then removes the article, so the library opens and exports
again. Importing the article's file again brings its text back; its annotations are in the kept
file to be read.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import orjson

from store.atomic import write_atomic
from store.ids import BadId
from store.layout import QUARANTINE_NAME, body_path
from store.library import ARTICLES, Library
from store.validation import stored_article_problem


def _problem(folder: Path, row: dict, notes: list[dict]) -> str | None:
    try:
        path = body_path(folder, row.get("id"))
        body = orjson.loads(path.read_bytes())
    except BadId:
        return "its id is not of presscut's form"
    except FileNotFoundError:
        return "its text file is missing"
    except (OSError, orjson.JSONDecodeError):
        return "its text file is damaged"
    return stored_article_problem(row, body, notes)


def _keep(folder: Path, row: dict, notes: list[dict], problem: str) -> Path:
    """The article's row, annotations and text file, as found, in the set-aside folder."""
    aside = folder / QUARANTINE_NAME
    aside.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = row["id"] if isinstance(row.get("id"), str) and "/" not in row["id"] else "article"
    name = f"{name[:40]}-{stamp}"
    record = {"problem": problem, "row": row, "annotations": notes}
    kept = aside / f"{name}.json"
    write_atomic(kept, orjson.dumps(record, option=orjson.OPT_INDENT_2, default=str))
    try:
        text = body_path(folder, row.get("id"))
        if text.exists():
            os.replace(text, aside / f"{name}.text.json")
    except BadId:
        pass
    return kept


def set_aside_damaged(library: Library) -> list[str]:
    """Keep aside and remove every article that cannot be read; one line per article."""
    tables = library.db.storage.tables
    notes: dict[Any, list[dict]] = {}
    for annotation in library.iter_annotations():
        notes.setdefault(annotation.get("article"), []).append(annotation)
    done = []
    for row in [dict(doc) for doc in tables.get(ARTICLES, {}).values()]:
        found = notes.get(row.get("id"), [])
        problem = _problem(library.folder, row, found)
        if problem is None:
            continue
        kept = _keep(library.folder, row, found, problem)
        library.remove_article(row["id"])
        origin = row.get("origin")
        again = f"; presscut import {origin} brings its text back" if origin else ""
        done.append(f"{kept}: article {str(row['id'])[:40]} set aside ({problem}) with its "
                    f"{len(found)} annotations{again}")
    return done
