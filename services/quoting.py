"""How a quotation is written wherever presscut lists one: its kind shown by its marks.

Direct speech in straight double quotes, reported speech in single guillemets (it is the
writer's wording, not the speaker's), cut with an ellipsis to the room there is.
"""

from __future__ import annotations


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, the last an ellipsis when anything was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def quoted(text: str, kind: str, width: int | None = None) -> str:
    """The quotation's words in the marks of its kind, cut to ``width`` first when given."""
    words = text if width is None else clip(text, width)
    return f'"{words}"' if kind == "direct" else f"‹{words}›"
