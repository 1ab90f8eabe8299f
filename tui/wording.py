"""Counts and changes said in words on screen: "1 article", "3 articles", "the speaker set to
Burhan Ghalioun", never an internal name."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``3 articles``, ``1 article``; ``plural`` for nouns that do not take an s."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def correction_words(action: str, fields: dict, what: str) -> str:
    """What a correction does, in words: ``what`` names the entity or quotation it is on."""
    if action == "relabel":
        return f"{what} relabelled {fields.get('label')}"
    if action == "reject":
        return f"entity {what} rejected"
    if action == "add_entity":
        return f"{what} marked as {fields.get('label')}"
    if action == "set_speaker":
        return f"speaker set to {fields.get('speaker')}"
    if action == "set_kind":
        return f"quotation made {fields.get('quote_kind')}"
    if action == "reject_quote":
        return "quotation rejected"
    return action.replace("_", " ")
