"""Taking presscut's own export back into a library, merged by id and never duplicated.

An article and an annotation are each known by their id: one the library lacks is added as
exported, ids and times included; one it has is replaced only when the export's ``updated`` is
newer, so importing the same export twice changes nothing and the user's later work is never
rolled back. The file is checked against ``store/export.schema.json`` before anything is
written, so a bad file leaves the library as it was and is reported in one line; each article
is then checked whole (`store.validation`: types, ids, offsets within its text) and one that
fails is refused in one line while the others go in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from store.anchoring import reanchor_article
from store.errors import NotFound, StoreError
from store.export_json import ARTICLE_FIELDS, EXPORT_FORMAT
from store.library import Library
from store.validation import article_problem, schema_problem, top_validator

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
    refused: list[str] = field(default_factory=list)  # one line per article: which and why

    def summary(self) -> str:
        notes = self.annotations
        refused = f", {len(self.refused)} refused" if self.refused else ""
        line = (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged{refused}; annotations: {notes['added']} added, "
            f"{notes['updated']} updated, {notes['unchanged']} unchanged"
        )
        return "\n".join([line, *self.orphaned])


def check_export(export: Any, name: str) -> None:
    """Raise ``BadExport`` naming the first problem of the file around its articles (which
    `article_problem` checks one by one, so one bad article does not keep out the others)."""
    if not isinstance(export, dict) or export.get("format") != EXPORT_FORMAT:
        raise BadExport(f'{name}: not a presscut export (no "format": "{EXPORT_FORMAT}")')
    problem = schema_problem(top_validator(), export)
    if problem is not None:
        raise BadExport(f"{name}: not a valid presscut export: {problem}")


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
    # The article's own fields last: checked ones are never overridden by the catalogue's.
    row = {**article["catalogue"], **{name: article[name] for name in ARTICLE_FIELDS}}
    body = {name: article[name] for name in BODY_FIELDS}
    return row, body


def _merge_article(library: Library, article: dict, report: MergeReport) -> bool:
    """Add or update the article from the export; whether the library now holds its text."""
    row, body = _row_and_body(article)
    known = library.find_by_origin(row["origin"])  # checked: the id is the origin's
    if known is None:
        library.put_article(row, body)
        report.added.append(row["title"])
    elif row["updated"] > known["updated"] or not library.text_is_whole(known["id"]):
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
    for number, article in enumerate(export["articles"]):
        problem = article_problem(article)
        if problem is not None:
            report.refused.append(f"{_named(article, number)} refused: {problem}")
            continue
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


def _named(article: dict, number: int) -> str:
    """An article of an export as a refusal names it: its place, and its title if it has one."""
    title = article.get("title")
    return f"article {number + 1}" + (f" ({title!r})" if isinstance(title, str) else "")


def import_export(library: Library, path: Path) -> MergeReport:
    """Merge the export in the file; each article refused is named in ``refused``, with the
    file's name, and the others go in."""
    report = merge_export(library, read_export(path))
    report.refused = [f"{path}: {line}" for line in report.refused]
    return report
