"""The reader's header: headline, then source, date and byline."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from services.sanitize import visible_text


class ArticleHeader(Static):
    def show(self, row: dict) -> None:
        details = [row.get(key) for key in ("source", "published", "byline", "section")]
        header = Text(visible_text(row.get("title") or "Untitled"), style="bold")
        line = " · ".join(visible_text(str(value)) for value in details if value)
        if line:
            header.append("\n" + line, style="dim")
        self.update(header)
