"""Span annotations find their place again when the article's text changes."""

from __future__ import annotations

from store.anchoring import make_target, reanchor

TEXT = (
    "Burhan Ghalioun said the talks failed. The Kremlin urged a dialogue. "
    "Ghalioun said the talks failed again, and he would return to Paris."
)


def target_for(words: str, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return make_target(TEXT, start, start + len(words))


def test_an_unchanged_text_keeps_the_offsets() -> None:
    target = target_for("The Kremlin urged")
    assert reanchor(target, TEXT) == target


def test_an_insertion_before_the_span_moves_it() -> None:
    target = target_for("The Kremlin urged")
    edited = "MOSCOW (Reuters) - " + TEXT
    placed = reanchor(target, edited)
    assert edited[placed["start"] : placed["end"]] == "The Kremlin urged"
    assert placed["start"] == target["start"] + len("MOSCOW (Reuters) - ")


def test_the_context_chooses_between_repeated_words() -> None:
    second = target_for("said the talks failed", occurrence=1)
    edited = "Update: " + TEXT.replace("The Kremlin urged a dialogue. ", "")
    placed = reanchor(second, edited)
    assert edited[placed["start"] - 9 : placed["start"]] == "Ghalioun "
    assert edited[placed["end"] :].startswith(" again")


def test_an_edit_inside_the_span_is_found_fuzzily() -> None:
    target = target_for("he would return to Paris")
    edited = TEXT.replace("he would return to Paris", "he would go back to Paris")
    placed = reanchor(target, edited)
    assert placed is not None
    assert "to Paris" in edited[placed["start"] : placed["end"]]
    assert edited[placed["start"] : placed["end"]].startswith("he would")


def test_a_deleted_span_is_an_orphan() -> None:
    target = target_for("The Kremlin urged a dialogue.")
    edited = TEXT.replace("The Kremlin urged a dialogue. ", "")
    assert reanchor(target, edited) is None
