"""Issue 15, classes 3 to 6 on sentences written here: words in marks nobody said, attribution
shapes, one speaker under several names, and one label for a name within an article."""

from __future__ import annotations

import pytest

from tests.nlp_fixtures import analyse, model


@pytest.fixture(scope="session", autouse=True)
def nlp_model():
    return model()


def _quotes(text: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, text[q.start : q.end], q.speaker) for q in analyse(text).quotes]


def _groups(text: str) -> dict[str, str]:
    return {g.name: g.label for g in analyse(text).groups}


# 3. Things in marks that nobody said


@pytest.mark.parametrize(
    "text",
    [
        'The annotator read the draft twice. She thought "this paragraph is far too long".\n',
        '"This cannot be right," the inspector thought as she read the figures.\n',
        'The farmer wondered "where did all the rain go?" as the wells dried up.\n',
        'He imagined "a town with no cars at all" when he drew the plan.\n',
    ],
)
def test_a_thought_in_marks_is_no_quotation(text):
    assert _quotes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        'Most drivers will never have occasion to say "my car has been towed to the harbour".\n',
        'A cautious banker might say "the loan is too risky", but the council borrowed anyway.\n',
    ],
)
def test_a_hypothetical_saying_is_no_quotation(text):
    assert _quotes(text) == []


def test_a_title_with_the_period_inside_the_marks_is_no_quotation():
    text = 'Ms Hale said her family watched "The Long Harbour." She liked the ending.\n'
    assert [q for q in _quotes(text) if q[0] == "direct"] == []


# 4. Attribution shapes


def test_a_comment_signed_on_its_own_line_is_the_signers_words():
    text = (
        "The bridge plan has divided readers.\n\n"
        "This is the worst idea the council has had in years.\n"
        "\u2015 Tom Fenwick\n\n"
        "I will be first in the queue to cross it.\n"
        "\u2014 Ellen Marsh\n"
    )
    assert _quotes(text) == [
        ("direct", "This is the worst idea the council has had in years.", "Tom Fenwick"),
        ("direct", "I will be first in the queue to cross it.", "Ellen Marsh"),
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A statement from the Harbour Trust said the pier was safe.", "Harbour Trust"),
        ("The trust's statement said the pier would reopen.", "Harbour Trust"),
        ('"We have waited long enough," Pike\'s statement read.', "Alan Pike"),
        ("He later told the Gazette in an interview that the pier was safe.", "Alan Pike"),
    ],
)
def test_a_noun_cue_gives_the_words_to_its_author(sentence, speaker):
    text = f"Alan Pike chairs the Harbour Trust. {sentence}\n"
    assert [s for _, _, s in _quotes(text)] == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "Her warning that the bridge would cost more went unheeded.",
        "Calder's claim that the tax was fair drew jeers from the gallery.",
    ],
)
def test_a_claim_noun_with_a_that_clause_is_its_owners_reported_speech(sentence):
    text = f"Ruth Calder is the transport minister. {sentence}\n"
    assert [(kind, speaker) for kind, _, speaker in _quotes(text)] == [("indirect", "Ruth Calder")]


def test_a_body_whose_name_holds_and_is_one_body_for_the_agency_after_it():
    text = (
        "The National Oceanic and Atmospheric Administration on Monday revised its storm "
        "outlook. The agency said that the season would start late.\n"
    )
    assert [s for _, _, s in _quotes(text)] == ["National Oceanic and Atmospheric Administration"]


# 5. One speaker under several names


def test_a_title_and_surname_is_the_person_named_in_full():
    text = (
        'Margaret Dunlop runs the ferry company. "Sailings will resume on Monday," Ms Dunlop '
        'said.\n\n"Passengers should check online first," Dunlop added.\n'
    )
    speakers = [speaker for _, _, speaker in _quotes(text)]
    assert speakers == ["Margaret Dunlop", "Margaret Dunlop"]


def test_a_given_name_the_model_left_out_is_not_someone_else_with_the_surname():
    text = (
        "Those fined included Otis Ferry, the son of the singer Bryan Ferry. The men were "
        "released on bail, police said. Otis Ferry, a former Eton pupil and joint master of the "
        'North Dales Hunt, said: "I have no regrets."\n'
    )
    assert [speaker for _, _, speaker in _quotes(text)] == ["police", "Otis Ferry"]


def test_an_acronym_in_brackets_and_its_full_name_are_one_body():
    text = "Research in Motion (RIM) makes the phones. RIM said sales had fallen by a third.\n"
    assert [speaker for _, _, speaker in _quotes(text)] == ["Research in Motion"]
    assert _groups(text)["Research in Motion"] == "ORG"


def test_a_body_named_with_a_place_is_not_another_body_with_that_place():
    text = (
        "Officers met staff from Historic Scotland on Tuesday. "
        "Police Scotland said the road would stay closed.\n"
    )
    assert [speaker for _, _, speaker in _quotes(text)] == ["Police Scotland"]


@pytest.mark.parametrize(
    "name",
    ["Mar\u200bgaret Dun\u00adlop", "Margaret\u2060 Dunlop", "Margaret \u200bDunlop"],
)
def test_a_name_is_taken_whole_across_invisible_characters(name):
    text = f'The survey ended on Monday. "We saw no damage," said {name}, who runs the port.\n'
    assert [speaker for _, _, speaker in _quotes(text)] == ["Margaret Dunlop"]


def test_a_name_is_not_cut_into_a_bracket_it_opens():
    text = 'The survey ended on Monday. "We saw no damage," said Sam Okoro(RNLI).\n'
    assert [speaker for _, _, speaker in _quotes(text)] == ["Sam Okoro"]


# 6. One label for a name within an article


def test_a_city_tagged_as_a_person_once_is_the_city():
    text = (
        "Glasgow said the trains were late. The trains from Glasgow to Edinburgh run every "
        "hour, and Glasgow has two main stations.\n"
    )
    assert _groups(text)["Glasgow"] == "GPE"


def test_a_dateline_city_before_a_dash_is_a_place():
    text = "DULUTH -- Port officials say the ice has cleared early this spring.\n"
    assert _groups(text)["DULUTH"] == "GPE"


def test_a_wire_agency_in_a_dateline_is_a_body():
    text = "WASHINGTON, Dec. 3 (UPI) -- The senate passed the bill on Tuesday, UPI reported.\n"
    assert _groups(text)["UPI"] == "ORG"
