"""The offsets check that `presscut check` runs over every article: the fast comparison finds
exactly the problems the detailed one names."""

from __future__ import annotations

import pytest

from store.validation import first_text_problem, text_problems

TEXT = "Anna Lind said the talks would go on."
GOOD = {
    "entities": [{"start": 0, "end": 9, "label": "PERSON"}],
    "quotes": [{"start": 15, "end": 37, "speaker_start": 0, "speaker_end": 9},
               {"start": 15, "end": 37, "speaker_start": None, "speaker_end": None}],
    "groups": [{"mentions": [[0, 9]]}],
}  # fmt: skip
BAD = [
    {"entities": [{"start": 0, "end": 99}]},
    {"entities": [{"start": 5, "end": 4}]},
    {"entities": [{"start": -1, "end": 4}]},
    {"entities": [{"start": "0", "end": 4}]},
    {"entities": [{"start": 0}]},
    {"quotes": [{"start": 15, "end": 37, "speaker_start": 0, "speaker_end": None}]},
    {"quotes": [{"start": 15, "end": 37, "speaker_start": 30, "speaker_end": 60}]},
    {"groups": [{"mentions": [[0, 9], [30, 90]]}]},
    {"groups": [{"mentions": [[None, None]]}]},
]
TARGETED = {"target": {"start": 0, "end": 9}}


@pytest.mark.parametrize("analysis", [GOOD, {}, *BAD])
def test_the_first_problem_is_the_one_the_detailed_check_names(analysis: dict) -> None:
    assert first_text_problem(TEXT, analysis, []) == next(text_problems(TEXT, analysis, []), None)


@pytest.mark.parametrize("analysis", BAD)
def test_every_kind_of_offset_out_of_place_is_found(analysis: dict) -> None:
    assert first_text_problem(TEXT, {**GOOD, **analysis}, []) is not None


def test_an_annotation_beyond_the_text_is_found_and_an_orphan_is_not() -> None:
    beyond = {"target": {"start": 30, "end": 90}}
    assert first_text_problem(TEXT, {}, [TARGETED]) is None
    assert "annotations[1].target" in first_text_problem(TEXT, {}, [TARGETED, beyond])
    assert first_text_problem(TEXT, {}, [{**beyond, "orphan": True}]) is None
