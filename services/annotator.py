"""Every annotation change of a session, saved at once and undoable step by step.

Undo and redo write too: each step is a change to the library like any other, on disk before
the screen says it is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.library import Library


@dataclass(frozen=True)
class Step:
    what: str  # said back to the user: "tag verify", "note", "correction: reject entity"
    before: dict | None  # the annotation before the change (None: it did not exist)
    after: dict | None  # and after it (None: deleted)


class Annotator:
    def __init__(self, library: Library) -> None:
        self.library = library
        self.done: list[Step] = []
        self.undone: list[Step] = []

    def _record(self, step: Step) -> dict | None:
        self.done.append(step)
        self.undone.clear()
        return step.after

    def add(self, article: str, kind: str, what: str, **fields: Any) -> dict:
        created = self.library.add_annotation(article, kind, **fields)
        self._record(Step(what, None, created))
        return created

    def update(self, key: str, what: str, **changes: Any) -> dict:
        before = self.library.annotation(key)
        after = self.library.update_annotation(key, **changes)
        self._record(Step(what, before, after))
        return after

    def delete(self, key: str, what: str) -> None:
        before = self.library.annotation(key)
        self.library.delete_annotation(key)
        self._record(Step(what, before, None))

    def _restore(self, current: dict | None, wanted: dict | None) -> None:
        if wanted is None:
            if current is not None:
                self.library.delete_annotation(current["id"])
        else:
            self.library.put_annotation(wanted)

    def undo(self) -> Step | None:
        if not self.done:
            return None
        step = self.done[-1]
        self._restore(step.after, step.before)  # a failed write leaves the history as it was
        self.undone.append(self.done.pop())
        return step

    def redo(self) -> Step | None:
        if not self.undone:
            return None
        step = self.undone[-1]
        self._restore(step.before, step.after)
        self.done.append(self.undone.pop())
        return step

    def article_of(self, step: Step) -> str:
        return (step.after or step.before or {})["article"]

    def next_undo(self) -> Step | None:
        """The step `undo` would take back, without taking it."""
        return self.done[-1] if self.done else None

    def next_redo(self) -> Step | None:
        """The step `redo` would make again, without making it."""
        return self.undone[-1] if self.undone else None

    @staticmethod
    def kind_of(step: Step) -> str:
        """The kind of annotation a step changed: "tag", "note", "entity_note"…"""
        return (step.after or step.before or {})["kind"]
