"""Text from data never steers the terminal: what is invisible or a command is shown, not obeyed.

Titles, names, notes and article text may hold control characters (ESC starts the escape
sequences that clear a screen or set the clipboard) and invisible format characters (a
right-to-left override turns ``txt.exe`` into ``exe.txt``; zero-width spaces hide inside a
name). Each becomes one visible character - the "control picture" of a C0 control, a hyphen
for a soft hyphen, U+FFFD for the rest - one character for one, so every stored offset still
points at the same place. The stored text is never changed: only what is shown.

Both front ends use it: the app on everything it draws from the library, the command line on
everything it prints (`cli.terminal`). Markup-like text needs nothing here: neither parses
text from data as markup.
"""

from __future__ import annotations

SHOWN_FOR_FORMAT = "\ufffd"
_KEEP = {"\n", "\t"}
# Unicode's format characters (category Cf, to Unicode 15): bidirectional controls and marks,
# zero-width spaces and joiners, word joiner, invisible operators, BOM, interlinear and tag
# characters. tests/test_hostile_terminal.py checks the list against `unicodedata`.
FORMAT_RANGES = (
    (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891),
    (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064),
    (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
# Blank letters that pass for nothing (Hangul fillers) and the line and paragraph separators,
# which some terminals break lines at.
INVISIBLE_OTHERS = (0x115F, 0x1160, 0x3164, 0xFFA0, 0x2028, 0x2029)
SURROGATES = (0xD800, 0xDFFF)  # lone halves from undecodable file names: no terminal takes them


def _pictures() -> dict[int, str]:
    pictures = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEEP}
    pictures[0x7F] = "\u2421"
    pictures |= {code: "\ufffd" for code in range(0x80, 0xA0)}  # C1 controls, CSI among them
    for first, last in (*FORMAT_RANGES, SURROGATES):
        pictures |= {code: SHOWN_FOR_FORMAT for code in range(first, last + 1)}
    pictures |= {code: SHOWN_FOR_FORMAT for code in INVISIBLE_OTHERS}
    pictures[0xAD] = "-"  # a soft hyphen: a break hint, shown as the hyphen it stands for
    return pictures


_TABLE = str.maketrans(_pictures())


def visible_text(text: str) -> str:
    """``text`` with every control, format and invisible character but newline and tab made
    visible and harmless, one character for one."""
    return text.translate(_TABLE)
