"""Quotations and their speakers, with the real model, and the scores on hand-made gold."""

from __future__ import annotations

import json

import pytest

from nlp.quote_marks import find_marked_spans
from tests.nlp_fixtures import (
    HELD_OUT_GOLD,
    OWN_GOLD,
    OWN_TEXTS,
    SCORER,
    SEED_GOLD,
    SEEDS,
    analyse,
    export_for,
    gold_without_offsets,
    load_scorer,
    model,
)


@pytest.fixture(scope="session")
def nlp_model():
    return model()


def _quotes(text: str) -> list[tuple[str, str, str | None, bool]]:
    """(kind, content, speaker, partial) of every quotation found in ``text``."""
    return [(q.kind, text[q.start : q.end], q.speaker, q.partial) for q in analyse(text).quotes]


def _marked(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_marked_spans(text)]


def test_apostrophes_are_not_quotation_marks():
    text = "Don't ask about Assad's plans, the ministers' view or rock 'n' roll in the '90s.\n"
    assert _marked(text) == []


def test_quotation_over_paragraphs_is_one_span():
    text = '"First part,\n\n"second part.\n\n"Last part," he said.\n'
    assert _marked(text) == ['First part,\n\n"second part.\n\n"Last part,']


def test_single_marks_with_double_inside_stay_one_quotation():
    text = "'They all say \"we will fix it\" and nothing happens,' she said.\n"
    assert _marked(text) == ['They all say "we will fix it" and nothing happens,']


def test_quotation_broken_by_attribution_gives_two_with_one_speaker(nlp_model):
    text = (
        "Council leader Margaret Okafor spoke after the vote.\n\n"
        "\u201cThe plan,\u201d she said, \u201cis the only one we can afford.\u201d\n"
    )
    direct = [q for q in _quotes(text) if q[0] == "direct"]
    assert [q[1] for q in direct] == ["The plan,", "is the only one we can afford."]
    assert {q[2] for q in direct} == {"Margaret Okafor"}


def test_partial_quotation_inside_the_writers_sentence(nlp_model):
    text = 'Finance minister Anna Berg called the talks "very constructive" on Monday.\n'
    assert ("direct", "very constructive", "Anna Berg", True) in _quotes(text)


def test_reported_clause_and_partial_quote_both_found(nlp_model):
    text = 'In a statement, the ministry said that any intervention was "unacceptable".\n'
    found = _quotes(text)
    assert ("direct", "unacceptable", "the ministry", True) in found
    assert ("indirect", 'any intervention was "unacceptable"', "the ministry", False) in found


def test_titles_nicknames_and_scare_quotes_are_not_quotations(nlp_model):
    text = (
        'The library will show "Casablanca" and "The Third Man" this summer.\n\n'
        'The screenings, dubbed "Reels at the Library", are free.\n\n'
        'Plans for the so-called "super-hub" will go ahead.\n'
    )
    assert [q for q in _quotes(text) if q[0] == "direct"] == []


def test_unattributed_sentence_in_marks_follows_the_previous_speaker(nlp_model):
    text = (
        "Police Chief Raymond Ortiz said the force was ready.\n\n"
        "\u201cWe have trained for this.\u201d\n"
    )
    assert ("direct", "We have trained for this.", "Raymond Ortiz", False) in _quotes(text)


def test_pronoun_speaker_is_the_latest_person_subject(nlp_model):
    text = (
        "Whitlock said his side had been unlucky.\n\n"
        "Diallo, 20, said afterwards he had dreamed of Wembley.\n\n"
        "\u201cMy mum will be watching,\u201d he said.\n"
    )
    found = _quotes(text)
    assert ("direct", "My mum will be watching,", "Diallo", False) in found


def test_it_resolves_to_the_body_not_a_person(nlp_model):
    text = (
        "The Syrian Observatory for Human Rights said 34 soldiers died. "
        "It added that 12 deserters were also killed.\n"
    )
    found = _quotes(text)
    assert (
        "indirect",
        "12 deserters were also killed",
        "Syrian Observatory for Human Rights",
        False,
    ) in found


