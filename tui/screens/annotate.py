"""The dialogs of annotating: a tag prompt, a note editor, and a menu of corrections."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from services.sanitize import visible_text
from tui.screens.confirm import Confirm


class TagPrompt(ModalScreen[str | None]):
    """One line for a tag, completing the tags already in use."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, what: str, known_tags: list[str], current: str = "") -> None:
        super().__init__()
        self.what = what
        self.known_tags = known_tags
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Tag {visible_text(self.what)}:")
            yield Input(
                self.current,
                placeholder="verify, follow-up…",
                suggester=SuggestFromList(self.known_tags, case_sensitive=False),
                id="tag",
            )
            yield Label("→ completes · enter saves · escape cancels", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        tag = " ".join(event.value.split())
        if tag:
            self.dismiss(tag)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDiscard(Confirm):
    def __init__(self) -> None:
        super().__init__("Discard the changes to this note?", "discard", "keep editing")


class NoteEditor(ModalScreen[str | None]):
    """A multi-line note; saving (ctrl+s) and cancelling (escape) are explicit."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, what: str = "", text: str = "", *, title: str | None = None) -> None:
        """A note on ``what`` (titled "Note on WHAT:"), or with a ``title`` of its own."""
        super().__init__()
        self.title_text = title or f"Note on {what}:"
        self.original = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog"):
            yield Label(visible_text(self.title_text))
            yield TextArea(self.original, id="note", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        if self.query_one(TextArea).text == self.original:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDiscard(), answered)


class ChoiceMenu(ModalScreen[str | None]):
    """Pick one of a few labelled choices; the value of the chosen one is returned."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(visible_text(self.title_text))
            yield OptionList(
                *(Option(visible_text(label), id=value) for label, value in self.choices),
                id="choices",
            )
            yield Label("enter chooses · escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
