"""`?`: every key of the current context, generated from the bindings that are active there."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

# TextArea's editing keys, which do nothing in the read-only reader (only TextArea's own
# bindings are left out: presscut's "toggle_panel" or "undo" are not TextArea's).
INERT_ACTIONS = ("delete_", "cut", "paste", "undo", "redo", "toggle_")
CONTEXT_NAMES = {
    "ArticleTable": "Library",
    "ArticleText": "Reader",
    "AnnotationList": "Side panel: annotations",
    "OptionList": "Side panel",
    "RelatedList": "Side panel: related articles",
    "DataTable": "List",
    "Input": "Text box",
    "MainScreen": "Library and reader",
    "PeopleScreen": "Who's who",
    "RulesScreen": "Rules",
    "CompareScreen": "Comparison",
    "PresscutApp": "Everywhere",
}


def context_name(node: object) -> str:
    """The pane a key belongs to, in words: a known one's name, else its class's words
    ("EntityNotesView" -> "Entity notes view")."""
    name = type(node).__name__
    if name in CONTEXT_NAMES:
        return CONTEXT_NAMES[name]
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", name.removesuffix("Screen")) or [name]
    return " ".join(words).capitalize()


def inert(binding: Binding, node: object) -> bool:
    """An editing key of TextArea's own, idle in the read-only reader."""
    return (
        isinstance(node, TextArea)
        and node.read_only
        and binding.action.startswith(INERT_ACTIONS)
        and any(binding.action == b.action for b in TextArea.BINDINGS)
    )


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
        if inert(binding, node):
            continue
        what = binding.description or binding.action.replace("_", " ")
        context = context_name(node)
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