def test_according_to_names_its_source(nlp_model):
    text = "Markets had priced in a cut, according to traders, and the euro rose.\n"
    assert ("indirect", "Markets had priced in a cut", "traders", False) in _quotes(text)


def test_innermost_reported_clause_without_the_writers_relative_clause(nlp_model):
    text = (
        "The chairman revealed he had told the meeting that the regime felt protected.\n\n"
        "He stressed that the opposition would not talk to the president or his family, "
        "whom he accused of being responsible.\n"
    )
    contents = [q[1] for q in _quotes(text) if q[0] == "indirect"]
    assert contents == [
        "the regime felt protected",
        "the opposition would not talk to the president or his family",
    ]


def test_role_speaker_resolves_to_the_person_described(nlp_model):
    text = (
        "Burhan Ghalioun, head of the opposition Syrian National Council, met diplomats.\n\n"
        "The SNC chairman said the talks had failed.\n"
    )
    assert ("indirect", "the talks had failed", "Burhan Ghalioun", False) in _quotes(text)


def test_unnamed_source_stays_as_written(nlp_model):
    text = "The Kremlin is being called on to change its stance, a member of the opposition said.\n"
    found = _quotes(text)
    assert found[0][2] == "a member of the opposition"


def _score(gold_path, folder, clean: bool) -> dict:
    scorer = load_scorer()
    gold = gold_without_offsets(json.loads(gold_path.read_text()))
    return scorer.score(gold, export_for(gold, folder, clean), None)


def _assert_targets(result: dict, direct_f1: float, indirect_f1: float, speakers: float) -> None:
    details = "\n".join(result["details"])
    assert not result["missing_articles"]
    assert result["direct"]["f1"] >= direct_f1, details
    assert result["indirect"]["f1"] >= indirect_f1, details
    for kind in ("direct", "indirect"):
        assert result[kind]["speaker_accuracy"] >= speakers, details


@pytest.mark.skipif(not SCORER.exists(), reason=f"the shared scorer {SCORER} is not there")
def test_seed_gold_meets_the_targets(nlp_model):
    _assert_targets(_score(SEED_GOLD, SEEDS, clean=True), 0.95, 0.85, 0.90)


@pytest.mark.skipif(not SCORER.exists(), reason=f"the shared scorer {SCORER} is not there")
def test_own_gold_meets_the_targets(nlp_model):
    _assert_targets(_score(OWN_GOLD, OWN_TEXTS, clean=False), 0.95, 0.85, 0.90)


# --- newsroom rules: each case is an invented sentence for one general error type -------------


def _indirect(text: str) -> list[tuple[str, str | None, str | None]]:
    """(content, speaker, cue) of every reported quotation found in ``text``."""
    return [
        (text[q.start : q.end], q.speaker, q.cue)
        for q in analyse(text).quotes
        if q.kind == "indirect"
    ]


def test_hearing_in_court_is_reported_speech_but_the_court_is_not_the_speaker(nlp_model):
    text = (
        "The trial of Dean Walsh continued at Leeds Crown Court on Tuesday.\n\n"
        "The court heard that Walsh had sent the messages from a prison cell.\n\n"
        "Jurors heard from a forensic accountant that the money was moved abroad in 2021.\n"
    )
    found = _indirect(text)
    assert ("Walsh had sent the messages from a prison cell", None, "hear") in found
    assert (
        "the money was moved abroad in 2021",
        "a forensic accountant",
        "hear",
    ) in found


