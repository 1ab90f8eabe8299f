"""The side panel's notes on people and bodies: the notes on anyone this article names.

A note on an entity is written once (in the index, `n`; edited there with `n` again, deleted with
`d`) and shown in every article naming it, whichever article it was written in and however this
one writes the name; once, when the article has it under two names ("Assad", "Bashar al-Assad").
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from services.sanitize import visible_text
from tui.reading import people_and_bodies

EMPTY = "none yet: W lists everyone, n there notes one"  # in the snapshots: keep it short


class EntityNotesView(Static):
    """Static text, one line per note: 'Name: note'."""

    def show(self, notes: list[dict], article_id: str, groups: list[dict]) -> None:
        from store.entity_notes import notes_for_group

        lines = Text()
        shown: set[str] = set()
        for group in people_and_bodies(groups):
            for note in notes_for_group(notes, article_id, group):
                if note["id"] in shown:
                    continue
                shown.add(note["id"])
                if lines:
                    lines.append("\n")
                lines.append(visible_text(group["name"]) + ": ", "bold")
                lines.append(visible_text(" ".join(note["note"].split())))
        self.update(lines or Text(EMPTY, "dim"))
