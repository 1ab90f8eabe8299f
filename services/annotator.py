"""Every annotation change of a session, saved at once and undoable step by step.

Undo and redo write too: each step is a change to the library like any other, on disk before
the screen says it is done. Removing an article is a step as well: undoing it restores the
article from its removal record (`store.removals`), redoing it removes it again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from store.removals import Removal, remove_article, restore_removal

if TYPE_CHECKING:
    from store.library import Library


@dataclass(frozen=True)
class Step:
    what: str  # said back to the user: "tag verify", "note", "correction: reject entity"
    before: dict | None  # the annotation before the change (None: it did not exist)
    after: dict | None  # and after it (None: deleted)
    removal: Removal | None = None  # an article removed: the record it went into
    rule: bool = False  # before and after are rules of the library (`store.rules`)


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

    def add_rule(self, kind: str, what: str, **fields: Any) -> dict:
        """Make a rule (a correction said for the whole library), undoable like the rest."""
        created = self.library.add_rule(kind, **fields)
        self._record(Step(what, None, created, rule=True))
        return created

    def remove_rule(self, key: str, what: str) -> dict:
        before = self.library.remove_rule(key)
        self._record(Step(what, before, None, rule=True))
        return before

    def remove_article(self, article: str) -> Removal:
        removal = remove_article(self.library, article)
        self._record(Step(f"remove {removal.title!r}", None, None, removal))
        return removal

    def _restore(self, current: dict | None, wanted: dict | None, rule: bool = False) -> None:
        if rule:
            if wanted is not None:
                self.library.put_rule(wanted)
            elif current is not None:
                self.library.remove_rule(current["id"])
            return
        if wanted is None:
            if current is not None:
                self.library.delete_annotation(current["id"])
        else:
            self.library.put_annotation(wanted)

    def undo(self) -> Step | None:
        if not self.done:
            return None
        step = self.done[-1]
        if step.removal is not None:
            restore_removal(self.library, step.removal)
        else:
            # a failed write leaves the history as it was
            self._restore(step.after, step.before, step.rule)
        self.undone.append(self.done.pop())
        return step

    def redo(self) -> Step | None:
        if not self.undone:
            return None
        step = self.undone[-1]
        if step.removal is not None:  # removed again: into a new record
            step = replace(step, removal=remove_article(self.library, step.removal.article_id))
        else:
            self._restore(step.before, step.after, step.rule)
        self.undone.pop()
        self.done.append(step)
        return step

    def article_of(self, step: Step) -> str:
        """The article a step changed ("" for a rule, which is the whole library's)."""
        if step.rule:
            return ""
        if step.removal is not None:
            return step.removal.article_id
        return (step.after or step.before or {})["article"]

    def next_undo(self) -> Step | None:
        """The step `undo` would take back, without taking it."""
        return self.done[-1] if self.done else None

    def next_redo(self) -> Step | None:
        """The step `redo` would make again, without making it."""
        return self.undone[-1] if self.undone else None

    @staticmethod
    def kind_of(step: Step) -> str:
        """The kind of annotation a step changed: "tag", "note", "entity_note"…, or "article"
        for a removal."""
        if step.removal is not None:
            return "article"
        if step.rule:
            return "rule"
        return (step.after or step.before or {})["kind"]
