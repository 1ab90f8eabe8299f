"""Files in, analysed articles out: the one path from sources through `nlp` into the store.

The CLI and the app both import through here. `nlp` is imported inside the functions, never at
module level, so that opening the app never waits for spaCy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from store.anchoring import reanchor_article
from store.corrected_fields import listed_fields
from store.ids import article_id, content_hash
from store.library import Library

Progress = Callable[[int, int, str], None]  # done, total, what is being worked on


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line per file: name and why
    orphaned: list[str] = field(default_factory=list)  # articles whose annotations lost their place
    skipped: dict[str, int] = field(default_factory=dict)  # files in folders that are no articles

    def skipped_line(self) -> str | None:
        """'3 other files skipped (.pdf ×2, .png): presscut reads .htm, .html, .markdown, .md,
        .txt', or None when the folders held only articles."""
        if not self.skipped:
            return None
        from nlp.sources import FORMATS

        count = sum(self.skipped.values())
        kinds = ", ".join(
            (suffix or "no ending") + (f" ×{number}" if number > 1 else "")
            for suffix, number in sorted(self.skipped.items(), key=lambda item: -item[1])
        )
        files = "file" if count == 1 else "files"
        return (
            f"{count} other {files} skipped ({kinds}): presscut reads "
            f"{', '.join(sorted(FORMATS))}"
        )

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        summary = ", ".join(parts)
        skipped = self.skipped_line()
        return "\n".join([summary, *([skipped] if skipped else []), *self.orphaned])


def catalogue_row(path: Path | str, document: dict, analysis: dict) -> dict:
    """What the library list needs of an article, kept apart from its heavy body."""
    return {
        "path": str(path),
        "title": document["title"],
        "section": document.get("section"),
        "source": document.get("source"),
        "published": document.get("published"),
        "byline": document.get("byline"),
        "dateline": document.get("dateline"),
        "format": document["format"],
        "words": len(document["text"].split()),
        **listed_fields(analysis),
        "model": analysis["model"],
    }


def import_paths(
    library: Library, paths: Sequence[Path], progress: Progress | None = None
) -> ImportReport:
    """Import files and folders; a bad file is reported and the others still go in."""
    from nlp.errors import BadInput
    from nlp.sources import iter_source_files, read_document, skipped_in_folders

    report = ImportReport(skipped=dict(skipped_in_folders(list(paths))))
    pending: list[tuple[str, str, dict]] = []
    for item in iter_source_files(list(paths)):
        if isinstance(item, BadInput):
            report.failed.append(str(item))
            continue
        try:
            document = read_document(item)
        except BadInput as error:
            report.failed.append(str(error))
            continue
        origin = str(item.resolve())
        raw_hash = content_hash(document.original)
        if library.holds_unchanged(origin, raw_hash):
            report.unchanged.append(library.find_by_origin(origin)["title"])
            continue
        pending.append((str(item.resolve()), raw_hash, asdict(document)))
    import_documents(library, pending, report, progress)
    return report


def import_documents(
    library: Library,
    pending: Sequence[tuple[str, str, dict]],
    report: ImportReport,
    progress: Progress | None = None,
) -> None:
    """Analyse documents read from their sources and save them, each known by its origin (a
    file's path, a page's canonical address) with the hash of its raw text; an article that
    changed is updated in place and its annotations placed again in its new text."""
    from nlp.analyse import analyse_texts

    total = len(pending)
    if not total:
        return
    if progress:
        progress(0, total, "loading the language model")
    analyses = analyse_texts(document["text"] for _, _, document in pending)
    for done, ((origin, raw_hash, document), analysis) in enumerate(
        zip(pending, analyses, strict=True), start=1
    ):
        found = analysis.to_dict()
        body = {
            "original": document["original"],
            "text": document["text"],
            "boilerplate": document["boilerplate"],
            "analysis": found,
        }
        row = catalogue_row(origin, document, found)
        outcome = library.save_article(origin, raw_hash, row, body)
        getattr(report, outcome).append(document["title"])
        if outcome == "updated":
            _, orphaned = reanchor_article(library, article_id(origin), document["text"])
            if orphaned:
                report.orphaned.append(f"{document['title']}: {orphaned} annotations to review")
        if progress:
            progress(done, total, document["title"])