def test_studies_and_inquiries_find_but_a_person_finding_a_door_does_not_speak(nlp_model):
    text = (
        "A new study finds that people who walk to work sleep better.\n\n"
        "Researchers at Calder University found the effect was strongest in older workers.\n\n"
        "The inquiry found that managers had ignored repeated warnings.\n\n"
        "When he got home, he found that the door had been forced.\n"
    )
    assert _indirect(text) == [
        ("people who walk to work sleep better", "A new study", "find"),
        (
            "the effect was strongest in older workers",
            "Researchers at Calder University",
            "find",
        ),
        ("managers had ignored repeated warnings", "The inquiry", "find"),
    ]


def test_urging_believing_and_ruling_verbs_report_a_clause(nlp_model):
    text = (
        "Police believe the gunman fled the city on Sunday night.\n\n"
        "The committee urged that the hospital be closed until the review ends.\n\n"
        "The judge ruled that the evidence could not be used at trial.\n"
    )
    contents = {c: cue for c, _, cue in _indirect(text)}
    assert contents.get("the gunman fled the city on Sunday night") == "believe"
    assert contents.get("the hospital be closed until the review ends") == "urge"
    assert contents.get("the evidence could not be used at trial") == "rule"


def test_adding_money_and_refusing_to_comment_are_not_speech(nlp_model):
    text = (
        "The index added 2 per cent on Friday, with \u201cfrantic\u201d buying late in the day.\n\n"
        "Vantage added $14 billion in market value after it said profits would double.\n\n"
        "The minister declined to say whether the plan would survive the vote.\n\n"
        "A spokesman for the club refused to comment on reports that the coach would leave.\n\n"
        "Police would not say whether anyone had been arrested.\n\n"
        "Officials were unable to say how many homes had been damaged.\n\n"
        "The company added that it expected profits to rise.\n"
    )
    found = _quotes(text)
    assert [q[1] for q in found if q[0] == "direct"] == []
    assert [(q[1], q[2]) for q in found if q[0] == "indirect"] == [
        ("profits would double", "Vantage"),
        ("it expected profits to rise", "The company"),
    ]


def test_names_after_naming_words_are_not_quotations(nlp_model):
    text = (
        "Fans call him \u201cthe wall\u201d because he rarely concedes.\n\n"
        "The striker, known to supporters as \u201cthe ghost\u201d, scored twice, "
        "his manager said.\n\n"
        "The activists, calling themselves \u201cthe night watch\u201d, said they would "
        "patrol the estate.\n\n"
        "A phone dubbed \u201cthe brick\u201d went on sale, the company said.\n\n"
        "Plans for a so-called \u201cgarden bridge\u201d were dropped, the mayor said.\n\n"
        "The minister called the report \u201cdeeply flawed\u201d on Monday.\n\n"
        "The coach called him \u201ca disgrace to the game\u201d after the match.\n"
    )
    direct = [q[1] for q in _quotes(text) if q[0] == "direct"]
    assert direct == ["deeply flawed", "a disgrace to the game"]


def test_relative_pronoun_speaker_is_its_antecedent(nlp_model):
    text = (
        "The Harbour Trust, which said the pier was unsafe, will meet on Friday.\n\n"
        "Gareth Price, who told reporters he was innocent, left court by a side door.\n"
    )
    found = _indirect(text)
    assert ("the pier was unsafe", "Harbour Trust", "say") in found
    assert ("he was innocent", "Gareth Price", "tell") in found


def test_pronoun_keeps_to_gender_shown_by_titles_and_first_names(nlp_model):
    text = (
        "Mr Tom Hale said the budget was balanced for the first time in a decade.\n\n"
        "Sarah Quinn, the finance chief, sat beside him at the launch.\n\n"
        "\u201cWe have made hard choices,\u201d he said.\n\n"
        "She said the council would publish the figures in full next week.\n"
    )
    found = _quotes(text)
    assert ("direct", "We have made hard choices,", "Tom Hale", False) in found
    assert (
        "indirect",
        "the council would publish the figures in full next week",
        "Sarah Quinn",
        False,
    ) in found


