"""Exporting from inside the app: a dialog for the format, the articles and the path.

The dialog only gathers the choice; `tui.app` reads the library on its own thread and writes
the file in a worker, since two formats load spaCy's tokenizer first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from services.export_formats import EXPORT_FORMATS, FORMAT_TITLES, default_name
from services.sanitize import visible_text
from tui.screens.confirm import Confirm
from tui.screens.importing import PathSuggester

EVERY_ARTICLE = "*"
OPEN_ARTICLE = "open"


@dataclass(frozen=True)
class ExportRequest:
    """What to export where. ``scope`` is EVERY_ARTICLE, OPEN_ARTICLE or ``tag:NAME``."""

    fmt: str
    scope: str
    path: Path
    force: bool = False


class ExportPrompt(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, open_title: str | None, tags: list[str], folder: Path) -> None:
        super().__init__()
        self.open_title = open_title
        self.tags = tags
        self.folder = folder

    def compose(self) -> ComposeResult:
        scopes = [("every article", EVERY_ARTICLE)]
        if self.open_title:
            scopes.append((f"this article: {visible_text(self.open_title)[:40]}", OPEN_ARTICLE))
        scopes += [(f"articles tagged {visible_text(tag)}", f"tag:{tag}") for tag in self.tags]
        with Vertical(classes="dialog"):
            yield Label("Export annotations")
            yield Select(
                [(FORMAT_TITLES[fmt], fmt) for fmt in EXPORT_FORMATS],
                value="json",
                allow_blank=False,
                id="export-format",
            )
            yield Select(scopes, value=EVERY_ARTICLE, allow_blank=False, id="export-scope")
            yield Input(
                str(self.folder / default_name("json")),
                suggester=PathSuggester(),
                id="export-path",
            )
            yield Label("tab moves · enter on the path exports · escape cancels", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new format renames a path the user has left as it was suggested."""
        if event.select.id != "export-format":
            return
        box = self.query_one("#export-path", Input)
        path = Path(box.value)
        if path.name in {default_name(fmt) for fmt in EXPORT_FORMATS}:
            box.value = str(path.with_name(default_name(str(event.value))))

    def on_input_submitted(self) -> None:
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.submit()
        else:
            self.action_cancel()

    def submit(self) -> None:
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self.notify("name a file to export to", severity="warning")
            return
        self.dismiss(
            ExportRequest(
                fmt=str(self.query_one("#export-format", Select).value),
                scope=str(self.query_one("#export-scope", Select).value),
                path=Path(typed).expanduser(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmOverwrite(Confirm):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} exists. Replace it?", "replace", "keep it")
