"""A yes-or-no question in a dialog, answered with y or n (escape is no)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from services.sanitize import visible_text


class Confirm(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.keys = f"y: {yes} · n: {no}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(visible_text(self.question))
            yield Label(self.keys, classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
