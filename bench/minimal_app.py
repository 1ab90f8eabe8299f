"""The start-up reference: a minimal Textual app that draws one line."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

LINE = "presscut-bench minimal app"


class MinimalApp(App):
    def compose(self) -> ComposeResult:
        yield Static(LINE)


if __name__ == "__main__":
    MinimalApp().run()
