"""The presscut app: global keys, the command palette, and the screens.

Nothing here imports spaCy: every analysis was stored at import time, and an import started
from the app loads the model in a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from store.errors import StoreError
from store.library import Library
from tui.exports import write_format
from tui.importer import ImportReport
from tui.screens.exporting import (
    OPEN_ARTICLE,
    ConfirmOverwrite,
    ExportPrompt,
    ExportRequest,
)
from tui.screens.help import HelpScreen
from tui.screens.importing import ImportProgress, ImportPrompt
from tui.screens.main import MainScreen


class PresscutApp(App):
    """Read a library of news articles with their entities and quotations highlighted."""

    CSS_PATH = ["app.tcss", "crossref.tcss"]
    TITLE = "presscut"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("tab", "focus_next", "Next pane", show=False, id="next_pane"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="previous_pane"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def get_default_screen(self) -> Screen:
        return MainScreen(self.library)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            yield SystemCommand(
                "Import files", "Import files or folders into the library", self.action_import_files
            )
            yield SystemCommand(
                "Export annotations",
                "Write annotations as JSON, Prodigy, doccano, brat, W3C, spaCy or CSV (X)",
                self.action_export,
            )
            yield SystemCommand(
                "Toggle side panel", "Show or hide the side panel", screen.action_toggle_panel
            )
            yield SystemCommand(
                "Toggle original text",
                "Show the article as imported, boilerplate and all",
                screen.action_toggle_original,
            )

    def action_import_files(self) -> None:
        if self.library.read_only:
            self.notify("the library is open read-only", severity="warning")
            return
        self.push_screen(ImportPrompt(), self._start_import)

    def _start_import(self, paths: list[Path] | None) -> None:
        if paths:
            self.push_screen(ImportProgress(self.library, paths), self._import_done)

    def _import_done(self, report: ImportReport | None) -> None:
        if report is None:
            return
        for line in report.failed:
            self.notify(line, severity="error", timeout=10)
        self.notify(f"import: {report.summary()}", timeout=5)
        if isinstance(self.screen, MainScreen):
            self.screen.reload_library()

    def action_export(self) -> None:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        title = screen.article.row.get("title") if screen.article else None
        tags = self.library.tag_names()
        self.push_screen(ExportPrompt(title, tags, Path.cwd()), self._confirm_export)

    def _confirm_export(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        if not request.path.exists():
            self._start_export(request)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._start_export(replace(request, force=True))

        self.push_screen(ConfirmOverwrite(request.path), answered)

    def _start_export(self, request: ExportRequest) -> None:
        screen = self.screen
        article_ids, tag = None, None
        if request.scope == OPEN_ARTICLE and isinstance(screen, MainScreen) and screen.article:
            article_ids = [screen.article.row["id"]]
        elif request.scope.startswith("tag:"):
            tag = request.scope.removeprefix("tag:")
        self.notify(f"exporting to {request.path}…", timeout=3)
        self._write_export(request, article_ids, tag)

    @work(thread=True, group="export", exit_on_error=False)
    def _write_export(
        self, request: ExportRequest, article_ids: list[str] | None, tag: str | None
    ) -> None:
        """Reading every article of a large library takes seconds: all of it in a worker."""
        try:
            count = write_format(
                self.library, request.fmt, request.path,
                article_ids=article_ids, tag=tag, force=request.force,
            )  # fmt: skip
        except (StoreError, OSError) as error:
            message = f"export failed: {error}"
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            return
        except RuntimeError:  # the library changed under the reading: nothing was written
            message = "export stopped: the library changed while it was read; export again"
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            return
        self.call_from_thread(
            self.notify, f"exported {count} articles as {request.fmt} to {request.path}", timeout=6
        )
