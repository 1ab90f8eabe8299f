"""The presscut app: global keys, the command palette, and the screens.

Nothing here imports spaCy: every analysis was stored at import time, and an import started
from the app loads the model in a worker thread.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from services.sanitize import visible_text
from store.collector import collector_paused
from store.errors import Stopped, StoreError
from tui.screens.main import STILL_READING, MainScreen
from tui.settings import load_settings
from tui.workers import cancelled

if TYPE_CHECKING:
    from services.importer import ImportReport
    from store.library import Library
    from tui.opening import LibraryOpening
    from tui.screens.exporting import ExportRequest

READ_AFTER_FIRST_FRAME = 0.05  # s


def collect_again() -> None:
    """Start-up is tens of thousands of objects that live as long as the app (modules, widgets,
    styles): the command line pauses the cycle collector while they are made (its passes over
    them cost 60-70 ms before the first screen) and the first drawn screen turns it back on,
    with them kept out of its passes from then on."""
    gc.freeze()
    gc.enable()


class LabelsWanted(Message):
    """The library's label tallies are to be counted (posted from whichever thread asked)."""


class PresscutApp(App):
    """Read a library of news articles with their entities and quotations highlighted."""

    CSS_PATH = ["app.tcss", "crossref.tcss", "story.tcss"]
    TITLE = "presscut"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("tab", "focus_next", "Next pane", show=False, id="next_pane"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="previous_pane"),
    ]

    def __init__(
        self, library: Library | None = None, opening: LibraryOpening | None = None
    ) -> None:
        """Give the library, or an opening: its cached list, drawn while a worker reads it."""
        super().__init__()
        assert library is not None or opening is not None
        self.library = library
        self.opening = opening
        self.failure: str | None = None  # why the library could not be read, if it could not
        self.settings = load_settings()
        self._use_settings()

    def _use_settings(self) -> None:
        """The user's theme and keys, before the first frame is drawn with them."""
        settings = self.settings
        if settings.keys:
            self.set_keymap(settings.keys)
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        elif settings.theme is not None and settings.problem is None:
            settings.problem = f"settings: no theme called {settings.theme!r}; using the default"

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every message of the app's, shown as text: they name titles, tags and file names, and
        what is in them (escape sequences, invisible characters, brackets) is shown, not obeyed."""
        super().notify(
            visible_text(message), title=visible_text(title), severity=severity,
            timeout=timeout, markup=markup,
        )  # fmt: skip

    def get_default_screen(self) -> Screen:
        if self.library is None and self.opening is not None:
            return MainScreen(None, self.opening.folder, self.opening.listed)
        return MainScreen(self.library)

    def on_mount(self) -> None:
        if self.settings.problem:
            self.notify(self.settings.problem, severity="warning", timeout=10)
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        self.call_after_refresh(collect_again)
        if self.library is not None:
            self._defer_label_tallies(self.library)
        if self.library is None and self.opening is not None:
            # The list is handed to the terminal on the next refresh, by the driver's writer
            # thread; reading the snapshot holds the interpreter for a fifth of a second, so it
            # starts a moment after, not before that frame is out.
            self.call_after_refresh(self.set_timer, READ_AFTER_FIRST_FRAME, self._read_library)

    def _theme_chosen(self, theme) -> None:
        if theme.name != self.settings.theme:
            self.settings.save(theme=theme.name)

    @work(thread=True, group="open")
    def _read_library(self) -> None:
        opening = self.opening
        assert opening is not None
        try:
            library = opening.read()
        except (StoreError, OSError) as error:  # damaged, or another process writes it
            self.failure = str(error)  # printed by the command line once the screen is gone
            self.call_from_thread(self.exit, return_code=1)
            return
        # Its list too, here rather than on the thread that draws, and with the collector paused
        # (10,000 rows; its passes over the library just read would cost more than they do).
        with collector_paused():
            rows = library.catalogue()
        try:
            self.call_from_thread(self._library_read, library, rows)
        except RuntimeError:  # the app was quit, and its loop is gone
            library.close()

    def _library_read(self, library: Library, rows: list[dict]) -> None:
        if not self.is_running:  # quit while the library was read: nobody else will close it
            library.close()
            return
        self.library = library
        self._defer_label_tallies(library)
        self.opening = None  # its cached list, megabytes on a large library, is done with
        screen = self.screen_stack[0]
        if isinstance(screen, MainScreen):
            screen.library_ready(library, rows)

    def _defer_label_tallies(self, library: Library) -> None:
        """Counting a library's labels without a current cache reads every article (seconds at
        10,000): never on this thread. Until they are counted no inferred rule is laid over the
        views, which take them in when they arrive."""
        library.label_tallies.defer_to(lambda: self.post_message(LabelsWanted()))

    def on_labels_wanted(self, _: LabelsWanted) -> None:
        self._tally_labels()

    @work(thread=True, group="labels", exit_on_error=False)
    def _tally_labels(self) -> None:
        library = self.library
        assert library is not None
        try:
            library.tally_labels(stop=cancelled)
        except Stopped:  # the app is quitting: Python would wait for this thread to end
            return
        with contextlib.suppress(RuntimeError):  # the app was quit meanwhile
            self.call_from_thread(self._labels_tallied)

    def _labels_tallied(self) -> None:
        """The open article shown under the rules the tallies infer (the who's who and the
        people index catch up by the rules' revision when next used)."""
        screen = self.screen_stack[0] if self.screen_stack else None
        if not isinstance(screen, MainScreen) or screen.article is None or self.library is None:
            return
        rules = self.library.rule_set()
        if rules is not screen.article.rules:
            screen.article.rules = rules
            screen.redraw_article()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Importing and exporting wait for the library to be read (the key shows dimmed)."""
        if action in ("import_files", "export") and self.library is None:
            return None
        return True

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

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
                "Rules", "Corrections applied in every article: list, remove, undo (R)",
                screen.action_rules,
            )
            if screen.library is not None:  # the palette skips `check_action`
                yield SystemCommand(
                    "Who's who", "Every person and body quoted or named, and by whom (W)",
                    screen.action_who,
                )
                yield SystemCommand(
                    "Story", "Charts: articles by day, who is quoted by whom, direct and "
                    "reported (S)", screen.action_story,
                )
                yield SystemCommand(
                    "Compare", "This article beside another: c here, then c on the other (c)",
                    screen.action_compare,
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
        if self.library is None:  # from the palette, which skips `check_action`
            self.notify(STILL_READING, timeout=3)
            return
        if self.library.read_only:
            self.notify("the library is open read-only", severity="warning")
            return
        from tui.screens.importing import ImportPrompt

        self.push_screen(ImportPrompt(), self._start_import)

    def _start_import(self, paths: list[Path | str] | None) -> None:
        from tui.screens.importing import ImportProgress

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
        if self.library is None:
            self.notify(STILL_READING, timeout=3)
            return
        title = screen.article.row.get("title") if screen.article else None
        tags = self.library.tag_names()
        from tui.screens.exporting import ExportPrompt

        self.push_screen(ExportPrompt(title, tags, Path.cwd()), self._confirm_export)

    def _confirm_export(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        if not request.path.exists():
            self._start_export(request)
            return
        from tui.screens.exporting import ConfirmOverwrite

        def answered(yes: bool | None) -> None:
            if yes:
                self._start_export(replace(request, force=True))

        self.push_screen(ConfirmOverwrite(request.path), answered)

    def _start_export(self, request: ExportRequest) -> None:
        from tui.screens.exporting import OPEN_ARTICLE

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
        from services.exports import write_format

        damaged: list[str] = []
        try:
            count = write_format(
                self.library, request.fmt, request.path,
                article_ids=article_ids, tag=tag, force=request.force, damaged=damaged,
            )  # fmt: skip
        except (StoreError, OSError) as error:
            message = f"export failed: {error}"
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            return
        except RuntimeError:  # the library changed under the reading: nothing was written
            message = "export stopped: the library changed while it was read; export again"
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            return
        from tui.wording import counted

        message = f"exported {counted(count, 'article')} as {request.fmt} to {request.path}"
        self.call_from_thread(self.notify, message, timeout=6)
        if damaged:
            left_out = counted(len(damaged), "damaged article")
            message = f"{left_out} left out: `presscut check` names them"
            self.call_from_thread(self.notify, message, severity="warning", timeout=10)
