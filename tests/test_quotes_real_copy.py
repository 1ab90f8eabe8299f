"""Quotations in the shapes real published copy takes (issue 15), on sentences written here.

Each test is one class of what real copy does that clean test texts did not: marks left open,
paragraphs flattened onto one line, questions before the attribution, words in marks that nobody
said, attribution shapes beyond "X said", and speakers named once and then referred to.
"""

from __future__ import annotations

import pytest

from nlp.quote_marks import find_marked_spans
from tests.nlp_fixtures import analyse, model


@pytest.fixture(scope="session")
def nlp_model():
    return model()


def _marked(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_marked_spans(text)]


def _quotes(text: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, text[q.start : q.end], q.speaker) for q in analyse(text).quotes]


def _direct(text: str) -> list[tuple[str, str | None]]:
    return [(content, speaker) for kind, content, speaker in _quotes(text) if kind == "direct"]


# 1. Pairing that resynchronises


def test_a_mark_that_can_only_open_ends_the_quotation_left_open():
    text = (
        '"We will appeal," said the club. "The ruling is wrong. '
        '"We have done nothing that others did not do." The hearing is in May.\n'
    )
    assert _marked(text) == [
        "We will appeal,",
        "The ruling is wrong.",
        "We have done nothing that others did not do.",
    ]


def test_curly_marks_resynchronise_too():
    text = "\u201cThe bridge is safe. \u201cNobody was hurt,\u201d the engineer said.\n"
    assert _marked(text) == ["The bridge is safe.", "Nobody was hurt,"]


def test_a_quotation_never_closed_ends_where_the_writer_attributes_it():
    text = (
        'Voters queued all day. "The turnout was the best in years, the mayor said. '
        "Staff counted the ballots twice and found no error. The count will be electronic "
        "next year.\n"
    )
    assert _marked(text) == ["The turnout was the best in years,"]


def test_a_whole_story_on_one_line_keeps_its_quotations_apart(nlp_model):
    text = (
        "Harbour master quits Kelmouth Harbour master Dan Orrin has resigned after 20 years. "
        '"I have given this port everything. "It is time for someone younger," said Mr Orrin. '
        'The council thanked him. "He will be missed," council leader Ruth Vane said. '
        '"We start looking for a successor on Monday."\n'
    )
    found = _direct(text)
    assert [content for content, _ in found] == [
        "I have given this port everything.",
        "It is time for someone younger,",
        "He will be missed,",
        "We start looking for a successor on Monday.",
    ]
    assert [speaker for _, speaker in found] == ["Dan Orrin", "Dan Orrin", "Ruth Vane", "Ruth Vane"]


# 5. Speakers named once, then referred to


def _speakers(text: str, kind: str) -> dict[str, str | None]:
    return {content: speaker for k, content, speaker in _quotes(text) if k == kind}


def test_a_role_no_one_holds_is_the_person_just_named(nlp_model):
    text = (
        "Peter Holm said the new rules would be published in June. "
        'The justice secretary told reporters: "We will not rush this."\n'
    )
    assert _speakers(text, "direct") == {"We will not rush this.": "Peter Holm"}


def test_a_role_is_not_someone_the_article_gives_another_role(nlp_model):
    text = (
        "Tory MP Ben Hart said Gordon Pike's intervention in the row was unhelpful. "
        "London mayor Ken Dale says he stands by his remarks. "
        "But the prime minister says it is time for Mr Dale to apologise.\n"
    )
    found = _speakers(text, "indirect")
    assert found["it is time for Mr Dale to apologise"] == "Gordon Pike"


def test_a_name_in_apposition_to_a_description_is_the_speaker(nlp_model):
    text = (
        "One of the residents, Joan Ellery, 72, said the road had flooded twice this year.\n\n"
        "Co-founder and chief executive of Brightline, Sara Quist, said the outage was over.\n"
    )
    found = _speakers(text, "indirect")
    assert found["the road had flooded twice this year"] == "Joan Ellery"
    assert found["the outage was over"] == "Sara Quist"


