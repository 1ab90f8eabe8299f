"""Files in, analysed articles out: the one path from sources through `nlp` into the store.

The CLI and the app both import through here. `nlp` is imported inside the functions, never at
module level, so that opening the app never waits for spaCy.

Each source is analysed and saved on its own (`save_analysed`): a file that cannot be read or
analysed is reported in one line and the others go in, and an import stopped midway keeps every
article saved before the stop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from store.anchoring import reanchor_article
from store.corrected_fields import listed_fields
from store.ids import article_id, content_hash
from store.library import Library

if TYPE_CHECKING:
    from nlp.records import Analysis, Document


@dataclass(frozen=True)
class ImportStep:
    """How far an import has got. The bar follows the characters analysed, so a file of
    megabytes moves it as it goes; the label names the file at work."""

    done: int  # characters of reading text analysed, over all files
    total: int
    file: int  # which file is being analysed (from 1), of ``files``
    files: int
    title: str


Progress = Callable[[ImportStep], None]
CountProgress = Callable[[int, int, str], None]  # done, total, what: the web's fetches and imports
Stop = Callable[[], bool]  # asked as the analysis goes: true to stop the import there


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line per file: name and why
    orphaned: list[str] = field(default_factory=list)  # articles whose annotations lost their place
    not_done: int = 0  # files left out because the import was stopped
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
        if self.not_done:
            parts.append(f"stopped before {self.not_done} (import again to add them)")
        summary = ", ".join(parts)
        skipped = self.skipped_line()
        return "\n".join([summary, *([skipped] if skipped else []), *self.orphaned])


@dataclass
class Source:
    """A document read from somewhere (a file, a web page), ready to analyse and save."""

    origin: str  # what the library knows the article by: a file's resolved path, a URL
    raw_hash: str
    document: Document


def catalogue_row(origin: str, document: dict, analysis: dict) -> dict:
    """What the library list needs of an article, kept apart from its heavy body."""
    return {
        "path": origin,
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


def save_analysed(library: Library, source: Source, analysis: Analysis, report: ImportReport
                  ) -> None:
    """Save one analysed source as an article (re-anchoring its annotations if it changed)."""
    document = asdict(source.document)
    found = analysis.to_dict()
    body = {
        "original": document["original"],
        "text": document["text"],
        "boilerplate": document["boilerplate"],
        "analysis": found,
    }
    row = catalogue_row(source.origin, document, found)
    outcome = library.save_article(source.origin, source.raw_hash, row, body)
    getattr(report, outcome).append(document["title"])
    if outcome == "updated":
        _, orphaned = reanchor_article(library, article_id(source.origin), document["text"])
        if orphaned:
            report.orphaned.append(f"{document['title']}: {orphaned} annotations to review")


def read_sources(library: Library, paths: Sequence[Path], report: ImportReport) -> list[Source]:
    """The files the paths name, read and cleaned, less those unchanged since their import;
    each file that cannot be read goes to ``report.failed``."""
    from nlp.errors import BadInput
    from nlp.sources import iter_source_files, read_document

    sources: list[Source] = []
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
        sources.append(Source(origin, raw_hash, document))
    return sources


def import_sources(
    library: Library,
    sources: list[Source],
    report: ImportReport,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> None:
    """Analyse the sources (in worker processes when there is much to do) and save each one as
    its analysis comes; one that cannot be analysed is reported and the others go on."""
    from nlp.analyse import analyse_texts
    from nlp.errors import Stopped
    from nlp.records import Refused

    if not sources:
        return
    # Analyses are saved in the order given: shortest first, so a huge file, however long it
    # takes or if it is stopped, never holds back the saving of the others.
    sources = sorted(sources, key=lambda source: len(source.document.text))
    total = sum(len(source.document.text) for source in sources)
    analysed = [0] * len(sources)
    done = 0

    def on_piece(index: int, end: int) -> None:
        nonlocal done
        if stop is not None and stop():
            raise Stopped
        done += end - analysed[index]
        analysed[index] = end
        if progress is not None:
            title = sources[index].document.title
            progress(ImportStep(done, total, index + 1, len(sources), title))

    if progress is not None:
        progress(ImportStep(0, total, 1, len(sources), "loading the language model"))
    saved = 0
    results = analyse_texts((source.document.text for source in sources), progress=on_piece)
    try:
        for source, result in zip(sources, results, strict=True):
            if isinstance(result, Refused):
                report.failed.append(f"{source.origin}: {result.reason}")
            else:
                save_analysed(library, source, result, report)
            saved += 1
            if stop is not None and stop() and saved < len(sources):
                raise Stopped
    except Stopped:
        report.not_done = len(sources) - saved
    finally:
        results.close()  # ends the worker processes of an import stopped early


def import_paths(
    library: Library,
    paths: Sequence[Path],
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> ImportReport:
    """Import files and folders; a bad file is reported and the others still go in."""
    from nlp.sources import skipped_in_folders

    report = ImportReport(skipped=dict(skipped_in_folders(list(paths))))
    import_sources(library, read_sources(library, paths, report), report, progress, stop)
    return report


def import_documents(
    library: Library,
    pending: Sequence[tuple[str, str, dict]],
    report: ImportReport,
    progress: CountProgress | None = None,
) -> None:
    """`import_sources` for documents read elsewhere (web pages, feed entries), given as
    (origin, hash of the raw text, the document's fields), with progress as counts."""
    from nlp.records import Document

    sources = [Source(origin, raw_hash, Document(**fields)) for origin, raw_hash, fields in pending]

    def step(at: ImportStep) -> None:
        if progress is not None:
            progress(at.done, at.total, at.title)

    import_sources(library, sources, report, step)
