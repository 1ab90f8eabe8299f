"""Notes on a person or body that follow it into every article that names it.

A note is an ordinary annotation (``kind: "entity_note"``) on the article where it was written,
so it is saved, edited, deleted, undone and exported like any other (the app changes it through
its `Annotator`); it names its entity by canonical key, name and label. Which groups it belongs
to is decided by the same merge rules as the library's index, run over just the group and the
notes, so showing notes in the reader never needs the index.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.library import Library
from store.people_index import FAMILIES, CrossEntity, Member, merge

KIND = "entity_note"


def note_fields(entity: CrossEntity, note: str) -> dict:
    """An entity note's fields, as `Library.add_annotation` (or `Annotator.add`) takes them."""
    return {"entity": entity.key, "name": entity.name, "label": entity.label, "note": note,
            "target": None}


def add_entity_note(library: Library, article_id: str, entity: CrossEntity, note: str) -> dict:
    """Save a note on ``entity``, written while reading ``article_id``."""
    return library.add_annotation(article_id, KIND, **note_fields(entity, note))


def where_to_write(entity: CrossEntity, reading: str | None) -> str:
    """The article a new note on ``entity`` is saved on: the one being read if it names them."""
    return reading if reading in entity.articles else entity.articles[0]


def all_entity_notes(library: Library) -> list[dict]:
    """Every entity note in the library, oldest first."""
    return library.annotations_of_kind(KIND)


def _as_member(note: dict) -> Member:
    return Member(f"note:{note['id']}", note["id"], note["name"], note.get("label", "PERSON"), 0,
                  ())


def notes_about(notes: list[dict], members: Iterable[Member]) -> list[dict]:
    """The notes whose entity merges with any of these members (one entity's, or one group)."""
    members = list(members)
    if not members or not notes:
        return []
    own = {(m.article, m.group) for m in members}
    keys = {m.key for m in members}
    about = set()
    for entity in merge(members + [_as_member(n) for n in notes]):
        if any((m.article, m.group) in own for m in entity.members):
            about.update(m.group for m in entity.members if m.article.startswith("note:"))
    return [n for n in notes if n["id"] in about or n.get("entity") in keys]


def notes_on(notes: list[dict], entity: CrossEntity) -> list[dict]:
    """The notes on one merged entity, oldest first."""
    return notes_about(notes, entity.members)


def noted_keys(notes: list[dict]) -> dict[str, int]:
    """How many notes each entity key has, to mark noted entities without merging anything."""
    counts: dict[str, int] = {}
    for note in notes:
        counts[note.get("entity", "")] = counts.get(note.get("entity", ""), 0) + 1
    return counts


def notes_for_group(notes: list[dict], article_id: str, group: dict) -> list[dict]:
    """The notes shown beside one of an article's groups in the reader."""
    if group["label"] not in FAMILIES:
        return []
    member = Member(article_id, group["id"], group["name"], group["label"], group["count"],
                    tuple(group.get("aliases", [])))
    return notes_about(notes, [member])
