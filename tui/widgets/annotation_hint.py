"""One line under the reader: the tags and notes on the passage the cursor is in.

Annotated passages are underlined twice in the text (`tui.reader_styles`, "annotated"); what
they say shows here when the cursor enters one, so a tag or a note is at hand without the side
panel.
"""

from __future__ import annotations

from textual.widgets import Static

from services.quoting import clip
from services.sanitize import visible_text

NOTE_PREVIEW = 80


def annotations_at(annotations: list[dict], offset: int) -> list[dict]:
    """The tags and notes whose passage holds ``offset`` (its end included: the cursor just
    after a word is still on it)."""
    return [
        annotation
        for annotation in annotations
        if annotation["kind"] in ("tag", "note")
        and annotation.get("target")
        and not annotation.get("orphan")
        and annotation["target"]["start"] <= offset <= annotation["target"]["end"]
    ]


def hint_line(annotations: list[dict]) -> str:
    """'#verify #follow-up · note: the figure is from 2010' (tags first)."""
    tags = [f"#{a['tag']}" for a in annotations if a["kind"] == "tag"]
    notes = [
        "note: " + clip(" ".join(a["note"].split()), NOTE_PREVIEW)
        for a in annotations
        if a["kind"] == "note"
    ]
    return visible_text(" · ".join([" ".join(tags)] * bool(tags) + notes))


class AnnotationHint(Static):
    """Hidden while the cursor is in no annotated passage."""

    _line = ""

    def show_at(self, annotations: list[dict], offset: int) -> None:
        """Asked at every move of the cursor; the line is only set again when it changes, as
        setting it lays the whole screen out again (a third of a key's time in the reader)."""
        line = hint_line(annotations_at(annotations, offset))
        if line == self._line:
            return
        self._line = line
        self.update(line)
        self.display = bool(line)