def test_pronoun_prefers_the_subject_of_the_previous_sentence(nlp_model):
    text = (
        "Judge Helen Marsh jailed Anna Doyle, who had told the court she was sorry, "
        "for six years.\n\n"
        "She said the attack on the shopkeeper had been cowardly and cruel.\n"
    )
    found = _indirect(text)
    assert (
        "the attack on the shopkeeper had been cowardly and cruel",
        "Helen Marsh",
        "say",
    ) in found


def test_they_can_stand_for_an_organisation(nlp_model):
    text = (
        "Northway Rail said services would resume on Monday morning.\n\n"
        "They added that passengers with cancelled tickets would get a full refund.\n"
    )
    found = _indirect(text)
    assert (
        "passengers with cancelled tickets would get a full refund",
        "Northway Rail",
        "add",
    ) in found


def test_speech_verb_inside_the_reported_clause_keeps_the_outer_speaker(nlp_model):
    text = (
        "Dr Kofi Mensah said the findings suggested that the drug was safe for children.\n\n"
        "The chairman revealed he had told the meeting that the regime felt protected.\n"
    )
    found = _indirect(text)
    assert (
        "the findings suggested that the drug was safe for children",
        "Kofi Mensah",
        "say",
    ) in found
    assert any(c == "the regime felt protected" for c, _, _ in found)


def test_parenthetical_attribution_takes_both_halves(nlp_model):
    text = (
        "Economist Maria Lopez has studied the scheme for years.\n\n"
        "The plan, she points out, was never properly costed.\n\n"
        "The deal, according to two people familiar with the talks, could be signed "
        "this week.\n"
    )
    found = _indirect(text)
    assert (
        "The plan, she points out, was never properly costed",
        "Maria Lopez",
        "point out",
    ) in found
    assert (
        "The deal, according to two people familiar with the talks, could be signed this week",
        "two people familiar with the talks",
        "according to",
    ) in found


def test_reported_clause_ends_at_the_speakers_second_verb_phrase(nlp_model):
    text = (
        "The mayor said the plan was flawed and urged ministers to think again.\n\n"
        "Ms Ruth Kerr said she would resign and left the room in tears.\n\n"
        "The union said its members had voted to strike and called for talks.\n\n"
        "The report said prices had risen and wages had fallen.\n"
    )
    contents = [c for c, _, _ in _indirect(text)]
    assert contents == [
        "the plan was flawed",
        "she would resign",
        "its members had voted to strike",
        "prices had risen and wages had fallen",
    ]


def test_as_attributions_and_withheld_answers(nlp_model):
    text = (
        "As the minister pointed out, the plan was never properly costed.\n\n"
        "The figures are volatile, as Mr Smith noted on Tuesday.\n\n"
        "Mr Smith told reporters he had been told that the deal was off.\n\n"
        "The regulator would neither confirm nor deny that an investigation was under way.\n"
    )
    assert _indirect(text) == [
        ("the plan was never properly costed", "the minister", "point out"),
        ("The figures are volatile", "Smith", "note"),
        ("he had been told that the deal was off", "Smith", "tell"),
    ]


def test_a_body_named_by_a_common_noun_is_the_body_named_before(nlp_model):
    text = (
        "Cycling UK said the figures were disappointing.\n\n"
        "The charity added that it would publish its own survey next month.\n\n"
        "Harbour Bank said profits had doubled. The bank said it would hire 200 staff.\n"
    )
    found = _indirect(text)
    assert ("it would publish its own survey next month", "Cycling UK", "add") in found
    assert ("it would hire 200 staff", "Harbour Bank", "say") in found


# Measured on the held-out gold when the rules were last changed (direct P 1.000 R 1.000 F1 1.000
# speaker .989; indirect P .967 R .921 F1 .943 speaker 1.000); each floor sits a little under.
HELD_OUT_FLOORS = {
    "direct": {"precision": 0.96, "recall": 0.96, "f1": 0.97, "speaker_accuracy": 0.95},
    "indirect": {"precision": 0.94, "recall": 0.89, "f1": 0.92, "speaker_accuracy": 0.97},
}


