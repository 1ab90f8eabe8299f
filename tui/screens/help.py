"""`?`: every key of the current context, generated from the bindings that are active there."""

from __future__ import annotations

from rich.markup import escape
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

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
    """(context, keys, what it does), one row per action, keys that share it joined."""
    rows: dict[tuple[str, str], list[str]] = {}
    for active in bindings.values():
        binding, node = active.binding, active.node
        what = binding.description or binding.action.replace("_", " ")
        context = CONTEXT_NAMES.get(type(node).__name__, type(node).__name__)
        rows.setdefault((context, what), []).append(key_label(binding, node))
    return [
        (context, " ".join(dict.fromkeys(keys)), what) for (context, what), keys in rows.items()
    ]


class HelpScreen(ModalScreen):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def __init__(self, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self.rows = help_rows(bindings)

    def compose(self) -> ComposeResult:
        lines: list[str] = []
        context = None
        for row_context, keys, what in sorted(self.rows, key=lambda row: row[0] != "Everywhere"):
            if row_context != context:
                context = row_context
                lines.append(f"\n[b]{context}[/b]")
            lines.append(f"  [b $accent]{escape(keys):>16}[/]  {escape(what)}")
        with VerticalScroll(id="help-body"):
            yield Static("[b]presscut keys[/b]  (escape closes)" + "\n".join(lines))
