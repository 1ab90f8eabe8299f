"""`?`: every key of the current context, generated from the bindings that are active there."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INERT_ACTIONS = ("delete_", "cut", "paste", "undo", "redo", "toggle_")  # TextArea editing keys
CONTEXT_NAMES = {
    "ArticleTable": "Library",
    "ArticleText": "Reader",
    "OptionList": "Side panel",
    "Input": "Text box",
    "MainScreen": "Screen",
    "PresscutApp": "Everywhere",
}


def key_label(binding: Binding, node: object) -> str:
    app = node if isinstance(node, App) else getattr(node, "app", None)
    return app.get_key_display(binding) if app else binding.key


def help_rows(bindings: dict[str, ActiveBinding]) -> list[tuple[str, str, str]]:
    """(context, keys, what it does), one row per action, keys that share it joined.

    Contexts come in the order of the focus chain (the focused pane first); within one, the
    keys presscut declares come before those its widgets inherit from Textual (cursor moves).
    Editing keys the read-only reader inherits do nothing there and are left out.
    """
    rows: dict[tuple[str, str], list[str]] = {}
    order: dict[tuple[str, str], tuple[int, int]] = {}
    chain: list[str] = []
    for active in bindings.values():
        binding, node = active.binding, active.node
        if binding.action.startswith(INERT_ACTIONS):
            continue
        what = binding.description or binding.action.replace("_", " ")
        context = CONTEXT_NAMES.get(type(node).__name__, type(node).__name__)
        if context not in chain:
            chain.append(context)
        declared = {(b.action, b.description) for b in type(node).__dict__.get("BINDINGS", [])}
        own = (binding.action, binding.description) in declared or binding.key.isdigit()
        rows.setdefault((context, what), []).append(key_label(binding, node))
        order.setdefault((context, what), (0 if own else 1, len(order)))
    ranked = sorted(rows, key=lambda row: (chain.index(row[0]), order[row]))
    return [
        (context, " ".join(dict.fromkeys(rows[context, what])), what) for context, what in ranked
    ]


class HelpScreen(ModalScreen):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def __init__(self, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self.rows = help_rows(bindings)

    def compose(self) -> ComposeResult:
        key_style = f"bold {self.app.current_theme.accent or 'yellow'}"
        body = Text.assemble(("presscut keys", "bold"), "  (escape closes)")
        context = None
        for row_context, keys, what in self.rows:
            if row_context != context:
                context = row_context
                body.append(f"\n\n{context}", style="bold")
            body.append(f"\n  {keys:>16}", style=key_style)
            body.append(f"  {what}")
        with VerticalScroll(id="help-body"):
            yield Static(body)
