"""Importing from inside the app: a path prompt, then a progress bar while a worker analyses.

The analysis runs in a thread worker so the screen never freezes; the library is only touched
on the app's thread (``call_from_thread``), as it is not shared between threads. Escape stops the
import after the piece at work: every article saved so far stays, and so does closing the app.
"""

from __future__ import annotations

import shlex
import threading
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, ProgressBar
from textual.worker import Worker, WorkerState

from services.addresses import is_address
from services.importer import ImportReport, ImportStep, import_paths
from store.library import Library
from tui.workers import cancelled


class PathSuggester(Suggester):
    """Completes the last path typed from what is on disk."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(" ")
        typed = Path(last).expanduser()
        folder, stem = (typed, "") if last.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir())
        except OSError:
            return None
        for name in names:
            if name.startswith(stem) and not name.startswith("."):
                completed = last[: len(last) - len(stem)] + name
                return f"{head} {completed}".lstrip() if head else completed
        return None


class ImportPrompt(ModalScreen[list[Path | str] | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "complete", "Complete the path", priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                "Import files or folders (.txt, .md, .html) or web pages (https://…), "
                "separated by spaces:"
            )
            yield Input(
                placeholder="~/news/  https://example.org/story",
                suggester=PathSuggester(),
                id="import-paths",
            )
            yield Label(
                "tab or → completes the path · enter imports · escape cancels", classes="hint"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            words = shlex.split(event.value)
        except ValueError as error:
            self.notify(f"cannot read the paths: {error}", severity="error")
            return
        if words:
            self.dismiss([word if is_address(word) else Path(word).expanduser() for word in words])

    def action_complete(self) -> None:
        """Take the suggested path, as → does at the end of the line."""
        box = self.query_one(Input)
        box.cursor_position = len(box.value)
        box.action_cursor_right()

    def action_cancel(self) -> None:
        self.dismiss(None)


class _AppThreadLibrary:
    """The library calls an import makes, run on the app's thread."""

    def __init__(self, screen: ModalScreen, library: Library) -> None:
        self._call = screen.app.call_from_thread
        self._library = library

    def find_by_origin(self, origin: str) -> dict | None:
        return self._call(self._library.find_by_origin, origin)

    def holds_unchanged(self, origin: str, raw_hash: str) -> bool:
        return self._call(self._library.holds_unchanged, origin, raw_hash)

    def save_article(self, origin: str, raw_hash: str, row: dict, body: dict) -> str:
        return self._call(self._library.save_article, origin, raw_hash, row, body)

    def annotations(self, article: str) -> list[dict]:
        return self._call(self._library.annotations, article)

    def update_annotation(self, key: str, **changes) -> dict:
        return self._call(lambda: self._library.update_annotation(key, **changes))


class ImportProgress(ModalScreen[ImportReport]):
    """Shows the import as it goes; dismissed with the report when it is done or stopped."""

    BINDINGS = [Binding("escape", "stop", "Stop the import")]

    def __init__(self, library: Library, paths: list[Path | str]) -> None:
        super().__init__()
        self.library = library
        self.paths = paths
        self._stop_asked = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Reading files…", id="import-status")
            yield ProgressBar(id="import-bar", show_eta=False)

    def on_mount(self) -> None:
        self.run_import()

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def run_import(self) -> ImportReport:
        library = _AppThreadLibrary(self, self.library)
        paths = [path for path in self.paths if isinstance(path, Path)]
        urls = [url for url in self.paths if isinstance(url, str)]
        report = ImportReport()
        if paths:
            report = import_paths(library, paths, self._progress_from_thread, self._stopping)
        if urls and not self._stopping():
            from services.web_import import import_urls

            def fetched_progress(done: int, total: int, what: str) -> None:
                self._progress_from_thread(ImportStep(done, total, done, total, what))

            fetched = import_urls(library, urls, fetched_progress)
            for name, found in vars(fetched).items():
                if isinstance(found, list):
                    getattr(report, name).extend(found)
        return report

    def _stopping(self) -> bool:
        """Asked from the import's thread: stop when escape was pressed or the app closes."""
        return self._stop_asked.is_set() or cancelled()

    def action_stop(self) -> None:
        self._stop_asked.set()
        self.query_one("#import-status", Label).update("Stopping; the articles done are kept…")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Dismissed only once the worker has finished, so closing never cancels it midway."""
        if event.worker.group != "import":
            return
        if event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.notify(f"import stopped: {event.worker.error}", severity="error", timeout=10)
            self.dismiss(None)

    def _progress_from_thread(self, step: ImportStep) -> None:
        self.app.call_from_thread(self._show_progress, step)

    def _show_progress(self, step: ImportStep) -> None:
        if self._stop_asked.is_set():
            return
        self.query_one(ProgressBar).update(total=step.total, progress=step.done)
        status = f"Analysing {step.file} of {step.files}: {step.title}" if step.done else step.title
        self.query_one("#import-status", Label).update(status)
