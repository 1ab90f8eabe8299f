"""Growing and shrinking a selection reads only the paragraphs around it, and answers as a
reading of the whole text would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.text_units import UNIT_PATTERNS, grow, shrink, unit_start

UNITS = tuple(UNIT_PATTERNS)


def whole_ends(text: str, unit: str) -> list[int]:
    return [match.end() for match in UNIT_PATTERNS[unit].finditer(text)]


def whole_starts(text: str, unit: str) -> list[int]:
    return [match.start() for match in UNIT_PATTERNS[unit].finditer(text)]


def reference_grow(text: str, end: int, unit: str) -> int:
    return next((b for b in whole_ends(text, unit) if b > end), len(text))


def reference_shrink(text: str, anchor: int, end: int, unit: str) -> int:
    earlier = [b for b in whole_ends(text, unit) if anchor < b < end]
    return earlier[-1] if earlier else anchor


def reference_start(text: str, offset: int, unit: str) -> int:
    starts = [s for s in whole_starts(text, unit) if s <= offset]
    return starts[-1] if starts else 0


texts = st.lists(
    st.sampled_from(["Word", "it's", "end.", "Why?", '"Yes."', " ", "  ", "\n", "\n\n", "\n\n\n"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_units_read_locally_agree_with_the_whole_text(text: str, data) -> None:
    unit = data.draw(st.sampled_from(UNITS))
    anchor = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(0, len(text)))
    assert grow(text, anchor, end, unit) == reference_grow(text, end, unit)
    assert shrink(text, anchor, end, unit) == reference_shrink(text, anchor, end, unit)
    assert unit_start(text, anchor, unit) == reference_start(text, anchor, unit)
