"""The command line's progress bar for an import: the analysis is the slow part."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.terminal import unfiltered
from services.importer import ImportReport, import_paths
from services.sanitize import visible_text
from store.library import Library


def import_with_progress(library: Library, paths: list[Path]) -> ImportReport:
    """Import with a live bar on a terminal, and quietly when stderr is a pipe or a file."""
    console = Console(file=unfiltered(sys.stderr))  # the bar's own sequences must get through
    if not console.is_terminal:
        return import_paths(library, paths)
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("reading files", total=None)

        def advance(done: int, total: int, what: str) -> None:
            label = visible_text(what if len(what) <= 40 else what[:39] + "…")
            bar.update(task, completed=done, total=total, description=f"analysing {escape(label)}")

        return import_paths(library, paths, advance)
