"""The reader's side panel: who is named (with counts) and who said what.

Choosing an entry posts a message with the spans to show; the app moves the reader.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.sanitize import visible_text

QUOTE_PREVIEW = 48


class SidePanel(Vertical):
    class Jump(Message):
        """Show these [start, end] spans in the reader, the first one selected."""

        def __init__(self, spans: list[tuple[int, int]]) -> None:
            super().__init__()
            self.spans = spans

    def compose(self) -> ComposeResult:
        yield Label("People and bodies", classes="panel-title")
        yield OptionList(id="groups")
        yield Label("Quotations", classes="panel-title")
        yield OptionList(id="quotes")

    def show(self, text: str, analysis: dict) -> None:
        groups = sorted(analysis.get("groups", []), key=lambda g: (-g["count"], g["name"]))
        quotes = analysis.get("quotes", [])
        self._group_spans = [[tuple(m) for m in group["mentions"]] for group in groups]
        self._quote_spans = [[(quote["start"], quote["end"])] for quote in quotes]
        group_list = self.query_one("#groups", OptionList)
        group_list.clear_options()
        group_list.add_options(Option(group_line(group)) for group in groups)
        quote_list = self.query_one("#quotes", OptionList)
        quote_list.clear_options()
        quote_list.add_options(Option(quote_line(text, quote)) for quote in quotes)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        spans = self._group_spans if event.option_list.id == "groups" else self._quote_spans
        self.post_message(self.Jump(spans[event.option_index]))


def group_line(group: dict) -> Text:
    return Text.assemble(
        (visible_text(group["name"]), "bold"), f"  {group['label']} ×{group['count']}"
    )


def quote_line(text: str, quote: dict) -> Text:
    """'Speaker: "words…"' with the quote's kind shown by its marks."""
    words = " ".join(text[quote["start"] : quote["end"]].split())
    if len(words) > QUOTE_PREVIEW:
        words = words[: QUOTE_PREVIEW - 1] + "…"
    speaker = quote.get("speaker") or "unattributed"
    marks = '"{}"' if quote["kind"] == "direct" else "‹{}›"
    return Text.assemble(
        (visible_text(speaker), "bold"), ": ", visible_text(marks.format(words))
    )
