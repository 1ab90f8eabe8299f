"""Taking presscut's own export back into a library, merged by id and never duplicated.

An article and an annotation are each known by their id: one the library lacks is added as
exported, ids and times included; one it has is replaced only when the export's ``updated`` is
newer, so importing the same export twice changes nothing and the user's later work is never
rolled back. The file is checked against ``store/export.schema.json`` before anything is
written, so a bad file leaves the library as it was and is reported in one line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from store.anchoring import reanchor_article
from store.errors import NotFound, StoreError
from store.export_json import ARTICLE_FIELDS, EXPORT_FORMAT
from store.ids import article_id
from store.library import Library

SCHEMA_PATH = Path(__file__).with_name("export.schema.json")
BODY_FIELDS = ("original", "text", "boilerplate", "analysis")


class BadExport(StoreError):
    """A file that is not a presscut export this version can read."""


@dataclass
class MergeReport:
    """What an import of an export did, counted for one summary line."""

    added: list[str] = field(default_factory=list)  # article titles
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    annotations: dict[str, int] = field(
        default_factory=lambda: {"added": 0, "updated": 0, "unchanged": 0}
    )
    orphaned: list[str] = field(default_factory=list)

    def summary(self) -> str:
        notes = self.annotations
        line = (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged; annotations: {notes['added']} added, "
            f"{notes['updated']} updated, {notes['unchanged']} unchanged"
        )
        return "\n".join([line, *self.orphaned])


@cache
def export_validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def check_export(export: Any, name: str) -> None:
    """Raise ``BadExport`` naming the first problem, if the data is not a valid presscut/1."""
    if not isinstance(export, dict) or export.get("format") != EXPORT_FORMAT:
        raise BadExport(f'{name}: not a presscut export (no "format": "{EXPORT_FORMAT}")')
    error = best_match(export_validator().iter_errors(export))
    if error is not None:
        where = error.json_path.removeprefix("$") or "the top level"
        raise BadExport(f"{name}: not a valid presscut export: {error.message} at {where}")
    for article in export["articles"]:
        origin = article["catalogue"]["origin"]
        if article["id"] != article_id(origin):
            raise BadExport(f"{name}: article {article['id']} does not match its origin {origin}")
        for annotation in article["annotations"]:
            if annotation["article"] != article["id"]:
                raise BadExport(
                    f"{name}: annotation {annotation['id']} sits in article {article['id']} "
                    f"but names article {annotation['article']}"
                )


def read_export(path: Path) -> dict[str, Any]:
    """The export in a file, checked; ``BadExport`` in one line when it cannot be used."""
    try:
        export = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise BadExport(f"{path}: no such file") from None
    except OSError as error:
        raise BadExport(f"{path}: cannot read it ({error.strerror})") from None
    except orjson.JSONDecodeError as error:
        raise BadExport(f"{path}: not JSON ({error.msg} at byte {error.pos})") from None
    check_export(export, str(path))
    return export


def _row_and_body(article: dict) -> tuple[dict, dict]:
    row = {**{name: article[name] for name in ARTICLE_FIELDS}, **article["catalogue"]}
    body = {name: article[name] for name in BODY_FIELDS}
    return row, body


def _merge_article(library: Library, article: dict, report: MergeReport) -> bool:
    """Add or update the article from the export; whether the library now holds its text."""
    row, body = _row_and_body(article)
    known = library.find_by_origin(row["origin"])  # checked: the id is the origin's
    if known is None:
        library.put_article(row, body)
        report.added.append(row["title"])
    elif row["updated"] > known["updated"]:
        library.put_article(row, body)
        report.updated.append(row["title"])
    else:
        report.unchanged.append(row["title"])
        return False
    return True


def _merge_annotations(library: Library, article: dict, report: MergeReport) -> None:
    for annotation in article["annotations"]:
        try:
            known = library.annotation(annotation["id"])
        except NotFound:
            known = None
        if known is None:
            outcome = "added"
        elif annotation["updated"] > known["updated"]:
            outcome = "updated"
        else:
            outcome = "unchanged"
        if outcome != "unchanged":
            library.put_annotation(annotation)
        report.annotations[outcome] += 1


def merge_export(library: Library, export: dict[str, Any]) -> MergeReport:
    """Merge a checked export into the library; see the module's docstring for the rules."""
    report = MergeReport()
    for article in export["articles"]:
        stored = _merge_article(library, article, report)
        _merge_annotations(library, article, report)
        if stored:
            continue  # the library holds the export's text: its spans are in place
        text = library.body(article["id"])["text"]
        if text != article["text"]:
            # The library kept its own newer text: the export's spans are placed in it again.
            _, orphaned = reanchor_article(library, article["id"], text)
            if orphaned:
                report.orphaned.append(f"{article['title']}: {orphaned} annotations to review")
    return report


def import_export(library: Library, path: Path) -> MergeReport:
    return merge_export(library, read_export(path))
