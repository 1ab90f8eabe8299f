"""The command line's progress bar for an import, and ctrl+c as a stop that keeps what is done.

The analysis is the slow part: the bar follows the characters analysed, piece by piece, so a
file of megabytes moves it too.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from cli.terminal import unfiltered
from services.importer import ImportReport, ImportStep, import_paths
from services.sanitize import visible_text
from store.library import Library

LABEL_CHARS = 40


@contextmanager
def stop_on_interrupt() -> Iterator[Callable[[], bool]]:
    """While inside: the first ctrl+c asks the import to stop (every article saved so far is
    kept, and the report says how many were left out); a second one quits at once."""
    asked = False

    def interrupted(signum: int, frame: object) -> None:
        nonlocal asked
        if asked:
            raise KeyboardInterrupt
        asked = True

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield lambda: asked
    finally:
        signal.signal(signal.SIGINT, previous)


def import_with_progress(library: Library, paths: list[Path]) -> ImportReport:
    """Import with a live bar on a terminal, and quietly when stderr is a pipe or a file."""
    console = Console(file=unfiltered(sys.stderr))  # the bar's own sequences must get through
    with stop_on_interrupt() as stop:
        if not console.is_terminal:
            return import_paths(library, paths, stop=stop)
        columns = (
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("reading files", total=None)

            def advance(step: ImportStep) -> None:
                title = step.title
                label = title if len(title) <= LABEL_CHARS else title[: LABEL_CHARS - 1] + "…"
                description = f"analysing {step.file}/{step.files} {escape(visible_text(label))}"
                bar.update(task, completed=step.done, total=step.total, description=description)

            return import_paths(library, paths, advance, stop)
