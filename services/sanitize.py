"""Article text is data: control characters never reach the terminal.

Each control character (ESC of an escape sequence among them) becomes its visible Unicode
"control picture", one character for one, so every stored offset still points at the same place.
Markup-like text needs nothing here: the reader never parses its text as markup.
"""

from __future__ import annotations

_KEEP = {"\n", "\t"}
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEEP} | {
    0x7F: "\u2421"
}
_PICTURES |= {code: "\ufffd" for code in range(0x80, 0xA0)}  # C1 controls, CSI among them
_TABLE = str.maketrans(_PICTURES)


def visible_text(text: str) -> str:
    """``text`` with every control character but newline and tab made visible and harmless."""
    return text.translate(_TABLE)