@pytest.mark.skipif(not SCORER.exists(), reason=f"the shared scorer {SCORER} is not there")
def test_held_out_gold_stays_above_its_floors(nlp_model):
    """The fresh texts were never used to write the rules: a drop here is a regression."""
    result = _score(HELD_OUT_GOLD, OWN_TEXTS, clean=False)
    assert not result["missing_articles"]
    for kind, floors in HELD_OUT_FLOORS.items():
        for measure, floor in floors.items():
            assert result[kind][measure] >= floor, (kind, measure, result[kind])


def test_words_in_marks_after_what_someone_called_are_their_quotation(nlp_model):
    text = (
        "Union leader Owen Pryce attacked what he called \u201cpoverty wages\u201d at the "
        "depot.\n\n"
        "Councillor Priya Shah condemned what she called a \u201cshameful retreat\u201d on "
        "housing.\n\n"
        "A cafe called \u201cthe blue door\u201d opened on the corner.\n"
    )
    direct = [(q[1], q[2], q[3]) for q in _quotes(text) if q[0] == "direct"]
    assert direct == [
        ("poverty wages", "Owen Pryce", True),
        ("shameful retreat", "Priya Shah", True),
    ]


def test_reported_clause_does_not_end_on_a_conjunction(nlp_model):
    text = (
        "The company said sales had slowed in the autumn and warned that jobs could go.\n\n"
        "The report said prices had risen and wages had fallen.\n"
    )
    contents = [c for c, _, _ in _indirect(text)]
    assert "sales had slowed in the autumn" in contents
    assert "prices had risen and wages had fallen" in contents
    assert not any(c.rstrip().endswith((" and", " or", " but", ",")) for c in contents)


def test_partial_quotation_in_a_reported_clause_keeps_the_outer_speaker(nlp_model):
    text = (
        "The minister said the findings suggested that \u201cthe scheme has failed\u201d in "
        "rural areas.\n\n"
        "Dr Ines Moreau said the records indicated that \u201cno one checked the pumps\u201d "
        "for a year.\n"
    )
    direct = [(q[1], q[2]) for q in _quotes(text) if q[0] == "direct"]
    assert direct == [
        ("the scheme has failed", "The minister"),
        ("no one checked the pumps", "Ines Moreau"),
    ]


def test_names_after_so_called_or_dubbed_are_not_quotations_beside_a_speech_verb(nlp_model):
    text = (
        "Rebel commander Tariq Aziz led the so-called \u201cDesert Falcons\u201d into the city, "
        "officials said.\n\n"
        "A gang dubbed \u201cThe Harbour Boys\u201d ran the docks for years, detectives said.\n\n"
        "\u201cStop the vote,\u201d the protesters shouted outside.\n"
    )
    direct = [q[1] for q in _quotes(text) if q[0] == "direct"]
    assert direct == ["Stop the vote,"]


def test_she_is_the_executive_named_before_even_when_the_model_calls_her_a_body(nlp_model):
    text = (
        "HAMBURG, Germany, March 3 (Reuters) - The ferry operator said on Monday it would add "
        "two routes.\n\n"
        "Chief executive Marieke de Vries said the routes would keep the line competitive "
        "with Kiel. "
        "\u201cPassengers asked for this for years,\u201d she said.\n"
    )
    found = _quotes(text)
    speakers = {quote[1]: quote[2] for quote in found}
    assert speakers["Passengers asked for this for years,"] == "Marieke de Vries"


def test_an_untagged_body_named_with_of_keeps_its_whole_name(nlp_model):
    text = (
        "GDANSK, Poland, May 2 (Reuters) - The Port of Gdansk Authority said on Friday it would "
        "dredge the channel.\n\n"
        "Polly Nash of the campaign group said the plan would fail.\n"
    )
    speakers = [quote[2] for quote in _quotes(text)]
    assert speakers == ["Port of Gdansk Authority", "Polly Nash"]
