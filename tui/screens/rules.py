"""The library's rules (`store.rules`): corrections said once for every article, listed, and
below them the rules the library infers from its articles' labels (`store.label_tallies`).

``d`` removes the highlighted rule, ``u`` and ``ctrl+r`` undo and redo; each change goes through
the caller's `Annotator` (so the main screen's undo covers it too) and ``on_change`` lets the
caller show it at once in the reader and the side panel.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from services.annotator import Annotator, Step
from services.sanitize import visible_text
from store.rules import rule_words
from tui.saving import saved

EMPTY = ("No rules yet. In the reader, c on a name then Everywhere makes one; "
         "or `presscut rules add` from the shell.")
INFERRED = ("an inferred rule is the library's own (most articles agree on the label): "
            "to override it, c on the name in the reader, then Everywhere")


class RulesScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="rules_back"),
        Binding("d", "remove", "Remove rule", id="rules_remove"),
        Binding("u", "undo", "Undo", id="rules_undo"),
        Binding("ctrl+r", "redo", "Redo", id="rules_redo", show=False),
    ]

    def __init__(self, annotator: Annotator, on_change: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.annotator = annotator
        self.on_change = on_change  # told after every saved change, to show it elsewhere
        self.rules: list[dict] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="rules-pane"):
            yield Label("Rules: corrections applied in every article", classes="panel-title")
            yield DataTable(id="rules-table", cursor_type="row", zebra_stripes=True)
            yield Label("", id="rules-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Id", key="id")
        table.add_column("Kind", key="kind")
        table.add_column("Rule", key="rule")
        table.add_column("Made", key="made")
        self.refresh_table()
        table.focus()

    def refresh_table(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        library = self.annotator.library
        self.rules = [*library.rules(), *library.inferred_rules()]
        table.clear()
        for rule in self.rules:
            kind = "inferred" if rule.get("inferred") else rule["kind"]
            made = (rule.get("created") or "")[:16].replace("T", " ")
            table.add_row(rule["id"], kind, visible_text(rule_words(rule)), made,
                          key=rule["id"])
        if self.rules:
            table.move_cursor(row=min(max(row, 0), len(self.rules) - 1))
        self.query_one("#rules-empty", Label).update("" if self.rules else EMPTY)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_remove(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.rules):
            self.notify("no rule to remove", severity="warning")
            return
        rule = self.rules[row]
        if rule.get("inferred"):
            self.notify(INFERRED, severity="warning")
            return
        what = f"rule {rule_words(rule)}"
        self._change(lambda: self.annotator.remove_rule(rule["id"], what),
                     f"removed {what}: u undoes")

    def action_undo(self) -> None:
        self._history(self.annotator.undo, "undone", "nothing to undo")

    def action_redo(self) -> None:
        self._history(self.annotator.redo, "redone", "nothing to redo")

    def _history(self, move: Callable[[], Step | None], done: str, nothing: str) -> None:
        """Undo and redo here take back rules only: a tag or a note is the reader's to undo."""
        waiting = self.annotator.next_undo() if done == "undone" else self.annotator.next_redo()
        if waiting is None or not waiting.rule:
            self.notify(nothing if waiting is None else f"{nothing} here: the last change is "
                        "not a rule (undo it in the reader)", severity="warning")
            return
        self._change(move, f"{done}: {waiting.what}")

    def _change(self, change: Callable[[], object], done: str) -> None:
        if not saved(self, change):
            return
        self.refresh_table()
        if self.on_change is not None:
            self.on_change()
        self.notify(done, timeout=3)
