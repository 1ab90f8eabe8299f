"""Wire datelines ("MOSCOW, Nov. 15 (UPI) --", "ST. PAUL, Minn. --") that open a paragraph.

A dateline says where the story was filed: the parser often takes its place for the subject of
the first sentence, and the model its city for a person or a body. Neither is ever a speaker.
"""

from __future__ import annotations

import re

# capitals, place, agency, dash
DATELINE = re.compile(
    r"[A-Z][A-Z .'-]+\b(?:,[^\n\u2014\u2013]{0,60}?)?(?:\([^)\n]{1,40}\))?"
    r"\s*(?:--|-|\u2014|\u2013)\s+"
)


def dateline_end(text: str, pos: int) -> int | None:
    """Where the dateline holding ``pos`` ends, or None when ``pos`` is in no dateline."""
    start = text.rfind("\n", 0, pos) + 1
    match = DATELINE.match(text, start)
    if match is None or not start <= pos < match.end():
        return None
    return match.end()
