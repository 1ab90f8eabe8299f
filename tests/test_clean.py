"""Pasted news text: furniture set aside by general rules, metadata found, the article kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.clean import article_paragraphs, clean_plain_text
from tests.conftest import SAMPLES

UPI = SAMPLES / "upi-kremlin-pressed-on-syrian-stance.txt"
BBC = SAMPLES / "bbc-syria-opposition-fails-to-convince-russia.txt"

UPI_BOILERPLATE = [
    "Advertisement",
    "UPI/ Ahmed Ahmed",
    "1 of 2 |",
    "License Photo",
    "Syrian protestors burn pictures",
    "Latest Headlines",
    "Kremlin pressed on Syrian stance",
]
BBC_BOILERPLATE = [
    "Middle East",
    "Syria opposition fails to convince Russia over Assad",
    "Burhan Ghalioun speaks in Moscow",
    "Photo:",
    "Image caption",
    "has ruled out engaging in talks",
    "Are you in Syria?",
    "send your comments",
    "using the form below",
    "Your contact details",
    "If you are happy to be contacted",
    "Terms and conditions",
    "Privacy Policy",
    "Related Internet links",
    "not responsible for the content of external Internet sites",
]
LEAD = "A minister said on Tuesday that the talks would go on for as long as they were needed."


@pytest.fixture(scope="module")
def upi():
    return clean_plain_text(UPI.read_text())


@pytest.fixture(scope="module")
def bbc():
    return clean_plain_text(BBC.read_text())


def test_upi_metadata(upi):
    assert upi.title == "Kremlin pressed on Syrian stance"
    assert upi.section is None
    assert upi.source == "UPI"
    assert upi.dateline == "MOSCOW, Nov. 15 (UPI) --"
    assert upi.published == "2011-11-15"
    assert upi.format == "txt"


def test_bbc_metadata(bbc):
    assert bbc.title == "Syria opposition fails to convince Russia over Assad"
    assert bbc.section == "Middle East"
    assert bbc.source == "BBC"
    assert bbc.published == "2011-11-15"
    assert bbc.dateline is None


@pytest.mark.parametrize("line", UPI_BOILERPLATE)
def test_upi_boilerplate_left_out(upi, line):
    assert line not in upi.text


@pytest.mark.parametrize("line", BBC_BOILERPLATE)
def test_bbc_boilerplate_left_out(bbc, line):
    assert line not in bbc.text


def test_upi_body_kept(upi):
    assert upi.text.startswith("MOSCOW, Nov. 15 (UPI) -- The Kremlin is being called on")
    assert '"It is about time the Russian leadership' in upi.text
    assert upi.text.endswith('released more than 1,000 prisoners "who didn\'t commit murder."')


def test_bbc_body_kept_with_subheads(bbc):
    assert bbc.text.startswith("Syria's opposition leader says he has failed")
    for paragraph in ("'Intervention unacceptable'", "Sanctions tightened"):
        assert f"\n\n{paragraph}\n\n" in bbc.text
    assert bbc.text.endswith("The ministers also approved the freezing of loans to Syria from the "
                             "European Investment Bank.")


def test_boilerplate_ranges_cover_what_was_left_out(upi, bbc):
    for document in (upi, bbc):
        dropped = [document.original[start:end] for start, end in document.boilerplate]
        assert all(piece.strip() == piece and piece for piece in dropped)
        assert all(piece not in document.text for piece in dropped)
        assert document.title in dropped
    assert "Latest Headlines" in [upi.original[s:e] for s, e in upi.boilerplate]


def test_general_furniture_labels():
    original = "\n\n".join([
        "Markets rally as inflation cools",
        "By Jane Smith, Reuters",
        "Published 3 March 2024",
        LEAD,
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "READ MORE: Central bank holds rates",
        "The index rose by two percent, its best day since the start of the year, traders said.",
        "Share this article",
        "Related stories",
        "Central bank holds rates",
        "Oil prices slip",
        "© 2024 Example News. All rights reserved.",
    ])
    document = clean_plain_text(original)
    assert document.title == "Markets rally as inflation cools"
    assert document.byline == "Jane Smith, Reuters"
    assert document.source == "Reuters"
    assert document.published == "2024-03-03"
    assert document.text.split("\n\n") == [
        LEAD,
        "The index rose by two percent, its best day since the start of the year, traders said.",
    ]


def test_captions_and_credits():
    original = "\n".join([
        "Storm batters the coast",
        "Waves crash over the sea wall. (Photo by John Doe/Getty Images)",
        "Image copyright Getty Images",
        "Residents clear debris on Monday. AP Photo/Jane Roe",
        "",
        LEAD,
        "",
        "Residents clear debris on Monday.",
    ])
    document = clean_plain_text(original)
    assert document.title == "Storm batters the coast"
    assert document.text == LEAD


@pytest.mark.parametrize(
    ("opening", "source", "published"),
    [
        ("LONDON (Reuters) -", "Reuters", None),
        ("WASHINGTON (AP) —", "AP", None),
        ("PARIS, 3 March (AFP) -", "AFP", "2024-03-03"),
        ("MOSCOW, Nov. 15 (Interfax) --", "Interfax", "2024-11-15"),
    ],
)
def test_wire_datelines(opening, source, published):
    """The agency is the source; the caption above the dateline goes; the year comes from
    a full date elsewhere in the text."""
    original = "\n\n".join([
        "Talks to go on",
        "A caption that sits between the headline and the dateline",
        f"{opening} {LEAD}",
        "The talks began on 1 March 2024 in Geneva and have been held every day since then.",
    ])
    document = clean_plain_text(original)
    assert document.dateline == opening
    assert document.source == source
    assert document.published == published
    assert document.text.startswith(f"{opening} A minister said")
    assert "caption" not in document.text


def test_dateline_without_agency_opens_the_story():
    document = clean_plain_text(f"Talks to go on\n\nKYIV, Ukraine — {LEAD}")
    assert document.dateline == "KYIV, Ukraine —"
    assert document.source is None


def test_acronym_with_dash_is_not_a_dateline():
    document = clean_plain_text(f"Talks to go on\n\n{LEAD}\n\nNATO - the alliance - said no more.")
    assert document.dateline is None


def test_body_dates_are_not_publication_dates():
    document = clean_plain_text(f"Talks to go on\n\n{LEAD} They began on 1 March 2003.")
    assert document.published is None


def test_hard_wrapped_paragraphs_are_joined():
    original = (
        "Council approves new budget\n\n"
        "The city council approved the new budget on Tuesday after a\n"
        "long debate about how much should go to schools and how much\n"
        "to roads, the mayor said.\n\n"
        "Second paragraph of the story, with more detail about the vote.\n"
    )
    document = clean_plain_text(original)
    assert document.text.split("\n\n")[0] == (
        "The city council approved the new budget on Tuesday after a long debate about how much "
        "should go to schools and how much to roads, the mayor said."
    )


def test_one_paragraph_per_line_without_blank_lines():
    original = "Council approves new budget\n" + LEAD + "\nA second sentence as its own line."
    document = clean_plain_text(original)
    assert document.title == "Council approves new budget"
    assert document.text == f"{LEAD}\n\nA second sentence as its own line."


def test_comment_form_cuts_the_tail():
    original = "\n\n".join([
        "Flood waters rise",
        LEAD,
        "Get in touch",
        "Were you affected? Tell us what happened.",
        "A last line that belongs to the form.",
    ])
    assert clean_plain_text(original).text == LEAD


def test_no_headline_leaves_title_empty():
    assert clean_plain_text(LEAD).title == ""
    assert clean_plain_text(LEAD).text == LEAD


def test_markdown():
    original = (
        "---\ntitle: Front matter title\ndate: 2020-05-01\nauthor: Ann Lee\n---\n\n"
        "World\n\n"
        "# Vote *delayed* again\n\n"
        "![A crowd outside parliament](crowd.jpg)\n\n"
        "The **vote** was [delayed](https://example.com/vote) for a _third_ time, officials said"
        " on `Friday`.\n\n"
        "## What happens next\n\n"
        "- Members will meet again next week to discuss the plan.\n"
    )
    document = clean_plain_text(original, "md")
    assert document.format == "md"
    assert document.title == "Vote delayed again"
    assert document.section == "World"
    assert document.published == "2020-05-01"
    assert document.byline == "Ann Lee"
    assert document.text.split("\n\n") == [
        "The vote was delayed for a third time, officials said on Friday.",
        "What happens next",
        "Members will meet again next week to discuss the plan.",
    ]


def test_article_paragraphs_for_extracted_text():
    kept, dateline, agency = article_paragraphs(
        [f"LONDON (Reuters) - {LEAD}", "Advertisement", "By Jane Smith", "The end of it."]
    )
    assert kept == [f"LONDON (Reuters) - {LEAD}", "The end of it."]
    assert dateline == "LONDON (Reuters) -"
    assert agency == "Reuters"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400), st.sampled_from(["txt", "md"]))
def test_any_text_cleans_without_error(original, fmt):
    document = clean_plain_text(original, fmt)
    for start, end in document.boilerplate:
        assert 0 <= start <= end <= len(original)


def test_sentence_case_section_date_line_and_photo_credit_source():
    original = "\n\n".join([
        "World news",
        "Zelenskyy urges allies to speed up arms deliveries",
        "Mon 4 Mar 2024 14.02 GMT",
        LEAD,
        "Photograph: Efrem Lukatsky/AP",
        "Most viewed",
        "Some other story headline\nAnother story headline",
    ])
    document = clean_plain_text(original)
    assert document.section == "World news"
    assert document.title == "Zelenskyy urges allies to speed up arms deliveries"
    assert document.published == "2024-03-04"
    assert document.source is None  # a photo credit names the agency, not the publisher
    assert document.text == LEAD