def test_a_quotation_opening_its_paragraph_keeps_the_speaker_before_over_a_later_one(nlp_model):
    text = (
        "Home Secretary Carl Webb defended the bill on Monday.\n\n"
        '"Nothing in it is new," he said.\n\n'
        '"I will not make further changes." The bill goes to the Lords on Tuesday. '
        'Speaking later, opposition spokesman Paul Nye said it was "badly drafted".\n'
    )
    found = _speakers(text, "direct")
    assert found["I will not make further changes."] == "Carl Webb"
    assert found["badly drafted"] == "Paul Nye"


def test_a_role_that_is_no_office_can_be_someone_with_an_office(nlp_model):
    text = (
        "Tory MP Sam Gale said the row was overblown.\n\n"
        '"It is a dispute between two men," the Herald editor told the BBC.\n'
    )
    assert _speakers(text, "direct") == {"It is a dispute between two men,": "Sam Gale"}


def test_a_role_that_says_whose_and_of_what_is_someone_new(nlp_model):
    text = (
        "Presenter Lena Ruiz was hurt when the parcel went off. "
        'The country\'s head of forensic science said the device held "military-grade" '
        "explosive.\n"
    )
    found = _speakers(text, "direct")
    assert found["military-grade"] != "Lena Ruiz"


# 3. Words in marks that nobody said


def test_a_crosshead_in_quotes_on_its_own_line_is_no_quotation(nlp_model):
    text = (
        "The appeal was heard in March.\n\n"
        "'No turning back'\n\n"
        'In a statement, the owner said she would "never sell" the mill.\n'
    )
    assert [content for content, _ in _direct(text)] == ["never sell"]


def test_a_saying_or_a_term_in_marks_is_no_quotation(nlp_model):
    text = (
        "Ministers said terms like \u201cresilience\u201d were now part of the plan, and the "
        "saying \u201cbuild back better\u201d was heard often.\n"
    )
    assert _direct(text) == []


# 4. Attribution shapes


def test_words_in_marks_inside_an_according_to_clause_are_the_sources(nlp_model):
    text = (
        "According to the Met Office, the chance of flooding this week is "
        '"well above normal" for the valley.\n'
    )
    assert _speakers(text, "direct") == {"well above normal": "Met Office"}


def test_cue_verbs_newsrooms_use_beyond_said(nlp_model):
    text = (
        "Officials proclaimed that the count was complete. "
        "Dana Voss likened the delay to \u201ca slow puncture.\u201d "
        "Mr Voss conceded the rules were unclear.\n"
    )
    found = {(kind, content): speaker for kind, content, speaker in _quotes(text)}
    assert found[("indirect", "the count was complete")] == "Officials"
    assert found[("direct", "a slow puncture.")] == "Dana Voss"


# 2. The attribution after a question or exclamation mark


def test_a_named_speaker_after_a_question_mark_is_found(nlp_model):
    text = (
        "The hearing grew tense on Tuesday.\n\n"
        "\u201cIs that really the best you can do?\u201d Senator Mara Hale asked the witness.\n"
    )
    assert _speakers(text, "direct") == {"Is that really the best you can do?": "Mara Hale"}


def test_a_name_is_not_replaced_by_the_body_in_apposition_to_it(nlp_model):
    text = (
        "Polly Vance of the campaign group Generation Rent said the plan was "
        "\u201ca slap in the face\u201d for tenants.\n"
    )
    assert _speakers(text, "direct") == {"a slap in the face": "Polly Vance"}


def test_a_speech_verb_with_an_object_reports_no_clause_around_it(nlp_model):
    text = (
        "The app showed no history at all, as users reported the loss of their old chats. "
        "Storms grew more common, with a 2020 report noting a sharp rise in floods.\n"
    )
    assert [q for q in _quotes(text) if q[0] == "indirect"] == []
