"""Speakers in the shapes real published copy takes (issue 15), on sentences written here.

Each test is one class the real-news development set showed: a dateline or a date the parser
took for the subject, "the company" and descriptions standing for a body or a person named
before, a name with "and" in it, coordinated speakers, a body tagged as a person taken for "he",
and a quotation introduced by "began".
"""

from __future__ import annotations

import pytest

from tests.nlp_fixtures import analyse, model


@pytest.fixture(scope="session")
def nlp_model():
    return model()


def _speakers(text: str, kind: str) -> dict[str, str | None]:
    found = analyse(text).quotes
    return {text[q.start : q.end]: q.speaker for q in found if q.kind == kind}


def test_a_dateline_is_never_the_speaker_nor_a_person(nlp_model):
    text = (
        "ST. PAUL, Minn. -- Backers of a housing bill due for a vote Friday night say it will "
        "make the city a haven for renters.\n"
    )
    analysis = analyse(text)
    assert [e.label for e in analysis.entities if e.text == "PAUL"] in ([], ["GPE"])
    assert _speakers(text, "indirect") == {
        "it will make the city a haven for renters": "Backers of a housing bill due for a vote "
        "Friday night"
    }


def test_a_body_with_and_in_its_name_is_one_body_for_the_agency(nlp_model):
    text = (
        "DULUTH, Minn. -- State flood forecasters say the lake could rise further this spring.\n\n"
        "The National Oceanic and Atmospheric Administration on Monday revised its lake "
        "outlook. The agency said that the danger is much as it was a month ago.\n"
    )
    found = _speakers(text, "indirect")
    assert found["the danger is much as it was a month ago"] == (
        "National Oceanic and Atmospheric Administration"
    )


def test_the_company_is_the_body_its_sentence_named_and_stays_so(nlp_model):
    text = (
        "At Brindle Media Inc., the company boasts in its yearly report that its trucks "
        '"run on recycled cooking oil," and that it recycles paper. The firm also hired a new '
        'director. "Every office now sorts its waste," the company says in its report.\n'
    )
    found = _speakers(text, "direct")
    assert found["run on recycled cooking oil,"] == "Brindle Media Inc."
    assert found["Every office now sorts its waste,"] == "Brindle Media Inc."


def test_a_date_before_coordinated_speakers_is_not_the_speaker(nlp_model):
    text = (
        "In testimony as defense witnesses Wednesday, County Supervisor Amy Sorensen and former "
        "Supervisor Pete Oduya said the mayor never asked them for a favour.\n"
    )
    found = _speakers(text, "indirect")
    assert found["the mayor never asked them for a favour"] == "Amy Sorensen"


def test_of_a_named_person_and_a_description_the_named_one_speaks(nlp_model):
    text = (
        "Amy Sorensen and an aide to the mayor said the budget would be late.\n"
    )
    assert _speakers(text, "indirect") == {"the budget would be late": "Amy Sorensen"}


def test_he_takes_the_man_named_in_full_before_a_bare_name(nlp_model):
    text = (
        "Fans of the Gonzaga Bulldogs filled the arena in Las Vegas.\n\n"
        "Tyler Brooks had made just four of his first 14 shots. The shot sent Gonzaga "
        "Bulldogs to the final with a late win over UCLA.\n\n"
        "Gonzaga still led by six and did not need Brooks's heroics. "
        '"That was the best moment of my life," he said.\n'
    )
    found = _speakers(text, "direct")
    assert found["That was the best moment of my life,"] == "Tyler Brooks"


def test_a_description_of_someone_just_named_is_that_person(nlp_model):
    text = (
        "Tyler Brooks had made just four of his first 14 shots from the field. Then he made "
        "the shot of the night.\n\n"
        '"You dream about a night like this," the Carver High School alum said.\n'
    )
    found = _speakers(text, "direct")
    assert found["You dream about a night like this,"] == "Tyler Brooks"


def test_a_quotation_can_be_introduced_by_began(nlp_model):
    text = (
        '"Ten years ago today, we stood here and promised every family a doctor," Kamala '
        'Harris began with her remarks. "It feels like ten days ago."\n\n'
        "In 1963 the trio began a run of hits: \u201cHeat Wave,\u201d \u201cQuicksand\u201d "
        "and more.\n"
    )
    found = _speakers(text, "direct")
    assert "Heat Wave," not in found  # "began a run": no speech
    assert {k: v for k, v in found.items() if k.startswith(("Ten", "It"))} == {
        "Ten years ago today, we stood here and promised every family a doctor,": "Kamala Harris",
        "It feels like ten days ago.": "Kamala Harris",
    }


# Reported speech: cues real copy uses, and speech that was not made


def _reported(text: str) -> dict[str, str | None]:
    return _speakers(text, "indirect")


def test_touts_reminds_and_a_statement_that_reads_report_speech(nlp_model):
    text = (
        "In its annual report, Tarn Energy touts that its wind farms now power two towns. "
        "The governor reminded his audience that the road was finished early. He reminded his "
        "audience that rivals still want to scrap many of its parts.\n\n"
        "The berth is closed until further notice, the Harbour Trust said in a release. The "
        "berth will reopen after repairs in the spring, the statement read.\n"
    )
    found = _reported(text)
    assert found["its wind farms now power two towns"] == "Tarn Energy"
    assert found["the road was finished early"] == "The governor"
    assert found["rivals still want to scrap many of its parts"] == "The governor"
    assert found["The berth will reopen after repairs in the spring"] == "Harbour Trust"


def test_remind_and_tout_without_that_report_no_claim(nlp_model):
    text = (
        "Four more goals, including a hat trick from Sam Berg after his first was disallowed "
        "when a review showed it didn't cross the line, reminded the crowd \u2014 heavily "
        "partisan towards the home team \u2014 of the firepower the Hawks have. It touts the "
        "care that the animals that live at its safari park receive, and its new barns.\n"
    )
    assert _reported(text) == {}


def test_a_reader_reading_a_letter_reports_nothing(nlp_model):
    assert _reported("She read the letter aloud to the council, and then she left early.\n") == {}


def test_counterfactual_speech_and_embedded_questions_are_not_reported(nlp_model):
    text = (
        "The mayor, who could have explained that the budget was short, stayed silent. "
        "Dr Ana Peel explains why the lake froze so early.\n"
    )
    assert _reported(text) == {}


def test_a_reversed_opening_mark_opens_a_quotation(nlp_model):
    text = (
        "Dana Reyes hit the winner with two seconds left.\n\n"
        "\u201dThis is my town!\u201d Reyes shouted again and again.\n"
    )
    assert _speakers(text, "direct") == {"This is my town!": "Dana Reyes"}
