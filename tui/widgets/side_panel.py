"""The reader's side panel: who is named (with counts) and who said what.

Choosing an entry posts a message with the spans to show; the app moves the reader.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from services.quoting import clip, quoted
from services.sanitize import visible_text
from tui.reading import people_and_bodies
from tui.widgets.entity_notes_view import EntityNotesView
from tui.widgets.paged_list import PagedList
from tui.widgets.related_list import RelatedList

QUOTE_PREVIEW = 48


class AnnotationList(OptionList):
    """The article's annotations: enter jumps to one, e edits it, d deletes it."""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="edit_annotation"),
        Binding("d", "delete", "Delete", id="delete_annotation"),
        Binding("u", "screen.undo", "Undo", id="panel_undo"),
        Binding("ctrl+r", "screen.redo", "Redo", id="panel_redo", show=False),
    ]

    class Edit(Message):
        def __init__(self, annotation: dict) -> None:
            super().__init__()
            self.annotation = annotation

    class Delete(Edit):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.annotations: list[dict] = []

    def _highlighted_annotation(self) -> dict | None:
        index = self.highlighted
        return self.annotations[index] if index is not None and self.annotations else None

    def action_edit(self) -> None:
        if annotation := self._highlighted_annotation():
            self.post_message(self.Edit(annotation))

    def action_delete(self) -> None:
        if annotation := self._highlighted_annotation():
            self.post_message(self.Delete(annotation))


class SidePanel(Vertical):
    class Jump(Message):
        """Show these [start, end] spans in the reader, the first one selected."""

        def __init__(self, spans: list[tuple[int, int]]) -> None:
            super().__init__()
            self.spans = spans

    def compose(self) -> ComposeResult:
        yield Label("People and bodies", classes="panel-title")
        yield PagedList("people and bodies", id="groups")
        yield Label("Quotations", classes="panel-title")
        yield PagedList("quotations", id="quotes")
        yield Label("Annotations", classes="panel-title")
        yield AnnotationList(id="annotations")
        yield Label("Notes on people and bodies", classes="panel-title")
        yield EntityNotesView(id="entity-notes")
        yield Label("Related articles", classes="panel-title")
        yield RelatedList(id="related")

    def show(self, text: str, analysis: dict, annotations: list[dict]) -> None:
        self.query_one("#groups", PagedList).show(
            people_and_bodies(analysis.get("groups", [])), group_line
        )
        self.query_one("#quotes", PagedList).show(
            analysis.get("quotes", []), lambda quote: quote_line(text, quote)
        )
        self.show_annotations(annotations)

    def show_annotations(self, annotations: list[dict]) -> None:
        listed = self.query_one(AnnotationList)
        highlighted = listed.highlighted
        listed.annotations = annotations
        listed.clear_options()
        listed.add_options(Option(annotation_line(a)) for a in annotations)
        if not annotations:
            listed.add_option(Option("none yet: t tags, n notes, c corrects", disabled=True))
        else:
            listed.highlighted = min(highlighted or 0, len(annotations) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option_list, AnnotationList):
            target = event.option_list.annotations[event.option_index].get("target")
            spans = [(target["start"], target["end"])] if target else []
        elif event.option_list.id == "groups":
            group = event.option_list.entries[event.option_index]
            spans = [tuple(mention) for mention in group["mentions"]]
        else:
            quote = event.option_list.entries[event.option_index]
            spans = [(quote["start"], quote["end"])]
        self.post_message(self.Jump(spans))


def group_line(group: dict) -> Text:
    return Text.assemble(
        (visible_text(group["name"]), "bold"), f"  {group['label']} ×{group['count']}"
    )


def annotation_line(annotation: dict) -> Text:
    """'#verify on “words…”', 'note: …', 'note on Burhan Ghalioun: …', 'fix: reject quote',
    with orphans flagged."""
    kind = annotation["kind"]
    if kind == "tag":
        head = (f"#{annotation['tag']}", "bold")
    elif kind == "note":
        head = ("note: " + clip(" ".join(annotation["note"].split()), 40), "")
    elif kind == "entity_note":
        name = annotation.get("name", "?")
        note = clip(" ".join(annotation["note"].split()), 40)
        return Text(visible_text(f"note on {name}: {note}"))
    else:
        head = ("fix: " + correction_text(annotation), "italic")
    target = annotation.get("target")
    where = (
        " on the article" if not target else f" on “{clip(' '.join(target['exact'].split()), 24)}”"
    )
    line = Text.assemble(head, (visible_text(where), "dim"))
    if annotation.get("orphan"):
        line = Text.assemble(("⚠ orphan ", "bold red"), line)
    return line


def correction_text(annotation: dict) -> str:
    """What a correction does: "relabel → GPE", "set speaker → Burhan Ghalioun", "reject"."""
    action = annotation.get("action", "").replace("_", " ")
    value = annotation.get("label") or annotation.get("speaker") or annotation.get("quote_kind")
    return f"{action} → {value}" if value else action


def quote_line(text: str, quote: dict) -> Text:
    """'Speaker: "words…"' with the quote's kind shown by its marks."""
    words = " ".join(text[quote["start"] : quote["end"]].split())
    speaker = quote.get("speaker") or "unattributed"
    shown = quoted(words, quote["kind"], QUOTE_PREVIEW)
    return Text.assemble((visible_text(speaker), "bold"), ": ", visible_text(shown))
